"""`coopact use-of-funds`: the donee's report of what the funds received in a year were spent
on, per shared objective (a ``use_of_funds`` document mailed to the payers' sponsors and the
steering committee). Imports nothing heavy at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    from coopact.cli import _ready, out, reports_errors

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
        from coopact import wiring
        from coopact.config import settings
        from coopact.services.mail import deliver
        from coopact.usecases.report_use_of_funds import (
            ReportUseOfFunds,
            load_report,
            report_use_of_funds,
        )

        _ready()
        command = ReportUseOfFunds(reference, load_report(file))
        done = report_use_of_funds(wiring.uow(), command, templates=settings().templates)
        out.print(
            f"{reference}: use of funds {done.year} of {done.donee}: {done.received} EUR "
            f"received, {done.spent} EUR spent, {done.unspent} EUR unspent (use_of_funds "
            f"v{done.version}, SHA-256 {done.sha256}); mailed to {done.mailed_to} person(s).",
            markup=False,
        )
        delivery = deliver(wiring.uow(), wiring.transport())
        if delivery.warning():
            out.print(f"[yellow]Warning:[/] {delivery.warning()}")

    @app.command("pseudonym")
    @reports_errors
    def pseudonym(
        name: Annotated[str, typer.Argument(help="A person's name, as written in people.")],
    ) -> None:
        """The pseudonymous id the audit chain gives a person (`p-<key id>-<HMAC>`): how the
        record-payment deployment's `recorded_by` names a treasurer without their name."""
        from coopact import wiring
        from store import people

        _ready()
        print(people.pseudonym(wiring.uow().keyring, name))
