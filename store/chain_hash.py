"""How an audit event is hashed into the chain: its canonical JSON, chained to the previous
event's hash by HMAC-SHA-256 under the keyring's "audit" key (plain SHA-256 for the events
written before revision 0005). See :mod:`coopact.store.audit`."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import json
import json.encoder
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coopact.store.keys import Keyring

if TYPE_CHECKING:  # the rows' type only: the read side verifies without the ORM
    from coopact.store.audit_tables import AuditEventRow

GENESIS = "0" * 64
NAMESPACE = "audit"


def _canonical_encoder() -> Callable[[Any], str]:
    """``json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    default=str)``, its C encoder made once (json.dumps makes it again at every call: most
    of the time of encoding a small event): the same encoder, so the same bytes."""
    make = getattr(json.encoder, "c_make_encoder", None)  # None without the C accelerator
    if make is None:
        return functools.partial(
            json.dumps, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
        )
    encode = make(None, str, json.encoder.encode_basestring, None, ":", ",", True, False, True)
    return lambda o: "".join(encode(o, 0))


_canonical = _canonical_encoder()


def canonical_json(event: dict[str, Any]) -> str:
    return _canonical(event)


def event_body(row: AuditEventRow) -> dict[str, Any]:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    body = {
        "seq": row.seq,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "reference": row.reference,
        "actor": row.actor,
        "action": row.action,
        "payload": row.payload,
    }
    if row.key_id is not None:
        body["key_id"] = row.key_id
    if getattr(row, "anchored", None):
        body["anchored"] = True
    return body


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    """The legacy, unkeyed hash (events written before revision 0005)."""
    return hashlib.sha256((prev_hash + canonical_json(body)).encode()).hexdigest()


def keyed_hash(keyring: Keyring, prev_hash: str, body: dict[str, Any], kid: str) -> str:
    return mac(keyring.key(NAMESPACE, kid), prev_hash, body)


def mac(key: bytes, prev_hash: str, body: dict[str, Any]) -> str:
    return hmac.new(key, (prev_hash + canonical_json(body)).encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Head:
    """The last event of the chain: what an anchor records."""

    seq: int
    hash: str
    key_id: str | None = None  # the key that signed it (when read from the database)
