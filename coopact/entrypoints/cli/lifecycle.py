"""Commands of the life after the signature: `notice` and `condition-met`. Loaded only when
one of them runs or shows its help (:mod:`coopact.entrypoints.cli.registry`): the services
they call are imported at the top. What `status` and `decide` need lives lower down
(:mod:`~coopact.entrypoints.cli.reading`,
:func:`~coopact.entrypoints.cli.options.read_conditions`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from coopact.bootstrap import units
from coopact.contracts.deciders import Decider
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.common import ACTOR, ready, reports_errors
from coopact.entrypoints.cli.failures import err
from coopact.services.after_signature import condition_met as record
from coopact.services.after_signature import give_notice

if TYPE_CHECKING:
    pass


def register(app: typer.Typer) -> None:

    @app.command()
    @reports_errors
    def notice(
        reference: Annotated[str, typer.Argument(help="A partnership reference.")],
        person: Annotated[str, typer.Option("--as", help="The partner's sponsor, as named.")],
        partner: Annotated[str, typer.Option("--for", help="The partner giving notice.")],
        reason: Annotated[str, typer.Option(help="Why: kept in the audit trail.")],
        on: Annotated[
            dt.datetime | None,
            typer.Option(formats=["%Y-%m-%d"], help="Date the notice is given (default today)."),
        ] = None,
    ) -> None:
        """Give notice not to renew (a sponsor, for its partner, before the notice deadline):
        writes the lettre de non-renouvellement; the partnership ends at its term."""

        ready()
        message = give_notice(
            units.uow(), reference, Decider(person, Role.sponsor, partner),
            on.date() if on else dt.date.today(), reason, actor=ACTOR,
        )  # fmt: skip
        err.print(f"{reference}: {message}")

    @app.command("condition-met")
    @reports_errors
    def condition_met(
        reference: Annotated[str, typer.Argument(help="A partnership reference.")],
        number: Annotated[int, typer.Argument(help="The condition's number, as status lists it.")],
        on: Annotated[
            dt.datetime | None,
            typer.Option(formats=["%Y-%m-%d"], help="Date it was met (default today)."),
        ] = None,
    ) -> None:
        """Record that a condition of a go_with_conditions review is met."""

        ready()
        message = record(
            units.uow(), reference, number, on.date() if on else dt.date.today(), actor=ACTOR
        )
        err.print(f"{reference}: {message}")
