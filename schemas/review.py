"""The health check of a periodic Go/noGo review: what the comité de pilotage answers.

An optional file filled for one review, by the comité de pilotage or the partnership
officer. Keys refer to the partnership file: partners by their ``key``, milestones by
their ``key``, rituals by their ``name``. Those references are resolved against the
partnership by :func:`contracts.review_check.validate_against` (it needs both files); this
module checks the answers on their own::

    review_date: 2027-07-15
    partners:
      tremplin:
        engagement: 4          # 1 (disengaged) .. 5 (fully engaged)
        trust: 4               # 1 (no trust) .. 5 (full trust)
        benefits: {perceived: met}
        red_lines_crossed: []  # the partner's own red lines: their text, or their index
        mission_served: true   # ESS partners only
        comment: "..."
    milestones:
      m1: {value: 17, updated_on: 2027-07-01}
    rituals:
      "Point projet": {held: 12}
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from coopact.schemas.fields import Key, Model, ShortText, Text

Score = Annotated[int, Field(ge=1, le=5)]


class Perceived(StrEnum):
    """Whether the benefits a partner really gets match those it expected."""

    met = "met"
    partly = "partly"
    not_met = "not_met"


class PerceivedBenefits(Model):
    perceived: Perceived
    comment: Text | None = None

    @model_validator(mode="after")
    def _explained_when_not_met(self) -> PerceivedBenefits:
        if self.perceived is not Perceived.met and self.comment is None:
            raise _error(("comment",), "say what is missing when benefits are not fully met", None)
        return self


class PartnerAnswers(Model):
    """One partner's answers to the health check."""

    engagement: Score
    trust: Score
    benefits: PerceivedBenefits
    # The partner's own red lines reported as crossed: the text as written in the
    # partnership file, or its index in the partner's red_lines (0 for the first).
    red_lines_crossed: list[Annotated[int, Field(ge=0)] | Text] = Field(default_factory=list)
    mission_served: bool | None = None  # asked of ESS partners only
    comment: Text | None = None


class MilestoneAnswers(Model):
    """Where a milestone's indicator stands, and when it was last updated."""

    value: Annotated[Decimal, Field(max_digits=16)]
    updated_on: dt.date


class RitualAnswers(Model):
    """How many times a ritual was held since the previous review (or since the start)."""

    held: Annotated[int, Field(ge=0, le=1000)]


class ReviewAnswers(Model):
    review_date: dt.date
    partners: dict[Key, PartnerAnswers] = Field(min_length=1)
    milestones: dict[Key, MilestoneAnswers] = Field(default_factory=dict)
    rituals: dict[ShortText, RitualAnswers] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _updates_before_review(self) -> ReviewAnswers:
        for key, milestone in self.milestones.items():
            if milestone.updated_on > self.review_date:
                raise _error(
                    ("milestones", key, "updated_on"),
                    f"is after the review date ({self.review_date.isoformat()})",
                    milestone.updated_on.isoformat(),
                )
        return self


def _error(loc: tuple[str | int, ...], message: str, value: object) -> ValidationError:
    return ValidationError.from_exception_data(
        "ReviewAnswers",
        [InitErrorDetails(type=PydanticCustomError("value_error", message), loc=loc, input=value)],
    )
