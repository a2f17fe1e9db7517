"""The anchor log: the audit chain's head, written outside the database after each commit.

One JSON line per committed write: ``{"n", "seq", "hash", "at", "counts", "key_id", "prev",
"mac"}``; ``counts`` is the number of events and of rows of each table that counts
(:data:`store.chain_checks.COUNTED`) as the commit left them, so that rows deleted by hand
are found even when the chain does not name each of them.
Each line is chained to the previous one and signed (HMAC-SHA-256 under the keyring's
"anchor" key), so that the log itself cannot be edited quietly. Whoever can write the
database but not this file cannot delete the last events, or rewrite the chain, without
``coopact audit verify`` seeing that an anchored event is gone or different.

By default the log is ``$COOPACT_HOME/anchors.log``; ``COOPACT_ANCHOR_LOG`` points it
elsewhere (write-once storage, a mounted remote log).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from coopact.contracts.errors import EnvironmentProblem
from coopact.store.keys import Keyring, SecretUnavailable

NAMESPACE = "anchor"
GENESIS = "0" * 64


class AnchorUnavailable(EnvironmentProblem):
    """The anchor log cannot be written (exit 3 at the CLI boundary)."""


@dataclass(frozen=True)
class Anchor:
    line: int
    seq: int
    hash: str
    at: str
    counts: dict[str, int] | None = None  # events and rows per table (None: older lines)


@dataclass
class AnchorReading:
    anchors: list[Anchor]
    problems: list[str]


def _canonical(body: dict[str, object]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


class AnchorLog:
    """An append-only, chained and signed file of chain heads."""

    def __init__(self, path: Path, keyring: Keyring) -> None:
        self.path = path
        self.keyring = keyring

    @contextmanager
    def _locked(self) -> Iterator[IO[str]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "r+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield handle
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def append(self, seq: int, hash_: str, counts: dict[str, int] | None = None) -> None:
        """Record that the chain's head is event ``seq`` with ``hash_`` (and, when given,
        the rows of each table as the commit left them)."""
        try:
            self._append(seq, hash_, counts)
        except OSError as error:
            raise AnchorUnavailable(
                f"the anchor log {self.path} cannot be written ({error.strerror}): the change "
                "is saved, but not anchored; fix the path or COOPACT_ANCHOR_LOG"
            ) from None

    def _append(self, seq: int, hash_: str, counts: dict[str, int] | None) -> None:
        with self._locked() as handle:
            try:
                last = _last_line(self.path)
            except (ValueError, KeyError) as error:
                raise AnchorUnavailable(
                    f"the anchor log {self.path} ends with a damaged line ({error}): "
                    "`coopact audit verify` says what is wrong with it"
                ) from None
            n, prev = (last["n"] + 1, last["mac"]) if last else (1, GENESIS)
            kid = self.keyring.current_id
            body: dict[str, object] = {
                "n": n,
                "seq": seq,
                "hash": hash_,
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
                "key_id": kid,
                "prev": prev,
            }
            if counts is not None:
                body["counts"] = dict(counts)
            body["mac"] = self.keyring.sign(NAMESPACE, _canonical(body), kid)
            handle.seek(0, os.SEEK_END)
            handle.write(json.dumps(body, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def read(self) -> AnchorReading:
        """Every anchor, checked line by line against the key and the previous line."""
        if not self.path.exists():
            return AnchorReading([], [])
        anchors: list[Anchor] = []
        problems: list[str] = []
        prev, expected = GENESIS, 1
        with self.path.open(encoding="utf-8") as handle:
            for number, raw in enumerate(handle, start=1):
                where = f"anchor log {self.path} line {number}"
                try:
                    body = json.loads(raw)
                    mac = body.pop("mac")
                    kid = str(body["key_id"])
                    valid = self.keyring.verify(NAMESPACE, _canonical(body), mac, kid)
                except (ValueError, KeyError, TypeError, SecretUnavailable):
                    problems.append(f"{where} is not a valid anchor (damaged or forged)")
                    break
                if not valid:
                    problems.append(f"{where} was altered or forged: its signature does not match")
                    break
                if body["n"] != expected or body["prev"] != prev:
                    problems.append(
                        f"{where} does not follow line {number - 1}: lines were removed"
                    )
                    break
                counts = body.get("counts")
                anchors.append(
                    Anchor(number, int(body["seq"]), str(body["hash"]), str(body["at"]), counts)
                )
                prev, expected = mac, expected + 1
        return AnchorReading(anchors, problems)


def _last_line(path: Path) -> dict[str, Any] | None:
    """The last anchor of the file (read backwards from its end), as its JSON object."""
    size = path.stat().st_size
    if size == 0:
        return None
    chunk = 4096
    with path.open("rb") as raw:
        start = max(0, size - chunk)
        while True:
            raw.seek(start)
            data = raw.read(size - start)
            lines = data.rstrip(b"\n").split(b"\n")
            if len(lines) > 1 or start == 0:
                return json.loads(lines[-1])  # type: ignore[no-any-return]
            start = max(0, start - chunk)
