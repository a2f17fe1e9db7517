"""The officers' area over HTTP: sign-in and its throttling, roles, CSRF, the portfolio,
a decision recorded on someone's behalf with its evidence, resending a link."""

from __future__ import annotations

import hashlib
from html import unescape

import httpx
import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from coopact.contracts.errors import InvalidInput, Refused
from coopact.services import refusals, users
from coopact.store import audit
from coopact.store.tables import DecisionLinkRow, DecisionRow, EvidenceRow, WebUserRow
from tests.portal_support import PASSWORD, Setup, app_of, csrf_of, prepared

OFFICER = "charge@tremplin.example"
JURIST = "juriste.demo@example.org"  # the demo file's legal officer


@pytest.fixture(params=["sqlite", "postgresql"])
def setup(request: pytest.FixtureRequest) -> Setup:
    return prepared(
        request, request.param, [(OFFICER, "partnership_officer"), (JURIST, "legal_officer")]
    )


def _client(setup: Setup) -> TestClient:
    return TestClient(app_of(setup), raise_server_exceptions=False)


def _sign_in(client: TestClient, address: str, password: str = PASSWORD) -> object:
    page = client.get("/login")
    return client.post(
        "/login",
        data={"csrf": csrf_of(page.text), "email": address, "password": password, "next": "/"},
        follow_redirects=False,
    )


def test_accounts_are_checked_and_passwords_hashed(setup: Setup) -> None:
    with pytest.raises(Refused, match="already has a portal account"):
        setup.add_officer(OFFICER.upper(), "partnership_officer")
    with pytest.raises(InvalidInput):
        users.add_user(setup.uow(), "x@example.org", "sponsor", "court", actor="test")
    with setup.uow() as uow:
        stored = uow.session.execute(select(WebUserRow.password_hash)).scalars().all()
    assert all(h.startswith("$argon2") and PASSWORD not in h for h in stored)


def test_sign_in_sets_a_secure_session_and_shows_the_portfolio(setup: Setup) -> None:
    client = _client(setup)
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login")
    signed = _sign_in(client, OFFICER)
    assert signed.status_code == 303  # type: ignore[attr-defined]
    cookie = signed.headers["set-cookie"]  # type: ignore[attr-defined]
    assert "coopact_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = client.get("/")
    assert page.status_code == 200
    assert setup.reference in page.text
    assert "Claire Martin (Association Tremplin Emploi)" in unescape(page.text)
    assert client.get("/?stage=active").text.count(setup.reference) == 0
    assert setup.reference in client.get("/?q=logistix").text


def test_sign_in_is_throttled_after_five_failures(setup: Setup) -> None:
    client = _client(setup)
    for _ in range(5):
        assert _sign_in(client, OFFICER, "mauvais mot de passe").status_code == 401  # type: ignore[attr-defined]
    blocked = _sign_in(client, OFFICER)  # even the right password, until the window passes
    assert blocked.status_code == 429  # type: ignore[attr-defined]
    assert "Trop de tentatives" in blocked.text  # type: ignore[attr-defined]
    assert _sign_in(client, JURIST).status_code == 303  # type: ignore[attr-defined]
    with setup.uow() as uow:
        actions = [e.action for e in audit.events(uow.session) if e.action.startswith("user.")]
    # anonymous refusals are counted, not chained one event each (tests/security/)
    assert "user.sign_in_refused" not in actions
    counted = refusals.counts(setup.uow())
    assert counted["user.sign_in_refused"] == 5 and counted["user.sign_in_throttled"] == 1


def test_a_form_posted_without_its_csrf_token_is_refused(setup: Setup) -> None:
    client = _client(setup)
    assert client.post("/login", data={"email": OFFICER, "password": PASSWORD}).status_code == 403
    _sign_in(client, OFFICER)
    posted = client.post(
        f"/p/{setup.reference}/on-behalf",
        data={"person": "Claire Martin|tremplin", "outcome": "approve", "reason": "Oui."},
        files={"evidence": ("mail.eml", b"From: claire\n\nJ'approuve.", "message/rfc822")},
    )
    assert posted.status_code == 403
    with setup.uow() as uow:
        assert uow.session.scalars(select(DecisionRow)).all() == []


def test_each_officer_acts_in_their_own_role_only(setup: Setup) -> None:
    jurist = _client(setup)
    _sign_in(jurist, JURIST)
    page = jurist.get(f"/p/{setup.reference}")
    refused = jurist.post(
        f"/p/{setup.reference}/on-behalf",
        data={"csrf": csrf_of(page.text), "person": "Claire Martin|tremplin",
              "outcome": "approve", "reason": "Oui."},
        files={"evidence": ("mail.eml", b"J'approuve.", "message/rfc822")},
    )  # fmt: skip
    assert refused.status_code == 403
    officer = _client(setup)
    _sign_in(officer, OFFICER)
    page = officer.get(f"/p/{setup.reference}")
    legal = officer.post(
        f"/p/{setup.reference}/legal",
        data={"csrf": csrf_of(page.text), "outcome": "approve", "reason": "Conforme."},
    )
    assert legal.status_code == 403
    anonymous = _client(setup)
    assert anonymous.get(f"/p/{setup.reference}", follow_redirects=False).status_code == 303
    document = anonymous.get(f"/p/{setup.reference}/documents/1")
    assert document.status_code == 401 and "/login?next=" in document.text


def test_an_officer_records_a_decision_on_someones_behalf_with_evidence(setup: Setup) -> None:
    client = _client(setup)
    _sign_in(client, OFFICER)
    page = client.get(f"/p/{setup.reference}")
    evidence = "From: Claire Martin\n\nNous approuvons la vision partagée.".encode()
    done = client.post(
        f"/p/{setup.reference}/on-behalf",
        data={"csrf": csrf_of(page.text), "person": "Claire Martin|tremplin",
              "outcome": "approve", "reason": "Accord écrit reçu par courriel."},
        files={"evidence": ("accord-claire.eml", evidence, "message/rfc822")},
    )  # fmt: skip
    assert done.status_code == 200
    sha = hashlib.sha256(evidence).hexdigest()
    with setup.uow() as uow:
        (decision,) = uow.session.scalars(select(DecisionRow)).all()
        (kept,) = uow.session.scalars(select(EvidenceRow)).all()
    assert (decision.decider, decision.channel) == ("Claire Martin", "on_behalf")
    assert decision.channel_detail == {"officer": OFFICER, "evidence_sha256": sha}
    assert kept.sha256 == sha and kept.content == evidence
    assert sha in done.text and "enregistrée pour la personne" in unescape(done.text)
    # Claire's own link now shows the decision taken; nothing more can be recorded with it.
    link = setup.link_for("c.martin@tremplin.example").removeprefix("http://testserver")
    assert "Décidé le" in client.get(link).text


def _link_of_marc(setup: Setup) -> str:
    return setup.link_for("m.lefevre@logistix.example").removeprefix("http://testserver")


def _resend_marc(setup: Setup) -> tuple[TestClient, httpx.Response]:
    """A partnership officer signed in resends Marc Lefèvre's link: the client, the page."""
    client = _client(setup)
    _sign_in(client, OFFICER)
    page = client.get(f"/p/{setup.reference}")
    sent = client.post(
        f"/p/{setup.reference}/resend",
        data={"csrf": csrf_of(page.text), "person": "Marc Lefèvre|logistix"},
    )
    return client, sent


def test_resending_a_link_replaces_the_old_one(setup: Setup) -> None:
    old = _link_of_marc(setup)
    client, sent = _resend_marc(setup)
    assert sent.status_code == 200
    new = _link_of_marc(setup)
    assert new != old
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200
    with setup.uow() as uow:
        rows = uow.session.scalars(select(DecisionLinkRow)).all()
    assert sum(r.revoked_at is not None for r in rows) == 1


def test_a_resent_link_waits_in_the_queue_when_the_mail_cannot_leave(setup: Setup) -> None:
    """The new link is recorded and its mail queued in one transaction; the officer is told
    that the mail did not leave, and the next delivery sends the link that works."""
    from coopact.adapters.mail.transports import OutboxTransport
    from coopact.services import mail

    old = _link_of_marc(setup)
    blocked = setup.home / "not-a-folder"
    blocked.write_text("a file where the outbox folder should be")
    setup.portal.transport = lambda: OutboxTransport(blocked)
    client, sent = _resend_marc(setup)
    assert sent.status_code == 200
    assert "il reste en file" in unescape(sent.text)
    assert client.get(old).status_code == 410  # the new link replaced it all the same
    assert _link_of_marc(setup) == old
    delivered = mail.deliver(setup.uow(), OutboxTransport(setup.home / "outbox"))
    assert delivered.sent == 1
    new = _link_of_marc(setup)
    assert new != old
    assert client.get(new).status_code == 200


def test_the_portfolio_puts_overdue_items_first_and_filters(setup: Setup) -> None:
    import datetime as dt

    import yaml

    from coopact import services
    from coopact.adapters.loading import load_text
    from coopact.entrypoints.cli.demo import demo_file
    from coopact.entrypoints.web import portfolio
    from coopact.store.tables import ScheduleRow

    data = yaml.safe_load(demo_file())
    data["reference"] = "P-2027-002"
    data["title"] = "Chantier d'insertion et réemploi"
    second = services.register(setup.uow(), load_text(yaml.safe_dump(data), "second"), actor="t")
    with setup.uow() as uow:
        row = uow.partnerships.get(second.reference)
        uow.session.add(
            ScheduleRow(
                partnership_id=row.id, kind="review", subject="review-1",
                due_on=dt.date.today() - dt.timedelta(days=3),
            )
        )  # fmt: skip
        uow.commit()
    items = portfolio.portfolio(setup.uow())
    assert [i.reference for i in items] == ["P-2027-002", setup.reference]
    assert items[0].overdue and not items[1].overdue
    assert items[1].awaited_from == [
        "Claire Martin (Association Tremplin Emploi)",
        "Marc Lefèvre (Logistix Urbaine SAS)",
    ]
    assert [i.reference for i in portfolio.portfolio(setup.uow(), query="réemploi")] == [
        "P-2027-002"
    ]
    assert portfolio.portfolio(setup.uow(), stage="active") == []
    client = _client(setup)
    _sign_in(client, OFFICER)
    html = client.get("/").text
    assert html.index("P-2027-002") < html.index(setup.reference)
    assert 'class="overdue"' in html
