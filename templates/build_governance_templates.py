"""Build the governance charter templates (templates/fr/charter.docx, templates/en/charter.docx).

Run from the repository root: ``python templates/build_governance_templates.py``.
Idempotent: the same script gives byte-identical files. The templates hold only loops over
the context prepared by ``coopact.stages.governance.charter_context``; every condition is
evaluated in Python.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from coopact.documents import loop_table, template_bytes

HERE = Path(__file__).resolve().parent

TEXTS = {
    "fr": {
        "title": "Charte de gouvernance du partenariat",
        "intro": "Partenariat {{ reference }} : {{ title }}, du {{ start }} au {{ end }}.",
        "parties": "Entre les partenaires :",
        "committee": "1. Comité de pilotage",
        "committee_intro": "Le comité de pilotage se réunit {{ committee.meets }}. "
        "Il est composé des membres suivants :",
        "members_head": ["Membre", "Partenaire", "Fonction", "Voix"],
        "rule": "Règle de décision : le comité décide {{ committee.rule }}.",
        "votes": "Répartition des voix : {{ committee.votes }}.",
        "quorum": "Quorum : {{ committee.quorum }}.",
        "deadlock": "En cas de blocage : {{ committee.deadlock }}",
        "team": "2. Équipe projet",
        "team_intro": "Chaque partenaire désigne un référent, interlocuteur du quotidien :",
        "team_head": ["Partenaire", "Référent", "Fonction", "Courriel"],
        "rituals": "3. Rituels",
        "rituals_head": ["Rituel", "Fréquence", "Participants"],
        "plan": "4. Plan de communication",
        "plan_intro": "Chaque rituel partage les informations suivantes ; les revues "
        "vérifient qu'il a eu lieu et que ces informations ont été partagées.",
        "plan_head": ["Rituel", "Ce qui est partagé"],
        "milestones": "5. Jalons",
        "milestones_head": ["Jalon", "Intitulé", "Porteur", "Indicateur", "Échéance", "Go/noGo"],
        "calendar": "6. Calendrier de la première année",
        "calendar_intro": "Les rituels, jalons, revues et échéances jusqu'au {{ first_year_end }} "
        "(le fichier iCalendar joint les place dans l'agenda de chacun) :",
        "calendar_head": ["Date", "Rendez-vous"],
        "reviews": "Revues Go/noGo : {{ reviews_cadence }} ; préavis de "
        "renouvellement au plus tard le {{ renewal_notice }}.",
    },
    "en": {
        "title": "Partnership governance charter",
        "intro": "Partnership {{ reference }}: {{ title }}, from {{ start }} to {{ end }}.",
        "parties": "Between the partners:",
        "committee": "1. Steering committee",
        "committee_intro": "The steering committee meets {{ committee.meets }}. Its members are:",
        "members_head": ["Member", "Partner", "Role", "Votes"],
        "rule": "Decision rule: the committee decides by {{ committee.rule }}.",
        "votes": "Votes held: {{ committee.votes }}.",
        "quorum": "Quorum: {{ committee.quorum }}.",
        "deadlock": "In case of deadlock: {{ committee.deadlock }}",
        "team": "2. Project team",
        "team_intro": "Each partner names a referent, its day-to-day contact:",
        "team_head": ["Partner", "Referent", "Role", "Email"],
        "rituals": "3. Rituals",
        "rituals_head": ["Ritual", "Cadence", "Participants"],
        "plan": "4. Communication plan",
        "plan_intro": "Each ritual shares the following; the reviews check that it took "
        "place and that this was shared.",
        "plan_head": ["Ritual", "What it shares"],
        "milestones": "5. Milestones",
        "milestones_head": ["Milestone", "Title", "Owner", "Indicator", "Due", "Go/noGo"],
        "calendar": "6. First year's calendar",
        "calendar_intro": "Rituals, milestones, reviews and deadlines until {{ first_year_end }} "
        "(the attached iCalendar file puts them in everyone's calendar):",
        "calendar_head": ["Date", "Appointment"],
        "reviews": "Go/noGo reviews: {{ reviews_cadence }}; renewal notice no "
        "later than {{ renewal_notice }}.",
    },
}


def _layout(table) -> None:
    """Header row repeated on each page, no row split across two pages."""
    from docx.oxml import OxmlElement

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _second_line(table, column: int, text: str) -> None:
    """A second paragraph in the body cell of ``column`` (a role under a name...)."""
    paragraph = table.rows[2].cells[column].add_paragraph()
    paragraph.add_run(text).font.size = Pt(POINTS)


POINTS = 9


def build(language: str) -> bytes:
    t = TEXTS[language]
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    document.styles["Heading 1"].paragraph_format.keep_with_next = True
    document.add_heading(t["title"], level=0)
    document.add_paragraph(t["intro"])
    document.add_paragraph(t["parties"])
    document.add_paragraph("{%p for partner in partners %}")
    document.add_paragraph("{{ partner }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")

    document.add_heading(t["committee"], level=1)
    document.add_paragraph(t["committee_intro"]).paragraph_format.keep_with_next = True
    table = loop_table(
        document,
        t["members_head"],
        "committee.members",
        ["name", "partner", "role", "votes"],
        points=POINTS,
        widths=[4.0, 5.6, 4.6, 1.8],
    )
    _layout(table)
    document.add_paragraph(t["rule"])
    document.add_paragraph(t["votes"])
    document.add_paragraph(t["quorum"])
    document.add_paragraph(t["deadlock"])

    document.add_heading(t["team"], level=1)
    document.add_paragraph(t["team_intro"]).paragraph_format.keep_with_next = True
    head = t["team_head"]
    table = loop_table(
        document,
        [head[0], f"{head[1]} – {head[2]}", head[3]],
        "team",
        ["partner", "name", "email"],
        points=POINTS,
        widths=[5.2, 4.6, 6.2],
    )
    _second_line(table, 1, "{{ row.role }}")
    _layout(table)

    document.add_heading(t["rituals"], level=1)
    table = loop_table(
        document,
        t["rituals_head"],
        "rituals",
        ["name", "cadence", "name"],
        points=POINTS,
        widths=[4.6, 4.4, 7.0],
    )
    cell = table.rows[2].cells[2]
    cell.paragraphs[0].runs[0].text = "{%p for n in row.participant_list %}"
    cell.add_paragraph().add_run("{{ n }}").font.size = Pt(POINTS)
    cell.add_paragraph("{%p endfor %}")
    _layout(table)

    document.add_heading(t["plan"], level=1)
    document.add_paragraph(t["plan_intro"]).paragraph_format.keep_with_next = True
    table = loop_table(
        document, t["plan_head"], "rituals", ["name", "shares"], points=POINTS, widths=[5.0, 11.0]
    )
    _layout(table)

    document.add_heading(t["milestones"], level=1)
    head = t["milestones_head"]
    table = loop_table(
        document,
        [head[1], head[2], head[3], head[4]],
        "milestones",
        ["title", "owner", "indicator", "due"],
        points=POINTS,
        widths=[3.8, 5.0, 3.4, 3.8],
    )
    table.rows[2].cells[0].paragraphs[0].runs[0].text = "{{ row.key }} – {{ row.title }}"
    _second_line(table, 0, head[5] + (" : " if language == "fr" else ": ") + "{{ row.gate }}")
    _layout(table)
    document.add_paragraph(t["reviews"])

    document.add_heading(t["calendar"], level=1)
    document.add_paragraph(t["calendar_intro"]).paragraph_format.keep_with_next = True
    table = loop_table(
        document,
        t["calendar_head"],
        "calendar",
        ["date", "what"],
        points=POINTS,
        widths=[3.6, 12.4],
    )
    _layout(table)

    return template_bytes(document, title=t["title"])


def main() -> None:
    for language in TEXTS:
        target = HERE / language / "charter.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build(language))
        print(f"wrote {target.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
