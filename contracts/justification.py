"""Accepting a warning is allowed, never silently: an approval over warnings states why.

The balance acceptance and the vision approval share this rule (the "unbalanced compromise"
risk, and the mutual misunderstanding accepted knowingly): a blocking finding cannot be
approved at all; warnings can, with a written reason of a minimum length, kept in the audit
trail with the decision.
"""

from __future__ import annotations

from collections.abc import Sequence

from coopact.contracts.finding_texts import Severity
from coopact.contracts.findings import Finding


def justification_problem(
    findings: Sequence[Finding],
    outcome: str,
    reason: str,
    *,
    what: str,
    min_chars: int,
    why: str,
) -> str | None:
    """Why approving ``what`` over ``findings`` is refused, or None when it may be recorded.

    Only an approval is examined; ``findings`` are those of the gate being decided.
    """
    if outcome != "approve":
        return None
    blocking = sorted({f.code for f in findings if f.severity is Severity.blocking})
    if blocking:
        return f"{what} cannot be approved while blocking findings remain: " + ", ".join(blocking)
    warnings = sorted({f.code for f in findings if f.severity is Severity.warning})
    if warnings and len(reason.strip()) < min_chars:
        return (
            f"approving {what} with findings ({', '.join(warnings)}) needs a justification "
            f"of at least {min_chars} characters saying {why}: give it with --reason"
        )
    return None
