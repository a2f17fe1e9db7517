"""Construire: check the shared vision and the partners, and write the note the sponsors approve."""

from __future__ import annotations

from typing import Any

from coopact.contracts import due_diligence, vision
from coopact.contracts.vision_content import objectives_serving
from coopact.schemas import Partnership
from coopact.stages import method_views, presentation
from coopact.stages.base import StageOutput, WorkContext
from coopact.stages.stage_note import stage_note

KIND = "vision_note"
_TITLE = {"fr": "Note de vision partagée", "en": "Shared vision note"}
_NONE_SERVING = {
    "fr": "aucun objectif commun ne sert ses enjeux",
    "en": "no shared objective serves its stakes",
}


def run(partnership: Partnership, ctx: WorkContext) -> StageOutput:
    """Vision completeness and due diligence findings, and the shared vision note (.docx)."""
    findings = vision.check(partnership) + due_diligence.check(partnership)
    language = partnership.language.value
    document = stage_note(
        partnership,
        ctx,
        findings,
        kind=KIND,
        title=_TITLE[language],
        context=vision_context(partnership, ctx.reference, language),
    )
    blocking = sum(1 for f in findings if f.severity.value == "blocking")
    summary = (
        f"vision note written; {len(findings)} finding(s), {blocking} blocking"
        if findings
        else "vision note written; the vision is complete and the partners checked"
    )
    return StageOutput(findings=findings, documents=[document], summary=summary)


def vision_context(partnership: Partnership, reference: str, language: str) -> dict[str, Any]:
    """What the vision note shows, prepared for a template that only loops and prints."""
    missing = presentation.not_stated(language)
    serving = objectives_serving(partnership)
    return {
        **presentation.header_context(partnership, reference, language),
        "vision": {
            "statement": partnership.vision.statement,
            "objectives": list(partnership.vision.shared_objectives) or [missing],
            "beneficiaries": partnership.vision.beneficiaries or missing,
        },
        "partners": [
            {
                "name": p.name,
                "heading": method_views.partner_heading(p, language),
                "legal_form": presentation.legal_form(p.legal_form.value, language),
                "mission": p.mission,
                "serving": serving[p.key] or [_NONE_SERVING[language]],
                "stakes": list(p.stakes) or [missing],
                "constraints": list(p.constraints) or [missing],
                "red_lines": list(p.red_lines) or [missing],
                "sponsor_name": p.sponsor.name if p.sponsor else missing,
                "sponsor_role": p.sponsor.role if p.sponsor else missing,
                "sponsor": f"{p.sponsor.name}, {p.sponsor.role}" if p.sponsor else missing,
            }
            for p in partnership.partners
        ],
    }
