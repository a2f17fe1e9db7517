"""`coopact audit verify`: the chain against its key, against every anchor, and the tables
against the chain.

* The chain: each event's HMAC under the key id it names (store.chain_verify.verify).
* The anchors: every chain head written to the anchor log must still be in the chain with
  the same hash: deleted last events and a chain rewritten from some point on are found
  even by someone who could recompute hashes; no counted table holds fewer rows than the
  last anchor counted (but for the schedule rows the chain dropped since).
* The tables: decisions, stages (and the file hash) of partnerships, documents and the
  schedule must say what the chain's events say; a row edited by hand is named.

Read with SQLAlchemy Core, without the ORM (issue 25: the read side is fast).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Text, select, type_coerce

from coopact.store import chain_checks, file_checks, integrity
from coopact.store import pseudonyms as people
from coopact.store.anchors import AnchorLog
from coopact.store.chain_hash import Head
from coopact.store.chain_verify import verify as verify_chain
from coopact.store.core_tables import audit_events as ev
from coopact.store.core_tables import (
    decisions,
    documents,
    partnership_files,
    partnerships,
    schedule,
    web_users,
)
from coopact.store.keys import Keyring
from coopact.store.money_checks import check_payments
from coopact.store.schedule_items import expected_schedule

# Each check reads with SQLAlchemy Core (store/core_tables.py): ``conn`` is the read side's
# connection (`coopact audit verify`, no ORM) or a unit of work's session (`audit anchor`).
Conn = Any

STAGE_EVENTS = {
    "partnership.registered": "stage",
    "partnership.amended": "stage_to",
    "stage.changed": "stage_to",
    "gate.closed": "stage_to",
    "review.opened": "stage_to",
}

ANCHOR_WAIT = 1.0  # seconds: read the anchor log again before naming a gap in it

# The events that set the partnership's file (their spec_sha256).
SPEC_EVENTS = ("partnership.registered", "partnership.amended", "avenant.signed", "person.erased")


@dataclass
class AuditReport:
    events: int = 0
    legacy: int = 0
    anchors: int = 0
    anchor_log: Path | None = None
    unanchored: int = 0  # events after the last anchor (written without an anchor log)
    problems: list[str] = field(default_factory=list)
    coverage: list[str] = field(default_factory=list)  # anchored events the log lacks
    head: Head | None = None

    @property
    def intact(self) -> bool:
        return not self.problems


def anchor_again(session: Conn, keyring: Keyring, anchor: AnchorLog) -> AuditReport:
    """After a commit whose anchor could not be written: when the chain, the log and the
    tables are intact but for the events the log lacks, anchor the chain's head again
    (the report says which events were not anchored; nothing is written otherwise)."""
    report = verify_everything(session, keyring, anchor)
    others = [p for p in report.problems if p not in report.coverage]
    if report.coverage and not others and report.head is not None:
        counts = chain_checks.row_counts(session, report.head.seq)
        anchor.append(report.head.seq, report.head.hash, counts)
    return report


def verify_everything(session: Conn, keyring: Keyring, anchor: AnchorLog | None) -> AuditReport:
    # Plain rows (not ORM objects): ten times faster over a long chain.
    rows: list[Any] = list(session.execute(
        select(
            ev.c.seq, ev.c.at, ev.c.reference, ev.c.actor, ev.c.action, ev.c.payload,
            ev.c.prev_hash, ev.c.hash, ev.c.key_id, ev.c.anchored,
        ).order_by(ev.c.seq)
    ))  # fmt: skip
    chain = verify_chain(rows, keyring)
    report = AuditReport(events=chain.count, legacy=chain.legacy, head=chain.head)
    if chain.broken is not None:
        report.problems.append(
            f"audit chain broken at event {chain.broken.seq}: {chain.broken.reason}"
        )
    stored = {row.seq: row.hash for row in rows}
    report.problems += chain_checks.check_origin(session, rows)
    found = chain_checks.AnchorCheck()
    for wait in (0.0, ANCHOR_WAIT):
        if wait:  # a commit read above may be writing its anchor line as we read
            time.sleep(wait)
        if anchor is not None:
            found = chain_checks.check_anchors(anchor, stored)
        report.coverage = chain_checks.check_coverage(rows, anchor, found.last)
        if not report.coverage:
            break
    if anchor is not None:
        report.anchor_log = anchor.path
        report.anchors, report.unanchored = found.count, found.unanchored
        report.problems += found.problems
    report.problems += report.coverage
    if found.anchors:  # the rows counted now, after the chain was read: no fewer than anchored
        counts = chain_checks.row_counts(session, len(rows))
        report.problems += chain_checks.check_counts(found.anchors, rows, counts)
    report.problems += check_tables(session, rows, legacy=chain.legacy > 0, keyring=keyring)
    report.problems += _check_recorded_heads(session, stored)
    return report


def _check_recorded_heads(session: Conn, stored: dict[int, str]) -> list[str]:
    """Signature packets and review reports record the chain's head at their making: that
    event must still be in the chain, unchanged."""
    problems = []
    d = documents.c
    found = session.execute(
        select(partnerships.c.reference, d.kind, d.version, d.inputs)
        .select_from(documents.join(partnerships, partnerships.c.id == d.partnership_id))
        .where(d.kind.in_(("signature_packet", "review_report")))
    ).all()
    for reference, kind, version, inputs in found:
        head = (inputs or {}).get("audit_head")
        if not head:
            continue
        if stored.get(head["seq"]) != head["hash"]:
            problems.append(
                f"{kind} v{version} of {reference} recorded event {head['seq']} as the chain's "
                "head at its making; the chain no longer holds that event unchanged"
            )
    return problems


def check_tables(
    session: Conn, events: list[Any], *, legacy: bool = False, keyring: Keyring | None = None
) -> list[str]:
    """Rows that do not say what the chain says, each named. ``legacy``: the chain starts
    with events written before revision 0005, when the schedule was not in the chain; the
    schedule of a partnership with no schedule event is then not checked."""
    by_reference: dict[str | None, list[Any]] = {}
    for event in events:
        by_reference.setdefault(event.reference, []).append(event)
    problems: list[str] = []
    # Plain rows of the columns checked, no ORM objects; each file as its stored text,
    # decoded only to be re-hashed (a partnership not in the chain is named, not decoded).
    pc, files = partnerships.c, partnership_files.c
    spec = type_coerce(files.spec, Text).label("spec")
    read = session.execute(
        select(pc.id, pc.reference, pc.stage, pc.spec_sha256, spec).join_from(
            partnerships, partnership_files, files.partnership_id == pc.id
        )
    )
    by_id = {row.id: row for row in read}
    for row in by_id.values():
        problems += _check_partnership(row, by_reference.get(row.reference, []))
    decided = {e.payload.get("decision_id"): e for e in events if e.action == "decision.recorded"}
    erased = {
        pid
        for e in events
        if e.action == "person.erased"
        for pid in e.payload.get("person_ids", [])
    }
    decision_ids: set[int] = set()
    for decision in session.execute(select(decisions).order_by(decisions.c.id)):
        decision_ids.add(decision.id)
        ref = by_id[decision.partnership_id].reference
        problems += _check_decision(
            decision, ref, decided.get(decision.id), by_reference.get(ref, []),
            keyring=keyring, erased=erased,
        )  # fmt: skip
    d = documents.c
    query = select(d.partnership_id, d.kind, d.version, d.filename, d.sha256, d.content)
    problems += integrity.missing_decisions(events, decision_ids)
    stored_documents: dict[str, set[tuple[str, int]]] = {}
    for document in _streamed(session, query.order_by(d.id)):  # each re-hashed, in turn
        ref = by_id[document.partnership_id].reference
        stored_documents.setdefault(ref, set()).add((document.kind, document.version))
        problem = _check_document(document, ref, by_reference.get(ref, []))
        if problem:
            problems.append(problem)
    problems += integrity.missing_documents(by_reference, stored_documents)
    problems += _check_schedule(session, by_id, by_reference, legacy=legacy)
    # the money tables (payments, tax receipts)
    problems += check_payments(session, events, {i: p.reference for i, p in by_id.items()})
    users = web_users.c
    accounts = session.execute(select(users.email, users.role, users.disabled_at)).all()
    problems += integrity.check_accounts(accounts, by_reference.get(None, []))
    return problems


def _streamed(session: Conn, query: Any, size: int = 100) -> Any:
    """The rows of ``query``, ``size`` at a time (a server-side cursor on PostgreSQL): for
    rows too large to hold all at once, such as documents."""
    options = {"stream_results": True, "yield_per": size}
    for part in session.execute(query, execution_options=options).partitions():
        yield from part


def _check_schedule(
    session: Conn,
    by_id: dict[int, Any],
    by_reference: dict[str | None, list[Any]],
    *,
    legacy: bool,
) -> list[str]:
    """Each schedule row is one the chain planned (and did not drop); each item the chain
    says is planned is a row."""
    problems: list[str] = []
    found = chain_checks.origin(session)
    since = found[1] if found else 0
    s = schedule.c
    query = select(s.id, s.partnership_id, s.kind, s.subject, s.due_on).order_by(s.id)
    planned_of: dict[str, set[tuple[str, str, str]] | None] = {}  # reference -> its items
    present: dict[str, set[tuple[str, str, str]]] = {}
    for item in session.execute(query):
        ref = by_id[item.partnership_id].reference
        if ref not in planned_of:
            planned_of[ref] = expected_schedule(by_reference.get(ref, []))
        planned = planned_of[ref]
        key = (item.kind, item.subject or "", item.due_on.isoformat())
        present.setdefault(ref, set()).add(key)
        if legacy and planned is None:
            continue
        if key not in (planned or set()):
            problems.append(
                f"schedule row {item.id} of {ref} ({item.kind} {item.subject} on "
                f"{item.due_on.isoformat()}) is not in the audit chain: added or changed by hand"
            )
    for row in by_id.values():
        problems += integrity.missing_schedule(
            row.reference, by_reference.get(row.reference, []),
            present.get(row.reference, set()), since=since,
        )  # fmt: skip
    return problems


def _check_partnership(row: Any, events: list[Any]) -> list[str]:
    stage, spec = None, None
    for event in events:
        key = STAGE_EVENTS.get(event.action)
        if key and key in event.payload:
            stage = event.payload[key]
        if event.action in SPEC_EVENTS:
            spec = event.payload.get("spec_sha256", spec)
    if stage is None:
        return [f"partnership {row.reference} is not in the audit chain: added by hand"]
    problems = []
    edited = file_checks.stored_spec_problem(row.reference, row.spec, row.spec_sha256)
    if edited:
        problems.append(edited)
    if row.stage != stage:
        problems.append(
            f"partnership {row.reference} is at stage {row.stage} in the table, but the audit "
            f"chain last moved it to {stage}: its stage was changed by hand"
        )
    if spec is not None and row.spec_sha256 != spec:
        problems.append(
            f"partnership {row.reference}'s file hash is not the one the audit chain recorded: "
            "its file was changed by hand"
        )
    return problems


DECISION_FIELDS = (
    ("outcome", "outcome"),
    ("gate", "gate"),
    ("round", "round"),
    ("decider", "decider"),
    ("role", "role"),
    ("partner_key", "partner"),
    ("document_sha256", "document_sha256"),
)
CHANNEL_FIELDS = (("channel", "channel"), ("channel_detail", "channel_detail"))


def _check_decision(
    row: Any,
    reference: str,
    event: Any | None,
    events: list[Any],
    *,
    keyring: Keyring | None = None,
    erased: set[str] | frozenset[str] = frozenset(),
) -> list[str]:
    name = f"decision {row.id} of {reference} ({row.gate}, {row.decider})"
    if event is None:
        event = _legacy_decision_event(row, events)
        if event is None:
            return [f"{name} is not in the audit chain: added or changed by hand"]
        return []
    if event.reference != reference:
        return [f"{name} belongs to {event.reference} in the audit chain: moved by hand"]
    p = event.payload
    fields = DECISION_FIELDS + (CHANNEL_FIELDS if "channel" in p else ())
    wrong = [
        f"{column} is {getattr(row, column)!r}, the chain says {p.get(key)!r}"
        for column, key in fields
        if key != "decider" and getattr(row, column, None) != p.get(key)
    ]
    # The decider: a pseudonymous id in the chain (store.people), the name in the row;
    # "[effacé]" in the row only when the chain records that person's erasure.
    if "decider_id" in p:
        pid = str(p["decider_id"])
        if row.decider == people.ERASED:
            ok = pid in erased
        else:
            ok = keyring is not None and people.is_pseudonym_of(keyring, pid, row.decider)
        if not ok:
            wrong.append(f"decider is {row.decider!r}, not the person the chain recorded")
    elif row.decider != p.get("decider"):  # an event written before pseudonymous ids
        legacy_erased = (
            row.decider == people.ERASED
            and keyring is not None
            and bool(people.pseudonyms(keyring, str(p.get("decider"))) & erased)
        )
        if not legacy_erased:
            wrong.append(f"decider is {row.decider!r}, the chain says {p.get('decider')!r}")
    erased_reason = row.reason == people.ERASED and (
        p.get("decider_id") in erased
        or (
            keyring is not None
            and bool(people.pseudonyms(keyring, str(p.get("decider", ""))) & erased)
        )
    )
    if erased_reason:
        pass
    elif "reason_sha256" in p:
        if people.text_hash(row.reason) != p["reason_sha256"]:
            wrong.append("its reason differs from the one recorded")
    elif "reason" in p and row.reason != p["reason"]:
        wrong.append("its reason differs from the one recorded")
    if wrong:
        return [f"{name} was edited in the table: " + "; ".join(wrong)]
    return []


def _legacy_decision_event(row: Any, events: list[Any]) -> Any | None:
    """A decision recorded before events named their decision row (revision 0005)."""
    for event in events:
        p = event.payload
        if event.action == "decision.recorded" and "decision_id" not in p:
            same: tuple[Any, ...] = (p.get("gate"), p.get("round"), p.get("outcome"))
            if (
                same == (row.gate, row.round, row.outcome)
                and p.get("partner") == row.partner_key
                and row.decider in event.actor
            ):
                return event
    return None


def _check_document(row: Any, reference: str, events: list[Any]) -> str | None:
    name = f"document {row.kind} v{row.version} of {reference} ({row.filename})"
    actual = hashlib.sha256(row.content).hexdigest()
    if actual != row.sha256:
        return (
            f"{name}: its content does not match its recorded SHA-256 "
            f"({actual[:12]}… instead of {row.sha256[:12]}…): altered in the database"
        )
    for event in events:
        p = event.payload
        generated = event.action == "document.generated" and (
            (p.get("kind"), p.get("version"), p.get("sha256"))
            == (row.kind, row.version, row.sha256)
        )
        received = event.action == "signature.completed" and any(
            f.get("kind") == row.kind and f.get("sha256") == row.sha256 for f in p.get("files", [])
        )
        if generated or received:
            return None
    return f"{name} is not in the audit chain with this SHA-256: replaced or added by hand"
