"""``/d/<token>``: a person's own decision page, reached from the link in their mail."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from coopact.adapters.documents import pdf
from coopact.adapters.mail import gate_words, notify
from coopact.adapters.mail import sender as notify_sender
from coopact.adapters.mail.gate_words import outcome_label
from coopact.bootstrap import writing
from coopact.contracts import deciders
from coopact.contracts.conditions import Condition
from coopact.contracts.errors import CoopactError, InvalidInput
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.web import health_pages, link_forms, schedule_pages, security
from coopact.entrypoints.web.app import (
    PageError,
    client,
    current_officer,
    page,
    portal,
    render,
    require_csrf,
    stored_download,
)
from coopact.entrypoints.web.link_check import check_link
from coopact.entrypoints.web.texts import texts
from coopact.i18n import typography
from coopact.services import health_links, links, notices, officer_notices
from coopact.services._common import _finding, partnership_of
from coopact.services.decision_record import Decide
from coopact.services.decisions import Channel
from coopact.services.schedule_links import MONEY
from coopact.usecases.decide import Decided, decide

log = logging.getLogger("coopact.entrypoints.web")


def routes() -> list[Route]:
    return [
        Route("/d/{token}", page(show), methods=["GET"]),
        Route("/d/{token}", page(submit), methods=["POST"]),
        Route("/d/{token}/document", page(download), methods=["GET"]),
        Route("/d/{token}/document.pdf", page(download_pdf), methods=["GET"]),
    ]


def _open(
    request: Request, checked: tuple[Any, Any, str] | None = None
) -> tuple[links.LinkState, str]:
    """The decision a link awaits (or took), and the partnership's language (the link
    checked again unless ``checked`` is what :func:`check_link` just gave)."""
    link, row, lang = checked or check_link(request)
    if link.gate in (health_links.HEALTH, MONEY):  # no document of their own
        t = texts(lang)
        raise PageError(404, t["not_found_title"], t["no_document"], lang)
    with portal(request).uow().reading() as uow:
        found = links.state(uow, link, row)
        if checked is not None and found.decided is None and found.round_open:
            # the page will show the findings of the stage: read in this transaction
            request.state.stage_findings = _stage_findings(uow, row)
        return found, lang


def _stage_findings(uow: Any, row: Any) -> list[Any]:
    return [f for f in uow.partnerships.findings(row) if f.stage == row.stage]


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
        conditions=_conditions_of(request, decision.id),
        partner_names={p.key: p.name for p in partnership_of(found.row).partners},
        next_step=gate_words.next_step(found.gate, lang),
    )


def _conditions_of(request: Request, decision_id: int) -> list[Any]:
    with portal(request).uow().reading() as uow:
        return links.conditions_of(uow, decision_id)


def _legal_officer_ok(request: Request, found: links.LinkState) -> bool:
    """A legal approval is given by the signed-in legal officer the link was sent to."""
    if found.link.role != Role.legal_officer.value:
        return True
    officer = current_officer(request)
    return (
        officer is not None
        and officer.role == "legal_officer"
        and (found.link.email or "").casefold() == officer.email
    )


def _context(
    request: Request, found: links.LinkState, lang: str, typed: link_forms.Typed | None = None
) -> dict[str, Any]:
    uow = portal(request).uow().reading()
    gate = found.gate
    row = found.row  # read with the link, in this request
    partnership = partnership_of(row)
    stage_findings = getattr(request.state, "stage_findings", None)
    if stage_findings is None:
        with uow:
            stage_findings = _stage_findings(uow, row)
    findings = [
        {"severity": f.severity, "text": typography(_finding(f).text(lang), lang)}
        for f in stage_findings
        if not f.code.startswith(_OFFICERS_FINDINGS)
    ]
    blocking = sum(1 for f in stage_findings if f.severity == "blocking")
    partner = partnership.partner(found.link.partner_key).name if found.link.partner_key else ""
    document = found.document
    offered = link_forms.offer(gate, blocking, lang)
    typed = typed or link_forms.blank(gate)
    return {
        "lang": lang,
        "reference": row.reference,
        "title": row.title,
        "gate_label": notify._GATE_LABELS[_lang(lang)][gate],
        "role_label": notify._ROLE_LABELS[_lang(lang)][found.link.role],
        "person": found.link.person,
        "partner": partner,
        "document": document,
        # a Word document may be read as a PDF too; the agreement signed is its PDF already
        "pdf": pdf.available() and document is not None and document.filename.endswith(".docx"),
        "findings": findings,
        "outcomes": offered.outcomes,
        "withheld": offered.withheld,
        "expires": notify.format_day(found.link.expires_at, lang),
        "token": request.path_params["token"],
        "needs_sign_in": not _legal_officer_ok(request, found),
        "description": gate_words.description(gate, lang),
        "next_step": gate_words.next_step(gate, lang),
        "conditions": gate is Gate.review,
        "partners": [(p.key, p.name) for p in partnership.partners],
        "typed": typed,
        "contact": notify_sender.officer_of(partnership),
    }


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "fr"


def show(request: Request, form: FormData | None) -> Response:
    link, row, lang = check_link(request)
    if link.gate == health_links.HEALTH:
        return health_pages.show(request, link, row, lang)
    if link.gate == MONEY:
        return schedule_pages.show(request, link, row, lang)
    found, lang = _open(request, (link, row, lang))
    if found.decided is not None:
        return _decided_page(request, found, lang)
    if not found.round_open:
        raise _refuse(request, found, "closed", lang)
    return render(request, "decide.html", **_context(request, found, lang))


def _again(
    request: Request, found: links.LinkState, lang: str, typed: link_forms.Typed, status: int
) -> Response:
    """The decision page again, with what was typed and what to put right."""
    return render(request, "decide.html", status, **_context(request, found, lang, typed))


def submit(request: Request, form: FormData | None) -> Response:
    link, row, lang = check_link(request)
    if link.gate == health_links.HEALTH:
        return health_pages.submit(request, link, row, lang, form)
    if link.gate == MONEY:  # a schedule is read, nothing is posted to it
        raise PageError(405, texts(lang)["not_found_title"], texts(lang)["not_found"], lang)
    found, lang = _open(request, (link, row, lang))
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
    partnership = partnership_of(found.row)
    typed, conditions = link_forms.read(form, gate, partnership, lang, dt.date.today())
    if form.get("add_row"):
        typed.problems, typed.reason_problem = [], ""
        for row in typed.rows:
            row.problems = {}
        return _again(request, found, lang, link_forms.add_row(typed), 200)
    offered = dict(_context(request, found, lang)["outcomes"])
    if typed.outcome not in offered:  # none chosen, or a form altered: 400
        shown = ", ".join(offered.values())
        typed.problems.insert(0, f"{t['choose_outcome']} {shown}.")
        return _again(request, found, lang, typed, 400)
    if typed.has_problems:
        return _again(request, found, lang, typed, 422)
    return _record(request, found, lang, typed, conditions, form)


def _record(
    request: Request,
    found: links.LinkState,
    lang: str,
    typed: link_forms.Typed,
    conditions: list[Condition],
    form: FormData,
) -> Response:
    gate = found.gate
    sha = str(form.get("document_sha256") or "") or None
    detail = {"token_id": found.link.token_id}
    if found.link.role == Role.legal_officer.value:
        officer = current_officer(request)
        detail["officer"] = officer.email if officer else ""
    command = Decide(
        found.row.reference, gate, found.decider, Outcome(typed.outcome), typed.reason,
        document_sha256=sha if gate in _HASHED else None, conditions=tuple(conditions),
        channel=Channel("link", detail), actor=f"{found.link.person} ({found.link.role})",
    )  # fmt: skip
    try:
        done = decide(command, adapters(request))
    except InvalidInput as invalid:  # a control character in a field: named, put right here
        typed.problems.extend(str(problem) for problem in invalid.problems)
        return _again(request, found, lang, typed, 400)
    except CoopactError as refusal:
        words, fixable = link_forms.plain_refusal(refusal.message, lang)
        if fixable:
            typed.problems.append(words)
            return _again(request, found, lang, typed, 409)
        _tell_officers(request, found, refusal.message)
        raise PageError(409, texts(lang)["refused_title"], words, lang) from None
    if not done.applied:
        raise _refuse(request, found, "reused", lang)
    after_decision(request, done)
    if done.decision.gate_closed:
        _tell_officers(request, found)
    found, lang = _open(request)
    return _decided_page(request, found, lang, 200)


def _tell_officers(request: Request, found: links.LinkState, refused: str | None = None) -> None:
    """The partnership officers told of a refused decision, or of what closing the gate
    recorded; a mail that cannot go now waits in the queue."""
    config = portal(request)
    reference = found.row.reference
    try:
        if refused is not None:
            officer_notices.tell_refused(
                config.uow(), reference, found.gate, found.link.person, refused,
                templates=config.templates / "mail",
            )  # fmt: skip
        officer_notices.tell_officers(config.uow(), reference, templates=config.templates / "mail")
        notices.deliver_mail(config.uow(), config.transport())
    except CoopactError as error:
        log.warning("%s: the officers could not be told: %s", reference, error.message)


# The findings addressed to the officers who keep the file (a legal officer or an address
# missing), not to the people deciding.
_OFFICERS_FINDINGS = ("registration.",)

# The gates decided on a document's SHA-256 (a signature names it; an approval checks it).
_HASHED = deciders.SIGNING | {Gate.legal_approval, Gate.amendment_approval}


def adapters(request: Request) -> writing.Adapters:
    """The portal's adapters: its database, templates and mail transport (no provider)."""
    config = portal(request)
    return writing.Adapters(config.uow, config.templates, config.transport)


def after_decision(request: Request, done: Decided) -> None:
    """What followed a decision, as the portal reports it: the decision stands whatever
    happened there; a failed work is logged, not shown as a refusal (the use case kept it,
    told the officers and the partnership's page shows it: coopact.usecases.failed_work)."""
    reference = done.decision.reference
    if done.notice_error is not None:
        log.warning("%s: the next gate could not be told: %s", reference, done.notice_error)
    if done.work_error is not None:
        log.warning("%s: the work after the gate failed: %s", reference, done.work_error)


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
    return stored_download(document)


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
        headers={"Content-Disposition": security.attachment(name)},
    )
