"""The pure rules of valuations and the use of funds: which gift a valuation is for, what an
objective names, the balance, and the review's finding for a closed year without a report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import yaml

from coopact.adapters.loading import load_text
from coopact.contracts import use_of_funds, valuation
from coopact.schemas import Partnership
from coopact.schemas.use_of_funds import UseOfFunds
from tests.money_support import EQUIPMENT_INDEX, SECOND_OBJECTIVE, SKILLS_INDEX, gifts_data


def _partnership() -> Partnership:
    return load_text(yaml.safe_dump(gifts_data(), allow_unicode=True, sort_keys=False))


def test_a_skills_gift_of_a_company_is_receipted_a_foundations_equipment_is_not() -> None:
    partnership = _partnership()
    skills = valuation.valued_flow(partnership, SKILLS_INDEX)
    equipment = valuation.valued_flow(partnership, EQUIPMENT_INDEX)
    assert skills is not None and equipment is not None
    assert (skills.giver, skills.receiver, skills.amount) == ("greenfleet", "kitchens", 15000)
    assert valuation.receipted(partnership, skills)
    assert not valuation.receipted(partnership, equipment)
    # the association's own cooking is its work in the project: no one receives it
    assert valuation.valued_flow(partnership, 2) is None


def test_a_valuation_up_to_the_stated_value_is_accepted_a_cent_more_is_not() -> None:
    partnership = _partnership()
    assert (
        valuation.valuation_problem(
            partnership, "greenfleet", SKILLS_INDEX, Decimal("3000.00"), Decimal("12000.00")
        )
        is None
    )
    problem = valuation.valuation_problem(
        partnership, "greenfleet", SKILLS_INDEX, Decimal("3000.01"), Decimal("12000.00")
    )
    assert problem is not None and "(3000.00 EUR of 15000.00 EUR" in problem
    assert "no contributions[9]" in str(
        valuation.valuation_problem(partnership, "greenfleet", 9, Decimal(1), Decimal(0))
    )


def test_objectives_by_number_or_words_and_the_unspent_balance() -> None:
    partnership = _partnership()
    assert use_of_funds.objective_index(partnership, 1) == 0
    assert use_of_funds.objective_index(partnership, f"  {SECOND_OBJECTIVE.upper()} ") == 1
    assert use_of_funds.objective_index(partnership, 0) is None
    report = UseOfFunds.model_validate(
        {"year": 2027, "spent": [{"objective": 1, "amount_eur": "41000"},
                                 {"objective": 2, "amount_eur": "6500.5"}]}
    )  # fmt: skip
    found = use_of_funds.statement(
        partnership, report, "kitchens", {"greenfleet": Decimal(30000), "roots": Decimal(30000)}
    )
    assert isinstance(found, use_of_funds.Statement)
    assert (found.total_spent, found.unspent) == (Decimal("47500.50"), Decimal("12499.50"))
    too_much = use_of_funds.statement(partnership, report, "kitchens", {"roots": Decimal(100)})
    assert isinstance(too_much, list) and too_much[0].path == "spent"


def test_a_closed_year_paid_and_not_reported_is_a_finding_until_it_is_reported() -> None:
    partnership = _partnership()
    paid = {"greenfleet": Decimal(30000)}
    review = dt.date(2028, 1, 15)
    funded = use_of_funds.funded_years(partnership, paid, review)
    assert funded == {2027}
    [finding] = use_of_funds.missing_reports(partnership, funded, set(), review)
    assert finding.params == {"donee": "Solidarity Kitchens", "year": "2027"}
    reported = use_of_funds.reported_years(["P-2027-002-use-of-funds-2027.docx", "x.docx"])
    assert reported == {2027}
    assert use_of_funds.missing_reports(partnership, funded, reported, review) == []
    # the current year is not closed yet
    assert use_of_funds.missing_reports(partnership, funded, set(), dt.date(2027, 12, 31)) == []
