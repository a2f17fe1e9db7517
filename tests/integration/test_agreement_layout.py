"""Layout read in the PDF a partner prints, for every kind of document: LibreOffice converts
them all (one soffice process for the eighteen documents of the two files) and
``pdftotext -layout`` shows that names, amounts and dates are never broken, that no word is
cut by a narrow table column, that no ISO date, field path, doubled legal form or
"1 times"-style plural reaches a reader, and that the signature blocks stay together with
their heading."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
import yaml

from coopact.adapters.documents.clause_library import clause_library
from coopact.adapters.documents.pdf import docx_to_pdf_many
from coopact.contracts.agreement import assemble
from coopact.contracts.formatting import format_amount, format_date
from coopact.schemas import Partnership
from tests.every_document import KINDS, every_document

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "fr example": ROOT / "tests" / "data" / "partnership.example.yaml",
    "en three-partner mécénat": ROOT / "tests" / "data" / "mecenat.three.en.yaml",
}
CASES = [(case, kind) for case in FILES for kind in KINDS]

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice and pdftotext",
    ),
]


@dataclass(frozen=True)
class Printed:
    partnership: Partnership
    written: str  # the text of the .docx (paragraphs, tables, headers, footers)
    pdf: str  # pdftotext -layout of its PDF, no-break spaces as spaces

    @property
    def lines(self) -> list[str]:
        return [" ".join(line.split()) for line in self.pdf.splitlines()]


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text.replace("\u00a0", " ").replace("\u202f", " "))


def _written(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(c.text for r in table.rows for c in r.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
    return _plain("\n".join(parts))


@pytest.fixture(scope="module")
def printed() -> dict[tuple[str, str], Printed]:
    """Every document of both files, converted to PDF in ONE LibreOffice process."""
    documents, partnerships = {}, {}
    for case, path in FILES.items():
        partnership = Partnership.model_validate(yaml.safe_load(path.read_text()))
        partnerships[case] = partnership
        for kind, document in every_document(partnership, ROOT / "templates").items():
            documents[(case, kind)] = document.content
    names = {f"{i:02d}-{key[1]}": key for i, key in enumerate(documents)}
    pdfs = docx_to_pdf_many({name: documents[key] for name, key in names.items()})
    result = {}
    for name, key in names.items():
        layout = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdfs[name], capture_output=True, check=True
        ).stdout.decode()
        result[key] = Printed(partnerships[key[0]], _written(documents[key]), _plain(layout))
    return result


def _on_one_line(text: str, printed: Printed) -> bool:
    wanted = " ".join(text.split())
    return any(wanted in line for line in printed.lines)


_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DATE_IN_WORDS = re.compile(rf"\b(?:1er|\d{{1,2}}) (?:{_MONTHS}) \d{{4}}\b")
_AMOUNT = re.compile(r"€\d{1,3}(?:,\d{3})*\.\d\d|\b\d{1,3}(?: \d{3})*,\d\d €")


@pytest.mark.parametrize(("case", "kind"), CASES)
def test_names_amounts_and_dates_are_never_broken(printed, case: str, kind: str) -> None:
    document = printed[(case, kind)]
    partnership = document.partnership
    for partner in partnership.partners:  # every document names every partner, whole
        assert partner.name in document.written, partner.name
        assert _on_one_line(partner.name, document), partner.name
    for day in _DATE_IN_WORDS.findall(document.written):
        assert _on_one_line(day, document), day
    for amount in _AMOUNT.findall(document.written):
        assert _on_one_line(amount, document), amount
    language = partnership.language.value
    if kind in ("vision_note", "agreement", "charter"):
        assert format_date(partnership.start_date, language) in document.written
    if kind in ("balance_report", "agreement", "exit_statement"):
        for contribution in partnership.contributions:
            if contribution.valued_eur is not None:
                assert _plain(format_amount(contribution.valued_eur, language)) in document.pdf


_WORD = re.compile(r"[^\W\d_]+")


@pytest.mark.parametrize(("case", "kind"), CASES)
def test_no_word_is_cut_by_a_table_column(printed, case: str, kind: str) -> None:
    """Every word of the PDF is a word of the document: a column too narrow would leave
    pieces ("Partenair" / "e", "administratio" / "n") that the document never wrote."""
    document = printed[(case, kind)]
    vocabulary = set(_WORD.findall(document.written))
    pieces = sorted({w for w in _WORD.findall(document.pdf) if w not in vocabulary})
    assert pieces == [], pieces


_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}/\d{2}/\d{4}\b")
_FIELD_PATH = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\w\[\d+\]|\b[a-z_]+\.[a-z_]+\.[a-z_]+\b")
_DOUBLED_FORM = re.compile(r"\b([A-Z]{2,5})\b[\s—–,(-]+\1\b")
_PLURAL_BY_HAND = re.compile(r"\w\((?:s|es|e)\)|\b1 (?:times|votes|members|meetings|findings)\b")
_ONE_PLURAL_FR = re.compile(r"\b1 (?:constats|membres|voix exprimées|séances|partenaires)\b")


@pytest.mark.parametrize(("case", "kind"), CASES)
def test_what_an_executive_should_never_read(printed, case: str, kind: str) -> None:
    text = printed[(case, kind)].pdf
    assert _ISO_DATE.findall(text) == []
    assert _FIELD_PATH.findall(text) == []
    assert _DOUBLED_FORM.findall(text) == []
    assert _PLURAL_BY_HAND.findall(text) == []
    assert _ONE_PLURAL_FR.findall(text) == []


@pytest.mark.parametrize("case", list(FILES))
def test_the_agreement_annexes_keep_amounts_and_kinds_whole(printed, case: str) -> None:
    document = printed[(case, "agreement")]
    partnership = document.partnership
    context = assemble(partnership, clause_library(ROOT / "templates"))
    for total in context["totals"]:
        assert _on_one_line(_plain(total["total"]), document)
    assert _on_one_line(_plain(context["grand_total"]), document)
    for milestone in partnership.milestones:
        assert _on_one_line(format_date(milestone.due, partnership.language.value), document)
    lead = "Pour" if partnership.language.value == "fr" else "For"
    for partner in partnership.partners:
        assert f"{lead} {partner.name}" in document.pdf


@pytest.mark.parametrize("case", list(FILES))
def test_the_signature_blocks_stay_together_with_their_heading(printed, case: str) -> None:
    document = printed[(case, "agreement")]
    partnership = document.partnership
    lead = "Pour" if partnership.language.value == "fr" else "For"
    (page,) = [p for p in document.pdf.split("\f") if f"{lead} {partnership.partners[0].name}" in p]
    assert "Signatures" in page
    for partner in partnership.partners:
        assert f"{lead} {partner.name}" in page
        assert partner.signatory is not None and partner.signatory.name in page


@pytest.mark.parametrize("case", list(FILES))
def test_the_avenant_signatures_stay_on_one_page_with_their_heading(printed, case: str) -> None:
    document = printed[(case, "avenant")]
    french = document.partnership.language.value == "fr"
    heading = "signé électroniquement" if french else "signed electronically"
    (page,) = [p for p in document.pdf.split("\f") if heading in p]
    for partner in document.partnership.partners:
        assert partner.signatory is not None and partner.signatory.name in page


@pytest.mark.parametrize("case", list(FILES))
def test_the_charter_keeps_emails_whole(printed, case: str) -> None:
    document = printed[(case, "charter")]
    for partner in document.partnership.partners:
        if partner.referent is not None and partner.referent.email:
            assert _on_one_line(partner.referent.email, document)


@pytest.mark.parametrize("case", list(FILES))
def test_the_review_report_names_the_red_lines_crossed(printed, case: str) -> None:
    document = printed[(case, "review_report")]
    crossed = [p for p in document.partnership.partners if p.red_lines][:1]
    for partner in crossed:  # the health check reports its first red line crossed
        assert _on_one_line(partner.red_lines[0][:40], document)
    assert "crossed: 1" not in document.pdf and "franchies : 1" not in document.pdf
