"""`status` reads a stored file's term and who decides at its gates as plain data
(coopact/schemas/term.py, coopact/schemas/gate_parties.py: no pydantic model, issue 25):
the same values, defaults included, as the partnership file's model gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coopact.adapters.loading import load_file
from coopact.contracts import committee, renewal
from coopact.schemas import Partnership, SteeringCommittee
from coopact.schemas.gate_parties import GateParties
from coopact.schemas.term import Term
from coopact.services._common import canonical_spec

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted(DATA.glob("*.yaml"))


def _stored(partnership: Partnership, committee_spec: dict[str, Any] | None = None) -> str:
    """The parties as the store builds them from the stored file (store/partnership_listing)."""
    spec = canonical_spec(partnership)
    seat = committee_spec or spec["governance"]["steering_committee"]
    return json.dumps(
        {
            "partners": [{"key": p["key"]} for p in spec["partners"]],
            "governance": {"steering_committee": seat},
        }
    )


def _seats(rules: Any) -> list[tuple[str, str, int]]:
    return [(m.partner, m.name, m.votes) for m in rules.members]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_parties_read_plainly_are_the_models(path: Path) -> None:
    partnership = load_file(path)
    parties = GateParties.from_json(_stored(partnership))
    model = partnership.governance.steering_committee
    plain = parties.governance.steering_committee
    assert [p.key for p in parties.partners] == [p.key for p in partnership.partners]
    assert _seats(plain) == _seats(model)
    assert (plain.decision_rule, plain.quorum, plain.deadlock) == (
        model.decision_rule, model.quorum, model.deadlock,
    )  # fmt: skip
    assert committee.members_of(parties) == committee.members_of(partnership)
    assert committee.quorum_of(parties) == committee.quorum_of(partnership)
    assert committee.deadlock_words(parties) == committee.deadlock_words(partnership)


@pytest.mark.parametrize(
    "extra", [{}, {"quorum": 2}, {"deadlock": "Arbitrage par le président"}, {"members": []}]
)
def test_what_a_stored_committee_leaves_out_takes_the_models_default(
    extra: dict[str, Any],
) -> None:
    partnership = load_file(DATA / "partnership.example.yaml")
    seat = dict(canonical_spec(partnership)["governance"]["steering_committee"])
    seat["members"] = [
        {k: v for k, v in m.items() if k != "votes"} for m in seat.get("members", [])
    ]
    seat.pop("quorum", None)
    seat.pop("deadlock", None)
    seat.update(extra)
    model = SteeringCommittee.model_validate(seat)
    plain = GateParties.from_json(_stored(partnership, seat)).governance.steering_committee
    assert _seats(plain) == _seats(model)
    assert all(m.votes == 1 for m in plain.members)
    assert (plain.decision_rule, plain.quorum, plain.deadlock) == (
        model.decision_rule, model.quorum, model.deadlock,
    )  # fmt: skip


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_term_read_plainly_ends_and_is_noticed_as_the_files(path: Path) -> None:
    partnership = load_file(path)
    spec = canonical_spec(partnership)
    term = Term.of(
        spec["start_date"], spec["duration_months"], spec["notice_months"], spec["renewal"]
    )
    assert term.end_date == partnership.end_date
    assert term.renewal is partnership.renewal
    assert renewal.notice_deadline(term) == renewal.notice_deadline(partnership)
