"""The plain reading rules of contracts.wording, on French and English text."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from coopact.contracts import vision_content, wording
from coopact.schemas import Partnership
from tests.conftest import EXAMPLE


def test_words_drop_elided_articles_accents_and_case() -> None:
    assert wording.words("L'Équipe d’insertion") == ["equipe", "insertion"]


def test_shared_words_and_themes_in_both_languages() -> None:
    assert "recrut" in wording.shared("Recruter des livreurs", "Postes qui recrutent")
    assert "theme:employment" in wording.shared("Recruter des livreurs", "50 % d'emploi durable")
    assert "theme:employment" in wording.shared("Hire local people", "jobs for young people")
    assert not wording.shared("Réduire les émissions", "60 personnes en parcours")


@pytest.mark.parametrize(
    ("text", "months"),
    [("sur 3 ans", [36]), ("over 18 months", [18]), ("en 1 an", [12]), ("d'ici 2029", [])],
)
def test_durations(text: str, months: list[int]) -> None:
    assert wording.durations_in_months(text) == months


@pytest.mark.parametrize(
    ("text", "population", "place"),
    [
        ("Demandeurs d'emploi des quartiers prioritaires de l'est parisien", True, True),
        ("Long-term jobseekers in the districts of East London", True, True),
        ("Jeunes de 16 à 25 ans de Seine-Saint-Denis", True, True),
        ("Habitants du 93200", True, True),
        ("everyone", False, False),
        ("Together For A Better World", False, False),
    ],
)
def test_population_and_place(text: str, population: bool, place: bool) -> None:
    assert wording.names_population(text) is population
    assert wording.names_place(text) is place


@pytest.mark.parametrize("text", ["À définir", "TBD", "...", "n/a"])
def test_placeholders(text: str) -> None:
    assert wording.is_placeholder(text)


def _english() -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    data["language"] = "en"
    data["vision"] = {
        "statement": "Together, open qualifying paths into urban logistics jobs every year for "
        "people far from employment, with support until a permanent contract.",
        "shared_objectives": [
            "60 people starting a path over 3 years",
            "50% of exits into lasting employment by 2029",
        ],
        "beneficiaries": "Long-term jobseekers of the priority districts of eastern Paris",
    }
    data["contributions"][0]["description"] = "Funding of the training paths"
    return data


def test_a_precise_english_vision_raises_no_content_finding() -> None:
    assert vision_content.check(Partnership.model_validate(_english())) == []


def test_an_english_objective_after_the_term_is_a_contradiction() -> None:
    data = _english()
    data["vision"]["shared_objectives"] = ["100 people in lasting jobs over 5 years"]
    (finding,) = vision_content.objective_outside_term(Partnership.model_validate(data))
    assert "it aims at 60 months" in finding.text("en")
