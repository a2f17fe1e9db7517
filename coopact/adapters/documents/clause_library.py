"""The clause library read from a templates folder: ``<templates>/clauses/<language>/<id>.md``.

Every ``.md`` file of a language folder is a clause (its name is its id); its front matter
says when it applies (:mod:`contracts.clauses`), the rest is its wording. The library is
read once per state of the folder (a file changed, added or removed: read again) and a
file that cannot be used is refused with :class:`TemplateProblem`, naming it and the
problem. Only YAML is imported here: read commands (``status``) use the library too.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from coopact.adapters.config import settings
from coopact.contracts.clauses import (
    Clause,
    ClauseFileError,
    ClauseLibrary,
    build_library,
    read_clause,
)
from coopact.contracts.errors import EnvironmentProblem, TemplateProblem
from coopact.schemas import Language

LANGUAGES = tuple(language.value for language in Language)


@dataclass(frozen=True)
class ClauseText:
    id: str
    title: str
    body: str
    path: Path


@dataclass(frozen=True)
class LoadedLibrary:
    clauses: ClauseLibrary
    texts: dict[str, dict[str, ClauseText]]  # language -> clause id -> its wording


def clause_folder(templates: Path, language: str) -> Path:
    return templates / "clauses" / language


def _state(templates: Path) -> tuple[tuple[str, int, int], ...]:
    found = []
    for language in LANGUAGES:
        folder = clause_folder(templates, language)
        if folder.is_dir():
            for path in sorted(folder.glob("*.md")):
                stat = path.stat()
                found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def load_library(templates: Path) -> LoadedLibrary:
    """Every clause file of the folder, checked: the conditions and the wording by language."""
    return _load(templates.resolve(), _state(templates.resolve()))


def clause_library(templates: Path) -> ClauseLibrary:
    """Which clauses exist and when they apply, for the rules (``contracts.agreement``)."""
    return load_library(templates).clauses


def configured_library() -> ClauseLibrary:
    """The clause library of this installation (COOPACT_TEMPLATES); a broken one is an
    environment problem (exit 3), as at start."""
    try:
        return clause_library(settings().templates)
    except TemplateProblem as problem:
        raise EnvironmentProblem(
            f"the templates folder cannot be used (COOPACT_TEMPLATES): {problem.message}"
        ) from None


@functools.lru_cache(maxsize=16)
def _load(templates: Path, state: tuple[tuple[str, int, int], ...]) -> LoadedLibrary:
    del state  # part of the cache key only: the folder as it is now
    files: dict[str, dict[str, Clause]] = {}
    texts: dict[str, dict[str, ClauseText]] = {}
    for language in LANGUAGES:
        files[language], texts[language] = {}, {}
        folder = clause_folder(templates, language)
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            clause, body = _read(path, language)
            files[language][clause.id] = clause
            texts[language][clause.id] = ClauseText(clause.id, clause.title(language), body, path)
    try:
        clauses = build_library(files, LANGUAGES)
    except ClauseFileError as exc:
        path = clause_folder(templates, exc.language) / f"{exc.clause_id}.md"
        raise TemplateProblem(f"the clause file {path} {exc.problem}") from None
    return LoadedLibrary(clauses, texts)


def _read(path: Path, language: str) -> tuple[Clause, str]:
    try:
        return read_clause(path.stem, language, path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise TemplateProblem(f"the clause file {path} is not UTF-8 text") from None
    except ClauseFileError as exc:
        raise TemplateProblem(f"the clause file {path} {exc.problem}") from None
