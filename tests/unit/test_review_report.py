"""The Go/noGo review report: tricky partner data verbatim, reproducible, in English too;
the health check's own validation."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from pydantic import ValidationError

from coopact.adapters.loading import problems_of
from coopact.contracts.review import recommendation, review_findings
from coopact.contracts.review_check import ReviewThresholds, period_start
from coopact.schemas import Partnership
from coopact.schemas.review import ReviewAnswers
from coopact.stages.base import WorkContext
from coopact.stages.review import run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "partnership.example.yaml"
ANSWERS = ROOT / "coopact" / "examples" / "review.example.yaml"
TRICKY = 'R&D <b>"100 %"</b> d\'{{ avance }} {% if x %}'


@pytest.fixture
def data() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def answers() -> dict[str, Any]:
    return yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))


def _text(content: bytes) -> str:
    """The words of the report (no-break spaces are typography, added at rendering)."""
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(c.text for r in table.rows for c in r.cells)
    return "\n".join(parts).replace("\u00a0", " ").replace("\u202f", " ")


def _run(data: dict[str, Any], answers: dict[str, Any] | None) -> Any:
    ctx = WorkContext(
        reference="P-2027-001",
        templates=ROOT / "templates",
        today=dt.date(2027, 7, 15),
        review_answers=None
        if answers is None
        else ReviewAnswers.model_validate(answers).model_dump(mode="json"),
    )
    return run(Partnership.model_validate(data), ctx)


def test_tricky_partner_data_comes_out_verbatim_and_reproducibly(data, answers) -> None:
    data["partners"][1]["name"] = TRICKY
    answers["partners"]["logistix"]["comment"] = TRICKY
    answers["partners"]["logistix"]["benefits"] = {"perceived": "partly", "comment": TRICKY}
    first, second = _run(data, answers), _run(data, answers)
    assert first.documents[0].content == second.documents[0].content
    text = _text(first.documents[0].content)
    assert text.count(TRICKY) >= 4  # partner, comment, benefits, finding


def test_the_english_report(data, answers) -> None:
    data["language"] = "en"
    answers["rituals"]["Point projet"] = {"held": 3}
    output = _run(data, answers)
    (document,) = output.documents
    assert document.filename == "P-2027-001-review-report-2027-07-15.docx"
    text = _text(document.content)
    assert "Go with conditions: go on, dealing with the findings below" in text
    assert (
        "held 3 times from 15 January 2027 to 14 July 2027, while its cadence (every two weeks)"
        in text
    )


def test_the_second_review_counts_rituals_from_the_first(data, answers) -> None:
    partnership = Partnership.model_validate(data)
    previous = ReviewAnswers.model_validate(answers)
    assert period_start(partnership, dt.date(2028, 1, 15), previous) == dt.date(2027, 7, 15)
    # Held late, on 20 July: the period starts then.
    late = previous.model_copy(update={"review_date": dt.date(2027, 7, 20)})
    assert period_start(partnership, dt.date(2028, 1, 15), late) == dt.date(2027, 7, 20)
    # Without the previous answers, the last scheduled review still bounds the period.
    assert period_start(partnership, dt.date(2028, 1, 15), None) == dt.date(2027, 7, 15)


def test_thresholds_are_configurable(data, answers) -> None:
    partnership = Partnership.model_validate(data)
    answers["rituals"]["Point projet"] = {"held": 9}  # 9 of 13
    check = ReviewAnswers.model_validate(answers)
    assert [f.code for f in review_findings(partnership, check)] == ["review.ritual_skipped"]
    lenient = ReviewThresholds(ritual_min_share=ReviewThresholds().ritual_min_share / 2)
    assert review_findings(partnership, check, thresholds=lenient) == []
    assert recommendation(review_findings(partnership, check, thresholds=lenient)).value == "go"


def test_health_check_validation_reports_every_problem_with_its_path(answers) -> None:
    answers["partners"]["tremplin"]["engagement"] = 0
    answers["partners"]["logistix"]["benefits"] = {"perceived": "bof"}
    answers["partners"]["logistix"]["colour"] = "bleu"
    answers["milestones"]["m1"]["updated_on"] = "2027-08-01"
    with pytest.raises(ValidationError) as raised:
        ReviewAnswers.model_validate(answers)
    paths = {p.path for p in problems_of(raised.value)}
    assert {
        "partners.tremplin.engagement",
        "partners.logistix.benefits.perceived",
        "partners.logistix.colour",
    } <= paths


def test_an_indicator_cannot_be_updated_after_the_review(answers) -> None:
    answers["milestones"]["m1"]["updated_on"] = "2027-08-01"
    with pytest.raises(ValidationError) as raised:
        ReviewAnswers.model_validate(answers)
    (problem,) = problems_of(raised.value)
    assert problem.path == "milestones.m1.updated_on"
    assert "after the review date (2027-07-15)" in problem.message
