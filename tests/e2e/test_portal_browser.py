"""The portal in a real browser: headless Chromium (Debian's) driven by Playwright.

A sponsor opens the link found in the .eml of the outbox, sees the vision note's SHA-256,
downloads it and approves; the same link then records nothing; a link for one partner
cannot decide for another; an altered or expired token gets a refusal page; an officer
signs in, sees the portfolio and records a decision on someone's behalf with evidence.

Needs /usr/bin/chromium and the playwright package (no browser download). Skipped when
either is missing, unless COOPACT_REQUIRE_BROWSER=1 (CI), where that fails the run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coopact.services import links
from coopact.store.tables import DecisionLinkRow, DecisionRow, EvidenceRow
from tests.portal_support import PASSWORD, Setup, app_of, set_up
from tests.ports import free_port

CHROMIUM = os.environ.get("COOPACT_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CLAIRE = "c.martin@tremplin.example"
MARC = "m.lefevre@logistix.example"
OFFICER = "charge@tremplin.example"


def _browser_or_skip():  # type: ignore[no-untyped-def]
    problem = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = "the playwright package is not installed"
    if problem is None and not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        problem = f"no Chromium at {CHROMIUM} (Debian package chromium)"
    if problem:
        if os.environ.get("COOPACT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"a browser is required (COOPACT_REQUIRE_BROWSER=1): {problem}")
        pytest.skip(problem)
    return sync_playwright


@pytest.fixture
def served(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    import uvicorn

    port = free_port()
    setup = set_up(tmp_path / "home", sqlite_url, monkeypatch, f"http://127.0.0.1:{port}")
    setup.add_officer(OFFICER, "partnership_officer")
    server = uvicorn.Server(
        uvicorn.Config(app_of(setup), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the portal did not start"
        time.sleep(0.05)
    yield setup
    server.should_exit = True
    thread.join(timeout=10)
    setup.engine.dispose()


@pytest.fixture
def page(served: Setup, chromium: Any):  # type: ignore[no-untyped-def]
    context = chromium.new_context(accept_downloads=True, locale="fr-FR")
    yield context.new_page()
    context.close()


def _decisions(setup: Setup) -> list[DecisionRow]:
    with setup.uow() as uow:
        return list(uow.session.scalars(select(DecisionRow).order_by(DecisionRow.id)))


@pytest.mark.browser
def test_a_sponsor_decides_through_the_link_of_the_mail(
    served: Setup, page, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    link = served.link_for(CLAIRE)
    with served.uow() as uow:
        note = uow.partnerships.documents(uow.partnerships.get(served.reference), "vision_note")[-1]

    page.goto(link)
    assert page.locator("#sha256").inner_text() == note.sha256
    with page.expect_download() as info:
        page.click("#download")
    saved = tmp_path / "downloaded.docx"
    info.value.save_as(saved)
    assert info.value.suggested_filename == note.filename
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == note.sha256

    second_tab = page.context.new_page()  # the same link, opened twice before deciding
    second_tab.goto(link)

    page.check("input[value=approve]")
    page.fill("#reason", "La vision partagée reflète nos enjeux.")
    page.click("#submit")
    assert "Décidé le" in page.locator("#decided").inner_text()
    assert "Claire Martin" in page.locator("#decided").inner_text()
    (decision,) = _decisions(served)
    assert (decision.gate, decision.outcome, decision.channel) == (
        "vision_approval", "approve", "link",
    )  # fmt: skip

    second_tab.check("input[value=reject]")
    second_tab.fill("#reason", "Finalement non.")
    second_tab.click("#submit")
    assert "déjà été enregistrée" in second_tab.locator("#message").inner_text()
    assert len(_decisions(served)) == 1

    page.goto(link)
    assert "Décidé le" in page.content()


@pytest.mark.browser
def test_foreign_altered_and_expired_links_are_refused(served: Setup, page) -> None:  # type: ignore[no-untyped-def]
    claire, marc = served.link_for(CLAIRE), served.link_for(MARC)
    base, claire_token = claire.split("/d/")
    marc_id = marc.split("/d/")[1].split(".")[0]
    forged = f"{base}/d/" + ".".join([marc_id, *claire_token.split(".")[1:]])
    response = page.goto(forged)
    assert response.status == 403
    assert "a été modifié" in page.locator("#message").inner_text()

    altered = claire[:-1] + ("0" if claire[-1] != "0" else "1")
    response = page.goto(altered)
    assert response.status == 403 and "Rien n'a été enregistré" in page.content()

    with served.uow() as uow:
        row = uow.session.scalars(
            select(DecisionLinkRow).where(DecisionLinkRow.partner_key == "logistix")
        ).one()
        row.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        uow.commit()
        expired = links.token_of(served.keyring, served.reference, row)
    response = page.goto(f"{base}/d/{expired}")
    assert response.status == 410
    assert "a expiré" in page.locator("#message").inner_text()
    assert _decisions(served) == []


@pytest.mark.browser
def test_an_officer_records_a_decision_on_someones_behalf(served: Setup, page) -> None:  # type: ignore[no-untyped-def]
    base = served.portal.public_url
    page.goto(f"{base}/")
    page.fill("input[name=email]", OFFICER)
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in")
    table = page.locator("#portfolio").inner_text()
    assert served.reference in table
    assert "Claire Martin (Association Tremplin Emploi)" in table
    assert "Marc Lefèvre" in table

    page.click(f"text={served.reference}")
    form = page.locator("#on-behalf")
    form.locator("select[name=person]").select_option("Marc Lefèvre|logistix")
    form.locator("select[name=outcome]").select_option("approve")
    form.locator("textarea[name=reason]").fill("Accord donné par courriel le 27/11.")
    evidence = b"From: Marc Lefevre\n\nNous approuvons la vision partagee.\n"
    form.locator("input[name=evidence]").set_input_files(
        files=[{"name": "accord-marc.eml", "mimeType": "message/rfc822", "buffer": evidence}]
    )
    form.locator("button[type=submit]").click()
    decisions = page.locator("#decisions").inner_text()
    assert "Marc Lefèvre" in decisions and "enregistrée pour la personne" in decisions
    sha = hashlib.sha256(evidence).hexdigest()
    assert sha in decisions
    (decision,) = _decisions(served)
    assert decision.channel_detail == {"officer": OFFICER, "evidence_sha256": sha}
    with served.uow() as uow:
        assert [e.sha256 for e in uow.session.scalars(select(EvidenceRow))] == [sha]
