"""What `coopact decide` takes beyond the decision itself (the review's meeting record) and
how it reports what followed. Light at start-up: the meeting's rules load no schema."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console

from coopact import services  # a lazy facade: each service loads on first use
from coopact.adapters.mail.transports import NotifyError
from coopact.bootstrap import units, writing
from coopact.contracts.errors import InvalidInput
from coopact.contracts.meeting import Meeting, MeetingForm, parse_proxies
from coopact.entrypoints.cli import flow_runs
from coopact.usecases.decide import decide as decide_once

_PANEL = "Review: how the comité de pilotage met (its minutes)"
_DAY = ["%Y-%m-%d"]

Form = Annotated[
    MeetingForm | None,
    typer.Option(
        "--meeting",
        help="How the committee deliberated: in_person, video or written (default: a written "
        "consultation from the review's opening to the last vote). Given with any vote of the "
        "review; the latest given is the one the minutes state.",
        rich_help_panel=_PANEL,
    ),
]
HeldOn = Annotated[
    dt.datetime | None,
    typer.Option(
        "--meeting-on",
        formats=_DAY,
        rich_help_panel=_PANEL,
        help="The day of the meeting, or the day a written consultation opened.",
    ),
]
ClosedOn = Annotated[
    dt.datetime | None,
    typer.Option(
        "--meeting-closed",
        formats=_DAY,
        rich_help_panel=_PANEL,
        help="The day a written consultation closed (default: the day of the last vote).",
    ),
]
Place = Annotated[
    str | None,
    typer.Option(
        metavar="TEXT", help="Where a meeting in person was held.", rich_help_panel=_PANEL
    ),
]
Chair = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        help="Who chaired, when not the chair the agreement names.",
        rich_help_panel=_PANEL,
    ),
]
Secretary = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        help="Who kept the minutes, when not the secretary the agreement names.",
        rich_help_panel=_PANEL,
    ),
]
Represented = Annotated[
    list[str] | None,
    typer.Option(
        metavar="MEMBER=PROXY",
        help='"MEMBER=PROXY": a member represented at the meeting, and who held the proxy; '
        "repeated.",
        rich_help_panel=_PANEL,
    ),
]


def meeting_of(
    form: MeetingForm | None,
    held_on: dt.datetime | None,
    closed_on: dt.datetime | None,
    place: str | None,
    chair: str | None,
    secretary: str | None,
    represented: list[str] | None,
) -> Meeting | None:
    """The meeting record the options give (None: none given); InvalidInput when the
    proxies are not written MEMBER=PROXY."""
    given = (held_on, closed_on, place, chair, secretary, represented)
    if form is None and not any(given):
        return None
    proxies, problems = parse_proxies(represented or [])
    if problems:
        raise InvalidInput("meeting", problems)
    return Meeting(
        form=form or MeetingForm.written,
        held_on=held_on.date() if held_on else None,
        closed_on=closed_on.date() if closed_on else None,
        place=place, chair=chair, secretary=secretary, represented=proxies,
    )  # fmt: skip


def report(
    reference: str,
    command: Any,
    out: Console,
    err: Console,
    refuse_if_blocked: Callable[[str, str, list[str]], None],
) -> None:
    """Run ``command`` (a Prefect flow run when a server is there, else here) and say where
    the partnership stands after everything it set going: the stage alone on stdout (the
    value), the messages on ``out`` (stderr, so that ``AFTER=$(coopact decide ...)`` holds
    the stage)."""

    if flow_runs.connect(start=False) is not None:
        # A server is there: the decision is a visible Prefect run; who decides and why stay
        # in this process.
        through = flow_runs.decide(command)
        _print_decided(out, reference, through.message, through.stage, through.documents)
        if through.awaiting:
            out.print(f"Awaiting: {through.awaiting}")
        print(through.stage or services.status(units.uow(), reference)[0].stage)
        return
    done = decide_once(command, writing.adapters())
    result, after = done.decision, done.after
    if done.work_error is not None:
        raise done.work_error
    print(done.stage)  # the value on stdout: the stage after everything that ran
    if after is None:
        out.print(f"{reference}: {result.message}")
        _warn_untold(err, done.notice_error)
        return
    _print_decided(out, reference, result.message, after.stage, after.new_documents)
    if after.awaiting:
        out.print(f"Awaiting: {after.awaiting}")
    for warning in after.warnings:
        err.print(f"[yellow]Warning:[/] {warning}")
    refuse_if_blocked(reference, after.stage, after.blocked)


def _warn_untold(err: Console, error: Exception | None) -> None:
    """Those awaited after the exit were not told yet (their mail waits in the queue)."""

    if error is None:
        return
    if not isinstance(error, NotifyError):
        raise error
    err.print(f"[yellow]Warning:[/] {error}")


def _print_decided(
    out: Console, reference: str, message: str, stage: str | None, documents: list[str]
) -> None:
    """Say where the partnership stands after everything the command ran."""
    closed, now = message.partition(": the partnership is now ")[::2]
    if stage is None:
        out.print(f"{reference}: {message}")
    elif now and stage != now:
        out.print(f"{reference}: {closed}: the partnership is now {stage} (through {now})")
    elif now:
        out.print(f"{reference}: {closed}: the partnership is now {stage}")
    else:
        out.print(f"{reference}: {message}; now {stage}")
    for document in documents:
        out.print(f"  new document: {document}")
