"""Steps of features/money.feature for valuations (skills and in-kind gifts) and the use of
funds, driven through the real use cases on SQLite."""

from __future__ import annotations

import datetime as dt
import io
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

from docx import Document
from pytest_bdd import given, parsers, then, when

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.mail.transports import OutboxTransport
from coopact.contracts.errors import InvalidInput, Refused
from coopact.schemas.use_of_funds import UseOfFunds
from coopact.services.mail import deliver
from coopact.store.uow import UnitOfWork
from coopact.usecases.report_use_of_funds import ReportUseOfFunds, report_use_of_funds
from tests.bdd.money_steps import _counts, _plain
from tests.money_support import REF, gifts_data, pay, register_signed, value


@given("the three-party mécénat with its gifts in kind, signed")
def gifts_signed(sqlite_uow: UnitOfWork, money: dict[str, Any]) -> None:
    money["data"] = gifts_data()
    register_signed(sqlite_uow, money["data"])


@given(
    parsers.parse(
        "the treasurer recorded the valuation of {amount} EUR of contributions[{n:d}] by "
        '"{partner}" on {day} with reference "{ref}"'
    )
)
@when(
    parsers.parse(
        "the treasurer records the valuation of {amount} EUR of contributions[{n:d}] by "
        '"{partner}" on {day} with reference "{ref}"'
    )
)
def values(
    sqlite_uow: UnitOfWork, money: dict[str, Any], amount: str, n: int, partner: str, day: str,
    ref: str,
) -> None:  # fmt: skip
    money["before"] = _counts(sqlite_uow)
    try:
        done = value(sqlite_uow, partner, n, amount, day, ref)
    except (Refused, InvalidInput) as exc:
        money["error"] = exc
        return
    if done.receipt is not None:
        money["receipts"].append(done.receipt.number)


@then(parsers.parse('the valuation is {verdict} with "{words}"'))
def valuation_refused(money: dict[str, Any], verdict: str, words: str) -> None:
    error = money.get("error")
    expected = {"refused": Refused, "invalid": InvalidInput}[verdict]
    assert isinstance(error, expected), error
    told = error.message + " " + " ".join(str(p) for p in getattr(error, "problems", []))
    assert words in told, told


# --------------------------------------------------------------------------- use of funds
def _report(uow: UnitOfWork, money: dict[str, Any], year: int, spent: list[Any]) -> None:
    report = UseOfFunds.model_validate({"year": year, "spent": spent})
    try:
        money["use"] = report_use_of_funds(
            uow, ReportUseOfFunds(REF, report), templates=settings().templates,
            now=dt.datetime(year + 1, 1, 20, 10, tzinfo=dt.UTC),
        )  # fmt: skip
    except InvalidInput as exc:
        money["error"] = exc


@when(
    parsers.parse(
        "the association reports for {year:d} {first} EUR spent on objective {n:d} and "
        '{second} EUR on "{objective}"'
    )
)
def reports_two(
    sqlite_uow: UnitOfWork, money: dict[str, Any], year: int, first: str, n: int, second: str,
    objective: str,
) -> None:  # fmt: skip
    spent = [
        {"objective": n, "amount_eur": first, "note": "Meals served on the campus"},
        {"objective": objective, "amount_eur": second},
    ]
    _report(sqlite_uow, money, year, spent)


@when(parsers.parse("the association reports for {year:d} {amount} EUR spent on objective {n:d}"))
def reports_one(
    sqlite_uow: UnitOfWork, money: dict[str, Any], year: int, amount: str, n: int
) -> None:
    _report(sqlite_uow, money, year, [{"objective": n, "amount_eur": amount}])


@then(parsers.parse('the use of funds report reads "{text}"'))
def use_reads(sqlite_uow: UnitOfWork, money: dict[str, Any], text: str) -> None:
    assert "error" not in money, money.get("error")
    content = services.document_content(sqlite_uow, REF, "use_of_funds").content
    paragraphs = [_plain(p.text) for p in Document(io.BytesIO(content)).paragraphs]
    assert any(text in p for p in paragraphs), paragraphs


@then(parsers.parse('the use of funds report is mailed to "{addresses}"'))
def use_mailed(sqlite_uow: UnitOfWork, tmp_path: Path, addresses: str) -> None:
    outbox = tmp_path / "outbox"
    deliver(sqlite_uow, OutboxTransport(outbox))
    to = []
    for eml in outbox.glob("*.eml"):
        message = message_from_bytes(eml.read_bytes(), _class=EmailMessage, policy=default)  # type: ignore[arg-type]
        names = [a.get_filename() for a in message.iter_attachments()]
        if "P-2027-002-use-of-funds-2027.docx" in names:
            to.append(str(message["To"]).split("<")[-1].rstrip(">"))
    assert ", ".join(sorted(to)) == addresses


@then(parsers.parse('the report is refused at "{path}" with "{words}"'))
def use_refused(sqlite_uow: UnitOfWork, money: dict[str, Any], path: str, words: str) -> None:
    error = money.get("error")
    assert isinstance(error, InvalidInput), error
    assert any(p.path == path and words in p.message for p in error.problems), error.problems
    with sqlite_uow:
        row = sqlite_uow.partnerships.get(REF)
        assert sqlite_uow.partnerships.document_versions(row, "use_of_funds") == []


# --------------------------------------------------------------------------- review
@given(parsers.parse('the partnership officer recorded {amount} EUR from "{partner}" on {day}'))
def officer_recorded(sqlite_uow: UnitOfWork, amount: str, partner: str, day: str) -> None:
    from tests.integration.after_signature_helpers import OFFICER
    from tests.integration.after_signature_helpers import REF as EXAMPLE

    pay(
        sqlite_uow, partner, amount, day, "VIR-" + day, who=OFFICER,
        role="partnership_officer", reference=EXAMPLE,
    )  # fmt: skip


@when(parsers.parse("the review of {day} opens"))
def review_of(sqlite_uow: UnitOfWork, day: str) -> None:
    from tests.integration.after_signature_helpers import open_review

    open_review(sqlite_uow, dt.date.fromisoformat(day))


@given(
    parsers.parse(
        "the French example's association reported for {year:d} {amount} EUR spent on "
        "objective {n:d}"
    )
)
def example_reported(sqlite_uow: UnitOfWork, year: int, amount: str, n: int) -> None:
    from tests.integration.after_signature_helpers import REF as EXAMPLE

    report = UseOfFunds.model_validate(
        {"year": year, "spent": [{"objective": n, "amount_eur": amount}]}
    )
    report_use_of_funds(
        sqlite_uow, ReportUseOfFunds(EXAMPLE, report), templates=settings().templates,
        now=dt.datetime(year + 1, 1, 10, 10, tzinfo=dt.UTC),
    )  # fmt: skip


@then(parsers.parse('the review\'s findings do not include "{text}"'))
def review_finding_absent(sqlite_uow: UnitOfWork, text: str) -> None:
    from coopact.contracts.finding_texts import text_of
    from tests.integration.after_signature_helpers import REF as EXAMPLE

    with sqlite_uow:
        row = sqlite_uow.partnerships.get(EXAMPLE)
        said = [
            _plain(text_of(f.code, f.params, "fr")) for f in sqlite_uow.partnerships.findings(row)
        ]
    assert said and not any(text in s for s in said), said


# --------------------------------------------------------------------------- exit
@when("the comité de pilotage of the French example decides no go")
def example_no_go(sqlite_uow: UnitOfWork) -> None:
    from coopact.contracts.lifecycle import Outcome
    from tests.integration.after_signature_helpers import vote

    for name in ("Claire Martin", "Marc Lefèvre", "Inès Benali"):
        vote(sqlite_uow, name, Outcome.no_go)


def _example_reads(uow: UnitOfWork, kind: str, text: str) -> None:
    """The French example's latest document of ``kind``, tables as ``cell | cell`` lines."""
    from tests.integration.after_signature_helpers import text_of

    body = _plain(text_of(uow, kind))
    assert text in body, body


@then(parsers.parse('the exit statement reads "{text}"'))
def exit_statement_reads(sqlite_uow: UnitOfWork, text: str) -> None:
    _example_reads(sqlite_uow, "exit_statement", text)


@then(parsers.parse('the review report reads "{text}"'))
def review_report_reads(sqlite_uow: UnitOfWork, text: str) -> None:
    _example_reads(sqlite_uow, "review_report", text)
