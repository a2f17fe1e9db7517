"""A partnership served by the portal at any point of its life, French or English: the
stage work and the decisions up to that point run through the real use cases (only the
signature of the agreement is taken as given, as in the after-signature tests), every mail
lands in an outbox, and the people act from the links of their mails."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopact import services
from coopact.adapters.loading import load_text
from coopact.adapters.mail.transports import OutboxTransport
from coopact.contracts.lifecycle import Stage
from coopact.entrypoints.cli.demo import demo_file
from coopact.entrypoints.web import Portal
from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.uow import UnitOfWork
from tests.portal_support import LINK, PASSWORD, TEMPLATES, Setup

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ROOT / "tests" / "data" / "mecenat.three.en.yaml"
JURIST = "juriste.demo@example.org"
OFFICER = {"name": "Sophie Garnier", "email": "sophie@example.org", "phone": "+33 1 23 45 67 89"}


def _sub_commands() -> list[str]:
    import typer

    from coopact.entrypoints.cli.main import app

    return sorted(typer.main.get_command(app).commands, key=len, reverse=True)  # type: ignore[attr-defined]


# A shell command as a reader would see one: "coopact" then one of its sub-commands (not
# prose naming the software, as the e-signature clause's "logiciel coopact, dans").
_SUB = "|".join(map(re.escape, _sub_commands()))
COMMAND = re.compile(rf"coopact (?:{_SUB})(?: |$|\)|`)", re.MULTILINE)


def french() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(demo_file())
    data["governance"]["steering_committee"]["members"] = [
        {"partner": "tremplin", "name": "Claire Martin", "votes": 1},
        {"partner": "logistix", "name": "Marc Lefèvre", "votes": 1},
    ]
    return _with_officer(data)


def english() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ENGLISH.read_text(encoding="utf-8"))
    data.setdefault("people", []).append(
        {"name": "Jeanne Roux", "email": JURIST, "roles": ["legal_officer"]}
    )
    return _with_officer(data)


def _with_officer(data: dict[str, Any]) -> dict[str, Any]:
    people = data.setdefault("people", [])
    if not any(p.get("email") == OFFICER["email"] for p in people):
        people.append({**OFFICER, "roles": ["partnership_officer"]})
    return data


@dataclass
class Life(Setup):
    data: dict[str, Any] | None = None

    def transport(self) -> OutboxTransport:
        return OutboxTransport(self.outbox)

    def advance(self, today: dt.date | None = None) -> None:
        services.advance(
            self.uow(), self.reference, templates=TEMPLATES, transport=self.transport(),
            today=today,
        )  # fmt: skip

    def stage(self) -> str:
        with self.uow() as uow:
            return uow.partnerships.get(self.reference).stage

    def mails_to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.mails() if address in str(m["To"])]

    def links_to(self, address: str) -> list[str]:
        found = []
        for mail in self.mails_to(address):
            match = LINK.search(text_of(mail))
            if match:
                found.append(match.group(1))
        return found


def text_of(mail: email.message.EmailMessage) -> str:
    """The plain text of a mail (an attachment aside)."""
    body = mail.get_body(("plain",))
    return body.get_content() if body is not None else ""


def set_up_life(
    home: Path,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    public_url: str,
    data: dict[str, Any],
) -> Life:
    monkeypatch.setenv("COOPACT_HOME", str(home))
    monkeypatch.setenv("COOPACT_PUBLIC_URL", public_url)
    monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)
    monkeypatch.delenv("COOPACT_SMTP_HOST", raising=False)
    engine = make_engine(db_url)
    uow = UnitOfWork.for_engine(engine)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    reference = services.register(uow, load_text(text), actor="test").reference
    outbox = OutboxTransport(home / "outbox")
    services.advance(uow, reference, templates=TEMPLATES, transport=outbox)
    keyring = load_keyring(home)
    portal = Portal(
        uow=lambda: UnitOfWork.for_engine(engine),
        keyring=keyring,
        templates=TEMPLATES,
        transport=lambda: OutboxTransport(home / "outbox"),
        public_url=public_url,
    )
    users.add_user(UnitOfWork.for_engine(engine), JURIST, "legal_officer", PASSWORD, actor="test")
    return Life(home, engine, reference, keyring, portal, data)


def activate(life: Life) -> None:
    """The agreement taken as signed (a set-up shortcut); the activation work runs."""
    with life.uow() as uow:
        uow.partnerships.get_for_update(life.reference).stage = Stage.signed.value
        uow.commit()
    life.advance(today=dt.date(2026, 12, 1))
    assert life.stage() == "active"


def open_review(life: Life, day: dt.date) -> None:
    services.review_due(life.uow(), day)
    life.advance(today=day)
    assert life.stage() == "in_review"


def propose_avenant(life: Life, change: Callable[[dict[str, Any]], None]) -> None:
    assert life.data is not None
    data = yaml.safe_load(yaml.safe_dump(life.data))
    change(data)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    services.amend(
        life.uow(), life.reference, load_text(text), actor="test",
        effective_on=dt.date(2027, 3, 1),
    )  # fmt: skip
    life.advance()


def open_renewal(life: Life) -> None:
    """The reviews of the term taken as held (a set-up shortcut); the renewal opens on its
    date, as the schedule opens it."""
    from coopact.contracts import renewal
    from coopact.services._common import partnership_of

    with life.uow() as uow:
        row = uow.partnerships.get(life.reference)
        for item in uow.partnerships.schedule(row):
            if item.kind in ("review", "gate_milestone"):
                item.done_at = dt.datetime.now(dt.UTC)
        deadline = renewal.notice_deadline(partnership_of(row))
        uow.commit()
    day = deadline - dt.timedelta(days=30)
    [opened] = services.review_due(life.uow(), day)
    assert opened.kind == "renewal", opened
    life.advance(today=day)
    assert life.stage() == "in_renewal"
