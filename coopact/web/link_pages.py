"""``/d/<token>``: a person's own decision page, reached from the link in their mail."""

from __future__ import annotations

import logging
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from contracts import decisions as rules
from contracts.errors import CoopactError
from contracts.lifecycle import Gate, Outcome
from coopact import notify, pdf, services, wiring
from coopact.services import links
from coopact.services._common import _finding, partnership_of
from coopact.services.decisions import Channel
from coopact.web.app import (
    PageError,
    client,
    current_officer,
    page,
    portal,
    render,
    require_csrf,
)
from coopact.web.texts import outcome_label, texts

log = logging.getLogger("coopact.web")


def routes() -> list[Route]:
    return [
        Route("/d/{token}", page(show), methods=["GET"]),
        Route("/d/{token}", page(submit), methods=["POST"]),
        Route("/d/{token}/document", page(download), methods=["GET"]),
        Route("/d/{token}/document.pdf", page(download_pdf), methods=["GET"]),
    ]


def _open(request: Request) -> tuple[links.LinkState, str]:
    """The link's state and language, or a refusal page (kept in the audit trail)."""
    uow = portal(request).uow()
    token = request.path_params["token"]
    with uow:
        try:
            link, row = links.check(uow, token, portal(request).keyring)
        except links.LinkRefused as refusal:
            links.refuse(uow, refusal, client(request))
            known = uow.partnerships.find(refusal.reference) if refusal.reference else None
            lang = str(known.spec.get("language", "fr")) if known is not None else "fr"
            t = texts(lang)
            raise PageError(
                refusal.status, t["link_title"], t[f"link_{refusal.code}"], lang
            ) from None
        found = links.state(uow, link, row)
        return found, str(row.spec.get("language", "fr"))


def _refuse(request: Request, found: links.LinkState, code: str, lang: str) -> PageError:
    """Audit a refused use of a valid link (reused, closed); the page to show."""
    uow = portal(request).uow()
    with uow:
        refusal = links.LinkRefused(410, code, found.link.token_id, found.row.reference)
        links.refuse(uow, refusal, client(request))
    t = texts(lang)
    return PageError(410, t["link_title"], t[f"link_{code}"], lang)


def _decided_page(
    request: Request, found: links.LinkState, lang: str, status: int = 200
) -> Response:
    decision = found.decided
    assert decision is not None
    return render(
        request,
        "decided.html",
        status,
        lang=lang,
        reference=found.row.reference,
        title=found.row.title,
        decided_at=decision.decided_at,
        decider=decision.decider,
        outcome=outcome_label(decision.outcome, lang),
        document_sha256=decision.document_sha256,
    )


def _legal_officer_ok(request: Request, found: links.LinkState) -> bool:
    """A legal approval is given by the signed-in legal officer the link was sent to."""
    if found.link.role != rules.Role.legal_officer.value:
        return True
    officer = current_officer(request)
    return (
        officer is not None
        and officer.role == "legal_officer"
        and (found.link.email or "").casefold() == officer.email
    )


def _context(request: Request, found: links.LinkState, lang: str) -> dict[str, Any]:
    uow = portal(request).uow()
    gate = found.gate
    with uow:
        row = uow.partnerships.get(found.row.reference)
        partnership = partnership_of(row)
        findings = [
            {"severity": f.severity, "text": _finding(f).text(lang)}
            for f in uow.partnerships.findings(row)
            if f.stage == row.stage
        ]
    partner = partnership.partner(found.link.partner_key).name if found.link.partner_key else ""
    document = found.document
    return {
        "lang": lang,
        "reference": row.reference,
        "title": row.title,
        "gate_label": notify._GATE_LABELS[lang if lang in ("fr", "en") else "fr"][gate],
        "role_label": notify._ROLE_LABELS[lang if lang in ("fr", "en") else "fr"][found.link.role],
        "person": found.link.person,
        "partner": partner,
        "document": document,
        "pdf": pdf.available() and document is not None,
        "findings": findings,
        "outcomes": [(o.value, outcome_label(o.value, lang)) for o in rules.outcomes(gate)],
        "expires": notify.format_day(found.link.expires_at, lang),
        "token": request.path_params["token"],
        "needs_sign_in": not _legal_officer_ok(request, found),
        "description": _description(gate, lang),
    }


def _description(gate: Gate, lang: str) -> str:
    from contracts.lifecycle import GATES

    spec = next(s for s in GATES.values() if s.gate is gate)
    if lang == "fr":
        return {
            Gate.vision_approval: "Chaque sponsor approuve la vision partagée au nom de son "
            "organisation avant que l'analyse d'équilibre ne soit rédigée.",
            Gate.balance_acceptance: "Chaque sponsor accepte l'analyse d'équilibre ; les "
            "avertissements acceptés sont justifiés dans le motif.",
            Gate.legal_approval: "Le juriste valide la convention de partenariat avant sa "
            "signature.",
            Gate.signature: "Chaque signataire signe la version de la convention dont "
            "l'empreinte figure ci-dessous.",
            Gate.review: "Le comité de pilotage décide go, go sous conditions ou no go.",
            Gate.renewal: "Chaque sponsor décide du renouvellement du partenariat.",
        }[gate]
    return spec.description[0].upper() + spec.description[1:] + "."


def show(request: Request, form: FormData | None) -> Response:
    found, lang = _open(request)
    if found.decided is not None:
        return _decided_page(request, found, lang)
    if not found.round_open:
        raise _refuse(request, found, "closed", lang)
    return render(request, "decide.html", **_context(request, found, lang))


def submit(request: Request, form: FormData | None) -> Response:
    found, lang = _open(request)
    t = texts(lang)
    require_csrf(request, form, lang)
    assert form is not None
    if found.decided is not None:
        raise _refuse(request, found, "reused", lang)
    if not found.round_open:
        raise _refuse(request, found, "closed", lang)
    if not _legal_officer_ok(request, found):
        raise PageError(403, t["link_title"], t["link_signin"], lang)
    gate = found.gate
    chosen = str(form.get("outcome") or "")
    allowed = [o.value for o in rules.outcomes(gate)]
    if chosen not in allowed:
        names = ", ".join(outcome_label(o, lang) for o in allowed)
        raise PageError(400, t["refused_title"], f"« {chosen} » {t['bad_outcome']} {names}.", lang)
    reason = str(form.get("reason") or "")
    sha = str(form.get("document_sha256") or "") or None
    uow = portal(request).uow()
    detail = {"token_id": found.link.token_id}
    if found.link.role == rules.Role.legal_officer.value:
        officer = current_officer(request)
        detail["officer"] = officer.email if officer else ""
    result = services.decide(
        uow,
        found.row.reference,
        gate,
        found.decider,
        Outcome(chosen),
        reason,
        document_sha256=sha if gate in (Gate.signature, Gate.legal_approval) else None,
        actor=f"{found.link.person} ({found.link.role})",
        channel=Channel("link", detail),
    )
    if not result.applied:
        raise _refuse(request, found, "reused", lang)
    if wiring.work_follows(result):
        advance_after_gate(request, found.row.reference)
    found, lang = _open(request)
    return _decided_page(request, found, lang, 200)


def advance_after_gate(request: Request, reference: str) -> None:
    """Once a gate closes, the next stage's work runs, as after `coopact decide`. The
    decision stands whatever happens here; a failure is logged, not shown as a refusal."""
    config = portal(request)
    try:
        wiring.advance(
            reference, using=wiring.Adapters(config.uow, config.templates, config.transport)
        )
    except CoopactError as error:
        log.warning("%s: the work after the gate did not run: %s", reference, error.message)


def _document(request: Request) -> tuple[links.LinkState, str]:
    found, lang = _open(request)
    if found.document is None:
        t = texts(lang)
        raise PageError(404, t["not_found_title"], t["no_document"], lang)
    return found, lang


def download(request: Request, form: FormData | None) -> Response:
    found, _ = _document(request)
    document = found.document
    assert document is not None
    return Response(
        document.content,
        media_type=document.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{document.filename}"',
            "X-Content-SHA256": document.sha256,
            "Cache-Control": "no-store",
        },
    )


def download_pdf(request: Request, form: FormData | None) -> Response:
    found, lang = _document(request)
    document = found.document
    assert document is not None
    if not pdf.available() or not document.filename.endswith(".docx"):
        t = texts(lang)
        raise PageError(404, t["not_found_title"], t["no_document"], lang)
    content = pdf.docx_to_pdf(document.content, name=document.filename.removesuffix(".docx"))
    name = document.filename.removesuffix(".docx") + ".pdf"
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
