"""The money page of the portal: a signed-in treasurer of the file sees the schedule and
records a payment (its receipt issued and mailed); a legal officer only reads; a refused
payment is a plain page and records nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from coopact.adapters.config import settings
from coopact.adapters.mail.transports import OutboxTransport
from coopact.entrypoints.web import Portal, create_app
from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.uow import UnitOfWork
from tests.conftest import PreparedStates
from tests.money_support import REF, register_signed
from tests.portal_support import PASSWORD, csrf_of

TREASURER = "n.roussel@kitchens.example"
JURIST = "legal@kitchens.example"


def _signed_mecenat(url: str, home: Path) -> None:
    """The mécénat registered and signed, a treasurer and a legal officer: built once per
    session (``prepared_states``), copied for each test."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("COOPACT_HOME", str(home))
        monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)
        engine = make_engine(url)
        register_signed(UnitOfWork.for_engine(engine))
        for address, role in ((TREASURER, "treasurer"), (JURIST, "legal_officer")):
            users.add_user(UnitOfWork.for_engine(engine), address, role, PASSWORD, actor="test")
        load_keyring(home)
        engine.dispose()


@pytest.fixture
def client(
    request: pytest.FixtureRequest,
    prepared_states: PreparedStates,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TestClient]:
    url, home = prepared_states.copy("money-portal", "sqlite", _signed_mecenat, request)
    monkeypatch.setenv("COOPACT_HOME", str(home))
    monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)
    engine = make_engine(url)
    config = Portal(
        uow=lambda: UnitOfWork.for_engine(engine), keyring=load_keyring(home),
        templates=settings().templates, transport=lambda: OutboxTransport(home / "outbox"),
        public_url="http://testserver",
    )  # fmt: skip
    yield TestClient(create_app(config), raise_server_exceptions=False)
    engine.dispose()


def _sign_in(client: TestClient, address: str) -> None:
    page = client.get("/login")
    client.post(
        "/login",
        data={"csrf": csrf_of(page.text), "email": address, "password": PASSWORD, "next": "/"},
    )


def _pay(client: TestClient, amount: str, reference: str) -> object:
    page = client.get(f"/p/{REF}/money")
    form = {"csrf": csrf_of(page.text), "partner": "greenfleet", "amount": amount,
            "date": "2027-04-20", "reference": reference}  # fmt: skip
    return client.post(f"/p/{REF}/money", data=form)


def _rows(html: str, table: str) -> list[list[str]]:
    """The cells of a table of the page, as the reader sees them (tags dropped)."""
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return [
        [unescape(re.sub(r"<[^>]+>", " ", cell)).split("SHA-256")[0].strip()
         for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)[1:]
    ]  # fmt: skip


FR_30K = "30\u202f000,00\u00a0€"


def test_a_treasurer_records_a_payment_and_its_receipt(client: TestClient, tmp_path: Path) -> None:
    assert client.get(f"/p/{REF}/money", follow_redirects=False).status_code == 401
    _sign_in(client, TREASURER)
    page = client.get(f"/p/{REF}/money")
    assert "Greenfleet Logistics SAS" in page.text and "Enregistrer un versement" in page.text
    assert "(trésorier(ère))" in unescape(page.text)  # the header's role in words
    done = _pay(client, "30000", "VIR-0001")
    text = unescape(done.text)  # type: ignore[attr-defined]
    assert "reçu fiscal TRE-2027-0001 émis" in text
    first = _rows(done.text, "instalments")[0]  # type: ignore[attr-defined]
    assert first == ["Greenfleet Logistics SAS", "15 avril 2027", FR_30K, FR_30K, "payé"]
    payment = _rows(done.text, "payments")[0]  # type: ignore[attr-defined]
    assert payment == [
        "20 avril 2027",
        "Greenfleet Logistics SAS",
        FR_30K,
        "VIR-0001",
        "TRE-2027-0001",
    ]
    assert "greenfleet<" not in done.text  # type: ignore[attr-defined]  # named, not keyed
    assert len(list((tmp_path / "home" / "outbox").glob("*.eml"))) == 1
    receipt = client.get(f"/p/{REF}/money/receipts/TRE-2027-0001")
    assert (
        receipt.status_code == 200
        and f"{REF}-TRE-2027-0001.docx" in receipt.headers["content-disposition"]
    )
    assert hashlib.sha256(receipt.content).hexdigest() == receipt.headers["x-content-sha256"]
    assert receipt.headers["x-content-sha256"] in done.text  # type: ignore[attr-defined]
    again = _pay(client, "30000", "VIR-0001")
    said = unescape(again.text)  # type: ignore[attr-defined]
    assert again.status_code == 409  # type: ignore[attr-defined]
    assert "Un versement de référence «\u00a0VIR-0001\u00a0» est déjà enregistré" in said
    invalid = _pay(client, "-3", "VIR-0002")
    said = unescape(invalid.text)  # type: ignore[attr-defined]
    assert invalid.status_code == 400 and "«\u00a0-3\u00a0» n'est pas un montant positif" in said  # type: ignore[attr-defined]
    assert 'name="reference" required value="VIR-0002"' in said  # what was typed is kept
    over = _pay(client, "60000", "VIR-0003")
    said = unescape(over.text)  # type: ignore[attr-defined]
    assert over.status_code == 409 and "60\u202f000,00\u00a0€ dépasse ce qui reste dû" in said  # type: ignore[attr-defined]
    assert "50\u202f000,00\u00a0€ sur 80\u202f000,00\u00a0€ promis" in said
    assert len(_rows(client.get(f"/p/{REF}/money").text, "payments")) == 1  # one receipt
    partnership = client.get(f"/p/{REF}")  # the receipt mail's schedule link listed
    shown = unescape(partnership.text)
    assert partnership.status_code == 200 and "Échéancier, versements et reçus fiscaux" in shown
    assert "Marc Lefèvre (Greenfleet Logistics SAS)" in shown and "reçu fiscal" in shown
    assert "échéancier des versements (consultation)</td>" in shown
    timeline = shown.split('id="timeline"', 1)[1]
    assert "versement enregistré" in timeline and "reçu fiscal émis" in timeline
    assert "payment.recorded" not in timeline and "tax_receipt.issued" not in timeline


def test_an_english_officer_reads_the_money_in_english(client: TestClient) -> None:
    _sign_in(client, TREASURER)
    _pay(client, "30000", "VIR-0001")
    page = client.get(f"/p/{REF}/money?lang=en")
    text = unescape(page.text)
    assert _rows(page.text, "instalments")[0] == [
        "Greenfleet Logistics SAS",
        "15 April 2027",
        "€30,000.00",
        "€30,000.00",
        "paid",
    ]
    assert [r[4] for r in _rows(page.text, "instalments")[1:]] == ["due", "due", "due"]
    assert _rows(page.text, "totals")[0][1:4] == ["€80,000.00", "€30,000.00", "€50,000.00"]
    assert _rows(page.text, "payments")[0][:3] == [
        "20 April 2027",
        "Greenfleet Logistics SAS",
        "€30,000.00",
    ]
    assert "(treasurer)" in text and "partly_paid" not in text
    again = _pay(client, "1,5", "VIR-0001")  # the cookie keeps the officer's English
    said = unescape(again.text)  # type: ignore[attr-defined]
    assert "A payment with reference “VIR-0001” is already recorded" in said
    over = _pay(client, "50000.01", "VIR-0009")
    assert "€50,000.01 exceeds what remains due from Greenfleet Logistics SAS" in unescape(
        over.text  # type: ignore[attr-defined]
    )
    missing = client.get(f"/p/{REF}/money/receipts/TRE-2027-0009")
    assert missing.status_code == 404 and "No tax receipt TRE-2027-0009" in unescape(missing.text)


def test_no_payment_is_offered_before_the_signature_nor_after_the_close(
    client: TestClient,
) -> None:
    _sign_in(client, TREASURER)
    for stage, words in (("formalised", "convention validée, à signer"), ("closed", "clos")):
        with client.app.state.portal.uow() as uow:  # type: ignore[attr-defined]
            uow.partnerships.get(REF).stage = stage
            uow.commit()
        page = client.get(f"/p/{REF}/money")
        text = unescape(page.text)
        assert f"Étape\u00a0: {words}" in text
        assert 'id="record"' not in text and "Aucun versement ne peut être enregistré" in text
        refused = _pay(client, "30000", "VIR-0001")
        said = unescape(refused.text)  # type: ignore[attr-defined]
        assert refused.status_code == 409 and "les versements s'enregistrent une fois" in said  # type: ignore[attr-defined]
    english = client.get(f"/p/{REF}/money?lang=en")
    assert "No payment can be recorded at this stage" in unescape(english.text)
    with client.app.state.portal.uow() as uow:  # type: ignore[attr-defined]
        assert uow.payments.paid_by_payer([uow.partnerships.get(REF).id]) == {}


def test_a_legal_officer_reads_but_does_not_record(client: TestClient) -> None:
    _sign_in(client, JURIST)
    page = client.get(f"/p/{REF}/money")
    assert page.status_code == 200 and "Enregistrer un versement" not in page.text
    refused = _pay(client, "30000", "VIR-0001")
    assert refused.status_code == 403  # type: ignore[attr-defined]
    assert "enregistré par un(e) trésorier(ère) ou un(e) chargé(e)" in unescape(refused.text)  # type: ignore[attr-defined]


def test_the_partnership_page_links_to_the_money_from_the_signature_to_the_close() -> None:
    from coopact.entrypoints.web.app import MONEY_STAGES
    from coopact.usecases.money_event import SIGNED

    assert {s.value for s in SIGNED} | {"closed"} == MONEY_STAGES


def _client_for(data: dict[str, Any], home: Path, sqlite_url: str) -> tuple[TestClient, Any]:
    engine = make_engine(sqlite_url)
    register_signed(UnitOfWork.for_engine(engine), data)
    users.add_user(UnitOfWork.for_engine(engine), TREASURER, "treasurer", PASSWORD, actor="test")
    config = Portal(
        uow=lambda: UnitOfWork.for_engine(engine), keyring=load_keyring(home),
        templates=settings().templates, transport=lambda: OutboxTransport(home / "outbox"),
        public_url="http://testserver",
    )  # fmt: skip
    client = TestClient(create_app(config), raise_server_exceptions=False)
    _sign_in(client, TREASURER)
    return client, engine


def test_a_valued_gift_is_listed_with_its_receipt(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.money_support import SKILLS_INDEX, gifts_data, value

    monkeypatch.setenv("COOPACT_HOME", str(tmp_path / "home"))
    client, engine = _client_for(gifts_data(), tmp_path / "home", sqlite_url)
    value(UnitOfWork.for_engine(engine), "greenfleet", SKILLS_INDEX, "15000", "2027-05-03",
          "CERT-01")  # fmt: skip
    page = client.get(f"/p/{REF}/money?lang=en")
    (gift,) = _rows(page.text, "valuations")
    assert gift[:4] == ["3 May 2027", "Greenfleet Logistics SAS", "€15,000.00", "CERT-01"]
    assert gift[4].startswith("TRE-2027-")
    receipt = client.get(f"/p/{REF}/money/receipts/{gift[4]}")
    assert receipt.status_code == 200
    assert hashlib.sha256(receipt.content).hexdigest() == receipt.headers["x-content-sha256"]
    engine.dispose()


def test_late_and_partly_paid_instalments_read_in_words(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Instalments dated around the real day (the page shows the statuses of today)."""
    from tests.money_support import mecenat_data, pay

    today = dt.date.today()
    data = mecenat_data()
    data["contributions"][0]["instalments"] = [
        {"due": (today - dt.timedelta(days=20)).isoformat(), "amount_eur": 30000},
        {"due": (today - dt.timedelta(days=10)).isoformat(), "amount_eur": 30000},
        {"due": (today + dt.timedelta(days=200)).isoformat(), "amount_eur": 20000},
    ]
    data["contributions"][1]["instalments"] = [
        {"due": (today - dt.timedelta(days=5)).isoformat(), "amount_eur": 30000}
    ]
    monkeypatch.setenv("COOPACT_HOME", str(tmp_path / "home"))
    client, engine = _client_for(data, tmp_path / "home", sqlite_url)
    pay(UnitOfWork.for_engine(engine), "greenfleet", "40000", today.isoformat(), "VIR-1")
    french = _rows(client.get(f"/p/{REF}/money").text, "instalments")
    greenfleet = [r[4] for r in french if r[0] == "Greenfleet Logistics SAS"]
    assert greenfleet == ["payé", "payé en partie", "à échoir"]
    english = _rows(client.get(f"/p/{REF}/money?lang=en").text, "instalments")
    assert [r[4] for r in english if r[0] == "Greenfleet Logistics SAS"] == [
        "paid", "partly paid", "due"
    ]  # fmt: skip
    assert english[1][3] == "€10,000.00"
    assert [r[4] for r in french if r[0] == "Roots Foundation"] == ["en retard"]
    assert [r[4] for r in english if r[0] == "Roots Foundation"] == ["late"]
    totals = _rows(client.get(f"/p/{REF}/money?lang=fr").text, "totals")
    assert (
        totals[1]
        == ["Roots Foundation"]
        + ["30\u202f000,00\u00a0€", "0,00\u00a0€"]
        + ["30\u202f000,00\u00a0€"] * 2
    )
    engine.dispose()
