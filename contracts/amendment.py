"""Avenants: what an amendment changes in the signed agreement, and the renewed term.

A signed partnership changes only by an avenant. The avenant lists, article by article of
the convention de partenariat, each field changed with its former and its new wording; a
renewal avenant extends the term by the length of the renewal. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from contracts.field_words import field_words, value_words
from schemas import Partnership, add_months

# Top-level field of the partnership file -> the article of the agreement stating it.
ARTICLES: dict[str, dict[str, str]] = {
    "title": {"fr": "Objet de la convention", "en": "Purpose of the agreement"},
    "kind": {"fr": "Qualification juridique", "en": "Legal qualification"},
    "vision": {"fr": "Vision partagée et objectifs", "en": "Shared vision and objectives"},
    "partners": {"fr": "Parties", "en": "Parties"},
    "contributions": {"fr": "Engagements des parties", "en": "Commitments of the parties"},
    "counterparts": {"fr": "Contreparties", "en": "Counterparts"},
    "risks": {"fr": "Partage des risques", "en": "Sharing of risks"},
    "benefits": {"fr": "Bénéfices attendus", "en": "Expected benefits"},
    "sharing": {
        "fr": "Coûts, propriété intellectuelle, communication, données",
        "en": "Costs, intellectual property, communication, data",
    },
    "governance": {"fr": "Gouvernance", "en": "Governance"},
    "milestones": {"fr": "Jalons et indicateurs", "en": "Milestones and indicators"},
    "reviews": {"fr": "Revues Go/noGo", "en": "Go/noGo reviews"},
    "start_date": {"fr": "Durée", "en": "Term"},
    "duration_months": {"fr": "Durée", "en": "Term"},
    "renewal": {"fr": "Renouvellement et préavis", "en": "Renewal and notice"},
    "notice_months": {"fr": "Renouvellement et préavis", "en": "Renewal and notice"},
    "people": {"fr": "Interlocuteurs", "en": "Contacts"},
    "language": {"fr": "Langue", "en": "Language"},
}
_OTHER = {"fr": "Dispositions diverses", "en": "Miscellaneous"}


@dataclass(frozen=True)
class Change:
    article: str
    path: str  # the field path, for the officer and the record
    field: str  # the same field as the avenant names it (contracts.field_words)
    former: str
    new: str


def _leaf(spec: Any, path: str) -> Any:
    current = spec
    for part in path.replace("]", "").replace("[", ".").split("."):
        if current is None:
            return None
        if isinstance(current, list):
            index = int(part)
            current = current[index] if index < len(current) else None
        else:
            current = current.get(part) if isinstance(current, dict) else None
    return current


def changes(
    old: dict[str, Any], new: dict[str, Any], paths: list[str], language: str
) -> list[Change]:
    """Each changed field with its article, its name in words, its former and new wording
    (amounts, dates, durations in words), in article order."""
    order = list(ARTICLES)
    found = []
    for path in paths:
        top = path.split(".")[0].split("[")[0]
        article = ARTICLES.get(top, _OTHER).get(language, ARTICLES.get(top, _OTHER)["en"])
        # An item removed is named from the former file, any other from the new one.
        named_in = new if _leaf(new, path) is not None else old
        found.append(
            (
                order.index(top) if top in order else len(order),
                Change(
                    article,
                    path,
                    field_words(named_in, path, language),
                    value_words(old, path, _leaf(old, path), language),
                    value_words(new, path, _leaf(new, path), language),
                ),
            )
        )
    return [change for _, change in sorted(found, key=lambda item: item[0])]


def renewal_term_months(partnership: Partnership, first_term_months: int | None) -> int:
    """A renewal is for the length of the first term (the agreement says 'pour une durée
    identique'), capped so that the whole stays within 240 months."""
    term = first_term_months or partnership.duration_months
    return max(0, min(term, 240 - partnership.duration_months))


def renewed_spec(spec: dict[str, Any], months: int) -> dict[str, Any]:
    """The partnership file with its term extended by ``months``."""
    return {**spec, "duration_months": int(spec["duration_months"]) + months}


def new_end_date(partnership: Partnership, months: int) -> dt.date:
    return add_months(partnership.start_date, partnership.duration_months + months) - dt.timedelta(
        days=1
    )
