"""What a decision page offers and reads back: the outcomes the rules can accept (and why
another is not offered), the conditions of a go with conditions (several rows, each field
checked in the person's words, what was typed kept), and a refusal put in plain words."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from starlette.datastructures import FormData

from coopact.adapters.mail import gate_words
from coopact.adapters.mail.gate_words import outcome_label
from coopact.contracts import deciders
from coopact.contracts import decisions as rules
from coopact.contracts.conditions import Condition
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.entrypoints.web.texts import texts
from coopact.schemas import Partnership

ROWS = 2  # condition rows shown at first; "add a row" adds one
MAX_ROWS = 12


@dataclass(frozen=True)
class Offer:
    """The outcomes shown, and why one the gate knows is not."""

    outcomes: list[tuple[str, str]]
    withheld: str = ""


def offer(gate: Gate, blocking: int, lang: str) -> Offer:
    """Every outcome of ``gate`` the rules accept over ``blocking`` blocking findings."""
    shown, withheld = [], ""
    for outcome in deciders.outcomes(gate):
        label = outcome_label(outcome.value, lang)
        if rules.blocking_problem(gate, outcome, ["blocking"] * blocking):
            withheld = gate_words.not_offered(gate, label, blocking, lang)
            continue
        shown.append((outcome.value, label))
    return Offer(shown, withheld)


@dataclass
class ConditionField:
    """One row of the conditions, as typed, with the problems of each field."""

    what: str = ""
    owner: str = ""
    due: str = ""
    indicator: str = ""
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.what or self.owner or self.due or self.indicator)


@dataclass
class Typed:
    """What the person typed, given back to the page when something must be put right."""

    outcome: str = ""
    reason: str = ""
    rows: list[ConditionField] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the decision as a whole
    reason_problem: str = ""

    @property
    def has_problems(self) -> bool:
        return bool(self.problems or self.reason_problem or any(r.problems for r in self.rows))


def blank(gate: Gate) -> Typed:
    return Typed(rows=[ConditionField() for _ in range(ROWS if gate is Gate.review else 0)])


def _text(form: FormData, name: str, limit: int = 2000) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _date(text: str) -> dt.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read(
    form: FormData, gate: Gate, partnership: Partnership, lang: str, today: dt.date
) -> tuple[Typed, list[Condition]]:
    """The decision typed in ``form``, checked; the conditions when all are right."""
    t = texts(lang)
    typed = Typed(outcome=_text(form, "outcome", 64), reason=_text(form, "reason", 8000))
    if not typed.reason:
        typed.reason_problem = t["reason_missing"]
    if gate is not Gate.review:
        return typed, []
    indexes = sorted(
        {int(m.group(1)) for k in form for m in [re.fullmatch(r"cond_what_(\d+)", k)] if m}
    )[:MAX_ROWS]
    keys = {p.key for p in partnership.partners}
    conditions: list[Condition] = []
    for i in indexes:
        row = ConditionField(
            _text(form, f"cond_what_{i}", 500),
            _text(form, f"cond_owner_{i}", 64),
            _text(form, f"cond_due_{i}", 32),
            _text(form, f"cond_indicator_{i}", 300),
        )
        typed.rows.append(row)
        if row.empty:
            continue
        due = _date(row.due)
        if not row.what:
            row.problems["what"] = t["cond_what_missing"]
        if row.owner not in keys:
            row.problems["owner"] = t["cond_owner_missing"]
        if due is None:
            row.problems["due"] = t["cond_due_missing"]
        elif due < today:
            row.problems["due"] = t["cond_due_past"]
        if not row.problems and due is not None:
            conditions.append(Condition(row.what, row.owner, due, row.indicator or None))
    filled = [r for r in typed.rows if not r.empty]
    if typed.outcome == Outcome.go_with_conditions.value and not filled:
        typed.problems.append(t["cond_none"])
    if typed.outcome != Outcome.go_with_conditions.value and filled:
        typed.problems.append(t["cond_only"])
    while len(typed.rows) < ROWS:
        typed.rows.append(ConditionField())
    return typed, conditions


def add_row(typed: Typed) -> Typed:
    if len(typed.rows) < MAX_ROWS:
        typed.rows.append(ConditionField())
    return typed


_JUSTIFY = re.compile(r"needs a justification of at least (\d+) characters")


def plain_refusal(message: str, lang: str) -> tuple[str, bool]:
    """A refusal of the rules in the person's words; and whether the person can put it
    right on the page (else the partnership officer is told)."""
    t = texts(lang)
    found = _JUSTIFY.search(message)
    if found:
        return t["justify"].format(n=found.group(1)), True
    if "is not the current agreement" in message or "not the current" in message:
        return t["document_changed"], True
    if "states its reason" in message:
        return t["reason_missing"], True
    return t["refused_text"], False
