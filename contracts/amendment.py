"""Avenants: what an amendment changes in the signed agreement, and the renewed term.

A signed partnership changes only by an avenant. The avenant lists, article by article of
the convention de partenariat, each field changed with its former and its new wording; a
renewal avenant extends the term by the length of the renewal. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contracts.field_words import field_words, value_words
from schemas import Partnership, add_months

# Field of the partnership file (a path prefix, most precise first) -> the clause of the
# agreement that states it (its id in the clause library); the article's number and title
# are those of the agreement as signed.
CLAUSE_OF: tuple[tuple[str, str], ...] = (
    ("sharing.intellectual_property", "intellectual_property"),
    ("sharing.communication", "communication"),
    ("sharing.personal_data", "personal_data"),
    ("sharing.confidentiality", "confidentiality"),
    ("sharing", "sharing"),
    ("benefits", "sharing"),
    ("title", "purpose"),
    ("kind", "purpose"),
    ("vision", "preamble"),
    ("partners", "parties"),
    ("contributions", "contributions"),
    ("counterparts", "counterparts"),
    ("risks", "risks"),
    ("governance.rituals", "team"),
    ("governance", "governance"),
    ("milestones", "objectives"),
    ("reviews", "evaluation"),
    ("start_date", "term"),
    ("duration_months", "term"),
    ("renewal", "term"),
    ("notice_months", "term"),
    ("termination_notice_months", "termination"),
    ("no_go_notice_months", "termination"),
    ("court", "disputes"),
    ("tax_regime", "tax"),
    ("language", "disputes"),
)
_OTHER = {"fr": "Dispositions diverses", "en": "Miscellaneous"}


def clause_of(path: str) -> str | None:
    """The clause of the agreement stating the field at ``path``, or None."""
    for prefix, clause in CLAUSE_OF:
        if path == prefix or path.startswith((f"{prefix}.", f"{prefix}[", f"{prefix}_")):
            return clause
    return None


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
    old: dict[str, Any],
    new: dict[str, Any],
    paths: list[str],
    language: str,
    articles: Mapping[str, tuple[int, str]] | None = None,
) -> list[Change]:
    """Each changed field with the article of the agreement stating it (``articles``: clause
    id -> its number and title in the agreement), its name in words, its former and new
    wording (amounts, dates, durations in words), in article order."""
    known = articles or {}
    found = []
    for path in paths:
        clause = clause_of(path)
        number, title = known.get(clause or "", (10_000, _OTHER.get(language, _OTHER["en"])))
        heading = f"Article {number} – {title}" if 0 < number < 10_000 else title
        # An item removed is named from the former file, any other from the new one.
        named_in = new if _leaf(new, path) is not None else old
        found.append(
            (
                number,
                Change(
                    heading,
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
