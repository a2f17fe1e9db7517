"""What a decision page reads back: the conditions of a go with conditions, each field
checked in the person's words, and the outcomes offered over blocking findings."""

from __future__ import annotations

import datetime as dt

from starlette.datastructures import FormData

from coopact.adapters.loading import load_text
from coopact.contracts.lifecycle import Gate
from coopact.entrypoints.cli.demo import demo_file
from coopact.entrypoints.web import link_forms
from coopact.services import officer_notices
from tests.life_support import COMMAND

PARTNERSHIP = load_text(demo_file())
TODAY = dt.date(2027, 7, 15)


def _read(outcome: str, rows: list[tuple[str, str, str, str]], lang: str = "fr"):  # type: ignore[no-untyped-def]
    items = [("outcome", outcome), ("reason", "Motif.")]
    for i, (what, owner, due, indicator) in enumerate(rows):
        items += [(f"cond_what_{i}", what), (f"cond_owner_{i}", owner)]
        items += [(f"cond_due_{i}", due), (f"cond_indicator_{i}", indicator)]
    return link_forms.read(FormData(items), Gate.review, PARTNERSHIP, lang, TODAY)


def test_two_conditions_are_read_with_their_indicator() -> None:
    typed, conditions = _read(
        "go_with_conditions",
        [("Recruter", "tremplin", "2027-10-31", "Encadrant en poste"),
         ("Publier le bilan", "logistix", "15/12/2027", "")],
    )  # fmt: skip
    assert not typed.has_problems
    assert [(c.what, c.owner, c.due_on, c.indicator) for c in conditions] == [
        ("Recruter", "tremplin", dt.date(2027, 10, 31), "Encadrant en poste"),
        ("Publier le bilan", "logistix", dt.date(2027, 12, 15), None),
    ]


def test_each_problem_is_beside_its_field_and_the_typed_values_kept() -> None:
    typed, conditions = _read(
        "go_with_conditions",
        [("", "tremplin", "2027-10-31", ""), ("Publier", "", "2027-01-01", "x")],
        lang="en",
    )
    assert conditions == []
    assert typed.rows[0].problems == {"what": "Say what must be done."}
    assert set(typed.rows[1].problems) == {"owner", "due"}
    assert typed.rows[1].what == "Publier" and typed.rows[1].indicator == "x"


def test_conditions_go_with_go_with_conditions_only() -> None:
    none, _ = _read("go_with_conditions", [("", "", "", "")])
    assert "au moins une condition" in none.problems[0]
    extra, _ = _read("go", [("Recruter", "tremplin", "2027-10-31", "")])
    assert "go sous conditions" in extra.problems[0]


def test_go_is_not_offered_over_a_blocking_finding_and_the_page_says_why() -> None:
    offer = link_forms.offer(Gate.review, 1, "en")
    assert [o for o, _ in offer.outcomes] == ["go_with_conditions", "no_go"]
    assert "red line" in offer.withheld and not COMMAND.search(offer.withheld)
    assert link_forms.offer(Gate.review, 0, "fr").withheld == ""


def test_the_officers_notices_say_what_to_do_next_in_both_languages() -> None:
    events = [
        ("gate.closed", {"gate": "review", "outcome": "no_go", "stage_to": "terminated"}),
        ("gate.closed", {"gate": "vision_approval", "outcome": "reject", "stage_to": "draft"}),
        ("gate.blocked", {"stage": "balanced", "blocking": ["agreement.x"]}),
        ("gate.notify_failed", {"error": "no key"}),
        ("link.decision_refused", {"gate": "signature", "person": "P", "error": "e"}),
        ("work.failed", {"error": "e"}),
    ]
    for lang in ("fr", "en"):
        for action, payload in events:
            happened, next_step = officer_notices.describe(action, payload, lang)
            assert happened and next_step, (action, lang)
            assert "_" not in happened.replace(payload.get("error", ""), ""), happened
