"""`coopact valuation`: a donor's certified valuation of a skills or in-kind gift, with its
tax receipt; `coopact use-of-funds`: the donee's report of what the funds received in a year
were spent on, per shared objective (a ``use_of_funds`` document mailed to the payers'
sponsors and the steering committee). Imported only
when one of them runs (:mod:`coopact.entrypoints.cli.registry`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from coopact.adapters.config import settings
from coopact.bootstrap import units
from coopact.entrypoints.cli.common import ready, reports_errors
from coopact.entrypoints.cli.failures import err
from coopact.entrypoints.cli.money import Person, RecordRole, _print_receipt, deliver_mail
from coopact.store import pseudonyms
from coopact.usecases.record_valuation import RecordValuation, record_valuation
from coopact.usecases.report_use_of_funds import (
    ReportUseOfFunds,
    load_report,
    report_use_of_funds,
)


def register(app: typer.Typer) -> None:
    _use_of_funds(app)
    _valuation(app)
    _pseudonym(app)


def _use_of_funds(app: typer.Typer) -> None:

    @app.command("use-of-funds")
    @reports_errors
    def use_of_funds(
        reference: Annotated[str, typer.Argument(help="A partnership reference.")],
        file: Annotated[
            Path,
            typer.Argument(
                help="YAML: year, optional donee, spent: [{objective, amount_eur, note}]."
            ),
        ],
    ) -> None:
        """Report what the funds received in a year were spent on, per shared objective
        (objective: its number, 1 for the first, or its words); never more than was
        received that year. The report is stored as a use_of_funds document and mailed to
        the sponsors of the partners that paid and to the steering committee."""

        ready()
        command = ReportUseOfFunds(reference, load_report(file))
        done = report_use_of_funds(units.uow(), command, templates=settings().templates)
        err.print(
            f"{reference}: use of funds {done.year} of {done.donee}: {done.received} EUR "
            f"received, {done.spent} EUR spent, {done.unspent} EUR unspent (use_of_funds "
            f"v{done.version}, SHA-256 {done.sha256}); mailed to {done.mailed_to} person(s).",
            markup=False,
        )
        print(done.sha256)  # the value: the report's SHA-256
        deliver_mail(err)


def _valuation(app: typer.Typer) -> None:

    @app.command("valuation")
    @reports_errors
    def valuation(
        reference: Annotated[str, typer.Argument(help="A partnership reference.")],
        partner: Annotated[str, typer.Option("--partner", help="The key of the giving partner.")],
        contribution: Annotated[
            int,
            typer.Option(
                "--contribution", help="The gift's index N in the file (contributions[N])."
            ),
        ],
        amount: Annotated[str, typer.Option("--amount", help="The value certified, in euros.")],
        date: Annotated[
            dt.datetime,
            typer.Option("--date", formats=["%Y-%m-%d"], help="The date of the certificate."),
        ],
        certificate: Annotated[
            str, typer.Option("--reference", help="The certificate's reference: recorded once.")
        ],
        person: Person,
        role: RecordRole,
    ) -> None:
        """Record the donor's certified valuation of a skills or in-kind gift (at cost), once
        per reference; a mécénat company donor's gift gets its tax receipt (art. 238 bis CGI)."""

        ready()
        command = RecordValuation(
            reference, partner, contribution, amount, date.date(), certificate, person, role
        )
        done = record_valuation(units.uow(), command, templates=settings().templates)
        err.print(
            f"{reference}: {done.kind} gift of {done.partner} to {done.receiver} valued at "
            f"{done.amount} EUR.",
            markup=False,
        )
        _print_receipt(err, done.receipt)
        deliver_mail(err)


def _pseudonym(app: typer.Typer) -> None:

    @app.command("pseudonym")
    @reports_errors
    def pseudonym(
        name: Annotated[str, typer.Argument(help="A person's name, as written in people.")],
    ) -> None:
        """The pseudonymous id the audit chain gives a person (`p-<key id>-<HMAC>`): how the
        record-payment deployment's `recorded_by` names a treasurer without their name."""

        ready()
        print(pseudonyms.pseudonym(units.uow().keyring, name))
