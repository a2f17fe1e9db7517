"""Stage, gate and role names in words, for the officers' pages (French and English)."""

from __future__ import annotations

STAGES = {
    "fr": {
        "draft": "brouillon (vision à approuver)",
        "vision_agreed": "vision partagée approuvée",
        "balanced": "équilibre accepté",
        "formalised": "convention validée, à signer",
        "signed": "convention signée",
        "active": "actif",
        "in_review": "en revue Go/noGo",
        "in_renewal": "en renouvellement",
        "amending": "avenant en préparation",
        "amendment_signing": "avenant à signer",
        "terminated": "résilié (sortie en cours)",
        "closed": "clos",
        "registration": "enregistrement",
    },
    "en": {
        "draft": "draft (vision to approve)",
        "vision_agreed": "shared vision approved",
        "balanced": "balance accepted",
        "formalised": "agreement approved, to be signed",
        "signed": "agreement signed",
        "active": "active",
        "in_review": "in Go/noGo review",
        "in_renewal": "in renewal",
        "amending": "avenant being prepared",
        "amendment_signing": "avenant to be signed",
        "terminated": "terminated (exit under way)",
        "closed": "closed",
        "registration": "registration",
    },
}

GATES = {
    "fr": {
        "vision_approval": "approbation de la vision partagée",
        "balance_acceptance": "acceptation de l'analyse d'équilibre",
        "legal_approval": "validation juridique de la convention",
        "signature": "signature de la convention",
        "review": "vote du comité de pilotage (revue Go/noGo)",
        "renewal": "décision de renouvellement",
        "amendment_approval": "validation juridique de l'avenant",
        "amendment_signature": "signature de l'avenant",
        "exit_acknowledgement": "prise d'acte de la sortie",
    },
    "en": {
        "vision_approval": "approval of the shared vision",
        "balance_acceptance": "acceptance of the balance report",
        "legal_approval": "legal approval of the agreement",
        "signature": "signature of the agreement",
        "review": "steering committee vote (Go/noGo review)",
        "renewal": "renewal decision",
        "amendment_approval": "legal approval of the avenant",
        "amendment_signature": "signature of the avenant",
        "exit_acknowledgement": "acknowledgement of the exit",
    },
}

ROLES = {
    "fr": {
        "sponsor": "sponsor",
        "signatory": "signataire",
        "legal_officer": "juriste",
        "partnership_officer": "chargé(e) de partenariat",
        "committee_member": "membre du comité de pilotage",
    },
    "en": {
        "sponsor": "sponsor",
        "signatory": "signatory",
        "legal_officer": "legal officer",
        "partnership_officer": "partnership officer",
        "committee_member": "steering committee member",
    },
}


def _pick(table: dict[str, dict[str, str]], value: str | None, lang: str) -> str:
    if not value:
        return "—"
    return table.get(lang, table["fr"]).get(value, value.replace("_", " "))


def stage_words(value: str | None, lang: str = "fr") -> str:
    return _pick(STAGES, value, lang)


def gate_words(value: str | None, lang: str = "fr") -> str:
    return _pick(GATES, value, lang)


def role_words(value: str | None, lang: str = "fr") -> str:
    return _pick(ROLES, value, lang)


# The officers' pages are written in French; their English words, by the French text.
_ENGLISH = {
    "Portefeuille des partenariats": "Partnership portfolio",
    "Portefeuille": "Portfolio",
    "Enregistrer un partenariat": "Register a partnership",
    "Étape": "Stage",
    "toutes": "all",
    "Décision attendue": "Decision awaited",
    "Seulement avec un point bloquant": "Only with a blocking finding",
    "Revue prévue au plus tard le": "Review due by",
    "Recherche (référence, titre ou partenaire)": "Search (reference, title or partner)",
    "Trier par": "Sort by",
    "retards d'abord": "overdue first",
    "référence": "reference",
    "titre": "title",
    "étape": "stage",
    "dernière activité": "last activity",
    "prochaine revue": "next review",
    "Filtrer": "Filter",
    "partenariat(s)": "partnership(s)",
    "page": "page",
    "sur": "of",
    "Référence": "Reference",
    "Attendu de": "Awaited from",
    "Depuis": "Since",
    "Bloquants": "Blocking",
    "Prochaines dates": "Next dates",
    "Retard": "Overdue",
    "Aucun partenariat ne correspond.": "No partnership matches.",
    "← Page précédente": "← Previous page",
    "Page suivante →": "Next page →",
    "décision attendue": "decision awaited",
    "tour": "round",
    "de": "from",
    "English": "Français",
    "Actions du chargé de partenariat": "Partnership officer's actions",
    "Relancer le travail automatique de l'étape (documents, envoi des liens) — "
    "comme après une panne.": (
        "Run the stage's automatic work again (documents, links mailed) — as after a failure."
    ),
    "Relancer le travail automatique": "Run the automatic work again",
    "Déposer le fichier corrigé : les différences sont montrées avant toute modification. "
    "Signé, le partenariat change par avenant.": (
        "Upload the corrected file: the differences are shown before anything changes. Once "
        "signed, the partnership changes by an avenant."
    ),
    "Fichier du partenariat": "Partnership file",
    "Ouvrir dès aujourd'hui la prochaine revue Go/noGo (avancée sur sa date prévue ; les "
    "suivantes restent prévues).": (
        "Open the next Go/noGo review today (brought forward from its date; the later ones "
        "stay as scheduled)."
    ),
    "Ouvrir la revue maintenant": "Open the review now",
    "Date d'effet d'un avenant (facultatif)": "Effective date of an avenant (optional)",
    "Voir les différences": "Show the differences",
    "Cette décision n'est jamais enregistrée pour le compte d'autrui : seule la personne qui "
    "décide l'enregistre, par son lien personnel ou connectée au portail. Vous pouvez lui "
    "renvoyer son lien ci-dessous.": (
        "This decision is never recorded on someone's behalf: only the person who decides "
        "records it, through their personal link or signed in to the portal. You can resend "
        "their link below."
    ),
    "Enregistrer une décision pour le compte d'une personne": (
        "Record a decision on someone's behalf"
    ),
    "Personne": "Person",
    "Décision": "Decision",
    "Motif": "Reason",
    "Pièce justificative (courriel, procès-verbal)": "Evidence (a mail, minutes)",
    "Enregistrer pour son compte": "Record on their behalf",
    "Validation juridique": "Legal approval",
    "Validation juridique de l'avenant": "Legal approval of the avenant",
    "Avenant": "Avenant",
    "Convention": "Agreement",
    "Enregistrer ma validation": "Record my approval",
    "Liens de décision": "Decision links",
    "Jeton": "Token",
    "Expire le": "Expires on",
    "État": "State",
    "actif": "active",
    "expiré": "expired",
    "remplacé": "replaced",
    "utilisé / décidé": "used / decided",
    "tour clos": "round closed",
    "Renvoyer le lien": "Resend the link",
    "Aucun lien envoyé.": "No link sent.",
    "Décisions": "Decisions",
    "Date (UTC)": "Date (UTC)",
    "Qui": "Who",
    "Canal": "Channel",
    "Aucune décision.": "No decision.",
    "Points relevés": "Findings",
    "blocking": "blocking",
    "warning": "warning",
    "info": "info",
    "Aucun.": "None.",
    "Type": "Kind",
    "Version": "Version",
    "Fichier": "File",
    "Pièces justificatives": "Evidence",
    "Déposée par": "Uploaded by",
    "Chronologie": "Timeline",
    "événement(s), les plus récents d'abord": "event(s), newest first",
    "liens, les plus récents d'abord": "links, newest first",
    "← Plus récents": "← Newer",
    "Plus anciens →": "Older →",
}

# The kinds of document and the severities, in French words (the English keeps the code's
# words but spaced).
_FRENCH = {
    "blocking": "bloquant",
    "warning": "avertissement",
    "info": "information",
    "vision_note": "note de vision",
    "balance_report": "analyse d'équilibre",
    "agreement": "convention",
    "signature_packet": "dossier de signature",
    "charter": "charte de gouvernance",
    "calendar": "calendrier",
    "review_report": "rapport de revue",
    "minutes": "procès-verbal",
    "avenant": "avenant",
    "termination_letter": "lettre de résiliation",
    "exit_statement": "état de sortie",
}


def translator(lang: str):  # type: ignore[no-untyped-def]
    """``_`` of the officers' templates: the French text, or its English words."""
    if lang != "en":
        return lambda text: _FRENCH.get(text, text)
    return lambda text: _ENGLISH.get(text, text.replace("_", " "))


def date_format(lang: str) -> str:
    return "%d/%m/%Y" if lang != "en" else "%d %b %Y"
