"""One partnership's whole life in Chromium, from the officer's upload to closed, through
pages and mails only: once the portal serves, nothing runs a use case on anyone's behalf.

The partnership officer signs in and uploads the file on the register page, starts the
automatic work, corrects the file after a rejection, opens each review with "open the
review now" and starts the avenant by uploading the amended file; the sponsors, the legal
officer (signed in), the signatories, the referents (health check) and the committee
members (go with two conditions, then no go over a crossed red line) act from the links of
their mails; the termination is mailed and each exit acknowledged by link.

At every step the portfolio's awaited people and blocking counts are compared with
`coopact status --json` (run by the test, read-only, as an onlooker would). No page
answers 500; every page and mail a non-officer sees shows no command line; in the English
life, no French word on any of them, nor on the login and refusal pages. One portal server
and one Chromium serve the module's two lives. Screenshots land in COOPACT_SCREENSHOTS
when it is set.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopact import services
from coopact.adapters.mail.transports import OutboxTransport
from coopact.entrypoints.web import Portal
from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.migrate import upgrade
from coopact.store.uow import UnitOfWork
from tests.e2e.test_portal_life import Browser, _docx_text, _no_command_in_documents
from tests.life_support import COMMAND, JURIST, OFFICER, Life, english, french, text_of
from tests.portal_support import PASSWORD, TEMPLATES
from tests.ports import free_port
from tests.served_portal import served

SHOTS = os.environ.get("COOPACT_SCREENSHOTS")
ROOT = Path(__file__).resolve().parents[2]
# Words a French page would show and an English one never should (accents aside: names
# such as Lefèvre or Inès are the people's own).
FRENCH = re.compile(
    r"\b(?:le|la|les|des|du|une|est|sont|pour|vous|votre|avec|dans|sur|être|décision|"
    r"refusée?|connexion|connectez|mot de passe|adresse électronique|étape|attendue?|"
    r"enregistrée?s?|lien|revue|merci)\b",
    re.IGNORECASE,
)


@dataclass
class Site:
    """The portal as served (one per module), its home, database and browser."""

    home: Path
    url: str
    db_url: str
    portal: Portal
    chromium: Any
    errors: list[str] = field(default_factory=list)  # every 5xx any page answered
    contexts: list[Any] = field(default_factory=list)  # closed with the module

    def context(self, lang: str) -> Any:
        context = self.chromium.new_context(
            accept_downloads=True, locale="en-GB" if lang == "en" else "fr-FR"
        )
        self.contexts.append(context)
        context.on(
            "response",
            lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 500 else None,
        )
        return context


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, module_chromium: Any) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("whole-life")
    home, db_url, port = folder / "home", f"sqlite:///{folder / 'coopact.db'}", free_port()
    url = f"http://127.0.0.1:{port}"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COOPACT_HOME", str(home))
        env.setenv("COOPACT_DATABASE_URL", db_url)
        env.setenv("COOPACT_PUBLIC_URL", url)
        env.delenv("COOPACT_SECRET_KEY", raising=False)
        env.delenv("COOPACT_SMTP_HOST", raising=False)
        engine = make_engine(db_url)
        upgrade(engine)  # `coopact init`, then the accounts (`coopact user add`)
        for address, role in ((OFFICER["email"], "partnership_officer"),
                              (JURIST, "legal_officer")):  # fmt: skip
            users.add_user(UnitOfWork.for_engine(engine), address, role, PASSWORD, actor="test")
        portal = Portal(
            uow=lambda: UnitOfWork.for_engine(engine),
            keyring=load_keyring(home),
            templates=TEMPLATES,
            transport=lambda: OutboxTransport(home / "outbox"),
            public_url=url,
        )
        with served(portal, port):  # `coopact web`
            site = Site(home, url, db_url, portal, module_chromium)
            yield site
            for context in site.contexts:
                context.close()  # a context closed already: nothing to do


# --------------------------------------------------------------------------- the officer
class Officer:
    """The partnership officer's own browser, signed in."""

    def __init__(self, site: Site, life: Life, lang: str, folder: Path) -> None:
        self.site, self.life, self.lang, self.folder = site, life, lang, folder
        self.page = site.context(lang).new_page()
        self.shots = 0
        self.page.goto(f"{site.url}/login")
        self.page.fill("input[name=email]", OFFICER["email"])
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("#sign-in")

    def shot(self, what: str) -> None:
        if SHOTS:
            self.shots += 1
            path = f"{SHOTS}/{self.life.reference}-officer-{self.shots:02d}-{what}.png"
            self.page.screenshot(path=path, full_page=True)

    def upload(self, name: str, data: dict[str, Any]) -> str:
        path = self.folder / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return str(path)

    def register(self, data: dict[str, Any]) -> None:
        self.page.goto(f"{self.site.url}/")
        self.page.click("#register-link")
        self.page.set_input_files("#register input[name=file]", self.upload("new.yaml", data))
        self.page.click("#register button[type=submit]")
        assert self.life.reference in self.page.locator("#registered").inner_text()
        self.shot("registered")
        self.page.click("form[action$='/advance'] button[type=submit]")
        self.page.locator("#notice").wait_for()  # the page after the submit
        assert self.page.locator("#notice").count() == 1, self.page.content()

    def partnership(self) -> None:
        self.page.goto(f"{self.site.url}/p/{self.life.reference}")
        self.page.click("#officer-actions summary")

    def amend(self, data: dict[str, Any], *, effective_on: str | None = None) -> str:
        """Uploads the corrected file; the differences shown; confirmed. Returns them."""
        self.partnership()
        self.page.set_input_files("#amend input[name=file]", self.upload("amended.yaml", data))
        if effective_on:
            self.page.fill("#amend input[name=effective_on]", effective_on)
        self.page.click("#amend button[type=submit]")
        differences: str = self.page.locator("#differences").inner_text()
        self.shot("differences")
        self.page.click("#confirm button[type=submit]")
        self.page.locator("#notice").wait_for()  # the page after the submit
        assert self.page.locator("#notice").count() == 1, self.page.content()
        self.shot("amended")
        return differences

    def open_review(self) -> None:
        self.partnership()
        self.page.click("#open-review button[type=submit]")
        self.page.locator("#notice").wait_for()  # the page after the submit
        assert self.page.locator("#notice").count() == 1, self.page.content()
        self.shot("review-opened")

    def portfolio_matches_status(self, step: str, *, process: bool = False) -> None:
        """The portfolio's line shows the awaited people and blocking count that
        `coopact status --json` gives at this step."""
        reference = self.life.reference
        self.page.goto(f"{self.site.url}/?q={reference}")
        line = self.page.locator("#portfolio tbody tr").filter(
            has=self.page.locator(f"a[href='/p/{reference}']")
        )
        awaited = line.locator(".awaited").all_inner_texts()
        blocking = int(line.locator("td").nth(4).inner_text())
        found = _status_json(self.site, process=process)
        [view] = [v for v in found if v["reference"] == reference]
        shown = sum(f["severity"] == "blocking" for f in view["findings"])
        assert (len(awaited), blocking) == (len(view["awaited_from"]), shown), (
            step, awaited, view["awaited_from"], view["stage"],
        )  # fmt: skip
        assert view["stage"] == self.life.stage(), step


def _coopact(site: Site, *args: str) -> str:
    env = {**os.environ, "COOPACT_HOME": str(site.home), "COOPACT_DATABASE_URL": site.db_url,
           "COOPACT_PUBLIC_URL": site.url}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "coopact", *args],
        env=env, capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def _status_json(site: Site, *, process: bool) -> list[dict[str, Any]]:
    """`coopact status --json`: in a process of its own, or the same command line run in
    this one (two seconds less a step on a loaded machine)."""
    if process:
        return json.loads(_coopact(site, "status", "--json"))  # type: ignore[no-any-return]
    from typer.testing import CliRunner

    from coopact.entrypoints.cli.main import app

    env = {"COOPACT_HOME": str(site.home), "COOPACT_DATABASE_URL": site.db_url}
    done = CliRunner().invoke(app, ["status", "--json"], env=env)
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _schedule_runs_review_due(site: Site) -> None:
    """The daily schedule's `coopact review-due` (a deployment's cron; no one types it)."""
    _coopact(site, "review-due")


# --------------------------------------------------------------------------- the people
@dataclass(frozen=True)
class Cast:
    """Who is who in a life, and the words of its language."""

    lang: str
    data: Callable[[], dict[str, Any]]
    sponsors: list[str]
    signatories: list[str]
    referents: list[str]
    members: list[str]  # the committee's e-mail addresses
    owners: tuple[str, str]  # the partners owning the two conditions
    signatory_emails: dict[int, str]  # partner index → the signatory's own address
    correct: Callable[[dict[str, Any]], None]  # the officer's correction after a rejection


def _beneficiaries(data: dict[str, Any]) -> None:
    data["vision"]["beneficiaries"] = "Long-term jobseekers of the area"


def _constraints(data: dict[str, Any]) -> None:
    """The English file says no partner's constraints (blocking findings): added."""
    for partner in data["partners"]:
        partner["constraints"] = ["Commitments over 50,000 EUR are approved by the board"]
    _beneficiaries(data)


FR = Cast(
    "fr", french,
    sponsors=["c.martin@tremplin.example", "m.lefevre@logistix.example"],
    signatories=["p.durand@tremplin.example", "m.lefevre@logistix.example"],
    referents=["i.benali@tremplin.example", "j.moreau@logistix.example"],
    members=["c.martin@tremplin.example", "m.lefevre@logistix.example"],
    owners=("tremplin", "logistix"),
    signatory_emails={0: "p.durand@tremplin.example"},
    correct=_beneficiaries,
)  # fmt: skip
EN = Cast(
    "en", english,
    sponsors=["m.lefevre@greenfleet.example", "c.martin@kitchens.example",
              "h.petit@roots.example"],
    signatories=["m.lefevre@greenfleet.example", "p.durand@kitchens.example",
                 "h.petit@roots.example"],
    referents=["j.moreau@greenfleet.example", "i.benali@kitchens.example",
               "l.girard@roots.example"],
    members=["m.lefevre@greenfleet.example", "c.martin@kitchens.example",
             "h.petit@roots.example"],
    owners=("kitchens", "greenfleet"),
    signatory_emails={1: "p.durand@kitchens.example"},
    correct=_constraints,
)  # fmt: skip


def _health_check(people: Browser, cast: Cast, *, red_line: bool = False) -> None:
    """Each partner's referent answers its part from the link of their mail; the first
    forgets two fields: the problems beside them, what was typed kept."""
    page = people.page
    for index, address in enumerate(cast.referents):
        people.open(people.life.links_to(address)[-1], f"health-{index}")
        page.check("input[name=engagement][value='4']")
        page.check("input[name=benefits][value=partly]")
        page.fill("#comment", "Good momentum." if cast.lang == "en" else "Bonne dynamique.")
        if index == 0:
            page.click("#submit")
            page.locator("#problem-trust").wait_for()  # the page after the submit
            assert page.locator("#problem-trust").count() == 1, page.content()
            assert page.is_checked("input[name=engagement][value='4']")
            people.keep(f"health-{index}-problems")
        page.check("input[name=trust][value='3']")
        page.fill("#benefits_comment", "The first payment is due." if cast.lang == "en"
                  else "Le premier versement est attendu.")  # fmt: skip
        if red_line and index == 0:
            page.check("input[name=red_line][value='0']")
        if page.locator("input[name=mission_served]").count():
            page.check("input[name=mission_served][value=yes]")
        page.click("#submit")
        people.keep(f"health-{index}-done")
        page.locator("#message").wait_for()  # the page after the submit
        assert page.locator("#message").count() == 1, page.content()


def _go_with_two_conditions(people: Browser, cast: Cast) -> None:
    """The first member asks for two conditions (first without any: asked for one, what
    was typed kept); the others agree with one of them."""
    page = people.page
    people.open(people.life.links_to(cast.members[0])[-1], "review-first")
    page.check("input[value=go_with_conditions]")
    page.fill("#reason", "Go, under two conditions.")
    page.click("#submit")
    page.locator("#problems").wait_for()  # the page after the submit
    assert page.locator("#problems").count() == 1, page.content()
    assert page.input_value("#reason") == "Go, under two conditions."
    people.keep("review-no-condition")
    for row, (what, owner, due) in enumerate(_conditions_of(cast)):
        page.fill(f"input[name=cond_what_{row}]", what)
        page.select_option(f"select[name=cond_owner_{row}]", owner)
        page.fill(f"input[name=cond_due_{row}]", due)
    page.fill("input[name=cond_indicator_0]", "Supervisor in post")
    page.click("#submit")
    people.keep("review-first-done")
    page.locator("#decided").wait_for()  # the page after the submit
    assert page.locator("#decided").count() == 1, page.content()
    what, owner, due = _conditions_of(cast)[1]

    def one_condition(form: Any) -> None:
        form.fill("input[name=cond_what_0]", what)
        form.select_option("select[name=cond_owner_0]", owner)
        form.fill("input[name=cond_due_0]", due)

    for address in cast.members[1:]:
        people.decide(
            address, "go_with_conditions", "Agreed with these conditions.", fill=one_condition
        )


def _conditions_of(cast: Cast) -> list[tuple[str, str, str]]:
    return [("Recruit a technical supervisor", cast.owners[0], "2027-10-31"),
            ("Publish the recruitment report", cast.owners[1], "2027-12-15")]  # fmt: skip


def _refused(people: Browser, link: str, what: str) -> None:
    """A link of a closed round answers a refusal page (not a 500), kept for the scans."""
    response = people.page.goto(link)
    assert response is not None and response.status == 410, response and response.status
    people.keep(what)


def _no_command_and_english(site: Site, people: Browser, jurist: list[tuple[str, str]],
                            cast: Cast) -> None:  # fmt: skip
    for what, html in people.seen:
        found = COMMAND.search(html)
        assert not found, (what, found.group(0))
    officers = {OFFICER["email"], JURIST}
    for mail in people.life.mails():
        if any(address in str(mail["To"]) for address in officers):
            continue
        found = COMMAND.search(text_of(mail))
        assert not found, (mail["Subject"], found.group(0) if found else "")
    if cast.lang != "en":
        assert FRENCH.search(jurist[0][1]), jurist[0]  # the scan below would see French
        return
    for what, text in [*((w, _visible(h)) for w, h in people.seen), *jurist]:
        found = FRENCH.search(text)
        assert not found, (what, found.group(0), text[max(0, found.start() - 80) :][:200])
    for mail in people.life.mails():
        if mail["Content-Language"] == "en":
            found = FRENCH.search(text_of(mail))
            assert not found, (mail["Subject"], found.group(0) if found else "")


def _visible(html: str) -> str:
    """The text a reader sees (tags, scripts and styles aside)."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _legal(site: Site, life: Life, cast: Cast, reason: str) -> list[tuple[str, str]]:
    """The legal officer opens the link of their mail, signs in there, approves; the
    pages seen (the login among them), as text."""
    page = site.context(cast.lang).new_page()
    jurist = Browser(page, life)
    jurist.shots = (300 if cast.lang == "en" else 200) + len(life.mails())  # own file names
    jurist.open(life.links_to(JURIST)[-1], "jurist-link")
    page.click("a[href^='/login']")
    seen = [("login", page.locator("body").inner_text())]
    page.fill("input[name=email]", JURIST)
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in")
    jurist.decide(JURIST, "approve", reason)
    page.context.close()
    return seen + [(w, _visible(h)) for w, h in jurist.seen]


# --------------------------------------------------------------------------- the life
def _started(data: Any, shift: dt.timedelta | None = None) -> Any:
    """The file with every date moved so that the partnership started 200 days ago: its
    first review (six months on) is due when the schedule runs today, the second opens on
    the officer's click."""
    if shift is None:
        shift = dt.date.today() - dt.timedelta(days=200) - data["start_date"]
    if isinstance(data, dict):
        return {key: _started(value, shift) for key, value in data.items()}
    if isinstance(data, list):
        return [_started(value, shift) for value in data]
    return data + shift if isinstance(data, dt.date) else data


def _whole_life(site: Site, cast: Cast, folder: Path) -> None:
    data = _started(cast.data())
    for index, address in cast.signatory_emails.items():
        data["partners"][index]["signatory"]["email"] = address
    engine = make_engine(site.db_url)
    life = Life(site.home, engine, data["reference"], site.portal.keyring, site.portal, data)
    officer = Officer(site, life, cast.lang, folder)
    people = Browser(site.context(cast.lang).new_page(), life)
    people.shots = 100 if cast.lang == "en" else 0
    check = officer.portfolio_matches_status
    jurist_seen: list[tuple[str, str]] = []

    officer.register(data)
    assert life.stage() == "draft"
    check("registered, vision asked", process=True)
    people.decide(cast.sponsors[0], "reject", "The beneficiaries must be named earlier.")
    check("vision rejected")
    first_round = life.links_to(cast.sponsors[1])[-1]
    cast.correct(data)
    assert "vision.beneficiaries" in officer.amend(data)
    again = life.mails_to(cast.sponsors[1])[-1]
    assert "The beneficiaries must be named earlier." in text_of(again)
    check("file corrected, second round")
    _refused(people, first_round, "refusal-round-closed")
    for address in cast.sponsors:
        people.decide(address, "approve", "The shared vision reflects our stakes.")
        check(f"vision approved by {address}")
    assert life.stage() == "vision_agreed"
    for address in cast.sponsors:
        people.decide(address, "approve", "Balance accepted: the warnings are followed up.")
        check(f"balance approved by {address}")
    assert life.stage() == "balanced"
    jurist_seen += _legal(site, life, cast, "The agreement is sound.")
    assert life.stage() == "formalised"
    check("legal approval")
    for address in cast.signatories:
        people.decide(address, "sign", "Agreed and signed.")
        check(f"signed by {address}")
    assert life.stage() == "active"
    people.open(life.links_to(cast.signatories[-1])[-1], "signed-link-again")

    _schedule_runs_review_due(site)
    assert life.stage() == "in_review"
    check("first review opened by the schedule")
    _health_check(people, cast)
    check("health check answered")
    _go_with_two_conditions(people, cast)
    assert life.stage() == "active"
    check("go with conditions")
    answered = life.links_to(cast.referents[0])[-1]  # the review is closed: its own refusal
    _refused(people, answered, "refusal-health-closed")
    assert ("Health check link not valid" if cast.lang == "en"
            else "Lien du questionnaire de santé non valable") in people.page.inner_text("h1")  # fmt: skip
    minutes = _docx_text(services.document_content(life.uow(), life.reference, "minutes").content)
    for what, _owner, _due in _conditions_of(cast):
        assert what in minutes, what

    data["reviews"]["every_months"] = 4
    assert "reviews.every_months" in officer.amend(data)
    assert life.stage() == "amending"
    check("avenant drafted")
    jurist_seen += _legal(site, life, cast, "The amendment is sound.")
    assert life.stage() == "amendment_signing"
    check("avenant approved")
    for address in cast.signatories:
        people.decide(address, "sign", "Amendment signed.")
        check(f"avenant signed by {address}")
    assert life.stage() == "active"

    officer.open_review()
    check("second review opened")
    _health_check(people, cast, red_line=True)
    people.open(life.links_to(cast.members[0])[-1], "review-red-line")
    assert people.page.locator("input[name=outcome][value=go]").count() == 0
    assert people.page.locator("#withheld").count() == 1
    for address in cast.members:
        people.decide(address, "no_go", "The objectives can no longer be met.")
        check(f"no go by {address}")
    assert life.stage() == "terminated"
    letter, statement = (
        services.document_content(life.uow(), life.reference, kind).content
        for kind in ("termination_letter", "exit_statement")
    )
    for address in cast.signatories:  # the termination letter and exit statement, mailed
        attached = [p.get_content() for m in life.mails_to(address)
                    for p in m.iter_attachments()]  # fmt: skip
        assert letter in attached and statement in attached, address
    for address in cast.signatories:
        people.decide(address, "acknowledge", "We acknowledge the exit.")
        check(f"exit acknowledged by {address}")
    assert life.stage() == "closed"
    check("closed", process=True)
    people.open(life.links_to(cast.signatories[0])[-1], "acknowledged-link-again")

    assert site.errors == [], site.errors
    _no_command_and_english(site, people, jurist_seen, cast)
    _no_command_in_documents(life)


@pytest.mark.browser
def test_a_french_partnership_from_the_officers_upload_to_closed_in_the_browser_only(
    site: Site, tmp_path: Path
) -> None:
    _whole_life(site, FR, tmp_path)


@pytest.mark.browser
def test_an_english_partnership_from_the_officers_upload_to_closed_in_english_only(
    site: Site, tmp_path: Path
) -> None:
    _whole_life(site, EN, tmp_path)
