"""Steps shared by committee.feature, termination.feature, renewal.feature and
amendment.feature: an active partnership with a three-member comité de pilotage, driven
through the real use cases on SQLite."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, then, when

from coopact import services
from coopact.adapters.loading import load_text
from coopact.contracts import committee
from coopact.contracts.conditions import parse as parse_condition
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import InvalidInput, Refused
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER
from coopact.schemas.gate_parties import MemberSeat
from coopact.schemas.vocabulary import DecisionRule
from coopact.services.after_signature import condition_met, give_notice
from coopact.store import audit
from coopact.store.tables import ScheduleRow
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import (
    OFFICER,
    REF,
    TEMPLATES,
    active,
    partnership_data,
    text_of,
)


@pytest.fixture
def outcome() -> dict[str, Any]:
    return {}


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------- set-up
@given(
    parsers.parse('an active partnership whose comité de pilotage decides by "{rule}"'),
    target_fixture="data",
)
def active_partnership(sqlite_uow: UnitOfWork, rule: str) -> dict[str, Any]:
    def change(data: dict[str, Any]) -> None:
        data["governance"]["steering_committee"]["decision_rule"] = rule

    active(sqlite_uow, change)
    return partnership_data(change)


@given(
    parsers.parse(
        'an active partnership whose comité de pilotage decides by "{rule}" and renews "{kind}"'
    ),
    target_fixture="data",
)
def active_partnership_renewing(sqlite_uow: UnitOfWork, rule: str, kind: str) -> dict[str, Any]:
    def change(data: dict[str, Any]) -> None:
        data["governance"]["steering_committee"]["decision_rule"] = rule
        data["renewal"] = kind

    active(sqlite_uow, change)
    return partnership_data(change)


@given(
    parsers.parse(
        'an active partnership whose comité de pilotage decides by "{rule}" and whose '
        "signatories have email addresses"
    ),
    target_fixture="data",
)
def active_partnership_mailing(sqlite_uow: UnitOfWork, rule: str) -> dict[str, Any]:
    def change(data: dict[str, Any]) -> None:
        data["governance"]["steering_committee"]["decision_rule"] = rule
        data["partners"][0]["signatory"]["email"] = "p.durand@tremplin.example"

    active(sqlite_uow, change)
    return partnership_data(change)


@given(parsers.parse("the review of {day} is open"))
@when(parsers.parse("the review of {day} is open"))
def review_open(sqlite_uow: UnitOfWork, day: str) -> None:
    opened = services.review_due(sqlite_uow, _day(day))
    assert [o.kind for o in opened] == ["review"], opened
    services.advance(sqlite_uow, REF, templates=TEMPLATES, today=_day(day))


@when(parsers.parse("the reviews up to {day} are held"))
def reviews_held(sqlite_uow: UnitOfWork, day: str) -> None:
    """Setup shortcut: the periodic reviews up to that date took place."""
    with sqlite_uow:
        row = sqlite_uow.partnerships.get(REF)
        for item in sqlite_uow.partnerships.schedule(row):
            if item.kind in ("review", "gate_milestone") and item.due_on <= _day(day):
                item.done_at = dt.datetime.now(dt.UTC)
        sqlite_uow.commit()


@when(parsers.parse("review-due runs on {day} with the mail"))
def review_due_mails(
    sqlite_uow: UnitOfWork, outcome: dict[str, Any], day: str, tmp_path: Any
) -> None:
    from coopact.adapters.mail.transports import OutboxTransport

    outcome["outbox"] = OutboxTransport(tmp_path / "outbox")
    services.review_due(sqlite_uow, _day(day), transport=outcome["outbox"])


@then(parsers.parse('"{first}", "{second}" and "{third}" are reminded that "{text}"'))
def reminded(outcome: dict[str, Any], first: str, second: str, third: str, text: str) -> None:
    import email
    from email import policy

    messages = [
        email.message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in sorted(outcome["outbox"].folder.glob("*.eml"))
    ]
    assert sorted(str(m["To"].addresses[0].display_name) for m in messages) == sorted(
        [first, second, third]
    )
    for message in messages:
        assert text in message.get_content()


@given(parsers.parse('the health check of {day} reports a red line of "{partner}" crossed'))
def red_line_crossed(sqlite_uow: UnitOfWork, day: str, partner: str) -> None:
    from pathlib import Path

    import coopact

    example = Path(coopact.__file__).parent / "examples" / "review.example.yaml"
    answers = yaml.safe_load(example.read_text(encoding="utf-8"))
    answers["review_date"] = day
    answers["partners"][partner]["red_lines_crossed"] = [0]
    services.record_review_answers(sqlite_uow, REF, answers, actor="test")
    services.advance(sqlite_uow, REF, templates=TEMPLATES, today=_day(day))


@when(parsers.parse("the review work runs on {day}"))
def review_work(sqlite_uow: UnitOfWork, day: str) -> None:
    services.advance(sqlite_uow, REF, templates=TEMPLATES, today=_day(day))


@when(parsers.parse("review-due runs on {day}"))
def review_due_runs(sqlite_uow: UnitOfWork, day: str) -> None:
    services.review_due(sqlite_uow, _day(day))


# --------------------------------------------------------------------------- votes
def _vote(uow: UnitOfWork, outcome: dict[str, Any], name: str, choice: str, **kw: Any) -> None:
    try:
        outcome["result"] = services.decide(
            uow, REF, Gate.review, Decider(name, Role.committee_member), Outcome(choice),
            f"Vote de {name} en comité de pilotage", **kw,
        )  # fmt: skip
    except Refused as refusal:
        outcome["refusal"] = refusal
    except InvalidInput as invalid:
        outcome["invalid"] = invalid


@when(parsers.parse('"{name}" votes "{choice}"'))
def votes(sqlite_uow: UnitOfWork, outcome: dict[str, Any], name: str, choice: str) -> None:
    _vote(sqlite_uow, outcome, name, choice)


@when(parsers.parse('"{name}" votes "{choice}" with no condition'))
def votes_without_condition(
    sqlite_uow: UnitOfWork, outcome: dict[str, Any], name: str, choice: str
) -> None:
    _vote(sqlite_uow, outcome, name, choice, conditions=[])


@when(parsers.parse('"{name}" votes "{choice}" with the condition "{condition}"'))
def votes_with_condition(
    sqlite_uow: UnitOfWork, outcome: dict[str, Any], name: str, choice: str, condition: str
) -> None:
    parsed = parse_condition(condition)
    assert not isinstance(parsed, str), parsed
    _vote(sqlite_uow, outcome, name, choice, conditions=[parsed])


@given(parsers.parse('the committee has voted "{choice}" unanimously'))
def voted_unanimously(sqlite_uow: UnitOfWork, outcome: dict[str, Any], choice: str) -> None:
    for member in ("Claire Martin", "Marc Lefèvre", "Inès Benali"):
        _vote(sqlite_uow, outcome, member, choice)
    assert "refusal" not in outcome


@when(parsers.parse('the partnership officer "{name}" records the mediation outcome "{choice}"'))
def mediation(sqlite_uow: UnitOfWork, outcome: dict[str, Any], name: str, choice: str) -> None:
    try:
        outcome["result"] = services.decide(
            sqlite_uow, REF, Gate.review, Decider(name, Role.partnership_officer),
            Outcome(choice), "Issue de la médiation : poursuite du partenariat",
        )  # fmt: skip
    except Refused as refusal:
        outcome["refusal"] = refusal


@when(parsers.parse("condition {number:d} is met on {day}"))
def met(sqlite_uow: UnitOfWork, number: int, day: str) -> None:
    condition_met(sqlite_uow, REF, number, _day(day), actor="officer")


# --------------------------------------------------------------------------- pure counting
def _members(text: str) -> list[MemberSeat]:
    found = []
    for item in text.split(","):
        name, partner, weight = item.strip().split(":")
        found.append(MemberSeat(partner=partner, name=name, votes=int(weight)))
    return found


@given(
    parsers.parse(
        'a committee deciding by "{rule}" with quorum {quorum:d} and members "{members}"'
    ),
    target_fixture="committee_set_up",
)
def committee_set_up(rule: str, quorum: int, members: str) -> dict[str, Any]:
    return {"rule": committee.RULES[DecisionRule(rule)], "quorum": quorum,
            "members": _members(members)}  # fmt: skip


@when(parsers.parse('the votes cast are "{votes}"'), target_fixture="tally")
def votes_cast(committee_set_up: dict[str, Any], votes: str) -> committee.Tally:
    cast = {}
    for item in votes.split(","):
        name, choice = item.strip().split(":")
        cast[name] = Outcome(choice)
    return committee_set_up["rule"](committee_set_up["members"], cast, committee_set_up["quorum"])


@then(parsers.parse('the committee decides "{choice}"'))
def decides_outcome(tally: committee.Tally, choice: str) -> None:
    assert tally.outcome is Outcome(choice) and not tally.deadlock


@then(parsers.parse('the committee still awaits "{names}"'))
def still_awaits(tally: committee.Tally, names: str) -> None:
    assert tally.outcome is None and not tally.deadlock
    assert ", ".join(tally.awaited) == names


@then("the committee is deadlocked")
def deadlocked(tally: committee.Tally) -> None:
    assert tally.outcome is None and tally.deadlock


# --------------------------------------------------------------------------- other acts
@when(parsers.parse('"{name}", signatory of "{partner}", acknowledges the exit'))
def acknowledges(sqlite_uow: UnitOfWork, name: str, partner: str) -> None:
    services.decide(
        sqlite_uow, REF, Gate.exit_acknowledgement, Decider(name, Role.signatory, partner),
        Outcome.acknowledge, "Nous prenons acte de l'état de sortie.",
    )  # fmt: skip


@when(parsers.parse('"{name}", sponsor of "{partner}", tries to acknowledge the exit'))
def sponsor_acknowledges(
    sqlite_uow: UnitOfWork, outcome: dict[str, Any], name: str, partner: str
) -> None:
    try:
        services.decide(
            sqlite_uow, REF, Gate.exit_acknowledgement, Decider(name, Role.sponsor, partner),
            Outcome.acknowledge, "Nous prenons acte de l'état de sortie.",
        )  # fmt: skip
    except Refused as refusal:
        outcome["refusal"] = refusal


@when("the open gate is notified")
def gate_notified(sqlite_uow: UnitOfWork, outcome: dict[str, Any], tmp_path: Any) -> None:
    from coopact.adapters.mail.transports import OutboxTransport

    outcome["outbox"] = OutboxTransport(tmp_path / "outbox")
    services.notify_gate(sqlite_uow, REF, outcome["outbox"], templates=TEMPLATES)


@then(
    parsers.parse(
        '"{first}" and "{second}" are mailed the exit with both acts attached and a personal link'
    )
)
def exit_mailed(outcome: dict[str, Any], first: str, second: str) -> None:
    import email
    from email import policy

    messages = [
        email.message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in sorted(outcome["outbox"].folder.glob("*.eml"))
    ]
    exits = [m for m in messages if m["X-Coopact-Gate"] == "exit_acknowledgement"]
    assert sorted(m["To"].addresses[0].display_name for m in exits) == sorted([first, second])
    for message in exits:
        body = message.get_body(preferencelist=("plain",)).get_content()
        assert "/d/" in body or "http" in body, body  # the personal link
        assert "représentant légal" in body and "soixante jours" in body, body
        names = [part.get_filename() for part in message.iter_attachments()]
        assert any("lettre-de-resiliation" in n for n in names), names
        assert any("etat-de-sortie" in n for n in names), names


@given("the agreement of the example", target_fixture="agreement_articles")
def example_agreement() -> dict[str, str]:
    from coopact.schemas import Partnership
    from coopact.stages.template_lint import agreement_context

    partnership = Partnership.model_validate(partnership_data())
    context = agreement_context(partnership, TEMPLATES)
    return {
        a["heading"].split(" – ", 1)[-1]: "\n".join(p["text"] for p in a["paragraphs"])
        for a in context["articles"]
    }


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@then(parsers.parse('its article "{title}" reads "{text}"'))
def article_reads(agreement_articles: dict[str, str], title: str, text: str) -> None:
    assert text in _plain(agreement_articles[title]), agreement_articles[title]


@then(parsers.parse('its article "{title}" does not cite the article "{other}"'))
def article_does_not_cite(agreement_articles: dict[str, str], title: str, other: str) -> None:
    headings = list(agreement_articles)
    number = headings.index(other)  # parties and preamble are unnumbered: index = number - 1
    assert f"l'article {number - 1} " not in _plain(agreement_articles[title])


@when(parsers.parse('"{name}", sponsor of "{partner}", decides "{choice}" at renewal'))
def renewal_decision(sqlite_uow: UnitOfWork, name: str, partner: str, choice: str) -> None:
    services.decide(
        sqlite_uow, REF, Gate.renewal, Decider(name, Role.sponsor, partner), Outcome(choice),
        "Décision du partenaire sur le renouvellement",
    )  # fmt: skip


@when(parsers.parse('"{name}", sponsor of "{partner}", gives notice on {day}'))
def gives_notice(
    sqlite_uow: UnitOfWork, outcome: dict[str, Any], name: str, partner: str, day: str
) -> None:
    try:
        give_notice(
            sqlite_uow, REF, Decider(name, Role.sponsor, partner), _day(day),
            "Réorientation de notre politique de mécénat", actor="officer",
        )  # fmt: skip
    except Refused as refusal:
        outcome["refusal"] = refusal


@when(parsers.parse("the officer amends it with reviews every {months:d} months, effective {day}"))
def amends(
    sqlite_uow: UnitOfWork, outcome: dict[str, Any], data: dict[str, Any], months: int, day: str
) -> None:
    changed = dict(data, reviews={"every_months": months})
    outcome["agreements"] = len(services.documents(sqlite_uow, REF))
    outcome["agreement_versions"] = [
        d.sha256 for d in services.documents(sqlite_uow, REF) if d.kind == "agreement"
    ]
    try:
        services.amend(
            sqlite_uow, REF, load_text(yaml.safe_dump(changed, allow_unicode=True)),
            actor="officer", effective_on=_day(day),
        )  # fmt: skip
    except Refused as refusal:
        outcome["refusal"] = refusal


@when(parsers.parse('the officer sets the new term\'s "{description}" at {amount:d}'))
def new_term_terms(
    sqlite_uow: UnitOfWork, outcome: dict[str, Any], data: dict[str, Any], description: str,
    amount: int,
) -> None:  # fmt: skip
    changed = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    for contribution in changed["contributions"]:
        if contribution["description"] == description:
            contribution["amount_eur"] = amount
    services.amend(
        sqlite_uow, REF, load_text(yaml.safe_dump(changed, allow_unicode=True)), actor="officer"
    )


@when(
    parsers.parse(
        'the officer amends it with the "{ritual}" every {weeks:d} weeks, effective {day}'
    )
)
def amends_ritual(
    sqlite_uow: UnitOfWork, data: dict[str, Any], ritual: str, weeks: int, day: str
) -> None:
    changed = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    for item in changed["governance"]["rituals"]:
        if item["name"] == ritual:
            item["every_weeks"] = weeks
    services.amend(
        sqlite_uow, REF, load_text(yaml.safe_dump(changed, allow_unicode=True)),
        actor="officer", effective_on=_day(day),
    )  # fmt: skip


@then(parsers.parse('the calendar\'s event "{key}" repeats until {day}'))
def calendar_until(sqlite_uow: UnitOfWork, key: str, day: str) -> None:
    _, events = _calendar_events(sqlite_uow)
    until = events[f"{REF}-{key}@coopact"]["RRULE"]["UNTIL"][0]
    assert until.date() in (_day(day), _day(day) + dt.timedelta(days=1)), until


@when(parsers.parse("the legal officer {verb} the avenant"))
def legal_officer(sqlite_uow: UnitOfWork, verb: str) -> None:
    choice = Outcome.approve if verb == "approves" else Outcome.reject
    services.decide(
        sqlite_uow, REF, Gate.amendment_approval, Decider(DEMO_LEGAL_OFFICER, Role.legal_officer),
        choice, "Avenant conforme à la convention",
    )  # fmt: skip


def _avenant_pdf(uow: UnitOfWork) -> Any:
    """The avenant's PDF, the file signed: made by the amendment_signing stage's work (what
    follows the decision that approved the avenant or renewed, as `coopact decide` runs it)."""
    services.advance(uow, REF, templates=TEMPLATES)
    return services.document_content(uow, REF, "avenant_pdf")


@when("every signatory signs the avenant")
def signs_avenant(sqlite_uow: UnitOfWork, data: dict[str, Any]) -> None:
    sha = _avenant_pdf(sqlite_uow).sha256
    for partner in data["partners"]:
        services.decide(
            sqlite_uow, REF, Gate.amendment_signature,
            Decider(partner["signatory"]["name"], Role.signatory, partner["key"]),
            Outcome.sign, "Signé", document_sha256=sha,
        )  # fmt: skip


@then("the avenant's PDF is made from the avenant, and its signature packet names it")
def avenant_pdf_made(sqlite_uow: UnitOfWork) -> None:
    import hashlib
    import io
    import json
    import zipfile

    signed = _avenant_pdf(sqlite_uow)
    docx = services.document_content(sqlite_uow, REF, "avenant")
    assert signed.content.startswith(b"%PDF-") and signed.media_type == "application/pdf"
    assert signed.filename == docx.filename.removesuffix(".docx") + f"-{docx.sha256[:12]}.pdf"
    assert signed.sha256 == hashlib.sha256(signed.content).hexdigest() != docx.sha256
    packet = services.document_content(sqlite_uow, REF, "avenant_signature_packet")
    with zipfile.ZipFile(io.BytesIO(packet.content)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["agreement"]["sha256"] == signed.sha256
    assert manifest["how_to_sign"].startswith(f"coopact decide {REF} amendment_signature ")
    assert manifest["how_to_sign"].endswith(f"--document-sha256 {signed.sha256}")


@when(parsers.parse('"{name}" signs the avenant\'s {which} for "{partner}"'))
def signs_avenant_file(
    sqlite_uow: UnitOfWork, outcome: dict[str, Any], name: str, which: str, partner: str
) -> None:
    signed = _avenant_pdf(sqlite_uow)
    docx = services.document_content(sqlite_uow, REF, "avenant")
    sha = {".docx": docx.sha256, "PDF": signed.sha256}[which]
    try:
        outcome["result"] = services.decide(
            sqlite_uow, REF, Gate.amendment_signature, Decider(name, Role.signatory, partner),
            Outcome.sign, "Signé", document_sha256=sha,
        )  # fmt: skip
    except Refused as refusal:
        outcome["refusal"] = refusal


# --------------------------------------------------------------------------- outcomes
@then(parsers.parse('the partnership is at stage "{stage}"'))
def at_stage(sqlite_uow: UnitOfWork, stage: str) -> None:
    assert services.status(sqlite_uow, REF)[0].stage == stage


@then(parsers.parse('the review still awaits "{names}"'))
def review_awaits(sqlite_uow: UnitOfWork, outcome: dict[str, Any], names: str) -> None:
    view = services.status(sqlite_uow, REF)[0]
    assert ", ".join(view.awaited_from) == names
    assert names in outcome["result"].message


@then(parsers.parse('the status awaits "{names}"'))
def status_awaits(sqlite_uow: UnitOfWork, names: str) -> None:
    assert ", ".join(services.status(sqlite_uow, REF)[0].awaited_from) == names


@then(parsers.parse('the "{kind}" reads "{text}"'))
def reads(sqlite_uow: UnitOfWork, kind: str, text: str) -> None:
    body = text_of(sqlite_uow, kind).replace("\u00a0", " ").replace("\u202f", " ")
    assert text in body, body


@then(parsers.parse('the "{kind}" does not read "{text}"'))
def does_not_read(sqlite_uow: UnitOfWork, kind: str, text: str) -> None:
    body = text_of(sqlite_uow, kind).replace("\u00a0", " ").replace("\u202f", " ")
    assert text not in body, body


@then(parsers.parse('the decision is refused because "{reason}"'))
def refused(outcome: dict[str, Any], reason: str) -> None:
    assert "refusal" in outcome, outcome
    assert reason in outcome["refusal"].message


@then(parsers.parse('the decision is invalid at "{path}"'))
def invalid(outcome: dict[str, Any], path: str) -> None:
    assert path in [p.path for p in outcome["invalid"].problems]


@then(parsers.parse('the status shows the condition "{what}" owned by "{owner}" due "{due}"'))
def shows_condition(sqlite_uow: UnitOfWork, what: str, owner: str, due: str) -> None:
    conditions = services.status(sqlite_uow, REF)[0].conditions
    assert [(c["what"], c["owner"], c["due_on"]) for c in conditions] == [(what, owner, due)]


@then(parsers.parse('condition {number:d} is shown "{state}"'))
def condition_state(sqlite_uow: UnitOfWork, number: int, state: str) -> None:
    conditions = services.status(sqlite_uow, REF)[0].conditions
    assert conditions[number - 1]["state"] == state


@then(parsers.parse('the review has the finding "{code}"'))
def has_finding(sqlite_uow: UnitOfWork, code: str) -> None:
    assert code in [f["code"] for f in services.status(sqlite_uow, REF)[0].findings]


@then(parsers.parse('the review has no finding "{code}"'))
def has_no_finding(sqlite_uow: UnitOfWork, code: str) -> None:
    assert code not in [f["code"] for f in services.status(sqlite_uow, REF)[0].findings]


@then(parsers.parse('the status shows "{line}"'))
def shows_overdue(sqlite_uow: UnitOfWork, line: str) -> None:
    assert line in services.status(sqlite_uow, REF)[0].overdue


@then(parsers.parse('the review opened covers the periods "{periods}"'))
def covers(sqlite_uow: UnitOfWork, periods: str) -> None:
    with sqlite_uow:
        opened = [e for e in audit.events(sqlite_uow.session, REF) if e.action == "review.opened"][
            -1
        ]
        assert ", ".join(opened.payload["periods"]) == periods


def _calendar_events(uow: UnitOfWork) -> tuple[Any, dict[str, Any]]:
    import icalendar

    calendar = icalendar.Calendar.from_ical(services.document_content(uow, REF, "calendar").content)
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@then(parsers.parse('the calendar\'s event "{key}" keeps its UID with SEQUENCE {number:d}'))
def calendar_sequence(sqlite_uow: UnitOfWork, key: str, number: int) -> None:
    _, events = _calendar_events(sqlite_uow)
    event = events[f"{REF}-{key}@coopact"]
    assert int(event["SEQUENCE"]) == number, event.to_ical()


@then(parsers.parse("the calendar has no event on {day}"))
def calendar_no_event(sqlite_uow: UnitOfWork, day: str) -> None:
    _, events = _calendar_events(sqlite_uow)
    for event in events.values():
        start = event.decoded("DTSTART")
        start = start.date() if isinstance(start, dt.datetime) else start
        live = str(event.get("STATUS", "")) != "CANCELLED"
        assert not (live and start == _day(day) and "RRULE" not in event), event.to_ical()


@then("the calendar is cancelled")
def calendar_cancelled(sqlite_uow: UnitOfWork) -> None:
    calendar, events = _calendar_events(sqlite_uow)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert events and all(str(e["STATUS"]) == "CANCELLED" for e in events.values())
    assert f"{REF}-end-of-term@coopact" in events


@then(parsers.parse('"{first}" and "{second}" are mailed the calendar "{subject}"'))
def calendar_mailed(
    sqlite_uow: UnitOfWork, tmp_path: Any, first: str, second: str, subject: str
) -> None:
    import email
    from email import policy

    from coopact.adapters.mail.transports import OutboxTransport
    from coopact.services.mail import deliver

    outbox = OutboxTransport(tmp_path / "calendar-mail")
    deliver(sqlite_uow, outbox)
    messages = [
        email.message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in sorted(outbox.folder.glob("*.eml"))
    ]
    found = [m for m in messages if subject in str(m["Subject"])]
    names = {m["To"].addresses[0].display_name for m in found}
    assert {first, second} <= names, [str(m["Subject"]) for m in messages]
    for message in found:
        [attached] = [
            p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"
        ]
        assert attached.get_param("method") in ("PUBLISH", "CANCEL")


@then("nothing is scheduled any more")
def nothing_scheduled(sqlite_uow: UnitOfWork) -> None:
    with sqlite_uow:
        row = sqlite_uow.partnerships.get(REF)
        assert [s for s in sqlite_uow.partnerships.schedule(row) if s.done_at is None] == []


@then(parsers.parse('advancing it is refused because "{reason}"'))
def advance_refused(sqlite_uow: UnitOfWork, reason: str) -> None:
    with pytest.raises(Refused, match=reason):
        services.advance(sqlite_uow, REF, templates=TEMPLATES)


@then(parsers.parse('the status shows the end date "{day}"'))
def end_date(sqlite_uow: UnitOfWork, day: str) -> None:
    assert services.status(sqlite_uow, REF)[0].end_date == day


@then(parsers.parse('the next review dates are "{days}"'))
def next_reviews(sqlite_uow: UnitOfWork, days: str) -> None:
    assert ", ".join(services.status(sqlite_uow, REF)[0].next_reviews) == days


@then(parsers.parse('the "{kind}" is at version {version:d}'))
def at_version(sqlite_uow: UnitOfWork, kind: str, version: int) -> None:
    assert services.document_content(sqlite_uow, REF, kind).version == version


@then(parsers.parse('no new version of the "{kind}" is written'))
def no_new_version(sqlite_uow: UnitOfWork, outcome: dict[str, Any], kind: str) -> None:
    now = [d.sha256 for d in services.documents(sqlite_uow, REF) if d.kind == kind]
    assert now == outcome["agreement_versions"]


@then(parsers.parse("the schedule holds a renewal reminder on {first} and on {second}"))
def reminders(sqlite_uow: UnitOfWork, first: str, second: str) -> None:
    with sqlite_uow:
        row = sqlite_uow.partnerships.get(REF)
        days = [s.due_on.isoformat() for s in sqlite_uow.partnerships.schedule(row)
                if s.kind == "renewal_reminder"]  # fmt: skip
    assert days == [first, second]


__all__ = [name for name in dir() if not name.startswith("_")] + [
    "OFFICER",
    "ScheduleRow",
]
