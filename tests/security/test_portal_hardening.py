"""The portal's sessions, client addresses, headers, download names and anonymous refusals:
a session cookie is refused after logout and after expiry; X-Forwarded-For is believed only
from a trusted proxy; every response carries the security headers and no-store; a
non-Latin-1 file name is sent as RFC 6266 ``filename*``; 200 anonymous refusals do not
write 200 audit events."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from coopact.entrypoints.web import security
from coopact.services import refusals
from coopact.store.audit_tables import AuditEventRow
from coopact.store.tables import WebSessionRow
from tests.portal_support import PASSWORD, Setup, app_of, csrf_of, prepared

OFFICER = "charge@tremplin.example"


@pytest.fixture(params=["sqlite", "postgresql"])
def setup(request: pytest.FixtureRequest) -> Setup:
    return prepared(request, request.param, [(OFFICER, "partnership_officer")])


def _client(setup: Setup) -> TestClient:
    return TestClient(app_of(setup), raise_server_exceptions=False)


def _sign_in(client: TestClient, address: str = OFFICER, password: str = PASSWORD, **kw: object):  # type: ignore[no-untyped-def]
    page = client.get("/login")
    return client.post(
        "/login",
        data={"csrf": csrf_of(page.text), "email": address, "password": password, "next": "/"},
        follow_redirects=False,
        **kw,  # type: ignore[arg-type]
    )


def _events(setup: Setup) -> int:
    with setup.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(AuditEventRow)) or 0


def test_a_session_cookie_is_refused_after_logout(setup: Setup) -> None:
    client = _client(setup)
    _sign_in(client)
    cookie = client.cookies[security.SESSION_COOKIE]
    page = client.get("/")
    assert page.status_code == 200 and setup.reference in page.text
    client.post("/logout", data={"csrf": csrf_of(page.text)})
    replayed = _client(setup)
    replayed.cookies.set(security.SESSION_COOKIE, cookie)
    refused = replayed.get("/", follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/login")
    assert replayed.get(f"/p/{setup.reference}/documents/1").status_code == 401


def test_a_session_ends_at_its_expiry_and_with_its_account(setup: Setup) -> None:
    from coopact.services import users

    client = _client(setup)
    _sign_in(client)
    cookie = client.cookies[security.SESSION_COOKIE]
    assert security.read_session(setup.uow(), cookie) is not None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=security.SESSION_SECONDS + 1)
    assert security.read_session(setup.uow(), cookie, now=later) is None
    users.disable_user(setup.uow(), OFFICER, actor="test")
    assert client.get("/", follow_redirects=False).status_code == 303


def test_the_cookie_holds_no_user_id_and_the_database_no_token(setup: Setup) -> None:
    client = _client(setup)
    _sign_in(client)
    cookie = client.cookies[security.SESSION_COOKIE]
    assert "." not in cookie and len(cookie) >= 40
    with setup.uow() as uow:
        stored = uow.session.execute(select(WebSessionRow.token_sha256)).scalars()
        assert cookie not in list(stored)


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(setup: Setup) -> None:
    client = _client(setup)
    for n in range(20):  # twenty addresses, one client: the client's own limit is reached
        forged = {"X-Forwarded-For": f"203.0.113.{n}"}
        assert _sign_in(client, f"x{n}@example.org", "wrong", headers=forged).status_code == 401
    blocked = _sign_in(client, headers={"X-Forwarded-For": "198.51.100.7"})
    assert blocked.status_code == 429

    setup.portal.forwarded_allow_ips = "testclient"  # TestClient's peer, as a proxy
    proxied = _client(setup)
    for n in range(20):
        forged = {"X-Forwarded-For": f"203.0.113.{n}"}
        assert _sign_in(proxied, f"x{n}@example.org", "wrong", headers=forged).status_code == 401
    # the proxy's clients are told apart: a new one is not throttled
    assert _sign_in(proxied, headers={"X-Forwarded-For": "198.51.100.7"}).status_code == 303
    for n in range(20):  # one real client behind the proxy reaches its limit
        same = {"X-Forwarded-For": "192.0.2.1"}
        _sign_in(proxied, f"y{n}@example.org", "wrong", headers=same)
    assert _sign_in(proxied, headers={"X-Forwarded-For": "192.0.2.1"}).status_code == 429


def test_every_response_carries_the_security_headers_and_no_store(setup: Setup) -> None:
    client = _client(setup)
    answers = {
        "redirect": client.get("/", follow_redirects=False),
        "login": client.get("/login"),
        "not found": client.get("/nowhere"),
        "refused link": client.get("/d/not-a-token"),
        "health": client.get("/healthz"),
        "too large": client.post("/logout", content=b"x" * 100_000),
    }
    _sign_in(client)
    answers["download"] = client.get(f"/p/{setup.reference}/documents/1")
    answers["missing document"] = client.get(f"/p/{setup.reference}/documents/999")
    assert answers["download"].status_code == 200
    assert answers["redirect"].status_code == 303 and answers["too large"].status_code == 413
    for name, answer in answers.items():
        headers = answer.headers
        assert headers["cache-control"] == "no-store", name
        assert headers["x-content-type-options"] == "nosniff", name
        assert headers["x-frame-options"] == "DENY", name
        assert headers["referrer-policy"] == "no-referrer", name
        assert "frame-ancestors 'none'" in headers["content-security-policy"], name


def test_a_non_latin1_file_name_is_sent_as_filename_star(setup: Setup) -> None:
    name = "procès-verbal 会议 Œuvre.eml"
    header = security.attachment(name)
    assert header.encode("latin-1")  # a header fit for HTTP
    fallback, _, encoded = header.partition("; filename*=UTF-8''")
    assert unquote(encoded) == name
    assert fallback == 'attachment; filename="proces-verbal __ OEuvre.eml"' or fallback.isascii()
    assert security.attachment("plain.docx") == 'attachment; filename="plain.docx"'

    client = _client(setup)
    _sign_in(client)
    page = client.get(f"/p/{setup.reference}")
    done = client.post(
        f"/p/{setup.reference}/on-behalf",
        data={"csrf": csrf_of(page.text), "person": "Claire Martin|tremplin",
              "outcome": "approve", "reason": "Accord écrit reçu par courriel."},
        files={"evidence": (name, b"From: Claire\n\nOui.", "message/rfc822")},
    )  # fmt: skip
    assert done.status_code == 200
    download = client.get(f"/p/{setup.reference}/evidence/1")
    assert download.status_code == 200
    disposition = download.headers["content-disposition"]
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == name


def test_200_anonymous_refusals_do_not_write_200_audit_events(setup: Setup) -> None:
    client = _client(setup)
    before = _events(setup)
    page = client.get("/login")
    for n in range(100):
        client.post("/login", data={"csrf": csrf_of(page.text), "email": f"z{n}@example.org",
                                    "password": "wrong"})  # fmt: skip
        client.get(f"/d/forged{n}.token.value")
    counted = refusals.counts(setup.uow())
    assert sum(counted.values()) == 200
    assert _events(setup) - before <= 2  # at most one summary per kind and past hour
    written = refusals.summarise(setup.uow())
    assert written == len(counted)  # one summary event per kind, with its count
    with setup.uow() as uow:
        summaries = [
            e.payload for e in uow.session.scalars(select(AuditEventRow))
            if e.action == "web.refusals_summarised"
        ]  # fmt: skip
    assert sum(s["count"] for s in summaries) == 200
    assert refusals.summarise(setup.uow()) == 0  # nothing counted twice
