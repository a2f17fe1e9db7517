"""A whole partnership life through personal links, in Chromium (Debian's), driven by
Playwright: every gate decided by the person it awaits from the link of their mail, the
committee's go with conditions (several rows, problems beside the fields, what was typed
kept), an avenant approved by the signed-in legal officer and signed by each signatory, a
second review voted no go and the exit acknowledged by each partner's signatory. Only the
officer's acts (an avenant proposed, a review opened on its date) go through the use cases,
as the officers' pages or the schedule would; tests/e2e/test_portal_whole_life.py does
them through the officer's pages too, from the upload of the file.

Every page a sponsor, signatory, committee member or referent is shown, and every mail
they receive, is kept and scanned: no command line anywhere. Screenshots of the pages land
in COOPACT_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml

from coopact import services
from coopact.adapters.loading import load_text
from coopact.store.db import make_engine
from coopact.store.migrate import upgrade
from tests.life_support import (
    COMMAND,
    JURIST,
    OFFICER,
    Life,
    activate,
    english,
    french,
    open_renewal,
    open_review,
    propose_avenant,
    set_up_life,
    text_of,
)
from tests.portal_support import PASSWORD, app_of
from tests.ports import free_port

SHOTS = os.environ.get("COOPACT_SCREENSHOTS")


class Browser:
    """One Chromium page, and every page the non-officers were shown."""

    def __init__(self, page: Any, life: Life) -> None:
        self.page, self.life = page, life
        self.seen: list[tuple[str, str]] = []  # (what, html)
        self.shots = 0

    def keep(self, what: str) -> None:
        self.seen.append((what, self.page.content()))
        if SHOTS:
            self.shots += 1
            self.page.screenshot(path=f"{SHOTS}/{self.shots:02d}-{what}.png", full_page=True)

    def open(self, link: str, what: str) -> None:
        response = self.page.goto(link)
        assert response.status == 200, (what, self.page.content())
        self.keep(what)

    def decide(
        self,
        address: str,
        outcome: str,
        reason: str,
        *,
        fill: Callable[[Any], None] | None = None,
    ) -> str:
        """The person at ``address`` opens the latest link of their mails and decides."""
        link = self.life.links_to(address)[-1]
        what = f"{address.split('@')[0]}-{outcome}"
        self.open(link, what)
        self.page.check(f"input[name=outcome][value={outcome}]")
        if fill:
            fill(self.page)
        self.page.fill("#reason", reason)
        self.page.click("#submit")
        self.keep(f"{what}-done")
        self.page.locator("#decided").wait_for()  # the page after the submit
        assert self.page.locator("#decided").count() == 1, self.page.content()
        return self.page.locator("#decided").inner_text()

    def sign_in(self, address: str) -> None:
        if self.page.locator("a[href^='/login']").count():
            self.page.click("a[href^='/login']")
            self.page.fill("input[name=email]", address)
            self.page.fill("input[name=password]", PASSWORD)
            self.page.click("#sign-in")


def _serve(life: Life, port: int) -> Callable[[], None]:
    import uvicorn

    server = uvicorn.Server(
        uvicorn.Config(app_of(life), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the portal did not start"
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return stop


@pytest.fixture
def living(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chromium: Any
) -> Iterator[Callable[[dict[str, Any]], Browser]]:
    stops: list[Callable[[], None]] = []
    contexts: list[Any] = []

    def start(data: dict[str, Any]) -> Browser:
        port = free_port()
        url = f"sqlite:///{tmp_path / 'coopact.db'}"
        upgrade(make_engine(url))
        life = set_up_life(tmp_path / "home", url, monkeypatch, f"http://127.0.0.1:{port}", data)
        stops.append(_serve(life, port))
        language = "en-GB" if data.get("language") == "en" else "fr-FR"
        contexts.append(chromium.new_context(accept_downloads=True, locale=language))
        return Browser(contexts[-1].new_page(), life)

    yield start
    for context in contexts:
        context.close()
    for stop in stops:
        stop()


def _no_command_anywhere(browser: Browser) -> None:
    """No page a non-officer was shown, no mail a non-officer received, shows a command."""
    for what, html in browser.seen:
        assert not COMMAND.search(html), (what, COMMAND.search(html))
    officers = {OFFICER["email"], JURIST}
    for mail in browser.life.mails():
        if any(address in str(mail["To"]) for address in officers):
            continue
        text = mail.get_body(("plain",)).get_content()
        found = COMMAND.search(text)
        assert not found, (mail["Subject"], found.group(0) if found else "")


DOCUMENTS = ("vision_note", "balance_report", "agreement", "review_report", "minutes",
             "avenant", "termination_letter", "exit_statement")  # fmt: skip


def _docx_text(content: bytes) -> str:
    import io

    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def _no_command_in_documents(life: Life) -> None:
    """The documents the partners are sent show no command line either."""
    for kind in DOCUMENTS:
        try:
            content = services.document_content(life.uow(), life.reference, kind).content
        except Exception:  # a kind this life did not write
            continue
        found = COMMAND.search(_docx_text(content))
        assert not found, (kind, found.group(0) if found else "")


def _conditions(page: Any) -> None:
    """Two conditions, the second first without its partner: the problem is shown beside
    the field, everything typed is kept, then it is put right."""
    page.fill("input[name=cond_what_0]", "Recruter un encadrant technique")
    page.select_option("select[name=cond_owner_0]", "tremplin")
    page.fill("input[name=cond_due_0]", "2027-10-31")
    page.fill("input[name=cond_indicator_0]", "Encadrant en poste")
    page.fill("input[name=cond_what_1]", "Publier le bilan des recrutements")
    page.fill("input[name=cond_due_1]", "2027-12-15")
    page.fill("#reason", "Poursuivre, sous deux conditions.")
    page.click("#submit")
    page.locator("#problem-owner-1").wait_for()  # the page after the submit
    assert page.locator("#problem-owner-1").count() == 1, page.content()
    assert page.input_value("input[name=cond_what_1]") == "Publier le bilan des recrutements"
    assert page.input_value("#reason") == "Poursuivre, sous deux conditions."
    assert page.is_checked("input[value=go_with_conditions]")
    page.select_option("select[name=cond_owner_1]", "logistix")


REFERENTS = ["i.benali@tremplin.example", "j.moreau@logistix.example"]


def _health_check(browser: Browser, *, red_line: bool = False) -> None:
    """Each partner's referent answers its part from the link of their mail; the first
    forgets a field: the problem is beside it, what was typed is kept."""
    page = browser.page
    for index, address in enumerate(REFERENTS):
        browser.open(browser.life.links_to(address)[-1], f"health-{index}")
        assert "Questionnaire de santé" in page.locator("h1").inner_text()
        page.check("input[name=engagement][value='4']")
        page.check("input[name=benefits][value=partly]")
        page.fill("#comment", "Bonne dynamique.")
        page.click("#submit")
        page.locator("#problem-trust").wait_for()  # the page after the submit
        assert page.locator("#problem-trust").count() == 1, page.content()
        assert page.locator("#problem-benefits_comment").count() == 1
        assert page.input_value("#comment") == "Bonne dynamique."
        assert page.is_checked("input[name=engagement][value='4']")
        browser.keep(f"health-{index}-problems")
        page.check("input[name=trust][value='3']")
        page.fill("#benefits_comment", "Le premier versement est attendu.")
        if red_line and index == 0:
            page.check("input[name=red_line][value='0']")
        if page.locator("input[name=mission_served]").count():
            page.check("input[name=mission_served][value=yes]")
        page.click("#submit")
        browser.keep(f"health-{index}-done")
        assert "enregistrées" in page.locator("#message").inner_text(), page.content()
    assert "rapport de revue est mis à jour" in page.locator("#message").inner_text()


def _review_votes(browser: Browser) -> None:
    page = browser.page
    claire = browser.life.links_to("c.martin@tremplin.example")[-1]
    browser.open(claire, "review-claire")
    page.check("input[value=go_with_conditions]")
    page.fill("#reason", "Poursuivre sous conditions.")
    page.click("#submit")  # no condition given: asked for one, nothing recorded
    assert "au moins une condition" in page.locator("#problems").inner_text()
    assert page.input_value("#reason") == "Poursuivre sous conditions."
    browser.keep("review-claire-no-condition")
    _conditions(page)
    page.click("#submit")
    browser.keep("review-claire-done")
    assert "Recruter un encadrant technique" in page.locator("#conditions-set").inner_text()
    browser.decide(
        "m.lefevre@logistix.example", "go_with_conditions", "D'accord avec ces conditions.",
        fill=lambda p: (
            p.fill("input[name=cond_what_0]", "Publier le bilan des recrutements"),
            p.select_option("select[name=cond_owner_0]", "logistix"),
            p.fill("input[name=cond_due_0]", "2027-12-15"),
        ),
    )  # fmt: skip


@pytest.mark.browser
def test_a_french_life_from_the_vision_to_the_exit_through_links_only(living) -> None:  # type: ignore[no-untyped-def]
    data = french()
    data["partners"][0]["signatory"]["email"] = "p.durand@tremplin.example"
    browser = living(data)
    life = browser.life
    sponsors = ["c.martin@tremplin.example", "m.lefevre@logistix.example"]
    signatories = ["p.durand@tremplin.example", "m.lefevre@logistix.example"]
    browser.decide(sponsors[0], "reject", "Les bénéficiaires doivent être nommés plus tôt.")
    assert life.stage() == "draft"
    told = [m for m in life.mails_to(OFFICER["email"]) if "rejet" in str(m["Subject"])]
    assert told and "relancez le travail" in text_of(told[-1])
    data["vision"]["beneficiaries"] = "Demandeurs d'emploi de longue durée du bassin"
    services.amend(life.uow(), life.reference, load_text(yaml.safe_dump(data)), actor="test")
    life.advance()  # as the officer's page does after an upload
    again = life.mails_to(sponsors[1])[-1]
    assert "nouvelle demande (tour 2)" in str(again["Subject"])
    assert "Les bénéficiaires doivent être nommés plus tôt." in text_of(again)
    assert "vision.beneficiaries" in text_of(again)
    for address in sponsors:
        browser.decide(address, "approve", "La vision partagée reflète nos enjeux.")
    assert life.stage() == "vision_agreed"
    justified = (
        "Équilibre accepté : les avertissements relevés sont compris et suivis en comité "
        "de pilotage."
    )
    for address in sponsors:
        browser.decide(address, "approve", justified)
    assert life.stage() == "balanced"
    browser.open(life.links_to(JURIST)[-1], "legal")
    browser.sign_in(JURIST)
    browser.decide(JURIST, "approve", "Convention conforme.")
    browser.page.context.clear_cookies()  # the legal officer leaves; the signatories come
    assert life.stage() == "formalised"
    for address in signatories:
        browser.decide(address, "sign", "Bon pour accord.")
    assert life.stage() == "active"

    open_review(life, dt.date(2027, 7, 15))
    _health_check(browser)
    changed = [m for m in life.mails_to("c.martin@tremplin.example")
               if "a changé" in str(m["Subject"])]  # fmt: skip
    assert changed and "version 2" in text_of(changed[-1])
    _review_votes(browser)
    assert life.stage() == "active"
    minutes = _docx_text(services.document_content(life.uow(), life.reference, "minutes").content)
    assert "Recruter un encadrant technique" in minutes
    assert "Publier le bilan des recrutements" in minutes

    propose_avenant(life, lambda d: d["reviews"].update(every_months=4))
    assert life.stage() == "amending"
    browser.open(life.links_to(JURIST)[-1], "avenant-legal")
    browser.sign_in(JURIST)
    browser.decide(JURIST, "approve", "Avenant conforme.")
    browser.page.context.clear_cookies()
    assert life.stage() == "amendment_signing"
    for address in signatories:
        browser.decide(address, "sign", "Avenant signé.")
    assert life.stage() == "active"

    open_review(life, dt.date(2027, 11, 15))
    _health_check(browser, red_line=True)
    browser.open(life.links_to(sponsors[0])[-1], "review-red-line")
    assert browser.page.locator("input[name=outcome][value=go]").count() == 0
    assert "n'est pas proposé" in browser.page.locator("#withheld").inner_text()
    for address in sponsors:
        browser.decide(address, "no_go", "Les objectifs ne sont plus atteignables.")
    assert life.stage() == "terminated"
    for address in signatories:  # the exit is acknowledged by who signed for each partner
        browser.decide(address, "acknowledge", "Nous prenons acte de la sortie.")
    assert life.stage() == "closed"

    _no_command_anywhere(browser)
    _no_command_in_documents(life)
    told = [m for m in life.mails() if OFFICER["email"] in str(m["To"])]
    assert any("rejet" in str(m["Subject"]) or "No go" in m.get_content() for m in told)


@pytest.mark.browser
def test_an_english_avenant_renewal_and_exit_through_links_in_english(living) -> None:  # type: ignore[no-untyped-def]
    data = english()
    data["renewal"] = "express"
    data["partners"][1]["signatory"]["email"] = "p.durand@kitchens.example"
    browser = living(data)
    life = browser.life
    activate(life)
    signatories = [
        "m.lefevre@greenfleet.example", "p.durand@kitchens.example", "h.petit@roots.example",
    ]  # fmt: skip
    sponsors = [
        "m.lefevre@greenfleet.example",
        "c.martin@kitchens.example",
        "h.petit@roots.example",
    ]

    propose_avenant(life, lambda d: d["reviews"].update(every_months=4))
    browser.open(life.links_to(JURIST)[-1], "en-avenant-legal")
    browser.sign_in(JURIST)
    browser.decide(JURIST, "approve", "The amendment is sound.")
    browser.page.context.clear_cookies()
    assert life.stage() == "amendment_signing"
    signed = services.document_content(life.uow(), life.reference, "avenant_pdf")
    browser.open(life.links_to(signatories[0])[-1], "en-avenant-signature-page")
    assert browser.page.locator("#sha256").inner_text() == signed.sha256  # the PDF's
    href = browser.page.locator("#download").get_attribute("href") or ""
    download = browser.page.request.get(urljoin(browser.page.url, href))
    assert download.body() == signed.content  # the file the signatory reads is that PDF
    for address in signatories:
        browser.decide(address, "sign", "Signed.")
    assert life.stage() == "active"

    open_renewal(life)
    browser.decide(sponsors[0], "renew", "We would renew.")
    assert life.stage() == "in_renewal"
    browser.decide(sponsors[1], "end", "We end the partnership at term.")
    assert life.stage() == "terminated"  # one partner ending it is enough
    for address in signatories:  # the exit is acknowledged by who signed for each partner
        browser.decide(address, "acknowledge", "We acknowledge the exit.")
    assert life.stage() == "closed"

    _no_command_anywhere(browser)
    _no_command_in_documents(life)
    for what, html in browser.seen:
        if what.startswith("juriste"):
            continue  # the legal officer's sign-in belongs to the officers' pages
        assert "Décision" not in html and " :" not in html.replace("&nbsp;", " "), what
        assert "awaited:" in html or "Decided on" in html, what
    for mail in life.mails():
        if mail["Content-Language"] == "en" and JURIST not in str(mail["To"]):
            text = text_of(mail)
            assert "Cordialement" not in text and " :" not in text, mail["Subject"]
