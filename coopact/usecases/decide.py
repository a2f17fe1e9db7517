"""A person decides at a gate: the one door for `coopact decide`, a personal decision link,
an officer's legal approval or decision on someone's behalf at the portal, the Prefect
`decide` flows and an e-signature webhook.

:class:`Decide` carries the decision's inputs once; :func:`decide` records it and, on
someone's behalf, the evidence it rests on, in one transaction (exactly once: a replay
changes nothing; a refusal is kept in the audit log and raised, nothing else written);
then :func:`follow_up` runs what follows once: the next stage's work when the gate closed
and the partnership goes on, or, when it ends, the notice to those now awaited. The entry
points build the command and translate :class:`Decided` or the refusal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from coopact.contracts.errors import CoopactError
from coopact.contracts.lifecycle import FINAL, Gate, Stage
from coopact.services.decision_record import Decide, record
from coopact.services.decisions import DecisionResult
from coopact.services.notices import notify_gate
from coopact.services.work import AdvanceResult, advance
from coopact.usecases import failed_work


@dataclass(frozen=True)
class Decided:
    """The decision recorded (``applied`` False: a replay), and what followed it."""

    decision: DecisionResult
    after: AdvanceResult | None = None  # the next stage's work, when it ran
    work_error: CoopactError | None = None  # it refused; the decision stands
    notice_error: CoopactError | None = None  # those awaited not told yet (the mail waits)

    @property
    def applied(self) -> bool:
        return self.decision.applied

    @property
    def stage(self) -> str:
        """Where the partnership stands after everything that ran."""
        return self.after.stage if self.after is not None else self.decision.stage


class Adapters(Protocol):
    """What the follow-up runs on (:class:`coopact.bootstrap.writing.Adapters`)."""

    @property
    def uow(self) -> Callable[[], Any]: ...
    @property
    def templates(self) -> Path: ...
    @property
    def transport(self) -> Callable[[], Any] | None: ...
    @property
    def signature(self) -> Callable[[], Any] | None: ...


StageWork = Callable[[str, "dt.date | None"], "AdvanceResult"]
Notice = Callable[[str], object]


def decide(
    command: Decide,
    adapters: Adapters,
    *,
    work: StageWork | None = None,
    notice: Notice | None = None,
) -> Decided:
    """Record ``command`` once (with its evidence), then :func:`follow_up`. Raises the
    refusal (Refused, InvalidInput, NotFound, Conflict), nothing recorded but the refusal.

    ``work`` and ``notice`` stand in for the stage work and the gate notice (tests);
    by default they run on ``adapters``."""
    decision = record(adapters.uow(), command)
    return follow_up(
        decision, adapters, today=command.today, work=work, notice=notice, gate=command.gate
    )


def follow_up(
    decision: DecisionResult,
    adapters: Adapters,
    *,
    today: dt.date | None = None,
    work: StageWork | None = None,
    notice: Notice | None = None,
    gate: Gate | None = None,
) -> Decided:
    """What a recorded decision sets going, once: nothing while its gate is open; the next
    stage's work when it closed and the partnership goes on; when it ended, the notice to
    those now awaited (the exit's acknowledgement). A failure there is returned, not
    raised: the decision stands; the stage's work failed is kept as failed work, retried
    here by the next decision on the partnership (:mod:`coopact.usecases.failed_work`)."""
    if not decision.gate_closed and not failed_work.pending(adapters.uow(), decision.reference):
        return Decided(decision)
    if Stage(decision.stage) in FINAL:
        try:
            (notice or _gate_notice(adapters))(decision.reference)
        except CoopactError as error:
            return Decided(decision, notice_error=error)
        return Decided(decision)
    try:
        after = (work or stage_work(adapters))(decision.reference, today)
    except Exception as error:
        if not failed_work.retriable(error):
            raise
        kept = failed_work.keep(
            adapters, decision.reference, stage=decision.stage, gate=gate.value if gate else None,
            said=f"{decision.message} (the decision is recorded)", error=error,
        )  # fmt: skip
        return Decided(decision, work_error=kept)
    return Decided(decision, after)


def after_signatures(reference: str, adapters: Adapters) -> Decided:
    """The follow-up of the last signature a provider's webhook recorded (the webhook
    records it with its event: :func:`record_in`)."""
    signed = DecisionResult(reference, True, Stage.signed.value, True, "signed")
    return follow_up(signed, adapters)


def stage_work(adapters: Adapters) -> StageWork:
    """The automatic work up to the next gate (``services.work.advance``) on ``adapters``."""

    def run(reference: str, today: dt.date | None) -> AdvanceResult:
        return advance(
            adapters.uow(), reference, templates=adapters.templates, today=today,
            transport=adapters.transport() if adapters.transport else None,
            signature=adapters.signature() if adapters.signature else None,
        )  # fmt: skip

    return run


def _gate_notice(adapters: Adapters) -> Notice:
    def tell(reference: str) -> object:
        if adapters.transport is None:
            return 0
        return notify_gate(
            adapters.uow(), reference, adapters.transport(), templates=adapters.templates
        )

    return tell
