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
from docx.oxml import OxmlElement
from docx.shared import Cm, Mm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from coopact.documents import template_bytes  # noqa: E402

TEXTS = {
    "fr": {
        "vision_title": "Note de vision partagée",
        "colon": "\u00a0: ",
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
        "sponsor": "Sponsor exécutif",
        "findings": "Points d’attention",
        "severity": "Gravité",
        "finding": "Constat",
        "no_findings": "Aucun point d’attention : la vision est complète.",
        "serving": "Objectifs communs qui servent ses enjeux",
        "scorecard": "Tableau de bord de la méthode",
        "scorecard_intro": (
            "Chacun des 14 éléments de la méthode (5 facteurs de succès, 6 difficultés, "
            "2 risques, jalons SMART) est apprécié : absent, partiel ou couvert, au vu de ce "
            "que le dossier établit et des points d’attention relevés."
        ),
        "element": "Élément",
        "rating": "Appréciation",
        "evidence": "Ce que le dossier établit",
        "element_findings": "Points d’attention",
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
        "dependency": "Dépendance et garanties des partenaires de l’ESS",
        "dependency_intro": (
            "Un partenaire de l’ESS dont le principal financeur apporte au moins la moitié des "
            "ressources valorisées du partenariat, ou au moins 30 % de son budget annuel, en "
            "dépend ; minoritaire au comité, il lui faut une garantie : décision par consensus "
            "ou à l’unanimité, droit de veto sur les décisions touchant sa mission et ses "
            "lignes rouges, ou plan de sortie de la dépendance."
        ),
        "no_dependency": "Aucun partenaire de l’ESS dans ce partenariat.",
        "ess_partner": "Partenaire de l’ESS",
        "funder": "Principal financeur",
        "resources_share": "Part des ressources",
        "budget_share": "Part de son budget annuel",
        "safeguards": "Garanties",
        "assessment": "Appréciation",
        "benefits_detail": "Les bénéfices attendus et leur mesure",
        "measure": "Mesure",
        "social_value": (
            "Ce qui n’est pas valorisé reste « non valorisé », jamais zéro : une approche de "
            "valorisation adaptée à sa nature est proposée, pour que les partenaires en "
            "conviennent."
        ),
        "balance_closing": (
            "Chaque partenaire accepte ces constats ou les refuse. Accepter un déséquilibre "
            "demande une justification écrite, conservée avec la décision."
        ),
    },
    "en": {
        "vision_title": "Shared vision note",
        "colon": ": ",
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
        "sponsor": "Executive sponsor",
        "findings": "Points to look at",
        "severity": "Severity",
        "finding": "Finding",
        "no_findings": "Nothing to look at: the vision is complete.",
        "serving": "Shared objectives serving its stakes",
        "scorecard": "Method scorecard",
        "scorecard_intro": (
            "Each of the method’s 14 elements (5 success factors, 6 difficulties, 2 risks, "
            "SMART milestones) is rated absent, partial or covered, from what the file "
            "establishes and the points found."
        ),
        "element": "Element",
        "rating": "Rating",
        "evidence": "What the file establishes",
        "element_findings": "Points to look at",
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
        "dependency": "Dependency and safeguards of the ESS partners",
        "dependency_intro": (
            "An ESS partner whose main funder brings at least half of the partnership’s valued "
            "resources, or at least 30% of its annual budget, depends on it; in a minority on "
            "the committee, it needs a safeguard: decisions by consensus or unanimity, a veto "
            "on decisions touching its mission and red lines, or a dependency-exit plan."
        ),
        "no_dependency": "No ESS partner in this partnership.",
        "ess_partner": "ESS partner",
        "funder": "Main funder",
        "resources_share": "Share of resources",
        "budget_share": "Share of its annual budget",
        "safeguards": "Safeguards",
        "assessment": "Assessment",
        "benefits_detail": "The expected benefits and how they are measured",
        "measure": "Measure",
        "social_value": (
            "What is not valued stays “not valued”, never zero: a valuation approach suited to "
            "its nature is suggested, for the partners to agree on."
        ),
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
    section = document.sections[0]  # A4, 2.5 cm margins: 16 cm of text, as the agreement
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    return document


def _small(table) -> None:
    """Tables in 9 pt: names, amounts and dates fit their columns whole."""
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def _keep_rows_whole(table, header: bool = True) -> None:
    """No row split across pages; the header row (when ``header``) repeated on each page."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if header and index == 0:
            properties.append(OxmlElement("w:tblHeader"))


def _widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths, so that Word and LibreOffice never break a word inside a cell."""
    table.autofit = False  # w:tblLayout fixed
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        column.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _loop_table(
    document: Document,
    headers: list[str],
    loop: str,
    cells: list[list[str]],
    widths_cm: list[float],
):
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
    _widths(table, widths_cm)
    _keep_rows_whole(table)
    _small(table)
    return table


def _label_table(document: Document, rows: list[tuple[str, list[str]]], widths_cm: list[float]):
    """A two-column table of labels and values (each value a list of paragraphs)."""
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (label, paragraphs) in zip(table.rows, rows, strict=True):
        row.cells[0].text = label
        for run in row.cells[0].paragraphs[0].runs:
            run.bold = True
        row.cells[1].text = paragraphs[0]
        for text in paragraphs[1:]:
            row.cells[1].add_paragraph(text)
    _widths(table, widths_cm)
    _keep_rows_whole(table, header=False)
    _small(table)
    return table


def _list_cell(expression: str) -> list[str]:
    return [f"{{%p for item in {expression} %}}", "{{ item }}", "{%p endfor %}"]


def _findings_section(
    document: Document, t: dict[str, str], empty: str, widths_cm: list[float]
) -> None:
    document.add_heading(t["findings"], level=1)
    document.add_paragraph("{%p if findings %}")
    _loop_table(
        document,
        [t["severity"], t["finding"]],
        "f in findings",
        [["{{ f.severity }}"], ["{{ f.text }}"]],
        widths_cm,
    )
    document.add_paragraph("{%p else %}")
    document.add_paragraph(empty)
    document.add_paragraph("{%p endif %}")


def _scorecard_section(document: Document, t: dict[str, str], widths_cm: list[float]) -> None:
    document.add_heading(t["scorecard"], level=1)
    document.add_paragraph(t["scorecard_intro"]).paragraph_format.keep_with_next = True
    _loop_table(
        document,
        [t["element"], t["rating"], t["evidence"], t["element_findings"]],
        "s in scorecard",
        [
            ["{{ s.element }}", "({{ s.group }})"],
            ["{{ s.rating }}"],
            _list_cell("s.evidence"),
            ["{{ s.findings }}"],
        ],
        widths_cm,
    )


def _heading_block(document: Document, t: dict[str, str], title: str) -> None:
    document.add_heading(title, level=0)
    document.add_paragraph("{{ title }}").runs[0].bold = True
    document.add_paragraph(f"{t['reference']}{t['colon']}{{{{ reference }}}}")
    document.add_paragraph(
        f"{t['term']}{t['colon']}{{{{ duration_months }}}} {t['months']} {t['from']} "
        "{{ start_date }}"
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
    # One table per partner, labels on the left: no narrow column breaks a word.
    document.add_paragraph("{%p for p in partners %}")
    document.add_heading("{{ p.heading }}", level=2)
    _label_table(
        document,
        [
            (t["mission"], ["{{ p.mission }}"]),
            (t["stakes"], _list_cell("p.stakes")),
            (t["serving"], _list_cell("p.serving")),
            (t["constraints"], _list_cell("p.constraints")),
            (t["red_lines"], _list_cell("p.red_lines")),
            (t["sponsor"], ["{{ p.sponsor }}"]),
        ],
        [4.5, 11.5],
    )
    document.add_paragraph("{%p endfor %}")
    _scorecard_section(document, t, [3.6, 2.8, 6.8, 2.8])
    _findings_section(document, t, t["no_findings"], [2.6, 13.4])
    document.add_paragraph(t["vision_closing"])
    return document


def balance_report(language: str) -> Document:
    t = TEXTS[language]
    document = _new_document(t["balance_title"])
    section = document.sections[0]  # A4 landscape: the ledger's eight columns
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
        [5.0, 3.2, 3.0, 2.4, 2.2, 2.4, 2.0, 5.9],
    )
    document.add_heading(t["dependency"], level=1)
    document.add_paragraph(t["dependency_intro"]).paragraph_format.keep_with_next = True
    document.add_paragraph("{%p if dependencies %}")
    _loop_table(
        document,
        [
            t["ess_partner"],
            t["funder"],
            t["resources_share"],
            t["budget_share"],
            t["votes"],
            t["safeguards"],
            t["assessment"],
        ],
        "d in dependencies",
        [
            ["{{ d.partner }}"],
            ["{{ d.funder }}"],
            ["{{ d.resources }}"],
            ["{{ d.budget }}"],
            ["{{ d.votes }}"],
            _list_cell("d.safeguards"),
            ["{{ d.state }}"],
        ],
        [5.0, 5.0, 3.6, 3.4, 2.4, 4.0, 2.7],
    )
    document.add_paragraph("{%p else %}")
    document.add_paragraph(t["no_dependency"])
    document.add_paragraph("{%p endif %}")
    document.add_heading(t["contributions"], level=1)
    document.add_paragraph(t["social_value"]).paragraph_format.keep_with_next = True
    _loop_table(
        document,
        [t["partner"], t["kind"], t["description"], t["value"]],
        "c in contributions",
        [["{{ c.partner }}"], ["{{ c.kind }}"], ["{{ c.description }}"], ["{{ c.value }}"]],
        [5.0, 2.9, 9.0, 9.2],
    )
    document.add_heading(t["benefits_detail"], level=1)
    _loop_table(
        document,
        [t["partner"], t["benefits"], t["measure"]],
        "b in benefits",
        [["{{ b.partner }}"], ["{{ b.description }}"], ["{{ b.measure }}"]],
        [5.0, 10.6, 10.5],
    )
    _scorecard_section(document, t, [5.0, 3.0, 13.1, 5.0])
    _findings_section(document, t, t["no_balance_findings"], [3.0, 23.1])
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
