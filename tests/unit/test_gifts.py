"""Who gives what to whom (contracts.gifts): donors and donees follow the file's directions,
never the ESS flag; a partner never gives to itself; only a company is promised a receipt."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from coopact.contracts.gifts import can_issue_receipt, donees, donors, gift_flows, receipt_flows
from coopact.contracts.mecenat import tax_receipt_not_eligible
from coopact.schemas import ContributionKind, LegalForm, Partnership

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = yaml.safe_load((ROOT / "coopact/examples/partnership.example.yaml").read_text())
MECENAT = yaml.safe_load((ROOT / "tests/data/mecenat.three.en.yaml").read_text())


def _load(data: dict[str, Any]) -> Partnership:
    return Partnership.model_validate(data)


def _keys(partners: list[Any]) -> list[str]:
    return [p.key for p in partners]


def test_a_company_and_a_foundation_paying_an_association_are_both_donors() -> None:
    p = _load(MECENAT)
    assert _keys(donors(p)) == ["greenfleet", "roots"]
    assert _keys(donees(p)) == ["kitchens"]
    flows = gift_flows(p)
    assert [(f.giver, f.receiver, f.kind, f.amount) for f in flows] == [
        ("greenfleet", "kitchens", ContributionKind.cash, Decimal(80000)),
        ("roots", "kitchens", ContributionKind.cash, Decimal(30000)),
    ]
    # Only the company can claim the 238 bis reduction: the foundation is never receipted.
    assert [(f.giver, f.reduction_238bis) for f in flows] == [
        ("greenfleet", True),
        ("roots", False),
    ]
    assert [f.giver for f in receipt_flows(p)] == ["greenfleet"]


def test_the_associations_own_work_is_no_gift() -> None:
    p = _load(MECENAT)
    assert 2 not in [f.contribution for f in gift_flows(p)]  # kitchens' cooking


def test_the_partenariat_company_gives_to_the_association_without_a_receipt() -> None:
    p = _load(EXAMPLE)
    assert _keys(donors(p)) == ["logistix"]
    assert _keys(donees(p)) == ["tremplin"]
    assert receipt_flows(p) == []  # a partenariat promises no receipt


def test_two_ess_parties_never_give_to_themselves() -> None:
    data = copy.deepcopy(EXAMPLE)
    data["partners"][1].update(legal_form="association_loi_1901", ess=True)
    data["partners"][1]["identifiers"] = {"rna": "W751234568"}
    data["partners"][1].pop("registration", None)
    p = _load(data)
    assert all(f.giver != f.receiver for f in gift_flows(p))
    assert _keys(donors(p)) == ["logistix"]
    assert _keys(donees(p)) == ["tremplin"]
    assert not any(f.reduction_238bis for f in gift_flows(p))  # no company, no receipt


def test_a_local_authority_in_kind_is_no_donor() -> None:
    data = copy.deepcopy(EXAMPLE)
    data["partners"][1].update(legal_form="collectivite_territoriale", ess=False)
    data["contributions"] = [
        {"partner": "logistix", "kind": "in_kind", "description": "Locaux", "value_eur": 5000}
    ]
    p = _load(data)
    assert donors(p) == []
    assert receipt_flows(p) == []


def test_an_ambiguous_receiver_is_refused_naming_the_field() -> None:
    data = copy.deepcopy(MECENAT)
    del data["contributions"][0]["to"]
    with pytest.raises(ValidationError) as refused:
        _load(data)
    error = refused.value.errors()[0]
    assert error["loc"] == ("contributions", 0, "to")
    assert "kitchens, roots" in error["msg"]


@pytest.mark.parametrize(
    ("to", "words"), [("greenfleet", "never gives to itself"), ("nobody", "unknown partner")]
)
def test_a_receiver_that_cannot_be_is_refused(to: str, words: str) -> None:
    data = copy.deepcopy(MECENAT)
    data["contributions"][0]["to"] = to
    with pytest.raises(ValidationError) as refused:
        _load(data)
    assert refused.value.errors()[0]["loc"] == ("contributions", 0, "to")
    assert words in refused.value.errors()[0]["msg"]


def test_a_service_back_to_the_company_funder_is_a_return_not_a_gift() -> None:
    data = copy.deepcopy(EXAMPLE)
    data["contributions"][3]["to"] = "logistix"  # tremplin trains logistix's tutors
    p = _load(data)
    flow = next(f for f in gift_flows(p) if f.contribution == 3)
    assert (flow.giver, flow.receiver, flow.reduction_238bis) == ("tremplin", "logistix", False)
    assert flow.returned
    assert _keys(donors(p)) == ["logistix"]
    assert _keys(donees(p)) == ["tremplin"]


def test_a_mecenat_without_any_gift_is_blocked() -> None:
    from coopact.contracts.tax import mecenat_without_gift

    data = copy.deepcopy(MECENAT)
    data["contributions"] = [c for c in data["contributions"] if c["kind"] != "cash"]
    findings = mecenat_without_gift(_load(data))
    assert [(f.code, f.path, f.severity.value) for f in findings] == [
        ("agreement.mecenat_without_gift", "kind", "blocking")
    ]
    assert mecenat_without_gift(_load(MECENAT)) == []


# The legal forms that can, as a rule, receive a gift under article 238 bis CGI and issue
# its receipt; the others (companies, mutuelles) cannot, as a rule.
RECEIPT_FORMS = {
    "association_loi_1901", "association_loi_1908", "fondation", "fonds_de_dotation", "gip",
    "etablissement_public", "collectivite_territoriale",
}  # fmt: skip


@pytest.mark.parametrize("form", [f.value for f in LegalForm])
def test_a_mecenat_donee_that_cannot_issue_a_receipt_is_warned(form: str) -> None:
    data = copy.deepcopy(MECENAT)
    for partner in data["partners"]:
        if partner["key"] == "kitchens":
            partner["legal_form"] = form
    for contribution in data["contributions"]:
        if contribution["partner"] != "kitchens":
            contribution["to"] = "kitchens"
    p = _load(data)
    assert can_issue_receipt(p.partner("kitchens")) == (form in RECEIPT_FORMS)
    warned = [(f.code, f.params["donee"], f.severity.value) for f in tax_receipt_not_eligible(p)]
    expected = ("agreement.tax_receipt_not_eligible", "Solidarity Kitchens", "warning")
    assert warned == ([] if form in RECEIPT_FORMS else [expected])
