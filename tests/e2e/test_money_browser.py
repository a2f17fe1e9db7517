"""The money page as a treasurer reads it in Chromium (Playwright), in French then in
English: amounts and dates written by Babel in the officer's language, the payer named, the
status in words, a payment recorded through the form, an overpayment and a repeated
reference refused in the officer's words with what was typed kept, the tax receipt
downloaded from its number with the SHA-256 it was stored with; once the partnership is
closed, the form is no longer offered. Screenshots go to the test's folder
(``COOPACT_SCREENSHOTS`` keeps them elsewhere)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coopact.adapters.config import settings
from coopact.adapters.mail.transports import OutboxTransport
from coopact.entrypoints.web.app import Portal
from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.uow import UnitOfWork
from tests.money_support import REF, register_signed
from tests.portal_support import PASSWORD
from tests.served_portal import served

TREASURER = "n.roussel@kitchens.example"
NNBSP, NBSP = "\u202f", "\u00a0"
FR_30K = f"30{NNBSP}000,00{NBSP}€"


@pytest.fixture
def world(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Any]]:
    home = tmp_path / "home"
    monkeypatch.setenv("COOPACT_HOME", str(home))
    engine = make_engine(sqlite_url)
    keyring = load_keyring(home)

    def uow() -> UnitOfWork:
        return UnitOfWork.for_engine(engine, keyring=keyring)

    register_signed(uow())
    users.add_user(uow(), TREASURER, "treasurer", PASSWORD, actor="test")
    portal = Portal(
        uow=uow, keyring=keyring, templates=settings().templates,
        transport=lambda: OutboxTransport(home / "outbox"), public_url="http://127.0.0.1",
    )  # fmt: skip
    with served(portal) as base:
        yield base, uow
    engine.dispose()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(accept_downloads=True, locale="fr-FR")
    yield context.new_page()
    context.close()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COOPACT_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _cells(page: Any, table: str, row: int = 0) -> list[str]:
    found = page.locator(f"#{table} tr").nth(row + 1).locator("td")
    return [c.strip() for c in found.all_inner_texts()]


def _record(page: Any, amount: str, reference: str, partner: str = "greenfleet") -> None:
    page.select_option("#record select[name=partner]", partner)
    page.fill("#record input[name=amount]", amount)
    page.fill("#record input[name=date]", "2027-04-20")
    page.fill("#record input[name=reference]", reference)
    page.click("#record button[type=submit]")


@pytest.mark.browser
def test_a_treasurer_reads_and_records_the_money_in_french_then_english(
    world: tuple[str, Any], page: Any, tmp_path: Path
) -> None:
    base, uow = world
    shots = _shots(tmp_path)
    page.goto(f"{base}/login")
    page.fill("input[name=email]", TREASURER)
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in")
    page.goto(f"{base}/p/{REF}/money")
    assert _cells(page, "instalments") == [
        "Greenfleet Logistics SAS", "15 avril 2027", FR_30K, f"0,00{NBSP}€", "à échoir"
    ]  # fmt: skip
    assert "trésorier(ère)" in page.locator("header").inner_text()

    _record(page, "30 000", "VIR-0001")
    assert "reçu fiscal TRE-2027-0001 émis" in page.locator("#recorded").inner_text()
    assert _cells(page, "instalments")[3:] == [FR_30K, "payé"]
    assert _cells(page, "payments")[:4] == [
        "20 avril 2027", "Greenfleet Logistics SAS", FR_30K, "VIR-0001"
    ]  # fmt: skip
    assert _cells(page, "totals") == [
        "Greenfleet Logistics SAS", f"80{NNBSP}000,00{NBSP}€", FR_30K,
        f"50{NNBSP}000,00{NBSP}€", f"0,00{NBSP}€",
    ]  # fmt: skip
    with page.expect_download() as info:
        page.click("#receipt-TRE-2027-0001")
    saved = tmp_path / "receipt.docx"
    info.value.save_as(saved)
    assert info.value.suggested_filename == f"{REF}-TRE-2027-0001.docx"
    with uow() as reading:
        stored = reading.partnerships.documents(reading.partnerships.get(REF), "tax_receipt")
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == stored[0].sha256
    assert stored[0].sha256 in page.locator("#payments").inner_text()
    page.screenshot(path=str(shots / "money-fr.png"), full_page=True)

    _record(page, "50000,01", "VIR-0002")
    refused = page.locator("p.blocking").inner_text()
    assert f"50{NNBSP}000,01{NBSP}€ dépasse ce qui reste dû par Greenfleet" in refused
    assert page.input_value("#record input[name=reference]") == "VIR-0002"  # kept
    _record(page, "10", "VIR-0001")
    assert f"«{NBSP}VIR-0001{NBSP}» est déjà enregistré" in page.locator("p.blocking").inner_text()
    page.screenshot(path=str(shots / "money-fr-refused.png"), full_page=True)

    page.click("#language")  # English, kept in a cookie
    page.goto(f"{base}/p/{REF}/money")
    assert _cells(page, "instalments") == [
        "Greenfleet Logistics SAS", "15 April 2027", "€30,000.00", "€30,000.00", "paid"
    ]  # fmt: skip
    assert _cells(page, "instalments", 1)[4] == "due"
    assert _cells(page, "payments")[:3] == ["20 April 2027", "Greenfleet Logistics SAS",
                                            "€30,000.00"]  # fmt: skip
    assert "(treasurer)" in page.locator("header").inner_text()
    _record(page, "abc", "VIR-0003")
    assert "Amount: “abc” is not a positive amount" in page.locator("p.blocking").inner_text()
    page.screenshot(path=str(shots / "money-en.png"), full_page=True)

    with uow() as writing:
        writing.partnerships.get(REF).stage = "closed"
        writing.commit()
    page.goto(f"{base}/p/{REF}/money")
    assert page.locator("#record").count() == 0
    assert (
        "No payment can be recorded at this stage" in page.locator("#not-recordable").inner_text()
    )
    assert page.locator("#receipt-TRE-2027-0001").count() == 1  # still downloadable
    page.goto(f"{base}/p/{REF}")  # with the receipt mail's schedule link: no 500
    links = page.locator("#links").inner_text()
    assert "Marc Lefèvre (Greenfleet Logistics SAS)" in links and "payment schedule" in links
    assert "round" not in links and "tax receipt" in page.locator("#documents").inner_text()
    page.screenshot(path=str(shots / "partnership-with-money-link.png"), full_page=True)
    page.click("#money-link a")
    page.wait_for_url(f"**/p/{REF}/money")
    page.screenshot(path=str(shots / "money-en-closed.png"), full_page=True)
