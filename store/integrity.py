"""What the tables must still hold: the stored partnership file re-hashed on every read,
and every decision, document and schedule row the audit chain recorded still present.

The partnership file is checked as a document is (:mod:`store.file_checks`): each time a
partnership row is loaded its file is re-hashed and refused when it no longer has the hash
it was stored with (the ORM's load event, in :mod:`store.tables`; the read side checks it
in :mod:`store.reading`); `coopact audit verify` also holds that hash against the chain's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from coopact.store.file_checks import PartnershipFileTampered as PartnershipFileTampered
from coopact.store.file_checks import spec_digest as spec_digest
from coopact.store.file_checks import spec_problem as spec_problem
from coopact.store.file_checks import stored_spec_problem as stored_spec_problem
from coopact.store.schedule_items import planned_by


# --------------------------------------------------------------------------- rows that must exist
def missing_decisions(events: Iterable[Any], present: set[int]) -> list[str]:
    """Decisions the chain recorded (by their row id) that the table no longer holds."""
    return [
        f"decision {p['decision_id']} of {e.reference} ({p.get('gate')}, {p.get('outcome')}), "
        f"recorded by event {e.seq}, is missing from the table: deleted by hand"
        for e in events
        if e.action == "decision.recorded"
        for p in [e.payload]
        if isinstance(p.get("decision_id"), int) and p["decision_id"] not in present
    ]


def missing_documents(
    events_of: dict[str | None, list[Any]], present: dict[str, set[tuple[str, int]]]
) -> list[str]:
    """Document versions the chain recorded as generated that the table no longer holds."""
    problems = []
    for reference, events in events_of.items():
        have = present.get(str(reference), set())
        for e in events:
            p = e.payload
            if e.action == "document.generated" and (p.get("kind"), p.get("version")) not in have:
                problems.append(
                    f"document {p.get('kind')} v{p.get('version')} of {reference}, recorded by "
                    f"event {e.seq}, is missing from the table: deleted by hand"
                )
    return problems


def missing_schedule(
    reference: str, events: list[Any], present: set[tuple[str, str, str]], since: int = 0
) -> list[str]:
    """Schedule rows the chain says exist that the table no longer holds (of those planned
    after event ``since``: before revision 0014, the rows dropped were not recorded)."""
    expected = planned_by(events) or {}
    return [
        f"schedule item {kind} {subject} on {due} of {reference} is in the audit chain but "
        "missing from the table: deleted by hand"
        for (kind, subject, due), seq in sorted(expected.items())
        if seq > since and (kind, subject, due) not in present
    ]


# --------------------------------------------------------------------------- portal accounts
def check_accounts(accounts: Iterable[Any], events: Iterable[Any]) -> list[str]:
    """Each officer's portal account as the chain last recorded it (``user.*`` events naming
    its e-mail): an account added by hand, a role changed by hand, or one disabled and
    re-enabled by hand is named."""
    last: dict[str, Any] = {}
    role: dict[str, str] = {}
    for event in events:
        p = event.payload
        if event.action.startswith("user.") and isinstance(p.get("email"), str):
            email = p["email"].casefold()
            last[email] = event
            if isinstance(p.get("role"), str):
                role[email] = p["role"]
    problems = []
    for account in accounts:
        email = account.email.casefold()
        name = f"portal account {account.email} ({account.role})"
        if email not in role:
            problems.append(f"{name} is not in the audit chain: added by hand")
            continue
        if account.role != role[email]:
            problems.append(f"{name}: the chain says its role is {role[email]}: changed by hand")
        if last[email].action == "user.disabled" and account.disabled_at is None:
            problems.append(f"{name} was disabled, and enabled again by hand")
    return problems
