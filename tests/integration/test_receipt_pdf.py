"""The tax receipt as its reader reads it: converted by LibreOffice, read with pdftotext, in
French and in English, the amount in figures and in words kept whole on a line."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest

from coopact.adapters.config import settings
from coopact.adapters.documents.pdf import docx_to_pdf_many
from coopact.contracts.receipt import ReceivedGift
from coopact.schemas import Partnership
from coopact.usecases.tax_receipts import render
from tests.money_support import mecenat_data

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice and pdftotext",
    ),
]


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_receipt_reads_whole_in_both_languages() -> None:
    documents = {}
    for language in ("fr", "en"):
        partnership = Partnership.model_validate({**mecenat_data(), "language": language})
        gift = ReceivedGift(
            donor=partnership.partner("greenfleet"), donee=partnership.partner("kitchens"),
            amount=Decimal("30000.50"), paid_on=dt.date(2027, 4, 20), number="TRE-2027-0001",
            issued_on=dt.date(2027, 4, 21),
        )  # fmt: skip
        when = dt.datetime(2027, 4, 21, 9, tzinfo=dt.UTC)
        documents[language] = render(
            partnership, gift, templates=settings().templates, created=when
        )
    pdfs = docx_to_pdf_many({k: d.content for k, d in documents.items()})
    text = {
        k: _plain(
            subprocess.run(
                ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
            ).stdout.decode()
        )
        for k, pdf in pdfs.items()
    }
    assert "Reçu fiscal n° TRE-2027-0001" in text["fr"]
    assert "Montant : 30 000,50 €" in text["fr"]
    assert "trente mille euros et cinquante centimes" in text["fr"]
    assert "article 238 bis du code général des impôts" in " ".join(text["fr"].split())
    assert "SIREN : 443061841" in text["fr"]
    assert "Amount: €30,000.50" in text["en"]
    assert "thirty thousand euros and fifty cents" in text["en"]
    assert "Date of payment: 20 April 2027" in text["en"]
