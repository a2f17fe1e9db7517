"""`coopact audit verify` and `coopact audit anchor`, and `coopact documents verify FILE`: the
audit chain and the documents checked against it. Read commands: light at the top (wiring,
the lazy services facade), as `status` (:mod:`coopact.entrypoints.cli.main`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coopact import services  # a lazy facade: each service loads on first use
from coopact.adapters.config import settings
from coopact.bootstrap import wiring
from coopact.contracts.errors import InvalidInput, Problem, Refused
from coopact.entrypoints.cli.common import out, ready, reports_errors
from coopact.entrypoints.cli.failures import err
from coopact.services.document_identity import identify_document

if TYPE_CHECKING:
    from coopact.store.reading import ReadOnlyUnitOfWork
    from coopact.store.verification import AuditReport


@reports_errors
def audit_verify(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Check the audit chain against the secret key and every anchor in the anchor log,
    and the tables (decisions, stages, documents, schedule) against the chain: exit 1
    naming each problem, 0 when intact."""

    ready()
    report = services.verify_audit(wiring.reads())  # Core only: no ORM
    if as_json:
        print(
            json.dumps(
                {
                    "intact": not report.problems,
                    "events": report.events,
                    "problems": [str(p) for p in report.problems],
                }
            )
        )
        if report.problems:
            raise typer.Exit(1)
        return
    report_audit(report)


@reports_errors
def audit_anchor() -> None:
    """After a command said the anchor log could not be written: verify everything, then
    anchor the chain's head again (refused, exit 1, when anything else is wrong)."""

    ready()
    anchor_again(wiring.reads())  # Core only: no ORM


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


def anchor_again(uow: ReadOnlyUnitOfWork) -> None:
    """`coopact audit anchor`."""
    with uow:
        anchor = uow.anchor
        if anchor is None:
            raise Refused("no anchor log is configured (COOPACT_ANCHOR_LOG)")
        report = uow.status.anchor_again(uow.keyring, anchor)
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
    if file is None:
        raise InvalidInput("arguments", [Problem("FILE", "documents verify needs a file")])
    try:
        content = file.read_bytes()
    except OSError as error:
        raise InvalidInput(
            "arguments", [Problem(str(file), f"cannot be read ({error.strerror})")]
        ) from None
    sha, versions = identify_document(wiring.reads(), content)  # Core only: no ORM
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


def register(app: typer.Typer) -> None:
    audit = typer.Typer(help="The audit log.", no_args_is_help=True)
    audit.command("verify")(audit_verify)
    audit.command("anchor")(audit_anchor)
    app.add_typer(audit, name="audit")
