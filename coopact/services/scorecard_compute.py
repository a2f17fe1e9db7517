"""The method scorecard computed from the whole file (the slow path of
:mod:`coopact.services.scorecards`): the file validated with the partnership schema, the
clause library read, the rules run. Imported only when a stored card does not match, or by
the listing (`status --json`, the portfolio), whose findings need every rule's sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coopact.adapters.documents.clause_library import configured_library

# The sentences of the stored findings are declared by the rules' modules: the scorecard
# imports those of the file and the stages, readiness its own.
from coopact.contracts import readiness as _readiness  # noqa: F401 - declares its findings' sentences
from coopact.contracts import scorecard
from coopact.contracts.lifecycle import Stage
from coopact.services._common import _finding, partnership_of

_BALANCE_ACCEPTED = set(Stage) - {Stage.draft, Stage.vision_agreed}


def scorecard_of(row: Any, found: Sequence[Any]) -> list[dict[str, Any]]:
    """The 14-element method scorecard, from the file and every stored finding ``found``
    (the last review's included)."""
    partnership = partnership_of(row)
    language = partnership.language.value
    scores = scorecard.scorecard(
        partnership,
        [_finding(f) for f in found],
        language,
        clauses=configured_library(),
        balance_accepted=Stage(row.stage) in _BALANCE_ACCEPTED,
    )
    return scorecard.as_json(scores, language)
