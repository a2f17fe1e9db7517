"""Steps of features/due_diligence.feature: who the partners are and whether they can commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pydantic
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.schemas import Partnership
from coopact.stages import vision
from tests.bdd.partnership_steps import *  # noqa: F403 (shared steps are fixtures)
from tests.bdd.partnership_steps import partner_entry, run_stage

scenarios("due_diligence.feature")


@given(parsers.parse('"{partner}" has the SIRET "{siret}"'))
def has_siret(data: dict[str, Any], partner: str, siret: str) -> None:
    partner_entry(data, partner).setdefault("identifiers", {})["siret"] = siret


@given(parsers.parse('"{partner}" has the SIREN "{siren}"'))
def has_siren(data: dict[str, Any], partner: str, siren: str) -> None:
    partner_entry(data, partner).setdefault("identifiers", {})["siren"] = siren


@given(parsers.parse('"{partner}" states no RNA number'))
def no_rna(data: dict[str, Any], partner: str) -> None:
    del partner_entry(data, partner)["identifiers"]["rna"]


@given(parsers.parse('"{partner}" states no SIRET'))
def no_siret(data: dict[str, Any], partner: str) -> None:
    del partner_entry(data, partner)["identifiers"]["siret"]


@given(
    parsers.parse('the ESUS accreditation of "{partner}" runs from {approved:ti} to {expires:ti}')
)
def esus_runs(
    data: dict[str, Any], partner: str, approved: dt.datetime, expires: dt.datetime
) -> None:
    partner_entry(data, partner)["esus"] = {
        "approved_on": approved.date(),
        "expires_on": expires.date(),
    }


@given(parsers.parse('the signatory of "{partner}" states no authority'))
def no_authority(data: dict[str, Any], partner: str) -> None:
    del partner_entry(data, partner)["signatory"]["authority"]


@given(parsers.parse('"{partner}" names no signatory'))
def no_signatory(data: dict[str, Any], partner: str) -> None:
    del partner_entry(data, partner)["signatory"]


@given(parsers.parse('"{partner}" declares itself part of the ESS'))
def declares_ess(data: dict[str, Any], partner: str) -> None:
    partner_entry(data, partner)["ess"] = True


@given(parsers.parse('"{partner}" declares itself outside the ESS'))
def declares_not_ess(data: dict[str, Any], partner: str) -> None:
    partner_entry(data, partner)["ess"] = False


@given(parsers.parse('"{partner}" brings "{description}" as skills'))
def brings_skills(data: dict[str, Any], partner: str, description: str) -> None:
    key = partner_entry(data, partner)["key"]
    data["contributions"].append(
        {
            "partner": key,
            "kind": "skills",
            "description": description,
            "hours": 100,
            "hourly_value_eur": 40,
        }
    )


@when("the vision stage work runs")
def vision_runs(data: dict[str, Any], outcome: dict[str, Any]) -> None:
    run_stage(data, outcome, vision.run)


@when("the partnership file is validated")
def validate_file(data: dict[str, Any], outcome: dict[str, Any]) -> None:
    try:
        Partnership.model_validate(data)
    except pydantic.ValidationError as exc:
        outcome["errors"] = exc.errors()
    else:
        outcome["errors"] = []


def _path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


@then(parsers.parse('the file is refused at "{path}" with "{text}"'))
def refused_at(outcome: dict[str, Any], path: str, text: str) -> None:
    located = {_path(e["loc"]): e["msg"] for e in outcome["errors"]}
    assert path in located, located
    assert text in located[path]


@then(parsers.parse('the finding names the shared words "{words}"'))
def names_words(outcome: dict[str, Any], words: str) -> None:
    assert outcome["finding"].params["words"] == words
