"""The fields of the partnership file as a reader of an avenant names them, and their values
as the agreement writes them: ``Contribution « Financement des parcours » : montant``,
``135 000,00 €``, ``15 mai 2027``, ``tous les quatre mois`` — never a field path
(``contributions[0].amount_eur``), an ISO date or a bare number of cents. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from coopact.contracts.agreement_words import (
    CONTRIBUTION_KIND_WORDS,
    DEADLOCK_WORDS,
    DECISION_RULE_WORDS,
    KIND_WORDS,
    LEGAL_FORM_WORDS,
)
from coopact.contracts.formatting import (
    count,
    every,
    format_amount,
    format_date,
    format_number,
    months,
)

# A field's name -> its words (fr, en). The name is the last part of a path.
FIELDS: dict[str, tuple[str, str]] = {
    "title": ("intitulé", "title"),
    "language": ("langue", "language"),
    "kind": ("nature", "kind"),
    "start_date": ("date de début", "start date"),
    "end_date": ("date de fin", "end date"),
    "duration_months": ("durée", "term"),
    "renewal": ("mode de renouvellement", "renewal"),
    "notice_months": ("préavis de non-renouvellement", "notice of non-renewal"),
    "termination_notice_months": (
        "préavis de résiliation d'un commun accord",
        "notice of termination by mutual agreement",
    ),
    "court": ("juridiction compétente", "competent court"),
    "partners": ("parties", "parties"),
    "name": ("nom", "name"),
    "legal_form": ("forme juridique", "legal form"),
    "ess": ("appartenance à l'ESS", "member of the ESS"),
    "identifiers": ("identifiants", "identifiers"),
    "siren": ("SIREN", "SIREN"),
    "siret": ("SIRET", "SIRET"),
    "rna": ("numéro RNA", "RNA number"),
    "esus": ("agrément ESUS", "ESUS accreditation"),
    "approved_on": ("date d'agrément", "date of approval"),
    "expires_on": ("date d'expiration", "expiry date"),
    "registration": ("immatriculation", "registration"),
    "rcs_city": ("ville d'immatriculation au RCS", "RCS registry city"),
    "share_capital_eur": ("capital social", "share capital"),
    "prefecture": ("préfecture de déclaration", "prefecture of declaration"),
    "declared_on": ("date de déclaration", "date of declaration"),
    "published_on": ("date de publication au Journal officiel", "date of publication"),
    "address": ("adresse", "address"),
    "mission": ("mission", "mission"),
    "stakes": ("enjeux stratégiques", "strategic stakes"),
    "constraints": ("contraintes", "constraints"),
    "red_lines": ("lignes rouges", "red lines"),
    "sponsor": ("sponsor exécutif", "executive sponsor"),
    "signatory": ("signataire", "signatory"),
    "referent": ("référent", "referent"),
    "role": ("fonction", "position"),
    "email": ("adresse électronique", "e-mail address"),
    "authority": ("pouvoir de signature", "authority to sign"),
    "annual_budget_eur": ("budget annuel", "annual budget"),
    "dependency_exit_plan": ("plan de sortie de la dépendance", "dependency-exit plan"),
    "vision": ("vision partagée", "shared vision"),
    "statement": ("déclaration de vision", "vision statement"),
    "shared_objectives": ("objectifs communs", "shared objectives"),
    "beneficiaries": ("bénéficiaires", "beneficiaries"),
    "contributions": ("contributions", "contributions"),
    "partner": ("partenaire", "partner"),
    "description": ("description", "description"),
    "amount_eur": ("montant", "amount"),
    "schedule": ("échéancier", "schedule"),
    "value_eur": ("valeur", "value"),
    "valuation": ("méthode de valorisation", "valuation method"),
    "hours": ("nombre d'heures", "hours"),
    "hourly_value_eur": ("valeur horaire", "hourly value"),
    "risks": ("risques", "risks"),
    "owner": ("responsable", "owner"),
    "mitigation": ("mesure d'atténuation", "mitigation"),
    "exposure_eur": ("exposition", "exposure"),
    "benefits": ("bénéfices attendus", "expected benefits"),
    "indicator": ("indicateur", "indicator"),
    "sharing": ("partage", "sharing"),
    "costs": ("partage des coûts", "sharing of costs"),
    "intellectual_property": ("propriété intellectuelle", "intellectual property"),
    "communication": ("communication", "communication"),
    "personal_data": ("données personnelles", "personal data"),
    "confidentiality": ("confidentialité", "confidentiality"),
    "confidentiality_years": ("durée de confidentialité", "confidentiality period"),
    "governance": ("gouvernance", "governance"),
    "steering_committee": ("comité de pilotage", "steering committee"),
    "members": ("membres du comité de pilotage", "members of the steering committee"),
    "votes": ("nombre de voix", "votes"),
    "meets_every_months": (
        "fréquence des réunions du comité de pilotage",
        "how often the steering committee meets",
    ),
    "decision_rule": ("règle de décision", "decision rule"),
    "deadlock": ("procédure en cas de blocage", "deadlock procedure"),
    "quorum": ("quorum", "quorum"),
    "mission_veto": ("droit de veto sur la mission", "veto on the mission"),
    "rituals": ("rituels", "rituals"),
    "every_weeks": ("fréquence", "cadence"),
    "every_months": ("fréquence", "cadence"),
    "with": ("participants", "participants"),
    "shares": ("informations partagées", "information shared"),
    "milestones": ("jalons", "milestones"),
    "key": ("identifiant", "identifier"),
    "due": ("échéance", "due date"),
    "unit": ("unité", "unit"),
    "baseline": ("valeur de départ", "baseline"),
    "target": ("cible", "target"),
    "gate": ("point Go/noGo", "Go/noGo point"),
    "justification": ("justification", "justification"),
    "reviews": ("revues Go/noGo", "Go/noGo reviews"),
    "people": ("interlocuteurs", "contacts"),
    "roles": ("rôles", "roles"),
    "counterparts": ("contreparties", "counterparts"),
    "reference": ("référence", "reference"),
}
# Fields whose whole meaning depends on their parent ("every_months" of the reviews).
_IN_CONTEXT: dict[tuple[str, str], tuple[str, str]] = {
    ("reviews", "every_months"): (
        "fréquence des revues Go/noGo",
        "how often Go/noGo reviews are held",
    ),
    ("indicator", "name"): ("indicateur", "indicator"),
    ("sponsor", "name"): ("sponsor exécutif", "executive sponsor"),
    ("signatory", "name"): ("signataire", "signatory"),
    ("referent", "name"): ("référent", "referent"),
}
# A list of the file -> how one of its items is named, from its own fields.
_ITEMS: dict[str, tuple[str, str, str]] = {
    "contributions": (
        "contribution « {description} »",
        "contribution “{description}”",
        "description",
    ),
    "risks": ("risque « {description} »", "risk “{description}”", "description"),
    "benefits": ("bénéfice « {description} »", "benefit “{description}”", "description"),
    "counterparts": (
        "contrepartie « {description} »",
        "counterpart “{description}”",
        "description",
    ),
    "milestones": ("jalon « {title} »", "milestone “{title}”", "title"),
    "rituals": ("rituel « {name} »", "ritual “{name}”", "name"),
    "members": (
        "{name}, membre du comité de pilotage",
        "{name}, steering committee member",
        "name",
    ),
    "people": ("{name}", "{name}", "name"),
    "partners": ("{name}", "{name}", "name"),
}
# A list of texts -> one of its items.
_ONE: dict[str, tuple[str, str]] = {
    "shared_objectives": ("objectif commun", "shared objective"),
    "stakes": ("enjeu", "stake"),
    "constraints": ("contrainte", "constraint"),
    "red_lines": ("ligne rouge", "red line"),
    "roles": ("rôle", "role"),
    "with": ("participant", "participant"),
    "shares": ("information partagée", "information shared"),
}
# Fields named with their parent: "indicateur, cible", "sponsor exécutif, adresse électronique".
_GENERIC = {"email", "role", "authority", "unit", "baseline", "target", "votes", "approved_on",
            "expires_on", "justification"}  # fmt: skip
_NUMBER = {"fr": "{what} n° {n}", "en": "{what} no. {n}"}
_YES_NO = {"fr": ("oui", "non"), "en": ("yes", "no")}
_NONE = "—"
_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parts(path: str) -> list[str | int]:
    return [name if name else int(index) for name, index in _TOKEN.findall(path)]


def _words(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language == "fr" else pair[1]


def _field(name: str, parent: str | None, language: str) -> str:
    pair = _IN_CONTEXT.get((parent or "", name)) or FIELDS.get(name)
    return _words(pair, language) if pair else name.replace("_", " ")


def field_words(spec: dict[str, Any], path: str, language: str) -> str:
    """``contributions[0].amount_eur`` -> ``Contribution « Financement des parcours » :
    montant``; ``reviews.every_months`` -> ``Fréquence des revues Go/noGo``;
    ``vision.shared_objectives[1]`` -> ``Objectif commun n° 2``."""
    parts = _parts(path)
    named = ""  # the item of a list named last (a partner, a contribution...)
    fields: list[str] = []  # the fields below it, as words
    current: Any = spec
    parent: str | None = None
    for position, part in enumerate(parts):
        if isinstance(part, int):
            item = current[part] if isinstance(current, list) and part < len(current) else None
            pattern = _ITEMS.get(parent or "")
            if pattern and isinstance(item, dict) and item.get(pattern[2]):
                named = _words(pattern[:2], language).format(**{pattern[2]: item[pattern[2]]})
                fields = []
            else:  # an item of a list of texts: "objectif commun n° 2"
                one = _ONE.get(parent or "")
                what = _words(one, language) if one else _field(parent or "", None, language)
                fields = [_NUMBER[language].format(what=what, n=part + 1)]
            current = item
            continue
        current = current.get(part) if isinstance(current, dict) else None
        itemised = isinstance(current, list) and part in _ITEMS and position < len(parts) - 1
        if not itemised and not (part == "governance" and position < len(parts) - 1):
            generic = part in _GENERIC and (parent, part) not in _IN_CONTEXT and fields
            words = _field(part, parent, language)
            fields = [f"{fields[-1]}, {words}"] if generic else [words]
        parent = part
    sep = " : " if language == "fr" else ": "
    text = sep.join(x for x in (named, *fields[-1:]) if x)
    return text[:1].upper() + text[1:]


def value_words(spec: dict[str, Any], path: str, value: Any, language: str) -> str:
    """A value of the field at ``path`` as the agreement writes it: amounts, dates, durations
    and cadences in words, partners by their name, closed vocabularies in words."""
    parts = [p for p in _parts(path) if isinstance(p, str)]
    name = parts[-1] if parts else ""
    return _value(spec, name, parts[-2] if len(parts) > 1 else None, value, language)


def _value(spec: dict[str, Any], name: str, parent: str | None, value: Any, language: str) -> str:
    if value is None or value == [] or value == {}:
        return _NONE
    if isinstance(value, bool):
        return _YES_NO[language][0 if value else 1]
    between = " ; " if language == "fr" else "; "
    if isinstance(value, list):
        return between.join(_value(spec, name, parent, v, language) for v in value)
    if isinstance(value, dict):
        colon = " : " if language == "fr" else ": "
        return between.join(
            f"{_field(k, name, language)}{colon}{_value(spec, k, name, v, language)}"
            for k, v in value.items()
        )
    if isinstance(value, str) and _ISO_DATE.match(value):
        return format_date(dt.date.fromisoformat(value), language)
    words = _closed(spec, name, parent, value, language)
    if words is not None:
        return words
    number = _number(value)
    if number is None or (isinstance(value, str) and name not in _NUMERIC):
        return str(value)
    if name.endswith("_eur"):
        return format_amount(number, language)
    whole = int(number)
    if name in ("duration_months", "notice_months", "termination_notice_months"):
        return months(whole, language)
    if name in ("every_months", "meets_every_months"):
        return every(whole, "months", language)
    if name == "every_weeks":
        return every(whole, "weeks", language)
    if name == "confidentiality_years":
        return (
            count(whole, "an", "ans", "fr")
            if language == "fr"
            else count(whole, "year", "years", "en")
        )
    return format_number(number, language)


_NUMERIC = {"amount_eur", "value_eur", "hourly_value_eur", "exposure_eur", "share_capital_eur",
            "annual_budget_eur", "baseline", "target", "hours"}  # fmt: skip


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _closed(
    spec: dict[str, Any], name: str, parent: str | None, value: Any, language: str
) -> str | None:
    """Partner keys as names; legal forms, kinds, rules and deadlock procedures in words."""
    text = str(value)
    if name in ("partner", "owner", "with"):
        names = {p.get("key"): p.get("name") for p in spec.get("partners", [])}
        return str(names.get(text, text))
    tables: dict[str, dict[str, dict[str, str]]] = {
        "legal_form": LEGAL_FORM_WORDS,
        "decision_rule": DECISION_RULE_WORDS,
        "deadlock": DEADLOCK_WORDS,
    }
    if name == "kind":
        tables["kind"] = CONTRIBUTION_KIND_WORDS if parent == "contributions" else KIND_WORDS
    if name in tables:
        return tables[name].get(language, {}).get(text, text)
    if name == "renewal":
        return {"express": ("expresse", "express"), "tacit": ("tacite", "tacit")}.get(
            text, (text, text)
        )[0 if language == "fr" else 1]
    return None
