"""The trust rule's re-hashing, without the ORM: a stored partnership file and a stored
document are re-hashed each time they are read, and refused when they no longer have the
SHA-256 they were stored with. The declarative store (:mod:`coopact.store.integrity`,
:mod:`coopact.store.repository`) and the Core read side (:mod:`coopact.store.reading`)
check with the same functions."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from coopact.contracts.errors import Refused


class PartnershipFileTampered(Refused):
    """A stored partnership file that no longer has the SHA-256 it was stored with."""


class DocumentTampered(Refused):
    """A stored document whose content no longer has the SHA-256 it was stored with."""


def spec_digest(spec: dict[str, Any]) -> str:
    """The SHA-256 of a partnership file as stored (its reference left out), the same as
    ``coopact.services._common.spec_hash``."""
    body = {k: v for k, v in spec.items() if k != "reference"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def spec_problem(reference: str, spec: dict[str, Any], recorded: str) -> str | None:
    actual = spec_digest(spec)
    if actual == recorded:
        return None
    return (
        f"the stored file of partnership {reference} was edited in the database: it hashes to "
        f"{actual[:12]}…, not to its recorded {recorded[:12]}…"
    )


def stored_spec_problem(reference: str, stored: str | dict[str, Any], recorded: str) -> str | None:
    """:func:`spec_problem` of a file as the database gave it: on SQLite its stored text
    (read through a text-typed column), decoded here, when it is checked; on PostgreSQL the
    value the driver decoded."""
    spec = json.loads(stored) if isinstance(stored, str) else stored
    return spec_problem(reference, spec, recorded)


def check_spec(reference: str, spec: dict[str, Any], recorded: str) -> None:
    """Refuse a partnership file read from the database that was altered there."""
    problem = spec_problem(reference, spec, recorded)
    if problem:
        raise PartnershipFileTampered(
            f"{problem}. It is not used; run `coopact audit verify` and restore the database "
            "from a backup"
        )


def check_document(row: Any, reference: str) -> Any:
    """Re-hash a stored document's content; refuse it, naming it, when it was altered."""
    actual = hashlib.sha256(row.content).hexdigest()
    if actual != row.sha256:
        raise DocumentTampered(
            f"the stored {row.kind} v{row.version} of {reference} ({row.filename}) was altered "
            f"in the database: its content hashes to {actual[:12]}…, not to the recorded "
            f"{row.sha256[:12]}…. It is not used; run `coopact audit verify` and restore "
            "the database from a backup"
        )
    return row
