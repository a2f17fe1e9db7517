"""The partners of the partnership file: who they are (legal form, identifiers, ESUS
accreditation, registration), who acts for them, what they hold to.
"""

from __future__ import annotations

import datetime as dt

from pydantic import (
    EmailStr,
    model_validator,
)

from coopact.schemas.fields import Euros, Key, Model, PersonName, ShortText, Text, located
from coopact.schemas.identifiers import Rna, Siren, Siret
from coopact.schemas.payments import BankDetails
from coopact.schemas.vocabulary import FoundationType, LegalForm


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
            raise located("expires_on", "must be after approved_on", self.expires_on)
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
