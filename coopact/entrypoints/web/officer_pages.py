"""The officers' area: sign-in, the portfolio, a partnership's page, resending a link,
recording a decision on someone's behalf with its evidence, the legal approval."""

from __future__ import annotations

import hashlib
import math
from email.utils import make_msgid
from urllib.parse import quote

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from coopact import services
from coopact.adapters.mail import notify
from coopact.adapters.mail.gate_words import outcome_label
from coopact.contracts import deciders, duties
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.channels import describe
from coopact.entrypoints.web import officer_actions, officer_downloads, security
from coopact.entrypoints.web import portfolio as views
from coopact.entrypoints.web.app import (
    PageError,
    client,
    current_officer,
    officer_language,
    page,
    portal,
    redirect,
    render,
    require_csrf,
    say,
)
from coopact.entrypoints.web.link_pages import adapters, after_decision
from coopact.entrypoints.web.meeting_form import meeting_of
from coopact.entrypoints.web.officer_access import signed_in_officer as _officer
from coopact.entrypoints.web.officer_actions import action_notice
from coopact.entrypoints.web.portfolio_form import page_link, read_filter
from coopact.entrypoints.web.words import (
    date_format,
    gate_words,
    role_words,
    stage_words,
)
from coopact.i18n import N_
from coopact.services import links, mail, refusals, users
from coopact.services._common import MAIL_FROM, partnership_of
from coopact.services.decision_record import Decide, Evidence
from coopact.services.decisions import Channel
from coopact.services.gate_documents import evidence_document
from coopact.usecases.decide import decide

MAX_EVIDENCE = 10 * 1024 * 1024
_LEGAL_GATES = {g.value for g in duties.LEGAL}
_RESERVED_FR = N_(
    "La validation juridique et les signatures (convention et avenant) ne sont jamais "
    "enregistrées pour le compte d'autrui : seule la personne qui décide les enregistre, "
    "par son lien personnel ou connectée au portail. Rien n'a été enregistré."
)


def routes() -> list[Route]:

    return [
        *officer_actions.routes(),
        Route("/", page(portfolio_page), methods=["GET"]),
        Route("/login", page(login_form), methods=["GET"]),
        Route("/login", page(login), methods=["POST"]),
        Route("/logout", page(logout), methods=["POST"]),
        Route("/p/{reference}", page(partnership_page), methods=["GET"]),
        Route("/p/{reference}/documents/{id:int}", page(officer_downloads.document)),
        Route("/p/{reference}/evidence/{id:int}", page(officer_downloads.evidence)),
        Route("/p/{reference}/resend", page(resend), methods=["POST"]),
        Route("/p/{reference}/on-behalf", page(on_behalf), methods=["POST"]),
        Route("/p/{reference}/legal", page(legal_approval), methods=["POST"]),
    ]


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


# --------------------------------------------------------------------------- sign-in
def login_form(request: Request, form: FormData | None) -> Response:
    return render(request, "login.html", next=_safe_next(request.query_params.get("next")))


def login(request: Request, form: FormData | None) -> Response:
    require_csrf(request, form)
    assert form is not None
    config = portal(request)
    email = users.normalise(str(form.get("email") or ""))
    password = str(form.get("password") or "")
    target = _safe_next(str(form.get("next") or ""))
    _ = say(request)
    wait = config.throttle.wait(config.uow(), email, client(request))
    if wait > 0:
        minutes = max(1, math.ceil(wait / 60))
        _count(request, "user.sign_in_throttled")
        refused = render(
            request, "login.html", 429, next=target, email=email,
            error=_("Trop de tentatives : réessayez dans {minutes} minute(s).").format(
                minutes=minutes
            ),
        )  # fmt: skip
        refused.headers["Retry-After"] = str(math.ceil(wait))
        return refused
    officer = users.authenticate(config.uow(), email, password)
    if officer is None:
        config.throttle.failed(config.uow(), email, client(request))
        _count(request, "user.sign_in_refused")
        return render(
            request, "login.html", 401, next=target, email=email,
            error=_("Adresse ou mot de passe incorrect."),
        )  # fmt: skip
    config.throttle.succeeded(config.uow(), email)
    _audit(request, "user.signed_in", email=officer.email)
    response = redirect(target)
    response.set_cookie(
        security.SESSION_COOKIE,
        security.make_session(config.uow(), officer.id),
        max_age=security.SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=config.secure_cookies,
    )
    return response


def logout(request: Request, form: FormData | None) -> Response:
    require_csrf(request, form)
    security.end_session(portal(request).uow(), request.cookies.get(security.SESSION_COOKIE))
    response = redirect("/login")
    response.delete_cookie(security.SESSION_COOKIE)
    return response


def _count(request: Request, kind: str) -> None:
    """An anonymous refusal: counted, summarised in the chain once an hour (not one event)."""
    uow = portal(request).uow()
    with uow:
        refusals.count(uow, kind)


def _audit(request: Request, action: str, reference: str | None = None, **payload: object) -> None:
    uow = portal(request).uow()
    with uow:
        uow.audit(
            action, actor=links.WEB_ACTOR, reference=reference, client=client(request), **payload
        )
        uow.commit()


# --------------------------------------------------------------------------- portfolio
def portfolio_page(request: Request, form: FormData | None) -> Response:
    if current_officer(request) is None:
        return redirect("/login?next=/")

    lang = officer_language(request)
    wanted, shown = read_filter(request.query_params)
    items, total = views.portfolio_page(portal(request).uow().reading(), wanted, lang=lang)
    return render(
        request, "portfolio.html", items=items, total=total, wanted=wanted, shown=shown,
        stages=views.STAGES, gates=list(deciders.GATE_LABELS), stage_words=stage_words,
        gate_words=gate_words, per_page=wanted.limit, page_link=page_link, lang=lang,
        date_format=date_format(lang),
    )  # fmt: skip


def partnership_page(request: Request, form: FormData | None) -> Response:

    officer = current_officer(request)
    if officer is None:
        return redirect(f"/login?next=/p/{quote(request.path_params['reference'])}")
    lang = officer_language(request)
    view = views.partnership(
        portal(request).uow().reading(), request.path_params["reference"], lang=lang,
        events_page=_page_number(request, "events"), links_page=_page_number(request, "links"),
    )  # fmt: skip
    notices = {
        ("recorded", "1"): N_("La décision est enregistrée."),
        ("recorded", "0"): N_("Cette décision était déjà enregistrée : rien de plus n'a été fait."),
        ("resent", "1"): N_("Un nouveau lien a été envoyé ; l'ancien ne fonctionne plus."),
        ("resent", "queued"): N_(
            "Un nouveau lien est prêt et l'ancien ne fonctionne plus, mais le courriel n'a pas "
            "pu partir : il reste en file et repartira avec `coopact mail send` ou la prochaine "
            "action de coopact."
        ),
    }
    notice = next(
        (
            say(request)(text)  # each marked N_ above
            for (key, value), text in notices.items()
            if request.query_params.get(key) == value
        ),
        None,
    ) or action_notice(request)
    return render(
        request,
        "partnership.html",
        v=view,
        notice=notice,
        describe=describe,
        outcome_label=outcome_label,
        stage_words=stage_words,
        gate_words=gate_words,
        role_words=role_words,
        lang=lang,
        date_format=date_format(lang),
        colon="\u00a0: " if lang == "fr" else ": ",
        can_act=officer.role == "partnership_officer",
        on_behalf=view.gate is not None and Gate(view.gate) in duties.on_behalf_gates(),
        can_approve=(
            officer.role == "legal_officer"
            and view.gate in _LEGAL_GATES
            and officer.email in view.legal_officer_emails
        ),
    )


def _page_number(request: Request, name: str) -> int:
    wanted = request.query_params.get(name, "1")
    return max(1, min(int(wanted), 100_000)) if wanted.isdigit() else 1


# --------------------------------------------------------------------------- actions
def _awaited_recipient(
    request: Request, reference: str, who: str
) -> tuple[deciders.Recipient, Gate, int]:
    """The person chosen in a form (``name|partner``) among those the open gate awaits."""
    view = views.partnership(portal(request).uow(), reference)
    if view.gate is None:
        raise PageError(
            409, N_("Aucune décision attendue"), N_("{reference} n'attend aucune décision."),
            reference=reference,
        )  # fmt: skip
    for recipient in view.awaited_people:
        if f"{recipient.name}|{recipient.partner_key or ''}" == who:
            return recipient, Gate(view.gate), view.round
    raise PageError(
        400, N_("Personne inconnue"), N_("Cette personne n'est pas attendue à cette étape.")
    )


def resend(request: Request, form: FormData | None) -> Response:
    officer = _officer(request, "partnership_officer")
    require_csrf(request, form)
    assert form is not None
    reference = request.path_params["reference"]
    recipient, gate, round_ = _awaited_recipient(request, reference, str(form.get("person")))
    if not recipient.email:
        raise PageError(
            409, N_("Pas d'adresse"), N_("Le fichier ne donne pas d'adresse à cette personne.")
        )
    config = portal(request)
    uow = config.uow()
    with uow:
        row = uow.partnerships.get_for_update(reference)
        partnership = partnership_of(row)
        issued = links.issue(
            uow, row, gate, round_, recipient, config.keyring, base=config.public_url,
            days=links.link_days(), actor=f"{officer.email} (partnership_officer)",
        )  # fmt: skip
        kind = services.EVIDENCE.get(gate)
        doc = evidence_document(uow, row, kind) if kind else None
        messages, _ = notify.gate_messages(
            partnership,
            gate,
            reference=reference,
            sender=MAIL_FROM,
            document_sha256=services.decisions._gate_document(uow, row, gate),
            round_=round_,
            templates=config.templates / "mail",
            links={(recipient.name, recipient.partner_key): notify.PersonalLink(
                issued.url, issued.expires_at
            )},
            document=(doc.filename, doc.sha256) if doc else None,
        )  # fmt: skip
        mine = [m for m in messages if recipient.email in str(m["To"])]
        for message in mine:
            del message["Message-ID"]
            message["Message-ID"] = make_msgid(domain="coopact")
        # Queued with the new link: a failed commit sends no link that does not work.
        mail.enqueue_many(uow, mine)
        uow.audit(
            "link.resent", actor=f"{officer.email} (partnership_officer)", reference=reference,
            gate=gate.value, round=round_, token_id=issued.token_id, sent=len(mine),
        )  # fmt: skip
        uow.commit()
    delivery = mail.deliver(config.uow(), config.transport())
    return redirect(f"/p/{quote(reference)}?resent={'queued' if delivery.failed else '1'}")


def on_behalf(request: Request, form: FormData | None) -> Response:
    officer = _officer(request, "partnership_officer")
    require_csrf(request, form)
    assert form is not None
    reference = request.path_params["reference"]
    recipient, gate, _ = _awaited_recipient(request, reference, str(form.get("person")))
    if gate not in duties.on_behalf_gates():  # refused before anything is kept
        raise PageError(403, N_("Enregistrement refusé"), _RESERVED_FR)
    upload = form.get("evidence")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise PageError(
            400, N_("Pièce manquante"),
            N_("Joignez la pièce sur laquelle repose la décision (courriel, procès-verbal)."),
        )  # fmt: skip
    content = upload.file.read(MAX_EVIDENCE + 1)
    if not content or len(content) > MAX_EVIDENCE:
        raise PageError(400, N_("Pièce refusée"), N_("La pièce est vide ou dépasse 10 Mo."))
    sha = hashlib.sha256(content).hexdigest()
    chosen = str(form.get("outcome") or "")
    allowed = [o.value for o in deciders.outcomes(gate)]
    if chosen not in allowed:
        raise PageError(
            400, N_("Décision refusée"),
            N_("« {chosen} » n'est pas une décision possible ici ; possibles : {allowed}."),
            chosen=chosen, allowed=", ".join(
                outcome_label(o, officer_language(request)) for o in allowed
            ),
        )  # fmt: skip
    evidence = Evidence(
        upload.filename or "piece", upload.content_type or "application/octet-stream",
        content, officer.email,
    )  # fmt: skip
    command = Decide(
        reference, gate, deciders.Decider(recipient.name, recipient.role, recipient.partner_key),
        Outcome(chosen), str(form.get("reason") or ""),
        actor=f"{officer.email} (partnership_officer) pour {recipient.name}",
        channel=Channel("on_behalf", {"officer": officer.email, "evidence_sha256": sha}),
        evidence=evidence, meeting=meeting_of(form) if gate is Gate.review else None,
    )  # fmt: skip
    done = decide(command, adapters(request))
    after_decision(request, done)
    return redirect(f"/p/{quote(reference)}?recorded={int(done.applied)}")


def legal_approval(request: Request, form: FormData | None) -> Response:
    officer = _officer(request, "legal_officer")
    require_csrf(request, form)
    assert form is not None
    reference = request.path_params["reference"]
    view = views.partnership(portal(request).uow(), reference)
    if view.gate not in _LEGAL_GATES:
        raise PageError(
            409, N_("Aucune validation attendue"),
            N_("{reference} n'attend pas la validation juridique."), reference=reference,
        )  # fmt: skip
    gate = Gate(view.gate)
    person = view.legal_officer_emails.get(officer.email)
    if person is None:
        raise PageError(
            403, N_("Accès refusé"),
            N_("Votre adresse n'est pas celle d'un juriste nommé dans le fichier du partenariat."),
        )  # fmt: skip
    chosen = str(form.get("outcome") or "")
    if chosen not in [o.value for o in deciders.outcomes(gate)]:
        raise PageError(
            400, N_("Décision refusée"), N_("« {chosen} » : approve ou reject attendu."),
            chosen=chosen,
        )  # fmt: skip
    command = Decide(
        reference, gate, deciders.Decider(person[0], Role.legal_officer, person[1]),
        Outcome(chosen), str(form.get("reason") or ""),
        document_sha256=str(form.get("document_sha256") or "") or None,
        actor=f"{officer.email} (legal_officer)",
        channel=Channel("portal", {"officer": officer.email}),
    )  # fmt: skip
    done = decide(command, adapters(request))
    after_decision(request, done)
    return redirect(f"/p/{quote(reference)}?recorded={int(done.applied)}")
