"""Build the Word templates of the vision note and the balance report, in French and English.

Run from the repository root: ``python templates/build_vision_balance.py``. It rewrites
templates/{fr,en}/vision_note.docx and balance_report.docx, byte for byte the same at each
run. The templates hold only text, loops and ifs over a context prepared in Python
(coopact/stages/vision.py and balance.py): no conditions on data are evaluated here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from coopact.documents import template_bytes  # noqa: E402

TEXTS = {
    "fr": {
        "vision_title": "Note de vision partagée",
        "reference": "Référence",
        "term": "Durée",
        "from": "à compter du",
        "months": "mois",
        "vision": "La vision partagée",
        "objectives": "Objectifs communs",
        "beneficiaries": "Bénéficiaires",
        "partners": "Les partenaires : missions, enjeux, contraintes et lignes rouges",
        "partner": "Partenaire",
        "mission": "Mission",
        "stakes": "Enjeux stratégiques",
        "constraints": "Contraintes",
        "red_lines": "Lignes rouges",
        "sponsors": "Sponsors exécutifs",
        "sponsor": "Sponsor exécutif",
        "role": "Fonction",
        "findings": "Points d’attention",
        "severity": "Gravité",
        "finding": "Constat",
        "field": "Champ du fichier",
        "no_findings": "Aucun point d’attention : la vision est complète.",
        "vision_closing": (
            "Chaque sponsor exécutif approuve cette note au nom de son organisation ; la vision "
            "est partagée lorsque tous l’ont approuvée."
        ),
        "balance_title": "Rapport d’équilibre du partenariat",
        "shares": "Qui apporte, qui porte les risques, qui décide",
        "totals": (
            "Contributions valorisées : {{ totals.contributions }} ; risques : "
            "{{ totals.risks }} ; voix au comité de pilotage : {{ totals.votes }} "
            "(règle de décision : {{ totals.rule }})."
        ),
        "ledger": "Le registre de l’équilibre",
        "contributions_eur": "Contributions valorisées",
        "contribution_share": "Part des contributions",
        "risks": "Risques portés",
        "risk_share": "Part des risques",
        "votes": "Voix au comité",
        "vote_share": "Part des voix",
        "benefits": "Bénéfices attendus",
        "contributions": "Le détail des contributions",
        "kind": "Nature",
        "description": "Description",
        "value": "Valeur",
        "no_balance_findings": "Aucun déséquilibre relevé.",
        "balance_closing": (
            "Chaque partenaire accepte ces constats ou les refuse. Accepter un déséquilibre "
            "demande une justification écrite, conservée avec la décision."
        ),
    },
    "en": {
        "vision_title": "Shared vision note",
        "reference": "Reference",
        "term": "Term",
        "from": "from",
        "months": "months",
        "vision": "The shared vision",
        "objectives": "Shared objectives",
        "beneficiaries": "Beneficiaries",
        "partners": "The partners: missions, stakes, constraints and red lines",
        "partner": "Partner",
        "mission": "Mission",
        "stakes": "Strategic stakes",
        "constraints": "Constraints",
        "red_lines": "Red lines",
        "sponsors": "Executive sponsors",
        "sponsor": "Executive sponsor",
        "role": "Role",
        "findings": "Points to look at",
        "severity": "Severity",
        "finding": "Finding",
        "field": "Field of the file",
        "no_findings": "Nothing to look at: the vision is complete.",
        "vision_closing": (
            "Each executive sponsor approves this note on behalf of their organisation; the "
            "vision is shared once all of them have approved it."
        ),
        "balance_title": "Partnership balance report",
        "shares": "Who brings what, who carries the risks, who decides",
        "totals": (
            "Valued contributions: {{ totals.contributions }}; risks: {{ totals.risks }}; "
            "votes on the steering committee: {{ totals.votes }} "
            "(decision rule: {{ totals.rule }})."
        ),
        "ledger": "The balance ledger",
        "contributions_eur": "Valued contributions",
        "contribution_share": "Share of contributions",
        "risks": "Risks carried",
        "risk_share": "Share of risks",
        "votes": "Committee votes",
        "vote_share": "Share of votes",
        "benefits": "Expected benefits",
        "contributions": "The contributions in detail",
        "kind": "Kind",
        "description": "Description",
        "value": "Value",
        "no_balance_findings": "No imbalance found.",
        "balance_closing": (
            "Each partner accepts these findings or rejects them. Accepting an imbalance "
            "requires a written justification, kept with the decision."
        ),
    },
}


def _new_document(title: str) -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    document.core_properties.title = title
    return document


def _loop_table(document: Document, headers: list[str], loop: str, cells: list[list[str]]):
    """A table: a header row, then one row per item of ``loop`` (``x in items``).

    Each entry of ``cells`` is the list of paragraphs of one cell.
    """
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
    table.rows[1].cells[0].text = f"{{%tr for {loop} %}}"
    for cell, paragraphs in zip(table.rows[2].cells, cells, strict=True):
        cell.text = paragraphs[0]
        for text in paragraphs[1:]:
            cell.add_paragraph(text)
    table.rows[3].cells[0].text = "{%tr endfor %}"
    return table


def _list_cell(expression: str) -> list[str]:
    return [f"{{%p for item in {expression} %}}", "{{ item }}", "{%p endfor %}"]


def _findings_section(document: Document, t: dict[str, str], empty: str) -> None:
    document.add_heading(t["findings"], level=1)
    document.add_paragraph("{%p if findings %}")
    _loop_table(
        document,
        [t["severity"], t["finding"], t["field"]],
        "f in findings",
        [["{{ f.severity }}"], ["{{ f.text }}"], ["{{ f.path }}"]],
    )
    document.add_paragraph("{%p else %}")
    document.add_paragraph(empty)
    document.add_paragraph("{%p endif %}")


def _heading_block(document: Document, t: dict[str, str], title: str) -> None:
    document.add_heading(title, level=0)
    document.add_paragraph("{{ title }}").runs[0].bold = True
    document.add_paragraph(f"{t['reference']} : {{{{ reference }}}}")
    document.add_paragraph(
        f"{t['term']} : {{{{ duration_months }}}} {t['months']} {t['from']} {{{{ start_date }}}}"
    )


def vision_note(language: str) -> Document:
    t = TEXTS[language]
    document = _new_document(t["vision_title"])
    _heading_block(document, t, t["vision_title"])
    document.add_heading(t["vision"], level=1)
    document.add_paragraph("{{ vision.statement }}")
    document.add_heading(t["objectives"], level=2)
    document.add_paragraph("{%p for objective in vision.objectives %}")
    document.add_paragraph("{{ objective }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_heading(t["beneficiaries"], level=2)
    document.add_paragraph("{{ vision.beneficiaries }}")
    document.add_heading(t["partners"], level=1)
    _loop_table(
        document,
        [t["partner"], t["mission"], t["stakes"], t["constraints"], t["red_lines"]],
        "p in partners",
        [
            ["{{ p.name }}", "{{ p.legal_form }}"],
            ["{{ p.mission }}"],
            _list_cell("p.stakes"),
            _list_cell("p.constraints"),
            _list_cell("p.red_lines"),
        ],
    )
    document.add_heading(t["sponsors"], level=1)
    _loop_table(
        document,
        [t["partner"], t["sponsor"], t["role"]],
        "p in partners",
        [["{{ p.name }}"], ["{{ p.sponsor_name }}"], ["{{ p.sponsor_role }}"]],
    )
    _findings_section(document, t, t["no_findings"])
    document.add_paragraph(t["vision_closing"])
    return document


def balance_report(language: str) -> Document:
    t = TEXTS[language]
    document = _new_document(t["balance_title"])
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    _heading_block(document, t, t["balance_title"])
    document.add_heading(t["shares"], level=1)
    document.add_paragraph("{{ chart }}")
    document.add_paragraph(t["totals"])
    document.add_heading(t["ledger"], level=1)
    _loop_table(
        document,
        [
            t["partner"],
            t["contributions_eur"],
            t["contribution_share"],
            t["risks"],
            t["risk_share"],
            t["votes"],
            t["vote_share"],
            t["benefits"],
        ],
        "p in ledger",
        [
            ["{{ p.name }}"],
            ["{{ p.contributions_eur }}"],
            ["{{ p.contribution_share }}"],
            ["{{ p.risks }}"],
            ["{{ p.risk_share }}"],
            ["{{ p.votes }}"],
            ["{{ p.vote_share }}"],
            _list_cell("p.benefits"),
        ],
    )
    document.add_heading(t["contributions"], level=1)
    _loop_table(
        document,
        [t["partner"], t["kind"], t["description"], t["value"]],
        "c in contributions",
        [["{{ c.partner }}"], ["{{ c.kind }}"], ["{{ c.description }}"], ["{{ c.value }}"]],
    )
    _findings_section(document, t, t["no_balance_findings"])
    document.add_paragraph(t["balance_closing"])
    return document


def _save(document: Document, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template_bytes(document, title=document.core_properties.title))


def main() -> None:
    for language in TEXTS:
        _save(vision_note(language), HERE / language / "vision_note.docx")
        _save(balance_report(language), HERE / language / "balance_report.docx")


if __name__ == "__main__":
    main()
