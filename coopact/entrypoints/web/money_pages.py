"""The money page of a partnership (`/p/REF/money`): each instalment with what was paid and
its status, the totals per payer, the payments with their tax receipts; a signed-in
treasurer or partnership officer, listed with that role and address in the file's people,
records a payment there (the same use case as `coopact payment`)."""

from __future__ import annotations

import datetime as dt

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from coopact.contracts.errors import InvalidInput
from coopact.entrypoints.web import money_view
from coopact.entrypoints.web.app import (
    PageError,
    officer_language,
    page,
    portal,
    redirect,
    render,
    require_csrf,
    say,
    stored_download,
)
from coopact.entrypoints.web.officer_access import signed_in_officer
from coopact.entrypoints.web.words import role_words
from coopact.i18n import N_
from coopact.schemas.vocabulary import OfficeRole
from coopact.services import mail, schedule_links
from coopact.services._common import partnership_of
from coopact.usecases.money_event import ROLES
from coopact.usecases.record_payment import RecordPayment, record_payment


def routes() -> list[Route]:
    return [
        Route("/p/{reference}/money", page(money_page), methods=["GET"]),
        Route("/p/{reference}/money", page(record), methods=["POST"]),
        Route("/p/{reference}/money/receipts/{number}", page(receipt), methods=["GET"]),
    ]


def money_page(
    request: Request,
    form: FormData | None,
    *,
    error: list[str] | None = None,
    status: int = 200,
    typed: dict[str, str] | None = None,
) -> Response:
    officer = signed_in_officer(request)
    reference = request.path_params["reference"]
    lang = officer_language(request)
    view = money_view.view_for(portal(request).uow(), reference, dt.date.today(), lang)
    return render(
        request, "money.html", status, view=view, typed=typed or {},
        can_record=getattr(officer, "role", None) in ROLES, errors=error or [],
        recorded=request.query_params.get("recorded", ""),
        can_send_link=getattr(officer, "role", None) == "partnership_officer",
        link_sent=request.query_params.get("link_sent", "")[:200],
    )  # fmt: skip


def _person(request: Request, reference: str, email: str, role: str) -> str:
    """The name, in the file's people, of the signed-in officer with this role."""
    with portal(request).uow() as uow:
        partnership = partnership_of(uow.partnerships.get(reference))
    for person in partnership.people:
        if (
            person.email
            and person.email.lower() == email.lower()
            and OfficeRole(role) in person.roles
        ):
            return person.name
    raise PageError(
        403, N_("Accès refusé"),
        N_("{email} n'est pas inscrit(e) avec le rôle {role} dans le dossier de {reference} "
           "(people) : seul(e) un(e) trésorier(ère) ou un(e) chargé(e) de partenariat du "
           "dossier enregistre un versement."),
        email=email, role=role_words(role, officer_language(request)), reference=reference,
    )  # fmt: skip


def record(request: Request, form: FormData | None) -> Response:
    require_csrf(request, form)
    assert form is not None
    officer = signed_in_officer(request)
    role = str(getattr(officer, "role", ""))
    reference = request.path_params["reference"]
    if role not in ROLES:
        raise PageError(
            403, N_("Accès refusé"),
            N_("Un versement est enregistré par un(e) trésorier(ère) ou un(e) chargé(e) de "
               "partenariat du dossier."),
        )  # fmt: skip
    name = _person(request, reference, str(getattr(officer, "email", "")), role)
    typed = {k: str(form.get(k) or "")[:200] for k in ("partner", "amount", "date", "reference")}
    config = portal(request)
    lang = officer_language(request)
    view = money_view.view_for(config.uow(), reference, dt.date.today(), lang)
    status, problems = money_view.problems(view, typed, say(request), lang)
    if problems:
        return money_page(request, None, error=problems, status=status, typed=typed)
    command = RecordPayment(
        reference, typed["partner"], typed["amount"], dt.date.fromisoformat(typed["date"]),
        typed["reference"], name, role,
    )  # fmt: skip
    try:
        done = record_payment(config.uow(), command, templates=config.templates)
    except InvalidInput as invalid:
        return money_page(
            request, None, error=[str(p) for p in invalid.problems], status=400, typed=typed
        )
    mail.deliver(config.uow(), config.transport())
    number = done.receipt.number if done.receipt else "-"
    return redirect(f"/p/{reference}/money?recorded={number}")


def receipt(request: Request, form: FormData | None) -> Response:
    """A tax receipt of the partnership, read again from the store (re-hashed, as every
    document read is), for any signed-in officer or treasurer."""
    signed_in_officer(request)
    reference = request.path_params["reference"]
    filename = f"{reference}-{request.path_params['number']}.docx"
    with portal(request).uow() as uow:
        row = uow.partnerships.get(reference)
        found = [
            d for d in uow.partnerships.documents(row, schedule_links.RECEIPT_KIND)
            if d.filename == filename
        ]  # fmt: skip
    if not found:
        raise PageError(
            404, N_("Reçu introuvable"),
            N_("Aucun reçu fiscal {number} n'a été émis pour {reference}."),
            number=request.path_params["number"], reference=reference,
        )  # fmt: skip
    document = found[-1]
    return stored_download(document)
