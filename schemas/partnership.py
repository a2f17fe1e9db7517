"""The partnership file: what a partnership officer writes to start a partnership.

Every model forbids unknown keys (a typo must not be silently ignored). Dates are dates,
money is Decimal, closed vocabularies are enums. Cross-field rules (references between
partners, dates inside the term) are checked on :class:`Partnership`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    EmailStr,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from coopact.schemas.contributions import Contribution
from coopact.schemas.fields import (
    Euros,
    Key,
    Model,
    PersonName,
    Reference,
    ShortText,
    Text,
    located,
)
from coopact.schemas.gifts import receiver_problems
from coopact.schemas.parties import Partner
from coopact.schemas.term import term_end
from coopact.schemas.vocabulary import (
    DecisionRule,
    Language,
    OfficeRole,
    PartnershipKind,
    Renewal,
    TaxRegime,
)


class Vision(Model):
    statement: Text
    shared_objectives: list[Text] = []
    beneficiaries: Text | None = None


class Risk(Model):
    description: Text
    owner: Key
    mitigation: Text | None = None
    exposure_eur: Euros | None = None


class Benefit(Model):
    partner: Key
    description: Text
    value_eur: Euros | None = None
    indicator: ShortText | None = None


class Sharing(Model):
    costs: Text
    intellectual_property: Text
    communication: Text
    personal_data: Text
    confidentiality: Text | None = None
    # One period, stated once in the agreement: during the term and this many years after.
    confidentiality_years: Annotated[int, Field(ge=0, le=30)] = 3


class CommitteeMember(Model):
    partner: Key
    name: PersonName
    votes: Annotated[int, Field(ge=0, le=1000)] = 1
    role: ShortText | None = None


class SteeringCommittee(Model):
    members: list[CommitteeMember] = []
    meets_every_months: Annotated[int, Field(ge=1, le=24)]
    decision_rule: DecisionRule
    deadlock: Text | None = None
    quorum: Annotated[int, Field(ge=1)] | None = None
    # Who chairs the committee and keeps its minutes (members' names); by default the first
    # member chairs and the partnership officer keeps the minutes.
    chair: PersonName | None = None
    secretary: PersonName | None = None
    # Partners whose agreement is required on any decision touching their mission or their
    # red lines, whatever the decision rule (a mission veto). None: not stated.
    mission_veto: list[Key] | None = None
    # The written safeguard the other partners accepted when one partner can decide alone
    # (under the decision rule, or by the deadlock procedure). None: none written.
    sole_decision_safeguard: Text | None = None


class Ritual(Model):
    name: ShortText
    every_weeks: Annotated[int, Field(ge=1, le=52)] | None = None
    every_months: Annotated[int, Field(ge=1, le=24)] | None = None
    participants: list[Key] = Field(alias="with", min_length=1)
    shares: list[ShortText] = []

    @model_validator(mode="after")
    def _one_cadence(self) -> Ritual:
        if (self.every_weeks is None) == (self.every_months is None):
            raise located("every_weeks", "state exactly one of every_weeks or every_months", None)
        return self


class Governance(Model):
    steering_committee: SteeringCommittee
    rituals: list[Ritual] = []


class Indicator(Model):
    name: ShortText
    unit: ShortText
    baseline: Decimal
    target: Decimal


class Milestone(Model):
    key: Key
    title: ShortText
    due: dt.date
    owner: Key
    indicator: Indicator | None = None
    gate: bool = False
    justification: Text | None = None


class Counterpart(Model):
    """What a mécène receives in return (name on a report, invitation...), valued in EUR.

    For a mécénat the administration fiscale admits counterparts only in marked
    disproportion with the donation (rule of thumb: at most 25 % of it).
    """

    description: Text
    value_eur: Euros | None = None


class Reviews(Model):
    every_months: Annotated[int, Field(ge=1, le=24)]


class PersonRole(Model):
    """A person who acts on the partnership by office (a legal officer approves the agreement)."""

    name: PersonName
    email: EmailStr | None = None
    phone: ShortText | None = None  # given in the mails sent in the officer's name
    roles: list[OfficeRole] = Field(min_length=1)
    partner: Key | None = None


class Rights(Model):
    """Who holds the rights of the partnership, what tells a partnership from a service
    bought from the ESS partner (the method's wrong choice of partner, mission drift).

    Each field names partners by key; a field left out is not stated (the qualification then
    reads the words of the file). ``characterised_as_service_by``: the legal officer who
    characterises the relation as a service contract (the act is then not a partnership).
    """

    scope_and_price_set_by: list[Key] | None = None
    beneficiaries_selected_by: list[Key] | None = None
    outputs_owned_by: list[Key] | None = None  # protocols, materials, data produced
    beneficiaries_are_customers_of: Key | None = None
    characterised_as_service_by: PersonName | None = None

    @field_validator(
        "scope_and_price_set_by", "beneficiaries_selected_by", "outputs_owned_by", mode="before"
    )
    @classmethod
    def _one_key_is_a_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def partner_keys(self) -> list[tuple[str, list[str]]]:
        """(field, partner keys) of every field that names partners, for the file's checks."""
        return [
            ("scope_and_price_set_by", self.scope_and_price_set_by or []),
            ("beneficiaries_selected_by", self.beneficiaries_selected_by or []),
            ("outputs_owned_by", self.outputs_owned_by or []),
            (
                "beneficiaries_are_customers_of",
                [self.beneficiaries_are_customers_of]
                if self.beneficiaries_are_customers_of
                else [],
            ),
        ]


# A document's title is "<kind of document> – <partnership title>", and a Word document's
# title property holds at most 255 characters: 200 leave room for the longest kind.
TITLE_MAX = 200


def _title_length(value: str) -> str:
    if len(value) > TITLE_MAX:
        raise ValueError(
            f"has {len(value)} characters: at most {TITLE_MAX} (it heads every document, "
            "whose Word title holds 255 with the kind of document)"
        )
    return value


Title = Annotated[ShortText, AfterValidator(_title_length)]


class Partnership(Model):
    reference: Reference | None = None
    title: Title
    language: Language = Language.fr
    kind: PartnershipKind
    start_date: dt.date
    duration_months: Annotated[int, Field(ge=1, le=240)]
    renewal: Renewal
    notice_months: Annotated[int, Field(ge=0, le=24)]
    # Notice to end the agreement early by mutual agreement (distinct from the renewal notice).
    termination_notice_months: Annotated[int, Field(ge=0, le=24)] = 1
    # Notice of the end decided by a no go of the comité de pilotage, counted from the
    # decision (its own, stated in the termination article; never the renewal notice).
    no_go_notice_months: Annotated[int, Field(ge=0, le=24)] = 1
    # The court named in the agreement; by default the tribunal judiciaire of the seat of the
    # (first) ESS partner.
    court: ShortText | None = None
    partners: list[Partner] = Field(min_length=2, max_length=50)
    vision: Vision
    contributions: list[Contribution] = []
    risks: list[Risk] = []
    benefits: list[Benefit] = []
    sharing: Sharing
    governance: Governance
    milestones: list[Milestone] = []
    reviews: Reviews
    people: list[PersonRole] = []
    # None = not stated, [] = stated: no counterpart (a mécénat must state them).
    counterparts: list[Counterpart] | None = None
    # --- Tax treatment (issue 21) ---
    # How the money of a partenariat is taxed: the "Régime fiscal" article. None: not chosen
    # (blocking at the legal approval when a company pays money in a partenariat).
    tax_regime: TaxRegime | None = None
    # Who holds the rights of the partnership (partnership or service?); None: not stated.
    rights: Rights | None = None

    @property
    def end_date(self) -> dt.date:
        return term_end(self.start_date, self.duration_months)

    def partner(self, key: str) -> Partner:
        return next(p for p in self.partners if p.key == key)

    @model_validator(mode="after")
    def _cross_field_rules(self) -> Partnership:
        found = _CrossFieldErrors([p.key for p in self.partners])
        _partner_references(self, found)
        _milestone_rules(self, found)
        _rights_references(self, found)
        if found.errors:
            raise ValidationError.from_exception_data("Partnership", found.errors)
        return self


class _CrossFieldErrors:
    """The cross-field errors of a partnership file, in the order found."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys  # the partners' keys, in the file's order
        self.known = set(keys)
        self.errors: list[InitErrorDetails] = []

    def error(self, loc: tuple[str | int, ...], message: str, value: Any) -> None:
        """One error, at ``loc``."""
        self.errors.append(
            InitErrorDetails(
                type=PydanticCustomError("cross_field", message),
                loc=loc,
                input=value,
            )
        )

    def resolve(self, loc: tuple[str | int, ...], key: str) -> None:
        """An error when ``key`` names no partner (the message lists the partners)."""
        if key not in self.known:
            names = ", ".join(self.keys)
            self.error(loc, f"unknown partner '{key}' (partners are: {names})", key)


def _partner_references(p: Partnership, found: _CrossFieldErrors) -> None:
    """Partner keys given once; every partner named (contributions, risks, benefits, the
    comité de pilotage, rituals, people) known; the contributions' receivers right."""
    seen: set[str] = set()
    for i, key in enumerate(found.keys):
        if key in seen:
            found.error(("partners", i, "key"), f"duplicate partner key '{key}'", key)
        seen.add(key)
    resolve = found.resolve
    for i, c in enumerate(p.contributions):
        resolve(("contributions", i, "partner"), c.partner)
    if not found.errors:
        for i, problem in receiver_problems(p):
            found.error(("contributions", i, "to"), problem, p.contributions[i].to)
    for i, r in enumerate(p.risks):
        resolve(("risks", i, "owner"), r.owner)
    for i, b in enumerate(p.benefits):
        resolve(("benefits", i, "partner"), b.partner)
    for i, member in enumerate(p.governance.steering_committee.members):
        resolve(("governance", "steering_committee", "members", i, "partner"), member.partner)
    for i, key in enumerate(p.governance.steering_committee.mission_veto or []):
        resolve(("governance", "steering_committee", "mission_veto", i), key)
    for i, ritual in enumerate(p.governance.rituals):
        for j, key in enumerate(ritual.participants):
            resolve(("governance", "rituals", i, "with", j), key)
    for i, person in enumerate(p.people):
        if person.partner is not None:
            resolve(("people", i, "partner"), person.partner)


def _milestone_rules(p: Partnership, found: _CrossFieldErrors) -> None:
    """Each milestone owned by a known partner, its key given once, due inside the term."""
    milestone_keys: set[str] = set()
    end = p.end_date
    for i, m in enumerate(p.milestones):
        found.resolve(("milestones", i, "owner"), m.owner)
        if m.key in milestone_keys:
            found.error(("milestones", i, "key"), f"duplicate milestone key '{m.key}'", m.key)
        milestone_keys.add(m.key)
        if not p.start_date <= m.due <= end:
            found.error(
                ("milestones", i, "due"),
                f"must be inside the term ({p.start_date.isoformat()} to {end.isoformat()})",
                m.due.isoformat(),
            )


def _rights_references(p: Partnership, found: _CrossFieldErrors) -> None:
    """Every partner the rights name known."""
    if p.rights is not None:
        for field, keys in p.rights.partner_keys():
            for j, key in enumerate(keys):
                found.resolve(
                    ("rights", field, j) if field.endswith("_by") else ("rights", field), key
                )
