"""The `coopact` command line: translates input and errors, nothing more.

Exit codes (:mod:`coopact.entrypoints.boundary`): 0 done, 1 refused (a rule, a lifecycle move, a
conflict), 2 invalid input, 3 environment or configuration (database, COOPACT_HOME, disk,
Prefect server), 4 unexpected (a correlation id on the terminal, the traceback in
COOPACT_HOME/logs/errors.log; on the terminal only with ``--debug``). Never a traceback
otherwise.

Start-up rule (every ``cli_<topic>`` module too): `coopact --help`, `--version` and the read
commands (`status`, `history`, `documents`, `audit verify`) must answer in about the time
Python takes to import SQLAlchemy, pydantic, typer and rich. So at module top import only
typer, rich, :mod:`coopact.entrypoints.boundary`, :mod:`coopact.adapters.config` and the light enums
of ``contracts`` (lifecycle, roles); import services, wiring, loading, flows and anything
that pulls Prefect, matplotlib, docxtpl/docx, jinja2, httpx or Alembic *inside* the command
function that needs it. ``tests/integration/test_cli_startup.py`` fails when `--help` or
`status` imports Prefect, matplotlib or the document stack, or when `--help`, `status`,
`history`, `documents` or `audit verify` load the partnership schema or pydantic (typer
coerces plain values without pydantic: :mod:`coopact.entrypoints.cli.coercion`). New commands go in
``coopact/cli_<topic>.py`` exposing ``register(app)``, decorated with
:func:`reports_errors`, and are registered at the end of this module.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from coopact.contracts.lifecycle import Gate
from coopact.entrypoints import boundary
from coopact.entrypoints.cli import coercion as cli_coercion
from coopact.entrypoints.cli import decide as cli_decide
from coopact.entrypoints.cli import streams as cli_streams
from coopact.entrypoints.cli.options import (
    Conditions,
    ConditionsFile,
    DecidedOutcome,
    DeciderName,
    DeciderRole,
    DocumentSha256,
    ForPartner,
)

cli_coercion.install()  # typer's pydantic coercion only for values that need it
cli_streams.hide_flag_types()  # `--json`, not `--json <bool>`

app = typer.Typer(
    name="coopact",
    help="Impact partnerships from a shared vision to a signed agreement and periodic reviews.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish)
    pretty_exceptions_enable=False,
)
audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")

# The value a command gives goes to `out` (stdout), messages for the person to `err`
# (stderr): see coopact.entrypoints.cli.streams.
out: Console = cli_streams.stdout_console()
err = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])
ACTOR = "cli"
_options = {"debug": False}


def _version(value: bool) -> None:
    if value:
        from coopact import __version__

        print(f"coopact {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    debug: Annotated[
        bool,
        typer.Option("--debug", help="On an unexpected error, print the traceback too (exit 4)."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Impact partnerships from a shared vision to a signed agreement and periodic reviews.

    Exit codes: 0 done, 1 refused, 2 invalid input, 3 environment or configuration problem
    (database, COOPACT_HOME, disk, Prefect server), 4 unexpected error (its traceback is
    written to COOPACT_HOME/logs/errors.log with the correlation id shown).
    """
    _options["debug"] = debug


def _debugging() -> bool:
    return _options["debug"] or os.environ.get("COOPACT_DEBUG", "") not in ("", "0")


def show_failure(error: BaseException) -> int:
    """Print the boundary's paragraph for ``error`` on stderr; return its exit code."""
    verdict = boundary.report(error)
    from rich.markup import escape

    err.print(f"[bold red]{verdict.title}:[/] {escape(verdict.message)}", markup=True)
    for detail in verdict.details:
        err.print(f"  - {detail}", markup=False)
    err.print(f"(exit {verdict.code}: {boundary.MEANING.get(verdict.code, 'failure')})")
    if verdict.code == boundary.UNEXPECTED and _debugging():
        import traceback

        err.print("".join(traceback.format_exception(error)), markup=False)
    return verdict.code


def reports_errors(command: F) -> F:
    """Every failure of ``command`` becomes one paragraph and an exit code (see
    :mod:`coopact.entrypoints.boundary`); never a traceback unless --debug."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BaseException as error:
            if cli_streams.is_closed_pipe(error):  # `coopact status --json | head -1`
                cli_streams.silence_stdout()
                raise typer.Exit(0) from None
            raise typer.Exit(show_failure(error)) from None

    return wrapper  # type: ignore[return-value]


def _ready(*, writes_documents: bool = False) -> None:
    """The database is at the current schema; for a command that may write documents, the
    templates folder (COOPACT_TEMPLATES) is complete and safe too. Read-only commands check
    no template: they import no document stack and write nothing."""
    from coopact.bootstrap import wiring

    wiring.ensure_ready()
    if writes_documents:
        from coopact.adapters import settings as configuration
        from coopact.adapters.config import settings

        configuration.load()  # every setting valid, or exit 3 naming it
        from coopact.stages.template_lint import ensure_templates  # docx is imported only here

        ensure_templates(settings().templates, settings().home)


@app.command()
@reports_errors
def init() -> None:
    """Create the database, or migrate it to the current schema."""
    from coopact.bootstrap import wiring
    from coopact.store.migrate import current_revision, head_revision, upgrade

    before = current_revision(wiring.engine())
    upgrade(wiring.engine())
    where = wiring.engine().url.render_as_string(hide_password=True)
    if before == head_revision():
        err.print(f"Database already up to date ({where}).")
    else:
        err.print(f"Database ready at revision {head_revision()} ({where}).")


@app.command()
@reports_errors
def new(
    file: Annotated[Path, typer.Argument(help="The partnership file (YAML).")],
) -> None:
    """Validate a partnership file and register it; print its reference.

    The same file twice registers one partnership. A different file with the reference of
    a registered partnership is refused, naming what differs. Only the reference goes to
    stdout (REF=$(coopact new f.yaml)); the messages and findings go to stderr.
    """
    from coopact import services
    from coopact.adapters.loading import load_file
    from coopact.bootstrap import wiring

    partnership = load_file(file)
    _ready()
    result = services.register(wiring.uow(), partnership, actor=ACTOR)
    if result.created:
        err.print(f"Registered {result.reference} (stage draft).")
    else:
        err.print(f"{result.reference} is already registered with this same file; nothing changed.")
    findings = services.status(wiring.uow(), result.reference)[0].findings
    _print_findings(findings, to_fix=True, to=err)
    print(result.reference)


@app.command()
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
    from coopact import services
    from coopact.adapters.loading import load_file
    from coopact.bootstrap import wiring

    partnership = load_file(file)
    _ready(writes_documents=True)
    changed = services.amend(
        wiring.uow(), reference, partnership, actor=ACTOR,
        effective_on=effective_on.date() if effective_on else None, decision=decision,
    )  # fmt: skip
    if not changed:
        err.print(f"{reference}: the file is unchanged; nothing to do.")
        print(services.status(wiring.uow(), reference)[0].stage)
        return
    _report_amended(reference, changed)


def _report_amended(reference: str, changed: list[str]) -> None:
    """Say what the amendment made of the partnership: an avenant drafted, the new term's
    terms set, or the file back to draft; the stage alone on stdout."""
    from coopact import services
    from coopact.bootstrap import wiring
    from coopact.contracts.formatting import plural

    view = services.status(wiring.uow(), reference)[0]
    if view.stage == "amending":
        avenant = view.avenants[-1]
        err.print(
            f"{reference}: avenant n° {avenant['number']} drafted ({plural(len(changed), 'field')} "
            f"changed, effective {avenant['effective_on']}); awaiting {view.awaiting}."
        )
        for path in changed[:20]:
            err.print(f"  changed: {path}", markup=False)
        _notify_open_gate(reference)  # the legal officers are told the avenant awaits them
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
    _print_findings(services.status(wiring.uow(), reference)[0].findings, to_fix=True)
    err.print(f"Next: coopact advance {reference}")
    print(view.stage)


@app.command()
@reports_errors
def status(
    reference: Annotated[str | None, typer.Argument(help="A partnership reference.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Where each partnership stands, what is awaited, the findings and, for one
    partnership, the 14-element method scorecard."""
    from coopact import services
    from coopact.bootstrap import wiring

    _ready()
    if reference is None and not as_json:
        _print_overview(services.overview(wiring.engine()))
        return
    if as_json and reference is None:
        _print_json_list(v.as_json() for v in _collected(services.status_views(wiring.uow())))
        return
    views = services.status(wiring.uow(), reference)
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
    _print_findings(view.findings)
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
            _count_words(v.counts),
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


def _finding_counts(findings: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    return _count_words(counts)


def _count_words(counts: dict[str, int]) -> str:
    """``{"warning": 1, "blocking": 2}`` -> ``"1 warning, 2 blocking"``; ``"-"`` for none."""
    from coopact.contracts.formatting import plural

    words = [plural(n, *_NOUNS.get(s, (s, f"{s}s"))) for s, n in counts.items() if n]
    return ", ".join(words) or "-"


def _print_findings(
    findings: list[dict[str, Any]], *, to_fix: bool = False, to: Console = out
) -> None:
    """The findings with their field paths; those that will block at a later stage say so."""
    if not findings:
        return
    heading = "To fix before it blocks" if to_fix else "Findings"
    to.print(f"{heading} ({_finding_counts(findings)}):")
    colour = {"blocking": "red", "warning": "yellow", "info": "blue"}
    for f in findings:
        where = f" at {f['path']}" if f["path"] else ""
        later = f" (blocks at {f['blocks_at']})" if f.get("blocks_at") else ""
        to.print(
            f"  [{colour.get(f['severity'], 'white')}]{f['severity']}[/] {f['code']}{where}{later}"
        )
        to.print(f"      {f['message']}", markup=False)


@app.command()
@reports_errors
def history(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """The audit trail of one partnership, oldest first."""
    from rich.markup import escape

    from coopact import services
    from coopact.bootstrap import wiring
    from coopact.entrypoints.cli.terminal import printable

    _ready()
    events = services.history(wiring.uow(), reference)
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


@audit_app.command("verify")
@reports_errors
def audit_verify(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Check the audit chain against the secret key and every anchor in the anchor log,
    and the tables (decisions, stages, documents, schedule) against the chain: exit 1
    naming each problem, 0 when intact."""
    from coopact import services
    from coopact.bootstrap import wiring
    from coopact.entrypoints.cli.trust import report_audit

    _ready()
    report = services.verify_audit(wiring.uow())
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


@audit_app.command("anchor")
@reports_errors
def audit_anchor() -> None:
    """After a command said the anchor log could not be written: verify everything, then
    anchor the chain's head again (refused, exit 1, when anything else is wrong)."""
    from coopact.bootstrap import wiring
    from coopact.entrypoints.cli.trust import anchor_again

    _ready()
    anchor_again(wiring.uow())


@app.command()
@reports_errors
def advance(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    today: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Run as of this date.")
    ] = None,
) -> None:
    """Run the automatic work up to the next gate; print the stage reached (a Prefect flow
    run; without PREFECT_API_URL, on the local Prefect server of COOPACT_HOME, started on
    first need).

    A terminated or closed partnership has none: refused (exit 1)."""
    _ready(writes_documents=True)
    from coopact.bootstrap import wiring
    from coopact.entrypoints.cli import flow_runs
    from coopact.services.work import check_advanceable

    check_advanceable(wiring.uow(), reference, actor=ACTOR)

    with err.status(f"Running the automatic work of {reference}…"):
        result = flow_runs.advance(reference, today.date() if today else None)
    err.print(f"{reference}: {result['stage_before']} -> {result['stage']}")
    for document in result["documents"]:
        err.print(f"  new document: {document}")
    if result["awaiting"]:
        err.print(f"Awaiting: {result['awaiting']}")
    for warning in result.get("warnings", []):
        err.print(f"[yellow]Warning:[/] {warning}")
    print(result["stage"])  # the value: STAGE=$(coopact advance REF)
    _refuse_if_blocked(reference, result["stage"], result.get("blocked") or [])


def _refuse_if_blocked(reference: str, stage: str, blocked: list[str]) -> None:
    """The work is stored, but blocking findings keep the gate from opening: exit 1 with
    what to fix (never "awaiting" a decision on a document that was not written)."""
    if not blocked:
        return
    from coopact.contracts.errors import Refused
    from coopact.contracts.formatting import plural

    shown = "; ".join(blocked[:5]) + (" ..." if len(blocked) > 5 else "")
    raise Refused(
        f"{reference} stays {stage}: {plural(len(blocked), 'blocking finding')} keep its gate "
        f"from opening and its document from being written ({shown}). See `coopact status "
        f"{reference}`, correct the file with `coopact amend {reference} FILE`, then run "
        f"`coopact advance {reference}` again"
    )


@app.command()
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
    from coopact import services
    from coopact.contracts import decisions as rules
    from coopact.entrypoints.cli.decide import meeting_of, report
    from coopact.entrypoints.cli.lifecycle import read_conditions
    from coopact.usecases.decide import Decide

    _ready(writes_documents=True)
    command = Decide(
        reference, gate, rules.Decider(person, role, partner), outcome, reason,
        document_sha256=document_sha256, channel=services.decisions.cli_channel(),
        conditions=tuple(read_conditions(condition or [], conditions_file)),
        meeting=meeting_of(meeting, meeting_on, meeting_closed, place, chair, secretary,
                           represented),
    )  # fmt: skip
    report(reference, command, err, err, _refuse_if_blocked)


def _notify_open_gate(reference: str) -> None:
    """Tell those who must act at the gate now open, when no stage work follows (the exit's
    acknowledgement, an avenant's legal approval)."""
    from coopact import services
    from coopact.adapters.config import settings
    from coopact.adapters.mail.notify import NotifyError
    from coopact.bootstrap import wiring

    transport = wiring.transport()
    if transport is None:
        return
    try:
        services.notify_gate(wiring.uow(), reference, transport, templates=settings().templates)
    except NotifyError as error:
        err.print(f"[yellow]Warning:[/] {error.message}")


@app.command()
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

        _ready()
        verify_document(file)
        return
    if file is not None:
        from coopact.contracts.errors import InvalidInput, Problem

        raise InvalidInput(
            "arguments", [Problem(str(file), "a file is given only to `documents verify FILE`")]
        )
    from coopact import services
    from coopact.bootstrap import wiring

    _ready()
    rows = services.documents(wiring.uow(), reference)
    if as_json:
        payload = [
            {
                "kind": d.kind,
                "version": d.version,
                "language": d.language,
                "filename": d.filename,
                "sha256": d.sha256,
                "created_at": d.created_at.isoformat(timespec="seconds"),
            }
            for d in rows
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        if not rows:
            out.print(f"{reference}: no document yet (`coopact advance {reference}` writes them).")
        for d in rows:
            created = d.created_at.isoformat(timespec="seconds")
            out.print(
                f"{d.kind} v{d.version} ({d.language})  {d.filename}  created {created} UTC",
                markup=False,
            )
            out.print(f"  sha256 {d.sha256}", markup=False)
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
        from coopact.adapters.documents.pdf import export_pdfs

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

    _ready(writes_documents=True)
    from rich.progress import Progress

    from coopact.entrypoints.cli import flow_runs

    written = [0]  # the review reports written by the run, today's and earlier days'
    with Progress(console=err, transient=True) as progress:
        bar = progress.add_task("Review reports", total=None)

        def advanced(done: int, total: int) -> None:
            written[0] = done
            progress.update(bar, completed=done, total=total)

        opened = flow_runs.review_due(today.date() if today else None, advanced)
    for reference in opened:
        out.print(
            f"Review opened for {reference}: the comité de pilotage decides "
            "go, go_with_conditions or no_go."
        )
    earlier = written[0] - len(opened)
    if earlier > 0:
        from coopact.contracts.formatting import plural

        out.print(
            f"{plural(earlier, 'review report')} of reviews opened on an earlier day, not "
            "written then, written now."
        )
    elif not opened:
        out.print("No review is due.")


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
    from coopact import services
    from coopact.adapters.loading import load_mapping
    from coopact.bootstrap import wiring

    data = load_mapping(file)
    _ready(writes_documents=True)
    services.record_review_answers(wiring.uow(), reference, data, actor=ACTOR)
    out.print(f"{reference}: health check recorded.")
    result = wiring.advance(reference, using=wiring.adapters(mail=False, signing=False))
    for summary in result.summaries:
        out.print(f"  {summary}")
    for document in result.new_documents:
        out.print(f"  new document: {document}")
    if result.awaiting:
        out.print(f"Awaiting: {result.awaiting}")
    _refuse_if_blocked(reference, result.stage, result.blocked)


@app.command()
@reports_errors
def serve(
    review_cron: Annotated[
        str, typer.Option(help="When the review-due deployment runs (cron, Europe/Paris).")
    ] = "0 6 * * *",
) -> None:
    """Serve the deployments: advance-partnership, decide (takes the id printed by
    `coopact request-decision`) and review-due on its schedule, on PREFECT_API_URL or the
    local Prefect server of COOPACT_HOME."""

    _ready(writes_documents=True)
    from coopact.entrypoints.cli import flow_runs

    flow_runs.connect()
    from coopact.flows.deployments import serve_all

    out.print("Serving advance-partnership, decide and review-due; Ctrl+C to stop.")
    serve_all(review_cron)


@app.command()
@reports_errors
def demo(
    home: Annotated[
        Path, typer.Option(help="A folder of its own for the demo; emptied first.")
    ] = Path("demo"),
) -> None:
    """Run two example partnerships on embedded defaults: one to a renewal, one to a no go
    and its closed exit."""
    from coopact.entrypoints.cli import demo as demo_module

    report = demo_module.run(home, out)
    out.print()
    out.print(
        f"[bold]Demo finished[/]: {report.reference} and {report.second} went through "
        f"{len(report.steps)} steps."
    )
    out.print(f"  database and Prefect home: {report.home}")
    out.print(f"  mail outbox (.eml):        {report.home / 'outbox'}")
    out.print(f"  documents:                 {report.home / 'documents'}")
    for path in report.exported:
        out.print(f"    {path.name}")
    out.print(f"  documents of {report.second} (voted no go, closed):")
    for path in report.second_exported:
        out.print(f"    {path.name}")
    command = Path(sys.argv[0]) if Path(sys.argv[0]).name == "coopact" else "coopact"
    out.print(f"Try: COOPACT_HOME={report.home} {command} status {report.reference}", markup=False)


# Commands of other topics: one line each, `from coopact import cli_<topic>` then
# `cli_<topic>.register(app)`. Their modules follow the start-up rule of this module's
# docstring (tests/integration/test_cli_startup.py checks it).
from coopact.entrypoints.cli import portal as cli_web  # noqa: E402

cli_web.register(app)


def _register_topics() -> None:
    from coopact.entrypoints.cli import config as cli_config
    from coopact.entrypoints.cli import export as cli_export
    from coopact.entrypoints.cli import lifecycle as cli_lifecycle
    from coopact.entrypoints.cli import mail as cli_mail
    from coopact.entrypoints.cli import money as cli_money
    from coopact.entrypoints.cli import privacy as cli_privacy
    from coopact.entrypoints.cli import server as cli_server
    from coopact.entrypoints.cli import tokens as cli_token
    from coopact.entrypoints.cli import trust as cli_trust
    from coopact.entrypoints.cli import webhook as cli_webhook

    cli_config.register(app)
    cli_export.register(app)
    cli_token.register(app)
    cli_webhook.register(app)

    cli_mail.register(app)
    cli_money.register(app)
    cli_trust.register(app)
    cli_privacy.register(app)
    cli_lifecycle.register(app)
    cli_server.register(app)


_register_topics()


def main() -> None:  # pragma: no cover - console entry point
    """The console entry point: the commands report their own errors; anything raised
    outside them (a command module that fails to load, typer itself) goes through the
    same boundary."""
    try:
        code = app(prog_name="coopact", standalone_mode=True)
    except SystemExit as done:
        code = done.code
    except BaseException as error:
        code = 0 if cli_streams.is_closed_pipe(error) else show_failure(error)
    if not cli_streams.flush_or_silence():  # the reader closed the pipe: not an error
        code = 0
    if "prefect" in sys.modules and isinstance(code, int | None):
        from coopact.entrypoints.cli.flow_runs import exit_now

        exit_now(code or 0)
    sys.exit(code)
