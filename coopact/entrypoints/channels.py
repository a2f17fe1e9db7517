"""How a decision arrived, said in words (``coopact history``, the portal's pages)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopact.i18n import N_, ByLanguage, gettext_for

_LABELS = ByLanguage(
    {
        "link": N_("lien de décision personnel"),
        "on_behalf": N_("enregistrée pour la personne par un(e) chargé(e)"),
        "portal": N_("chargé(e) connecté(e) au portail"),
        "prefect": N_("formulaire Prefect (déploiement decide)"),
        "cli": N_("ligne de commande"),
        "webhook": N_("webhook de signature électronique"),
        "demo": N_("persona de démonstration"),
    }
)
_DETAILS = ByLanguage(
    {
        "token_id": N_("jeton"),
        "officer": N_("chargé(e)"),
        "evidence_sha256": N_("SHA-256 de la pièce"),
        "operator": N_("utilisateur système"),
        "provider": N_("prestataire"),
        "submission": N_("envoi"),
        "deployment": N_("déploiement"),
        "persona": N_("persona"),
    }
)


def describe(kind: str | None, detail: Mapping[str, Any] | None, language: str = "en") -> str:
    """``personal decision link (token abc…)``; a decision recorded before channels were
    kept says so."""
    labels = _LABELS.get(language, _LABELS["en"])
    if not kind:
        _ = gettext_for(language)
        return _("non enregistré (décision antérieure)")
    names = _DETAILS.get(language, _DETAILS["en"])
    parts = [f"{names.get(k, k)} {v}" for k, v in (detail or {}).items() if v]
    label = labels.get(kind, kind)
    return f"{label} ({', '.join(parts)})" if parts else label
