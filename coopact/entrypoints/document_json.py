"""A stored document as the entry points give it in JSON: `coopact documents REF --json`
and the API's `GET /api/v1/partnerships/REF/documents` hand out the same objects.

Imported at CLI start-up: it imports nothing."""

from __future__ import annotations

from typing import Any


def document_json(d: Any) -> dict[str, Any]:
    """Kind, version, language, file name, SHA-256 and when it was written (to the second)
    of a stored document's row."""
    return {
        "kind": d.kind,
        "version": d.version,
        "language": d.language,
        "filename": d.filename,
        "sha256": d.sha256,
        "created_at": d.created_at.isoformat(timespec="seconds"),
    }
