"""Who may see an officer's page: the signed-in officer, in the role a page asks. Shared by
the officers' pages and their downloads (officer_pages, officer_downloads), below both."""

from __future__ import annotations

from starlette.requests import Request

from coopact.entrypoints.web.app import PageError, current_officer, officer_language, say
from coopact.entrypoints.web.words import role_words
from coopact.services import users


def signed_in_officer(request: Request, role: str | None = None) -> users.Officer:
    """The signed-in officer (in ``role`` when given), or the sign-in or refusal page."""
    officer = current_officer(request)
    if officer is None:
        raise SignIn(request)
    if role is not None and officer.role != role:
        _ = say(request)
        wanted = role_words(role, officer_language(request))
        raise PageError(
            403,
            _("Accès refusé"),
            _("Cette action est réservée au rôle {role}.").format(role=wanted),
        )
    return officer


class SignIn(PageError):
    def __init__(self, request: Request) -> None:
        _ = say(request)
        super().__init__(401, _("Connexion requise"), _("Connectez-vous pour voir cette page."))
        self.next = request.url.path
