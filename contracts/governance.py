"""Governance set-up (Démarrer): the comité de pilotage, the project team, the review calendar.

Checked when a signed partnership is activated, one rule per function:

- every partner has a seat on the comité de pilotage (blocking);
- a deadlock procedure is stated (blocking; the decision rule is required by the schema);
- the quorum can be met, and does not let the committee sit without a partner
  (:func:`effective_quorum`: by default, at least one member of each partner);
- one referent per partner in the project team (blocking: it blocks activation);
- no partner can decide alone under the committee's rule (warning: a power imbalance
  a human must look at);
- votes and last words, not seats, and people rather than placeholders
  (:mod:`contracts.power`).

The review calendar (:func:`governance_calendar`, in :mod:`coopact.contracts.calendar_dates`)
lists the periodic Go/noGo reviews, the milestones that are Go/noGo gates, and the date by
which renewal must be notified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coopact.contracts import power
from coopact.contracts.balance import can_decide_alone
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.power import RULE_WORDS
from coopact.schemas.vocabulary import OfficeRole

if TYPE_CHECKING:  # annotations only: the schema's models are not built at run time
    from coopact.schemas import Partnership

_COMMITTEE = "governance.steering_committee"

PARTNER_WITHOUT_SEAT = message(
    "governance.partner_without_seat",
    fr="{partner} n'a aucun siège au comité de pilotage : chaque partenaire doit y être "
    "représenté.",
    en="{partner} has no seat on the steering committee: every partner must be represented.",
)
DEADLOCK_MISSING = message(
    "governance.deadlock_missing",
    fr="Le comité de pilotage décide {rule} mais aucune procédure n'est prévue en cas de "
    "blocage (médiation, arbitrage des dirigeants...).",
    en="The steering committee decides by {rule} but no procedure is stated for a deadlock "
    "(mediation, escalation to the executives...).",
)
QUORUM_UNREACHABLE = message(
    "governance.quorum_unreachable",
    fr="Le quorum du comité de pilotage ({quorum} membres) dépasse le nombre de ses membres "
    "({members}) : il ne pourra jamais délibérer.",
    en="The steering committee's quorum ({quorum} members) exceeds its number of members "
    "({members}): it can never deliberate.",
)
QUORUM_WITHOUT_EVERY_PARTNER = message(
    "governance.quorum_without_every_partner",
    fr="Le quorum du comité de pilotage ({quorum} membres) est inférieur au nombre de "
    "partenaires ({partners}) : le comité pourrait délibérer en l'absence d'un partenaire.",
    en="The steering committee's quorum ({quorum} members) is below the number of partners "
    "({partners}): the committee could deliberate without one partner.",
)
REFERENT_MISSING = message(
    "governance.referent_missing",
    fr="{partner} n'a pas désigné de référent pour l'équipe projet : le partenariat ne peut "
    "pas démarrer sans un référent par partenaire.",
    en="{partner} has named no referent for the project team: the partnership cannot start "
    "without one referent per partner.",
)
SOLE_DECIDER = message(
    "governance.sole_decider",
    fr="{partner} détient {votes} voix sur {total} au comité de pilotage, qui décide {rule} : "
    "ce partenaire peut décider seul.",
    en="{partner} holds {votes} of {total} votes on the steering committee, which decides by "
    "{rule}: this partner can decide alone.",
)


def _rule_words(partnership: Partnership) -> str:
    language = partnership.language.value
    return RULE_WORDS.get(language, RULE_WORDS["en"])[
        partnership.governance.steering_committee.decision_rule
    ]


def _finding(code: str, severity: Severity, path: str, **params: object) -> Finding:
    return Finding(code=code, severity=severity, factor=Factor.demarrer, path=path, params=params)


def every_partner_seated(partnership: Partnership) -> list[Finding]:
    """Each partner has at least one member on the comité de pilotage."""
    seated = {m.partner for m in partnership.governance.steering_committee.members}
    return [
        _finding(
            PARTNER_WITHOUT_SEAT,
            Severity.blocking,
            f"{_COMMITTEE}.members",
            partner=p.name,
            partner_key=p.key,
        )
        for p in partnership.partners
        if p.key not in seated
    ]


def deadlock_procedure_stated(partnership: Partnership) -> list[Finding]:
    """The committee says what happens when it cannot decide under its rule."""
    if partnership.governance.steering_committee.deadlock is not None:
        return []
    return [
        _finding(
            DEADLOCK_MISSING,
            Severity.blocking,
            f"{_COMMITTEE}.deadlock",
            rule=_rule_words(partnership),
        )
    ]


@dataclass(frozen=True)
class Quorum:
    """When the committee may deliberate: ``members`` present, one of each partner or not."""

    members: int
    one_per_partner: bool
    stated: bool  # False when derived because the file states none


def effective_quorum(partnership: Partnership) -> Quorum:
    """The stated quorum, or by default one member of each partner present."""
    stated = partnership.governance.steering_committee.quorum
    if stated is None:
        return Quorum(members=len(partnership.partners), one_per_partner=True, stated=False)
    return Quorum(members=stated, one_per_partner=False, stated=True)


def quorum_reachable(partnership: Partnership) -> list[Finding]:
    """A stated quorum can be met by the members, and needs at least one per partner."""
    quorum = effective_quorum(partnership)
    if not quorum.stated:
        return []
    path = f"{_COMMITTEE}.quorum"
    members = len(partnership.governance.steering_committee.members)
    if quorum.members > members:
        return [
            _finding(
                QUORUM_UNREACHABLE,
                Severity.blocking,
                path,
                quorum=quorum.members,
                members=members,
            )
        ]
    if quorum.members < len(partnership.partners):
        return [
            _finding(
                QUORUM_WITHOUT_EVERY_PARTNER,
                Severity.warning,
                path,
                quorum=quorum.members,
                partners=len(partnership.partners),
            )
        ]
    return []


def referent_per_partner(partnership: Partnership) -> list[Finding]:
    """The project team has one referent per partner; a partner without one blocks activation."""
    return [
        _finding(
            REFERENT_MISSING,
            Severity.blocking,
            f"partners[{i}].referent",
            partner=p.name,
            partner_key=p.key,
        )
        for i, p in enumerate(partnership.partners)
        if p.referent is None
    ]


def votes_by_partner(partnership: Partnership) -> dict[str, int]:
    votes = {p.key: 0 for p in partnership.partners}
    for member in partnership.governance.steering_committee.members:
        votes[member.partner] = votes.get(member.partner, 0) + member.votes
    return votes


def no_sole_decider(partnership: Partnership) -> list[Finding]:
    """No partner can decide alone in the comité de pilotage (the rule itself is
    :func:`contracts.balance.can_decide_alone`, shared with the balance stage)."""
    committee = partnership.governance.steering_committee
    votes = votes_by_partner(partnership)
    total = sum(votes.values())
    if total == 0:
        return []
    findings = []
    for partner in partnership.partners:
        held = votes[partner.key]
        if can_decide_alone(held, total, committee.decision_rule):
            findings.append(
                Finding(
                    code=SOLE_DECIDER,
                    severity=Severity.warning,
                    factor=Factor.equilibrer,
                    path=f"{_COMMITTEE}.members",
                    params={
                        "partner": partner.name,
                        "partner_key": partner.key,
                        "votes": held,
                        "total": total,
                        "rule": _rule_words(partnership),
                    },
                )
            )
    return findings


RULES = (
    every_partner_seated,
    deadlock_procedure_stated,
    quorum_reachable,
    referent_per_partner,
    no_sole_decider,
    *power.RULES,
)


def governance_findings(partnership: Partnership) -> list[Finding]:
    """Every governance set-up finding; any blocking one prevents activation."""
    return [finding for rule in RULES for finding in rule(partnership)]


# --- what the agreement's governance article states -------------------------------------

_TERMS_WORDS = {
    "fr": {
        "quorum_default": "chaque Partenaire y est représenté par un membre au moins",
        "quorum_stated": "{n} de ses membres au moins y prennent part",
        "secretary_default": "un membre désigné par le président",
    },
    "en": {
        "quorum_default": "each Partner is represented by at least one member",
        "quorum_stated": "at least {n} of its members take part",
        "secretary_default": "a member named by the chair",
    },
}


def chair_of(partnership: Partnership) -> str:
    """Who chairs the committee: the one the file names, else its first member."""
    committee = partnership.governance.steering_committee
    if committee.chair:
        return str(committee.chair)
    return committee.members[0].name if committee.members else ""


def secretary_of(partnership: Partnership) -> str | None:
    """Who keeps the minutes: the one the file names, else the first partnership officer."""
    committee = partnership.governance.steering_committee
    if committee.secretary:
        return str(committee.secretary)
    officers = [p.name for p in partnership.people if OfficeRole.partnership_officer in p.roles]
    return officers[0] if officers else None


def quorum_words(partnership: Partnership) -> str:
    """The quorum as the governance article states it (stated, or one member per partner)."""
    words = _TERMS_WORDS.get(partnership.language.value, _TERMS_WORDS["en"])
    quorum = effective_quorum(partnership)
    if quorum.one_per_partner:
        return words["quorum_default"]
    return words["quorum_stated"].format(n=quorum.members)


def governance_terms(partnership: Partnership) -> dict[str, str]:
    """What the governance article prints: chair, secretary, quorum."""
    words = _TERMS_WORDS.get(partnership.language.value, _TERMS_WORDS["en"])
    return {
        "chair": chair_of(partnership),
        "secretary": secretary_of(partnership) or words["secretary_default"],
        "quorum": quorum_words(partnership),
    }
