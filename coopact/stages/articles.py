"""The agreement's articles as the signed agreement numbers and titles them, for the acts
that cite them (termination letter, exit statement, minutes, avenants)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopact.adapters.documents.clause_library import clause_library
from coopact.contracts.agreement import clause_context
from coopact.contracts.agreement_words import COVER_WORDS
from coopact.schemas import Partnership


@dataclass(frozen=True)
class Article:
    number: int  # 0: unnumbered
    title: str

    def cited(self, language: str) -> str:
        """``l'article 22 (« Résiliation et sortie du partenariat »)`` / ``Article 22
        ("Termination and exit")``."""
        if language == "fr":
            return f"l'article {self.number} (« {self.title} »)"
        return f"Article {self.number} (“{self.title}”)"

    def heading(self) -> str:
        return f"Article {self.number} – {self.title}" if self.number else self.title


def articles(
    partnership: Partnership, templates: Path, signed: Mapping[str, Any] | None = None
) -> dict[str, Article]:
    """Each included clause of the partnership's agreement: its number and title, as the
    signed agreement gives them (``signed``: its stored ``clause`` context) or else as the
    clause library numbers them."""
    context = signed or clause_context(partnership, clause_library(templates))
    return {
        key: Article(int(value["number"]), str(value["title"]))
        for key, value in context.items()
        if value["included"]
    }


def act_name(partnership: Partnership) -> str:
    """The agreement's own name, as a sentence names it: ``convention de mécénat``."""
    language = partnership.language.value
    words = COVER_WORDS.get(language, COVER_WORDS["en"])
    name = words[partnership.kind.value]
    return name[0].lower() + name[1:]


_POSTCODE_CITY = re.compile(r"\b\d{5}\s+(?P<city>[^,]+?)\s*$")


def city_of(address: str) -> str | None:
    """The town of a French address (after its postcode), or None."""
    last = address.split(",")[-1].strip()
    found = _POSTCODE_CITY.search(last)
    return found.group("city") if found else None
