"""The `coopact` command line: translates input and errors, nothing more.

Exit codes: 0 done, 1 refused (a rule, a lifecycle move, a conflict), 2 invalid input.
Errors are printed as sentences, never as tracebacks.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from contracts import decisions as rules
from contracts.errors import CoopactError, InvalidInput, Refused
from contracts.lifecycle import Gate, Outcome
from coopact import services, wiring
from coopact.config import prepare_prefect_environment, settings
from coopact.loading import load_file, load_mapping

app = typer.Typer(
    name="coopact",
    help="Impact partnerships from a shared vision to a signed agreement and periodic reviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])
ACTOR = "cli"


def reports_errors(command: F) -> F:
    """Turn coopact's errors into a message and an exit code; never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidInput as error:
            err.print(f"[bold red]Invalid input[/] {error.message}:")
            for problem in error.problems:
                err.print(f"  - {problem}", markup=False)
            raise typer.Exit(2) from None
        except CoopactError as error:
            err.print(f"[bold red]Refused:[/] {error.message}")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _ready() -> None:
    wiring.ensure_ready()
    from coopact.template_lint import ensure_templates  # docx is imported only here

    ensure_templates(settings().templates, settings().home)


@app.command()
@reports_errors
def init() -> None:
    """Create the database, or migrate it to the current schema."""
    from store.migrate import current_revision, head_revision, upgrade

    before = current_revision(wiring.engine())
    upgrade(wiring.engine())
    where = wiring.engine().url.render_as_string(hide_password=True)
    if before == head_revision():
        out.print(f"Database already up to date ({where}).")
    else:
        out.print(f"Database ready at revision {head_revision()} ({where}).")


@app.command()
@reports_errors
def new(
    file: Annotated[Path, typer.Argument(help="The partnership file (YAML).")],
) -> None:
    """Validate a partnership file and register it; print its reference.

    The same file twice registers one partnership. A different file with the reference of
    a registered partnership is refused, naming what differs.
    """
    partnership = load_file(file)
    _ready()
    result = services.register(wiring.uow(), partnership, actor=ACTOR)
    if result.created:
        out.print(f"Registered {result.reference} (stage draft).")
    else:
        out.print(f"{result.reference} is already registered with this same file; nothing changed.")
    out.print(result.reference, markup=False)


@app.command()
@reports_errors
def amend(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    file: Annotated[Path, typer.Argument(help="The corrected partnership file (YAML).")],
) -> None:
    """Correct the file of a partnership not yet signed; it goes back to draft, and every
    gate is decided again on the corrected file."""
    partnership = load_file(file)
    _ready()
    changed = services.amend(wiring.uow(), reference, partnership, actor=ACTOR)
    if not changed:
        out.print(f"{reference}: the file is unchanged; nothing to do.")
        return
    out.print(f"{reference} amended ({len(changed)} fields changed); back to draft.")
    for path in changed[:20]:
        out.print(f"  changed: {path}", markup=False)
    out.print(f"Next: coopact advance {reference}")


@app.command()
@reports_errors
def status(
    reference: Annotated[str | None, typer.Argument(help="A partnership reference.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Where each partnership stands, what is awaited, the findings and, for one
    partnership, the 14-element method scorecard."""
    _ready()
    views = services.status(wiring.uow(), reference)
    if as_json:
        payload = [v.as_json() for v in views]
        print(json.dumps(payload[0] if reference else payload, ensure_ascii=False, indent=2))
        return
    if not views:
        out.print("No partnership yet: register one with `coopact new FILE.yaml`.")
        return
    if reference is None:
        table = Table("Reference", "Title", "Stage", "Awaiting", "Findings")
        for v in views:
            counts = _finding_counts(v.findings)
            table.add_row(v.reference, v.title, v.stage, v.awaiting or "-", counts)
        out.print(table)
        return
    view = views[0]
    out.print(f"[bold]{view.reference}[/] {view.title}", markup=True)
    out.print(f"Stage: {view.stage}")
    if view.awaiting:
        who = f" (from: {', '.join(view.awaited_from)})" if view.awaited_from else ""
        out.print(f"Awaiting: {view.awaiting}{who}")
    if view.findings:
        out.print(f"Findings ({_finding_counts(view.findings)}):")
        colour = {"blocking": "red", "warning": "yellow", "info": "blue"}
        for f in view.findings:
            where = f" at {f['path']}" if f["path"] else ""
            out.print(
                f"  [{colour.get(f['severity'], 'white')}]{f['severity']}[/] {f['code']}{where}"
            )
            out.print(f"      {f['message']}", markup=False)
    if view.scorecard:
        ratings = [e["rating"] for e in view.scorecard]
        shown = ", ".join(f"{ratings.count(r)} {r}" for r in ("covered", "partial", "absent"))
        out.print(f"Method scorecard ({len(ratings)} elements): {shown} (details: --json)")
    for d in view.documents:
        out.print(
            f"Document: {d['kind']} v{d['version']} ({d['language']}) sha256 {d['sha256'][:16]}…"
        )
    for item in view.next_dates:
        out.print(f"Next: {item['kind']} {item['subject']} on {item['due_on']}")


def _finding_counts(findings: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    return ", ".join(f"{n} {s}" for s, n in counts.items()) or "-"


@app.command()
@reports_errors
def history(reference: Annotated[str, typer.Argument(help="A partnership reference.")]) -> None:
    """The audit trail of one partnership, oldest first."""
    _ready()
    for event in services.history(wiring.uow(), reference):
        out.print(
            f"[bold]#{event['seq']}[/] {event['at']} UTC  "
            f"[cyan]{event['action']}[/]  by {event['actor']}",
            highlight=False,
        )
        payload = dict(event["payload"])
        if event["action"] == "decision.recorded":
            from coopact.channels import describe

            channel = payload.pop("channel", None)
            detail = payload.pop("channel_detail", None)
            out.print(f"    channel: {describe(channel, detail)}", markup=False)
        for key, value in payload.items():
            if value is not None:
                out.print(f"    {key}: {value}", markup=False)


@audit_app.command("verify")
@reports_errors
def audit_verify() -> None:
    """Check the audit chain: exit 1 naming the first broken event, 0 when intact."""
    _ready()
    count, broken = services.verify_audit(wiring.uow())
    if broken is not None:
        err.print(f"[bold red]Audit chain broken[/] at event {broken.seq}: {broken.reason}")
        raise typer.Exit(1)
    out.print(f"Audit chain intact: {count} events verified.")


@app.command()
@reports_errors
def advance(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    today: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Run as of this date.")
    ] = None,
) -> None:
    """Run the automatic work up to the next gate (a Prefect flow run)."""
    _ready()
    prepare_prefect_environment()
    from flows.lifecycle import REFUSED, advance_partnership

    with err.status(f"Running the automatic work of {reference}…"):
        state = advance_partnership(reference, today.date() if today else None, return_state=True)
    if state.name == REFUSED:
        raise Refused(state.message or "refused")
    result = state.result()
    out.print(f"{reference}: {result['stage_before']} -> {result['stage']}")
    for document in result["documents"]:  # type: ignore[union-attr]
        out.print(f"  new document: {document}")
    if result["awaiting"]:
        out.print(f"Awaiting: {result['awaiting']}")
    for warning in result.get("warnings", []):
        err.print(f"[yellow]Warning:[/] {warning}")


@app.command()
@reports_errors
def decide(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    gate: Annotated[Gate, typer.Argument(help="The gate decided.")],
    person: Annotated[str, typer.Option("--as", help="Who decides, as named in the file.")],
    role: Annotated[rules.Role, typer.Option(help="The role the person decides in.")],
    outcome: Annotated[Outcome, typer.Option(help="The decision.")],
    reason: Annotated[str, typer.Option(help="Why: kept in the audit trail.")],
    partner: Annotated[
        str | None, typer.Option("--for", help="Partner key the decision is taken for.")
    ] = None,
    document_sha256: Annotated[
        str | None,
        typer.Option("--document-sha256", help="SHA-256 of the agreement signed or approved."),
    ] = None,
) -> None:
    """Record a decision at the open gate (who, role, outcome, reason)."""
    _ready()
    decider = rules.Decider(person, role, partner)
    result = services.decide(
        wiring.uow(),
        reference,
        gate,
        decider,
        outcome,
        reason,
        document_sha256=document_sha256,
        channel=services.decisions.cli_channel(),
    )
    out.print(f"{reference}: {result.message}")
    if result.gate_closed:
        after = services.advance(
            wiring.uow(),
            reference,
            templates=settings().templates,
            transport=wiring.transport(),
            signature=wiring.signature_provider(),
        )
        if after.awaiting:
            out.print(f"Awaiting: {after.awaiting}")


@app.command()
@reports_errors
def documents(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    export: Annotated[
        Path | None, typer.Option(help="Write the latest version of each document here.")
    ] = None,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Also write a PDF of each Word document (LibreOffice, one process for all), "
            "into --export or ./REF-pdf.",
        ),
    ] = False,
) -> None:
    """Generated documents with their versions and SHA-256."""
    _ready()
    rows = services.documents(wiring.uow(), reference)
    table = Table("Kind", "Version", "Lang", "File", "SHA-256", "Created (UTC)")
    for d in rows:
        table.add_row(
            d.kind,
            str(d.version),
            d.language,
            d.filename,
            d.sha256,
            d.created_at.isoformat(timespec="seconds"),
        )
    out.print(table)
    if export is not None:
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
    if pdf:
        from coopact.pdf import export_pdfs

        for written in export_pdfs(rows, export or Path(f"{reference}-pdf")):
            out.print(f"  wrote {written}")


@app.command("review-due")
@reports_errors
def review_due(
    today: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Run as of this date.")
    ] = None,
) -> None:
    """Open the Go/noGo reviews that are due (a Prefect flow run)."""
    _ready()
    prepare_prefect_environment()
    from flows.lifecycle import review_due as review_flow

    opened = review_flow(today.date() if today else None)
    if not opened or not isinstance(opened, list):
        out.print("No review is due.")
        return
    for reference in opened:
        out.print(
            f"Review opened for {reference}: the comité de pilotage decides "
            "go, go_with_conditions or no_go."
        )


@app.command("review-answers")
@reports_errors
def review_answers(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    file: Annotated[Path, typer.Argument(help="The review's health check (YAML).")],
) -> None:
    """Record the health check of the open Go/noGo review, then write the review report.

    The answers are checked against the partnership (partners, milestones, rituals);
    every problem is listed with its field path.
    """
    data = load_mapping(file)
    _ready()
    services.record_review_answers(wiring.uow(), reference, data, actor=ACTOR)
    out.print(f"{reference}: health check recorded.")
    result = services.advance(wiring.uow(), reference, templates=settings().templates)
    for summary in result.summaries:
        out.print(f"  {summary}")
    for document in result.new_documents:
        out.print(f"  new document: {document}")
    if result.awaiting:
        out.print(f"Awaiting: {result.awaiting}")


@app.command()
@reports_errors
def serve(
    review_cron: Annotated[
        str, typer.Option(help="When the review-due deployment runs (cron, Europe/Paris).")
    ] = "0 6 * * *",
) -> None:
    """Serve the deployments: advance-partnership, decide (a form in the Prefect UI) and
    review-due on its schedule. Needs a Prefect server (PREFECT_API_URL)."""
    _ready()
    prepare_prefect_environment()
    from flows.deployments import serve_all

    out.print("Serving advance-partnership, decide and review-due; Ctrl+C to stop.")
    serve_all(review_cron)


@app.command()
@reports_errors
def webhooks(
    host: Annotated[
        str, typer.Option(help="Address to listen on (behind an HTTPS proxy).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
) -> None:
    """Hear DocuSeal's webhooks on POST /webhooks/docuseal and record the signatures.

    Needs COOPACT_DOCUSEAL_URL, COOPACT_DOCUSEAL_TOKEN and COOPACT_DOCUSEAL_WEBHOOK_SECRET
    (the value DocuSeal sends in the COOPACT_DOCUSEAL_WEBHOOK_HEADER header).
    """
    import logging

    from coopact.webhook_server import PATH, make_server

    _ready()
    provider = wiring.docuseal()

    def set_up_governance(reference: str) -> None:
        services.advance(
            wiring.uow(), reference, templates=settings().templates, transport=wiring.transport()
        )

    server = make_server(host, port, provider, wiring.uow, after_signed=set_up_governance)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    bound_host, bound_port = server.server_address[:2]
    out.print(f"Listening on http://{bound_host!s}:{bound_port}{PATH}; Ctrl+C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@app.command()
@reports_errors
def demo(
    home: Annotated[
        Path, typer.Option(help="A folder of its own for the demo; emptied first.")
    ] = Path("demo"),
) -> None:
    """Run a whole lifecycle on the example partnership, on embedded defaults."""
    from coopact import demo as demo_module

    report = demo_module.run(home, out)
    out.print()
    out.print(f"[bold]Demo finished[/]: {report.reference} went through {len(report.steps)} steps.")
    out.print(f"  database and Prefect home: {report.home}")
    out.print(f"  mail outbox (.eml):        {report.home / 'outbox'}")
    out.print(f"  documents:                 {report.home / 'documents'}")
    for path in report.exported:
        out.print(f"    {path.name}")
    command = Path(sys.argv[0]) if Path(sys.argv[0]).name == "coopact" else "coopact"
    out.print(f"Try: COOPACT_HOME={report.home} {command} status {report.reference}", markup=False)


from coopact import cli_web  # noqa: E402

cli_web.register(app)


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
