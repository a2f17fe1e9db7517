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
from docx.shared import Pt

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
        "milestones_head": [
            "Jalon",
            "Intitulé",
            "Échéance",
            "Indicateur",
            "Cible",
            "Valeur actuelle",
            "Mise à jour",
            "État",
        ],
        "rituals": "3. Rituels",
        "rituals_intro": "Séances tenues sur la période, comparées à celles qu'implique la "
        "fréquence de chaque rituel :",
        "rituals_head": ["Rituel", "Fréquence", "Séances prévues", "Séances tenues"],
        "partners": "4. Avis des partenaires",
        "partners_intro": "Engagement et confiance notés de 1 à 5 ; bénéfices réels comparés "
        "aux bénéfices attendus ; lignes rouges signalées franchies ; mission de "
        "l'organisation de l'ESS toujours servie.",
        "partners_head": [
            "Partenaire",
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
        "conditions_head": [
            "Condition",
            "Partenaire responsable",
            "Échéance",
            "Indicateur",
            "État",
        ],
    },
    "en": {
        "title": "Go/noGo review report",
        "intro": "Partnership {{ reference }}: {{ title }}.",
        "date": "Review of {{ review_date }}, period examined {{ period }}.",
        "recommendation": "1. Recommendation",
        "reasons": "Reasons:",
        "milestones": "2. Milestones",
        "milestones_head": [
            "Milestone",
            "Title",
            "Due",
            "Indicator",
            "Target",
            "Current value",
            "Updated",
            "Status",
        ],
        "rituals": "3. Rituals",
        "rituals_intro": "Meetings held over the period, against those each ritual's cadence "
        "implies:",
        "rituals_head": ["Ritual", "Cadence", "Meetings expected", "Meetings held"],
        "partners": "4. The partners' views",
        "partners_intro": "Engagement and trust scored from 1 to 5; real benefits against "
        "those expected; red lines reported as crossed; the ESS organisation's mission still "
        "served.",
        "partners_head": [
            "Partner",
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
        "conditions_head": ["Condition", "Partner responsible", "Due", "Indicator", "State"],
    },
}


def build(language: str) -> bytes:
    t = TEXTS[language]
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
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
    loop_table(
        document,
        t["milestones_head"],
        "milestones",
        ["key", "title", "due", "indicator", "target", "value", "updated", "status"],
        points=9,
        widths=[1.4, 2.8, 2.1, 3.0, 1.6, 1.7, 2.0, 1.9],
    )

    document.add_heading(t["rituals"], level=1)
    document.add_paragraph(t["rituals_intro"])
    loop_table(
        document, t["rituals_head"], "rituals", ["name", "cadence", "expected", "held"], points=9
    )

    document.add_heading(t["partners"], level=1)
    document.add_paragraph(t["partners_intro"])
    loop_table(
        document,
        t["partners_head"],
        "partners",
        ["name", "engagement", "trust", "benefits", "red_lines", "mission", "comment"],
        points=9,
    )

    document.add_heading(t["findings"], level=1)
    loop_table(document, t["findings_head"], "findings", ["severity", "text"], points=9)

    document.add_heading(t["conditions"], level=1)
    loop_table(
        document,
        t["conditions_head"],
        "conditions",
        ["what", "owner", "due", "indicator", "state"],
        points=9,
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
