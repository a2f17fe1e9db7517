"""Life after the signature, outside the gates: avenants proposed, notices given,
renewal reminders and deadlines, the end of the term, conditions met."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coopact.adapters.config import settings
from coopact.contracts import authorisation, deciders, lifecycle, renewal
from coopact.contracts import decisions as rules
from coopact.contracts.amendment import renewal_term_months, renewed_spec
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Event, Gate, Outcome, Stage
from coopact.schemas import Partnership
from coopact.services._common import (
    SYSTEM,
    _refuse,
    canonical_spec,
    differences,
    partnership_of,
    spec_hash,
)
from coopact.services.acts import terminate
from coopact.services.avenants import (
    adopt_spec,
    draft_avenant,
    pending_amendment,
    renewal_terms,
)
from coopact.services.exits import exit_facts
from coopact.services.rounds import open_new_round
from coopact.services.status_after import conditions_of
from coopact.services.stored_documents import store_documents
from coopact.stages import exit_acts
from coopact.store.records import PartnershipRow, ScheduleRow
from coopact.store.uow import UnitOfWork

AMENDED_BY_AVENANT = frozenset({Stage.signed, Stage.active})


# --------------------------------------------------------------------------- avenants
def propose_amendment(
    uow: UnitOfWork,
    reference: str,
    partnership: Partnership,
    *,
    effective_on: dt.date,
    actor: str,
    decision: str | None = None,
) -> list[str]:
    """Draft the avenant that turns the signed file into ``partnership``; the legal approval
    is then awaited. While the renewal is under way, ``partnership`` gives the terms of the
    new term instead (amounts, instalments...), which the renewal avenant carries. Returns
    the field paths changed ([] when none: nothing is done)."""
    with uow:
        row = uow.partnerships.get_for_update(reference)
        spec = {**canonical_spec(partnership), "reference": reference}
        changed = differences({**row.spec, "reference": reference}, spec)
        if not changed:
            return []
        stage = Stage(row.stage)
        problem = None
        if stage is Stage.in_renewal and partnership.start_date == partnership_of(row).start_date:
            _renewal_terms(uow, row, spec, changed, actor=actor)
            uow.commit()
            return changed
        if stage not in AMENDED_BY_AVENANT:
            problem = (
                f"{reference} is {stage.value}: an avenant is proposed for a signed or active "
                "partnership, once the gate under way has closed"
            )
        elif pending_amendment(uow, row) is not None:
            problem = f"{reference} already has an avenant under way: it is decided first"
        elif partnership.start_date != partnership_of(row).start_date:
            problem = "an avenant does not move the start date of a signed agreement"
        if problem:
            _refuse(uow, reference, actor, "amend", problem)
        amendment, _ = draft_avenant(
            uow, row, partnership, kind="amendment", effective_on=effective_on,
            status="proposed", decision=decision,
        )  # fmt: skip
        new_stage = lifecycle.move(stage, Event.amendment_proposed)
        row.stage = new_stage.value
        open_new_round(row, [Gate.amendment_approval, Gate.amendment_signature])
        uow.audit(
            "stage.changed",
            actor=actor,
            reference=reference,
            event=Event.amendment_proposed.value,
            stage_from=stage.value,
            stage_to=new_stage.value,
            avenant=amendment.number,
        )
        row.updated_at = dt.datetime.now(dt.UTC)
        uow.commit()
    return changed


def _renewal_terms(
    uow: UnitOfWork, row: PartnershipRow, spec: dict[str, Any], changed: list[str], *, actor: str
) -> None:
    """Record the terms of the new term set at the renewal gate (replacing earlier ones)."""
    earlier = renewal_terms(uow, row)
    if earlier is not None:
        earlier.status = "replaced"
    drafts = uow.acts.amendment_numbers(row)
    number = min([0, *drafts]) - 1  # drafts are numbered below 0: avenants keep 1, 2...
    uow.acts.add_amendment(
        row, number=number, kind="renewal_terms", status="draft",
        spec=spec, spec_sha256=spec_hash(spec), changed=changed,
        effective_on=partnership_of(row).end_date + dt.timedelta(days=1),
    )  # fmt: skip
    uow.audit("renewal.terms_set", actor=actor, reference=row.reference, changed=changed[:50],
              spec_sha256=spec_hash(spec))  # fmt: skip
    row.updated_at = dt.datetime.now(dt.UTC)


# --------------------------------------------------------------------------- renewal
def _notices(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership
) -> list[dict[str, Any]]:
    end = partnership.end_date.isoformat()
    return [
        e.payload
        for e in uow.events.of(row.reference, actions=["renewal.notice_given"])
        if e.payload.get("end_date") == end
    ]


def give_notice(
    uow: UnitOfWork,
    reference: str,
    decider: deciders.Decider,
    given_on: dt.date,
    reason: str,
    *,
    actor: str,
) -> str:
    """A partner's notice not to renew, given by its sponsor before the notice deadline: a
    decision at the renewal gate (outcome end), with its date; the lettre de
    non-renouvellement is written at once. The partnership runs to the end of its term."""
    with uow:
        row = uow.partnerships.get_for_update(reference)
        partnership = partnership_of(row)
        try:
            _check_notice(uow, row, partnership, decider, given_on, reason)
        except Refused as refusal:
            _refuse(uow, reference, actor, "give notice", refusal.message)
        round_ = int((row.rounds or {}).get(Gate.renewal.value, 1))
        key = rules.idempotency_key(
            reference, Gate.renewal, round_, decider, Outcome.end, f"notice:{given_on}"
        )
        uow.decisions.add(
            row,
            gate=Gate.renewal.value,
            round=round_,
            decider=decider.name,
            role=decider.role.value,
            partner_key=decider.partner_key,
            outcome=Outcome.end.value,
            reason=reason,
            document_sha256=None,
            idempotency_key=key,
        )
        uow.audit(
            "renewal.notice_given",
            actor=actor,
            reference=reference,
            partner=decider.partner_key,
            given_on=given_on.isoformat(),
            end_date=partnership.end_date.isoformat(),
            reason=reason,
        )
        facts = exit_facts(uow, row, partnership, "notice", given_on, decider.partner_key)
        document = exit_acts.letter(partnership, reference, settings().templates, facts)
        made = store_documents(uow, row, [document])
        row.updated_at = dt.datetime.now(dt.UTC)
        uow.commit()
    return (
        f"notice recorded ({decider.partner_key}, {given_on.isoformat()}): {', '.join(made)}; "
        f"the partnership ends on {partnership.end_date.isoformat()}"
    )


def _check_notice(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    decider: deciders.Decider,
    given_on: dt.date,
    reason: str,
) -> None:
    """Refuse a notice in a final stage, by someone not entitled, without a reason, after
    the notice deadline, or a second one from the same partner for this term."""
    reference = row.reference
    if Stage(row.stage) in lifecycle.FINAL:
        raise Refused(f"{reference} is {row.stage}: no notice can be given any more")
    authorisation.authorise(partnership, Gate.renewal, decider)
    if not reason.strip():
        raise Refused("a notice states its reason (--reason)")
    deadline = renewal.notice_deadline(partnership)
    if not renewal.notice_in_time(partnership, given_on):
        raise Refused(
            f"the notice deadline was {deadline.isoformat()}: a notice given on "
            f"{given_on.isoformat()} is too late for the term ending "
            f"{partnership.end_date.isoformat()}"
        )
    if any(n.get("partner") == decider.partner_key for n in _notices(uow, row, partnership)):
        raise Refused(f"{decider.partner_key} has already given notice for this term")


def renewal_due(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    items: list[ScheduleRow],
    *,
    actor: str,
) -> bool:
    """Reminders and the notice deadline of an active partnership; True when the renewal
    gate opens (express)."""
    now = dt.datetime.now(dt.UTC)
    for item in items:
        item.done_at = now
        if item.kind == renewal.RENEWAL_REMINDER:
            uow.audit(
                "renewal.reminder",
                actor=actor,
                reference=row.reference,
                due_on=item.due_on.isoformat(),
                deadline=renewal.notice_deadline(partnership).isoformat(),
                renewal=partnership.renewal.value,
            )
    if renewal.opens_renewal_gate(partnership):
        end = partnership.end_date.isoformat()
        already = any(
            e.payload.get("end_date") == end
            for e in uow.events.of(row.reference, actions=["renewal.opened"])
        )
        if already:
            return False
        row.stage = lifecycle.move(Stage.active, Event.renewal_due).value
        open_new_round(row, [Gate.renewal])
        uow.audit(
            "renewal.opened", actor=actor, reference=row.reference, end_date=end, stage_to=row.stage
        )
        return True
    deadline_reached = any(i.kind == "renewal_notice" for i in items)
    if deadline_reached:
        notices = [dt.date.fromisoformat(n["given_on"]) for n in _notices(uow, row, partnership)]
        if renewal.tacit_renews(partnership, notices):
            renew_tacitly(uow, row, partnership, actor=actor)
    return False


def renew_tacitly(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership, *, actor: str
) -> None:
    months = renewal_term_months(partnership, None)
    effective = partnership.end_date + dt.timedelta(days=1)
    after, made, added = adopt_spec(uow, row, renewed_spec(row.spec, months), effective)
    uow.audit(
        "renewal.tacit",
        actor=actor,
        reference=row.reference,
        months=months,
        end_date=after.end_date.isoformat(),
        documents=made,
        scheduled=added,
    )


def end_of_term(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership, end: dt.date
) -> None:
    """The term ends without renewal: the exit starts (non-renewal letter, exit statement)."""
    notices = _notices(uow, row, partnership)
    if notices:  # the statement names the notice and its date
        given = dt.date.fromisoformat(notices[0]["given_on"])
        terminate(uow, row, partnership, "notice", given, partner_key=notices[0]["partner"])
    else:
        terminate(uow, row, partnership, "end_of_term", end)
    uow.audit(
        "stage.changed",
        actor=SYSTEM,
        reference=row.reference,
        event="term_end",
        stage_from=Stage.active.value,
        stage_to=Stage.terminated.value,
    )


# --------------------------------------------------------------------------- conditions
def condition_met(
    uow: UnitOfWork, reference: str, number: int, met_on: dt.date, *, actor: str
) -> str:
    """Record that the condition ``number`` (as `status` lists it) was met on ``met_on``."""
    with uow:
        row = uow.partnerships.get_for_update(reference)
        rows = conditions_of(uow, row)
        if not 1 <= number <= len(rows):
            _refuse(
                uow,
                reference,
                actor,
                "condition met",
                f"{reference} has {len(rows)} condition(s): number {number} is not one",
            )
        condition = rows[number - 1]
        condition.met_on = met_on
        uow.audit(
            "condition.met",
            actor=actor,
            reference=reference,
            number=number,
            met_on=met_on.isoformat(),
        )
        row.updated_at = dt.datetime.now(dt.UTC)
        uow.commit()
        return f"condition {number} ({condition.what}) met on {met_on.isoformat()}"
