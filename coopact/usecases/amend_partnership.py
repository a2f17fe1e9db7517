"""An officer amends a partnership from an uploaded file: first the differences are shown,
then, confirmed, the file is corrected (before signature) or an avenant drafted (after)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from coopact.adapters.loading import load_text
from coopact.contracts.errors import Refused
from coopact.services._common import canonical_spec, differences
from coopact.services.registration import AMENDABLE
from coopact.services.registration import amend as amend_file


@dataclass(frozen=True)
class AmendPartnership:
    reference: str
    text: str
    officer: str
    effective_on: dt.date | None = None


@dataclass(frozen=True)
class Change:
    path: str  # the field path, as `coopact amend` prints it
    before: str
    after: str


@dataclass(frozen=True)
class Preview:
    changes: list[Change]
    by_avenant: bool  # signed: the change is an avenant, the agreement stays as signed

    @property
    def changed(self) -> list[str]:
        return [c.path for c in self.changes]


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def value_at(spec: Any, path: str) -> str:
    """The value at a field path (``partners[1].name``) of a file, as text ("—": absent)."""
    value = spec
    for name, index in _STEP.findall(path):
        if name and isinstance(value, dict):
            value = value.get(name)
        elif index and isinstance(value, list) and int(index) < len(value):
            value = value[int(index)]
        else:
            return "—"
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 300 else text[:299] + "…"


def preview(uow_factory: Any, command: AmendPartnership) -> Preview:
    """What the upload would change (validated as `coopact amend` validates it)."""
    partnership = load_text(command.text, "partnership file")
    if partnership.reference not in (None, command.reference):
        raise Refused(f"the file's reference is {partnership.reference}, not {command.reference}")
    spec = {**canonical_spec(partnership), "reference": command.reference}
    with uow_factory() as uow:
        row = uow.partnerships.get(command.reference)
        before = {**row.spec, "reference": command.reference}
        changed = differences(before, spec)
        by_avenant = row.stage not in {s.value for s in AMENDABLE}
    changes = [Change(p, value_at(before, p), value_at(spec, p)) for p in changed[:200]]
    return Preview(changes, by_avenant)


def amend(uow_factory: Any, command: AmendPartnership) -> list[str]:
    """Apply it (services.amend): the changed paths; [] when nothing changed."""
    partnership = load_text(command.text, "partnership file")

    return amend_file(
        uow_factory(), command.reference, partnership,
        actor=f"{command.officer} (partnership_officer)",
        effective_on=command.effective_on,
    )  # fmt: skip
