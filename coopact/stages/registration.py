"""Registration (``coopact new``, ``coopact amend``): what the officer should fix while the
file is still a draft, all at once.

Nothing blocks at registration: the SMART findings come out as warnings, every rule that
will block at a later stage comes out as a warning naming that stage, and a gate nobody can
decide (no legal officer) or a person who must act without an e-mail is told with the fix
(``contracts.readiness``).
"""

from __future__ import annotations

from contracts.findings import Finding
from contracts.readiness import registration_findings as _findings
from schemas import Partnership


def registration_findings(partnership: Partnership) -> list[Finding]:
    """The warnings to show when a partnership is registered or amended."""
    return _findings(partnership)
