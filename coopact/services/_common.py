"""What the use cases share: names of the system actor and stages, refusals, the
canonical form of a partnership file."""

from __future__ import annotations

import hashlib
import json
import os
from typing import TYPE_CHECKING, Any

from coopact.contracts.errors import Refused
from coopact.contracts.findings import Finding
from coopact.schemas import Partnership

if TYPE_CHECKING:  # annotations only: `status REF` reads without the ORM (store/reading.py)
    from coopact.store.records import PartnershipRow
    from coopact.store.uow import UnitOfWork

SYSTEM = "coopact"
REGISTRATION = "registration"  # findings recorded when the file is registered
AGREEMENT = "agreement"
MAIL_FROM = os.environ.get("COOPACT_MAIL_FROM", "coopact@localhost")


def _refuse(
    uow: UnitOfWork,
    reference: str | None,
    actor: str,
    action: str,
    reason: str,
    *,
    person_id: str | None = None,
    person: str | None = None,
) -> None:
    """Record a refusal in the audit log (its own transaction), then raise it. The reason
    may name a person: the chain holds its SHA-256, the text is kept out of it
    (:mod:`store.people`), so that `coopact erase` can remove it."""
    uow.rollback()
    digest = uow.people.keep(reason, person_id, person)
    uow.audit(
        "refused", actor=actor, reference=reference, attempted=action, reason_sha256=digest,
        person_id=person_id,
    )  # fmt: skip
    uow.commit()
    raise Refused(reason)


def partnership_of(row: PartnershipRow) -> Partnership:
    return Partnership.model_validate(row.spec)


def canonical_spec(partnership: Partnership) -> dict[str, Any]:
    return partnership.model_dump(mode="json", by_alias=True, exclude_none=True)


def spec_hash(spec: dict[str, Any]) -> str:
    body = {k: v for k, v in spec.items() if k != "reference"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def differences(old: Any, new: Any, path: str = "") -> list[str]:
    """Field paths where two canonical partnership files differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(set(old) | set(new), key=str):
            sub = f"{path}.{key}" if path else str(key)
            out += differences(old.get(key), new.get(key), sub)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            d
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for d in differences(a, b, f"{path}[{i}]")
        ]
    return [] if old == new else [path or "(whole file)"]


def _finding(row: Any) -> Finding:
    return Finding(
        code=row.code, severity=row.severity, factor=row.factor, path=row.path, params=row.params
    )


def _finding_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    return [
        {
            "code": f.code,
            "severity": f.severity.value,
            "factor": f.factor.value,
            "path": f.path,
            "params": json.loads(json.dumps(f.params, default=str)),
        }
        for f in findings
    ]
