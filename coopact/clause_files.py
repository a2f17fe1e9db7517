"""Clause files: the wording of the agreement, one file per clause and language.

``<templates>/clauses/<language>/<id>.md`` holds the title and the paragraphs of the clause
``<id>`` of :data:`contracts.clauses.CLAUSES`. A legal officer edits them in any text editor;
the next agreement uses them, with no build step. Their jinja runs in the same sandbox as
the Word templates (no code, no underscore attributes, a missing field is an error).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from jinja2.exceptions import SecurityError as JinjaSecurityError

from contracts.clauses import CLAUSES, ClauseFileError, paragraphs, parse_clause_file, protect
from contracts.errors import SecurityError
from contracts.formatting import ensure_stop, list_end, list_item
from coopact.documents import TemplateProblem, sandboxed_environment


@dataclass(frozen=True)
class ClauseText:
    id: str
    title: str
    body: str
    path: Path


def clause_folder(templates: Path, language: str) -> Path:
    return templates / "clauses" / language


def load_clause(templates: Path, language: str, clause_id: str) -> ClauseText:
    path = clause_folder(templates, language) / f"{clause_id}.md"
    if not path.is_file():
        raise TemplateProblem(
            f"the clause file {path} is missing: every clause of the agreement needs one "
            f"per language (clause {clause_id!r})"
        )
    try:
        front, body = parse_clause_file(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise TemplateProblem(f"the clause file {path} is not UTF-8 text") from None
    except ClauseFileError as exc:
        raise TemplateProblem(f"the clause file {path} cannot be read: {exc}") from None
    return ClauseText(clause_id, str(front["title"]).strip(), body, path)


def load_clauses(templates: Path, language: str) -> dict[str, ClauseText]:
    """Every clause file of the registry in ``language``; a missing or broken one refused."""
    return {c.id: load_clause(templates, language, c.id) for c in CLAUSES}


def _environment() -> Any:
    env = sandboxed_environment()
    env.autoescape = False  # plain text: docxtpl escapes it when it goes into the .docx
    env.filters["stop"] = ensure_stop
    env.finalize = protect
    return env


def render_clause(text: ClauseText, context: dict[str, Any]) -> list[dict[str, Any]]:
    """The paragraphs of one clause rendered with the agreement's context."""
    language = str(context.get("doc", {}).get("language", "fr"))
    env = _environment()
    env.filters["item"] = lambda value, last: list_item(value, last, language)
    env.filters["list_end"] = lambda last: list_end(last, language)
    try:
        rendered = env.from_string(text.body).render(context)
    except JinjaSecurityError as exc:
        raise SecurityError(
            f"the clause file {text.path} tried an unsafe operation: {exc}"
        ) from None
    except TemplateError as exc:
        raise TemplateProblem(f"the clause file {text.path} could not be rendered: {exc}") from None
    return paragraphs(rendered)


def articles(
    templates: Path, language: str, context: dict[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The numbered articles (and parties, preamble) in order, and the signature section.

    Headings use the title of the clause file (``Article 3 – Objet``); ``context["clause"]``
    (from :func:`contracts.agreement.clause_context`) says which clauses are included and
    their numbers.
    """
    texts = load_clauses(templates, language)
    result: list[dict[str, Any]] = []
    signatures: dict[str, Any] = {"heading": "", "paragraphs": []}
    for clause in CLAUSES:
        selected = context["clause"][clause.id]
        if not selected["included"]:
            continue
        text = texts[clause.id]
        number = selected["number"]
        heading = f"Article {number} – {text.title}" if number else text.title
        item = {"id": clause.id, "heading": heading, "paragraphs": render_clause(text, context)}
        if clause.id == "signatures":
            signatures = item
        else:
            result.append(item)
    return result, signatures
