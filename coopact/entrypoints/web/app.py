"""The portal's application: pages rendered on the server, no JavaScript build.

Every page goes through :func:`page`: the form is read, the work runs in a thread, coopact's
refusals become a plain page, and anything unexpected is logged with a correlation id that
the page shows, never a stack trace.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from coopact import i18n
from coopact.adapters.mail.transports import Transport
from coopact.contracts.errors import CoopactError, InvalidInput, NotFound
from coopact.entrypoints.web import guard, security
from coopact.entrypoints.web.texts import texts
from coopact.entrypoints.web.words import (
    action_words,
    date_format,
    gate_words,
    role_words,
    schedule_words,
    stage_words,
)
from coopact.services import users
from coopact.store.keys import Keyring
from coopact.store.records import DocumentRow
from coopact.store.uow import UnitOfWork

log = logging.getLogger("coopact.entrypoints.web")
PAGES = Path(__file__).parent / "templates"


@dataclass
class Portal:
    """What the pages need, given once at start-up (``coopact web`` or a test)."""

    uow: Callable[[], UnitOfWork]
    keyring: Keyring
    templates: Path  # coopact's templates (the mails)
    transport: Callable[[], Transport]
    public_url: str
    throttle: security.Throttle = field(default_factory=security.Throttle)
    # The proxies whose X-Forwarded-For is believed (`coopact web --forwarded-allow-ips`):
    # none by default, so that the client address throttled is the peer's own.
    forwarded_allow_ips: str = ""
    # The e-signature providers whose webhooks POST /webhooks/<name> hears (the configured
    # one: coopact.bootstrap.writing.webhook_providers), and the work once a partnership is signed.
    signature_webhooks: Callable[[], Mapping[str, Any]] = dict
    after_signed: Callable[[str], object] | None = None

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")


LANG_COOKIE = "coopact_lang"
# The stages whose partnership page links to its money page (signed, up to closed).
MONEY_STAGES = frozenset(
    {"signed", "active", "in_review", "in_renewal", "amending", "amendment_signing",
     "terminated", "closed"}
)  # fmt: skip


def _environment(lang: str) -> Environment:
    """The pages in ``lang``: ``_()`` of the templates reads that language's catalogue."""
    env = Environment(
        loader=FileSystemLoader(str(PAGES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        stage_words=stage_words, gate_words=gate_words, role_words=role_words,
        schedule_words=schedule_words, money_stages=MONEY_STAGES, action_words=action_words,
    )  # fmt: skip
    return env


_envs = {lang: _environment(lang) for lang in i18n.LANGUAGES}


def officer_language(request: Request) -> str:
    """An officer's language: chosen in the header (``?lang=``, kept in a cookie), else the
    browser's (``Accept-Language``), else French."""
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in i18n.LANGUAGES:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        wanted = part.split(";")[0].strip().lower()[:2]
        if wanted in i18n.LANGUAGES:
            return wanted
    return i18n.DEFAULT


def page_language(request: Request) -> str:
    """A link page's partnership language (set by the page), else the officer's."""
    return getattr(request.state, "lang", None) or officer_language(request)


def say(request: Request) -> Callable[[str], str]:
    """``_`` of a page's code: a French text (the message id) in the page's language."""
    return i18n.gettext_for(page_language(request))


class PageError(Exception):
    """A page in plain words with an HTTP status (refusals the pages decide themselves);
    without ``lang``, in the reader's language (the officer's)."""

    def __init__(
        self, status: int, title: str, message: str, lang: str = "", **words: object
    ) -> None:
        super().__init__(message)
        self.status, self.title, self.message, self.lang = status, title, message, lang
        self.words = words  # put into the message once it is in the reader's language

    def said(self, lang: str) -> tuple[str, str]:
        """The title and message in ``lang`` (each a catalogue's message id, or already
        in the reader's words)."""
        say = i18n.gettext_for(lang)
        message = say(self.message)
        return say(self.title), message.format(**self.words) if self.words else message


def portal(request: Request) -> Portal:
    return request.app.state.portal  # type: ignore[no-any-return]


def client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _csrf_cookie(request: Request) -> str:
    value = getattr(request.state, "csrf_cookie", None)
    if value is None:
        value = request.cookies.get(security.CSRF_COOKIE) or security.new_csrf_cookie()
        request.state.csrf_cookie = value
    return str(value)


def session(request: Request) -> security.Session | None:
    if not hasattr(request.state, "session"):
        request.state.session = security.read_session(
            portal(request).uow().reading(), request.cookies.get(security.SESSION_COOKIE)
        )
    return request.state.session  # type: ignore[no-any-return]


def current_officer(request: Request) -> users.Officer | None:
    if not hasattr(request.state, "officer"):
        found = session(request)
        request.state.officer = (
            users.officer(portal(request).uow().reading(), found.user_id) if found else None
        )
    return request.state.officer  # type: ignore[no-any-return]


def csrf_field(request: Request) -> str:
    found = session(request)
    return security.csrf_token(
        portal(request).keyring, _csrf_cookie(request), found.nonce if found else ""
    )


def require_csrf(request: Request, form: FormData | None, lang: str = "") -> None:
    found = session(request)
    submitted = form.get("csrf") if form is not None else None
    if not security.csrf_valid(
        portal(request).keyring,
        request.cookies.get(security.CSRF_COOKIE),
        found.nonce if found else "",
        submitted if isinstance(submitted, str) else None,
    ):
        t = texts(lang or page_language(request))
        raise PageError(403, t["csrf_title"], t["csrf_text"], lang or page_language(request))


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = i18n.language(context.get("lang") or page_language(request))
    context["lang"] = lang
    context.setdefault("t", texts(lang))
    context.setdefault("date_format", date_format(lang))
    context.setdefault("officer", current_officer(request))
    context.setdefault("switch", not hasattr(request.state, "lang"))  # not on a link's page
    context["csrf"] = csrf_field(request)
    template = _envs[lang].get_template(name)
    response = HTMLResponse(template.render(**context), status_code=status)
    secure_headers(response)
    chosen = request.query_params.get("lang")
    if context["switch"] and chosen in i18n.LANGUAGES:  # the officer's choice, kept a year
        response.set_cookie(
            LANG_COOKIE, chosen, max_age=365 * 86400, samesite="lax", httponly=True,
            secure=portal(request).secure_cookies,
        )  # fmt: skip
    if request.cookies.get(security.CSRF_COOKIE) != _csrf_cookie(request):
        response.set_cookie(
            security.CSRF_COOKIE,
            _csrf_cookie(request),
            httponly=True,
            samesite="strict",
            secure=portal(request).secure_cookies,
        )
    return response


def secure_headers(response: Response) -> None:
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"  # tokens stay out of Referer
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def error_page(request: Request, status: int, title: str, message: str, **extra: Any) -> Response:
    return render(request, "message.html", status, title=title, message=message, **extra)


Handler = Callable[[Request, FormData | None], Response]


def page(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Run a page's work in a thread; turn refusals and failures into plain pages."""

    async def endpoint(request: Request) -> Response:
        form: FormData | None = None
        try:
            if request.method == "POST":
                form = await request.form(max_files=2, max_fields=40)
            return await run_in_threadpool(handler, request, form)
        except guard.BodyTooLarge:
            raise  # answered 413 by the guard, before anything else
        except PageError as error:
            lang = error.lang or page_language(request)
            title, message = error.said(lang)
            return await run_in_threadpool(
                error_page, request, error.status, title, message,
                lang=lang, signin=getattr(error, "next", None),
            )  # fmt: skip
        except CoopactError as error:
            lang = page_language(request)  # a link page sets its partnership's
            t = texts(lang)
            return await run_in_threadpool(
                error_page, request, _status_of(error), t["refused_title"], _sentence(error),
                lang=lang,
            )  # fmt: skip
        except Exception:
            correlation = secrets.token_hex(6)
            log.exception(
                "portal error %s on %s %s", correlation, request.method, redact(request.url.path)
            )
            lang = page_language(request)
            t = texts(lang)
            try:
                return await run_in_threadpool(
                    error_page, request, 500, t["error_title"], t["error_text"],
                    correlation=correlation, lang=lang,
                )  # fmt: skip
            except Exception:
                return PlainTextResponse(
                    f"{t['error_title']}. {t['incident']}{t['colon']} {correlation}",
                    status_code=500,
                )
        finally:
            if form is not None:
                await form.close()

    return endpoint


def _status_of(error: CoopactError) -> int:
    if isinstance(error, InvalidInput):
        return 400
    return 404 if isinstance(error, NotFound) else 409


def _sentence(error: CoopactError) -> str:
    """The refusal in full: an invalid input lists each problem with its field."""
    if isinstance(error, InvalidInput) and error.problems:
        return "; ".join(str(problem) for problem in error.problems) + "."
    return error.message


def redact(path: str) -> str:
    """A path fit for the logs: a decision token is a credential, only its id is kept."""
    if path.startswith("/d/"):
        token, _, rest = path[3:].partition("/")
        return f"/d/{token.split('.')[0]}…" + (f"/{rest}" if rest else "")
    return path


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def stored_download(document: DocumentRow) -> Response:
    """A stored document as a download: its bytes (re-hashed when read), under its own
    name, with its SHA-256, never cached."""
    return Response(
        document.content,
        media_type=document.media_type,
        headers={
            "Content-Disposition": security.attachment(document.filename),
            "X-Content-SHA256": document.sha256,
            "Cache-Control": "no-store",
        },
    )


async def not_found_page(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    t = texts(page_language(request))
    return await run_in_threadpool(
        error_page, request, status, t["not_found_title"], t["not_found"]
    )
