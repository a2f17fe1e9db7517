"""The health check by link: a partner's referent answers its own part of the open review's
health check (:mod:`coopact.services.health_links`), reached from ``/d/<token>`` like a
decision. Problems are shown beside the fields, what was typed is kept."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from coopact.adapters.mail import notify
from coopact.bootstrap import writing
from coopact.contracts.errors import CoopactError, InvalidInput
from coopact.entrypoints.web.app import PageError, client, portal, render, require_csrf
from coopact.entrypoints.web.texts import texts
from coopact.services import health_links, links, notices
from coopact.services.mail import enqueue_many

log = logging.getLogger("coopact.entrypoints.web")
SCORES = ("1", "2", "3", "4", "5")
PERCEIVED = ("met", "partly", "not_met")


@dataclass
class Typed:
    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


def _state(request: Request, link: Any, row: Any, lang: str):  # type: ignore[no-untyped-def]
    with portal(request).uow() as uow:
        found = health_links.state(uow, link, row)
    if not found.open:
        with portal(request).uow() as uow:
            links.refuse(uow, links.LinkRefused(410, "closed", link.token_id, row.reference),
                         client(request))  # fmt: skip
        t = texts(lang)
        raise PageError(410, t["health_link_title"], t["health_closed"], lang)
    return found


def _page(request: Request, found: Any, lang: str, typed: Typed, status: int = 200) -> Response:
    partner = found.partner
    return render(
        request,
        "health.html",
        status,
        lang=lang,
        reference=found.row.reference,
        title=found.row.title,
        person=found.link.person,
        partner=partner.name,
        review_date=notify.format_day(found.review_date, lang) if found.review_date else "",
        red_lines=list(enumerate(partner.red_lines)),
        ess=partner.ess,
        typed=typed,
        token=request.path_params["token"],
        expires=notify.format_day(found.link.expires_at, lang),
    )


def _done(request: Request, found: Any, lang: str, complete: bool) -> Response:
    t = texts(lang)
    return render(
        request,
        "message.html",
        200,
        lang=lang,
        title=t["health_done"],
        message=t["health_done_text"].format(partner=found.partner.name)
        + " "
        + (t["health_complete"] if complete else t["health_waiting"]),
    )


def show(request: Request, link: Any, row: Any, lang: str) -> Response:
    found = _state(request, link, row, lang)
    if found.answered is not None:
        return _done(request, found, lang, False)
    return _page(request, found, lang, Typed())


def _read(form: FormData, found: Any, lang: str) -> tuple[Typed, dict[str, Any]]:
    t = texts(lang)
    typed = Typed({k: str(v).strip()[:4000] for k, v in form.multi_items() if k != "csrf"})
    get = typed.values.get
    for key in ("engagement", "trust"):
        if get(key) not in SCORES:
            typed.problems[key] = t["score_missing"]
    perceived = get("benefits")
    if perceived not in PERCEIVED:
        typed.problems["benefits"] = t["benefits_missing"]
    elif perceived != "met" and not get("benefits_comment"):
        typed.problems["benefits_comment"] = t["comment_missing"]
    if found.partner.ess and get("mission_served") not in ("yes", "no"):
        typed.problems["mission_served"] = t["mission_missing"]
    typed.values["red_lines"] = [int(str(v)) for v in form.getlist("red_line") if str(v).isdigit()]
    part: dict[str, Any] = {
        "engagement": int(str(get("engagement") or 0)),
        "trust": int(get("trust") or 0),
        "benefits": {"perceived": perceived},
        "red_lines_crossed": typed.values["red_lines"],
    }
    if get("benefits_comment"):
        part["benefits"]["comment"] = get("benefits_comment")
    if found.partner.ess:
        part["mission_served"] = get("mission_served") == "yes"
    if get("comment"):
        part["comment"] = get("comment")
    return typed, part


def submit(request: Request, link: Any, row: Any, lang: str, form: FormData | None) -> Response:
    require_csrf(request, form, lang)
    assert form is not None
    found = _state(request, link, row, lang)
    if found.answered is not None:
        t = texts(lang)
        raise PageError(410, t["health_link_title"], t["link_reused"], lang)
    typed, part = _read(form, found, lang)
    if typed.problems:
        return _page(request, found, lang, typed, 422)
    try:
        complete = health_links.answer(
            portal(request).uow(), found, part, actor=f"{link.token_id} (referent, link)"
        )
    except InvalidInput as invalid:
        typed.general = [p.message for p in invalid.problems]
        return _page(request, found, lang, typed, 422)
    except CoopactError:  # the review closed meanwhile: said in the person's words
        t = texts(lang)
        raise PageError(410, t["health_link_title"], t["health_closed"], lang) from None
    if complete:
        _report_again(request, row.reference)
    return _done(request, found, lang, complete)


def _report_again(request: Request, reference: str) -> None:
    """Every part is in: the review's work runs again (the report written anew), and the
    committee members are told the report changed. A failure is logged, the answers stand."""
    config = portal(request)
    try:
        writing.advance(
            reference, using=writing.Adapters(config.uow, config.templates, config.transport)
        )
        messages = health_links.report_changed_messages(
            config.uow(), reference, config.keyring, templates=config.templates / "mail",
            base=config.public_url,
        )  # fmt: skip
        with config.uow() as uow:
            enqueue_many(uow, messages)
            uow.audit("document.change_notified", actor="coopact", reference=reference,
                      kind="review_report", sent=len(messages))  # fmt: skip
            uow.commit()
        notices.deliver_mail(config.uow(), config.transport())
    except CoopactError as error:
        log.warning("%s: the review report was not written again: %s", reference, error.message)
