"""The read commands: `status`, `history`, `documents` (and `documents verify FILE`).

Start-up rule of :mod:`coopact.entrypoints.cli.main`: they answer in about the time Python
takes to import SQLAlchemy, pydantic, typer and rich. This module is imported only when one
of them runs (:mod:`coopact.entrypoints.cli.registry`), and what it imports at its top is
light: typer, rich, the wiring, the lazy services facade, :mod:`~coopact.entrypoints.cli.audit`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from coopact import services  # a lazy facade: each service loads on first use
from coopact.adapters.documents.pdf import export_pdfs
from coopact.bootstrap import wiring
from coopact.contracts.errors import InvalidInput, Problem
from coopact.entrypoints.channels import describe
from coopact.entrypoints.cli.audit import verify_document
from coopact.entrypoints.cli.common import count_words, out, print_findings, ready, reports_errors
from coopact.entrypoints.cli.terminal import printable
from coopact.entrypoints.document_json import document_json


@reports_errors
def status(
    reference: Annotated[str | None, typer.Argument(help="A partnership reference.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Where each partnership stands, what is awaited, the findings and, for one
    partnership, the 14-element method scorecard."""

    ready()
    if reference is None and not as_json:
        _print_overview(services.overview.overview(wiring.engine()))
        return
    if as_json and reference is None:
        _print_json_list(v.as_json() for v in _collected(services.status_views(wiring.reads())))
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

    _print_after_signature(view)


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
            channel = payload.pop("channel", None)
            detail = payload.pop("channel_detail", None)
            out.print(f"    channel: {describe(channel, detail)}", markup=False)
        for key, value in payload.items():
            if value is not None:
                out.print(f"    {key}: {printable(value)}", markup=False)


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
        ready()
        verify_document(file)
        return
    if file is not None:
        raise InvalidInput(
            "arguments", [Problem(str(file), "a file is given only to `documents verify FILE`")]
        )

    ready()
    rows = services.documents(wiring.reads(), reference)  # Core only: no ORM
    if as_json:
        print(json.dumps([document_json(d) for d in rows], ensure_ascii=False, indent=2))
    else:
        _print_documents(reference, rows)
    if export is not None:
        _export_latest(rows, export)
    if pdf:
        for written in export_pdfs(rows, export or Path(f"{reference}-pdf")):
            out.print(f"  wrote {written}")


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


def _print_after_signature(view: Any) -> None:
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
    for command in (status, history, documents):
        app.command()(command)
