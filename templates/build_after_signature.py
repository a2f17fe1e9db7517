"""Build the templates of the acts made after the signature (templates/<lang>/...):

- ``minutes.docx``: procès-verbal du comité de pilotage (a review's votes and decision);
- ``avenant.docx``: avenant à la convention (an amendment, or a renewal);
- ``termination_letter.docx``: lettre de résiliation / de non-renouvellement;
- ``exit_statement.docx``: état de sortie (contributions, sums, continuity, returns).

Run from the repository root: ``python templates/build_after_signature.py``. Idempotent.
The templates hold only fields and loops over the context prepared in
``coopact.stages.acts``; every wording that depends on the case is chosen in Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm, Mm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from coopact.documents import loop_table, template_bytes  # noqa: E402

TEXTS = {
    "fr": {
        "minutes": "Procès-verbal du comité de pilotage",
        "m_intro": "Partenariat {{ reference }} : {{ title }}.",
        "m_date": "Réunion du comité de pilotage du {{ date }} : revue Go/noGo {{ covers }}.",
        "m_rule": "Règle de décision : {{ rule }}. Quorum : {{ quorum }}. Membres ayant voté : "
        "{{ voted }} sur {{ seated }}.",
        "m_votes": "1. Votes",
        "m_votes_head": ["Membre", "Partenaire", "Voix", "Vote", "Motif"],
        "m_decision": "2. Décision",
        "m_conditions": "3. Conditions",
        "m_conditions_head": ["Condition", "Partenaire responsable", "Échéance", "Indicateur"],
        "m_findings": "4. Constats examinés",
        "m_findings_head": ["Gravité", "Constat"],
        "m_close": "Le présent procès-verbal est établi à partir des votes enregistrés ; il est "
        "communiqué à chacun des partenaires.",
        "avenant_intro": "Entre les soussignés :",
        "avenant_agreed": "Il a été convenu ce qui suit :",
        "a_object": "Article 1 – Objet de l'avenant",
        "a_changes": "Article 2 – Stipulations modifiées",
        "a_changes_head": [
            "Article de la convention",
            "Stipulation modifiée",
            "Ancienne rédaction",
            "Nouvelle rédaction",
        ],
        "a_effect": "Article 3 – Date d'effet",
        "a_other": "Article 4 – Autres stipulations",
        "a_sign": "Fait en autant d'exemplaires originaux que de parties.",
        "a_sign_head": ["Partie", "Signataire", "Qualité", "Date et signature"],
        "l_place": "Le {{ date }}",
        "l_object": "Objet : {{ subject }}",
        "l_ref": "Convention de partenariat {{ reference }} : {{ title }}",
        "l_notice": "Préavis : {{ notice }}.",
        "l_effect": "Date d'effet : {{ effective }}.",
        "l_to": "Destinataires :",
        "e_intro": "Partenariat {{ reference }} : {{ title }}. Fin du partenariat à effet du "
        "{{ effective }} ({{ cause }}).",
        "e_contrib": "1. Contributions engagées et dues à la date d'effet",
        "e_contrib_head": [
            "Partenaire",
            "Nature",
            "Contribution",
            "Engagé sur la durée",
            "Dû au prorata",
        ],
        "e_sums": "2. Sommes à régler",
        "e_continuity": "3. Continuité pour les bénéficiaires",
        "e_returns": "4. Restitution des matériels et des données",
        "e_ack": "5. Prise d'acte par chaque partenaire",
        "e_ack_head": ["Partenaire", "Représentant", "Prise d'acte"],
    },
    "en": {
        "minutes": "Minutes of the steering committee",
        "m_intro": "Partnership {{ reference }}: {{ title }}.",
        "m_date": "Meeting of the steering committee of {{ date }}: Go/noGo review {{ covers }}.",
        "m_rule": "Decision rule: {{ rule }}. Quorum: {{ quorum }}. Members who voted: "
        "{{ voted }} of {{ seated }}.",
        "m_votes": "1. Votes",
        "m_votes_head": ["Member", "Partner", "Votes", "Vote", "Reason"],
        "m_decision": "2. Decision",
        "m_conditions": "3. Conditions",
        "m_conditions_head": ["Condition", "Partner responsible", "Due", "Indicator"],
        "m_findings": "4. Findings examined",
        "m_findings_head": ["Severity", "Finding"],
        "m_close": "These minutes are drawn up from the votes recorded; they are sent to each "
        "partner.",
        "avenant_intro": "Between the undersigned:",
        "avenant_agreed": "It has been agreed as follows:",
        "a_object": "Article 1 – Purpose of the amendment",
        "a_changes": "Article 2 – Provisions amended",
        "a_changes_head": [
            "Article of the agreement",
            "Provision amended",
            "Former wording",
            "New wording",
        ],
        "a_effect": "Article 3 – Effective date",
        "a_other": "Article 4 – Other provisions",
        "a_sign": "Made in as many originals as there are parties.",
        "a_sign_head": ["Party", "Signatory", "Capacity", "Date and signature"],
        "l_place": "{{ date }}",
        "l_object": "Subject: {{ subject }}",
        "l_ref": "Partnership agreement {{ reference }}: {{ title }}",
        "l_notice": "Notice: {{ notice }}.",
        "l_effect": "Effective date: {{ effective }}.",
        "l_to": "To:",
        "e_intro": "Partnership {{ reference }}: {{ title }}. End of the partnership effective "
        "{{ effective }} ({{ cause }}).",
        "e_contrib": "1. Contributions committed and due at the effective date",
        "e_contrib_head": [
            "Partner",
            "Kind",
            "Contribution",
            "Committed for the term",
            "Due pro rata",
        ],
        "e_sums": "2. Sums to settle",
        "e_continuity": "3. Continuity for the beneficiaries",
        "e_returns": "4. Return of materials and data",
        "e_ack": "5. Acknowledgement by each partner",
        "e_ack_head": ["Partner", "Representative", "Acknowledgement"],
    },
}


def _document(title: str) -> Document:
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]  # A4, 2.5 cm margins: 16 cm of text, as the agreement
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    document.add_heading(title, level=0)
    return document


def _kept(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _whole(table, height_cm: float | None = None) -> None:
    """A table kept whole on one page (each row with the next), rows optionally tall
    enough to sign in."""
    rows = list(table.rows)
    for index, row in enumerate(rows):
        if height_cm is not None and index == 2:  # the repeated row
            row.height = Cm(height_cm)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = index < len(rows) - 1


def _bullets(document: Document, loop: str) -> None:
    document.add_paragraph("{%p for item in " + loop + " %}")
    document.add_paragraph("{{ item }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")


def _paragraphs(document: Document, loop: str) -> None:
    document.add_paragraph("{%p for item in " + loop + " %}")
    document.add_paragraph("{{ item }}")
    document.add_paragraph("{%p endfor %}")


def minutes(t: dict) -> Document:
    d = _document(t["minutes"])
    d.add_paragraph(t["m_intro"])
    d.add_paragraph(t["m_date"])
    d.add_paragraph(t["m_rule"])
    d.add_heading(t["m_votes"], level=1)
    loop_table(
        d,
        t["m_votes_head"],
        "votes",
        ["name", "partner", "weight", "vote", "reason"],
        points=9,
        widths=[3.4, 4.9, 1.5, 2.8, 3.4],
    )
    d.add_heading(t["m_decision"], level=1)
    d.add_paragraph().add_run("{{ decision }}").bold = True
    _paragraphs(d, "decision_notes")
    d.add_heading(t["m_conditions"], level=1)
    loop_table(
        d,
        t["m_conditions_head"],
        "conditions",
        ["what", "owner", "due", "indicator"],
        points=9,
        widths=[4.0, 4.9, 3.6, 3.5],
    )
    d.add_heading(t["m_findings"], level=1)
    loop_table(
        d, t["m_findings_head"], "findings", ["severity", "text"], points=9, widths=[2.6, 13.4]
    )
    d.add_paragraph(t["m_close"])
    return d


def avenant(t: dict) -> Document:
    d = _document("{{ heading }}")
    d.add_paragraph("{{ subtitle }}")
    d.add_paragraph(t["avenant_intro"])
    _bullets(d, "parties")
    d.add_paragraph(t["avenant_agreed"])
    d.add_heading(t["a_object"], level=1)
    d.add_paragraph("{{ purpose }}")
    d.add_heading(t["a_changes"], level=1)
    loop_table(
        d,
        t["a_changes_head"],
        "changes",
        ["article", "field", "former", "new"],
        points=9,
        widths=[3.2, 4.6, 4.1, 4.1],
    )
    d.add_heading(t["a_effect"], level=1)
    d.add_paragraph("{{ effect }}")
    d.add_heading(t["a_other"], level=1)
    d.add_paragraph("{{ other }}")
    _kept(d.add_paragraph(t["a_sign"]))  # the signature block whole, with its heading
    signatures = loop_table(
        d,
        t["a_sign_head"],
        "signatories",
        ["partner", "name", "capacity", "blank"],
        points=10,
        widths=[4.9, 3.4, 3.4, 4.3],
    )
    _whole(signatures, height_cm=2.0)
    return d


def termination_letter(t: dict) -> Document:
    d = _document("{{ heading }}")
    d.add_paragraph(t["l_place"])
    d.add_paragraph(t["l_to"])
    _bullets(d, "recipients")
    d.add_paragraph().add_run(t["l_object"]).bold = True
    d.add_paragraph(t["l_ref"])
    _paragraphs(d, "body")
    d.add_paragraph(t["l_notice"])
    d.add_paragraph(t["l_effect"])
    d.add_paragraph("{%p for item in closing %}")
    _kept(d.add_paragraph("{{ item }}"))  # the closing stays with who signs it
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{{ signed_by }}")
    return d


def exit_statement(t: dict) -> Document:
    d = _document("{{ heading }}")
    d.add_paragraph(t["e_intro"])
    d.add_heading(t["e_contrib"], level=1)
    loop_table(
        d,
        t["e_contrib_head"],
        "contributions",
        ["partner", "kind", "description", "committed", "due"],
        points=9,
        widths=[4.5, 2.6, 3.4, 2.75, 2.75],
    )
    d.add_heading(t["e_sums"], level=1)
    _paragraphs(d, "sums")
    d.add_heading(t["e_continuity"], level=1)
    _paragraphs(d, "continuity")
    d.add_heading(t["e_returns"], level=1)
    _bullets(d, "returns")
    d.add_heading(t["e_ack"], level=1)
    _kept(d.add_paragraph("{{ acknowledgement }}"))
    acknowledgements = loop_table(
        d,
        t["e_ack_head"],
        "acknowledgements",
        ["partner", "name", "status"],
        points=10,
        widths=[6.0, 5.0, 5.0],
    )
    _whole(acknowledgements)
    return d


BUILDERS = {
    "minutes": minutes,
    "avenant": avenant,
    "termination_letter": termination_letter,
    "exit_statement": exit_statement,
}


def main() -> None:
    for language, texts in TEXTS.items():
        for name, builder in BUILDERS.items():
            target = HERE / language / f"{name}.docx"
            target.write_bytes(template_bytes(builder(texts), title=name, language=language))
            print(f"wrote {target.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
