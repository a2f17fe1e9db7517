"""The field types every model of the partnership file uses: texts a document can hold
(no control character), short one-line texts, names, keys, references, amounts in euros,
and :class:`Model`, which forbids unknown keys.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from coopact.schemas.xml_text import xml_safe

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
    AfterValidator(xml_safe),
]


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must fit on one line (names, roles, titles go into mail headers)")
    return value


ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(xml_safe),
    AfterValidator(_one_line),
]


# A person's name, spaces collapsed ("  Paul   DURAND " is stored "Paul DURAND"); matched
# against other spellings with contracts.roles.person_key (case and accents aside).
def _collapse_spaces(value: str) -> str:
    return " ".join(value.split())


PersonName = Annotated[ShortText, AfterValidator(_collapse_spaces)]


Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,31}$")]


Reference = Annotated[str, StringConstraints(pattern=r"^P-\d{4}-\d{3,6}$")]


Euros = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class Model(BaseModel):
    """Base of every schema: unknown keys refused, values frozen once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def located(field: str, message: str, value: Any) -> ValidationError:
    return ValidationError.from_exception_data(
        "field",
        [
            InitErrorDetails(
                type=PydanticCustomError("value_error", message), loc=(field,), input=value
            )
        ],
    )
