"""French words inside an English act: flagged at registration.

An English agreement between French parties prints the file's own texts (missions, stakes,
objectives, contributions...) as they are. A text that reads as French in an English act is
a warning naming its field: give an English wording, or write the act in French.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.schemas import Language, Partnership

FRENCH_TEXT_IN_ENGLISH_ACT = message(
    "agreement.french_text_in_english_act",
    fr="« {text} » ({path}) semble rédigé en français, alors que la convention est rédigée en "
    "anglais : donnez-en une formulation anglaise, ou rédigez la convention en français "
    "(language: fr).",
    en="“{text}” ({path}) reads as French, while the agreement is written in English: give "
    "an English wording, or write the agreement in French (language: fr).",
)

_FRENCH = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "est",
        "sont",
        "pour",
        "avec",
        "une",
        "un",
        "aux",
        "au",
        "sur",
        "dans",
        "par",
        "sans",
        "ne",
        "pas",
        "chaque",
        "qui",
        "que",
        "leur",
        "leurs",
        "ses",
        "son",
        "sa",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "for",
        "with",
        "is",
        "are",
        "by",
        "on",
        "in",
        "its",
        "their",
        "each",
        "who",
        "which",
        "no",
        "not",
    ]
)
_WORD = re.compile(r"[a-zà-ÿœæ]+", re.IGNORECASE)


def reads_french(text: str) -> bool:
    """Whether a text reads as French: more French function words than English ones, and
    at least two of them."""
    words = [w.lower() for w in _WORD.findall(text.replace("'", " ").replace("’", " "))]
    french = sum(w in _FRENCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    return french >= 2 and french > english


def _texts(p: Partnership) -> Iterator[tuple[str, str]]:
    yield "title", p.title
    yield "vision.statement", p.vision.statement
    for i, text in enumerate(p.vision.shared_objectives):
        yield f"vision.shared_objectives[{i}]", text
    if p.vision.beneficiaries:
        yield "vision.beneficiaries", p.vision.beneficiaries
    for i, partner in enumerate(p.partners):
        yield f"partners[{i}].mission", partner.mission
        for field in ("stakes", "constraints", "red_lines"):
            for j, text in enumerate(getattr(partner, field)):
                yield f"partners[{i}].{field}[{j}]", text
    for i, c in enumerate(p.contributions):
        for field in ("description", "schedule", "valuation"):
            value = getattr(c, field)
            if value:
                yield f"contributions[{i}].{field}", value
    for i, b in enumerate(p.benefits):
        yield f"benefits[{i}].description", b.description
    for i, r in enumerate(p.risks):
        yield f"risks[{i}].description", r.description
    for field in ("costs", "intellectual_property", "communication", "personal_data"):
        yield f"sharing.{field}", getattr(p.sharing, field)
    for i, cp in enumerate(p.counterparts or []):
        yield f"counterparts[{i}].description", cp.description


def french_text_in_english_act(partnership: Partnership) -> list[Finding]:
    """Each text of an English act that reads as French (warning)."""
    if partnership.language is not Language.en:
        return []
    return [
        Finding(
            code=FRENCH_TEXT_IN_ENGLISH_ACT,
            severity=Severity.warning,
            factor=Factor.formaliser,
            path=path,
            params={"text": text if len(text) <= 80 else text[:77] + "…", "path": path},
        )
        for path, text in _texts(partnership)
        if reads_french(text)
    ]
