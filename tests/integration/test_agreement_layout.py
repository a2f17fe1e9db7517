"""Layout read in the PDF a partner prints: LibreOffice converts the agreement and
``pdftotext -layout`` shows that names, amounts and dates are never broken, and that the
signature blocks stay together with their heading."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from contracts.agreement import assemble
from contracts.formatting import format_amount, format_date
from coopact.clause_library import clause_library
from coopact.pdf import docx_to_pdf
from coopact.stages.agreement import generate
from coopact.stages.base import WorkContext
from schemas import Partnership

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "fr example": ROOT / "coopact" / "examples" / "partnership.example.yaml",
    "en three-partner mécénat": ROOT / "tests" / "data" / "mecenat.three.en.yaml",
}

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice and pdftotext",
    ),
]


def _pdf_text(partnership: Partnership) -> str:
    document = generate(
        partnership, WorkContext("P-2027-001", ROOT / "templates", dt.date(2027, 1, 1))
    )
    pdf = docx_to_pdf(document.content, name="agreement")
    layout = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return layout.replace("\u00a0", " ").replace("\u202f", " ")


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("case", list(FILES))
def test_names_amounts_and_dates_are_never_broken(case: str) -> None:
    partnership = Partnership.model_validate(yaml.safe_load(FILES[case].read_text()))
    language = partnership.language.value
    text = _pdf_text(partnership)
    lines = text.splitlines()

    for partner in partnership.partners:  # whole on one line, at least in the annexes
        assert any(partner.name in line for line in lines), partner.name
        assert f"{'Pour' if language == 'fr' else 'For'} {partner.name}" in text

    amounts = [c.valued_eur for c in partnership.contributions if c.valued_eur is not None]
    context = assemble(partnership, clause_library(ROOT / "templates"))
    for amount in amounts:
        assert _plain(format_amount(amount, language)) in text, amount
    for total in context["totals"]:
        assert _plain(total["total"]) in text
    assert _plain(context["grand_total"]) in text

    dates = [partnership.start_date, partnership.end_date, *(m.due for m in partnership.milestones)]
    for day in dates:
        assert _plain(format_date(day, language)) in text, day
    # no word cut by a narrow column (the old "Compétence/s", "Partenair/e")
    for word in ("Compétences", "Financier", "En nature") if language == "fr" else ("In kind",):
        if any(word.lower() in (c["kind"].lower()) for c in context["contributions"]):
            assert word in text


@pytest.mark.parametrize("case", list(FILES))
def test_the_signature_blocks_stay_together_with_their_heading(case: str) -> None:
    partnership = Partnership.model_validate(yaml.safe_load(FILES[case].read_text()))
    pages = _pdf_text(partnership).split("\f")
    lead = "Pour" if partnership.language.value == "fr" else "For"
    (page,) = [p for p in pages if f"{lead} {partnership.partners[0].name}" in p]
    assert "Signatures" in page
    for partner in partnership.partners:
        assert f"{lead} {partner.name}" in page
        assert partner.signatory is not None and partner.signatory.name in page


@pytest.mark.parametrize("case", list(FILES))
def test_the_charter_keeps_names_emails_and_dates_whole(case: str) -> None:
    from coopact.stages import governance

    partnership = Partnership.model_validate(yaml.safe_load(FILES[case].read_text()))
    output = governance.run(
        partnership, WorkContext("P-2027-001", ROOT / "templates", dt.date(2027, 1, 1))
    )
    (charter,) = [d for d in output.documents if d.kind == "charter"]
    pdf = docx_to_pdf(charter.content, name="charter")
    text = _plain(
        subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
    )
    language = partnership.language.value
    for partner in partnership.partners:
        assert partner.name in text
        if partner.referent is not None and partner.referent.email:
            assert partner.referent.email in text
    for milestone in partnership.milestones:
        assert _plain(format_date(milestone.due, language)) in text
