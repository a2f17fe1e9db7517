"""Clause files rendered: the wording of the agreement, one file per clause and language.

``<templates>/clauses/<language>/<id>.md`` holds the conditions (front matter, read by
:mod:`coopact.clause_library`) and the paragraphs of a clause. A legal officer edits them in
any text editor; the next agreement uses them, with no build step. Their jinja runs in the
same sandbox as the Word templates (no code, no underscore attributes, a missing field is an
error).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from jinja2.exceptions import SecurityError as JinjaSecurityError

from contracts.clauses import paragraphs, protect
from contracts.errors import SecurityError
from contracts.formatting import ensure_stop, list_end, list_item
from coopact.clause_library import ClauseText, load_library
from coopact.documents import TemplateProblem, sandboxed_environment

__all__ = ["ClauseText", "articles", "load_clauses", "render_clause"]


def load_clauses(templates: Path, language: str) -> dict[str, ClauseText]:
    """Every clause file of the library in ``language``; a missing or broken one refused."""
    return load_library(templates).texts[language]


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
