"""Commands of the life after the signature: notices, conditions met; and what `status`
and `decide` need for votes and conditions. Imports nothing heavy at start-up: not even
the rules of conditions and decisions, which load the partnership schema (pydantic models
that take a fifth of a second to build), until a command needs them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from coopact.contracts.errors import InvalidInput, Problem
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.common import ACTOR, err, ready, reports_errors

if TYPE_CHECKING:
    from coopact.contracts import conditions as condition_rules


def read_conditions(texts: list[str], file: Path | None) -> list[condition_rules.Condition]:
    """Conditions given with --condition (repeated) and/or --conditions FILE (YAML list)."""
    from coopact.adapters.loading import load_mapping
    from coopact.contracts import conditions as condition_rules

    found: list[condition_rules.Condition] = []
    problems: list[Problem] = []
    for i, text in enumerate(texts):
        parsed = condition_rules.parse(text)
        if isinstance(parsed, str):
            problems.append(Problem(f"--condition[{i}]", parsed))
        else:
            found.append(parsed)
    if file is not None:
        data: Any = load_mapping(file) if file.suffix in (".yaml", ".yml") else None
        items = data.get("conditions") if isinstance(data, dict) else None
        if not isinstance(items, list):
            problems.append(Problem(str(file), "expected a YAML file with a list under conditions"))
        else:
            for i, item in enumerate(items):
                parsed = condition_rules.from_mapping(item, i)
                if isinstance(parsed, str):
                    problems.append(Problem(str(file), parsed))
                else:
                    found.append(parsed)
    if problems:
        raise InvalidInput("conditions", problems)
    return found


def print_after_signature(out: Console, view: Any) -> None:
    """The failed work, term, renewal, conditions, overdue reviews and avenants of
    `status REF`."""
    failed = view.failed_work
    if failed:
        out.print(
            f"[red]Failed work:[/] the work of the stage {failed['stage']} failed "
            f"({failed['attempts']} attempt(s) since {failed['failed_at']}): {failed['error']}",
        )
        out.print(f"  {failed['retried_by'][0].upper()}{failed['retried_by'][1:]}.")
    if view.end_date:
        renewal = view.renewal
        out.print(
            f"Term ends: {view.end_date} (renewal {renewal.get('kind')}, notice deadline "
            f"{renewal.get('notice_deadline')})"
        )
        for notice in renewal.get("notices", []):
            out.print(f"  notice given by {notice['partner']} on {notice['given_on']}")
    for c in view.conditions:
        out.print(
            f"Condition {c['number']}: {c['what']} ({c['owner']}, due {c['due_on']}"
            + (f", indicator: {c['indicator']}" if c["indicator"] else "")
            + f") — {c['state']}",
            markup=False,
        )
    for line in view.overdue:
        out.print(f"[yellow]Overdue:[/] {line}")
    for a in view.avenants:
        out.print(
            f"Avenant n° {a['number']} ({a['kind']}): {a['status']}, effective {a['effective_on']}"
        )


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
        from coopact.bootstrap import wiring
        from coopact.contracts.decisions import Decider
        from coopact.services.after_signature import give_notice

        ready()
        message = give_notice(
            wiring.uow(), reference, Decider(person, Role.sponsor, partner),
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
        from coopact.bootstrap import wiring
        from coopact.services.after_signature import condition_met as record

        ready()
        message = record(
            wiring.uow(), reference, number, on.date() if on else dt.date.today(), actor=ACTOR
        )
        err.print(f"{reference}: {message}")
