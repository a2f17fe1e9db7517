"""A partner's referent reads its own schedule in a real browser (headless Chromium through
Playwright), from the link in the call for funds that a real SMTP server (aiosmtpd)
received: its first instalment late, then paid once the payment is recorded, the tax
receipt downloaded with the SHA-256 it was stored with; the foundation's schedule and
receipts stay out of its reach (another partner's receipt refused, a token whose id was
swapped for the foundation's link refused, the foundation's name nowhere on the page).

The instalments are dated around the real day (the page shows the statuses of today)."""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from coopact.adapters.config import settings
from coopact.entrypoints.web.app import Portal
from coopact.services import mail, schedule_links
from coopact.store import audit
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.uow import UnitOfWork
from coopact.usecases.send_money_notices import SendMoneyNotices, send_money_notices
from tests.integration.test_mail_queue import Smtp
from tests.money_support import REF, mecenat_data, pay, register_signed
from tests.ports import free_port
from tests.served_portal import served

TODAY = dt.date.today()
FIRST_DUE = TODAY - dt.timedelta(days=10)
JULIE = "j.moreau@greenfleet.example"  # Greenfleet's referent
LEA = "l.girard@roots.example"  # the foundation's referent


@dataclass
class World:
    uow: Any
    smtp: Smtp
    base: str
    home: Path

    def deliver(self) -> list[EmailMessage]:
        before = len(self.smtp.collector.envelopes)
        mail.deliver(self.uow(), self.smtp.transport())
        return [
            email.message_from_bytes(e.content, _class=EmailMessage, policy=policy.default)
            for e in self.smtp.collector.envelopes[before:]
        ]


def _link(messages: list[EmailMessage], to: str, base: str) -> str:
    (body,) = [m.get_body(("plain",)).get_content() for m in messages if to in str(m["To"])]  # type: ignore[union-attr]
    found = re.search(re.escape(base) + r"/d/\S+", body)
    assert found, body
    return found.group(0)


def _data() -> dict[str, Any]:
    data = mecenat_data()
    company, foundation = data["contributions"][0], data["contributions"][1]
    company["instalments"] = [
        {"due": FIRST_DUE.isoformat(), "amount_eur": 30000},
        {"due": (TODAY + dt.timedelta(days=180)).isoformat(), "amount_eur": 30000},
        {"due": (TODAY + dt.timedelta(days=360)).isoformat(), "amount_eur": 20000},
    ]
    foundation["instalments"] = [
        {"due": (TODAY + dt.timedelta(days=60)).isoformat(), "amount_eur": 30000}
    ]
    return data


@pytest.fixture
def world(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    home = tmp_path / "home"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("COOPACT_HOME", str(home))
    monkeypatch.setenv("COOPACT_PUBLIC_URL", base)
    engine = make_engine(sqlite_url)
    keyring = load_keyring(home)

    def uow() -> UnitOfWork:
        return UnitOfWork.for_engine(engine, keyring=keyring)

    register_signed(uow(), _data())
    smtp = Smtp()
    smtp.start()
    portal = Portal(
        uow=uow, keyring=keyring, templates=settings().templates, transport=smtp.transport,
        public_url=base,
    )  # fmt: skip
    with served(portal, port):
        yield World(uow, smtp, base, home)
    if smtp.controller is not None:
        smtp.controller.stop()
    engine.dispose()


@pytest.fixture
def page(world: World, chromium: Any):  # type: ignore[no-untyped-def]
    context = chromium.new_context(accept_downloads=True, locale="en-GB")
    yield context.new_page()
    context.close()


def _statuses(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.inner_text() for s in page.locator("#instalments td.status").all()]


@pytest.mark.browser
def test_the_referent_follows_its_own_schedule_from_the_call_for_funds(
    world: World, page, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sent = send_money_notices(world.uow(), SendMoneyNotices(FIRST_DUE - dt.timedelta(days=5)))
    assert sent.calls == 1
    calls = world.deliver()
    assert {str(m["To"]).split("<")[1].rstrip(">") for m in calls} >= {JULIE}
    link = _link(calls, JULIE, world.base)

    page.goto(link)
    assert "Payment schedule of Greenfleet Logistics SAS" in page.locator("h1").inner_text()
    assert _statuses(page) == ["late", "due", "due"]
    assert "€30,000.00" in page.locator("#instalments").inner_text()
    bank = page.locator("#bank").inner_text()
    assert "FR76 3000 6000 0112 3456 7890 189" in bank and "AGRIFRPP" in bank
    quote = f"{REF}-GREENFLEET-{FIRST_DUE:%Y%m%d}"
    assert quote in page.locator("#instalments").inner_text()
    assert "No tax receipt issued so far." in page.locator("#receipts").inner_text()
    assert "Roots Foundation" not in page.content()

    pay(world.uow(), "greenfleet", "30000", TODAY.isoformat(), "VIR-0001")
    pay(world.uow(), "roots", "30000", TODAY.isoformat(), "VIR-0002")
    receipts = world.deliver()
    assert "/d/" in _link(receipts, "m.lefevre@greenfleet.example", world.base)

    page.reload()
    assert _statuses(page) == ["paid", "due", "due"]
    assert quote not in page.locator("#instalments").inner_text()
    number = f"TRE-{TODAY.year}-0001"
    with page.expect_download() as info:
        page.click(f"#receipt-{number}")
    saved = tmp_path / "receipt.docx"
    info.value.save_as(saved)
    with world.uow() as uow:
        stored = uow.partnerships.documents(uow.partnerships.get(REF), "tax_receipt")
    mine = [d for d in stored if number in d.filename]
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == mine[0].sha256
    assert info.value.suggested_filename == f"{REF}-{number}.docx"

    # The foundation's receipt, asked for through Greenfleet's link: refused, audited.
    theirs = page.goto(f"{link}/receipts/TRE-{TODAY.year}-0002")
    assert theirs is not None and theirs.status == 404
    assert "in your organisation's name" in page.locator("main").inner_text()

    # The foundation's own link (sent by the officer's button's service) shows only its
    # schedule; Greenfleet's token with the foundation's link id is refused.
    schedule_links.send_link(world.uow(), REF, "roots", actor="Sophie Garnier (officer)")
    theirs_link = _link(world.deliver(), LEA, world.base)
    page.goto(theirs_link)
    assert "Roots Foundation" in page.locator("h1").inner_text()
    assert "Greenfleet" not in page.content()
    token, their_token = link.rsplit("/", 1)[1], theirs_link.rsplit("/", 1)[1]
    swapped = their_token.split(".")[0] + "." + token.split(".", 1)[1]
    refused = page.goto(f"{world.base}/d/{swapped}")
    assert refused is not None and refused.status == 403
    assert "Greenfleet" not in page.content() and "€30,000.00" not in page.content()
    with world.uow() as uow:
        refusals = audit.events(uow.session, REF, actions=["link.refused"])
        reasons = [e.payload.get("reason") for e in refusals]
    assert reasons == ["not_partner"]  # (an altered token is only counted: a guess)
