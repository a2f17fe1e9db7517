"""`coopact erase PERSON`: a person's name, e-mail and reasons removed from coopact's
tables, the stored partnership files, the mail queue and the mail outbox, once every
partnership naming them has been closed (or terminated) for longer than the retention.

The audit chain names people by pseudonymous ids and free text by its SHA-256
(:mod:`store.people`): it is not edited, and still verifies. The documents generated for
a partnership (the signed agreement first) are kept: a legal obligation.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from coopact.adapters.settings import environ as config_environ
from coopact.contracts import retention as retention_rule
from coopact.contracts.errors import EnvironmentProblem, InvalidInput, Problem, Refused
from coopact.contracts.lifecycle import Stage
from coopact.contracts.roles import person_key, same_person
from coopact.schemas import Partnership
from coopact.services._common import spec_hash
from coopact.store import pseudonyms
from coopact.store.records import (
    DecisionLinkRow,
    DecisionRequestRow,
    DecisionRow,
    PartnershipRow,
)
from coopact.store.uow import UnitOfWork
from coopact.store.verification import STAGE_EVENTS

DEFAULT_RETENTION_DAYS = 3650
ENDED = (Stage.closed.value, Stage.terminated.value)


def retention_days(environ: Mapping[str, str] | None = None) -> int:
    """``COOPACT_RETENTION_DAYS`` (default 3650, ten years)."""
    env = config_environ() if environ is None else environ
    value = env.get("COOPACT_RETENTION_DAYS", "").strip()
    if not value:
        return DEFAULT_RETENTION_DAYS
    if not value.isdigit():
        raise EnvironmentProblem(
            f"COOPACT_RETENTION_DAYS must be a whole number of days, not {value!r}"
        )
    return int(value)


@dataclass
class Erasure:
    person_ids: list[str]
    partnerships: list[str]
    decisions: int = 0
    links: int = 0
    requests: int = 0
    texts: int = 0
    mails: list[Path] = field(default_factory=list)
    queued: int = 0  # mails still waiting in the mail queue, deleted
    documents_kept: int = 0
    legacy_events: int = 0  # chain events written before pseudonymous ids that name them


def _names(value: Any, name: str) -> bool:
    """Whether a stored value (a file, a request) names the person anywhere."""
    if isinstance(value, dict):
        return any(_names(v, name) for v in value.values())
    if isinstance(value, list):
        return any(_names(v, name) for v in value)
    return isinstance(value, str) and person_key(name) in person_key(value)


def _scrub(value: Any, name: str, emails: set[str]) -> Any:
    """``value`` with the person's name replaced by "[effacé]" and their e-mail removed;
    a record naming them loses its e-mail and reason too."""
    if isinstance(value, list):
        return [_scrub(v, name, emails) for v in value]
    if isinstance(value, dict):
        theirs = any(
            isinstance(v, str) and same_person(v, name)
            for k, v in value.items()
            if k in ("name", "decider", "person")
        )
        out: dict[str, Any] = {}
        for key, item in value.items():
            if theirs and key == "email":
                continue
            if theirs and key == "reason":
                out[key] = pseudonyms.ERASED
            else:
                out[key] = _scrub(item, name, emails)
        return out
    if isinstance(value, str):
        if same_person(value, name) or value.casefold() in emails:
            return pseudonyms.ERASED
        if person_key(name) in person_key(value):
            return pseudonyms.ERASED
    return value


def _emails(spec: Any, name: str) -> set[str]:
    found: set[str] = set()
    if isinstance(spec, dict):
        theirs = isinstance(spec.get("name"), str) and same_person(spec["name"], name)
        if theirs and spec.get("email"):
            found.add(str(spec["email"]).casefold())
        for v in spec.values():
            found |= _emails(v, name)
    elif isinstance(spec, list):
        for v in spec:
            found |= _emails(v, name)
    return found


def _ended_on(uow: UnitOfWork, row: PartnershipRow) -> dt.datetime | None:
    """When the chain last moved the partnership to closed or terminated."""
    ended = None
    for event in uow.events.of(row.reference, actions=list(STAGE_EVENTS)):
        key = STAGE_EVENTS.get(event.action)
        if key and event.payload.get(key) in ENDED:
            ended = event.at if event.at.tzinfo else event.at.replace(tzinfo=dt.UTC)
    return ended


def _mail_names(path: Path, name: str, emails: set[str]) -> bool:
    return _message_names(path.read_bytes(), name, emails)


def _message_names(raw: bytes, name: str, emails: set[str]) -> bool:
    """Whether a mail (its headers or its text) names the person or one of their e-mails."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = [f"{k}: {v}" for k, v in message.items()]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(str(part.get_content()))
    text = "\n".join(parts)
    return person_key(name) in person_key(text) or any(e in text.casefold() for e in emails)


def erase(
    uow: UnitOfWork,
    name: str,
    *,
    outbox: Path,
    retention: int,
    actor: str,
    now: dt.datetime | None = None,
) -> Erasure:
    """Erase ``name`` everywhere coopact keeps it, or refuse (nothing changed) saying which
    partnership still keeps the person and why."""
    now = now or dt.datetime.now(dt.UTC)
    if not name.strip() or same_person(name, pseudonyms.ERASED):
        raise InvalidInput("person", [Problem("", "give the name of the person to erase")])
    with uow:
        naming = _naming(uow, name)
        keeping = naming.keeping
        if not keeping:
            raise Refused(f"no partnership names {name}: there is nothing to erase")
        _refuse_within_retention(uow, keeping, name, retention=retention, today=now.date())
        pids = sorted(pseudonyms.pseudonyms(uow.keyring, name))
        emails: set[str] = set()
        for row in keeping:
            emails |= _emails(row.spec, name)
        emails |= {lk.email.casefold() for lk in naming.links if lk.email}
        done = Erasure(person_ids=pids, partnerships=[r.reference for r in keeping])
        _scrub_records(naming, name, emails, done)
        texts = [
            t
            for t in uow.erasure.texts()
            if t.person_id in pids or person_key(name) in person_key(t.text)
        ]
        uow.erasure.delete_texts([t.id for t in texts])
        uow.erasure.forget_scorecards([r.id for r in keeping])
        done.texts = len([t for t in texts if t.sha256 != pseudonyms.NAME])
        for row in keeping:
            _erase_from_file(uow, row, name, emails, done, actor=actor)
        done.queued = uow.mail.erase(emails, lambda raw: _message_names(raw, name, emails))
        if outbox.is_dir():
            done.mails = [p for p in sorted(outbox.rglob("*.eml")) if _mail_names(p, name, emails)]
        uow.commit()
    for path in done.mails:
        path.unlink(missing_ok=True)
    return done


class _Naming(NamedTuple):
    """The partnerships keeping a person, and the decisions, links and requests naming them."""

    keeping: list[PartnershipRow]
    decisions: list[DecisionRow]
    links: list[DecisionLinkRow]
    requests: list[DecisionRequestRow]


def _naming(uow: UnitOfWork, name: str) -> _Naming:
    """What names the person: their decisions, links and requests, and the partnerships
    these belong to or whose file names them."""
    rows = uow.erasure.partnerships()
    decisions = [d for d in uow.erasure.decisions() if same_person(d.decider, name)]
    links = [lk for lk in uow.erasure.links() if same_person(lk.person, name)]
    requests = [r for r in uow.erasure.requests() if _names(r.request, name)]
    ids = {d.partnership_id for d in decisions} | {lk.partnership_id for lk in links}
    refs = {r.reference for r in requests}
    keeping = [r for r in rows if r.id in ids or r.reference in refs or _names(r.spec, name)]
    return _Naming(keeping, decisions, links, requests)


def _refuse_within_retention(
    uow: UnitOfWork, keeping: list[PartnershipRow], name: str, *, retention: int, today: dt.date
) -> None:
    """Refuse while a partnership keeping the person has not ended for longer than the
    retention (:func:`coopact.contracts.retention.erasure_refusal`)."""
    for row in keeping:
        ended = _ended_on(uow, row) if row.stage in ENDED else None
        refusal = retention_rule.erasure_refusal(
            name, row.reference, Stage(row.stage), ended.date() if ended else None,
            retention, today,
        )  # fmt: skip
        if refusal:
            raise Refused(refusal)


def _scrub_records(naming: _Naming, name: str, emails: set[str], done: Erasure) -> None:
    """The person's decisions, links and requests erased, counted in ``done``."""
    for decision in naming.decisions:
        decision.decider = pseudonyms.ERASED
        decision.reason = pseudonyms.ERASED
    done.decisions = len(naming.decisions)
    for link in naming.links:
        link.person = pseudonyms.ERASED
        link.email = None
    done.links = len(naming.links)
    for request in naming.requests:
        request.request = _scrub(request.request, name, emails)
    done.requests = len(naming.requests)


def _erase_from_file(
    uow: UnitOfWork,
    row: PartnershipRow,
    name: str,
    emails: set[str],
    done: Erasure,
    *,
    actor: str,
) -> None:
    """The person erased from one partnership's file (refused when the file would no longer
    be valid) and its documents' inputs; the erasure in the audit chain."""
    scrubbed = _scrub(row.spec, name, emails)
    try:
        Partnership.model_validate(scrubbed)
    except ValidationError:
        raise Refused(
            f"{name} cannot be erased from {row.reference}'s file: the file would no "
            "longer be valid without them; nothing was changed"
        ) from None
    row.spec = scrubbed
    row.spec_sha256 = spec_hash(row.spec)
    for document in uow.partnerships.documents(row):  # kept; their inputs scrubbed
        done.documents_kept += 1
        if document.inputs and _names(document.inputs, name):
            document.inputs = _scrub(document.inputs, name, emails)
    done.legacy_events += sum(
        1
        for e in uow.events.of(row.reference)
        if _names({"actor": e.actor, "payload": e.payload}, name)
    )
    uow.audit(
        "person.erased",
        actor=actor,
        reference=row.reference,
        person_ids=done.person_ids,
        spec_sha256=row.spec_sha256,
        decisions=done.decisions,
        links=done.links,
    )
