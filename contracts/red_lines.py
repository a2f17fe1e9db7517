"""Red lines against the other partners' stakes and contributions (due diligence,
:mod:`coopact.contracts.due_diligence`): a red line another partner's stake or contribution
may contradict, for a human to confirm.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.schemas import Partner, Partnership

RED_LINE_MAY_BE_CONTRADICTED = message(
    "due_diligence.red_line_may_be_contradicted",
    fr=(
        "La ligne rouge de {partner} « {red_line} » partage les mots {words} avec « "
        "{other_text} » ({other}) : à vérifier par une personne."
    ),
    en=(
        "The red line of {partner} “{red_line}” shares the words {words} with “{other_text}” "
        "({other}): for a human to confirm."
    ),
)

# The heuristic is deliberately simple, so that an officer can see why a pair was flagged:
# both texts are lower-cased, stripped of accents and elisions (l', d', qu'...), cut into
# words; French and English stop words and negations ("ne", "pas", "aucun", "not", "no"...)
# are removed, and so are words every partnership text uses ("partenaire", "partner") and
# words shorter than 4 letters; a final plural "s" or "x" is dropped.
# A red line is flagged against a stake or a contribution of ANOTHER partner when they
# share at least two remaining words by their first 6 letters (its action and its object),
# never on one common word. It finds candidates, not contradictions: a human
# confirms (the negations are removed precisely so that "no selection of beneficiaries"
# meets "selection of beneficiaries").

_STOP_WORDS = frozenset(
    """
    au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs
    lui ma mais me meme mes moi mon nos notre nous on ou par pour qu que qui sa se ses son sur
    ta te tes toi ton tu un une vos votre vous est sont etre avoir ont fait faire sera seront
    tout tous toute toutes plus moins tres sans sous entre vers chez dont ainsi afin lors
    dela deca ici chaque autre autres leurs celui celle ceux celles cela ceci comme aussi
    ne pas aucun aucune jamais rien nul nulle personne ni point guere non
    the a an and or of to in on for with by from at as is are be been being was were this that
    these those its it their they them our we you your his her not no never none nor without
    any all each other than then into onto over under about after before within beyond
    partenaire partenariat partner partnership
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_MIN_LENGTH = 4
_WORD = re.compile(r"[a-z0-9]+")
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def significant_words(text: str) -> frozenset[str]:
    """The words of ``text`` that carry meaning, normalised as described above."""
    words = set()
    for word in _WORD.findall(_ELISION.sub(" ", _plain(text))):
        if word in _STOP_WORDS:
            continue
        if word.endswith(("s", "x")) and len(word) > _MIN_LENGTH:
            word = word[:-1]
        if word not in _STOP_WORDS and len(word) >= _MIN_LENGTH:
            words.add(word)
    return frozenset(words)


def _others_texts(partnership: Partnership, partner: Partner) -> Iterable[tuple[Partner, str]]:
    for other in partnership.partners:
        if other.key == partner.key:
            continue
        for stake in other.stakes:
            yield other, stake
    for contribution in partnership.contributions:
        if contribution.partner != partner.key:
            yield partnership.partner(contribution.partner), contribution.description


MIN_SHARED_MEANING = 2


def _stem(word: str) -> str:
    return word[:6]


def shared_meaning(red_line: str, text: str) -> list[str]:
    """The words of ``red_line`` whose meaning ``text`` takes up: significant words with the
    same first 6 letters (``selectionne`` and ``selection``). A red line is flagged only when
    its action and its object are both there (:data:`MIN_SHARED_MEANING` words), never on one
    common word (``produits`` in "no sale of financial products" and "develop savings
    products" is not a contradiction)."""
    theirs = {_stem(w) for w in significant_words(text)}
    return sorted({w for w in significant_words(red_line) if _stem(w) in theirs})


def red_line_may_be_contradicted(partnership: Partnership) -> list[Finding]:
    """A red line whose action and object another partner's stake or contribution takes up."""
    found = []
    for i, p in enumerate(partnership.partners):
        for j, red_line in enumerate(p.red_lines):
            for other, text in _others_texts(partnership, p):
                shared = shared_meaning(red_line, text)
                if len(shared) >= MIN_SHARED_MEANING:
                    found.append(
                        Finding(
                            code=RED_LINE_MAY_BE_CONTRADICTED,
                            severity=Severity.warning,
                            factor=Factor.construire,
                            path=f"partners[{i}].red_lines[{j}]",
                            params={
                                "partner": p.name,
                                "red_line": red_line,
                                "other": other.name,
                                "other_text": text,
                                "words": ", ".join(shared),
                            },
                        )
                    )
    return found
