"""What an officer downloads: any document of a partnership (the signature packet too,
kept as a document) and the evidence of a decision recorded on someone's behalf."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from coopact.entrypoints.web import security
from coopact.entrypoints.web.app import PageError, portal
from coopact.entrypoints.web.officer_access import signed_in_officer
from coopact.i18n import N_


def document(request: Request, form: FormData | None) -> Response:
    signed_in_officer(request)
    uow = portal(request).uow()
    with uow:
        row = uow.partnerships.get(request.path_params["reference"])
        found = [d for d in uow.partnerships.documents(row) if d.id == request.path_params["id"]]
    if not found:
        raise PageError(404, N_("Document introuvable"), N_("Ce document n'existe pas."))
    doc = found[0]
    return Response(
        doc.content,
        media_type=doc.media_type,
        headers={"Content-Disposition": security.attachment(f"v{doc.version}-{doc.filename}")},
    )


def evidence(request: Request, form: FormData | None) -> Response:
    signed_in_officer(request)
    uow = portal(request).uow()
    with uow:
        row = uow.partnerships.get(request.path_params["reference"])
        item = uow.portal.evidence_item(request.path_params["id"])
        if item is None or item.partnership_id != row.id:
            raise PageError(404, N_("Pièce introuvable"), N_("Cette pièce n'existe pas."))
        return Response(
            item.content,
            media_type=item.media_type,
            headers={"Content-Disposition": security.attachment(item.filename)},
        )
