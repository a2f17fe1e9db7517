"""The step a payment received (`coopact payment`) and a donor's certified valuation
(`coopact valuation`) share: who may record it and on what partnership, what was typed, and
"record it once per reference, in the audit chain, and issue its tax receipt" in the
transaction of the use case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from coopact.contracts import money
from coopact.contracts.errors import InvalidInput, Problem, Refused
from coopact.contracts.lifecycle import Stage
from coopact.contracts.roles import same_person
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import OfficeRole
from coopact.store import pseudonyms
from coopact.store.payments import Recorded
from coopact.store.uow import UnitOfWork
from coopact.usecases import tax_receipts

# Money is recorded once the agreement is signed, until the partnership is closed.
SIGNED = frozenset(
    {
        Stage.signed, Stage.active, Stage.in_review, Stage.in_renewal, Stage.amending,
        Stage.amendment_signing, Stage.terminated,
    }
)  # fmt: skip
ROLES = (OfficeRole.partnership_officer.value, OfficeRole.treasurer.value)


@dataclass(frozen=True)
class Entry:
    """What every money event says of itself: the partnership, the amount as typed, its
    reference (bank reference, certificate), who records it and as what."""

    noun: str  # payment | valuation
    reference: str
    amount: str
    key: str
    recorded_by: str
    role: str


def checked_amount(entry: Entry, *, example: str, key_words: str) -> Decimal:
    """The amount typed, a positive number of euros; else every problem of what was typed."""
    problems = []
    amount = money.parse_amount(entry.amount)
    if amount is None:
        problems.append(
            Problem("--amount", f"{entry.amount!r} is not a positive amount in euros ({example})")
        )
    if entry.role not in ROLES:
        problems.append(Problem("--role", f"{entry.role!r}: expected {' or '.join(ROLES)}"))
    if not entry.key.strip():
        problems.append(Problem("--reference", f"{key_words} is required"))
    if problems or amount is None:
        raise InvalidInput(entry.noun, problems)
    return amount


def check_recordable(row: Any, partnership: Partnership, entry: Entry, known: bool) -> None:
    """Refuse an event of a partnership not signed (or closed), recorded by someone the
    file's people do not list with that role, or under a reference already recorded
    (``known``)."""
    if Stage(row.stage) not in SIGNED:
        raise Refused(
            f"{entry.reference} is {row.stage}: {entry.noun}s are recorded once the agreement "
            "is signed, until the partnership is closed"
        )
    authorise(partnership, entry.recorded_by, entry.role)
    if known:
        raise Refused(_repeated(entry))


def _repeated(entry: Entry) -> str:
    return (
        f"the {entry.noun} with reference {entry.key.strip()!r} is already recorded for "
        f"{entry.reference}; nothing was recorded again (`coopact money {entry.reference}` "
        "shows it)"
    )


def authorise(partnership: Partnership, recorded_by: str, role_typed: str) -> None:
    """The person recording is listed in the file's people with the role given."""
    role = OfficeRole(role_typed)
    listed = [p for p in partnership.people if role in p.roles]
    if not any(same_person(p.name, recorded_by) for p in listed):
        raise Refused(
            f"{recorded_by} is not listed as a {role.value.replace('_', ' ')} in the "
            "partnership file (people): money is recorded by a partnership officer or a "
            "treasurer of the file"
        )


def record_once(
    uow: UnitOfWork,
    row: Any,
    partnership: Partnership,
    entry: Entry,
    recorded: Recorded | None,
    *,
    receipted: bool,
    templates: Path,
    now: dt.datetime,
    **said: Any,
) -> tuple[Recorded, tax_receipts.IssuedReceipt | None]:
    """The event just added (None: its reference was taken by a concurrent transaction)
    in the audit chain (``<noun>.recorded``, with ``said``), its tax receipt issued when
    ``receipted``, and the transaction committed."""
    if recorded is None:
        raise Refused(_repeated(entry))
    actor = pseudonyms.pseudonym(uow.keyring, entry.recorded_by)
    uow.audit(
        f"{entry.noun}.recorded", actor=actor, reference=row.reference,
        **{recorded.source: recorded.id}, **said, role=entry.role,
    )  # fmt: skip
    receipt = None
    if receipted:
        receipt = tax_receipts.issue(uow, row, partnership, recorded, templates=templates, now=now)
    uow.commit()
    return recorded, receipt
