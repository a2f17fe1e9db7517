"""What each partner brings (:class:`Contribution`): cash, in kind or skills, each kind
with its own fields.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from coopact.schemas.fields import Euros, Key, Model, Text, located
from coopact.schemas.payments import Instalment, PaymentTermDays, instalments_problem
from coopact.schemas.vocabulary import ContributionKind


class Contribution(Model):
    """What one partner brings, and to whom (``to``). Which value fields apply depends on
    ``kind``.

    A value may be left out: the balance stage then reports it as not valued.
    """

    partner: Key
    kind: ContributionKind
    description: Text
    amount_eur: Euros | None = None
    schedule: Text | None = None
    value_eur: Euros | None = None
    valuation: Text | None = None
    hours: Annotated[Decimal, Field(gt=0, max_digits=10, decimal_places=2)] | None = None
    hourly_value_eur: Euros | None = None
    # Who receives it (issue 21): a partner key; by default the only partner that can
    # receive it (see :func:`receiver_of`).
    to: Key | None = None
    # A cash contribution's dated instalments and payment term (schemas.payments).
    instalments: list[Instalment] | None = None
    payment_term_days: PaymentTermDays | None = None

    @field_validator(
        "amount_eur", "schedule", "value_eur", "valuation", "hours", "hourly_value_eur",
        "instalments", "payment_term_days",
    )  # fmt: skip
    @classmethod
    def _field_fits_kind(cls, value: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("kind")
        if kind is None:  # kind itself was invalid: its own error says so
            return value
        if info.field_name not in _KIND_FIELDS[kind]:
            raise ValueError(f"not used for a {kind.value} contribution")
        return value

    @model_validator(mode="after")
    def _instalments_add_up(self) -> Contribution:
        problem = instalments_problem(self.amount_eur, self.instalments)
        if problem is not None:
            raise located("instalments", problem, None)
        return self

    @property
    def valued_eur(self) -> Decimal | None:
        """The contribution valued in EUR, or None when no value is stated."""
        if self.kind is ContributionKind.cash:
            return self.amount_eur
        if self.kind is ContributionKind.in_kind:
            return self.value_eur
        if self.hours is None or self.hourly_value_eur is None:
            return None
        return self.hours * self.hourly_value_eur


_KIND_FIELDS: dict[ContributionKind, frozenset[str]] = {
    ContributionKind.cash: frozenset(
        {"amount_eur", "schedule", "instalments", "payment_term_days"}
    ),
    ContributionKind.in_kind: frozenset({"value_eur", "valuation"}),
    ContributionKind.skills: frozenset({"hours", "hourly_value_eur"}),
}
