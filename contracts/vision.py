"""Construire: is the shared vision complete enough for each sponsor to approve it?

Each partner states its mission, strategic stakes, constraints and red lines, and names an
executive sponsor; together they state a shared vision with objectives and beneficiaries.
What is missing is a misunderstanding waiting to happen, so each gap blocks the vision
approval. The mission and the vision statement are required by the schema itself: a file
without them is refused at input and never reaches these rules.

What the vision *says* (a statement naming what changes, for whom and where; measurable
objectives; beneficiaries as a population in a territory; stakes and objectives served) is
checked by :mod:`contracts.vision_content`, whose findings :func:`check` includes.
"""

from __future__ import annotations

from coopact.contracts import vision_content
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.schemas import Partnership

STAKES_MISSING = message(
    "vision.stakes_missing",
    fr=(
        "{partner} n’a indiqué aucun enjeu stratégique : pourquoi ce partenariat compte-t-il "
        "pour lui ?"
    ),
    en="{partner} states no strategic stakes: why does this partnership matter to it?",
)
CONSTRAINTS_MISSING = message(
    "vision.constraints_missing",
    fr=(
        "{partner} n’a indiqué aucune contrainte : ce avec quoi il doit composer reste "
        "inconnu de ses partenaires."
    ),
    en="{partner} states no constraints: what it must live with is unknown to its partners.",
)
RED_LINES_MISSING = message(
    "vision.red_lines_missing",
    fr=(
        "{partner} n’a indiqué aucune ligne rouge : ses points non négociables doivent être "
        "écrits avant l’accord sur la vision."
    ),
    en=(
        "{partner} states no red lines: its non-negotiables must be written down before the "
        "vision is agreed."
    ),
)
SPONSOR_MISSING = message(
    "vision.sponsor_missing",
    fr="{partner} n’a pas de sponsor exécutif : personne ne peut approuver la vision en son nom.",
    en="{partner} has no executive sponsor: nobody can approve the vision on its behalf.",
)
OBJECTIVES_MISSING = message(
    "vision.objectives_missing",
    fr="La vision partagée n’a aucun objectif commun.",
    en="The shared vision has no shared objectives.",
)
BENEFICIARIES_MISSING = message(
    "vision.beneficiaries_missing",
    fr="La vision partagée ne dit pas qui en sont les bénéficiaires.",
    en="The shared vision does not say who its beneficiaries are.",
)


def _finding(code: str, path: str, **params: object) -> Finding:
    return Finding(
        code=code, severity=Severity.blocking, factor=Factor.construire, path=path, params=params
    )


def stakes_missing(partnership: Partnership) -> list[Finding]:
    """Each partner states at least one strategic stake."""
    return [
        _finding(STAKES_MISSING, f"partners[{i}].stakes", partner=p.name)
        for i, p in enumerate(partnership.partners)
        if not p.stakes
    ]


def constraints_missing(partnership: Partnership) -> list[Finding]:
    """Each partner states at least one constraint."""
    return [
        _finding(CONSTRAINTS_MISSING, f"partners[{i}].constraints", partner=p.name)
        for i, p in enumerate(partnership.partners)
        if not p.constraints
    ]


def red_lines_missing(partnership: Partnership) -> list[Finding]:
    """Each partner states at least one red line."""
    return [
        _finding(RED_LINES_MISSING, f"partners[{i}].red_lines", partner=p.name)
        for i, p in enumerate(partnership.partners)
        if not p.red_lines
    ]


def sponsor_missing(partnership: Partnership) -> list[Finding]:
    """Each partner names an executive sponsor, who approves the vision for it."""
    return [
        _finding(SPONSOR_MISSING, f"partners[{i}].sponsor", partner=p.name)
        for i, p in enumerate(partnership.partners)
        if p.sponsor is None
    ]


def objectives_missing(partnership: Partnership) -> list[Finding]:
    """The shared vision states at least one shared objective."""
    if partnership.vision.shared_objectives:
        return []
    return [_finding(OBJECTIVES_MISSING, "vision.shared_objectives")]


def beneficiaries_missing(partnership: Partnership) -> list[Finding]:
    """The shared vision names its beneficiaries."""
    if partnership.vision.beneficiaries:
        return []
    return [_finding(BENEFICIARIES_MISSING, "vision.beneficiaries")]


RULES = (
    stakes_missing,
    constraints_missing,
    red_lines_missing,
    sponsor_missing,
    objectives_missing,
    beneficiaries_missing,
)


def check(partnership: Partnership) -> list[Finding]:
    """Every vision finding: completeness, in rule order, then what the vision says."""
    complete = [finding for rule in RULES for finding in rule(partnership)]
    return complete + vision_content.check(partnership)
