"""What an officer does without a terminal: register a partnership (upload its file),
amend it (upload, the differences shown, then confirmed), run its automatic work again.

Each page calls a use case of :mod:`coopact.usecases`; the validation messages are those of
`coopact new` and `coopact amend`, each problem with its field path."""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import quote

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from coopact.bootstrap import writing
from coopact.contracts.errors import InvalidInput
from coopact.entrypoints.web.app import (
    PageError,
    current_officer,
    officer_language,
    page,
    portal,
    redirect,
    render,
    require_csrf,
    say,
)
from coopact.entrypoints.web.officer_access import signed_in_officer
from coopact.entrypoints.web.words import date_format, stage_words
from coopact.i18n import N_
from coopact.usecases import (
    advance_partnership,
    amend_partnership,
    failed_work,
    open_review,
    register_partnership,
)

log = logging.getLogger("coopact.entrypoints.web")

MAX_FILE = 1024 * 1024  # the partnership file's own bound (coopact.adapters.loading)


def routes() -> list[Route]:
    return [
        Route("/register", page(register_form), methods=["GET"]),
        Route("/register", page(register), methods=["POST"]),
        Route("/p/{reference}/amend", page(amend_preview), methods=["POST"]),
        Route("/p/{reference}/amend/confirm", page(amend_confirm), methods=["POST"]),
        Route("/p/{reference}/advance", page(advance), methods=["POST"]),
        Route("/p/{reference}/review", page(open_review_now), methods=["POST"]),
    ]


def _partnership_officer(request: Request) -> str:
    return signed_in_officer(request, "partnership_officer").email


def _file_text(form: FormData, name: str = "file") -> tuple[str, str]:
    upload = form.get(name)
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise PageError(
            400, N_("Fichier manquant"), N_("Joignez le fichier du partenariat (YAML).")
        )
    content = upload.file.read(MAX_FILE + 1)
    if len(content) > MAX_FILE:
        raise PageError(400, N_("Fichier refusé"), N_("Le fichier dépasse 1 Mo."))
    try:
        return content.decode("utf-8"), upload.filename
    except UnicodeDecodeError:
        raise PageError(
            400, N_("Fichier refusé"), N_("Ce fichier n'est pas un texte UTF-8 (un fichier YAML).")
        ) from None


# --------------------------------------------------------------------------- register
def register_form(request: Request, form: FormData | None) -> Response:
    if current_officer(request) is None:
        return redirect("/login?next=/register")
    _partnership_officer(request)
    return render(request, "register.html")


def register(request: Request, form: FormData | None) -> Response:
    officer = _partnership_officer(request)
    require_csrf(request, form)
    assert form is not None
    text, filename = _file_text(form)
    command = register_partnership.RegisterPartnership(text, filename, officer)
    try:
        done = register_partnership.register(portal(request).uow, command)
    except InvalidInput as invalid:
        return render(
            request, "register.html", 400, filename=filename,
            problems=[str(p) for p in invalid.problems],
        )  # fmt: skip
    return render(request, "registered.html", done=done)


# --------------------------------------------------------------------------- amend
def _effective_on(form: FormData) -> dt.date | None:
    value = str(form.get("effective_on") or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PageError(
            400, N_("Date refusée"), N_("« {value} » n'est pas une date AAAA-MM-JJ."), value=value
        ) from None


def amend_preview(request: Request, form: FormData | None) -> Response:
    officer = _partnership_officer(request)
    require_csrf(request, form)
    assert form is not None
    reference = request.path_params["reference"]
    text, filename = _file_text(form)
    command = amend_partnership.AmendPartnership(reference, text, officer, _effective_on(form))
    try:
        shown = amend_partnership.preview(portal(request).uow, command)
    except InvalidInput as invalid:
        return render(
            request, "amend.html", 400, reference=reference, filename=filename,
            problems=[str(p) for p in invalid.problems],
        )  # fmt: skip
    return render(
        request, "amend.html", reference=reference, filename=filename, preview=shown, text=text,
        effective_on=command.effective_on,
    )  # fmt: skip


def amend_confirm(request: Request, form: FormData | None) -> Response:
    officer = _partnership_officer(request)
    require_csrf(request, form)
    assert form is not None
    reference = request.path_params["reference"]
    command = amend_partnership.AmendPartnership(
        reference, str(form.get("text") or ""), officer, _effective_on(form)
    )
    changed = amend_partnership.amend(portal(request).uow, command)
    if changed:
        _advance_quietly(request, reference)
    return redirect(f"/p/{quote(reference)}?amended={len(changed)}")


# --------------------------------------------------------------------------- advance
def _adapters(request: Request) -> writing.Adapters:
    config = portal(request)
    return writing.Adapters(config.uow, config.templates, config.transport)


def _advance_quietly(request: Request, reference: str) -> None:
    """After an amendment, the work of the new stage (the legal officer told of the
    avenant, the vision note redone). The amendment stands whatever happens here; a refusal
    (blocking findings) is logged, and the partnership's page shows where it stands; a
    failure is kept as failed work, retried until it succeeds (coopact.usecases.failed_work)."""

    try:
        advance_partnership.advance(
            _adapters(request), advance_partnership.AdvancePartnership(reference, "")
        )
    except Exception as error:
        if not failed_work.retriable(error):
            raise
        kept = failed_work.keep(_adapters(request), reference, said="recorded", error=error)
        log.warning("%s: the work after the change did not run: %s", reference, kept.cause)


def advance(request: Request, form: FormData | None) -> Response:
    officer = _partnership_officer(request)
    require_csrf(request, form)
    reference = request.path_params["reference"]
    result = advance_partnership.advance(
        _adapters(request), advance_partnership.AdvancePartnership(reference, officer)
    )
    return redirect(f"/p/{quote(reference)}?advanced={quote(result.stage)}")


def open_review_now(request: Request, form: FormData | None) -> Response:
    officer = _partnership_officer(request)
    require_csrf(request, form)
    reference = request.path_params["reference"]
    try:
        open_review.open_now(
            portal(request).uow, open_review.OpenReviewNow(reference, officer, dt.date.today())
        )
    except open_review.NotStarted as early:
        raise PageError(
            409,
            N_("Revue non ouverte"),
            N_("Le partenariat commence le {day} : une revue ne s'ouvre qu'après son début."),
            day=early.start.strftime(date_format(officer_language(request))),
        ) from None
    except open_review.NotActive as elsewhere:
        stage = stage_words(elsewhere.stage, officer_language(request))
        raise PageError(
            409,
            N_("Revue non ouverte"),
            N_(
                "Le partenariat est à l'étape « {stage} » : une revue ne s'ouvre "
                "par anticipation que sur un partenariat actif."
            ),
            stage=stage,
        ) from None
    except open_review.HeldToday:
        raise PageError(
            409,
            N_("Revue non ouverte"),
            N_(
                "Une revue a déjà été tenue aujourd'hui (son questionnaire de santé est daté de "
                "ce jour) : la suivante peut être ouverte dès demain."
            ),
        ) from None
    _advance_quietly(request, reference)  # the review's work: its report, its mails
    return redirect(f"/p/{quote(reference)}?review=opened")


def action_notice(request: Request) -> str | None:
    """What an officer's action did (amend, advance), said on the page it returns to."""

    _ = say(request)
    amended = request.query_params.get("amended")
    if amended is not None:
        if amended == "0":
            return _("Le fichier déposé est identique : rien n'a été modifié.")
        return _("Modification enregistrée ({n} champ(s) changé(s)).").format(n=amended)
    if request.query_params.get("review") == "opened":
        return _("La revue Go/noGo est ouverte dès aujourd'hui (avancée sur sa date prévue).")
    advanced = request.query_params.get("advanced")
    if advanced:
        where = stage_words(advanced, officer_language(request))
        return _("Travail automatique relancé : le partenariat est à l'étape « {stage} ».").format(
            stage=where
        )
    return None
