"""The clause library of the convention de partenariat: which clauses, in which order, when.

Each clause is a file a legal officer edits, ``templates/clauses/<language>/<id>.md``: a small
front matter between two ``---`` lines says what the clause is and when it applies, then the
wording follows (one paragraph per line, ``- `` a bullet, ``**bold**``, jinja ``{{ }}`` /
``{% %}`` over the agreement's context)::

    ---
    title: "Contreparties et reçu fiscal"
    order: 40
    kind: [mecenat]
    fields: [counterparts]
    ---

``title`` heads the article; ``order`` places it (article numbers stay contiguous over the
clauses included); ``kind`` keeps it to these partnership kinds; ``when`` keeps it to the
partnerships where every named fact holds (``not has_risks`` for the opposite; the facts
are :data:`contracts.clause_facts.FACTS`); ``required: true`` puts it in every agreement and
forbids removing it; ``numbered: false`` leaves it without an article number (parties,
preamble, signatures); ``fields`` are the paths of the partnership file it needs filled.
The conditions are stated in every language's file and must be the same. Reading the files
is the application's work (``coopact.adapters.documents.clause_library``); this module parses their
text and decides, with no I/O.
"""

from __future__ import annotations

import itertools
import re
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel

from coopact.contracts.clause_facts import FACTS, facts
from coopact.schemas import Partnership, PartnershipKind

_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: same values

# The clauses every agreement coopact writes holds (issue 13): an organisation's library may
# reword them, never remove them or make them conditional.
REQUIRED_CLAUSES: tuple[str, ...] = (
    "parties",
    "preamble",
    "purpose",
    "term",
    "commitments",
    "contributions",
    "sharing",
    "insurance",
    "governance",
    "team",
    "objectives",
    "evaluation",
    "communication",
    "intellectual_property",
    "confidentiality",
    "personal_data",
    "ethics",
    "non_assignment",
    "force_majeure",
    "amendments",
    "termination",
    "notices",
    "disputes",
    "annexes",
    "signatures",
)

KINDS = tuple(k.value for k in PartnershipKind)
FRONT_KEYS = ("title", "order", "kind", "when", "required", "numbered", "fields")
CONDITION_KEYS = ("order", "kind", "when", "required", "numbered", "fields")
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n?", re.DOTALL)


class ClauseFileError(ValueError):
    """A clause file that cannot be used. ``problem`` completes the sentence "the clause file
    <path> ..." (``is missing: ...``, ``cannot be read: ...``); ``clause_id`` and ``language``
    locate the file when the problem is found across files."""

    def __init__(self, problem: str, clause_id: str = "", language: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.clause_id = clause_id
        self.language = language


@dataclass(frozen=True)
class Clause:
    id: str
    order: int
    titles: tuple[tuple[str, str], ...]  # (language, title)
    kinds: tuple[str, ...] = ()  # empty: every kind
    when: tuple[str, ...] = ()  # facts that must all hold; "not <fact>" for the opposite
    required: bool = False
    numbered: bool = True
    fields: tuple[str, ...] = ()  # paths in the partnership file; ``[]`` = every item

    def title(self, language: str) -> str:
        titles = dict(self.titles)
        return titles.get(language) or self.titles[0][1]

    def conditions(self) -> dict[str, Any]:
        """What must be the same in every language's file."""
        return {
            "order": self.order,
            "kind": list(self.kinds),
            "when": list(self.when),
            "required": self.required,
            "numbered": self.numbered,
            "fields": list(self.fields),
        }


ClauseLibrary = tuple[Clause, ...]  # in order


@dataclass(frozen=True)
class SelectedClause:
    clause: Clause
    included: bool
    number: int | None  # article number, contiguous over the included numbered clauses


def _holds(condition: str, known: Mapping[str, bool]) -> bool:
    negated, name = _fact_of(condition)
    return known[name] is not negated


def applies(
    clause: Clause, partnership: Partnership, known: Mapping[str, bool] | None = None
) -> bool:
    """Whether ``clause`` belongs in this partnership's agreement (``known``: its facts)."""
    if clause.kinds and partnership.kind.value not in clause.kinds:
        return False
    if not clause.when:
        return True
    known = facts(partnership) if known is None else known
    return all(_holds(condition, known) for condition in clause.when)


def select_clauses(partnership: Partnership, library: ClauseLibrary) -> list[SelectedClause]:
    """Every clause of the library, in order, with whether it applies and its article number."""
    known = facts(partnership)
    selected: list[SelectedClause] = []
    number = 0
    for clause in library:
        included = applies(clause, partnership, known)
        if included and clause.numbered:
            number += 1
            selected.append(SelectedClause(clause, True, number))
        else:
            selected.append(SelectedClause(clause, included, None))
    return selected


# --- Clause files: parsed here (pure text), read by the application ------------------------


def parse_clause_file(text: str) -> tuple[dict[str, Any], str]:
    """The front matter (as a mapping) and the body of a clause file."""
    found = _FRONT.match(text)
    if not found:
        raise ClauseFileError(
            "cannot be read: it does not start with a front matter between two '---' lines"
        )
    try:
        try:
            front = yaml.load(found.group(1), Loader=_FAST_LOADER) or {}
        except yaml.YAMLError:  # the pure-Python loader's message
            front = yaml.safe_load(found.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ClauseFileError(
            f"cannot be read: its front matter is not valid YAML ({exc})"
        ) from None
    if not isinstance(front, dict):
        raise ClauseFileError(
            "cannot be read: its front matter is not a list of 'key: value' lines"
        )
    return front, text[found.end() :]


def read_clause(clause_id: str, language: str, text: str) -> tuple[Clause, str]:
    """The clause a file states (its title in ``language``) and the wording that follows."""
    if not _ID.match(clause_id):
        raise ClauseFileError(
            "cannot be used: its name is not a clause id (lower-case letters, digits and _, "
            "starting with a letter, then .md)"
        )
    front, body = parse_clause_file(text)
    try:
        clause = _clause(clause_id, language, front)
    except ValueError as exc:
        raise ClauseFileError(f"cannot be read: its front matter {exc}") from None
    return clause, body


def _clause(clause_id: str, language: str, front: Mapping[Any, Any]) -> Clause:
    unknown = sorted(str(k) for k in front if k not in FRONT_KEYS)
    if unknown:
        raise ValueError(f"has unknown keys: {', '.join(unknown)} (known: {', '.join(FRONT_KEYS)})")
    title = front.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("has no 'title'")
    order = front.get("order")
    if isinstance(order, bool) or not isinstance(order, int) or order < 0:
        raise ValueError("has no 'order' (a whole number placing the clause, e.g. order: 40)")
    kinds = _names(front, "kind")
    for kind in kinds:
        if kind not in KINDS:
            raise ValueError(f"names an unknown kind {kind!r} (known: {', '.join(KINDS)})")
    when = tuple(" ".join(c.split()) for c in _names(front, "when"))
    for condition in when:
        if _fact_of(condition)[1] not in FACTS:
            raise ValueError(
                f"names an unknown fact {condition!r} under 'when' (known facts: "
                f"{', '.join(FACTS)}; 'not <fact>' for the opposite)"
            )
    required = _flag(front, "required", False)
    if required and (kinds or when):
        raise ValueError(
            "says 'required: true' and also 'kind' or 'when': a required clause is in every "
            "agreement"
        )
    fields = _names(front, "fields")
    for path in fields:
        if not field_exists(path):
            raise ValueError(f"names a field {path!r} the partnership file does not have")
    return Clause(
        id=clause_id,
        order=order,
        titles=((language, title.strip()),),
        kinds=kinds,
        when=when,
        required=required,
        numbered=_flag(front, "numbered", True),
        fields=fields,
    )


def _names(front: Mapping[Any, Any], key: str) -> tuple[str, ...]:
    value = front.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"has a '{key}' that is not a list of names, e.g. {key}: [a, b]")
    return tuple(v.strip() for v in value)


def _flag(front: Mapping[Any, Any], key: str, default: bool) -> bool:
    value = front.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"has a '{key}' that is neither true nor false")
    return value


def _fact_of(condition: str) -> tuple[bool, str]:
    words = condition.split()
    if len(words) == 2 and words[0] == "not":
        return True, words[1]
    return False, condition


def field_exists(path: str) -> bool:
    """Whether ``partners[].signatory``-like ``path`` names a field of the partnership file."""
    model: Any = Partnership
    for part in path.split("."):
        many = part.endswith("[]")
        name = part.removesuffix("[]")
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return False
        info = model.model_fields.get(name)
        if info is None:
            return False
        model = _optional_inner(info.annotation)
        if many:
            if get_origin(model) is not list:
                return False
            model = _optional_inner(get_args(model)[0])
    return True


def _optional_inner(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def build_library(
    files: Mapping[str, Mapping[str, Clause]], languages: Iterable[str]
) -> ClauseLibrary:
    """The library from every clause file read, by language then clause id.

    Refused (:class:`ClauseFileError` locating the file): a required clause missing or made
    conditional, a clause without its file in one language, a clause whose files state other
    conditions in another language, two clauses with the same order.
    """
    languages = tuple(languages)
    ids = list(REQUIRED_CLAUSES) + sorted(
        {i for f in files.values() for i in f} - set(REQUIRED_CLAUSES)
    )
    merged: list[Clause] = []
    for clause_id in ids:
        present = [lang for lang in languages if clause_id in files.get(lang, {})]
        for language in languages:
            if language in present:
                continue
            why = (
                "every agreement holds this clause"
                if clause_id in REQUIRED_CLAUSES
                else f"every clause needs one file per language (it exists in {present[0]})"
            )
            raise ClauseFileError(f"is missing: {why}", clause_id, language)
        versions = [files[lang][clause_id] for lang in languages]
        first = versions[0]
        for language, other in zip(languages[1:], versions[1:], strict=True):
            if other.conditions() != first.conditions():
                raise ClauseFileError(_differences(first, other, languages[0]), clause_id, language)
        if clause_id in REQUIRED_CLAUSES and not first.required:
            raise ClauseFileError(
                "must say 'required: true' (and no 'kind' or 'when'): every agreement holds "
                "this clause",
                clause_id,
                languages[0],
            )
        titles = tuple((lang, v.titles[0][1]) for lang, v in zip(languages, versions, strict=True))
        merged.append(replace(first, titles=titles))
    merged.sort(key=lambda c: c.order)
    for before, after in itertools.pairwise(merged):
        if before.order == after.order:
            raise ClauseFileError(
                f"has the same order ({after.order}) as {before.id}.md: give each clause its "
                "own place",
                after.id,
                languages[0],
            )
    return tuple(merged)


def _differences(first: Clause, other: Clause, first_language: str) -> str:
    mine, theirs = other.conditions(), first.conditions()
    shown = "; ".join(
        f"{key}: {_show(mine[key])} here, {_show(theirs[key])} in {first_language}"
        for key in CONDITION_KEYS
        if mine[key] != theirs[key]
    )
    return (
        f"states other conditions than its {first_language} version ({shown}): a clause "
        "applies under the same conditions in every language"
    )


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


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
