"""Trust commands: `audit verify`'s report, `documents verify FILE`, and decisions asked
for through the Prefect `decide` deployment (`coopact request-decision`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coopact.adapters.config import settings
from coopact.contracts.errors import InvalidInput, Problem, Refused
from coopact.contracts.lifecycle import Gate
from coopact.entrypoints.cli.common import err, out, reports_errors
from coopact.entrypoints.cli.options import (
    Conditions,
    ConditionsFile,
    DecidedOutcome,
    DeciderName,
    DeciderRole,
    DocumentSha256,
    ForPartner,
)

if TYPE_CHECKING:
    from coopact.store.uow import UnitOfWork
    from coopact.store.verification import AuditReport


def report_audit(report: AuditReport) -> None:
    """Print what `audit verify` found; exit 1 when anything is wrong."""
    if report.problems:
        err.print(f"[bold red]Audit verification failed[/]: {len(report.problems)} problem(s).")
        # One print for them all: a thousand prints cost a third of a second.
        err.print("\n".join(f"  - {problem}" for problem in report.problems), markup=False)
        raise typer.Exit(1)
    out.print(f"Audit chain intact: {report.events} events verified.")
    if report.legacy:
        out.print(
            f"  {report.legacy} events written before the keyed chain (this database's migration "
            "history predates it) are checked by SHA-256 only: whoever can write the database "
            "could recompute them."
        )
    if report.anchor_log is not None:
        out.print(f"  {report.anchors} anchors checked ({report.anchor_log}).", markup=False)
        if _beside_the_database(report.anchor_log):
            out.print(
                "  The anchor log lies in COOPACT_HOME, beside the database: against someone "
                "who holds both, point COOPACT_ANCHOR_LOG at other storage.",
                markup=False,
            )
        if report.unanchored:
            out.print(
                f"  [yellow]{report.unanchored} last events are not anchored yet[/] "
                "(written without the anchor log)."
            )
    out.print("  Decisions, stages, documents and schedule agree with the chain.")


def anchor_again(uow: UnitOfWork) -> None:
    """`coopact audit anchor`."""
    with uow:
        anchor = uow.anchor
        if anchor is None:
            raise Refused("no anchor log is configured (COOPACT_ANCHOR_LOG)")
        report = uow.events.anchor_again(uow.keyring, anchor)
    others = [p for p in report.problems if p not in report.coverage]
    if others:
        err.print(
            f"[bold red]Not anchored[/]: {len(others)} problem(s) other than the anchor log's "
            "gap; `coopact audit verify` names them.",
        )
        raise typer.Exit(1)
    if not report.coverage:
        out.print("Every anchored event is in the anchor log: nothing to do.")
        return
    head = report.head
    out.print(
        f"The chain's head (event {head.seq if head else 0}) is anchored again in "
        f"{anchor.path}; the events before it that the log lacked are now covered.",
        markup=False,
    )


def _beside_the_database(anchor_log: Path) -> bool:

    config = settings()
    return config.database_url.startswith("sqlite:") and anchor_log.parent == config.home


def verify_document(file: Path | None) -> None:
    """`coopact documents verify FILE`."""
    from coopact.bootstrap import wiring
    from coopact.services import trust

    if file is None:
        raise InvalidInput("arguments", [Problem("FILE", "documents verify needs a file")])
    try:
        content = file.read_bytes()
    except OSError as error:
        raise InvalidInput(
            "arguments", [Problem(str(file), f"cannot be read ({error.strerror})")]
        ) from None
    sha, versions = trust.identify_document(wiring.uow(), content)
    if not versions:
        out.print(
            f"{file} (sha256 {sha}) is not a version coopact generated: no stored document "
            "has exactly these bytes."
        )
        raise typer.Exit(1)
    for v in versions:
        through = " through its PDF" if v.kind in ("agreement", "avenant") else " against this hash"
        signed = (
            f"signed{through} by {', '.join(v.signed_by)}"
            if v.signed_by
            else "no signature names this version"
        )
        out.print(
            f"{file} is {v.reference} {v.kind} v{v.version} ({v.language}, {v.filename}, "
            f"made {v.created_at} UTC), byte for byte; {signed}.",
            markup=False,
        )
    out.print(f"sha256 {sha}")


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
        from coopact.bootstrap import wiring
        from coopact.contracts import decisions as rules
        from coopact.entrypoints.cli.lifecycle import read_conditions
        from coopact.services import trust

        conditions = read_conditions(condition or [], conditions_file)
        wiring.ensure_ready()
        decider = rules.Decider(person, role, partner)
        request_id = trust.request_decision(
            wiring.uow(), reference, gate, decider, outcome, reason,
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
        from coopact.store.keys import rotate

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
