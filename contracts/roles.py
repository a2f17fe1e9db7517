"""The roles a person decides in, and how a person's name is matched (kept apart from the
rules so that the command line can offer them without loading the partnership schema)."""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class Role(StrEnum):
    partnership_officer = "partnership_officer"
    legal_officer = "legal_officer"
    sponsor = "sponsor"
    signatory = "signatory"
    committee_member = "committee_member"


def person_key(name: str) -> str:
    """How two spellings of a person's name are compared: spaces collapsed, case and accents
    aside (``"  paul   DURAND "``, ``"Paul Durand"`` and ``"Paül Durand"`` are one person)."""
    decomposed = unicodedata.normalize("NFKD", " ".join(name.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def same_person(a: str, b: str) -> bool:
    return person_key(a) == person_key(b)
