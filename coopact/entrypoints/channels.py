"""How a decision arrived, said in words (``coopact history``, the portal's pages)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_LABELS = {
    "en": {
        "link": "personal decision link",
        "on_behalf": "recorded on the person's behalf by an officer",
        "portal": "signed-in officer on the portal",
        "prefect": "Prefect form (decide deployment)",
        "cli": "command line",
        "webhook": "e-signature webhook",
        "demo": "demo persona",
    },
    "fr": {
        "link": "lien de décision personnel",
        "on_behalf": "enregistrée pour la personne par un(e) chargé(e)",
        "portal": "chargé(e) connecté(e) au portail",
        "prefect": "formulaire Prefect (déploiement decide)",
        "cli": "ligne de commande",
        "webhook": "webhook de signature électronique",
        "demo": "persona de démonstration",
    },
}
_DETAILS = {
    "en": {
        "token_id": "token",
        "officer": "officer",
        "evidence_sha256": "evidence SHA-256",
        "operator": "OS user",
        "provider": "provider",
        "submission": "submission",
        "deployment": "deployment",
        "persona": "persona",
    },
    "fr": {
        "token_id": "jeton",
        "officer": "chargé(e)",
        "evidence_sha256": "SHA-256 de la pièce",
        "operator": "utilisateur système",
        "provider": "prestataire",
        "submission": "envoi",
        "deployment": "déploiement",
        "persona": "persona",
    },
}


def describe(kind: str | None, detail: Mapping[str, Any] | None, language: str = "en") -> str:
    """``personal decision link (token abc…)``; a decision recorded before channels were
    kept says so."""
    labels = _LABELS.get(language, _LABELS["en"])
    if not kind:
        return (
            "non enregistré (décision antérieure)"
            if language == "fr"
            else "not recorded (decided before channels were kept)"
        )
    names = _DETAILS.get(language, _DETAILS["en"])
    parts = [f"{names.get(k, k)} {v}" for k, v in (detail or {}).items() if v]
    label = labels.get(kind, kind)
    return f"{label} ({', '.join(parts)})" if parts else label
