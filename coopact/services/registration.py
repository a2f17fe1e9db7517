"""Registering a partnership file, and amending it before signature."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coopact.adapters.documents.clause_library import configured_library
from coopact.contracts import lifecycle
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Stage
from coopact.contracts.readiness import registration_findings
from coopact.schemas import Partnership
from coopact.services import after_signature
from coopact.services._common import (
    REGISTRATION,
    _finding_rows,
    _refuse,
    canonical_spec,
    differences,
    spec_hash,
)
from coopact.services.rounds import open_new_round
from coopact.store.uow import IntegrityError, UnitOfWork


# --------------------------------------------------------------------------- registration
@dataclass(frozen=True)
class Registered:
    reference: str
    created: bool


def register(
    uow: UnitOfWork, partnership: Partnership, *, actor: str, _attempt: int = 1
) -> Registered:
    """Store a validated partnership in ``draft``; the same file twice stores it once."""
    spec = canonical_spec(partnership)
    digest = spec_hash(spec)
    clauses = configured_library()  # read before the registration lock is taken
    with uow:
        repo = uow.partnerships
        repo.lock_registrations()
        if partnership.reference:
            existing = repo.find(partnership.reference)
        else:
            existing = uow.registrations.by_spec_hash(digest)
        if existing is not None:
            if existing.spec_sha256 == digest:
                return Registered(existing.reference, created=False)
            stored = {**existing.spec, "reference": existing.reference}
            changed = differences(stored, {**spec, "reference": existing.reference})
            shown = ", ".join(changed[:10]) + (" ..." if len(changed) > 10 else "")
            reason = (
                f"{existing.reference} is already registered with a different file; "
                f"differences at: {shown}"
            )
            _refuse(uow, existing.reference, actor, "register", reason)
        reference = partnership.reference or repo.next_reference(partnership.start_date.year)
        spec["reference"] = reference
        try:
            row = uow.registrations.create(
                reference, partnership.title, Stage.draft.value, spec, digest
            )
            findings = _finding_rows(registration_findings(partnership, clauses))
            repo.replace_findings(row, REGISTRATION, findings)
            uow.audit(
                "partnership.registered",
                actor=actor,
                reference=reference,
                stage=Stage.draft.value,
                spec_sha256=digest,
            )
            uow.commit()
        except IntegrityError:
            # Someone registered the same reference at the same moment: start again, which
            # finds their partnership (same file: nothing to do; another file: refused) or,
            # for a file without reference, takes the next free one.
            if _attempt >= 5:
                raise
            uow.rollback()
            return register(uow, partnership, actor=actor, _attempt=_attempt + 1)
    return Registered(reference, created=True)


# --------------------------------------------------------------------------- amendments
AMENDABLE = frozenset({Stage.draft, Stage.vision_agreed, Stage.balanced, Stage.formalised})


def amend(
    uow: UnitOfWork,
    reference: str,
    partnership: Partnership,
    *,
    actor: str,
    effective_on: dt.date | None = None,
    decision: str | None = None,
) -> list[str]:
    """Replace the file of a partnership not yet signed; it goes back to draft, so that the
    vision, the balance and the agreement are checked and approved again. A signed or active
    partnership changes by an avenant instead (legal approval, then its own signatures).
    Returns the field paths that changed (nothing is done when none did)."""
    if partnership.reference not in (None, reference):
        raise Refused(f"the file's reference is {partnership.reference}, not {reference}")

    with uow:
        stage = Stage(uow.partnerships.get(reference).stage)
    if stage not in AMENDABLE:  # signed: only by an avenant
        return after_signature.propose_amendment(
            uow, reference, partnership, effective_on=effective_on or dt.date.today(),
            actor=actor, decision=decision,
        )  # fmt: skip
    spec = {**canonical_spec(partnership), "reference": reference}
    clauses = configured_library()  # read before the row is locked
    with uow:
        row = uow.partnerships.get_for_update(reference)
        changed = differences({**row.spec, "reference": reference}, spec)
        if not changed:
            return []
        stage = Stage(row.stage)
        if stage not in AMENDABLE:
            _refuse(
                uow, reference, actor, "amend",
                f"{reference} is {stage.value}: a signed partnership changes by an avenant, "
                "not by editing its file",
            )  # fmt: skip
        row.spec = spec
        row.spec_sha256 = spec_hash(spec)
        row.title = partnership.title
        row.stage = Stage.draft.value
        open_new_round(row, [spec.gate for spec in lifecycle.GATES.values()])
        uow.registrations.drop_findings(row)
        uow.partnerships.replace_findings(
            row, REGISTRATION, _finding_rows(registration_findings(partnership, clauses))
        )
        uow.audit(
            "partnership.amended",
            actor=actor,
            reference=reference,
            changed=changed[:50],
            stage_from=stage.value,
            stage_to=Stage.draft.value,
            spec_sha256=row.spec_sha256,
        )
        uow.commit()
    return changed
