"""The clause library: conditions stated in the clause files' front matter, read with no Python
from the officer, checked for what an officer can get wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from coopact.adapters.documents.clause_library import clause_library
from coopact.contracts.clause_facts import FACTS, facts
from coopact.contracts.clauses import (
    REQUIRED_CLAUSES,
    ClauseFileError,
    applies,
    build_library,
    field_exists,
    parse_clause_file,
    read_clause,
    select_clauses,
)
from coopact.contracts.errors import EnvironmentProblem, TemplateProblem
from coopact.entrypoints.boundary import classify
from coopact.schemas import Partnership
from coopact.stages.template_lint import check_templates_folder, ensure_templates

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = yaml.safe_load((ROOT / "coopact/examples/partnership.example.yaml").read_text())
MECENAT = yaml.safe_load((ROOT / "tests/data/mecenat.three.en.yaml").read_text())


def _front(**keys: object) -> str:
    return "---\n" + yaml.safe_dump(keys, allow_unicode=True) + "---\nText.\n"


def test_both_languages_carry_the_same_clauses_under_the_same_conditions() -> None:
    fronts = {}
    for language in ("fr", "en"):
        folder = ROOT / "templates" / "clauses" / language
        fronts[language] = {
            path.stem: parse_clause_file(path.read_text(encoding="utf-8"))[0]
            for path in folder.glob("*.md")
        }
    assert set(fronts["fr"]) == set(fronts["en"])
    assert set(REQUIRED_CLAUSES) <= set(fronts["fr"])
    for clause_id, fr in fronts["fr"].items():
        en = fronts["en"][clause_id]
        assert {k: v for k, v in fr.items() if k != "title"} == {
            k: v for k, v in en.items() if k != "title"
        }, clause_id
        assert fr["title"] and en["title"] and fr["order"]


def test_every_named_fact_is_computed_and_described() -> None:
    assert set(facts(Partnership.model_validate(EXAMPLE))) == set(FACTS)
    assert all(FACTS.values())


def test_facts_follow_the_file() -> None:
    example = facts(Partnership.model_validate(EXAMPLE))
    mecenat = facts(Partnership.model_validate(MECENAT))
    assert example["has_financial_contribution"] and example["has_gates"]
    assert not example["more_than_two_partners"] and mecenat["more_than_two_partners"]
    # Solidarity Kitchens (an association) can issue a tax receipt; a partenariat has no donee.
    assert mecenat["donee_may_be_eligible_238bis"]
    assert not example["donee_may_be_eligible_238bis"]


def test_a_clause_applies_by_kind_and_by_every_fact_it_names() -> None:
    example = Partnership.model_validate(EXAMPLE)
    mecenat = Partnership.model_validate(MECENAT)
    kind, _ = read_clause("x", "fr", _front(title="X", order=1, kind=["mecenat"]))
    assert applies(kind, mecenat) and not applies(kind, example)
    both, _ = read_clause("x", "fr", _front(title="X", order=1, when=["has_gates", "has_risks"]))
    assert applies(both, example)
    assert not applies(both, mecenat)  # gates, but no risk
    negated, _ = read_clause("x", "fr", _front(title="X", order=1, when=["not has_risks"]))
    assert applies(negated, mecenat) and not applies(negated, example)


def test_the_shipped_library_keeps_the_articles_of_the_example() -> None:
    library = clause_library(ROOT / "templates")
    mecenat = Partnership.model_validate(MECENAT)
    chosen = [(s.clause.id, s.number) for s in select_clauses(mecenat, library) if s.included]
    assert chosen[:4] == [
        ("parties", None),
        ("preamble", None),
        ("purpose", 1),
        ("counterparts", 2),
    ]
    assert "invoicing" not in dict(chosen) and "risks" not in dict(chosen)
    numbers = [n for _, n in chosen if n is not None]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize(
    ("front", "problem"),
    [
        ({"title": "X"}, "has no 'order'"),
        ({"order": 3}, "has no 'title'"),
        ({"title": "X", "order": 3, "condition": "mecenat"}, "unknown keys: condition"),
        ({"title": "X", "order": 3, "kind": ["sponsoring"]}, "unknown kind 'sponsoring'"),
        ({"title": "X", "order": 3, "when": ["has_gate"]}, "unknown fact 'has_gate'"),
        ({"title": "X", "order": 3, "when": [{"has": 1}]}, "'when' that is not a list"),
        ({"title": "X", "order": 3, "required": "yes"}, "'required' that is neither"),
        ({"title": "X", "order": 3, "fields": ["partners[].nmae"]}, "field 'partners[].nmae'"),
        (
            {"title": "X", "order": 3, "required": True, "kind": ["mecenat"]},
            "'required: true' and also 'kind' or 'when'",
        ),
    ],
)
def test_a_front_matter_an_officer_got_wrong_is_refused_saying_why(
    front: dict[str, object], problem: str
) -> None:
    with pytest.raises(ClauseFileError, match="cannot be read: its front matter") as refused:
        read_clause("x", "fr", _front(**front))
    assert problem in refused.value.problem


def test_a_file_name_that_is_not_a_clause_id_is_refused() -> None:
    with pytest.raises(ClauseFileError, match="not a clause id"):
        read_clause("Force Majeure", "fr", _front(title="X", order=3))


def test_field_paths_are_checked_against_the_partnership_file() -> None:
    assert field_exists("partners[].signatory")
    assert field_exists("partners[].registration.rcs_city")  # through an optional part
    assert field_exists("governance.steering_committee.members")
    assert field_exists("counterparts")
    assert not field_exists("partners.signatory")  # a list needs its []
    assert not field_exists("title[].x")
    assert not field_exists("sharing.costs.amount")


def _library(**languages: dict[str, dict[str, object]]) -> None:
    files = {
        language: {cid: read_clause(cid, language, _front(**front))[0] for cid, front in f.items()}
        for language, f in languages.items()
    }
    build_library(files, ("fr", "en"))


def _required() -> dict[str, dict[str, object]]:
    return {
        cid: {"title": cid, "order": (i + 1) * 10, "required": True}
        for i, cid in enumerate(REQUIRED_CLAUSES)
    }


def test_a_library_is_refused_for_what_only_shows_across_files() -> None:
    _library(fr=_required(), en=_required())  # complete: accepted
    extra = {"title": "Audit", "order": 5, "when": ["has_risks"]}
    with pytest.raises(ClauseFileError, match="is missing: every clause needs one file") as e:
        _library(fr={**_required(), "audit": extra}, en=_required())
    assert (e.value.clause_id, e.value.language) == ("audit", "en")
    with pytest.raises(ClauseFileError, match=r"other conditions than its fr version \(when") as e:
        _library(
            fr={**_required(), "audit": extra},
            en={**_required(), "audit": {**extra, "when": ["has_gates"]}},
        )
    assert (e.value.clause_id, e.value.language) == ("audit", "en")
    with pytest.raises(ClauseFileError, match=r"same order \(10\) as parties\.md"):
        _library(
            fr={**_required(), "audit": {**extra, "order": 10}},
            en={**_required(), "audit": {**extra, "order": 10}},
        )
    optional = {**_required(), "ethics": {"title": "Éthique", "order": 170}}
    with pytest.raises(ClauseFileError, match="must say 'required: true'"):
        _library(fr=optional, en=optional)
    without = {k: v for k, v in _required().items() if k != "notices"}
    with pytest.raises(ClauseFileError, match="is missing: every agreement holds this clause") as e:
        _library(fr=without, en=without)
    assert (e.value.clause_id, e.value.language) == ("notices", "fr")


@pytest.fixture
def own_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder, ignore=shutil.ignore_patterns("*.py"))
    return folder


def test_an_unknown_fact_is_refused_at_start_with_exit_3_naming_the_file(
    own_templates: Path, tmp_path: Path
) -> None:
    gates = own_templates / "clauses" / "en" / "gates.md"
    gates.write_text(gates.read_text(encoding="utf-8").replace("has_gates", "has_gate"), "utf-8")
    with pytest.raises(TemplateProblem, match=r"clauses/en/gates\.md cannot be read"):
        check_templates_folder(own_templates)
    with pytest.raises(EnvironmentProblem) as refused:
        ensure_templates(own_templates, tmp_path)
    verdict = classify(refused.value)
    assert verdict.code == 3
    assert "COOPACT_TEMPLATES" in verdict.message and "unknown fact 'has_gate'" in verdict.message


def test_a_clause_added_in_both_languages_passes_the_start_check(own_templates: Path) -> None:
    for language, title in (("fr", "Audit"), ("en", "Audit")):
        (own_templates / "clauses" / language / "audit.md").write_text(
            _front(title=title, order=255, when=["has_financial_contribution"])
            + "{{ partners[0].name }} may audit the use of funds.\n",
            encoding="utf-8",
        )
    check_templates_folder(own_templates)
    ids = [c.id for c in clause_library(own_templates)]
    assert ids.index("audit") == ids.index("termination") + 1  # order 250 < 255 < 260


def test_a_clause_printing_an_unknown_field_is_refused_at_start(own_templates: Path) -> None:
    for language in ("fr", "en"):
        (own_templates / "clauses" / language / "audit.md").write_text(
            _front(title="Audit", order=205) + "{{ partners[0].auditor }}\n", encoding="utf-8"
        )
    with pytest.raises(TemplateProblem, match=r"clauses/fr/audit\.md could not be rendered"):
        check_templates_folder(own_templates)
