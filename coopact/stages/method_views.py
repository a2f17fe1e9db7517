"""What the vision note and the balance report show an executive: partner headings without
repeated legal forms, and the method scorecard as rows (findings, with dates in words and
no field path, come from :func:`coopact.stages.presentation.findings_rows`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from coopact.contracts import scorecard
from coopact.contracts.clauses import ClauseLibrary
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import count
from coopact.contracts.wording import fold
from coopact.schemas import Partner, Partnership
from coopact.stages import presentation

_MARK = {True: "✓", False: "✗"}
_NO_FINDING = {"fr": "aucun", "en": "none"}
_FINDINGS = {"fr": ("constat", "constats"), "en": ("finding", "findings")}


def partner_heading(partner: Partner, language: str) -> str:
    """``Association Tremplin Emploi — association loi 1901``; the legal form is left out
    when the name already says it (``Logistix Urbaine SAS``, not ``… SAS — SAS``;
    ``Cooperative Roots SCIC``, not ``… SCIC — SCIC (multi-stakeholder cooperative)``)."""
    form = presentation.legal_form(partner.legal_form.value, language)
    short = fold(form.split(" (")[0])
    if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", fold(partner.name)):
        return partner.name
    return f"{partner.name} — {form}"


def scorecard_rows(
    partnership: Partnership,
    findings: Sequence[Finding],
    language: str,
    *,
    clauses: ClauseLibrary,
    balance_accepted: bool = False,
) -> list[dict[str, Any]]:
    """The 14 elements of the method scorecard as rows of a table."""
    rows = []
    for score in scorecard.scorecard(
        partnership, findings, language, clauses=clauses, balance_accepted=balance_accepted
    ):
        found = len(score.findings)
        rows.append(
            {
                "element": score.label,
                "group": scorecard.GROUP_LABELS[language][score.group],
                "rating": scorecard.RATING_LABELS[language][score.rating],
                "evidence": [f"{_MARK[e.met]} {e.text}" for e in score.evidence],
                "findings": count(found, *_FINDINGS[language], language)
                if found
                else _NO_FINDING[language],
            }
        )
    return rows
