"""The review's health check through the service and the real command line, on SQLite and
PostgreSQL: validated against the partnership, stored while the review is open, read by the
review's work, and compared with the previous review's answers."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from sqlalchemy import text

from coopact import services
from coopact.adapters.loading import load_file
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import InvalidInput, Refused
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.services.review_reports import write_review_reports
from coopact.store.db import make_engine
from coopact.store.tables import ScheduleRow
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "coopact" / "examples" / "review.example.yaml"
TEMPLATES = ROOT / "templates"
REF = "P-2027-001"
FIRST, SECOND = dt.date(2027, 7, 15), dt.date(2028, 1, 15)


@pytest.fixture
def answers() -> dict[str, Any]:
    return yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))


@pytest.fixture
def active(uow: UnitOfWork, db_url: str) -> UnitOfWork:
    """The example, registered then (setup shortcut) active with its two first reviews due."""
    services.register(uow, load_file(EXAMPLE), actor="test")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE partnerships SET stage = 'active'"))
    engine.dispose()
    with uow:
        row = uow.partnerships.get(REF)
        for n, day in enumerate((FIRST, SECOND), start=1):
            uow.session.add(
                ScheduleRow(partnership_id=row.id, kind="review", subject=f"Revue {n}", due_on=day)
            )
        uow.commit()
    return uow


@pytest.fixture
def in_review(active: UnitOfWork) -> UnitOfWork:
    assert [r.reference for r in services.review_due(active, FIRST)] == [REF]
    return active


def _findings(uow: UnitOfWork) -> list[str]:
    (view,) = services.status(uow, REF)
    return [f["code"] for f in view.findings if f["stage"] == "in_review"]


def _report_text(uow: UnitOfWork) -> str:
    row = services.document_content(uow, REF, "review_report")
    document = docx.Document(io.BytesIO(row.content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(" | ".join(c.text for c in r.cells) for r in table.rows)
    return "\n".join(parts).replace("\u00a0", " ")  # no-break spaces: typography


def test_the_example_answers_are_recorded_and_the_report_recommends_go(in_review, answers) -> None:
    services.record_review_answers(in_review, REF, answers, actor="test")
    services.advance(in_review, REF, templates=TEMPLATES, today=FIRST)
    assert _findings(in_review) == []
    report = _report_text(in_review)
    assert "Go : poursuivre le partenariat" in report
    assert "Point projet | toutes les deux semaines | 13 | 12" in report
    event = [
        e for e in services.history(in_review, REF) if e["action"] == "review.answers_recorded"
    ]
    assert event[0]["payload"]["review_date"] == "2027-07-15"
    assert "Bonne dynamique" not in json.dumps(event[0]["payload"], ensure_ascii=False)


def test_without_answers_the_review_asks_for_them(in_review) -> None:
    services.advance(in_review, REF, templates=TEMPLATES, today=FIRST)
    assert _findings(in_review) == ["review.health_check_missing"]
    assert "n'a pas été rempli" in _report_text(in_review)


def test_answers_naming_unknown_things_are_invalid_with_their_paths(in_review, answers) -> None:
    answers["partners"]["inconnu"] = copy.deepcopy(answers["partners"]["logistix"])
    answers["milestones"]["m9"] = {"value": 1, "updated_on": "2027-07-01"}
    answers["rituals"]["Apéro"] = {"held": 1}
    answers["partners"]["tremplin"]["red_lines_crossed"] = [5]
    with pytest.raises(InvalidInput) as raised:
        services.record_review_answers(in_review, REF, answers, actor="test")
    paths = [p.path for p in raised.value.problems]
    assert paths == [
        "partners.tremplin.red_lines_crossed[0]",
        "partners.inconnu",
        "milestones.m9",
        "rituals.Apéro",
    ]


def test_answers_are_refused_when_no_review_is_open(active, answers) -> None:
    with pytest.raises(Refused, match="in_review"):
        services.record_review_answers(active, REF, answers, actor="test")


def test_the_second_review_compares_with_the_first(in_review, answers) -> None:
    services.record_review_answers(in_review, REF, answers, actor="test")
    services.advance(in_review, REF, templates=TEMPLATES, today=FIRST)  # the review report
    for member in ("Claire Martin", "Inès Benali", "Marc Lefèvre", "Julie Moreau"):
        services.decide(  # the comité de pilotage decides by consensus: every member votes
            in_review,
            REF,
            Gate.review,
            Decider(member, Role.committee_member),
            Outcome.go,
            "Les jalons sont tenus.",
        )
    assert [r.reference for r in services.review_due(in_review, SECOND)] == [REF]
    # The first review's answers are not this review's: the health check is missing.
    services.advance(in_review, REF, templates=TEMPLATES, today=SECOND)
    assert _findings(in_review) == ["review.health_check_missing"]

    second = _second_review(answers)
    second["partners"]["logistix"]["trust"] = 3
    services.record_review_answers(in_review, REF, second, actor="test")
    services.advance(in_review, REF, templates=TEMPLATES, today=SECOND)
    assert _findings(in_review) == ["review.trust_falling"]
    report = _report_text(in_review)
    assert "Engagement | 4 (revue précédente : 4)\nConfiance | 3 (revue précédente : 4)" in report


def _second_review(answers: dict) -> dict:  # type: ignore[type-arg]
    """The health check of the second review (2028-01-15): the first one's answers, with
    the milestones measured again and the rituals held since."""
    second = copy.deepcopy(answers)
    second["review_date"] = "2028-01-15"
    second["milestones"] = {
        "m1": {"value": 20, "updated_on": "2028-01-05"},
        "m2": {"value": 42, "updated_on": "2028-01-05"},
    }
    second["rituals"] = {
        "Point projet": {"held": 13},
        "Comité de pilotage": {"held": 2},
        "Bilan annuel et mesure de l'impact": {"held": 1},
    }
    return second


def test_the_chunk_writer_reads_each_review_as_advance_does(in_review, answers) -> None:
    """review-due's chunk writer reads the chunk's answers, findings and documents at once:
    the first review without a health check, the second with one, as with advance."""
    written = write_review_reports(in_review, [REF], FIRST, templates=TEMPLATES, transport=None)
    assert [o.status for o in written] == ["written"]
    assert _findings(in_review) == ["review.health_check_missing"]
    for member in ("Claire Martin", "Inès Benali", "Marc Lefèvre", "Julie Moreau"):
        services.decide(
            in_review, REF, Gate.review, Decider(member, Role.committee_member), Outcome.go,
            "Les jalons sont tenus.",
        )  # fmt: skip
    assert [r.reference for r in services.review_due(in_review, SECOND)] == [REF]
    second = _second_review(answers)
    services.record_review_answers(in_review, REF, second, actor="test")
    written = write_review_reports(in_review, [REF], SECOND, templates=TEMPLATES, transport=None)
    assert [(o.status, o.documents) for o in written] == [
        ("written", ["review_report v2 (fr)"])
    ]  # the first review's finding replaced, the version after the first report's
    assert _findings(in_review) == []
    assert "Go : poursuivre le partenariat" in _report_text(in_review)


# --------------------------------------------------------------------------- command line


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "revue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def cli_in_review(cli, in_review):  # type: ignore[no-untyped-def]
    return cli


def test_cli_records_the_example_and_writes_the_report(cli_in_review) -> None:
    result = cli_in_review("review-answers", REF, str(ANSWERS), check=True)
    assert "health check recorded" in result.stdout
    assert "recommendation go" in result.stdout
    assert "review_report v1 (fr)" in result.stdout


def test_cli_lists_every_problem_with_its_path_and_exits_2(
    cli_in_review, tmp_path, answers
) -> None:
    answers["partners"]["tremplin"]["trust"] = 7
    answers["partners"]["logistix"]["benefits"] = {"perceived": "partly"}
    result = cli_in_review("review-answers", REF, str(_write(tmp_path, answers)))
    assert result.returncode == 2
    assert "partners.tremplin.trust" in result.stderr
    assert "partners.logistix.benefits.comment" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_refuses_a_key_written_twice(cli_in_review, tmp_path) -> None:
    path = tmp_path / "revue.yaml"
    path.write_text(
        ANSWERS.read_text(encoding="utf-8") + "review_date: 2027-07-16\n", encoding="utf-8"
    )
    result = cli_in_review("review-answers", REF, str(path))
    assert result.returncode == 2
    assert "written twice" in result.stderr


def test_cli_refuses_answers_outside_a_review_with_exit_1(cli, active) -> None:
    result = cli("review-answers", REF, str(ANSWERS))
    assert result.returncode == 1
    assert "in_review" in result.stderr
    with active:
        assert active.partnerships.get(REF).stage == "active"
