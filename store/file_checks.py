"""The trust rule's re-hashing, without the ORM: a stored partnership file and a stored
document are re-hashed each time they are read, and refused when they no longer have the
SHA-256 they were stored with. The declarative store (:mod:`coopact.store.integrity`,
:mod:`coopact.store.repository`) and the Core read side (:mod:`coopact.store.reading`)
check with the same functions."""

from __future__ import annotations

import functools
import hashlib
import json
import json.encoder
from collections.abc import Callable
from typing import Any

from coopact.contracts.errors import Refused


class PartnershipFileTampered(Refused):
    """A stored partnership file that no longer has the SHA-256 it was stored with."""


class DocumentTampered(Refused):
    """A stored document whose content no longer has the SHA-256 it was stored with."""


def _file_encoder() -> Callable[[Any], str]:
    """``json.dumps(o, sort_keys=True, ensure_ascii=False)``, its C encoder made once and
    without json.dumps's watch for circular containers (a file decoded from JSON holds
    none): the same bytes in a third of the time, most of re-hashing a file
    (tests/unit/test_chain_bytes.py). An object JSON cannot encode is still refused."""
    make = getattr(json.encoder, "c_make_encoder", None)  # None without the C accelerator
    if make is None:
        return functools.partial(json.dumps, sort_keys=True, ensure_ascii=False)
    refuse = json.JSONEncoder().default  # TypeError, as json.dumps
    encode = make(None, refuse, json.encoder.encode_basestring, None, ": ", ", ", True, False, True)
    return lambda o: "".join(encode(o, 0))


_encoded = _file_encoder()


def spec_digest(spec: dict[str, Any]) -> str:
    """The SHA-256 of a partnership file as stored (its reference left out), the same as
    ``coopact.services._common.spec_hash``."""
    body = {k: v for k, v in spec.items() if k != "reference"}
    return hashlib.sha256(_encoded(body).encode()).hexdigest()


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
