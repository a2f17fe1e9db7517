"""The donee's use-of-funds statement for one year (`coopact use-of-funds REF FILE.yaml`):
what was spent on each shared objective of the vision. Pure, no I/O.

::

    year: 2027
    donee: kitchens            # optional: the partner that received the cash
    spent:
      - {objective: 1, amount_eur: 42000, note: "Meals served on the two campuses"}
      - {objective: "Train ten young cooks", amount_eur: 8000}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

SpentEuros = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class SpentLine(BaseModel):
    """What was spent on one shared objective: its number (1 for the first of
    ``vision.shared_objectives``) or its words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    objective: int | str
    amount_eur: SpentEuros
    note: str = ""


class UseOfFunds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    year: Annotated[int, Field(ge=2000, le=2100)]
    donee: str | None = None
    spent: Annotated[list[SpentLine], Field(min_length=1)]
