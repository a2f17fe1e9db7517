"""An officer amends a partnership from an uploaded file: first the differences are shown,
then, confirmed, the file is corrected (before signature) or an avenant drafted (after)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coopact import services
from coopact.loading import load_text
from coopact.services._common import canonical_spec


@dataclass(frozen=True)
class AmendPartnership:
    reference: str
    text: str
    officer: str
    effective_on: dt.date | None = None


@dataclass(frozen=True)
class Preview:
    changed: list[str]  # field paths, as `coopact amend` prints them
    by_avenant: bool  # signed: the change is an avenant, the agreement stays as signed


def preview(uow_factory: Any, command: AmendPartnership) -> Preview:
    """What the upload would change (validated as `coopact amend` validates it)."""
    partnership = load_text(command.text, "partnership file")
    if partnership.reference not in (None, command.reference):
        from contracts.errors import Refused

        raise Refused(f"the file's reference is {partnership.reference}, not {command.reference}")
    spec = {**canonical_spec(partnership), "reference": command.reference}
    with uow_factory() as uow:
        row = uow.partnerships.get(command.reference)
        changed = services.differences({**row.spec, "reference": command.reference}, spec)
        stage = services.AMENDABLE
        by_avenant = row.stage not in {s.value for s in stage}
    return Preview(changed, by_avenant)


def amend(uow_factory: Any, command: AmendPartnership) -> list[str]:
    """Apply it (services.amend): the changed paths; [] when nothing changed."""
    partnership = load_text(command.text, "partnership file")
    return services.amend(
        uow_factory(), command.reference, partnership,
        actor=f"{command.officer} (partnership_officer)",
        effective_on=command.effective_on,
    )  # fmt: skip
