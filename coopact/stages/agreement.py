"""The automatic work of the ``balanced`` stage: the convention de partenariat.

Legal completeness first: with any blocking finding, no document is generated and the
findings say what is missing. Otherwise the agreement is assembled in the partnership's
language, its template is linted against that context, and it is rendered reproducibly:
the same partnership gives a byte-identical .docx (the document date is derived from the
inputs, never from the clock).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from coopact.adapters.documents.clause_library import clause_library
from coopact.adapters.documents.word import DOCX_MEDIA_TYPE, render_docx, template_path
from coopact.contracts.agreement_checks import Rule, completeness
from coopact.contracts.findings import blocking
from coopact.schemas import Partnership
from coopact.stages.base import GeneratedDocument, StageOutput, WorkContext
from coopact.stages.template_lint import agreement_context, check_template

KIND = "agreement"


def run(
    partnership: Partnership, ctx: WorkContext, extra_rules: Sequence[Rule] = ()
) -> StageOutput:
    """Check the agreement's legal completeness, then generate it (or only report findings)."""
    findings = completeness(partnership, extra_rules, clauses=clause_library(ctx.templates))
    refused = blocking(findings)
    if refused:
        return StageOutput(
            findings=findings,
            summary=f"agreement not generated: {len(refused)} blocking finding"
            f"{'s' if len(refused) != 1 else ''} to resolve first",
        )
    document = generate(partnership, ctx)
    return StageOutput(
        findings=findings,
        documents=[document],
        summary=f"agreement generated in {document.language} ({document.filename}); "
        "legal approval by a legal officer is awaited",
    )


def generate(partnership: Partnership, ctx: WorkContext) -> GeneratedDocument:
    """Render the agreement without checking completeness (``run`` checks it first)."""
    language = partnership.language.value
    context = agreement_context(partnership, ctx.templates, signature_provider(ctx))
    template = template_path(ctx.templates, f"{language}/agreement.docx")
    check_template(template, context)
    title = f"{context['doc']['cover_short']} – {partnership.title}"
    content = render_docx(
        template,
        context,
        title=title,
        language=language,
        created=document_date(partnership),
    )
    return GeneratedDocument(
        kind=KIND,
        language=language,
        filename=f"{ctx.reference}-{KIND}-{language}.docx",
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs=context,
    )


def signature_provider(ctx: WorkContext) -> str:
    """How the act is signed, named in its electronic-signature clause: the work context's
    ``signature_provider`` setting, else COOPACT_SIGNATURE_PROVIDER (default ``manual``)."""
    chosen = ctx.settings.get("signature_provider") or os.environ.get(
        "COOPACT_SIGNATURE_PROVIDER", "manual"
    )
    return str(chosen).strip().lower() or "manual"


def document_date(partnership: Partnership) -> dt.datetime:
    """The date written in the document's properties: the start of the term, from the inputs."""
    return dt.datetime.combine(partnership.start_date, dt.time(), tzinfo=dt.UTC)
