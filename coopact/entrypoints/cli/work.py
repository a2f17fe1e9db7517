"""The commands that change a partnership: `new`, `amend`, `decide` (`advance`, a flow run,
is in :mod:`~coopact.entrypoints.cli.runs`).

Loaded when one of them runs or shows its help (:mod:`coopact.entrypoints.cli.registry`):
loading, wiring and the use cases at the top; Prefect only when a flow runs
(:mod:`coopact.entrypoints.cli.flow_runs`), the document stack only once the command runs
(:func:`~coopact.entrypoints.cli.common.ready`), so that `decide --help` loads neither.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from coopact import services  # a lazy facade: each service loads on first use
from coopact.adapters.config import settings
from coopact.adapters.loading import load_file
from coopact.adapters.mail.transports import NotifyError
from coopact.bootstrap import units, writing
from coopact.contracts import deciders
from coopact.contracts.errors import Refused
from coopact.contracts.formatting import plural
from coopact.contracts.lifecycle import Gate
from coopact.entrypoints.cli import decide as cli_decide
from coopact.entrypoints.cli.common import ACTOR, print_findings, ready, reports_errors
from coopact.entrypoints.cli.decide import meeting_of, report
from coopact.entrypoints.cli.failures import err
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
from coopact.services.decision_record import Decide


@reports_errors
def new(
    file: Annotated[Path, typer.Argument(help="The partnership file (YAML).")],
) -> None:
    """Validate a partnership file and register it; print its reference.

    The same file twice registers one partnership. A different file with the reference of
    a registered partnership is refused, naming what differs. Only the reference goes to
    stdout (REF=$(coopact new f.yaml)); the messages and findings go to stderr.
    """

    partnership = load_file(file)
    ready()
    result = services.register(units.uow(), partnership, actor=ACTOR)
    if result.created:
        err.print(f"Registered {result.reference} (stage draft).")
    else:
        err.print(f"{result.reference} is already registered with this same file; nothing changed.")
    findings = services.status(units.uow(), result.reference)[0].findings
    print_findings(findings, to_fix=True, to=err)
    print(result.reference)


@reports_errors
def amend(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    file: Annotated[Path, typer.Argument(help="The corrected partnership file (YAML).")],
    effective_on: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Effective date of an avenant (default today)."),
    ] = None,
    decision: Annotated[
        str | None,
        typer.Option(
            help="The decision behind an avenant, cited in it (e.g. « la proposition du "
            "comité de pilotage du 15 janvier 2028 »)."
        ),
    ] = None,
) -> None:
    """Correct the file of a partnership not yet signed; it goes back to draft, and every
    gate is decided again on the corrected file. A signed or active partnership changes by
    an avenant instead: legal approval (amendment_approval), then its own signatures
    (amendment_signature); the agreement stays as signed. While the renewal is under way,
    the file gives the terms of the new term, carried by the avenant de renouvellement."""

    partnership = load_file(file)
    ready(writes_documents=True)
    changed = services.amend(
        units.uow(), reference, partnership, actor=ACTOR,
        effective_on=effective_on.date() if effective_on else None, decision=decision,
    )  # fmt: skip
    if not changed:
        err.print(f"{reference}: the file is unchanged; nothing to do.")
        print(services.status(units.uow(), reference)[0].stage)
        return
    _report_amended(reference, changed)


def _report_amended(reference: str, changed: list[str]) -> None:
    """Say what the amendment made of the partnership: an avenant drafted, the new term's
    terms set, or the file back to draft; the stage alone on stdout."""

    view = services.status(units.uow(), reference)[0]
    if view.stage == "amending":
        avenant = view.avenants[-1]
        err.print(
            f"{reference}: avenant n° {avenant['number']} drafted ({plural(len(changed), 'field')} "
            f"changed, effective {avenant['effective_on']}); awaiting {view.awaiting}."
        )
        for path in changed[:20]:
            err.print(f"  changed: {path}", markup=False)
        notify_open_gate(reference)  # the legal officers are told the avenant awaits them
        print(view.stage)
        return
    if view.stage == "in_renewal":
        err.print(
            f"{reference}: terms of the new term set ({plural(len(changed), 'field')} "
            f"changed); the avenant de renouvellement carries them once every partner renews."
        )
        print(view.stage)
        return
    err.print(f"{reference} amended ({plural(len(changed), 'field')} changed); back to draft.")
    for path in changed[:20]:
        err.print(f"  changed: {path}", markup=False)
    print_findings(services.status(units.uow(), reference)[0].findings, to_fix=True)
    err.print(f"Next: coopact advance {reference}")
    print(view.stage)


def refuse_if_blocked(reference: str, stage: str, blocked: list[str]) -> None:
    """The work is stored, but blocking findings keep the gate from opening: exit 1 with
    what to fix (never "awaiting" a decision on a document that was not written)."""
    if not blocked:
        return

    shown = "; ".join(blocked[:5]) + (" ..." if len(blocked) > 5 else "")
    raise Refused(
        f"{reference} stays {stage}: {plural(len(blocked), 'blocking finding')} keep its gate "
        f"from opening and its document from being written ({shown}). See `coopact status "
        f"{reference}`, correct the file with `coopact amend {reference} FILE`, then run "
        f"`coopact advance {reference}` again"
    )


@reports_errors
def decide(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    gate: Annotated[Gate, typer.Argument(help="The gate decided.")],
    person: DeciderName,
    role: DeciderRole,
    outcome: DecidedOutcome,
    reason: Annotated[str, typer.Option(help="Why: kept in the audit trail.")],
    partner: ForPartner = None,
    document_sha256: DocumentSha256 = None,
    condition: Conditions = None,
    conditions_file: ConditionsFile = None,
    meeting: cli_decide.Form = None,
    meeting_on: cli_decide.HeldOn = None,
    meeting_closed: cli_decide.ClosedOn = None,
    place: cli_decide.Place = None,
    chair: cli_decide.Chair = None,
    secretary: cli_decide.Secretary = None,
    represented: cli_decide.Represented = None,
) -> None:
    """Record a decision at the open gate (who, role, outcome, reason); print the stage after.

    At the review gate each member of the comité de pilotage votes; the review closes under
    the agreement's decision rule, or, on a deadlock, with the outcome a partnership officer
    records for the deadlock procedure (--role partnership_officer).

    With a vote of the review, --meeting and the options below it say how the committee
    deliberated (a meeting in person or by video conference, or a written consultation),
    who chaired and kept the minutes, and who was represented: the minutes state them.

    A Prefect flow run whenever a Prefect server is there (PREFECT_API_URL, or the local
    server running); who decides and why never leave this process for Prefect."""

    ready(writes_documents=True)
    command = Decide(
        reference, gate, deciders.Decider(person, role, partner), outcome, reason,
        document_sha256=document_sha256, channel=services.decisions.cli_channel(),
        conditions=tuple(read_conditions(condition or [], conditions_file)),
        meeting=meeting_of(meeting, meeting_on, meeting_closed, place, chair, secretary,
                           represented),
    )  # fmt: skip
    report(reference, command, err, err, refuse_if_blocked)


def notify_open_gate(reference: str) -> None:
    """Tell those who must act at the gate now open, when no stage work follows (the exit's
    acknowledgement, an avenant's legal approval)."""

    transport = writing.transport()
    if transport is None:
        return
    try:
        services.notify_gate(units.uow(), reference, transport, templates=settings().templates)
    except NotifyError as error:
        err.print(f"[yellow]Warning:[/] {error.message}")


def register(app: typer.Typer) -> None:
    for command in (new, amend, decide):
        app.command()(command)
