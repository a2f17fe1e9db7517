"""After the signature, without a terminal: the partnership officer uploads the amended
file of an active partnership (an avenant is drafted, the changes shown first), and the
legal officer approves the avenant from the partnership's page; nobody approves it on
someone's behalf."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select
from starlette.testclient import TestClient

from coopact.adapters.mail.transports import OutboxTransport
from coopact.entrypoints.web import Portal, create_app
from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.tables import DecisionRow
from coopact.store.uow import UnitOfWork
from tests.conftest import PreparedStates
from tests.integration.after_signature_helpers import REF, TEMPLATES, active, partnership_data
from tests.portal_support import PASSWORD, csrf_of

OFFICER = "charge@tremplin.example"
JURIST = "juriste.demo@example.org"


def _started(data: Any, shift: dt.timedelta | None = None) -> Any:
    """Every date of the file moved so that the partnership started 200 days ago."""
    if shift is None:
        shift = dt.date.today() - dt.timedelta(days=200) - data["start_date"]
    if isinstance(data, dict):
        for key, value in data.items():
            data[key] = _started(value, shift)
        return data
    if isinstance(data, list):
        return [_started(value, shift) for value in data]
    return data + shift if isinstance(data, dt.date) else data


def _active(when: str) -> Callable[[str, Path], None]:
    def build(url: str, home: Path) -> None:
        """Active (started 200 days ago when ``when`` is "started"), with an officer and a
        legal officer: built once per session (``prepared_states``), copied for each test."""
        with pytest.MonkeyPatch.context() as monkeypatch:
            monkeypatch.setenv("COOPACT_HOME", str(home))
            monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)
            engine = make_engine(url)
            active(UnitOfWork.for_engine(engine), _started if when == "started" else None)
            for address, role in ((OFFICER, "partnership_officer"), (JURIST, "legal_officer")):
                users.add_user(UnitOfWork.for_engine(engine), address, role, PASSWORD, actor="test")
            load_keyring(home)
            engine.dispose()

    return build


@pytest.fixture(params=["future"])
def portal(
    request: pytest.FixtureRequest, prepared_states: PreparedStates,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Portal]:  # fmt: skip
    url, home = prepared_states.copy(
        f"avenant-pages-{request.param}", "sqlite", _active(request.param), request
    )
    monkeypatch.setenv("COOPACT_HOME", str(home))
    monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)
    engine = make_engine(url)
    yield Portal(
        uow=lambda: UnitOfWork.for_engine(engine),
        keyring=load_keyring(home),
        templates=TEMPLATES,
        transport=lambda: OutboxTransport(home / "outbox"),
        public_url="http://testserver",
    )
    engine.dispose()


def _signed_in(portal: Portal, address: str) -> TestClient:
    client = TestClient(create_app(portal), raise_server_exceptions=False)
    login = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(login.text), "email": address,
                                "password": PASSWORD, "next": "/"})  # fmt: skip
    return client


def _raise(data: dict) -> None:  # type: ignore[type-arg]
    data["contributions"][0]["amount_eur"] = 135000


def test_an_avenant_is_drafted_by_upload_and_approved_on_the_page(portal: Portal) -> None:
    officer = _signed_in(portal, OFFICER)
    page = officer.get(f"/p/{REF}")
    assert "actif" in page.text
    upload = yaml.safe_dump(partnership_data(_raise), allow_unicode=True).encode()
    shown = officer.post(
        f"/p/{REF}/amend", data={"csrf": csrf_of(page.text), "effective_on": "2027-03-01"},
        files={"file": ("p.yaml", upload, "text/yaml")},
    )  # fmt: skip
    text = unescape(shown.text)
    assert "avenant" in text and "contributions[0].amount_eur" in text
    assert "135000" in text and "01/03/2027" in text
    done = officer.post(
        f"/p/{REF}/amend/confirm",
        data={"csrf": csrf_of(shown.text), "text": upload.decode(), "effective_on": "2027-03-01"},
    )
    where = unescape(done.text)
    assert "validation juridique de l'avenant" in where
    assert 'id="on-behalf"' not in done.text and 'id="reserved"' in done.text

    jurist = _signed_in(portal, JURIST)
    page = jurist.get(f"/p/{REF}")
    assert "Validation juridique de l'avenant" in unescape(page.text)
    sha = page.text.split('name="document_sha256" value="')[1][:64]
    approved = jurist.post(
        f"/p/{REF}/legal",
        data={"csrf": csrf_of(page.text), "outcome": "approve", "reason": "Avenant conforme.",
              "document_sha256": sha},
    )  # fmt: skip
    assert approved.status_code == 200
    assert "signature de l'avenant" in unescape(approved.text)
    with portal.uow() as uow:
        decision = uow.session.scalars(
            select(DecisionRow).where(DecisionRow.gate == "amendment_approval")
        ).one()
    assert (decision.channel, decision.document_sha256) == ("portal", sha)


def test_no_review_is_opened_before_the_partnership_starts(portal: Portal) -> None:
    officer = _signed_in(portal, OFFICER)
    page = officer.get(f"/p/{REF}")
    assert 'id="open-review"' not in page.text
    assert "pourra être ouverte dès le lendemain" in unescape(page.text)
    refused = officer.post(f"/p/{REF}/review", data={"csrf": csrf_of(page.text)})
    assert refused.status_code == 409
    assert "Le partenariat commence le 15/01/2027" in unescape(refused.text)
    with portal.uow() as uow:
        assert uow.partnerships.get(REF).stage == "active"


@pytest.mark.parametrize("portal", ["started"], indirect=True)
def test_an_officer_opens_the_next_review_now(portal: Portal) -> None:
    from coopact.store import audit
    from coopact.store.tables import ScheduleRow

    with portal.uow() as uow:
        row = uow.partnerships.get(REF)
        reviews = sorted(
            (s.due_on, s.id) for s in uow.partnerships.schedule(row)
            if s.kind == "review" and s.done_at is None
        )  # fmt: skip
    assert len(reviews) >= 2
    jurist = _signed_in(portal, JURIST)
    page = jurist.get(f"/p/{REF}")
    assert 'id="open-review"' not in page.text
    assert jurist.post(f"/p/{REF}/review", data={"csrf": csrf_of(page.text)}).status_code == 403

    officer = _signed_in(portal, OFFICER)
    page = officer.get(f"/p/{REF}")
    opened = officer.post(f"/p/{REF}/review", data={"csrf": csrf_of(page.text)})
    assert opened.status_code == 200
    assert "La revue Go/noGo est ouverte dès aujourd'hui" in unescape(opened.text)
    with portal.uow() as uow:
        row = uow.partnerships.get(REF)
        assert row.stage == "in_review"
        (event,) = [e for e in audit.events(uow.session, REF) if e.action == "review.opened"]
        held = {s.id: s.done_at for s in uow.session.scalars(select(ScheduleRow))}
    assert event.payload["opened_on"] == event.payload["due_on"] == dt.date.today().isoformat()
    assert held[reviews[0][1]] is not None  # the next one, brought forward
    assert held[reviews[1][1]] is None  # the later ones stay as scheduled
    from coopact import services

    assert services.verify_audit(portal.uow()).problems == []  # as a due review opens
    again = officer.post(f"/p/{REF}/review", data={"csrf": csrf_of(page.text)})
    said = unescape(again.text)
    assert again.status_code == 409 and "Revue non ouverte" in said
    assert "étape «\u00a0en revue Go/noGo\u00a0»\u00a0: une revue ne s'ouvre" in said
    assert "only on an active partnership" not in said  # the use case's words, for the CLI
    english = officer.post(f"/p/{REF}/review?lang=en", data={"csrf": csrf_of(page.text)})
    said = unescape(english.text)
    assert english.status_code == 409 and "Review not opened" in said
    assert "at the stage “in Go/noGo review”: a review is brought forward only" in said


@pytest.mark.parametrize("portal", ["started"], indirect=True)
def test_a_second_review_is_not_opened_the_day_one_was_held(portal: Portal) -> None:
    """A review's health check is dated by its day: a second review the same day would show
    every referent the first one's answers as theirs. The officer is told from when."""
    from coopact.contracts.lifecycle import Stage
    from coopact.services.reviews import record_review_answers

    officer = _signed_in(portal, OFFICER)
    page = officer.get(f"/p/{REF}")
    assert officer.post(f"/p/{REF}/review", data={"csrf": csrf_of(page.text)}).status_code == 200
    part = {"engagement": 4, "trust": 4, "benefits": {"perceived": "met"},
            "red_lines_crossed": []}  # fmt: skip
    record_review_answers(
        portal.uow(), REF,
        {"review_date": dt.date.today().isoformat(),
         "partners": {"tremplin": {**part, "mission_served": True}, "logistix": part}},
        actor="test",
    )  # fmt: skip
    with portal.uow() as uow:  # set-up shortcut: the review taken as closed on a go
        uow.partnerships.get(REF).stage = Stage.active.value
        uow.commit()
    page = officer.get(f"/p/{REF}")
    again = officer.post(f"/p/{REF}/review", data={"csrf": csrf_of(page.text)})
    assert again.status_code == 409
    assert "Une revue a déjà été tenue aujourd'hui" in unescape(again.text)
    assert "dès demain" in unescape(again.text)
    with portal.uow() as uow:
        assert uow.partnerships.get(REF).stage == "active"
