"""Communiquer: communication is a shared process, and no clause crosses a red line.

The rules of :mod:`contracts.communication` check that rituals exist and consult every
partner; these read what the communication clause (``sharing.communication``) says:

- who designs, validates and publishes: a clause that gives it to one partner alone
  (``seule``, ``à sa seule discrétion``, ``alone``) is :func:`communication_not_shared`;
- the use of names, logos and images: permitted without consent (``librement``, no
  ``accord``/``consent``/``validation`` in the clause) is :func:`images_without_consent`;
- every partner's red lines compared with every clause of the file (costs, intellectual
  property, communication, personal data, confidentiality): a clause that takes up the
  red line's subject (two words of it) and grants what it forbids, freely or without the
  consent it asks for, is :func:`red_line_crossed_by_clause`.

All three are warnings, for a human to confirm (the words of a clause are read with plain
heuristics); the sentence quotes the clause and the red line.
"""

from __future__ import annotations

import re

from coopact.contracts import wording
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.red_lines import MIN_SHARED_MEANING, shared_meaning
from coopact.schemas import Partner, Partnership

NOT_SHARED = message(
    "communication.not_shared",
    fr="La communication sur le partenariat revient à {partner} seul (« {clause} ») : "
    "conception, validation et publication doivent être partagées entre les partenaires.",
    en='Communication about the partnership is left to {partner} alone ("{clause}"): '
    "designing, validating and publishing must be shared between the partners.",
)
IMAGES_WITHOUT_CONSENT = message(
    "communication.images_without_consent",
    fr="La clause de communication permet d'utiliser {what} sans accord préalable "
    "(« {clause} ») : l'usage des noms, logos et images doit être soumis à l'accord des "
    "partenaires et au consentement des personnes.",
    en='The communication clause allows the use of {what} without prior consent ("{clause}"):'
    " names, logos and images must be used only with the partners' agreement and the "
    "people's consent.",
)
RED_LINE_CROSSED = message(
    "communication.red_line_crossed",
    fr="La clause « {clause_name_fr} » (« {clause} ») franchit une ligne rouge de {partner} : "
    "« {red_line} » (mots communs : {words}).",
    en='The clause "{clause_name_en}" ("{clause}") crosses a red line of {partner}: '
    '"{red_line}" (words in common: {words}).',
)

_ALONE = ("seule", "seul", "seule discretion", "unilateral", "alone", "sole discretion", "solely")
_SHARED = (
    "deux",
    "les partenaires",
    "conjoint",
    "en commun",
    "commun accord",
    "ensemble",
    "both",
    "joint",
    "each",
    "mutual",
)
# "validée par Logistix": validated by one partner when only one is named in the sentence.
_VALIDATED_BY = ("validee par", "valide par", "approuvee par", "validated by", "approved by")
# "validée par Logistix": validated by one partner when only one is named in the sentence.
_VALIDATED_BY = ("validee par", "valide par", "approuvee par", "validated by", "approved by")
_CONSENT = ("accord", "consent", "autoris", "valid", "approuv", "approv", "permission")
_FREELY = ("librement", "freely", "sans restriction", "without restriction", "a sa discretion")
# "sans accord" grants freely only in a sentence that forbids nothing ("aucune image sans
# accord" protects; "peut utiliser les photos sans accord" grants).
_WITHOUT_CONSENT = ("sans accord", "sans autorisation", "sans consentement", "without consent")
_PROTECTIVE = frozenset(["ne", "pas", "aucun", "aucune", "jamais", "nul", "nulle", "no", "never"])
_IMAGE_WORDS = {
    "logo": ("le logo", "the logo"),
    "photo": ("les photos", "photos"),
    "image": ("les images", "images"),
    "temoign": ("les témoignages", "testimonies"),
    "video": ("les vidéos", "videos"),
    "nom": ("le nom", "the name"),
    "name": ("le nom", "the name"),
}
_NEGATION = frozenset(
    [
        "ne",
        "pas",
        "aucun",
        "aucune",
        "jamais",
        "sans",
        "interdit",
        "nul",
        "nulle",
        "no",
        "not",
        "never",
        "without",
    ]
)
_CLAUSES = {
    "costs": ("partage des coûts", "cost sharing"),
    "intellectual_property": ("propriété intellectuelle", "intellectual property"),
    "communication": ("communication", "communication"),
    "personal_data": ("données personnelles", "personal data"),
    "confidentiality": ("confidentialité", "confidentiality"),
}
_PATH = "sharing.communication"


def _folded(text: str) -> str:
    return f" {' '.join(wording.words(text))} "


def _has(text: str, phrases: tuple[str, ...]) -> bool:
    folded = _folded(text)
    return any(f" {p}" in folded for p in phrases)


def _freely(text: str) -> bool:
    """A sentence of ``text`` grants freely, or without consent while forbidding nothing."""
    for sentence in re.split(r"[.;:!?\n]+", text):
        if _has(sentence, _FREELY):
            return True
        if _has(sentence, _WITHOUT_CONSENT) and not set(wording.words(sentence)) & _PROTECTIVE:
            return True
    return False


def _named(text: str, partner: Partner) -> bool:
    folded = _folded(text).split()
    own = [w for w in wording.words(partner.name) if len(w) >= 4]
    return partner.key in folded or any(w in folded for w in own[:2])


def _finding(code: str, path: str, **params: object) -> Finding:
    return Finding(
        code=code, severity=Severity.warning, factor=Factor.communiquer, path=path, params=params
    )


def communication_not_shared(partnership: Partnership) -> list[Finding]:
    """The clause does not leave designing, validating and publishing to one partner."""
    clause = partnership.sharing.communication
    for sentence in re.split(r"[.;:!?\n]+", clause):
        by_one = _has(sentence, _ALONE) or _has(sentence, _VALIDATED_BY)
        if not by_one or _has(sentence, _SHARED):
            continue
        named = [p for p in partnership.partners if _named(sentence, p)]
        if len(named) == 1:
            shown = wording.quoted(sentence, 160)
            return [_finding(NOT_SHARED, _PATH, partner=named[0].name, clause=shown)]
    return []


def images_without_consent(partnership: Partnership) -> list[Finding]:
    """Names, logos and images are used only with consent."""
    clause = partnership.sharing.communication
    folded = _folded(clause).split()
    used = [key for key in _IMAGE_WORDS if any(w.startswith(key) for w in folded)]
    if not used or (_has(clause, _CONSENT) and not _freely(clause)):
        return []
    language = 0 if partnership.language.value == "fr" else 1
    what = ", ".join(dict.fromkeys(_IMAGE_WORDS[k][language] for k in used))
    return [_finding(IMAGES_WITHOUT_CONSENT, _PATH, what=what, clause=wording.quoted(clause, 160))]


def _forbids(red_line: str) -> bool:
    return bool(set(wording.words(red_line)) & _NEGATION)


def _grants(red_line: str, clause: str) -> bool:
    """The clause grants what the red line forbids: freely, or without the consent the red
    line asks for."""
    if _freely(clause):
        return True
    asks_consent = _has(red_line, _CONSENT)
    return asks_consent and not _has(clause, _CONSENT)


def red_line_crossed_by_clause(partnership: Partnership) -> list[Finding]:
    """No clause of the file takes up a red line's subject and grants what it forbids."""
    found = []
    sharing = partnership.sharing
    for i, partner in enumerate(partnership.partners):
        for j, red_line in enumerate(partner.red_lines):
            if not _forbids(red_line):
                continue
            for field, (fr, en) in _CLAUSES.items():
                clause = getattr(sharing, field)
                if not clause:
                    continue
                shared = shared_meaning(red_line, clause)
                if len(shared) < MIN_SHARED_MEANING or not _grants(red_line, clause):
                    continue
                found.append(
                    _finding(
                        RED_LINE_CROSSED,
                        f"partners[{i}].red_lines[{j}]",
                        partner=partner.name,
                        red_line=red_line,
                        clause=wording.quoted(clause, 160),
                        clause_name_fr=fr,
                        clause_name_en=en,
                        clause_field=f"sharing.{field}",
                        words=", ".join(shared),
                    )
                )
    return found


RULES = (communication_not_shared, images_without_consent, red_line_crossed_by_clause)


def communication_content_findings(partnership: Partnership) -> list[Finding]:
    """What the communication clause and the other clauses say, read against red lines."""
    return [finding for rule in RULES for finding in rule(partnership)]
