"""The money fields of the partnership file: a cash contribution's dated instalments and
payment term, a partner's bank details (IBAN and BIC checked by python-stdnum).

Kept apart from :mod:`schemas.partnership`, which uses them; pure, no I/O.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as NumberInvalid

PaymentTermDays = Annotated[int, Field(ge=0, le=120)]
PositiveEuros = Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
DEFAULT_PAYMENT_TERM_DAYS = 30


def _iban(value: str) -> str:
    try:
        return str(stdnum_iban.validate(value))
    except NumberInvalid as exc:
        raise ValueError(f"not a valid IBAN ({str(exc).lower().rstrip('.')})") from None


def _bic(value: str) -> str:
    try:
        return str(stdnum_bic.validate(value))
    except NumberInvalid as exc:
        raise ValueError(f"not a valid BIC ({str(exc).lower().rstrip('.')})") from None


class BankDetails(BaseModel):
    """Where a partner receives cash: IBAN (checksum) and BIC (format), stored compact."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    iban: Annotated[str, AfterValidator(_iban)]
    bic: Annotated[str, AfterValidator(_bic)]

    @property
    def iban_printed(self) -> str:
        """The IBAN in groups of four, as printed on a bank statement."""
        return str(stdnum_iban.format(self.iban))


class Instalment(BaseModel):
    """One dated payment of a cash contribution."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    due: dt.date
    amount_eur: PositiveEuros


def instalments_problem(amount: Decimal | None, instalments: list[Instalment] | None) -> str | None:
    """Why ``instalments`` cannot schedule ``amount`` (their sum differs, or there is no
    amount to schedule), or None."""
    if not instalments:
        return None
    total = sum((i.amount_eur for i in instalments), Decimal(0))
    if amount is None:
        return f"the instalments add up to {total} EUR but amount_eur is not stated"
    if total != amount:
        return f"the instalments add up to {total} EUR, not the amount_eur of {amount} EUR"
    return None
