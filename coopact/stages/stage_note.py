"""The note a stage writes for its gate (the shared vision note, the balance report): the
stage's own context, with its findings and the method scorecard, rendered from the
language's template and named after the partnership and the note's kind."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coopact.adapters.documents.clause_library import clause_library
from coopact.adapters.documents.word import DOCX_MEDIA_TYPE, Picture, render_docx, template_path
from coopact.contracts.findings import Finding
from coopact.schemas import Partnership
from coopact.stages import method_views, presentation
from coopact.stages.base import GeneratedDocument, WorkContext


def stage_note(
    partnership: Partnership,
    ctx: WorkContext,
    findings: Sequence[Finding],
    *,
    kind: str,
    title: str,
    context: dict[str, Any],
    pictures: Mapping[str, Picture] | None = None,
) -> GeneratedDocument:
    """The ``kind`` note (template ``{language}/{kind}.docx``) titled ``title – {the
    partnership's title}``: ``context`` with the stage's ``findings`` (``findings``) and the
    method scorecard, the findings of the work before it included (``scorecard``)."""
    language = partnership.language.value
    name = f"{language}/{kind}.docx"
    context["findings"] = presentation.findings_rows(findings, language)
    context["scorecard"] = method_views.scorecard_rows(
        partnership, [*ctx.findings, *findings], language, clauses=clause_library(ctx.templates)
    )
    content = render_docx(
        template_path(ctx.templates, name),
        context,
        title=f"{title} – {partnership.title}",
        language=language,
        created=presentation.created_at(partnership.start_date),
        pictures=pictures,
    )
    return GeneratedDocument(
        kind=kind,
        language=language,
        filename=f"{ctx.reference}-{kind.replace('_', '-')}-{language}.docx",
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs=presentation.inputs(partnership, name),
    )
