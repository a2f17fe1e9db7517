"""Decisions asked for through the Prefect `decide` deployment (`coopact request-decision`)
and `coopact keys rotate`. The audit chain's read commands are in
:mod:`coopact.entrypoints.cli.audit`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from coopact.adapters.config import settings
from coopact.bootstrap import units, wiring
from coopact.contracts import deciders
from coopact.contracts.lifecycle import Gate
from coopact.entrypoints.cli.common import out, reports_errors
from coopact.entrypoints.cli.options import (
    Conditions,
    ConditionsFile,
    DecidedOutcome,
    DeciderName,
    DeciderRole,
    DocumentSha256,
    ForPartner,
    read_conditions,
)
from coopact.services import trust
from coopact.store.keys import rotate

if TYPE_CHECKING:
    pass


def request_decision(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    gate: Annotated[Gate, typer.Argument(help="The gate decided.")],
    person: DeciderName,
    role: DeciderRole,
    outcome: DecidedOutcome,
    reason: Annotated[str, typer.Option(help="Why: kept in coopact's database only.")],
    partner: ForPartner = None,
    document_sha256: DocumentSha256 = None,
    condition: Conditions = None,
    conditions_file: ConditionsFile = None,
) -> None:
    """Keep a decision for the Prefect `decide` deployment; print the request id to run it
    with. Prefect receives only that id: names, reasons and conditions stay in coopact's
    database."""

    @reports_errors
    def run() -> None:

        conditions = read_conditions(condition or [], conditions_file)
        wiring.ensure_ready()
        decider = deciders.Decider(person, role, partner)
        request_id = trust.request_decision(
            units.uow(), reference, gate, decider, outcome, reason,
            document_sha256=document_sha256, conditions=conditions,
        )  # fmt: skip
        out.print(f"Decision request {request_id} kept for {reference}.")
        out.print(f"Run the `decide` deployment with request_id={request_id}.")
        out.print(str(request_id), markup=False)

    run()


def rotate_key() -> None:
    """Make a new secret the current one (a new key id signs from now on); the older
    secrets stay in the key file to verify what they signed. Copy the new key file to every
    machine of the fleet."""

    @reports_errors
    def run() -> None:

        old, new = rotate(settings().home)
        out.print(
            f"Key rotated: {new} now signs; {old} and older keys are kept to verify what they "
            "signed. Give the new key file to every machine of the fleet.",
            markup=False,
        )

    run()


def register(app: typer.Typer) -> None:
    app.command("request-decision")(request_decision)
    keys = typer.Typer(help="The secret key that signs the audit chain.", no_args_is_help=True)
    keys.command("rotate")(rotate_key)
    app.add_typer(keys, name="keys")
