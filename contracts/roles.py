"""The roles a person decides in (kept apart from the rules so that the command line can
offer them without loading the partnership schema)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    partnership_officer = "partnership_officer"
    legal_officer = "legal_officer"
    sponsor = "sponsor"
    signatory = "signatory"
    committee_member = "committee_member"
