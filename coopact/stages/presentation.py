"""How findings, amounts and shares read in a generated document, in French or English."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coopact.contracts.finding_texts import Severity
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_amount, format_date
from coopact.schemas import Partnership

_SEVERITY = {
    "fr": {Severity.blocking: "bloquant", Severity.warning: "à examiner", Severity.info: "info"},
    "en": {Severity.blocking: "blocking", Severity.warning: "to review", Severity.info: "info"},
}
_ORDER = {Severity.blocking: 0, Severity.warning: 1, Severity.info: 2}
_NOT_STATED = {"fr": "non indiqué", "en": "not stated"}


def not_stated(language: str) -> str:
    return _NOT_STATED[language]


def euros(amount: Decimal, language: str) -> str:
    """Money as every document writes it: ``120 000,00 €`` (fr) or ``€120,000.00`` (en), from
    :func:`contracts.formatting.format_amount` (one place for every document and message)."""
    return format_amount(amount, language)


def share(value: Decimal | None, language: str) -> str:
    if value is None:
        return "–"
    points = int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{points} %" if language == "fr" else f"{points}%"  # no-break: at rendering


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def finding_text(finding: Finding, language: str) -> str:
    """A finding's sentence as every document shows it: its dates in words (``1er mai
    2029``, never ``2029-05-01``) and a legal form as a reader names it (``SCIC``, never
    ``scic``). The field path stays out: it is for the officer (``coopact status``)."""
    params = {}
    for key, value in finding.params.items():
        if key == "legal_form" and isinstance(value, str):
            value = legal_form(value, language).split(" (")[0]
        params[key] = value
    return finding.model_copy(update={"params": params}).text(language)


def findings_rows(findings: Sequence[Finding], language: str) -> list[dict[str, str]]:
    """The findings as table rows, the most serious first (stable within a severity):
    severity and sentence (:func:`finding_text`)."""
    ordered = sorted(findings, key=lambda f: _ORDER[f.severity])
    return [
        {"severity": _SEVERITY[language][f.severity], "text": finding_text(f, language)}
        for f in ordered
    ]


def created_at(day: dt.date) -> dt.datetime:
    """The creation time written in a document: a date of the inputs (the start date), never
    the clock, so that the same inputs give the same bytes on any day."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def header_context(partnership: Partnership, reference: str, language: str) -> dict[str, Any]:
    """The heading of the vision note and the balance report: the start date in words."""
    return {
        "title": partnership.title,
        "reference": reference,
        "start_date": format_date(partnership.start_date, language),
        "duration_months": partnership.duration_months,
    }


def inputs(partnership: Partnership, template: str, **extra: Any) -> dict[str, Any]:
    """What a document is made from, hashed into its inputs_sha256."""
    return {"partnership": partnership.model_dump(mode="json"), "template": template, **extra}


_LEGAL_FORMS = {
    "association_loi_1901": ("association loi 1901", "association (1901 law)"),
    "association_loi_1908": ("association de droit local (1908)", "association (1908 local law)"),
    "fondation": ("fondation", "foundation"),
    "fonds_de_dotation": ("fonds de dotation", "endowment fund"),
    "mutuelle": ("mutuelle", "mutual"),
    "scop": ("SCOP", "SCOP (workers' cooperative)"),
    "scic": ("SCIC", "SCIC (multi-stakeholder cooperative)"),
    "cooperative": ("coopérative", "cooperative"),
    "sas": ("SAS", "SAS"),
    "sasu": ("SASU", "SASU"),
    "sa": ("SA", "SA"),
    "sarl": ("SARL", "SARL"),
    "eurl": ("EURL", "EURL"),
    "sca": ("SCA", "SCA"),
    "snc": ("SNC", "SNC"),
    "entreprise_individuelle": ("entreprise individuelle", "sole proprietorship"),
    "gip": ("groupement d'intérêt public", "public interest group (GIP)"),
    "etablissement_public": ("établissement public", "public body"),
    "collectivite_territoriale": ("collectivité territoriale", "local authority"),
}


def legal_form(value: str, language: str) -> str:
    fr, en = _LEGAL_FORMS.get(value, (value, value))
    return fr if language == "fr" else en


_KINDS = {
    "cash": ("financement", "cash"),
    "in_kind": ("en nature", "in kind"),
    "skills": ("compétences", "skills"),
}


def contribution_kind(value: str, language: str) -> str:
    fr, en = _KINDS.get(value, (value, value))
    return fr if language == "fr" else en
