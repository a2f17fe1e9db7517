"""Steps of features/registration.feature: everything told at registration."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from coopact.contracts.finding_texts import Severity
from coopact.contracts.findings import Finding
from coopact.schemas import Partnership
from coopact.stages.registration import registration_findings

scenarios("registration.feature")


@given(
    parsers.parse(
        '"{name}" of "{partner}" is listed in people as legal officer with e-mail "{email}"'
    )
)
def legal_officer(partnership_data: dict[str, Any], name: str, partner: str, email: str) -> None:
    partnership_data.setdefault("people", []).append(
        {"name": name, "partner": partner, "roles": ["legal_officer"], "email": email}
    )


@given(parsers.parse('the signatory of "{partner}" has the e-mail "{email}"'))
def signatory_email(partnership_data: dict[str, Any], partner: str, email: str) -> None:
    found = next(p for p in partnership_data["partners"] if p["key"] == partner)
    found["signatory"]["email"] = email


@given("the partnership is a mécénat with no counterparts stated")
def mecenat_without(partnership_data: dict[str, Any]) -> None:
    partnership_data["kind"] = "mecenat"
    partnership_data.pop("counterparts", None)


@given(parsers.parse("the partnership is a mécénat with counterparts worth {value:d} EUR"))
def mecenat_with(partnership_data: dict[str, Any], value: int) -> None:
    # Logistix gives 120 000 EUR in cash and 18 000 EUR of tutoring: 138 000 EUR donated.
    partnership_data["kind"] = "mecenat"
    partnership_data["counterparts"] = [{"description": "Visibilité", "value_eur": value}]


@given(parsers.parse('the first milestone is titled "{title}"'))
def vague_title(partnership_data: dict[str, Any], title: str) -> None:
    partnership_data["milestones"][0]["title"] = title


@when("the file is registered", target_fixture="findings")
def registered(partnership_data: dict[str, Any]) -> list[Finding]:
    return registration_findings(Partnership.model_validate(partnership_data))


@then(
    parsers.re(
        r'a warning "(?P<code>[^"]+)" is reported at "(?P<path>[^"]+)"'
        r'( blocking at "(?P<stage>[^"]+)")?'
    ),
    target_fixture="finding",
)
def warning_at(findings: list[Finding], code: str, path: str, stage: str | None) -> Finding:
    found = [f for f in findings if f.code == code and f.path == path]
    assert found, [(f.code, f.path) for f in findings]
    assert found[0].severity is Severity.warning
    if stage:
        assert found[0].params.get("blocks_at") == stage
    return found[0]


@then(parsers.parse('its English text says "{words}"'))
def text_says(finding: Finding, words: str) -> None:
    assert words in finding.text("en"), finding.text("en")


@then(parsers.parse('no warning "{code}" is reported'))
def no_warning(findings: list[Finding], code: str) -> None:
    assert code not in {f.code for f in findings}


@then("no finding is blocking")
def none_blocking(findings: list[Finding]) -> None:
    assert all(f.severity is not Severity.blocking for f in findings)
