"""The portal's application: pages rendered on the server, no JavaScript build.

Every page goes through :func:`page`: the form is read, the work runs in a thread, coopact's
refusals become a plain page, and anything unexpected is logged with a correlation id that
the page shows, never a stack trace.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from coopact.contracts.errors import CoopactError, InvalidInput, NotFound
from coopact.notify import Transport
from coopact.services import users
from coopact.store.keys import Keyring
from coopact.store.uow import UnitOfWork
from coopact.web import guard, security
from coopact.web.texts import texts

log = logging.getLogger("coopact.web")
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

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")


_env = Environment(
    loader=FileSystemLoader(str(PAGES)),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


class PageError(Exception):
    """A page in plain words with an HTTP status (refusals the pages decide themselves)."""

    def __init__(self, status: int, title: str, message: str, lang: str = "fr") -> None:
        super().__init__(message)
        self.status, self.title, self.message, self.lang = status, title, message, lang


def portal(request: Request) -> Portal:
    return request.app.state.portal  # type: ignore[no-any-return]


def client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _csrf_cookie(request: Request) -> str:
    value = getattr(request.state, "csrf_cookie", None)
    if value is None:
        value = request.cookies.get(security.CSRF_COOKIE) or security.new_csrf_cookie()
        request.state.csrf_cookie = value
    return value  # type: ignore[no-any-return]


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


def require_csrf(request: Request, form: FormData | None, lang: str = "fr") -> None:
    found = session(request)
    submitted = form.get("csrf") if form is not None else None
    if not security.csrf_valid(
        portal(request).keyring,
        request.cookies.get(security.CSRF_COOKIE),
        found.nonce if found else "",
        submitted if isinstance(submitted, str) else None,
    ):
        t = texts(lang)
        raise PageError(403, t["csrf_title"], t["csrf_text"], lang)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = context.setdefault("lang", "fr")
    context.setdefault("t", texts(lang))
    context.setdefault("officer", current_officer(request))
    context["csrf"] = csrf_field(request)
    response = HTMLResponse(_env.get_template(name).render(**context), status_code=status)
    secure_headers(response)
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
            return await run_in_threadpool(
                error_page, request, error.status, error.title, error.message,
                lang=error.lang, signin=getattr(error, "next", None),
            )  # fmt: skip
        except CoopactError as error:
            lang = getattr(request.state, "lang", "fr")  # a link page sets its partnership's
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
            lang = getattr(request.state, "lang", "fr")
            t = texts(lang)
            try:
                return await run_in_threadpool(
                    error_page, request, 500, t["error_title"], t["error_text"],
                    correlation=correlation, lang=lang,
                )  # fmt: skip
            except Exception:
                return PlainTextResponse(
                    f"Erreur interne. Référence de l'incident : {correlation}", status_code=500
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


async def _not_found(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    t = texts("fr")
    return await run_in_threadpool(
        error_page, request, status, t["not_found_title"], t["not_found"]
    )


def create_app(config: Portal) -> Starlette:
    from coopact.web import api, link_pages, money_pages, officer_pages

    routes: list[Route] = [
        Route("/healthz", lambda request: PlainTextResponse("ok")),
        *link_pages.routes(),
        *officer_pages.routes(),
        *money_pages.routes(),
        api.mount(),  # type: ignore[list-item]  # /api/v1 (coopact/web/api.py)
    ]
    middleware = [Middleware(guard.Guard, https=config.secure_cookies)]
    if config.forwarded_allow_ips.strip():
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        middleware.insert(
            0, Middleware(ProxyHeadersMiddleware, trusted_hosts=config.forwarded_allow_ips)
        )
    app = Starlette(
        routes=routes, middleware=middleware, exception_handlers={HTTPException: _not_found}
    )
    app.state.portal = config
    return app


FORWARDED_ENV = "COOPACT_FORWARDED_ALLOW_IPS"


def portal_from_environment() -> Portal:
    """The portal's wiring from the environment (COOPACT_HOME, COOPACT_PUBLIC_URL...)."""
    import os

    from coopact import wiring
    from coopact.config import settings
    from coopact.services import links
    from coopact.store.keys import load_keyring

    return Portal(
        uow=wiring.uow,
        keyring=load_keyring(settings().home),
        templates=settings().templates,
        transport=wiring.transport,
        public_url=links.public_url(),
        forwarded_allow_ips=os.environ.get(FORWARDED_ENV, ""),
    )


def from_environment() -> Starlette:
    """The app factory each worker process of ``coopact web --workers N`` calls
    (``uvicorn --factory coopact.web.app:from_environment``): everything a worker shares with
    the others (sessions, throttling, decisions) is in the database."""
    return create_app(portal_from_environment())
