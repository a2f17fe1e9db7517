"""Clause files rendered: the wording of the agreement, one file per clause and language.

``<templates>/clauses/<language>/<id>.md`` holds the conditions (front matter, read by
:mod:`coopact.adapters.documents.clause_library`) and the paragraphs of a clause. A legal officer
edits them in any text editor; the next agreement uses them, with no build step. Their jinja runs in
the same sandbox as the Word templates (no code, no underscore attributes, a missing field is an
error).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from jinja2.exceptions import SecurityError as JinjaSecurityError

from coopact.adapters.documents.clause_library import ClauseText, load_library
from coopact.adapters.documents.word import sandboxed_environment
from coopact.contracts.clauses import paragraphs, protect
from coopact.contracts.errors import SecurityError, TemplateProblem
from coopact.contracts.formatting import ensure_stop, list_end, list_item

__all__ = ["articles", "load_clauses", "render_clause"]


def load_clauses(templates: Path, language: str) -> dict[str, ClauseText]:
    """Every clause file of the library in ``language``; a missing or broken one refused."""
    return load_library(templates).texts[language]


@lru_cache(maxsize=4)
def _environment(language: str) -> Any:
    """One sandbox a language: its filters are bound to the language's typography."""
    env = sandboxed_environment()
    env.autoescape = False  # plain text: docxtpl escapes it when it goes into the .docx
    env.filters["stop"] = ensure_stop
    env.filters["item"] = lambda value, last: list_item(value, last, language)
    env.filters["list_end"] = lambda last: list_end(last, language)
    env.finalize = protect
    return env


@lru_cache(maxsize=512)
def _compiled(language: str, body: str) -> Any:
    """A clause's jinja compiled once for its wording: a legal officer's edit is a new key,
    so the next agreement uses it, and an unchanged clause is not compiled again."""
    return _environment(language).from_string(body)


def render_clause(text: ClauseText, context: dict[str, Any]) -> list[dict[str, Any]]:
    """The paragraphs of one clause rendered with the agreement's context."""
    language = str(context.get("doc", {}).get("language", "fr"))
    try:
        rendered = _compiled(language, text.body).render(context)
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

    ``context["clause"]`` (from :func:`contracts.agreement.clause_context`, over the same
    library) says which clauses are included, their order and numbers; headings use the title
    of the clause file (``Article 3 – Objet``).
    """
    texts = load_clauses(templates, language)
    result: list[dict[str, Any]] = []
    signatures: dict[str, Any] = {"heading": "", "paragraphs": []}
    for clause_id, selected in context["clause"].items():
        if not selected["included"]:
            continue
        text = texts[clause_id]
        number = selected["number"]
        heading = f"Article {number} – {text.title}" if number else text.title
        item = {"id": clause_id, "heading": heading, "paragraphs": render_clause(text, context)}
        if clause_id == "signatures":
            signatures = item
        else:
            result.append(item)
    return result, signatures
