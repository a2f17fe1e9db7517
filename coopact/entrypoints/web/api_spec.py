"""The OpenAPI description of /api/v1 (served at /api/v1/openapi.json), kept beside the
routes of coopact.entrypoints.web.api (tests/integration/test_api.py checks that every route is
described)."""

from __future__ import annotations

from typing import Any

_ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    meaning = {
        401: "no valid bearer token",
        403: "the token's scope does not allow it",
        404: "no partnership with this reference",
        409: "refused: a different file under the reference of a registered partnership",
        422: "invalid input: every problem with its field path, as `coopact new` says them",
    }
    return {str(code): _json(_ERROR, meaning[code]) for code in codes}


_REFERENCE = {
    "name": "reference",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "example": "P-2027-001"},
}

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "coopact API",
        "version": "1",
        "description": (
            "Impact partnerships for the systems around the officers. Every operation needs "
            "`Authorization: Bearer TOKEN` (`coopact token add NAME --scope read|write`)."
        ),
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearer": []}],
    "paths": {
        "/partnerships": {
            "get": {
                "summary": "List the partnerships: reference, title, stage, what is awaited",
                "responses": {
                    "200": _json(
                        {"type": "array", "items": {"$ref": "#/components/schemas/Summary"}},
                        "the partnerships, by reference",
                    ),
                    **_errors(401),
                },
            },
            "post": {
                "summary": "Register a partnership from its file (JSON or YAML body)",
                "description": "The same file twice registers one partnership (200, then 201 "
                "the first time). Needs a token of scope write.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"type": "object"}},
                        "application/yaml": {"schema": {"type": "string"}},
                    },
                },
                "responses": {
                    "201": _json({"$ref": "#/components/schemas/Registered"}, "registered"),
                    "200": _json({"$ref": "#/components/schemas/Registered"}, "already there"),
                    **_errors(401, 403, 409, 422),
                },
            },
        },
        "/partnerships/{reference}": {
            "get": {
                "summary": "Where a partnership stands (as `coopact status REF --json`)",
                "parameters": [_REFERENCE],
                "responses": {
                    "200": _json({"type": "object"}, "its status"),
                    **_errors(401, 404),
                },
            }
        },
        "/partnerships/{reference}/documents": {
            "get": {
                "summary": "Its generated documents: kind, version, language, SHA-256",
                "parameters": [_REFERENCE],
                "responses": {
                    "200": _json({"type": "array", "items": {"type": "object"}}, "documents"),
                    **_errors(401, 404),
                },
            }
        },
        "/partnerships/{reference}/history": {
            "get": {
                "summary": "Its audit trail, oldest first (as `coopact history REF --json`)",
                "parameters": [_REFERENCE],
                "responses": {
                    "200": _json({"type": "array", "items": {"type": "object"}}, "events"),
                    **_errors(401, 404),
                },
            }
        },
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Summary": {
                "type": "object",
                "properties": {
                    "reference": {"type": "string"},
                    "title": {"type": "string"},
                    "stage": {"type": "string"},
                    "awaiting": {"type": ["string", "null"]},
                },
            },
            "Registered": {
                "type": "object",
                "properties": {
                    "reference": {"type": "string"},
                    "created": {"type": "boolean"},
                    "stage": {"type": "string"},
                    "findings": {"type": "array", "items": {"type": "object"}},
                },
            },
            "Error": {
                "type": "object",
                "properties": {
                    "error": {"type": "string"},
                    "problems": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "path": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
}
