"""Everything a registration can already tell: the rules that would block at a later stage,
and the gates that can never be reached as the file stands.

``coopact new`` and ``coopact amend`` report these together with the schema problems, so
that an officer corrects the file once, not stage after stage. Nothing here blocks the
registration itself: a rule that blocks later comes out as a warning naming the stage where
it will block (``params["blocks_at"]``); a gate nobody can decide, or a person who must act
but cannot be told, comes out as a warning with the fix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from coopact.contracts import balance, due_diligence, vision
from coopact.contracts.agreement_checks import completeness
from coopact.contracts.clauses import ClauseLibrary
from coopact.contracts.communication import communication_findings
from coopact.contracts.communication_content import communication_content_findings
from coopact.contracts.deciders import ROLE_LABELS
from coopact.contracts.decisions import recipients
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.governance import governance_findings
from coopact.contracts.language import french_text_in_english_act
from coopact.contracts.lifecycle import GATES, Gate, Stage
from coopact.contracts.money import schedule_findings
from coopact.contracts.outcomes import outcome_findings
from coopact.contracts.qualification import rights_stated, service_not_partnership
from coopact.contracts.roles import person_key
from coopact.contracts.smart import smart_findings
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import OfficeRole

Check = Callable[[Partnership], list[Finding]]

# SMART objectives and a workable governance are blocking before the agreement is drafted:
# a signed agreement cannot be corrected by editing the file (used by coopact.stages too).
# What the file amounts to is read there too: a service shape blocks at the legal gate; the
# milestones against the shared outcomes and the clauses against the red lines are warnings.
AGREEMENT_EXTRA_RULES: Sequence[Check] = (
    partial(smart_findings, blocking=True),
    governance_findings,
    service_not_partnership,
    outcome_findings,
    communication_content_findings,
)


def _agreement(partnership: Partnership, clauses: ClauseLibrary) -> list[Finding]:
    return completeness(partnership, AGREEMENT_EXTRA_RULES, clauses=clauses)


def _vision(partnership: Partnership) -> list[Finding]:
    return vision.check(partnership) + due_diligence.check(partnership)


def _governance(partnership: Partnership) -> list[Finding]:
    return governance_findings(partnership) + communication_findings(partnership)


def later_checks(clauses: ClauseLibrary) -> Sequence[tuple[Stage, Check]]:
    """The stage whose automatic work runs each check, in lifecycle order (the agreement's
    with the clause library it will be written from)."""
    return (
        (Stage.draft, _vision),
        (Stage.vision_agreed, balance.check),
        (Stage.balanced, partial(_agreement, clauses=clauses)),
        (Stage.signed, _governance),
    )


NO_LEGAL_OFFICER = message(
    "registration.no_legal_officer",
    fr="Aucun juriste n'est désigné\u00a0: l'approbation juridique de la convention ne pourra "
    "jamais être donnée. Ajoutez-le sous people, par exemple\u00a0: "
    "people: [{{name: Nom Prénom, partner: {partner}, roles: [legal_officer], "
    "email: juriste@exemple.org}}], puis `coopact amend`.",
    en="No legal officer is named: the legal approval of the agreement can never be given. "
    "Add one under people, for example: people: [{{name: First Last, partner: {partner}, "
    "roles: [legal_officer], email: legal@example.org}}], then run `coopact amend`.",
)
NO_EMAIL = message(
    "registration.no_email",
    fr="{name} ({role}) n'a pas d'adresse e-mail\u00a0: cette personne ne sera pas prévenue "
    "quand {gate_fr} l'attendra (les avis partent par e-mail). Ajoutez email sous {where}.",
    en="{name} ({role}) has no e-mail address: they will not be told when {gate_en} awaits them "
    "(notices go out by e-mail). Add email under {where}.",
)
_GATE_WORDS = {
    Gate.vision_approval: ("l'approbation de la vision", "the vision approval"),
    Gate.balance_acceptance: ("l'acceptation de l'équilibre", "the balance acceptance"),
    Gate.legal_approval: ("l'approbation juridique", "the legal approval"),
    Gate.signature: ("la signature", "the signature"),
    Gate.review: ("la revue Go/noGo", "the Go/noGo review"),
    Gate.renewal: ("le renouvellement", "the renewal"),
}


def later_blocking(partnership: Partnership, clauses: ClauseLibrary) -> list[Finding]:
    """Every finding that will block a later stage, as a warning naming that stage."""
    found: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for stage, check in later_checks(clauses):
        for finding in check(partnership):
            if finding.severity is not Severity.blocking or (finding.code, finding.path) in seen:
                continue
            seen.add((finding.code, finding.path))
            params = {**finding.params, "blocks_at": stage.value}
            found.append(
                finding.model_copy(update={"severity": Severity.warning, "params": params})
            )
    return found


def unreachable_gates(partnership: Partnership) -> list[Finding]:
    """A gate nobody can decide, and people who must act but cannot be told."""
    found: list[Finding] = []
    if not any(OfficeRole.legal_officer in p.roles for p in partnership.people):
        found.append(
            Finding(
                code=NO_LEGAL_OFFICER,
                severity=Severity.warning,
                factor=Factor.formaliser,
                path="people",
                params={"partner": partnership.partners[0].key, "blocks_at": "legal_approval"},
            )
        )
    told: set[tuple[str, str, str]] = set()
    for spec in GATES.values():
        for recipient in recipients(partnership, spec.gate):
            key = (person_key(recipient.name), recipient.role.value, "")
            if recipient.email or key in told:
                continue
            told.add(key)
            found.append(
                Finding(
                    code=NO_EMAIL,
                    severity=Severity.warning,
                    factor=Factor.communiquer,
                    path=_where(partnership, recipient.name, recipient.partner_key),
                    params={
                        "name": recipient.name,
                        "role": ROLE_LABELS[recipient.role],
                        "gate_fr": _GATE_WORDS[spec.gate][0],
                        "gate_en": _GATE_WORDS[spec.gate][1],
                        "where": _where(partnership, recipient.name, recipient.partner_key),
                    },
                )
            )
    return found


def _where(partnership: Partnership, name: str, partner_key: str | None) -> str:
    """The field path where the person ``name`` is written in the file."""
    wanted = person_key(name)
    for i, partner in enumerate(partnership.partners):
        for field in ("signatory", "sponsor", "referent"):
            person = getattr(partner, field)
            if person is not None and person_key(person.name) == wanted:
                return f"partners[{i}].{field}"
    for i, listed in enumerate(partnership.people):
        if person_key(listed.name) == wanted:
            return f"people[{i}]"
    members = partnership.governance.steering_committee.members
    for i, member in enumerate(members):
        if person_key(member.name) == wanted:
            return f"people (or partners[].referent) for governance.steering_committee.members[{i}]"
    return "people"


def registration_findings(partnership: Partnership, clauses: ClauseLibrary) -> list[Finding]:
    """What ``coopact new`` and ``coopact amend`` report: the SMART warnings, the milestones
    against the shared outcomes, the clauses against the red lines, every rule that will
    block later (with its stage), the rights the qualification needs when they are not
    stated, and the gates that cannot be reached.
    ``clauses``: the clause library the agreement will be written from."""
    later = later_blocking(partnership, clauses)
    seen = {(f.code, f.path) for f in later}
    warnings = [
        f
        for f in [
            *smart_findings(partnership, blocking=False),
            *outcome_findings(partnership),
            *communication_content_findings(partnership),
        ]
        if (f.code, f.path) not in seen
    ]
    return (
        later
        + warnings
        + rights_stated(partnership)
        + unreachable_gates(partnership)
        + french_text_in_english_act(partnership)
        + schedule_findings(partnership)
    )
