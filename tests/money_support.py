"""The three-party mécénat with dated instalments (tests of money after signature): the
company pays the association in three instalments, the foundation in one; a treasurer and a
partnership officer may record payments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.contracts.lifecycle import Stage
from coopact.store.uow import UnitOfWork
from coopact.usecases.record_payment import PaymentRecorded, RecordPayment, record_payment

ROOT = Path(__file__).resolve().parents[1]
REF = "P-2027-002"
TREASURER = "Nadia Roussel"
OFFICER = "Sophie Garnier"
IBAN = "FR7630006000011234567890189"
BIC = "AGRIFRPP"
COMPANY_INSTALMENTS = [
    {"due": "2027-04-15", "amount_eur": 30000},
    {"due": "2027-10-15", "amount_eur": 30000},
    {"due": "2028-04-15", "amount_eur": 20000},
]
FOUNDATION_INSTALMENTS = [{"due": "2027-06-30", "amount_eur": 30000}]


def mecenat_data() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "tests/data/mecenat.three.en.yaml").read_text(encoding="utf-8"))
    company, foundation = data["contributions"][0], data["contributions"][1]
    for contribution, steps in (
        (company, COMPANY_INSTALMENTS),
        (foundation, FOUNDATION_INSTALMENTS),
    ):
        contribution.pop("schedule", None)
        contribution["instalments"] = [dict(s) for s in steps]
        contribution["payment_term_days"] = 30
    data["partners"][1]["bank"] = {"iban": IBAN, "bic": BIC}
    data.setdefault("people", []).extend(
        [
            {"name": TREASURER, "email": "n.roussel@kitchens.example", "roles": ["treasurer"],
             "partner": "kitchens"},
            {"name": OFFICER, "email": "s.garnier@kitchens.example",
             "roles": ["partnership_officer"], "partner": "kitchens"},
        ]
    )  # fmt: skip
    return data


def register_signed(
    uow: UnitOfWork, data: dict[str, Any] | None = None, *, sign: bool = True
) -> str:
    """Registered through the real use case, then (set-up shortcut) marked signed."""
    text = yaml.safe_dump(data or mecenat_data(), allow_unicode=True, sort_keys=False)
    result = services.register(uow, load_text(text), actor="officer")
    if sign:
        with uow:
            uow.partnerships.get(result.reference).stage = Stage.signed.value
            uow.commit()
    return result.reference


def pay(
    uow: UnitOfWork,
    partner: str,
    amount: str,
    day: str,
    bank_reference: str,
    *,
    who: str = TREASURER,
    role: str = "treasurer",
    reference: str = REF,
) -> PaymentRecorded:
    command = RecordPayment(
        reference, partner, amount, dt.date.fromisoformat(day), bank_reference, who, role
    )
    return record_payment(
        uow, command, templates=settings().templates,
        now=dt.datetime.fromisoformat(day + "T10:00:00+00:00"),
    )  # fmt: skip


# Skills and in-kind gifts (valuations) and a second shared objective (use of funds).
SKILLS = {
    "partner": "greenfleet", "to": "kitchens", "kind": "skills",
    "description": "Delivery routes planned by two logistics engineers",
    "hours": 200, "hourly_value_eur": 75,
}  # fmt: skip
EQUIPMENT = {
    "partner": "roots", "to": "kitchens", "kind": "in_kind",
    "description": "Two refrigerated cabinets", "value_eur": 5000,
    "valuation": "Purchase price",
}  # fmt: skip
SKILLS_INDEX, EQUIPMENT_INDEX = 3, 4
SECOND_OBJECTIVE = "Ten students trained as kitchen assistants"


def gifts_data() -> dict[str, Any]:
    """The mécénat with the company's skills (contributions[3], 15 000 EUR at cost), the
    foundation's equipment (contributions[4], 5 000 EUR) and two shared objectives."""
    data = mecenat_data()
    data["contributions"] += [dict(SKILLS), dict(EQUIPMENT)]
    data["vision"]["shared_objectives"].append(SECOND_OBJECTIVE)
    return data


def value(
    uow: UnitOfWork,
    partner: str,
    contribution: int,
    amount: str,
    day: str,
    certificate: str,
    *,
    who: str = TREASURER,
    role: str = "treasurer",
) -> Any:
    from coopact.usecases.record_valuation import RecordValuation, record_valuation

    command = RecordValuation(
        REF, partner, contribution, amount, dt.date.fromisoformat(day), certificate, who, role
    )
    return record_valuation(
        uow, command, templates=settings().templates,
        now=dt.datetime.fromisoformat(day + "T10:00:00+00:00"),
    )  # fmt: skip
