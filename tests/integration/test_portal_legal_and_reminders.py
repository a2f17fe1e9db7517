"""The legal approval given by a signed-in legal officer; reminders of links about to expire;
the `coopact user add` and `coopact remind` commands."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient
from typer.testing import CliRunner

from coopact import services
from coopact.adapters.mail.transports import OutboxTransport
from coopact.bootstrap import wiring
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.services import link_reminders
from coopact.store.tables import DecisionLinkRow, DecisionRow
from tests.portal_support import PASSWORD, TEMPLATES, Setup, app_of, csrf_of, prepared

JURIST = "juriste.demo@example.org"
MARC = "m.lefevre@logistix.example"


@pytest.fixture
def setup(request: pytest.FixtureRequest) -> Setup:
    return prepared(request, "sqlite")


def _to_legal_gate(setup: Setup) -> None:
    sponsors = [("Claire Martin", "tremplin"), ("Marc Lefèvre", "logistix")]
    outbox = OutboxTransport(setup.outbox)
    for name, key in sponsors:
        services.decide(
            setup.uow(), setup.reference, Gate.vision_approval, Decider(name, Role.sponsor, key),
            Outcome.approve, "Vision approuvée.",
        )  # fmt: skip
    services.advance(setup.uow(), setup.reference, templates=TEMPLATES, transport=outbox)
    for name, key in sponsors:
        services.decide(
            setup.uow(), setup.reference, Gate.balance_acceptance,
            Decider(name, Role.sponsor, key), Outcome.approve,
            "Équilibre accepté : les avertissements relevés sont compris "
            "et suivis en comité de pilotage.",
        )  # fmt: skip
    services.advance(setup.uow(), setup.reference, templates=TEMPLATES, transport=outbox)


def test_the_legal_approval_is_given_by_the_signed_in_legal_officer(setup: Setup) -> None:
    _to_legal_gate(setup)
    setup.add_officer(JURIST, "legal_officer")
    path = setup.link_for(JURIST).removeprefix("http://testserver")
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    page = client.get(path)
    assert page.status_code == 200 and "une fois connecté(e)" in page.text
    assert 'name="outcome"' not in page.text
    login = client.get(f"/login?next={path}")
    anonymous = client.post(path, data={"csrf": csrf_of(login.text), "outcome": "approve",
                                        "reason": "Conforme."})  # fmt: skip
    assert anonymous.status_code == 403 and "connecté(e)" in anonymous.text

    signed = client.post(
        "/login",
        data={"csrf": csrf_of(login.text), "email": JURIST, "password": PASSWORD, "next": path},
        follow_redirects=False,
    )
    assert signed.headers["location"] == path
    page = client.get(path)
    assert 'value="approve"' in page.text
    done = client.post(
        path, data={"csrf": csrf_of(page.text), "outcome": "approve", "reason": "Conforme.",
                    "document_sha256": page.text.split('name="document_sha256" value="')[1][:64]},
    )  # fmt: skip
    assert done.status_code == 200 and "Décidé le" in done.text
    with setup.uow() as uow:
        decision = uow.session.scalars(
            select(DecisionRow).where(DecisionRow.gate == "legal_approval")
        ).one()
    assert decision.channel == "link"
    assert decision.channel_detail["officer"] == JURIST


def test_the_legal_officer_approves_from_the_partnership_page(setup: Setup) -> None:
    _to_legal_gate(setup)
    setup.add_officer(JURIST, "legal_officer")
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    login = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(login.text), "email": JURIST,
                                "password": PASSWORD, "next": "/"})  # fmt: skip
    page = client.get(f"/p/{setup.reference}")
    assert 'id="legal"' in page.text
    sha = page.text.split('name="document_sha256" value="')[1][:64]
    done = client.post(
        f"/p/{setup.reference}/legal",
        data={"csrf": csrf_of(page.text), "outcome": "approve", "reason": "Conforme.",
              "document_sha256": sha},
    )  # fmt: skip
    assert done.status_code == 200
    with setup.uow() as uow:
        decision = uow.session.scalars(
            select(DecisionRow).where(DecisionRow.gate == "legal_approval")
        ).one()
        stage = uow.partnerships.get(setup.reference).stage
    assert (decision.channel, decision.channel_detail) == ("portal", {"officer": JURIST})
    assert decision.document_sha256 == sha
    assert stage == "formalised"


def test_links_about_to_expire_are_reminded_once(setup: Setup) -> None:
    services.decide(
        setup.uow(), setup.reference, Gate.vision_approval,
        Decider("Claire Martin", Role.sponsor, "tremplin"), Outcome.approve, "Oui.",
    )  # fmt: skip
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    with setup.uow() as uow:
        for row in uow.session.scalars(select(DecisionLinkRow)):
            row.expires_at = soon  # both links: Claire has decided, Marc has not
        uow.commit()
    before = set(setup.outbox.glob("*.eml"))

    def remind() -> int:
        return link_reminders.remind(
            setup.uow(), setup.keyring, OutboxTransport(setup.outbox),
            templates=TEMPLATES / "mail", base="http://testserver", sender="coopact@test",
        )  # fmt: skip

    assert remind() == 1
    (new,) = set(setup.outbox.glob("*.eml")) - before
    assert MARC in new.read_text()
    link = setup.link_for(MARC).removeprefix("http://testserver")
    client = TestClient(app_of(setup))
    assert client.get(link).status_code == 200  # the reminded link opens the page
    assert remind() == 0


def test_user_add_and_remind_commands(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    from coopact.entrypoints.cli.main import app

    monkeypatch.setenv("COOPACT_DATABASE_URL", setup.engine.url.render_as_string(False))
    wiring.engine.cache_clear()
    try:
        runner = CliRunner()
        added = runner.invoke(
            app, ["user", "add", "Marie@Tremplin.example", "--role", "partnership_officer",
                  "--password-stdin"], input=f"{PASSWORD}\n",
        )  # fmt: skip
        assert added.exit_code == 0, added.output
        assert "marie@tremplin.example (partnership_officer)" in added.stdout
        again = runner.invoke(
            app, ["user", "add", "marie@tremplin.example", "--password-stdin"],
            input=f"{PASSWORD}\n",
        )  # fmt: skip
        assert again.exit_code == 1 and "already has a portal account" in again.stderr
        short = runner.invoke(
            app, ["user", "add", "x@tremplin.example", "--role", "sponsor", "--password-stdin"],
            input="court\n",
        )  # fmt: skip
        assert short.exit_code == 2
        reminded = runner.invoke(app, ["remind"])
        assert reminded.exit_code == 0 and "No link about to expire." in reminded.stdout
    finally:
        wiring.engine.cache_clear()
    assert os.environ["COOPACT_HOME"] == str(setup.home)


def test_coopact_web_serves_the_portal(setup: Setup) -> None:
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {
        **os.environ,
        "COOPACT_HOME": str(setup.home),
        "COOPACT_DATABASE_URL": setup.engine.url.render_as_string(False),
        "COOPACT_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "coopact", "web", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, (
                "coopact web did not start"
            )
            time.sleep(0.2)
        link = setup.link_for(MARC).replace("http://testserver", f"http://127.0.0.1:{port}")
        page = httpx.get(link)
        assert page.status_code == 200 and "Marc Lefèvre" in page.text
        assert page.headers["x-frame-options"] == "DENY"
        assert httpx.get(f"http://127.0.0.1:{port}/d/abc").status_code == 403
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.libreoffice
def test_the_document_is_offered_as_pdf_when_libreoffice_is_installed(setup: Setup) -> None:
    import shutil

    if shutil.which("soffice") is None:
        if os.environ.get("COOPACT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(
                "LibreOffice required (COOPACT_REQUIRE_LIBREOFFICE=1) but soffice is missing"
            )
        pytest.skip("soffice not installed")
    path = setup.link_for(MARC).removeprefix("http://testserver")
    client = TestClient(app_of(setup))
    page = client.get(path)
    assert f'href="{path}/document.pdf"' in page.text
    converted = client.get(f"{path}/document.pdf")
    assert converted.status_code == 200
    assert converted.content.startswith(b"%PDF")
    assert "vision-note-fr.pdf" in converted.headers["content-disposition"]
