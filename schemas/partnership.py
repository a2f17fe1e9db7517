"""The partnership file: what a partnership officer writes to start a partnership.

Every model forbids unknown keys (a typo must not be silently ignored). Dates are dates,
money is Decimal, closed vocabularies are enums. Cross-field rules (references between
partners, dates inside the term) are checked on :class:`Partnership`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from schemas.identifiers import Rna, Siren, Siret

# Characters XML 1.0 cannot hold (control characters but tab and newlines, lone surrogates,
# U+FFFE/U+FFFF): refused at input, so that every accepted text can go verbatim into a .docx.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    found = _XML_ILLEGAL.search(value)
    if found:
        raise ValueError(
            f"contains the control character U+{ord(found.group()):04X}, "
            "which a document cannot hold"
        )
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
    AfterValidator(_xml_safe),
]


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must fit on one line (names, roles, titles go into mail headers)")
    return value


ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_xml_safe),
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


class Language(StrEnum):
    fr = "fr"
    en = "en"


class PartnershipKind(StrEnum):
    mecenat = "mecenat"
    parrainage = "parrainage"
    partenariat = "partenariat"
    cooperation_economique = "cooperation_economique"
    innovation_societale = "innovation_societale"


class Renewal(StrEnum):
    express = "express"
    tacit = "tacit"


class LegalForm(StrEnum):
    association_loi_1901 = "association_loi_1901"
    association_loi_1908 = "association_loi_1908"
    fondation = "fondation"
    fonds_de_dotation = "fonds_de_dotation"
    mutuelle = "mutuelle"
    scop = "scop"
    scic = "scic"
    cooperative = "cooperative"
    sas = "sas"
    sasu = "sasu"
    sa = "sa"
    sarl = "sarl"
    eurl = "eurl"
    sca = "sca"
    snc = "snc"
    entreprise_individuelle = "entreprise_individuelle"
    gip = "gip"
    etablissement_public = "etablissement_public"
    collectivite_territoriale = "collectivite_territoriale"


class ContributionKind(StrEnum):
    cash = "cash"
    in_kind = "in_kind"
    skills = "skills"


class DecisionRule(StrEnum):
    consensus = "consensus"
    majority = "majority"
    unanimity = "unanimity"


class Identifiers(Model):
    siren: Siren | None = None
    siret: Siret | None = None
    rna: Rna | None = None


class Esus(Model):
    """ESUS accreditation (entreprise solidaire d'utilité sociale)."""

    approved_on: dt.date
    expires_on: dt.date

    @model_validator(mode="after")
    def _expires_after_approval(self) -> Esus:
        if self.expires_on <= self.approved_on:
            raise _located("expires_on", "must be after approved_on", self.expires_on)
        return self


class Registration(Model):
    """How a partner is registered, printed in the agreement when stated.

    A company: its RCS (city of the registry; the number is its SIREN) and share capital.
    An association: the préfecture where it was declared and its publication in the
    Journal officiel.
    """

    rcs_city: ShortText | None = None
    share_capital_eur: Euros | None = None
    prefecture: ShortText | None = None
    declared_on: dt.date | None = None
    published_on: dt.date | None = None


class Person(Model):
    name: PersonName
    role: ShortText
    email: EmailStr | None = None


class Signatory(Model):
    name: PersonName
    role: ShortText
    authority: Text | None = None
    email: EmailStr | None = None


class Partner(Model):
    key: Key
    name: ShortText
    legal_form: LegalForm
    ess: bool
    identifiers: Identifiers = Identifiers()
    esus: Esus | None = None
    registration: Registration | None = None
    address: Text
    mission: Text
    stakes: list[Text] = []
    constraints: list[Text] = []
    red_lines: list[Text] = []
    sponsor: Person | None = None
    signatory: Signatory | None = None
    referent: Person | None = None
    # Optional, for the dependency check (Équilibrer): the partner's own annual budget, and
    # how it would cope without its main funder (a dependency-exit plan).
    annual_budget_eur: Euros | None = None
    dependency_exit_plan: Text | None = None


class Vision(Model):
    statement: Text
    shared_objectives: list[Text] = []
    beneficiaries: Text | None = None


class Contribution(Model):
    """What one partner brings. Which value fields apply depends on ``kind``.

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

    @field_validator(
        "amount_eur", "schedule", "value_eur", "valuation", "hours", "hourly_value_eur"
    )
    @classmethod
    def _field_fits_kind(cls, value: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("kind")
        if kind is None:  # kind itself was invalid: its own error says so
            return value
        if info.field_name not in _KIND_FIELDS[kind]:
            raise ValueError(f"not used for a {kind.value} contribution")
        return value

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
    ContributionKind.cash: frozenset({"amount_eur", "schedule"}),
    ContributionKind.in_kind: frozenset({"value_eur", "valuation"}),
    ContributionKind.skills: frozenset({"hours", "hourly_value_eur"}),
}


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
    # Partners whose agreement is required on any decision touching their mission or their
    # red lines, whatever the decision rule (a mission veto). None: not stated.
    mission_veto: list[Key] | None = None


class Ritual(Model):
    name: ShortText
    every_weeks: Annotated[int, Field(ge=1, le=52)] | None = None
    every_months: Annotated[int, Field(ge=1, le=24)] | None = None
    participants: list[Key] = Field(alias="with", min_length=1)
    shares: list[ShortText] = []

    @model_validator(mode="after")
    def _one_cadence(self) -> Ritual:
        if (self.every_weeks is None) == (self.every_months is None):
            raise _located("every_weeks", "state exactly one of every_weeks or every_months", None)
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


class OfficeRole(StrEnum):
    """Roles held inside the organisations running the partnership, beyond the partners'."""

    partnership_officer = "partnership_officer"
    legal_officer = "legal_officer"


class PersonRole(Model):
    """A person who acts on the partnership by office (a legal officer approves the agreement)."""

    name: PersonName
    email: EmailStr | None = None
    roles: list[OfficeRole] = Field(min_length=1)
    partner: Key | None = None


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

    @property
    def end_date(self) -> dt.date:
        return term_end(self.start_date, self.duration_months)

    def partner(self, key: str) -> Partner:
        return next(p for p in self.partners if p.key == key)

    @model_validator(mode="after")
    def _cross_field_rules(self) -> Partnership:
        errors: list[InitErrorDetails] = []

        def error(loc: tuple[str | int, ...], message: str, value: Any) -> None:
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError("cross_field", message),
                    loc=loc,
                    input=value,
                )
            )

        keys = [p.key for p in self.partners]
        seen: set[str] = set()
        for i, key in enumerate(keys):
            if key in seen:
                error(("partners", i, "key"), f"duplicate partner key '{key}'", key)
            seen.add(key)
        known = set(keys)

        def resolve(loc: tuple[str | int, ...], key: str) -> None:
            if key not in known:
                error(loc, f"unknown partner '{key}' (partners are: {', '.join(keys)})", key)

        for i, c in enumerate(self.contributions):
            resolve(("contributions", i, "partner"), c.partner)
        for i, r in enumerate(self.risks):
            resolve(("risks", i, "owner"), r.owner)
        for i, b in enumerate(self.benefits):
            resolve(("benefits", i, "partner"), b.partner)
        for i, member in enumerate(self.governance.steering_committee.members):
            resolve(("governance", "steering_committee", "members", i, "partner"), member.partner)
        for i, key in enumerate(self.governance.steering_committee.mission_veto or []):
            resolve(("governance", "steering_committee", "mission_veto", i), key)
        for i, ritual in enumerate(self.governance.rituals):
            for j, key in enumerate(ritual.participants):
                resolve(("governance", "rituals", i, "with", j), key)

        for i, person in enumerate(self.people):
            if person.partner is not None:
                resolve(("people", i, "partner"), person.partner)

        milestone_keys: set[str] = set()
        end = self.end_date
        for i, m in enumerate(self.milestones):
            resolve(("milestones", i, "owner"), m.owner)
            if m.key in milestone_keys:
                error(("milestones", i, "key"), f"duplicate milestone key '{m.key}'", m.key)
            milestone_keys.add(m.key)
            if not self.start_date <= m.due <= end:
                error(
                    ("milestones", i, "due"),
                    f"must be inside the term ({self.start_date.isoformat()} to {end.isoformat()})",
                    m.due.isoformat(),
                )
        if errors:
            raise ValidationError.from_exception_data("Partnership", errors)
        return self


class PartnerKey(BaseModel):
    """A partner of a stored file, by its key only (:class:`GateParties`)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    key: Key


class CommitteeOnly(BaseModel):
    """The governance of a stored file, its comité de pilotage only (:class:`GateParties`)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    steering_committee: SteeringCommittee


class GateParties(BaseModel):
    """Who decides at the gates of a stored partnership file: its partners (by key) and its
    comité de pilotage, read without validating the rest of the file (what is awaited, for
    `status` over thousands of partnerships)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    partners: list[PartnerKey]
    governance: CommitteeOnly


class Term(BaseModel):
    """The term of a stored partnership file, read without validating the rest of it
    (`status` over thousands of partnerships): what its end and its notice deadline need."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    start_date: dt.date
    duration_months: int
    notice_months: int
    renewal: Renewal

    @property
    def end_date(self) -> dt.date:
        return term_end(self.start_date, self.duration_months)


def term_end(start_date: dt.date, duration_months: int) -> dt.date:
    """Last day of the term: the day before the same date ``duration_months`` later."""
    return add_months(start_date, duration_months) - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _located(field: str, message: str, value: Any) -> ValidationError:
    return ValidationError.from_exception_data(
        "field",
        [
            InitErrorDetails(
                type=PydanticCustomError("value_error", message), loc=(field,), input=value
            )
        ],
    )
