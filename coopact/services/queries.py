"""Reading where partnerships stand: status, history, documents, the audit chain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coopact.contracts.errors import Refused
from coopact.services.scorecards import Lookup, declare_every_rule
from coopact.services.status_view import StatusView
from coopact.store import pseudonyms as people

if TYPE_CHECKING:  # history and documents read without the ORM too (store/reading.py)
    from coopact.store.reading import ReadOnlyUnitOfWork
    from coopact.store.uow import UnitOfWork
    from coopact.store.verification import AuditReport

    Reads = UnitOfWork | ReadOnlyUnitOfWork

__all__ = [
    "document_content", "documents", "history", "status", "status_views",
    "verify_audit",
]  # fmt: skip


# --------------------------------------------------------------------------- status
BATCH = 2000  # partnerships read together, in a transaction of their own


def status(uow: Reads, reference: str | None = None) -> list[StatusView]:
    """Where each partnership stands (:func:`status_views`, as a list)."""
    return list(status_views(uow, reference))


def status_views(
    uow: Reads, reference: str | None = None, *, batch: int = BATCH
) -> Iterator[StatusView]:
    """Where each partnership stands, by reference, ``batch`` partnerships at a time (each
    batch its own short transaction, its views handed out before the next is read, so
    that memory stays flat). A batch is read in a few queries whatever its size: findings,
    document summaries, the open schedule, and the after-signature facts; no document
    content, and of each file only its language and term. The whole file and the gate's
    decisions are read only for a partnership awaiting a gate (what is awaited, and from
    whom)."""
    # Imported here: `history`, `documents` and `audit verify` import this module and need
    # neither the rules nor the partnership schema the status is built with (start-up rule,
    # tests/integration/test_cli_startup.py).
    from coopact.services.status_build import (  # start-up: no schema, no rules
        check_evidence,
        status_batch,
    )

    with uow:
        ids = [uow.partnerships.get(reference).id] if reference else uow.status.ids()
    if reference is None:
        declare_every_rule()  # the sentences of every partnership's findings
    for start in range(0, len(ids), batch):
        card = None
        with uow:
            if reference:  # the stored scorecard, if still true, declares its findings' texts
                row = uow.partnerships.get(reference)
                card = Lookup(uow, row)
            views = status_batch(uow, ids[start : start + batch])
            if card is not None:
                check_evidence(uow, row)
                views[0].scorecard = card.card()
        if card is not None:
            card.keep()  # a card computed here, in a short transaction of its own
        yield from views


# --------------------------------------------------------------------------- history, documents
def history(uow: Reads, reference: str) -> list[dict[str, Any]]:
    """The partnership's events, oldest first; the chain names people by pseudonymous ids
    and free text by its SHA-256: names and reasons are joined back from the tables while
    they are kept, "[effacé]" once erased."""
    with uow:
        row = uow.partnerships.get(reference)
        events = uow.status.events(reference)
        decisions = {d.id: d for d in row.decisions}
        names = known_people(uow, row)
        texts = uow.status.kept_texts(
            {str(e.payload["reason_sha256"]) for e in events
                          if "reason_sha256" in e.payload}
        )  # fmt: skip

        def shown(pid: str) -> str:
            return names.get(pid, people.ERASED)

        result = []
        for e in events:
            joined: dict[str, Any] = {}  # names and reasons first, the chain's ids after
            if "decider_id" in e.payload:
                joined["decider"] = shown(str(e.payload["decider_id"]))
            if "reason_sha256" in e.payload:
                decision = decisions.get(e.payload.get("decision_id"))
                digest = e.payload["reason_sha256"]
                if decision is not None and people.text_hash(decision.reason) == digest:
                    joined["reason"] = decision.reason
                else:
                    joined["reason"] = texts.get(str(digest), people.ERASED)
            payload = {**joined, **e.payload}
            result.append(
                {
                    "seq": e.seq,
                    "at": e.at.isoformat(timespec="seconds"),
                    "actor": PSEUDONYM.sub(lambda m: shown(m.group(0)), e.actor),
                    "action": e.action,
                    "payload": payload,
                }
            )
        return result


def known_people(uow: Reads, row: Any, person_ids: set[str] | None = None) -> dict[str, str]:
    """Pseudonymous person id -> name, for the people a partnership's tables still name
    (of the names kept apart, only those of ``person_ids`` when given)."""
    names: dict[str, str] = uow.status.kept_names(person_ids)
    for name in {d.decider for d in row.decisions} | _names_in(row.spec):
        if name != people.ERASED:
            for pid in _pseudonyms(uow.keyring, name):
                names[pid] = name
    return names


# A name's ids under each secret of the keyring (an HMAC each), once per process.
_PSEUDONYMS: dict[tuple[tuple[bytes, ...], str], set[str]] = {}


def _pseudonyms(keyring: Any, name: str) -> set[str]:
    key = (keyring.secrets, name)
    found = _PSEUDONYMS.get(key)
    if found is None:
        if len(_PSEUDONYMS) > 100_000:
            _PSEUDONYMS.clear()
        found = _PSEUDONYMS[key] = people.pseudonyms(keyring, name)
    return found


def readable_actor(actor: str, names: dict[str, str]) -> str:
    """An event's actor with its pseudonymous ids shown as names, or "[effacé]"."""
    return PSEUDONYM.sub(lambda m: names.get(m.group(0), people.ERASED), actor)


PSEUDONYM = re.compile(r"p-[0-9a-f]{12}-[0-9a-f]{32}")


def _names_in(spec: Any) -> set[str]:
    """Every person's name in a partnership file (people, sponsors, signatories...)."""
    found: set[str] = set()
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "name" and isinstance(value, str) and "legal_form" not in spec:
                found.add(value)
            else:
                found |= _names_in(value)
    elif isinstance(spec, list):
        for item in spec:
            found |= _names_in(item)
    return found


def documents(uow: Reads, reference: str) -> list[Any]:
    with uow:
        row: Any = uow.partnerships.get(reference)  # an ORM row, or a Core one (read side)
        return uow.partnerships.documents(row)


def document_content(uow: Reads, reference: str, kind: str, version: int | None = None) -> Any:
    with uow:
        row: Any = uow.partnerships.get(reference)
        rows = uow.partnerships.documents(row, kind)
        if version is not None:
            rows = [r for r in rows if r.version == version]
        if not rows:
            raise Refused(
                f"{reference} has no {kind} document" + (f" version {version}" if version else "")
            )
        return rows[-1]


def verify_audit(uow: Reads) -> AuditReport:
    """The chain against the key and every anchor, and the tables against the chain."""
    with uow:
        return uow.status.verify(uow.keyring, uow.anchor)
