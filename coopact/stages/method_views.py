"""What the vision note and the balance report show an executive: findings without field
paths and with dates in words, partner headings without repeated legal forms, the method
scorecard as rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from contracts import scorecard
from contracts.clauses import ClauseLibrary
from contracts.findings import Finding, Severity
from contracts.formatting import format_date
from contracts.wording import fold
from coopact.stages import presentation
from schemas import Partner, Partnership

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ORDER = {Severity.blocking: 0, Severity.warning: 1, Severity.info: 2}
_MARK = {True: "✓", False: "✗"}
_NO_FINDING = {"fr": "aucun", "en": "none"}
_FINDINGS = {"fr": "{n} constat(s)", "en": "{n} finding(s)"}


def readable(finding: Finding, language: str) -> str:
    """The finding's sentence with its ISO dates written in words (``1er mai 2029``)."""
    params = {
        key: format_date(dt.date.fromisoformat(value), language)
        if isinstance(value, str) and _ISO_DATE.match(value)
        else value
        for key, value in finding.params.items()
    }
    return finding.model_copy(update={"params": params}).text(language)


def findings_rows(findings: Sequence[Finding], language: str) -> list[dict[str, str]]:
    """The findings as table rows, the most serious first: severity and sentence, no path."""
    labels = presentation.findings_rows(findings, language)  # severity labels, same order
    ordered = sorted(findings, key=lambda f: _ORDER[f.severity])
    return [
        {"severity": row["severity"], "text": readable(f, language)}
        for row, f in zip(labels, ordered, strict=True)
    ]


def partner_heading(partner: Partner, language: str) -> str:
    """``Association Tremplin Emploi — association loi 1901``; the legal form is left out
    when the name already says it (``Logistix Urbaine SAS``, not ``… SAS — SAS``)."""
    form = presentation.legal_form(partner.legal_form.value, language)
    if fold(form) in fold(partner.name):
        return partner.name
    return f"{partner.name} — {form}"


def start_date(partnership: Partnership, language: str) -> str:
    return format_date(partnership.start_date, language)


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
        count = len(score.findings)
        rows.append(
            {
                "element": score.label,
                "group": scorecard.GROUP_LABELS[language][score.group],
                "rating": scorecard.RATING_LABELS[language][score.rating],
                "evidence": [f"{_MARK[e.met]} {e.text}" for e in score.evidence],
                "findings": _FINDINGS[language].format(n=count) if count else _NO_FINDING[language],
            }
        )
    return rows
