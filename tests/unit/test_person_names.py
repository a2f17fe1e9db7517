"""A person is the same person however the name is typed: spaces, case and accents aside;
names are stored with their spaces collapsed."""

from __future__ import annotations

from typing import Any

from coopact.contracts.authorisation import authorise
from coopact.contracts.deciders import Decider
from coopact.contracts.formatting import plural
from coopact.contracts.lifecycle import Gate
from coopact.contracts.roles import Role, person_key, same_person
from coopact.schemas import Partnership


def test_spellings_of_one_name_are_one_person() -> None:
    assert same_person("  paul   DURAND ", "Paul Durand")
    assert same_person("Marc Lefevre", "Marc Lefèvre")
    assert same_person("ÉLODIE  Noël", "elodie noel")
    assert not same_person("Paul Durand", "Paula Durand")
    assert person_key("  Inès\tBenali ") == "ines benali"


def test_a_sponsor_typing_her_name_without_accent_or_case_is_authorised(
    example_data: dict[str, Any],
) -> None:
    partnership = Partnership.model_validate(example_data)
    authorise(
        partnership, Gate.vision_approval, Decider("  marc   LEFEVRE ", Role.sponsor, "logistix")
    )


def test_names_are_stored_with_spaces_collapsed(example_data: dict[str, Any]) -> None:
    example_data["partners"][0]["signatory"]["name"] = "  Paul    DURAND "
    partnership = Partnership.model_validate(example_data)
    assert partnership.partners[0].signatory is not None
    assert partnership.partners[0].signatory.name == "Paul DURAND"


def test_counts_agree_with_their_noun() -> None:
    assert plural(1, "warning") == "1 warning"
    assert plural(3, "warning") == "3 warnings"
    assert plural(0, "field") == "0 fields"
    assert plural(1, "time") == "1 time"
    assert plural(2, "blocking", "blocking") == "2 blocking"
