"""Registration (``coopact new``): what the officer should fix while the file is still a draft.

Nothing blocks at registration: the SMART findings come out as warnings, so that vague or
unmeasurable milestones are corrected before the agreement is drafted, where the same rules
block (``contracts.smart.smart_findings(partnership, blocking=True)``).
"""

from __future__ import annotations

from contracts.findings import Finding
from contracts.smart import smart_findings
from schemas import Partnership


def registration_findings(partnership: Partnership) -> list[Finding]:
    """The warnings to show when a partnership is registered."""
    return smart_findings(partnership, blocking=False)
