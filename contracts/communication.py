"""The communication plan (Communiquer): what each ritual shares, and with whom.

Each ritual is linked to what it shares, so that a review can later ask whether the
ritual happened and whether what it should share was shared. When the file states
``shares`` for a ritual, they are taken verbatim (a known key such as ``decisions`` is
shown with its label). Otherwise a default is derived from the cadence:

- every few weeks (``every_weeks``): progress of the actions and blockers;
- every 1 or 2 months: progress, indicator updates and risks;
- every 3 to 11 months (a steering rhythm): indicator updates, decisions, finances, risks;
- every 12 months or more: indicator updates, finances, impact assessment, and the
  benefits each partner perceives (checked against those expected).

Two rules: each partner takes part in at least one ritual (regular consultation of each
partner), and when milestones have indicators, at least one ritual shares indicator updates.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import every
from coopact.schemas import Partnership, Ritual

SHARE_LABELS: dict[str, dict[str, str]] = {
    "progress": {"fr": "avancement des actions", "en": "progress of the actions"},
    "blockers": {"fr": "points de blocage", "en": "blockers"},
    "indicator_updates": {"fr": "mise à jour des indicateurs", "en": "indicator updates"},
    "risks": {"fr": "risques", "en": "risks"},
    "decisions": {"fr": "décisions", "en": "decisions"},
    "finances": {"fr": "suivi financier", "en": "finances"},
    "impact_assessment": {"fr": "mesure de l'impact", "en": "impact assessment"},
    "perceived_benefits": {
        "fr": "bénéfices perçus par chaque partenaire",
        "en": "benefits perceived by each partner",
    },
}

NO_RITUAL = message(
    "communication.no_ritual",
    fr="Aucun rituel n'est prévu : sans rendez-vous réguliers, les partenaires ne se "
    "consultent plus et le partenariat s'essouffle.",
    en="No ritual is planned: without regular meetings the partners stop consulting each "
    "other and the partnership runs out of steam.",
)
PARTNER_NOT_CONSULTED = message(
    "communication.partner_not_consulted",
    fr="{partner} ne participe à aucun rituel : chaque partenaire doit être consulté "
    "régulièrement.",
    en="{partner} takes part in no ritual: every partner must be consulted regularly.",
)
INDICATORS_NOT_SHARED = message(
    "communication.indicators_not_shared",
    fr="Aucun rituel ne partage la mise à jour des indicateurs des jalons : leur suivi ne "
    "pourra pas être vérifié aux revues.",
    en="No ritual shares the updates of the milestones' indicators: their follow-up cannot "
    "be checked at the reviews.",
)


def default_shares(ritual: Ritual) -> list[str]:
    """What a ritual shares when the file does not say, derived from its cadence."""
    if ritual.every_weeks is not None:
        return ["progress", "blockers"]
    months = ritual.every_months or 0
    if months <= 2:
        return ["progress", "indicator_updates", "risks"]
    if months < 12:
        return ["indicator_updates", "decisions", "finances", "risks"]
    return ["indicator_updates", "finances", "impact_assessment", "perceived_benefits"]


def ritual_shares(ritual: Ritual) -> list[str]:
    """The stated shares of a ritual, or the default for its cadence."""
    return list(ritual.shares) if ritual.shares else default_shares(ritual)


def share_label(share: str, language: str) -> str:
    """A known share key in words; a share written in the file, verbatim."""
    labels = SHARE_LABELS.get(share)
    if labels is None:
        return share
    return labels.get(language, labels["en"])


def cadence_words(ritual: Ritual, language: str) -> str:
    """'toutes les deux semaines', 'every three months'... (``formatting.every``)."""
    if ritual.every_weeks is not None:
        return every(ritual.every_weeks, "weeks", language)
    return every(ritual.every_months or 1, "months", language)


@dataclass(frozen=True)
class PlanEntry:
    """One line of the communication plan."""

    index: int
    name: str
    cadence: str
    participants: tuple[str, ...]  # partner keys
    shares: tuple[str, ...]  # share keys, or texts written in the file
    derived: bool  # True when shares come from the cadence default


def communication_plan(partnership: Partnership) -> list[PlanEntry]:
    """Every ritual with its cadence, participants and what it shares."""
    language = partnership.language.value
    return [
        PlanEntry(
            index=i,
            name=ritual.name,
            cadence=cadence_words(ritual, language),
            participants=tuple(ritual.participants),
            shares=tuple(ritual_shares(ritual)),
            derived=not ritual.shares,
        )
        for i, ritual in enumerate(partnership.governance.rituals)
    ]


def ritual_occurrences(ritual: Ritual, start: dt.date, until: dt.date) -> list[dt.date]:
    """The dates a ritual meets from ``start`` to ``until`` included, as its RRULE gives them.

    Monthly rituals follow RFC 5545: a start on the 31st skips the months without a 31st.
    """
    days: list[dt.date] = []
    if ritual.every_weeks is not None:
        step = dt.timedelta(weeks=ritual.every_weeks)
        day = start
        while day <= until:
            days.append(day)
            day += step
        return days
    every = ritual.every_months or 1
    k = 0
    while True:
        month_index = start.month - 1 + k * every
        year, month = start.year + month_index // 12, month_index % 12 + 1
        if dt.date(year, month, 1) > until:
            return days
        if start.day <= calendar.monthrange(year, month)[1]:
            day = dt.date(year, month, start.day)
            if day <= until:
                days.append(day)
        k += 1


def every_partner_consulted(partnership: Partnership) -> list[Finding]:
    """There is at least one ritual, and each partner takes part in at least one."""
    rituals = partnership.governance.rituals
    if not rituals:
        return [
            Finding(
                code=NO_RITUAL,
                severity=Severity.warning,
                factor=Factor.communiquer,
                path="governance.rituals",
            )
        ]
    present = {key for ritual in rituals for key in ritual.participants}
    return [
        Finding(
            code=PARTNER_NOT_CONSULTED,
            severity=Severity.warning,
            factor=Factor.communiquer,
            path="governance.rituals",
            params={"partner": p.name, "partner_key": p.key},
        )
        for p in partnership.partners
        if p.key not in present
    ]


def indicators_shared(partnership: Partnership) -> list[Finding]:
    """When milestones have indicators, some ritual shares indicator updates."""
    rituals = partnership.governance.rituals
    if not rituals or not any(m.indicator for m in partnership.milestones):
        return []
    if any("indicator_updates" in ritual_shares(r) for r in rituals):
        return []
    return [
        Finding(
            code=INDICATORS_NOT_SHARED,
            severity=Severity.warning,
            factor=Factor.communiquer,
            path="governance.rituals",
        )
    ]


def communication_findings(partnership: Partnership) -> list[Finding]:
    return every_partner_consulted(partnership) + indicators_shared(partnership)
