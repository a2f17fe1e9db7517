"""The automatic work of the stages, stored in one transaction; the people who must act
then told (:mod:`coopact.services.notices`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from coopact.adapters.mail.transports import NotifyError, Transport
from coopact.adapters.signature import (
    SignatureProvider,
)
from coopact.contracts import lifecycle
from coopact.contracts.finding_texts import Severity
from coopact.contracts.lifecycle import Stage
from coopact.services import officer_notices
from coopact.services._common import (
    REGISTRATION,
    SYSTEM,
    _finding_rows,
    _refuse,
    partnership_of,
)
from coopact.services.evidence import EVIDENCE
from coopact.services.gate_documents import evidence_document
from coopact.services.notices import deliver_mail, notify_activation, notify_gate
from coopact.services.signatures import send_for_signature
from coopact.services.stored_documents import add_version
from coopact.services.work_context import ContextReads, stage_context
from coopact.stages import DOCUMENTS_READ, STAGE_WORK, no_work
from coopact.stages.base import StageOutput
from coopact.store.records import PartnershipRow
from coopact.store.uow import UnitOfWork

# --------------------------------------------------------------------------- automatic work
# The stages whose work makes the PDF signed (the agreement's, an avenant's).
_SIGNING_STAGES = frozenset({Stage.formalised, Stage.amendment_signing})
_SENT = {Stage.formalised.value: "agreement", Stage.amendment_signing.value: "avenant"}


@dataclass(frozen=True)
class AdvanceResult:
    reference: str
    stage_before: str
    stage: str
    summaries: list[str]
    new_documents: list[str]
    awaiting: str | None
    warnings: list[str] = dataclasses.field(default_factory=list)  # e.g. a mail not sent
    # Blocking findings that keep the gate of this stage from opening (its evidence
    # document was not written): "code at path" each; empty when the gate is open.
    blocked: list[str] = dataclasses.field(default_factory=list)


def record_work(
    uow: UnitOfWork,
    row: PartnershipRow,
    stage: Stage,
    output: StageOutput,
    *,
    actor: str,
    reads: ContextReads | None = None,
) -> list[str]:
    """Store what a stage's work produced and record it in the audit chain; the labels of
    the new document versions (``reads``: see :func:`store_output`). Work that had failed
    is done once this commits (:mod:`coopact.usecases.failed_work`)."""
    created = store_output(uow, row, stage, output, reads)
    if uow.failed_work.clear(row):
        uow.audit("work.resumed", actor=actor, reference=row.reference, stage=stage.value)
    uow.audit(
        "stage.work",
        actor=actor,
        reference=row.reference,
        stage=stage.value,
        summary=output.summary,
        findings=len(output.findings),
        blocking=sum(f.severity is Severity.blocking for f in output.findings),
    )
    return created


def advance(
    uow: UnitOfWork,
    reference: str,
    *,
    templates: Path,
    today: dt.date | None = None,
    actor: str = SYSTEM,
    transport: Transport | None = None,
    signature: SignatureProvider | None = None,
    now: dt.datetime | None = None,
) -> AdvanceResult:
    """Run the automatic work of the current stage, and of the next ones, up to a gate.

    ``now`` is the time each stage's work runs (default: the clock when it starts): the
    time a calendar states as its DTSTAMP and its version is recorded at. With a
    ``transport``, the people who must act at the gate reached are told by email,
    once per gate and round. With a ``signature`` provider, the agreement's (an avenant's)
    PDF is sent out once the formalised (amendment_signing) stage's work is committed, once
    per PDF (:func:`send_for_signature`).
    """
    today = today or dt.date.today()
    with uow:
        row = uow.partnerships.get_for_update(reference)
        refuse_if_final(uow, row, actor)
        before = row.stage
        run = _run_stages(uow, row, templates=templates, today=today, now=now, actor=actor)
        row.updated_at = dt.datetime.now(dt.UTC)
        spec, blocked = _gate_reached(uow, row, run, actor=actor)
        uow.commit()
        awaiting = f"{spec.gate.value}: {spec.description}" if spec else None
        result = AdvanceResult(
            reference,
            before,
            row.stage,
            run.summaries,
            run.new_documents,
            awaiting,
            blocked=blocked,
        )
    if signature is not None and run.sending and Stage(result.stage) in _SIGNING_STAGES:
        dispatch = send_for_signature(uow, reference, signature)
        result.summaries.append(
            f"{_SENT[result.stage]} sent for signature with {dispatch.provider} "
            f"(submission {dispatch.external_id})"
        )
    if transport is None:
        return result
    return _tell_after_work(uow, result, transport, templates=templates, gate_open=spec is not None)


@dataclass
class _StagesRun:
    """What :func:`_run_stages` did: the summaries and new documents of each stage's work,
    whether an act's signatures opened, and the last work run (and in which stage)."""

    summaries: list[str] = dataclasses.field(default_factory=list)
    new_documents: list[str] = dataclasses.field(default_factory=list)
    sending: bool = False  # an act's signatures opened: sent to the provider once stored
    output: StageOutput | None = None
    worked: Stage | None = None


def _run_stages(
    uow: UnitOfWork,
    row: PartnershipRow,
    *,
    templates: Path,
    today: dt.date,
    now: dt.datetime | None,
    actor: str,
) -> _StagesRun:
    """Run each stage's work (at most once each) and move on, up to a gate, the active
    stage, a final one or a work that moves nowhere; each move in the audit chain."""
    run = _StagesRun()
    for _ in range(len(Stage)):  # each stage's work runs at most once per call
        stage = Stage(row.stage)
        if stage in lifecycle.FINAL:
            break
        work = STAGE_WORK.get(stage, no_work)
        context = stage_context(uow, row, templates, today, now, DOCUMENTS_READ.get(stage, ()))
        output = work(partnership_of(row), context)
        run.output, run.worked = output, stage
        run.sending = run.sending or stage in _SIGNING_STAGES
        run.new_documents += record_work(uow, row, stage, output, actor=actor)
        run.summaries.append(output.summary)
        if output.event is None:
            break
        new_stage = lifecycle.move(stage, output.event)
        row.stage = new_stage.value
        uow.audit(
            "stage.changed",
            actor=actor,
            reference=row.reference,
            event=output.event.value,
            stage_from=stage.value,
            stage_to=new_stage.value,
        )
        if lifecycle.awaited_gate(new_stage) is not None or new_stage is Stage.active:
            break
    return run


def _gate_reached(
    uow: UnitOfWork, row: PartnershipRow, run: _StagesRun, *, actor: str
) -> tuple[lifecycle.GateSpec | None, list[str]]:
    """The gate awaited at the stage reached (None when its blocking findings keep it
    shut, said in the audit chain) and those findings."""
    spec = lifecycle.awaited_gate(Stage(row.stage))
    last = run.output if run.worked is not None and run.worked.value == row.stage else None
    blocked = _blocking_the_gate(uow, row, spec.gate if spec else None, last)
    if blocked:
        spec = None  # the gate does not open: nobody is awaited, nobody is told
        uow.audit(
            "gate.blocked",
            actor=actor,
            reference=row.reference,
            stage=row.stage,
            blocking=[b.split(" at ")[0] for b in blocked],
        )
    return spec, blocked


def _tell_after_work(
    uow: UnitOfWork,
    result: AdvanceResult,
    transport: Transport,
    *,
    templates: Path,
    gate_open: bool,
) -> AdvanceResult:
    """Once the work is stored: the partners told of the activation, the people awaited at
    an open gate and the officers told, the mail queued delivered; what failed in
    ``warnings`` (or the audit chain)."""
    reference = result.reference
    if result.stage == Stage.active.value and result.stage_before != result.stage:
        try:
            notify_activation(uow, reference, templates=templates)
        except NotifyError as error:
            with uow:
                uow.audit(
                    "activation.notify_failed",
                    actor=SYSTEM,
                    reference=reference,
                    error=error.message,
                )
                uow.commit()
    if gate_open:
        try:
            notify_gate(uow, reference, transport, templates=templates, deliver_now=False)
        except NotifyError as error:
            # The work is stored; the notice could not be made (no key to sign the links,
            # a template). Say so in the audit log; the next `advance` tries again (a gate
            # is notified once its mails are queued).
            with uow:
                uow.audit(
                    "gate.notify_failed", actor=SYSTEM, reference=reference, error=error.message
                )
                uow.commit()
            result = dataclasses.replace(result, warnings=[*result.warnings, error.message])
    try:  # the officers told of what this work recorded
        officer_notices.tell_officers(uow, reference, templates=templates / "mail")
    except NotifyError as error:
        result = dataclasses.replace(result, warnings=[*result.warnings, error.message])
    warning = deliver_mail(uow, transport)  # what this call queued, and what earlier ones left
    if warning:
        result = dataclasses.replace(result, warnings=[*result.warnings, warning])
    return result


def _blocking_the_gate(
    uow: UnitOfWork, row: PartnershipRow, gate: lifecycle.Gate | None, output: StageOutput | None
) -> list[str]:
    """The blocking findings of the stage's work when they kept the gate's evidence document
    from being written; empty when the gate may open."""
    if gate is None or output is None:
        return []
    kind = EVIDENCE.get(gate)
    if kind is None or evidence_document(uow, row, kind) is not None:
        return []
    return [
        f"{f.code} at {f.path}" if f.path else f.code
        for f in output.findings
        if f.severity is Severity.blocking
    ]


def refuse_if_final(uow: UnitOfWork, row: PartnershipRow, actor: str) -> None:
    """A terminated or closed partnership has no automatic work: refused, and audited."""
    reference = row.reference
    if Stage(row.stage) not in lifecycle.FINAL:
        return
    reason = f"{reference} is {row.stage}: a {row.stage} partnership has no automatic work left"
    if row.stage == Stage.terminated.value:
        reason += (
            f" (its exit awaits each partner's acknowledgement: coopact decide {reference} "
            "exit_acknowledgement)"
        )
    _refuse(uow, reference, actor, "advance", reason)


def check_advanceable(uow: UnitOfWork, reference: str, *, actor: str = SYSTEM) -> None:
    """Refuse early (before any flow run) to advance a terminated or closed partnership; an
    unknown reference is left to the flow run, which refuses it."""
    with uow:
        row = uow.partnerships.find(reference)
        if row is not None:
            refuse_if_final(uow, row, actor)


class _Version(NamedTuple):
    """A document version as :meth:`~store.repository.PartnershipRepository.document_versions`
    lists it (what :func:`store_output` compares)."""

    kind: str
    version: int
    language: str
    sha256: str
    spec_sha256: str | None


def store_output(
    uow: UnitOfWork,
    row: PartnershipRow,
    stage: Stage,
    output: StageOutput,
    reads: ContextReads | None = None,
) -> list[str]:
    """Store the findings, the new document versions and the schedule of a stage's work;
    the labels of the new versions. ``reads``: the partnership's findings and document
    versions as read in this transaction before the work (:func:`read_contexts`), else
    read here."""
    repo = uow.partnerships
    stored = None if reads is None else reads.findings.get(row.id, [])
    repo.replace_findings(
        row,
        stage.value,
        _finding_rows(output.findings),
        any_stored=stored is None or any(f.stage == stage.value for f in stored),
    )
    # The same finding is never stored twice: registration's warning gives way to the stage's.
    if stored is None or any(f.stage == REGISTRATION for f in stored):
        repo.drop_findings_of(row, REGISTRATION, {(f.code, f.path) for f in output.findings})
    created: list[str] = []
    known_versions = None if reads is None else list(reads.documents.get(row.id, []))
    for document in output.documents:
        versions = (
            repo.document_versions(row, document.kind)
            if known_versions is None
            else [d for d in known_versions if d.kind == document.kind]
        )
        existing = [d for d in versions if d.language == document.language]
        latest = existing[-1] if existing else None
        if (
            latest is not None
            and latest.sha256 == document.sha256
            and latest.spec_sha256 == row.spec_sha256
        ):
            continue  # same content from the same file: no new version
        last = max((d.version for d in versions), default=0)
        created.append(add_version(uow, row, document, last=last))
        if known_versions is not None:  # the next document of this kind comes after it
            known_versions.append(
                _Version(document.kind, last + 1, document.language, document.sha256,
                         row.spec_sha256)
            )  # fmt: skip
    known = (
        {(s.kind, s.subject, s.due_on) for s in repo.schedule(row)} if output.schedule else set()
    )
    planned = []
    for item in output.schedule:
        if (item.kind, item.subject, item.due_on) not in known:
            known.add((item.kind, item.subject, item.due_on))
            uow.acts.add_schedule(row, item.kind, item.subject, item.due_on)
            planned.append(
                {"kind": item.kind, "subject": item.subject, "due_on": item.due_on.isoformat()}
            )
    if planned:  # the schedule is in the chain, so that `audit verify` can check its rows
        uow.audit("schedule.planned", actor=SYSTEM, reference=row.reference, items=planned)
    uow.flush()
    return created
