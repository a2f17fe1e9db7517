"""One partnership's method scorecard, stored with the fingerprint of its inputs so that it
never goes stale silently (issue 25: `status REF` within 1.5x of the bare imports).

The fingerprint (:func:`fingerprint`) is the SHA-256 of everything the card is computed
from: the file's hash (``spec_sha256``, itself re-checked when the file is read), the
stored findings (each code, severity, factor, stage, path and parameters, in their order),
the stage (whether the balance was accepted), the file's language, the content of the
configured clause library's files (a lawyer editing a clause changes it) and coopact's
version and rules (the source of :mod:`coopact.contracts`, :mod:`coopact.schemas` and of
the modules computing the card). The card is stored with the HMAC, under the home's key,
of that fingerprint and of the card's text (:func:`seal`), so that whoever holds the
database without the key can neither plant nor edit a card. A stored card is shown only
when the seal computed now from what `status REF` reads anyway matches; otherwise it is
computed as before (:mod:`coopact.services.scorecard_compute`, which imports the schema
and the rules) and kept, in a short transaction of its own that gives up on a read-only
or busy database (:class:`coopact.store.scorecards.StoredScorecards`). The card keeps the
texts of its findings' codes, which their rule modules declare: a hit imports neither.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import coopact
from coopact.adapters.config import settings
from coopact.contracts.finding_texts import declare_known, declared
from coopact.store.keys import SecretUnavailable

_PACKAGE = Path(coopact.__file__).resolve().parent
# What the card is computed by: a change there (an upgrade, an edited rule) changes the card.
RULES = ("contracts", "schemas")
RULE_FILES = (
    "services/scorecards.py",
    "services/scorecard_compute.py",
    "services/_common.py",
    "adapters/documents/clause_library.py",
)


def _computing() -> Callable[[Any, Sequence[Any]], list[dict[str, Any]]]:
    # Imported here, on a miss only (or by the listing, for every rule's sentences): the
    # partnership schema, the rules and the clause library (about 140 ms of CPU, issue 25).
    from coopact.services.scorecard_compute import scorecard_of  # start-up: on a miss only

    return scorecard_of


def declare_every_rule() -> None:
    """Import the rules (declaring every finding's sentences), as the listing needs."""
    _computing()


@functools.cache
def rules_digest() -> str:
    """coopact's version and the source of the modules the card is computed by."""
    digest = hashlib.sha256(coopact.__version__.encode())
    paths = [p for d in RULES for p in sorted((_PACKAGE / d).rglob("*.py"))]
    for path in [*paths, *(_PACKAGE / f for f in RULE_FILES)]:
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def clauses_digest(templates: Path) -> str:
    """The content of the clause library's files (``clauses/<language>/*.md``)."""
    digest = hashlib.sha256()
    for path in sorted((templates / "clauses").glob("*/*.md")):
        digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(row: Any, found: Iterable[Any], templates: Path) -> str:
    """The SHA-256 of the card's inputs: the file ``row`` (its hash, stage, language), its
    stored findings ``found``, the clause library under ``templates``, coopact's rules."""
    inputs = {
        "file": row.spec_sha256,
        "stage": row.stage,
        "language": row.spec.get("language"),
        "findings": [[f.code, f.severity, f.factor, f.stage, f.path, f.params] for f in found],
        "clauses": clauses_digest(templates),
        "rules": rules_digest(),
    }
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def seal(key: bytes, fingerprint: str, card: str) -> str:
    """The HMAC, under the home's key, of the card's inputs (``fingerprint``) and of the
    card's stored text: what the ``fingerprint`` column holds. Someone holding the database
    but not the key can neither plant a card nor edit one: it no longer matches, and the
    card is computed again from the file and the findings."""
    message = fingerprint.encode() + b"\0" + card.encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _key(uow: Any) -> bytes | None:
    """The key the cards are sealed with; None without a usable key (the card is then
    computed every time and never stored)."""
    try:
        return bytes(uow.keyring.key("scorecard"))
    except SecretUnavailable:
        return None


class Lookup:
    """One partnership's card: the stored one when its seal matches its inputs now and its
    text (its findings' texts then declared), else computed when asked (:meth:`card`) and
    kept (:meth:`keep`)."""

    def __init__(self, uow: Any, row: Any) -> None:
        self.uow, self.row = uow, row
        self.found = uow.partnerships.findings(row)
        self.fingerprint = fingerprint(row, self.found, settings().templates)
        self.key = _key(uow)
        held = uow.scorecards.get(row.id)
        self.hit = (
            held is not None
            and self.key is not None
            and hmac.compare_digest(held[0], seal(self.key, self.fingerprint, held[1]))
        )
        self._card: list[dict[str, Any]] | None = None
        self._kept: str | None = None
        if held is not None and self.hit:
            stored = json.loads(held[1])
            declare_known(stored["texts"])
            self._card = stored["scorecard"]
        else:
            declare_every_rule()  # the findings' sentences, before they are written

    def card(self) -> list[dict[str, Any]]:
        if self._card is None:
            self._card = _computing()(self.row, self.found)
            texts = declared(sorted({f.code for f in self.found}))
            stored = {"scorecard": self._card, "texts": texts}
            self._kept = json.dumps(stored, ensure_ascii=False)
        return self._card

    def keep(self) -> bool:
        """Store a card computed here (outside the reading transaction); False when there
        was none to keep or it could not be stored."""
        if self._kept is None or self.key is None:
            return False
        sealed = seal(self.key, self.fingerprint, self._kept)
        return bool(self.uow.scorecards.keep(self.row.id, sealed, self._kept))
