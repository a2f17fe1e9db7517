"""Build the Go/noGo review report templates (templates/fr/review_report.docx, en/...).

Run from the repository root: ``python templates/build_review_report.py``.
Idempotent: the same script gives byte-identical files. The templates hold only loops over
the context prepared by ``coopact.stages.review.report_context``; every condition (health
check filled or not, status of a milestone, the recommendation) is evaluated in Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.shared import Cm, Mm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from coopact.documents import loop_table, template_bytes  # noqa: E402

TEXTS = {
    "fr": {
        "title": "Rapport de revue Go/noGo",
        "intro": "Partenariat {{ reference }} : {{ title }}.",
        "date": "Revue du {{ review_date }}, période examinée {{ period }}.",
        "recommendation": "1. Recommandation",
        "reasons": "Motifs :",
        "milestones": "2. Jalons",
        "milestones_head": ["Jalon", "Indicateur", "Valeur actuelle", "État"],
        "due": "Échéance : {{ row.due }}",
        "target": "Cible : {{ row.target }}",
        "rituals": "3. Rituels",
        "rituals_intro": "Séances tenues sur la période, comparées à celles qu'implique la "
        "fréquence de chaque rituel :",
        "rituals_head": ["Rituel", "Fréquence", "Séances prévues", "Séances tenues"],
        "partners": "4. Avis des partenaires",
        "partners_intro": "Engagement et confiance notés de 1 à 5 ; bénéfices réels comparés "
        "aux bénéfices attendus ; lignes rouges signalées franchies ; mission de "
        "l'organisation de l'ESS toujours servie.",
        "partners_labels": [
            "Engagement",
            "Confiance",
            "Bénéfices",
            "Lignes rouges franchies",
            "Mission servie",
            "Commentaire",
        ],
        "findings": "5. Constats",
        "findings_head": ["Gravité", "Constat"],
        "conditions": "6. Conditions fixées lors des revues précédentes",
        "conditions_head": ["Condition", "Partenaire responsable", "Échéance", "État"],
    },
    "en": {
        "title": "Go/noGo review report",
        "intro": "Partnership {{ reference }}: {{ title }}.",
        "date": "Review of {{ review_date }}, period examined {{ period }}.",
        "recommendation": "1. Recommendation",
        "reasons": "Reasons:",
        "milestones": "2. Milestones",
        "milestones_head": ["Milestone", "Indicator", "Current value", "Status"],
        "due": "Due: {{ row.due }}",
        "target": "Target: {{ row.target }}",
        "rituals": "3. Rituals",
        "rituals_intro": "Meetings held over the period, against those each ritual's cadence "
        "implies:",
        "rituals_head": ["Ritual", "Cadence", "Meetings expected", "Meetings held"],
        "partners": "4. The partners' views",
        "partners_intro": "Engagement and trust scored from 1 to 5; real benefits against "
        "those expected; red lines reported as crossed; the ESS organisation's mission still "
        "served.",
        "partners_labels": [
            "Engagement",
            "Trust",
            "Benefits",
            "Red lines crossed",
            "Mission served",
            "Comment",
        ],
        "findings": "5. Findings",
        "findings_head": ["Severity", "Finding"],
        "conditions": "6. Conditions set at earlier reviews",
        "conditions_head": ["Condition", "Partner responsible", "Due", "State"],
    },
}


def _a4(document: Document) -> None:
    section = document.sections[0]  # A4, 2.5 cm margins: 16 cm of text, as the agreement
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))


def _lead(document: Document, text: str) -> None:
    """A paragraph introducing the table that follows: kept on the table's page."""
    document.add_paragraph(text).paragraph_format.keep_with_next = True


def _partners(document: Document, t: dict) -> None:
    """One block per partner, its name as heading and its answers beside their labels:
    no narrow column cuts a name or a word."""
    document.add_paragraph("{%p for p in partners %}")
    document.add_heading("{{ p.name }}", level=2)
    fields = ["engagement", "trust", "benefits", "red_lines", "mission", "comment"]
    table = document.add_table(rows=len(fields), cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, (4.5, 11.5), strict=True):
        column.w = Cm(width)
    for row, label, field in zip(table.rows, t["partners_labels"], fields, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        row.cells[0].width, row.cells[1].width = Cm(4.5), Cm(11.5)
        row.cells[0].text = label
        row.cells[0].paragraphs[0].runs[0].bold = True
        if field == "red_lines":  # each red line crossed, quoted, on its own line
            row.cells[1].text = "{%p for item in p.red_lines %}"
            row.cells[1].add_paragraph("{{ item }}")
            row.cells[1].add_paragraph("{%p endfor %}")
        else:
            row.cells[1].text = "{{ p." + field + " }}"
        for cell in row.cells:
            for paragraph in cell.paragraphs:  # the table whole, on one page
                paragraph.paragraph_format.keep_with_next = field != fields[-1]
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_paragraph("{%p endfor %}")


def build(language: str) -> bytes:
    t = TEXTS[language]
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    _a4(document)
    document.add_heading(t["title"], level=0)
    document.add_paragraph(t["intro"])
    document.add_paragraph(t["date"])
    document.add_paragraph("{{ covers }}")
    document.add_paragraph("{{ health_check }}")

    document.add_heading(t["recommendation"], level=1)
    strong = document.add_paragraph().add_run("{{ recommendation }}")
    strong.bold = True
    document.add_paragraph(t["reasons"])
    document.add_paragraph("{%p for reason in reasons %}")
    document.add_paragraph("{{ reason }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ note }}")

    document.add_heading(t["milestones"], level=1)
    table = loop_table(
        document,
        t["milestones_head"],
        "milestones",
        ["key/title/due", "indicator/target", "value/updated", "status"],
        points=9,
        widths=[5.0, 4.4, 3.8, 2.8],
    )
    # The due date and the target read with their labels, written in the template.
    cells = table.rows[2].cells
    cells[0].paragraphs[2].runs[0].text = t["due"]
    cells[1].paragraphs[1].runs[0].text = t["target"]
    cells[0].paragraphs[0].runs[0].bold = True

    document.add_heading(t["rituals"], level=1)
    _lead(document, t["rituals_intro"])
    loop_table(
        document,
        t["rituals_head"],
        "rituals",
        ["name", "cadence", "expected", "held"],
        points=9,
        widths=[5.0, 4.6, 3.2, 3.2],
    )

    document.add_heading(t["partners"], level=1)
    document.add_paragraph(t["partners_intro"])
    _partners(document, t)

    document.add_heading(t["findings"], level=1)
    loop_table(
        document,
        t["findings_head"],
        "findings",
        ["severity", "text"],
        points=9,
        widths=[2.6, 13.4],
    )

    document.add_heading(t["conditions"], level=1)
    loop_table(
        document,
        t["conditions_head"],
        "conditions",
        ["what/indicator", "owner", "due", "state"],
        points=9,
        widths=[3.9, 4.9, 3.6, 3.6],
    )

    return template_bytes(document, title=t["title"])


def main() -> None:
    for language in TEXTS:
        target = HERE / language / "review_report.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build(language))
        print(f"wrote {target.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
