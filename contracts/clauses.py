"""The clause registry of the convention de partenariat: which clauses, in which order, when.

The wording of each clause is not here: it lives in a clause file a legal officer edits,
``templates/clauses/<language>/<id>.md`` (a small front matter with its ``title``, then one
paragraph per line, ``- `` for a bullet, ``**bold**``, jinja ``{{ }}`` / ``{% %}`` over the
agreement's context). This registry says, for each clause id, its default titles (used in
findings), whether it is always required or depends on a named condition, and the fields of
the partnership file it needs. Conditions are evaluated here, in Python, never in Word or in
a clause file, and the article numbers computed by :func:`select_clauses` stay contiguous.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from schemas import Partnership, PartnershipKind


@dataclass(frozen=True)
class Clause:
    id: str
    title_fr: str
    title_en: str
    condition: str | None = None  # None: required in every agreement
    fields: tuple[str, ...] = ()  # paths in the partnership file; ``[]`` = every item
    numbered: bool = True  # False for the parties, preamble and signature blocks

    @property
    def required(self) -> bool:
        return self.condition is None

    def title(self, language: str) -> str:
        return self.title_fr if language == "fr" else self.title_en


def _is_mecenat(p: Partnership) -> bool:
    return p.kind is PartnershipKind.mecenat


def _is_parrainage(p: Partnership) -> bool:
    return p.kind is PartnershipKind.parrainage


def _has_gates(p: Partnership) -> bool:
    return any(m.gate for m in p.milestones)


def _has_risks(p: Partnership) -> bool:
    return bool(p.risks)


CONDITIONS: dict[str, Callable[[Partnership], bool]] = {
    "mecenat": _is_mecenat,
    "parrainage": _is_parrainage,
    "has_gates": _has_gates,
    "has_risks": _has_risks,
}

CLAUSES: tuple[Clause, ...] = (
    Clause(
        "parties",
        "Entre les soussignés",
        "Between the undersigned",
        fields=("partners[].name", "partners[].address", "partners[].signatory"),
        numbered=False,
    ),
    Clause(
        "preamble",
        "Préambule et vision partagée",
        "Preamble and shared vision",
        fields=("vision.statement", "partners[].mission"),
        numbered=False,
    ),
    Clause(
        "purpose",
        "Objet et qualification juridique",
        "Purpose and legal qualification",
        fields=("title", "kind", "vision.shared_objectives"),
    ),
    Clause(
        "counterparts",
        "Contreparties et reçu fiscal",
        "Counterparts and tax receipt",
        condition="mecenat",
        fields=("counterparts",),
    ),
    Clause(
        "invoicing",
        "Facturation du parrainage",
        "Invoicing of the sponsorship",
        condition="parrainage",
        fields=("contributions",),
    ),
    Clause(
        "term",
        "Durée, renouvellement et préavis",
        "Term, renewal and notice",
        fields=("start_date", "duration_months", "renewal", "notice_months"),
    ),
    Clause(
        "commitments",
        "Engagements réciproques",
        "Mutual commitments",
        fields=("partners[].stakes",),
    ),
    Clause(
        "contributions",
        "Contributions et calendrier de versement",
        "Contributions and payment schedule",
        fields=("contributions",),
    ),
    Clause(
        "sharing",
        "Partage des coûts et des bénéfices",
        "Sharing of costs and benefits",
        fields=("sharing.costs", "benefits"),
    ),
    Clause(
        "risks",
        "Partage des risques",
        "Sharing of risks",
        condition="has_risks",
        fields=("risks",),
    ),
    Clause(
        "insurance",
        "Assurances",
        "Insurance",
    ),
    Clause(
        "governance",
        "Gouvernance : comité de pilotage",
        "Governance: steering committee",
        fields=(
            "governance.steering_committee.members",
            "governance.steering_committee.meets_every_months",
            "governance.steering_committee.decision_rule",
            "governance.steering_committee.deadlock",
        ),
    ),
    Clause(
        "team",
        "Référents et équipe projet",
        "Referents and project team",
        fields=("partners[].referent",),
    ),
    Clause(
        "objectives",
        "Objectifs SMART et jalons",
        "SMART objectives and milestones",
        fields=("milestones",),
    ),
    Clause(
        "gates",
        "Points de décision Go/noGo",
        "Go/noGo decision points",
        condition="has_gates",
        fields=("milestones",),
    ),
    Clause(
        "evaluation",
        "Évaluation et compte rendu",
        "Evaluation and reporting",
        fields=("reviews.every_months",),
    ),
    Clause(
        "communication",
        "Communication et usage des noms et logos",
        "Communication and use of names and logos",
        fields=("sharing.communication",),
    ),
    Clause(
        "intellectual_property",
        "Propriété intellectuelle",
        "Intellectual property",
        fields=("sharing.intellectual_property",),
    ),
    Clause("confidentiality", "Confidentialité", "Confidentiality"),
    Clause(
        "personal_data",
        "Protection des données personnelles",
        "Personal data protection",
        fields=("sharing.personal_data",),
    ),
    Clause(
        "ethics",
        "Indépendance et éthique",
        "Independence and ethics",
        fields=("partners[].red_lines",),
    ),
    Clause(
        "non_assignment",
        "Incessibilité (intuitu personae)",
        "Non-assignment (intuitu personae)",
    ),
    Clause("force_majeure", "Force majeure", "Force majeure"),
    Clause("amendments", "Avenants", "Amendments"),
    Clause("termination", "Résiliation et sortie du partenariat", "Termination and exit"),
    Clause(
        "notices",
        "Adresses et notifications",
        "Addresses and notices",
        fields=("partners[].address",),
    ),
    Clause(
        "disputes",
        "Règlement des différends, droit applicable et version faisant foi",
        "Settlement of disputes, governing law and prevailing version",
        fields=("language",),
    ),
    Clause("annexes", "Liste des annexes", "List of annexes"),
    Clause(
        "signatures",
        "Signatures",
        "Signatures",
        fields=("partners[].signatory",),
        numbered=False,
    ),
)

CLAUSE_IDS: tuple[str, ...] = tuple(c.id for c in CLAUSES)


@dataclass(frozen=True)
class SelectedClause:
    clause: Clause
    included: bool
    number: int | None  # article number, contiguous over the included numbered clauses


def applies(clause: Clause, partnership: Partnership) -> bool:
    """Whether ``clause`` belongs in this partnership's agreement."""
    return clause.condition is None or CONDITIONS[clause.condition](partnership)


def select_clauses(partnership: Partnership) -> list[SelectedClause]:
    """Every clause of the library, in order, with whether it applies and its article number."""
    selected: list[SelectedClause] = []
    number = 0
    for clause in CLAUSES:
        included = applies(clause, partnership)
        if included and clause.numbered:
            number += 1
            selected.append(SelectedClause(clause, True, number))
        else:
            selected.append(SelectedClause(clause, included, None))
    return selected


# --- Clause files: parsed here (pure text), read and rendered by the application --------

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n?", re.DOTALL)
FRONT_KEYS = frozenset({"title"})


class ClauseFileError(ValueError):
    """A clause file whose front matter cannot be read (the message names the problem)."""


def parse_clause_file(text: str) -> tuple[dict[str, Any], str]:
    """The front matter (``title``) and the body of a clause file."""
    found = _FRONT.match(text)
    if not found:
        raise ClauseFileError("it does not start with a front matter between two '---' lines")
    try:
        front = yaml.safe_load(found.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ClauseFileError(f"its front matter is not valid YAML ({exc})") from None
    if not isinstance(front, dict):
        raise ClauseFileError("its front matter is not a list of 'key: value' lines")
    unknown = sorted(set(front) - FRONT_KEYS)
    if unknown:
        raise ClauseFileError(f"its front matter has unknown keys: {', '.join(unknown)}")
    title = front.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ClauseFileError("its front matter has no 'title'")
    return front, text[found.end() :]


# Printed values are protected from the clause markup: their newlines, stars and leading
# dashes are swapped for private-use characters while the lines are split, then restored.
_PROTECT = {"\r\n": "\ue000", "\n": "\ue000", "\r": "\ue000", "*": "\ue001"}
_RESTORE = {"\ue000": "\n", "\ue001": "*", "\ue002": "-"}


def protect(value: Any) -> str:
    """A value printed in a clause, kept verbatim whatever markup characters it holds."""
    text = "" if value is None else str(value)
    for old, new in _PROTECT.items():
        text = text.replace(old, new)
    return "\ue002" + text[1:] if text.startswith("-") else text


def _restore(text: str) -> str:
    for old, new in _RESTORE.items():
        text = text.replace(old, new)
    return text


def paragraphs(rendered: str) -> list[dict[str, Any]]:
    """A rendered clause body as paragraphs: one per non-empty line, ``- `` a bullet,
    ``**bold**`` runs; the Word template prints them with its own styles."""
    result: list[dict[str, Any]] = []
    for raw in rendered.splitlines():
        line = raw.strip()
        if not line:
            continue
        bullet = line.startswith("- ")
        if bullet:
            line = line[2:].strip()
        parts = [(_restore(part), i % 2 == 1) for i, part in enumerate(line.split("**")) if part]
        runs = [{"text": text, "bold": bold} for text, bold in parts]
        result.append({"bullet": bullet, "runs": runs, "text": "".join(t for t, _ in parts)})
    return result
