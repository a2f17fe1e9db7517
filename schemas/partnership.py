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

from coopact.schemas.identifiers import Rna, Siren, Siret
from coopact.schemas.payments import BankDetails, Instalment, PaymentTermDays, instalments_problem

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


class TaxRegime(StrEnum):
    """How the money of a partenariat is taxed (the "Régime fiscal" article)."""

    gift = "gift"  # a gift (don), no direct counterpart: a receipt when eligible
    operating_subsidy = "operating_subsidy"  # a subvention de fonctionnement, outside VAT
    service = "service"  # payment for a service: invoiced with VAT


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


class FoundationType(StrEnum):
    """The type of a foundation: its capacity to sign depends on it."""

    rup = "rup"  # reconnue d'utilité publique (by decree)
    entreprise = "entreprise"  # fondation d'entreprise
    abritee = "abritee"  # sheltered: no legal personality, its sheltering foundation signs
    cooperation_scientifique = "cooperation_scientifique"
    partenariale = "partenariale"  # fondation partenariale (universities)


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
    # --- A foundation (issue 21): its type decides who signs for it ---
    foundation_type: FoundationType | None = None
    # Reconnue d'utilité publique: the date of the decree.
    recognised_on: dt.date | None = None
    # Abritée: the sheltering foundation, which signs for it.
    sheltered_by: ShortText | None = None


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
    # Where the cash it receives is paid (schemas.payments): printed in the financial article.
    bank: BankDetails | None = None


class Vision(Model):
    statement: Text
    shared_objectives: list[Text] = []
    beneficiaries: Text | None = None


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
            raise _located("instalments", problem, None)
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
    treasurer = "treasurer"  # records the payments received (coopact payment)


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
        if not errors:
            for i, problem in _receiver_problems(self):
                error(("contributions", i, "to"), problem, self.contributions[i].to)
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
        if self.rights is not None:
            for field, keys in self.rights.partner_keys():
                for j, key in enumerate(keys):
                    resolve(
                        ("rights", field, j) if field.endswith("_by") else ("rights", field), key
                    )
        if errors:
            raise ValidationError.from_exception_data("Partnership", errors)
        return self


# --- Who gives to whom (issue 21) ------------------------------------------------------
# A contribution goes from its ``partner`` to its ``to``. Donors and donees follow these
# directions (contracts.gifts), never the ESS flag.

# Commercial companies (RCS, share capital; commercial by form, art. L. 210-1 C. com.).
COMMERCIAL_COMPANY_FORMS = frozenset(
    LegalForm[name] for name in ("sas", "sasu", "sa", "sarl", "eurl", "sca", "snc", "scop", "scic")
)

# Legal forms of a company (entreprise soumise à l'IR ou à l'IS): the donors that can claim
# the reduction of article 238 bis CGI.
COMPANY_FORMS = COMMERCIAL_COMPANY_FORMS | {
    LegalForm.entreprise_individuelle,
    LegalForm.cooperative,
}

# Legal forms that can receive a gift by default (non-profit organisations, foundations,
# endowment funds, public bodies).
GIFT_RECEIVER_FORMS = frozenset(
    {
        LegalForm.association_loi_1901,
        LegalForm.association_loi_1908,
        LegalForm.fondation,
        LegalForm.fonds_de_dotation,
        LegalForm.gip,
        LegalForm.etablissement_public,
        LegalForm.collectivite_territoriale,
    }
)


def receiver_of(partnership: Partnership, index: int) -> str | None:
    """The key of the partner that receives contribution ``index``, or None when it is the
    giver's own work in the project (no one receives it).

    ``to`` when stated. Otherwise: the in-kind or skills contribution of a partner that is
    not a company is its own work in the project; any other contribution goes to the only
    other partner that can receive a gift (:data:`GIFT_RECEIVER_FORMS`), or, when none can,
    to the only other partner. Raises ValueError when more than one could receive it.
    """
    c = partnership.contributions[index]
    if c.to is not None:
        return c.to
    giver = partnership.partner(c.partner)
    if c.kind is not ContributionKind.cash and giver.legal_form not in COMPANY_FORMS:
        return None
    others = [p for p in partnership.partners if p.key != c.partner]
    candidates = [p for p in others if p.legal_form in GIFT_RECEIVER_FORMS] or others
    if len(candidates) != 1:
        raise ValueError(
            "state who receives this contribution (to: one of "
            + ", ".join(p.key for p in candidates)
            + ")"
        )
    return candidates[0].key


def _receiver_problems(partnership: Partnership) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    keys = [p.key for p in partnership.partners]
    for i, c in enumerate(partnership.contributions):
        if c.to is not None and c.to not in keys:
            problems.append((i, f"unknown partner '{c.to}' (partners are: {', '.join(keys)})"))
        elif c.to is not None and c.to == c.partner:
            problems.append((i, "a partner never gives to itself: name another partner"))
        else:
            try:
                receiver_of(partnership, i)
            except ValueError as ambiguous:
                problems.append((i, str(ambiguous)))
    return problems


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
