"""The API under /api/v1, for the systems around the officers (a CRM, a BI tool).

Every request but the description (``/api/v1/openapi.json``) carries ``Authorization:
Bearer TOKEN``, a token made by `coopact token add NAME --scope read|write` (stored hashed);
without a valid one: 401. ``read`` lists partnerships and reads one's status, documents
(their versions and SHA-256, not their content) and history; ``write`` also creates a
partnership from a JSON or YAML body, with the validation messages of `coopact new` (422,
each problem with its field path). Errors are JSON: ``{"error": ..., "problems": [...]}``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from coopact import services
from coopact.adapters.loading import parse, yaml_data
from coopact.contracts.errors import (
    CoopactError,
    EnvironmentProblem,
    InvalidInput,
    NotFound,
    Problem,
)
from coopact.entrypoints import boundary
from coopact.entrypoints.document_json import document_json
from coopact.entrypoints.web.api_spec import OPENAPI

PREFIX = "/api/v1"
MAX_BODY = 1_000_000  # a partnership file is a few kilobytes

Handler = Callable[[Request, Any], Any]


def mount() -> Mount:
    """The API's routes, mounted on the portal's app (coopact.entrypoints.web.app)."""
    return Mount(
        PREFIX,
        routes=[
            Route("/openapi.json", _openapi),
            Route("/partnerships", _endpoint(_list, "read"), methods=["GET"]),
            Route("/partnerships", _endpoint(_create, "write"), methods=["POST"]),
            Route("/partnerships/{reference}", _endpoint(_status, "read")),
            Route("/partnerships/{reference}/documents", _endpoint(_documents, "read")),
            Route("/partnerships/{reference}/history", _endpoint(_history, "read")),
        ],
    )


async def _openapi(request: Request) -> Response:
    return JSONResponse(OPENAPI)


def _error(status: int, message: str, problems: list[dict[str, str]] | None = None) -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="coopact"'} if status == 401 else None
    body = {"error": message, "problems": problems or []}
    return JSONResponse(body, status_code=status, headers=headers)


def _endpoint(handler: Handler, scope: str) -> Callable[[Request], Awaitable[Response]]:
    """The handler behind the bearer token check, run in a thread; coopact's refusals as
    JSON errors, never a stack trace."""

    async def endpoint(request: Request) -> Response:
        portal = request.app.state.portal
        token = _bearer(request)
        body = await request.body() if request.method == "POST" else b""
        if len(body) > MAX_BODY:
            return _error(413, f"the body is larger than {MAX_BODY} bytes")
        try:
            return await run_in_threadpool(_run, handler, portal, token, scope, request, body)
        except Exception as error:
            return _failure(error)

    return endpoint


def _bearer(request: Request) -> str | None:
    kind, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if kind.lower() == "bearer" else None


def _run(
    handler: Handler, portal: Any, token: str | None, scope: str, request: Request, body: bytes
) -> Response:
    uow = portal.uow()
    with uow:
        row = uow.api_tokens.valid(token) if token else None
        name, granted = (row.name, row.scope) if row is not None else (None, None)
    if name is None:
        return _error(401, "a valid bearer token is required: `coopact token add NAME`")
    if scope == "write" and granted != "write":
        return _error(403, f"the token {name!r} may read only; creating needs --scope write")
    result = handler(request, _Call(portal, name, body))
    return result if isinstance(result, Response) else _json(result)


def _json(value: Any, status: int = 200) -> Response:
    """JSON with dates as ISO text (the status and the history hold dates)."""
    text = json.dumps(value, ensure_ascii=False, default=_iso)
    return Response(text, status_code=status, media_type="application/json")


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class _Call:
    """What a handler needs: the portal's units of work, the token's name, the body."""

    def __init__(self, portal: Any, token_name: str, body: bytes) -> None:
        self.portal, self.token_name, self.body = portal, token_name, body

    def uow(self) -> Any:
        return self.portal.uow()


def _failure(error: Exception) -> Response:
    if isinstance(error, InvalidInput):
        problems = [{"path": p.path, "message": p.message} for p in error.problems]
        return _error(422, error.message, problems)
    if isinstance(error, NotFound):
        return _error(404, error.message)
    if isinstance(error, EnvironmentProblem):
        return _error(503, error.message)
    if isinstance(error, CoopactError):
        return _error(409, error.message)
    verdict = boundary.report(error)
    return _error(500, verdict.message)


# --------------------------------------------------------------------------- the handlers
def _list(request: Request, call: _Call) -> list[dict[str, Any]]:
    return [
        {
            "reference": view.reference,
            "title": view.title,
            "stage": view.stage,
            "awaiting": view.awaiting,
        }
        for view in services.status_views(call.uow())
    ]


def _status(request: Request, call: _Call) -> dict[str, Any]:
    view = services.status(call.uow(), request.path_params["reference"])[0]
    return dict(view.as_json())


def _documents(request: Request, call: _Call) -> list[dict[str, Any]]:
    return [
        document_json(d) for d in services.documents(call.uow(), request.path_params["reference"])
    ]


def _history(request: Request, call: _Call) -> Response:
    return _json(services.history(call.uow(), request.path_params["reference"]))


def _create(request: Request, call: _Call) -> Response:
    """A partnership from a JSON or YAML body, validated as `coopact new` validates a file."""
    source = "request body"
    try:
        text = call.body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(source, [Problem("(body)", "not UTF-8 text")]) from None
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidInput(source, [Problem("(body)", f"not JSON: {error}")]) from None
    else:  # YAML, JSON's superset, for any other type
        data = yaml_data(text, source)
    partnership = parse(data, source)
    result = services.register(call.uow(), partnership, actor=f"api:{call.token_name}")
    view = services.status(call.uow(), result.reference)[0]
    body = {
        "reference": result.reference,
        "created": result.created,
        "stage": view.stage,
        "findings": view.findings,
    }
    return _json(body, 201 if result.created else 200)
