"""`coopact money` and `coopact payment`: the cash a signed agreement promises, what came,
what is late, and the payments received (each with its tax receipt for a mécénat donor).
Imported only when one of them runs (:mod:`coopact.entrypoints.cli.registry`): the use
cases at the top."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from coopact.adapters.config import settings
from coopact.adapters.documents.money_calendar import days_before_from_env
from coopact.bootstrap import units, writing
from coopact.contracts.errors import InvalidInput, Problem
from coopact.entrypoints.cli.common import out, ready, reports_errors
from coopact.entrypoints.cli.failures import err
from coopact.queries import money as queries
from coopact.queries.money import CSV_COLUMNS
from coopact.services.mail import deliver
from coopact.usecases.record_payment import RecordPayment, record_payment
from coopact.usecases.send_money_notices import SendMoneyNotices, send_money_notices

if TYPE_CHECKING:
    from coopact.queries.money import MoneyView

Day = Annotated[
    dt.datetime | None,
    typer.Option(
        "--today", formats=["%Y-%m-%d"], help="The day to judge lateness (default today)."
    ),
]
# The options every money record (payment, valuation) shares.
Person = Annotated[str, typer.Option("--as", help="Who records it, as named in people.")]
RecordRole = Annotated[str, typer.Option("--role", help="partnership_officer or treasurer.")]


def deliver_mail(out: object) -> None:
    """Send the mail queued by the command (receipts, notices, reports); warn when some
    could not leave (they stay queued)."""

    delivery = deliver(units.uow(), writing.transport())
    if delivery.warning():
        out.print(f"[yellow]Warning:[/] {delivery.warning()}")  # type: ignore[attr-defined]


def register(app: typer.Typer) -> None:
    _money(app)
    _money_due(app)
    _payment(app)


def _money(app: typer.Typer) -> None:

    @app.command("money")
    @reports_errors
    def money(
        reference: Annotated[
            str | None, typer.Argument(help="A partnership reference (or --all).")
        ] = None,
        every: Annotated[bool, typer.Option("--all", help="Every signed partnership.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
        as_csv: Annotated[
            bool, typer.Option("--csv", help="With --all: one CSV line an instalment.")
        ] = False,
        today: Day = None,
    ) -> None:
        """Each instalment of the cash contributions: partner, due date, amount, paid, status
        (due, late, partly_paid, paid), and the totals per partner."""

        if (reference is None) == (not every):
            raise InvalidInput(
                "arguments", [Problem("REF", "give a partnership reference, or --all")]
            )
        ready()
        day = today.date() if today else dt.date.today()
        if every:
            views = list(queries.portfolio(units.uow(), day))
            if as_csv:
                _write_csv(views)
            elif as_json:
                print(json.dumps([queries.as_json(v) for v in views], ensure_ascii=False, indent=2))
            else:
                for view in views:
                    _print_view(out, view)
            return
        assert reference is not None
        view = queries.money_of(units.uow(), reference, day)
        if as_json:
            print(json.dumps(queries.as_json(view), ensure_ascii=False, indent=2))
        else:
            _print_view(out, view)


def _money_due(app: typer.Typer) -> None:

    @app.command("money-due")
    @reports_errors
    def money_due(today: Day = None) -> None:
        """Mail the calls for funds (COOPACT_CALL_DAYS days before each instalment, 15 by
        default) and the reminders of late instalments, each once; the daily `money-due`
        deployment runs the same."""

        ready()
        day = today.date() if today else dt.date.today()
        sent = send_money_notices(units.uow(), SendMoneyNotices(day, days_before_from_env()))
        out.print(
            f"{sent.calls} call(s) for funds and {sent.reminders} reminder(s) sent "
            f"({sent.mails} mail(s))."
        )
        deliver_mail(out)


def _payment(app: typer.Typer) -> None:

    @app.command("payment")
    @reports_errors
    def payment(
        reference: Annotated[str, typer.Argument(help="A partnership reference.")],
        partner: Annotated[str, typer.Option("--partner", help="The key of the paying partner.")],
        amount: Annotated[str, typer.Option("--amount", help="The amount received, in euros.")],
        date: Annotated[
            dt.datetime,
            typer.Option("--date", formats=["%Y-%m-%d"], help="The day it was received."),
        ],
        bank_reference: Annotated[
            str, typer.Option("--reference", help="The bank reference: recorded once.")
        ],
        person: Person,
        role: RecordRole,
    ) -> None:
        """Record a payment received, once per bank reference; a mécénat donor's payment
        issues its tax receipt (art. 238 bis CGI), mailed to the donor's signatory."""

        ready()
        command = RecordPayment(
            reference, partner, amount, date.date(), bank_reference, person, role
        )
        done = record_payment(units.uow(), command, templates=settings().templates)
        err.print(
            f"{reference}: {done.amount} EUR received from {done.partner} for {done.receiver}; "
            f"{done.remaining} EUR remain due.",
            markup=False,
        )
        _print_receipt(err, done.receipt)
        deliver_mail(err)


def _print_receipt(to: object, receipt: object) -> None:
    """The receipt said on stderr (``to``), its number alone on stdout (the command's value)."""
    if receipt is None:
        return
    print(receipt.number)  # type: ignore[attr-defined]
    to.print(  # type: ignore[attr-defined]
        f"Tax receipt {receipt.number} issued (tax_receipt v{receipt.version}, "  # type: ignore[attr-defined]
        f"SHA-256 {receipt.sha256})"  # type: ignore[attr-defined]
        + (", mailed to the donor's signatory." if receipt.mailed_to else  # type: ignore[attr-defined]
           "; the donor's signatory has no e-mail address: send it yourself."),
        markup=False,
    )  # fmt: skip


def _print_view(out: object, view: object) -> None:
    from rich.console import Console

    assert isinstance(out, Console)
    out.print(f"{view.reference} — {view.title} ({view.stage})", markup=False)  # type: ignore[attr-defined]
    for i in view.instalments:  # type: ignore[attr-defined]
        out.print(
            f"  {i['due']}  {i['partner']:<14} {i['amount_eur']:>12} EUR, paid "
            f"{i['paid_eur']:>12} EUR  {i['status']}",
            markup=False,
        )
    for t in view.totals:  # type: ignore[attr-defined]
        out.print(
            f"  total {t['partner']}: promised {t['promised_eur']}, paid {t['paid_eur']}, "
            f"remaining {t['remaining_eur']}, late {t['late_eur']} EUR",
            markup=False,
        )
    for v in getattr(view, "valuations", []):
        receipt = f", receipt {v['receipt']}" if v["receipt"] else ""
        out.print(
            f"  valued {v['valued_on']}: {v['kind']} of {v['partner']} to {v['receiver']} "
            f"(contributions[{v['contribution']}]) {v['amount_eur']} EUR, certificate "
            f"{v['reference']}{receipt}",
            markup=False,
        )


def _write_csv(views: Sequence[MoneyView]) -> None:
    import csv
    import sys

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for view in views:
        for i in view.instalments:
            writer.writerow([view.reference, i["partner"], i["receiver"], i["due"],
                             i["amount_eur"], i["paid_eur"], i["status"]])  # fmt: skip
