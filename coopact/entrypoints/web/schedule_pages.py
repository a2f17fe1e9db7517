"""A partner's schedule by personal link (``/d/<token>``, reached from the calls for funds,
the reminders, the receipt mails and the link the partnership officer sends): the link's
partner's instalments, totals, tax receipts and bank details, in the partnership's
language (:mod:`coopact.services.schedule_links`); and the officer's button on the money
page that sends a referent its link."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from coopact.adapters.mail import notify
from coopact.contracts.errors import Refused
from coopact.entrypoints.web.app import (
    PageError,
    client,
    page,
    portal,
    redirect,
    render,
    require_csrf,
    stored_download,
)
from coopact.entrypoints.web.link_check import check_link
from coopact.entrypoints.web.money_pages import _person
from coopact.entrypoints.web.officer_access import signed_in_officer
from coopact.i18n import N_
from coopact.queries import schedule
from coopact.services import links, mail, schedule_links
from coopact.store.records import DecisionLinkRow, PartnershipRow

OFFICER = "partnership_officer"


def routes() -> list[Route]:
    return [
        Route("/d/{token}/receipts/{number}", page(receipt), methods=["GET"]),
        Route("/p/{reference}/money/link", page(send), methods=["POST"]),
    ]


def show(request: Request, link: DecisionLinkRow, row: PartnershipRow, lang: str) -> Response:
    view = schedule.schedule_of(portal(request).uow().reading(), link, dt.date.today())
    return render(
        request, "schedule.html", lang=lang, view=view, person=link.person,
        token=request.path_params["token"],
        expires=notify.format_day(link.expires_at, lang),
    )  # fmt: skip


def receipt(request: Request, form: FormData | None) -> Response:
    """A receipt issued to the link's partner, read again from the store (re-hashed); any
    other number (another partner's receipt) is refused and the attempt audited."""

    link, row, lang = check_link(request)
    number = request.path_params["number"]
    document = None
    if link.gate == schedule_links.MONEY:
        document = schedule.receipt_document(portal(request).uow(), link, number)
    if document is None:
        with portal(request).uow() as uow:
            refusal = links.LinkRefused(404, "not_partner", link.token_id, row.reference)
            links.refuse(uow, refusal, client(request))
        raise PageError(
            404, N_("Reçu introuvable"),
            N_("Aucun reçu fiscal {number} n'a été émis au nom de votre organisation."),
            lang, number=number,
        )  # fmt: skip
    return stored_download(document)


def send(request: Request, form: FormData | None) -> Response:
    """The partnership officer sends (again) a partner's referent its schedule link."""

    require_csrf(request, form)
    assert form is not None
    officer = signed_in_officer(request)
    reference = request.path_params["reference"]
    if officer.role != OFFICER:
        raise PageError(
            403, N_("Accès refusé"),
            N_("Seul(e) un(e) chargé(e) de partenariat envoie le lien d'un référent."),
        )  # fmt: skip
    name = _person(request, reference, officer.email, OFFICER)
    partner = str(form.get("partner") or "")
    config = portal(request)
    try:
        sent_to = schedule_links.send_link(
            config.uow(), reference, partner, actor=f"{name} ({OFFICER})"
        )
    except Refused as refused:
        raise PageError(409, N_("Lien non envoyé"), refused.message) from None
    mail.deliver(config.uow(), config.transport())
    return redirect(f"/p/{reference}/money?link_sent={quote(sent_to)}")
