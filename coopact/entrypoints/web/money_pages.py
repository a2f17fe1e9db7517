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
from coopact.entrypoints.web.app import (
    PageError,
    current_officer,
    page,
    portal,
    redirect,
    render,
    require_csrf,
    say,
)
from coopact.i18n import N_
from coopact.queries.money import as_json, money_of
from coopact.schemas.partnership import OfficeRole
from coopact.services import mail
from coopact.services._common import partnership_of
from coopact.usecases.record_payment import ROLES, RecordPayment, record_payment


def routes() -> list[Route]:
    return [
        Route("/p/{reference}/money", page(money_page), methods=["GET"]),
        Route("/p/{reference}/money", page(record), methods=["POST"]),
    ]


def _signed_in(request: Request) -> object:
    officer = current_officer(request)
    if officer is None:
        error = PageError(401, N_("Connexion requise"), N_("Connectez-vous pour voir cette page."))
        error.next = request.url.path  # type: ignore[attr-defined]
        raise error
    return officer


def money_page(
    request: Request, form: FormData | None, *, error: list[str] | None = None, status: int = 200
) -> Response:
    officer = _signed_in(request)
    reference = request.path_params["reference"]
    today = dt.date.today()
    view = as_json(money_of(portal(request).uow(), reference, today))
    return render(
        request, "money.html", status, view=view, today=today.isoformat(),
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
        email=email, role=role, reference=reference,
    )  # fmt: skip


def record(request: Request, form: FormData | None) -> Response:
    require_csrf(request, form)
    assert form is not None
    officer = _signed_in(request)
    role = str(getattr(officer, "role", ""))
    reference = request.path_params["reference"]
    if role not in ROLES:
        raise PageError(403, N_("Accès refusé"), N_("Cette action est réservée aux trésoriers."))
    name = _person(request, reference, str(getattr(officer, "email", "")), role)
    try:
        paid_on = dt.date.fromisoformat(str(form.get("date") or ""))
    except ValueError:
        _ = say(request)
        return money_page(request, None, error=[_("date : une date AAAA-MM-JJ")], status=400)
    command = RecordPayment(
        reference, str(form.get("partner") or ""), str(form.get("amount") or ""), paid_on,
        str(form.get("reference") or ""), name, role,
    )  # fmt: skip
    config = portal(request)
    try:
        done = record_payment(config.uow(), command, templates=config.templates)
    except InvalidInput as invalid:
        return money_page(request, None, error=[str(p) for p in invalid.problems], status=400)
    mail.deliver(config.uow(), config.transport())
    number = done.receipt.number if done.receipt else "-"
    return redirect(f"/p/{reference}/money?recorded={number}")
