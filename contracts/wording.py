"""Reading what a partnership file says, in French or in English, with simple rules.

The vision rules check what the statement, the objectives and the beneficiaries say, not
only that they are there. The heuristics are deliberately plain, so that every finding can
state the rule it applied in one sentence:

- **words** are runs of letters or digits; an elided article (``l'emploi``) counts as its
  noun; accents and case are ignored when comparing (``Équipe`` = ``equipe``);
- **significant words** have at least 4 letters and are not common words (articles,
  prepositions, "ensemble", "partenariat"...);
- two texts **share a word** when they hold significant words with the same first 6 letters,
  a final plural "s" left out (``recrutent`` and ``recruter``, ``paths`` and ``path``), or
  words of the same **theme** (``recruter`` and ``emploi``: the employment theme), a theme
  being a short list of word beginnings (:data:`THEMES`);
- a **figure** is a run of digits; a **year** is a four-digit number from 1900 to 2199; a
  **duration** is a figure followed by years or months (``sur 3 ans``, ``over 18 months``);
- a **population** is a word of :data:`POPULATION_WORDS` (``personnes``, ``jeunes``,
  ``residents``...), an age (``de 12 à 17 ans``) or a condition (``atteints de``); a
  **place** is a word of :data:`PLACE_WORDS` (``quartier``, ``ville``, ``district``...), a
  five-digit postcode, a département by its number (``dans le 93``, ``(59)``), or a
  capitalised name other than the first word;
- **universal** beneficiaries (``tout le monde``, ``everyone``, ``le grand public``) name
  nobody in particular; **placeholders** (``à définir``, ``TBD``) say nothing yet.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ELISION = re.compile(r"\b(?:[lLdDjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’]")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?")
_DURATION = re.compile(
    r"(\d+)\s*(ans?|années?|annees?|years?|yrs?|mois|months?)\b", re.IGNORECASE | re.UNICODE
)
STEM = 6
MIN_SIGNIFICANT = 4


def _listed(text: str) -> frozenset[str]:
    """A word list written as text, one space between words."""
    return frozenset(text.split())


STOP_WORDS = _listed("""
    avec sans pour dans chez vers sous entre contre depuis pendant leur leurs notre nos votre
    vos cette ces celle celui ceux elles nous vous ils elle tous toutes tout toute autre autres
    plus moins tres bien aussi ainsi donc mais encore chaque ensemble faire etre avoir sont
    ete etait afin grace selon dont comme quand partenariat partenaire partenaires projet
    annee annees mois objectif objectifs
    with without for into from toward towards under between against since during their our
    your this these those them they she all every each other more less very well also thus
    but still together make being have been were when which while about partnership partner
    partners project year years month months objective objectives that than then there
    """)

THEMES: dict[str, frozenset[str]] = {
    "employment": _listed(
        "emplo recru embau cdi cdd metie inser trava salar job jobs hirin hire worki caree profe"
    ),
    "training": _listed(
        "forma quali appre tutor tuteu compe train skill coach mento educa ecole schoo"
    ),
    "territory": _listed(
        "terri local quart ville urbai rural ancre ancra impla neigh distr regio city citie town"
    ),
    "funding": _listed("finan fonds fund subve grant budge resso resou donat mecen"),
    "climate": _listed("carbo clima envir ecolo emiss green verte susta"),
    "health": _listed("sante soin medic healt handi disab"),
    "housing": _listed("logem housi homel abri"),
}

POPULATION_WORDS = _listed("""
    personnes personne jeunes jeune habitants habitant salaries salarie demandeurs chomeurs
    femmes hommes enfants familles parents eleves etudiants seniors aines retraites refugies
    migrants allocataires agriculteurs artisans entrepreneurs patients aidants locataires
    menages beneficiaires publics public apprentis stagiaires detenus sortants malades
    adherents usagers citoyens adolescents adolescent lyceens collegiens mineurs nourrissons
    victimes proches veuves orphelins sinistres
    people persons person residents resident youth young women men children families pupils
    students jobseekers seekers unemployed refugees migrants tenants households farmers workers
    employees patients carers elderly adults learners apprentices inmates citizens users
    teenagers adolescents infants pensioners veterans survivors victims orphans
    """)

PLACE_WORDS = _listed("""
    quartier quartiers qpv ville villes commune communes departement region territoire
    territoires metropole arrondissement agglomeration bassin canton zone zones rural rurale
    rurales ruraux urbain urbaine urbains urbaines campagne banlieue outre national nationale
    france europe
    district districts neighbourhood neighbourhoods neighborhood neighborhoods city cities
    town towns county area areas region regions borough suburbs countryside urban nationwide
    """)

UNIVERSAL = frozenset(
    {
        "tout le monde",
        "tous",
        "toutes et tous",
        "tous les publics",
        "le grand public",
        "grand public",
        "la societe",
        "la population",
        "everyone",
        "everybody",
        "all",
        "anyone",
        "the public",
        "the general public",
        "general public",
        "society",
        "all people",
    }
)

PLACEHOLDERS = frozenset(
    {
        "a definir",
        "a preciser",
        "a completer",
        "a venir",
        "en cours",
        "tbd",
        "tbc",
        "todo",
        "to do",
        "to be defined",
        "to be confirmed",
        "n a",
        "na",
        "xxx",
        "xx",
        "x",
        "idem",
        "none",
        "aucun",
        "rien",
        "nothing",
    }
)


def fold(text: str) -> str:
    """Lower case without accents: ``Équipe`` -> ``equipe``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of ``text``, folded, elided articles dropped (``l'emploi`` -> ``emploi``)."""
    return [fold(w) for w in _WORD.findall(_ELISION.sub(" ", text))]


def word_count(text: str) -> int:
    return len(words(text))


def significant(text: str) -> set[str]:
    """The words that carry meaning: 4 letters or more, not common words, not figures."""
    return {
        w for w in words(text) if len(w) >= MIN_SIGNIFICANT and w not in STOP_WORDS and w.isalpha()
    }


def stems(text: str) -> set[str]:
    """The first 6 letters of each significant word, a final plural "s" left out."""
    return {(w[:-1] if w.endswith("s") else w)[:STEM] for w in significant(text)}


def themes(text: str) -> set[str]:
    """The themes of :data:`THEMES` whose prefixes begin a word of ``text``."""
    found = words(text)
    return {
        name
        for name, prefixes in THEMES.items()
        if any(w.startswith(prefix) for w in found for prefix in prefixes)
    }


def shared(a: str, b: str) -> set[str]:
    """What two texts have in common: word stems, then themes (``theme:employment``)."""
    return (stems(a) & stems(b)) | {f"theme:{t}" for t in themes(a) & themes(b)}


def figures(text: str) -> list[str]:
    return _FIGURE.findall(text)


def years(text: str) -> list[int]:
    return [int(f) for f in figures(text) if len(f) == 4 and 1900 <= int(f) <= 2199]


def durations_in_months(text: str) -> list[int]:
    """``sur 3 ans`` -> [36]; ``over 18 months`` -> [18]."""
    found = []
    for number, unit in _DURATION.findall(text):
        months = int(number) if fold(unit).startswith(("mois", "month")) else 12 * int(number)
        found.append(months)
    return found


def is_placeholder(text: str) -> bool:
    """Nothing said yet: no word at all, or a placeholder such as ``à définir`` or ``TBD``."""
    said = " ".join(words(text))
    return not said or said in PLACEHOLDERS


def is_universal(text: str) -> bool:
    return " ".join(words(text)) in UNIVERSAL


# A population is also defined by an age ("de 12 à 17 ans", "plus de 75 ans", "aged 16 to
# 25") or a condition ("atteints de", "en situation de handicap", "living with").
_AGE = re.compile(
    r"\b(?:\d{1,3}\s*(?:a|-|–|to|et)\s*\d{1,3}\s*(?:ans|years?)|(?:plus|moins) de \d{1,3} ans"
    r"|(?:over|under|aged) \d{1,3})\b"
)
_CONDITION = (
    "atteint",
    "souffrant",
    "situation de handicap",
    "porteur",
    "porteuse",
    "vivant avec",
    "perte d autonomie",
    "living with",
    "suffering from",
    "diagnosed",
    "with disabilit",
)
# A French département by its number, as it is written: "dans le 93", "du 59", "(93)".
_DEPARTEMENT = re.compile(r"(?:\b(?:dans le|du|en)\s+|\()(?:0[1-9]|[1-8]\d|9[0-5]|2[ab]|97[1-6])\b")


def names_population(text: str) -> bool:
    """A population word, an age or a condition (``Adolescents de 12 à 17 ans``)."""
    if any(w in POPULATION_WORDS for w in words(text)):
        return True
    said = " ".join(words(text))
    return bool(_AGE.search(said)) or any(c in said for c in _CONDITION)


def names_place(text: str) -> bool:
    """A place word, a postcode, or a capitalised name other than the first word."""
    folded = words(text)
    if any(w in PLACE_WORDS for w in folded):
        return True
    if any(len(f) == 5 and f.isdigit() for f in figures(text)):
        return True
    if _DEPARTEMENT.search(fold(text)):
        return True
    raw = _WORD.findall(_ELISION.sub(" ", text))
    names = [w for w in raw[1:] if w[:1].isupper() and w[1:].islower() and len(w) > 2]
    # A Title Case Slogan is not a list of places: names count in ordinary sentences only.
    return bool(names) and 2 * len(names) < len(raw)


def quoted(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
