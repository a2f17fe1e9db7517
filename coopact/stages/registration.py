"""Registration (``coopact new``, ``coopact amend``): what the officer should fix while the
file is still a draft, all at once.

Nothing blocks at registration: the SMART findings come out as warnings, every rule that
will block at a later stage comes out as a warning naming that stage, and a gate nobody can
decide (no legal officer) or a person who must act without an e-mail is told with the fix
(``contracts.readiness``).
"""

from __future__ import annotations

from pathlib import Path

from coopact.adapters.documents.clause_library import clause_library, configured_library
from coopact.contracts.findings import Finding
from coopact.contracts.readiness import registration_findings as _findings
from coopact.schemas import Partnership


def registration_findings(partnership: Partnership, templates: Path | None = None) -> list[Finding]:
    """The warnings to show when a partnership is registered or amended, against the clause
    library of ``templates`` (by default the installation's, COOPACT_TEMPLATES)."""
    clauses = configured_library() if templates is None else clause_library(templates)
    return _findings(partnership, clauses)
