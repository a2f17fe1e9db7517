"""Personal decision links over HTTP: the page, the decision recorded once, refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
from html import unescape

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from coopact.entrypoints.web import security
from coopact.services import links, refusals
from coopact.store import audit
from coopact.store.tables import DecisionLinkRow, DecisionRow
from tests.portal_support import Setup, app_of, csrf_of, prepared

CLAIRE = "c.martin@tremplin.example"
MARC = "m.lefevre@logistix.example"


@pytest.fixture(params=["sqlite", "postgresql"])
def setup(request: pytest.FixtureRequest) -> Setup:
    return prepared(request, request.param)


@pytest.fixture
def browser(setup: Setup) -> TestClient:
    return TestClient(app_of(setup), raise_server_exceptions=False)


def _path(link: str) -> str:
    return link.removeprefix("http://testserver")


def _decisions(setup: Setup) -> list[DecisionRow]:
    with setup.uow() as uow:
        return list(uow.session.scalars(select(DecisionRow).order_by(DecisionRow.id)))


def _refusals(setup: Setup) -> list[str]:
    with setup.uow() as uow:
        return [
            e.payload["reason"] for e in audit.events(uow.session) if e.action == "link.refused"
        ]


def _approve(browser: TestClient, path: str, reason: str = "La vision nous convient.") -> object:
    page = browser.get(path)
    return browser.post(
        path, data={"csrf": csrf_of(page.text), "outcome": "approve", "reason": reason}
    )


def test_the_sponsor_link_shows_the_vision_note_and_records_the_approval_once(
    setup: Setup, browser: TestClient
) -> None:
    mail = next(m for m in setup.mails() if CLAIRE in str(m["To"]))
    body = mail.get_content()
    assert "coopact decide" not in body and "Prefect" not in body
    with setup.uow() as uow:
        note = uow.partnerships.documents(uow.partnerships.get(setup.reference), "vision_note")[-1]
    assert note.filename in body and note.sha256 in body

    path = _path(setup.link_for(CLAIRE))
    page = browser.get(path)
    assert page.status_code == 200
    assert note.sha256 in page.text
    assert "l'approbation de la vision partagée" in unescape(page.text)
    assert 'value="approve"' in page.text and 'value="reject"' in page.text
    assert 'value="sign"' not in page.text  # only this gate's outcomes
    download = browser.get(f"{path}/document")
    assert hashlib.sha256(download.content).hexdigest() == note.sha256
    # saved under the name the mail gives (RFC 6266, as the officers' downloads)
    assert download.headers["content-disposition"] == security.attachment(note.filename)

    done = browser.post(
        path,
        data={
            "csrf": csrf_of(page.text),
            "outcome": "approve",
            "reason": "La vision nous convient.",
        },
    )
    assert done.status_code == 200
    assert "Décidé le" in done.text and "par Claire Martin" in done.text
    (decision,) = _decisions(setup)
    assert (decision.gate, decision.outcome, decision.partner_key) == (
        "vision_approval", "approve", "tremplin",
    )  # fmt: skip
    token_id = path.split("/d/")[1].split(".")[0]
    assert decision.channel == "link" and decision.channel_detail == {"token_id": token_id}

    again = browser.post(
        path, data={"csrf": csrf_of(page.text), "outcome": "reject", "reason": "Non."}
    )
    assert again.status_code == 410
    assert "déjà été enregistrée" in again.text
    assert len(_decisions(setup)) == 1
    assert _refusals(setup) == ["reused"]
    reopened = browser.get(path)
    assert reopened.status_code == 200 and "Décidé le" in reopened.text


def test_a_link_decides_for_its_own_partner_only(setup: Setup, browser: TestClient) -> None:
    claire, marc = _path(setup.link_for(CLAIRE)), _path(setup.link_for(MARC))
    assert _approve(browser, claire).status_code == 200  # type: ignore[attr-defined]
    # Claire's signature on Marc's token id: refused as altered, nothing recorded.
    marc_id = marc.split("/d/")[1].split(".")[0]
    forged = "/d/" + ".".join([marc_id, *claire.split("/d/")[1].split(".")[1:]])
    refused = browser.get(forged)
    assert refused.status_code == 403
    assert [d.partner_key for d in _decisions(setup)] == ["tremplin"]
    # Marc's own link still awaits his decision.
    assert "Marc Lefèvre" in browser.get(marc).text


def test_altered_unknown_and_expired_tokens_get_a_plain_refusal(
    setup: Setup, browser: TestClient
) -> None:
    path = _path(setup.link_for(CLAIRE))
    altered = path[:-1] + ("0" if path[-1] != "0" else "1")
    page = browser.get(altered)
    assert page.status_code == 403 and "a été modifié" in page.text
    assert "Traceback" not in page.text
    assert browser.post(altered, data={"outcome": "approve", "reason": "x"}).status_code == 403
    assert browser.get("/d/nothing-here").status_code == 403
    unknown = "/d/" + ".".join(["AAAAAAAAAAAAAAAA", *path.split("/d/")[1].split(".")[1:]])
    assert browser.get(unknown).status_code == 403

    with setup.uow() as uow:
        link = uow.session.scalars(select(DecisionLinkRow)).first()
        assert link is not None
        link.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        uow.commit()
        expired = links.token_of(setup.keyring, setup.reference, link)
    page = browser.get(f"/d/{expired}")
    assert page.status_code == 410 and "a expiré" in page.text
    assert _decisions(setup) == []
    assert _refusals(setup) == ["expired"]  # a real link's: in the chain
    # the anonymous ones (no valid link behind them) are counted, not chained one by one
    assert refusals.counts(setup.uow()) == {"link.altered": 2, "link.malformed": 1,
                                             "link.unknown": 1}  # fmt: skip


def test_a_form_without_its_csrf_token_or_with_a_foreign_outcome_records_nothing(
    setup: Setup, browser: TestClient
) -> None:
    path = _path(setup.link_for(CLAIRE))
    browser.get(path)
    missing = browser.post(path, data={"outcome": "approve", "reason": "Oui."})
    assert missing.status_code == 403 and "rien n'a été enregistré" in unescape(missing.text)
    stranger = TestClient(app_of(setup))  # another browser: its own CSRF cookie
    token = csrf_of(browser.get(path).text)
    stranger.get(path)
    assert (
        stranger.post(
            path, data={"csrf": token, "outcome": "approve", "reason": "Oui."}
        ).status_code
        == 403
    )
    page = browser.get(path)
    foreign = browser.post(
        path, data={"csrf": csrf_of(page.text), "outcome": "sign", "reason": "x"}
    )
    assert foreign.status_code == 400
    assert "J'approuve" in unescape(foreign.text) and "Je rejette" in foreign.text
    no_reason = browser.post(
        path, data={"csrf": csrf_of(page.text), "outcome": "approve", "reason": " "}
    )
    assert no_reason.status_code == 422
    assert "Indiquez le motif de votre décision." in unescape(no_reason.text)
    assert _decisions(setup) == []


def test_an_unexpected_error_shows_a_correlation_id_never_a_trace(
    setup: Setup,
    browser: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from coopact.entrypoints.web import link_pages

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(link_pages, "decide", broken)
    path = _path(setup.link_for(CLAIRE))
    page = _approve(browser, path)
    assert page.status_code == 500  # type: ignore[attr-defined]
    text = page.text  # type: ignore[attr-defined]
    assert "database on fire" not in text and "Traceback" not in text
    correlation = text.split('id="correlation">')[1].split("<")[0]
    assert any(correlation in r.getMessage() for r in caplog.records)
    assert path.split("/d/")[1] not in caplog.text  # the token is a credential: not logged


def test_history_shows_the_channel_of_each_decision(setup: Setup, browser: TestClient) -> None:
    from typer.testing import CliRunner

    from coopact.bootstrap import wiring
    from coopact.entrypoints.cli.main import app

    _approve(browser, _path(setup.link_for(CLAIRE)))
    wiring.engine.cache_clear()
    import os

    os.environ["COOPACT_DATABASE_URL"] = setup.engine.url.render_as_string(hide_password=False)
    try:
        result = CliRunner().invoke(
            app,
            ["decide", setup.reference, "vision_approval", "--as", "Marc Lefèvre", "--role",
             "sponsor", "--for", "logistix", "--outcome", "approve", "--reason", "Oui."],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        history = CliRunner().invoke(app, ["history", setup.reference], env={"COLUMNS": "200"})
    finally:
        del os.environ["COOPACT_DATABASE_URL"]
        wiring.engine.cache_clear()
    lines = [line for line in history.stdout.splitlines() if "channel:" in line]
    assert len(lines) == 2
    assert "personal decision link (token " in lines[0]
    assert "command line (OS user " in lines[1]
