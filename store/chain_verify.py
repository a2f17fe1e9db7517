"""Verifying the audit chain (:func:`verify`): each event's hash recomputed from the previous
one, under the key it names; the first break reported. See :mod:`coopact.store.audit`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coopact.store.chain_hash import GENESIS, NAMESPACE, Head, chain_hash, event_body, mac
from coopact.store.keys import Keyring, SecretUnavailable

if TYPE_CHECKING:  # the rows' type only: the read side verifies without the ORM
    from coopact.store.audit_tables import AuditEventRow


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


@dataclass
class ChainReport:
    """What walking the chain found: how many events, the first break, the last event."""

    count: int = 0
    broken: Break | None = None
    legacy: int = 0  # events before the keyed chain, checked by SHA-256 only
    hashes: dict[int, str] = field(default_factory=dict)  # seq -> stored hash, as walked

    @property
    def head(self) -> Head | None:
        if not self.hashes:
            return None
        seq = max(self.hashes)
        return Head(seq, self.hashes[seq])


def verify(rows: Iterable[AuditEventRow], keyring: Keyring) -> ChainReport:
    """Walk the chain in order against the key; stop at the first break."""
    report = ChainReport()
    prev, expected_seq, keyed_seen = GENESIS, 1, False
    keys: dict[str, bytes] = {}  # key id -> the audit key under that secret
    for row in rows:
        report.count += 1
        if row.seq != expected_seq:
            report.broken = Break(
                expected_seq,
                f"event {expected_seq} is missing (found event {row.seq} next): "
                "an event was deleted or inserted",
            )
            return report
        if row.prev_hash != prev:
            report.broken = Break(row.seq, f"event {row.seq} does not chain to event {row.seq - 1}")
            return report
        body = event_body(row)
        if row.key_id is None:
            if keyed_seen:
                report.broken = Break(
                    row.seq,
                    f"event {row.seq} is not signed by the audit key while earlier events are: "
                    "it was forged or altered",
                )
                return report
            if chain_hash(prev, body) != row.hash:
                report.broken = Break(
                    row.seq, f"event {row.seq} was altered: its hash does not match"
                )
                return report
            report.legacy += 1
        else:
            keyed_seen = True
            try:
                if row.key_id not in keys:
                    keys[row.key_id] = keyring.key(NAMESPACE, row.key_id)
                expected = mac(keys[row.key_id], prev, body)
            except SecretUnavailable:
                report.broken = Break(
                    row.seq,
                    f"event {row.seq} names the key {row.key_id}, which the key store does not "
                    "hold: it was forged, or that key was lost (restore it to verify)",
                )
                return report
            if expected != row.hash:
                report.broken = Break(
                    row.seq,
                    f"event {row.seq} was altered or forged: its hash does not match the audit key",
                )
                return report
        report.hashes[row.seq] = row.hash
        prev, expected_seq = row.hash, expected_seq + 1
    return report
