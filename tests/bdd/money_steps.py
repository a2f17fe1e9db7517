"""Steps of features/money.feature: the three-party mécénat with dated instalments, driven
through the real use cases on SQLite (registration, payments, receipts, the mail queue)."""

from __future__ import annotations

import datetime as dt
import io
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.adapters.mail.transports import OutboxTransport
from coopact.contracts.errors import InvalidInput, Refused
from coopact.queries.money import as_json, money_of
from coopact.services.mail import deliver
from coopact.stages.registration import registration_findings
from coopact.stages.template_lint import agreement_context
from coopact.store import audit
from coopact.store.money_tables import PaymentRow, TaxReceiptRow
from coopact.store.uow import UnitOfWork
from tests.money_support import REF, mecenat_data, pay, register_signed


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def money() -> dict[str, Any]:
    return {"data": mecenat_data(), "receipts": []}


def _counts(uow: UnitOfWork) -> tuple[int, int, int]:
    with uow:
        session = uow.session
        return (
            session.scalar(select(func.count()).select_from(PaymentRow)) or 0,
            session.scalar(select(func.count()).select_from(TaxReceiptRow)) or 0,
            len(audit.events(session, REF)),
        )


# --------------------------------------------------------------------------- the file
@given("the three-party mécénat file")
def the_file(money: dict[str, Any]) -> None:
    pass


@when(parsers.parse("the company's last instalment is {amount:d} EUR instead of {was:d} EUR"))
def last_instalment(money: dict[str, Any], amount: int, was: int) -> None:
    step = money["data"]["contributions"][0]["instalments"][-1]
    assert step["amount_eur"] == was
    step["amount_eur"] = amount


@when(parsers.parse("the company's payment term is {days:d} days"))
def payment_term(money: dict[str, Any], days: int) -> None:
    money["data"]["contributions"][0]["payment_term_days"] = days


@when(parsers.parse('the association\'s IBAN is "{iban}"'))
def iban(money: dict[str, Any], iban: str) -> None:
    money["data"]["partners"][1]["bank"]["iban"] = iban


@when(parsers.parse('the company\'s contribution has the schedule "{schedule}" and no instalments'))
def free_text(money: dict[str, Any], schedule: str) -> None:
    contribution = money["data"]["contributions"][0]
    contribution.pop("instalments")
    contribution["schedule"] = schedule


def _load(money: dict[str, Any]) -> Any:
    return load_text(yaml.safe_dump(money["data"], allow_unicode=True, sort_keys=False))


@then(parsers.parse('the file is refused at "{path}" with "{words}"'))
def refused_file(money: dict[str, Any], path: str, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _load(money)
    assert any(p.path == path and words in p.message for p in refused.value.problems), [
        str(p) for p in refused.value.problems
    ]


@then(parsers.parse('registering it warns "{code}" at "{path}"'))
def warns(money: dict[str, Any], code: str, path: str) -> None:
    findings = registration_findings(_load(money))
    assert any(f.code == code and f.path == path for f in findings)


@then(parsers.parse('its agreement reads "{text}"'))
def agreement_reads(money: dict[str, Any], text: str) -> None:
    context = agreement_context(_load(money), settings().templates)
    paragraphs = [p["text"] for a in context["articles"] for p in a["paragraphs"]]
    assert any(text in _plain(p) for p in paragraphs), text


# --------------------------------------------------------------------------- payments
@given("the three-party mécénat, signed")
def signed(sqlite_uow: UnitOfWork, money: dict[str, Any]) -> None:
    register_signed(sqlite_uow, money["data"])


@given("the three-party mécénat, registered but not signed")
def not_signed(sqlite_uow: UnitOfWork, money: dict[str, Any]) -> None:
    register_signed(sqlite_uow, money["data"], sign=False)


def _record(uow: UnitOfWork, money: dict[str, Any], *args: Any, **kwargs: Any) -> None:
    money["before"] = _counts(uow)
    try:
        done = pay(uow, *args, **kwargs)
    except (Refused, InvalidInput) as exc:
        money["error"] = exc
        return
    if done.receipt is not None:
        money["receipts"].append(done.receipt.number)


@given(
    parsers.parse(
        'the treasurer recorded {amount} EUR from "{partner}" on {day} with reference "{ref}"'
    )
)
@when(
    parsers.parse(
        'the treasurer records {amount} EUR from "{partner}" on {day} with reference "{ref}"'
    )
)
def records(
    sqlite_uow: UnitOfWork, money: dict[str, Any], amount: str, partner: str, day: str, ref: str
) -> None:
    _record(sqlite_uow, money, partner, amount, day, ref)


@when(parsers.parse('"{who}" records {amount} EUR from "{partner}" on {day} as "{role}"'))
def records_as(
    sqlite_uow: UnitOfWork, money: dict[str, Any], who: str, amount: str, partner: str,
    day: str, role: str,
) -> None:  # fmt: skip
    _record(sqlite_uow, money, partner, amount, day, "VIR-X", who=who, role=role)


@then(
    parsers.parse(
        'on {day} the instalment of "{partner}" due {due} is "{status}" with {paid} EUR paid'
    )
)
def instalment_is(
    sqlite_uow: UnitOfWork, day: str, partner: str, due: str, status: str, paid: str
) -> None:
    view = as_json(money_of(sqlite_uow, REF, dt.date.fromisoformat(day)))
    [row] = [i for i in view["instalments"] if i["partner"] == partner and i["due"] == due]
    assert (row["status"], row["paid_eur"]) == (status, paid)


@then(parsers.parse('"{partner}" has {remaining} EUR remaining'))
def remaining(sqlite_uow: UnitOfWork, partner: str, remaining: str) -> None:
    view = as_json(money_of(sqlite_uow, REF, dt.date(2027, 4, 20)))
    [total] = [t for t in view["totals"] if t["partner"] == partner]
    assert total["remaining_eur"] == remaining


@then(parsers.parse('receipts "{first}" and "{second}" are issued'))
def receipts_issued(money: dict[str, Any], first: str, second: str) -> None:
    assert money["receipts"] == [first, second]


@then("no receipt is issued")
def no_receipt(sqlite_uow: UnitOfWork, money: dict[str, Any]) -> None:
    assert "error" not in money and money["receipts"] == []
    assert _counts(sqlite_uow)[1] == 0


@then(parsers.parse('the last receipt reads "{text}"'))
def receipt_reads(sqlite_uow: UnitOfWork, text: str) -> None:
    content = services.document_content(sqlite_uow, REF, "tax_receipt").content
    paragraphs = [_plain(p.text) for p in Document(io.BytesIO(content)).paragraphs]
    assert any(text in p for p in paragraphs), paragraphs


@then(parsers.parse('the receipt is mailed to "{address}" with "{filename}" attached'))
def mailed(sqlite_uow: UnitOfWork, tmp_path: Path, address: str, filename: str) -> None:
    outbox = tmp_path / "outbox"
    deliver(sqlite_uow, OutboxTransport(outbox))
    attached = []
    for eml in outbox.glob("*.eml"):
        message = message_from_bytes(eml.read_bytes(), _class=EmailMessage, policy=default)
        if address in str(message["To"]):
            attached += [a.get_filename() for a in message.iter_attachments()]
    assert filename in attached, attached


@then(parsers.parse('the payment is {verdict} with "{words}"'))
def payment_refused(money: dict[str, Any], verdict: str, words: str) -> None:
    error = money.get("error")
    expected = {"refused": Refused, "invalid": InvalidInput}[verdict]
    assert isinstance(error, expected), error
    told = error.message + " " + " ".join(str(p) for p in getattr(error, "problems", []))
    assert words in told, told


@then("nothing more is recorded")
def nothing_more(sqlite_uow: UnitOfWork, money: dict[str, Any]) -> None:
    assert _counts(sqlite_uow) == money["before"]


# --------------------------------------------------------------------------- notices
@when(parsers.parse("the money notices run on {day}"))
def notices_run(sqlite_uow: UnitOfWork, money: dict[str, Any], day: str) -> None:
    from coopact.usecases.send_money_notices import SendMoneyNotices, send_money_notices

    money["sent"] = send_money_notices(sqlite_uow, SendMoneyNotices(dt.date.fromisoformat(day)))


@then(
    parsers.re(r"(?P<calls>\d+) calls? for funds and (?P<reminders>\d+) reminders? (is|are) sent")
)
def notices_sent(money: dict[str, Any], calls: str, reminders: str) -> None:
    sent = money["sent"]
    assert (sent.calls, sent.reminders) == (int(calls), int(reminders))


@then(parsers.parse('"{address}" is mailed "{subject}"'))
def is_mailed(
    sqlite_uow: UnitOfWork, money: dict[str, Any], tmp_path: Path, address: str, subject: str
) -> None:
    outbox = tmp_path / "outbox"
    deliver(sqlite_uow, OutboxTransport(outbox))
    for eml in sorted(outbox.glob("*.eml")):
        message = message_from_bytes(eml.read_bytes(), _class=EmailMessage, policy=default)
        if address in str(message["To"]) and _plain(str(message["Subject"])).startswith(subject):
            money["mail"] = message
            return
    raise AssertionError(f"no mail to {address}: {subject}")


@then(parsers.parse('that mail reads "{text}"'))
def mail_reads(money: dict[str, Any], text: str) -> None:
    body = _plain(money["mail"].get_body(preferencelist=("plain",)).get_content())
    assert text in " ".join(body.split()), body


@then(parsers.parse('that mail is copied to "{address}"'))
def copied(money: dict[str, Any], address: str) -> None:
    assert address in str(money["mail"]["Cc"])


# --------------------------------------------------------------------------- calendar, review
@then(parsers.parse('its calendar has "{summary}" on {day} with a reminder {days:d} days before'))
def calendar_has(money: dict[str, Any], summary: str, day: str, days: int) -> None:
    from icalendar import Calendar

    from coopact.adapters.documents.calendar_ics import build_calendar

    ics = build_calendar(_load(money), REF, dt.datetime(2027, 3, 1, tzinfo=dt.UTC))
    [event] = [
        e
        for e in Calendar.from_ical(ics).walk("VEVENT")
        if _plain(str(e["SUMMARY"])) == summary
        and e.decoded("DTSTART") == dt.date.fromisoformat(day)
    ]
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -dt.timedelta(days=days)


@given("the French example, its 120 000 EUR paid in three instalments from 2027-04-01, active")
def french_example_active(sqlite_uow: UnitOfWork) -> None:
    from tests.integration.after_signature_helpers import active

    def instalments(data: dict[str, Any]) -> None:
        cash = data["contributions"][0]
        cash.pop("schedule")
        cash["instalments"] = [
            {"due": "2027-04-01", "amount_eur": 40000},
            {"due": "2028-04-01", "amount_eur": 40000},
            {"due": "2029-01-10", "amount_eur": 40000},
        ]

    active(sqlite_uow, instalments)


@when(parsers.parse("the review of {day} opens without any payment recorded"))
def review_opens(sqlite_uow: UnitOfWork, day: str) -> None:
    from tests.integration.after_signature_helpers import open_review

    open_review(sqlite_uow, dt.date.fromisoformat(day))


@then(parsers.parse('the review\'s findings include "{text}"'))
def review_finding(sqlite_uow: UnitOfWork, text: str) -> None:
    from coopact.contracts.finding_texts import text_of
    from tests.integration.after_signature_helpers import REF as EXAMPLE

    with sqlite_uow:
        row = sqlite_uow.partnerships.get(EXAMPLE)
        said = [
            _plain(text_of(f.code, f.params, "fr")) for f in sqlite_uow.partnerships.findings(row)
        ]
    assert any(text in s for s in said), said
