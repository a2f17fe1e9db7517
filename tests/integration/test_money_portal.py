"""The money page of the portal: a signed-in treasurer of the file sees the schedule and
records a payment (its receipt issued and mailed); a legal officer only reads; a refused
payment is a plain page and records nothing."""

from __future__ import annotations

from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from coopact.adapters.config import settings
from coopact.adapters.mail.notify import OutboxTransport
from coopact.entrypoints.web.app import Portal, create_app
from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.uow import UnitOfWork
from tests.money_support import REF, register_signed
from tests.portal_support import PASSWORD, csrf_of

TREASURER = "n.roussel@kitchens.example"
JURIST = "legal@kitchens.example"


@pytest.fixture
def client(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    home = tmp_path / "home"
    monkeypatch.setenv("COOPACT_HOME", str(home))
    monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)
    engine = make_engine(sqlite_url)
    register_signed(UnitOfWork.for_engine(engine))
    users.add_user(UnitOfWork.for_engine(engine), TREASURER, "treasurer", PASSWORD, actor="test")
    users.add_user(UnitOfWork.for_engine(engine), JURIST, "legal_officer", PASSWORD, actor="test")
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


def test_a_treasurer_records_a_payment_and_its_receipt(client: TestClient, tmp_path: Path) -> None:
    assert client.get(f"/p/{REF}/money", follow_redirects=False).status_code == 401
    _sign_in(client, TREASURER)
    page = client.get(f"/p/{REF}/money")
    assert "Greenfleet Logistics SAS" in page.text and "Enregistrer un versement" in page.text
    done = _pay(client, "30000", "VIR-0001")
    text = unescape(done.text)  # type: ignore[attr-defined]
    assert "reçu fiscal TRE-2027-0001 émis" in text
    assert "<td>30000.00</td><td>30000.00</td><td>payé</td>" in text.replace("\n", "")
    assert len(list((tmp_path / "home" / "outbox").glob("*.eml"))) == 1
    again = _pay(client, "30000", "VIR-0001")
    assert again.status_code == 409  # type: ignore[attr-defined]
    assert "already recorded" in unescape(again.text)  # type: ignore[attr-defined]
    invalid = _pay(client, "-3", "VIR-0002")
    assert invalid.status_code == 400 and "not a positive amount" in unescape(invalid.text)  # type: ignore[attr-defined]
    assert unescape(client.get(f"/p/{REF}/money").text).count("TRE-2027-") == 1


def test_a_legal_officer_reads_but_does_not_record(client: TestClient) -> None:
    _sign_in(client, JURIST)
    page = client.get(f"/p/{REF}/money")
    assert page.status_code == 200 and "Enregistrer un versement" not in page.text
    refused = _pay(client, "30000", "VIR-0001")
    assert refused.status_code == 403  # type: ignore[attr-defined]
