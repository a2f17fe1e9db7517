"""The read commands: `status`, `history`, `documents` (and `documents verify FILE`),
`audit verify` and `audit anchor`.

Start-up rule of :mod:`coopact.entrypoints.cli.main`: they answer in about the time Python
takes to import SQLAlchemy, pydantic, typer and rich, so this module imports at its top
only typer, rich and the CLI's light modules; what reads the database is imported inside
the command (wiring, the queries, the store).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from coopact import services  # a lazy facade: each service loads on first use
from coopact.contracts.errors import InvalidInput, Problem
from coopact.entrypoints.cli.common import count_words, out, print_findings, ready, reports_errors


@reports_errors
def status(
    reference: Annotated[str | None, typer.Argument(help="A partnership reference.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Where each partnership stands, what is awaited, the findings and, for one
    partnership, the 14-element method scorecard."""
    from coopact.bootstrap import wiring

    ready()
    if reference is None and not as_json:
        _print_overview(services.overview.overview(wiring.engine()))
        return
    if as_json and reference is None:
        _print_json_list(v.as_json() for v in _collected(services.status_views(wiring.uow())))
        return
    views = services.status(wiring.reads(), reference)  # Core, without the ORM
    if as_json:
        print(json.dumps(views[0].as_json(), ensure_ascii=False, indent=2))
        return
    view = views[0]
    out.print(f"[bold]{view.reference}[/] {view.title}", markup=True)
    out.print(f"Stage: {view.stage}")
    if view.awaiting:
        who = f" (from: {', '.join(view.awaited_from)})" if view.awaited_from else ""
        out.print(f"Awaiting: {view.awaiting}{who}")
    if view.blocked:
        out.print(
            f"Blocked: its gate does not open until these are fixed (`coopact amend`): "
            f"{'; '.join(view.blocked)}",
            markup=False,
        )
    print_findings(view.findings)
    if view.scorecard:
        ratings = [e["rating"] for e in view.scorecard]
        shown = ", ".join(f"{ratings.count(r)} {r}" for r in ("covered", "partial", "absent"))
        out.print(f"Method scorecard ({len(ratings)} elements): {shown} (details: --json)")
    for d in view.documents:
        out.print(f"Document: {d['kind']} v{d['version']} ({d['language']})")
        out.print(f"  sha256 {d['sha256']}", markup=False)
    for item in view.next_dates:
        out.print(f"Next: {item['kind']} {item['subject']} on {item['due_on']}")
    from coopact.entrypoints.cli.lifecycle import print_after_signature

    print_after_signature(out, view)


def _collected(views: Iterable[Any], every: int = 2000) -> Iterable[Any]:
    """``views`` with the cycle collector run once every ``every`` items rather than every
    few hundred allocations (a fifth of the time over 10,000 partnerships), and never over
    what is loaded by now, which lives until the end (frozen: a third of the time)."""
    import gc

    gc.freeze()
    gc.disable()
    try:
        for count, view in enumerate(views, start=1):
            yield view
            if count % every == 0:
                gc.collect()
    finally:
        gc.enable()


def _print_json_list(items: Iterable[Any]) -> None:
    """A JSON array written as it is read, one element a line (thousands of partnerships:
    the memory of one batch, and the fast C encoder, which does not indent)."""
    write = sys.stdout.write
    write("[")
    for index, item in enumerate(items):
        write(("\n" if index == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
    write("\n]\n")


def _print_overview(lines: list[Any]) -> None:
    """One line per partnership, in plain aligned columns (fast for thousands of lines)."""
    if not lines:
        out.print("No partnership yet: register one with `coopact new FILE.yaml`.")
        return
    rows = [
        (
            v.reference,
            v.stage,
            v.awaiting or "-",
            count_words(v.counts),
            ", ".join(f"{n} {state}" for state, n in v.conditions.items()) or "-",
            v.title,
        )
        for v in lines
    ]
    header = ("Reference", "Stage", "Awaiting", "Findings", "Conditions", "Title")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    text = "\n".join(
        "  ".join(cell.ljust(widths[i]) if i < 5 else cell for i, cell in enumerate(r))
        for r in [header, *rows]
    )
    sys.stdout.write(text + "\n")


_NOUNS = {"blocking": ("blocking", "blocking"), "warning": ("warning", "warnings")}


@reports_errors
def history(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """The audit trail of one partnership, oldest first."""
    from rich.markup import escape

    from coopact.bootstrap import wiring
    from coopact.entrypoints.cli.terminal import printable

    ready()
    events = services.history(wiring.reads(), reference)  # Core only: no ORM
    if as_json:
        print(json.dumps(events, ensure_ascii=False, indent=2, default=str))
        return
    for event in events:
        out.print(
            f"[bold]#{event['seq']}[/] {event['at']} UTC  "
            f"[cyan]{event['action']}[/]  by {escape(printable(event['actor']))}",
            highlight=False,
        )
        payload = dict(event["payload"])
        if event["action"] == "decision.recorded":
            from coopact.entrypoints.channels import describe

            channel = payload.pop("channel", None)
            detail = payload.pop("channel_detail", None)
            out.print(f"    channel: {describe(channel, detail)}", markup=False)
        for key, value in payload.items():
            if value is not None:
                out.print(f"    {key}: {printable(value)}", markup=False)


@reports_errors
def audit_verify(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Check the audit chain against the secret key and every anchor in the anchor log,
    and the tables (decisions, stages, documents, schedule) against the chain: exit 1
    naming each problem, 0 when intact."""
    from coopact.bootstrap import wiring
    from coopact.entrypoints.cli.trust import report_audit

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
    from coopact.bootstrap import wiring
    from coopact.entrypoints.cli.trust import anchor_again

    ready()
    anchor_again(wiring.uow())


@reports_errors
def documents(
    reference: Annotated[
        str, typer.Argument(help="A partnership reference, or `verify` followed by a file.")
    ],
    file: Annotated[
        Path | None, typer.Argument(help="With `verify`: the file to check.", show_default=False)
    ] = None,
    export: Annotated[
        Path | None, typer.Option(help="Write the latest version of each document here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Also write a PDF of each Word document (LibreOffice, one process for all), "
            "into --export or ./REF-pdf.",
        ),
    ] = False,
) -> None:
    """Generated documents with their versions and SHA-256 (each re-hashed: an altered one
    is refused). `coopact documents verify FILE` says whether FILE is, byte for byte, a
    version coopact generated: which partnership, kind and version, and whether signed."""
    if reference == "verify":
        from coopact.entrypoints.cli.trust import verify_document

        ready()
        verify_document(file)
        return
    if file is not None:
        raise InvalidInput(
            "arguments", [Problem(str(file), "a file is given only to `documents verify FILE`")]
        )
    from coopact.bootstrap import wiring

    ready()
    rows = services.documents(wiring.reads(), reference)  # Core only: no ORM
    if as_json:
        print(json.dumps([_document_json(d) for d in rows], ensure_ascii=False, indent=2))
    else:
        _print_documents(reference, rows)
    if export is not None:
        _export_latest(rows, export)
    if pdf:
        from coopact.adapters.documents.pdf import export_pdfs  # LibreOffice: only for --pdf

        for written in export_pdfs(rows, export or Path(f"{reference}-pdf")):
            out.print(f"  wrote {written}")


def _document_json(d: Any) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "version": d.version,
        "language": d.language,
        "filename": d.filename,
        "sha256": d.sha256,
        "created_at": d.created_at.isoformat(timespec="seconds"),
    }


def _print_documents(reference: str, rows: list[Any]) -> None:
    if not rows:
        out.print(f"{reference}: no document yet (`coopact advance {reference}` writes them).")
    for d in rows:
        created = d.created_at.isoformat(timespec="seconds")
        out.print(
            f"{d.kind} v{d.version} ({d.language})  {d.filename}  created {created} UTC",
            markup=False,
        )
        out.print(f"  sha256 {d.sha256}", markup=False)


def _export_latest(rows: list[Any], export: Path) -> None:
    """The latest version of each document (kind, language) into ``export``, each file
    written whole or not at all."""
    export.mkdir(parents=True, exist_ok=True)
    latest: dict[tuple[str, str], Any] = {}
    for d in rows:
        latest[(d.kind, d.language)] = d
    for d in latest.values():
        target = export / f"v{d.version}-{d.filename}"
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(d.content)
        tmp.replace(target)
        out.print(f"  wrote {target}")
