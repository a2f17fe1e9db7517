"""The skills receipt and the use-of-funds report as their readers read them: converted by
LibreOffice and read with pdftotext, in French (non-breaking spaces kept)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest

from coopact.adapters.config import settings
from coopact.adapters.documents.pdf import docx_to_pdf_many
from coopact.contracts import use_of_funds
from coopact.contracts.receipt import ReceivedGift
from coopact.schemas import Partnership
from coopact.schemas.use_of_funds import UseOfFunds
from coopact.usecases import report_use_of_funds, tax_receipts
from tests.money_support import SECOND_OBJECTIVE, gifts_data

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice and pdftotext",
    ),
]


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_the_skills_receipt_and_the_use_of_funds_read_whole_in_french() -> None:
    partnership = Partnership.model_validate({**gifts_data(), "language": "fr"})
    when = dt.datetime(2028, 1, 10, 9, tzinfo=dt.UTC)
    gift = ReceivedGift(
        donor=partnership.partner("greenfleet"), donee=partnership.partner("kitchens"),
        amount=Decimal("12000"), paid_on=dt.date(2027, 6, 30), number="TRE-2027-0002",
        issued_on=dt.date(2027, 7, 1), kind="skills", certificate="ATT-2027-01",
    )  # fmt: skip
    receipt = tax_receipts.render(partnership, gift, templates=settings().templates, created=when)
    report = UseOfFunds.model_validate(
        {"year": 2027, "spent": [
            {"objective": 1, "amount_eur": 41000, "note": "Repas servis sur le campus"},
            {"objective": SECOND_OBJECTIVE, "amount_eur": 6500},
        ]}
    )  # fmt: skip
    found = use_of_funds.statement(
        partnership, report, "kitchens", {"greenfleet": Decimal(30000), "roots": Decimal(30000)}
    )
    assert isinstance(found, use_of_funds.Statement)
    uof = report_use_of_funds.render(
        partnership, found, templates=settings().templates, created=when
    )
    pdfs = docx_to_pdf_many({"receipt": receipt.content, "uof": uof.content})
    text = {
        k: subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        for k, pdf in pdfs.items()
    }
    receipt_text = _flat(text["receipt"])
    assert "Nature du don : mécénat de compétences" in receipt_text
    assert "Somme en toutes lettres : douze mille euros" in receipt_text
    assert (
        "valorisé au coût de revient (salaires et charges sociales des personnes mises à "
        "disposition), certifié par le donateur (attestation ATT-2027-01)" in receipt_text
    )
    words = _flat(text["uof"])
    assert "Compte rendu de l'emploi des fonds 2027" in words
    assert "Greenfleet Logistics SAS 30 000,00 €" in words
    assert (
        "Fonds reçus : 60 000,00 € ; fonds employés : 47 500,00 € ; solde non employé : "
        "12 500,00 €." in words
    )
