"""The rounds of a partnership's gates (``PartnershipRow.rounds``): a new round opens when
the file is amended, an avenant starts, a review is due; the decisions of earlier rounds no
longer count. Below the decisions (:mod:`coopact.services.decisions`) and the acts that
open rounds (avenants, exits, the renewal)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from coopact.contracts.lifecycle import Gate
from coopact.store.records import PartnershipRow


def open_round(row: PartnershipRow, gate: Gate) -> int:
    """The round ``gate`` is in: a new one opens when the file is amended or a review is due."""
    return int((row.rounds or {}).get(gate.value, 1))


def open_new_round(row: PartnershipRow, gates: Iterable[Gate]) -> None:
    """Open a new round of each of ``gates``: earlier decisions no longer count."""
    row.rounds = next_rounds(row.rounds, gates)


def next_rounds(rounds: dict[str, Any] | None, gates: Iterable[Gate]) -> dict[str, Any]:
    """The gates' rounds (``PartnershipRow.rounds``) once a new round of ``gates`` opens."""
    after = dict(rounds or {})
    for gate in gates:
        after[gate.value] = int(after.get(gate.value, 1)) + 1
    return after
