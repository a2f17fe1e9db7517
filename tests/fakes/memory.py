"""In-memory stand-ins for the store (Build 7): a unit of work over a dictionary, with the
repositories the use cases reach through it (``uow.partnerships``, ``uow.decisions``,
``uow.people``) and the audit chain as a list of events, so that a use case runs without a
database. Transactions behave as the real one's: what is written is seen by the same
transaction, kept by ``commit()``, dropped by ``rollback()`` or by leaving the block.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from coopact.contracts.errors import NotFound
from coopact.store.keys import Keyring

Row = SimpleNamespace


@dataclass
class State:
    """What a database holds: rows as plain objects, and the audit events."""

    partnerships: dict[str, Row] = field(default_factory=dict)
    documents: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)
    schedule: list[Row] = field(default_factory=list)
    decisions: list[Row] = field(default_factory=list)
    conditions: list[Row] = field(default_factory=list)
    evidence: list[Row] = field(default_factory=list)
    texts: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    failed_work: dict[int, Row] = field(default_factory=dict)
    next_id: int = 1

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id


class MemoryDatabase:
    """The committed state, shared by every unit of work made from it."""

    def __init__(self) -> None:
        self.state = State()
        self.commits = 0

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self)

    # Seeding (a registered partnership, its documents), committed at once -----------------
    def add_partnership(self, reference: str, spec: dict[str, Any], stage: str) -> Row:
        row = Row(
            id=self.state.new_id(), reference=reference, title=spec.get("title", reference),
            stage=stage, spec={**spec, "reference": reference},
            spec_sha256=hashlib.sha256(repr(sorted(spec.items())).encode()).hexdigest(),
            rounds={}, updated_at=dt.datetime.now(dt.UTC),
        )  # fmt: skip
        self.state.partnerships[reference] = row
        return row

    def add_document(self, reference: str, kind: str, content: bytes = b"document") -> Row:
        row = self.state.partnerships[reference]
        document = Row(
            id=self.state.new_id(), partnership_id=row.id, kind=kind,
            version=1 + sum(d.kind == kind for d in self.state.documents),
            language=row.spec.get("language", "fr"), spec_sha256=row.spec_sha256,
            sha256=hashlib.sha256(content).hexdigest(), filename=f"{kind}.docx",
            content=content,
        )  # fmt: skip
        self.state.documents.append(document)
        return document

    def add_review(self, reference: str, due_on: dt.date) -> Row:
        row = self.state.partnerships[reference]
        item = Row(id=self.state.new_id(), partnership_id=row.id, kind="review",
                   subject="review", due_on=due_on, done_at=None)  # fmt: skip
        self.state.schedule.append(item)
        return item

    # What a user would notice ------------------------------------------------------------
    def stage(self, reference: str) -> str:
        return str(self.state.partnerships[reference].stage)

    def actions(self, reference: str | None = None) -> list[str]:
        return [e.action for e in self.state.events if reference in (None, e.reference)]


class InMemoryUnitOfWork:
    """``with uow: ... uow.commit()`` over a :class:`MemoryDatabase`."""

    def __init__(self, database: MemoryDatabase) -> None:
        self.database = database
        self.keyring = Keyring((b"in-memory secret key for the fakes, 32+ bytes",))
        self.anchor = None
        self._working: State | None = None

    def __enter__(self) -> InMemoryUnitOfWork:
        self._working = copy.deepcopy(self.database.state)
        self.partnerships = MemoryPartnerships(self._working)
        self.decisions = MemoryDecisions(self._working)
        self.people = MemoryPersonalTexts(self._working)
        self.failed_work = MemoryFailedWork(self._working)
        return self

    def __exit__(self, *exc: object) -> None:
        self._working = None

    @property
    def state(self) -> State:
        assert self._working is not None, "outside `with uow:`"
        return self._working

    def audit(
        self, action: str, *, actor: str, reference: str | None = None, **payload: Any
    ) -> None:
        self.state.events.append(
            Row(action=action, actor=actor, reference=reference, payload=payload)
        )

    def commit(self) -> None:
        self.database.state = copy.deepcopy(self.state)
        self.database.commits += 1

    def rollback(self) -> None:
        self._working = copy.deepcopy(self.database.state)
        self.__rebind()

    def flush(self) -> None:
        return None

    def __rebind(self) -> None:
        self.partnerships = MemoryPartnerships(self.state)
        self.decisions = MemoryDecisions(self.state)
        self.people = MemoryPersonalTexts(self.state)
        self.failed_work = MemoryFailedWork(self.state)


class MemoryFailedWork:
    """:class:`store.failed_work.FailedWorkRepository` over the state."""

    def __init__(self, state: State) -> None:
        self.state = state

    def of(self, row: Row) -> Row | None:
        return self.state.failed_work.get(row.id)

    def record(self, row: Row, *, stage: str, gate: str | None, error: str) -> Row | None:
        held = self.state.failed_work.get(row.id)
        if held is not None:
            held.attempts, held.error = held.attempts + 1, error
            return None
        failed = Row(stage=stage, gate=gate, error=error, attempts=1)
        self.state.failed_work[row.id] = failed
        return failed

    def clear(self, row: Row) -> bool:
        return self.state.failed_work.pop(row.id, None) is not None


class MemoryPartnerships:
    """The reads of :class:`store.repository.PartnershipRepository` a decision makes."""

    def __init__(self, state: State) -> None:
        self.state = state

    def find(self, reference: str) -> Row | None:
        return self.state.partnerships.get(reference)

    def get(self, reference: str) -> Row:
        row = self.find(reference)
        if row is None:
            raise NotFound(f"no partnership {reference}; `coopact status` lists the partnerships")
        return row

    get_for_update = get

    def documents(self, row: Row, kind: str | None = None) -> list[Row]:
        return [
            d for d in self.state.documents
            if d.partnership_id == row.id and kind in (None, d.kind)
        ]  # fmt: skip

    def decisions(self, row: Row, gate: str, round_: int) -> list[Row]:
        return [
            d for d in self.state.decisions
            if d.partnership_id == row.id and d.gate == gate and d.round == round_
        ]  # fmt: skip

    def decision_by_key(self, key: str) -> Row | None:
        return next((d for d in self.state.decisions if d.idempotency_key == key), None)

    def findings(self, row: Row) -> list[Row]:
        return [f for f in self.state.findings if f.partnership_id == row.id]

    def next_review(self, reference: str) -> tuple[Row | None, Row | None]:
        row = self.find(reference)
        if row is None:
            return None, None
        due = [
            s for s in self.state.schedule
            if s.partnership_id == row.id and s.kind == "review" and s.done_at is None
        ]  # fmt: skip
        return row, min(due, key=lambda s: (s.due_on, s.id), default=None)


class MemoryDecisions:
    """:class:`store.decisions.DecisionRepository` in memory."""

    def __init__(self, state: State) -> None:
        self.state = state

    def add(self, row: Row, **fields: Any) -> Row | None:
        if any(d.idempotency_key == fields["idempotency_key"] for d in self.state.decisions):
            return None  # the unique key: recorded concurrently
        decision = Row(id=self.state.new_id(), partnership_id=row.id, **fields)
        self.state.decisions.append(decision)
        return decision

    def add_conditions(self, row: Row, decision: Row, round_: int, conditions: Any) -> None:
        for c in conditions:
            self.state.conditions.append(
                Row(partnership_id=row.id, decision_id=decision.id, round=round_, what=c.what,
                    owner=c.owner, due_on=c.due_on, indicator=c.indicator)
            )  # fmt: skip

    def add_evidence(self, row: Row, **fields: Any) -> None:
        self.state.evidence.append(Row(partnership_id=row.id, **fields))


class MemoryPersonalTexts:
    """:class:`store.people.PersonalTexts` in memory."""

    def __init__(self, state: State) -> None:
        self.state = state

    def keep(self, text: str, person_id: str | None = None, name: str | None = None) -> str:
        digest = hashlib.sha256(text.encode()).hexdigest()
        self.state.texts.append(Row(sha256=digest, person_id=person_id, text=text, name=name))
        return digest
