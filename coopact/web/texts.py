"""The portal's words, in French (the default) and English."""

from __future__ import annotations

_FR = {
    "app": "coopact — portail des partenariats",
    "csrf_title": "Formulaire expiré",
    "csrf_text": "Ce formulaire n'est plus valable (ou ne vient pas de ce site). "
    "Rechargez la page et recommencez : rien n'a été enregistré.",
    "refused_title": "Décision refusée",
    "error_title": "Erreur interne",
    "error_text": "Une erreur inattendue s'est produite ; rien n'a été enregistré par cette "
    "requête. Communiquez la référence ci-dessous au chargé de partenariat.",
    "incident": "Référence de l'incident",
    "not_found_title": "Page introuvable",
    "not_found": "Cette adresse ne correspond à aucune page.",
    "link_title": "Lien de décision non valable",
    "link_malformed": "Ce lien est incomplet ou altéré : vérifiez que vous l'avez copié en "
    "entier depuis votre message. Rien n'a été enregistré.",
    "link_unknown": "Ce lien n'est pas reconnu. Rien n'a été enregistré.",
    "link_altered": "Ce lien a été modifié : il ne correspond pas à celui qui vous a été envoyé. "
    "Rien n'a été enregistré.",
    "link_revoked": "Ce lien a été remplacé par un nouveau lien, envoyé depuis. Utilisez le "
    "message le plus récent. Rien n'a été enregistré.",
    "link_expired": "Ce lien a expiré. Demandez un nouveau lien au chargé de partenariat. "
    "Rien n'a été enregistré.",
    "link_reused": "Votre décision a déjà été enregistrée : ce lien ne sert qu'une fois. "
    "Rien de plus n'a été enregistré.",
    "link_closed": "Cette décision n'est plus attendue : le tour de décision est clos. "
    "Rien n'a été enregistré.",
    "link_signin": "La validation juridique se donne une fois connecté(e) au portail avec "
    "votre compte de juriste.",
    "sign_in": "Se connecter",
    "sign_out": "Se déconnecter",
    "awaited": "Décision attendue",
    "partnership": "Partenariat",
    "you_decide_as": "Vous décidez en tant que",
    "for_partner": "pour",
    "why": "Pourquoi votre décision est attendue",
    "document": "Document soumis à votre décision",
    "download_docx": "Télécharger le document (.docx)",
    "download_pdf": "Télécharger en PDF",
    "sha256": "Empreinte SHA-256",
    "sha256_hint": "Cette empreinte identifie exactement la version sur laquelle vous décidez.",
    "no_document": "Aucun document n'est attaché à cette décision.",
    "findings": "Points relevés pour cette étape",
    "no_findings": "Aucun point relevé.",
    "your_decision": "Votre décision",
    "reason": "Motif (obligatoire, conservé au registre)",
    "submit": "Enregistrer ma décision",
    "valid_until": "Lien valable jusqu'au",
    "decided_title": "Décision enregistrée",
    "decided_on": "Décidé le",
    "by": "par",
    "outcome": "Décision",
    "recorded_text": "Votre décision est enregistrée. Merci.",
    "bad_outcome": "n'est pas une décision possible ici ; décisions possibles :",
    "blocking": "bloquant",
    "warning": "avertissement",
    "info": "information",
    "colon": "\u00a0:",
    "refused_text": "Votre décision n'a pas pu être enregistrée en l'état. Le chargé de "
    "partenariat en est averti et reviendra vers vous.",
    "fix_below": "Votre décision n'est pas encore enregistrée\u00a0: corrigez les points "
    "signalés ci-dessous, ce que vous avez saisi est conservé.",
    "reason_missing": "Indiquez le motif de votre décision.",
    "justify": "Des avertissements ont été relevés\u00a0: votre motif doit dire pourquoi "
    "vous les acceptez (au moins {n} caractères).",
    "document_changed": "Le document a changé depuis l'ouverture de cette page\u00a0: "
    "rechargez-la pour décider sur la version en vigueur.",
    "conditions": "Conditions (pour «\u00a0go sous conditions\u00a0» seulement)",
    "conditions_hint": "Une condition par ligne\u00a0: ce qui doit être fait, le partenaire "
    "qui en répond, l'échéance et, s'il y en a un, l'indicateur qui montrera qu'elle est "
    "remplie. Les lignes vides sont ignorées.",
    "cond_what": "Ce qui doit être fait",
    "cond_owner": "Partenaire responsable",
    "cond_due": "Échéance",
    "cond_indicator": "Indicateur (facultatif)",
    "cond_add": "Ajouter une ligne",
    "cond_none": "«\u00a0Go sous conditions\u00a0» suppose au moins une condition\u00a0: "
    "remplissez une ligne ci-dessous.",
    "cond_only": "Des conditions sont saisies\u00a0: elles ne valent qu'avec «\u00a0go sous "
    "conditions\u00a0». Choisissez cette décision ou videz les lignes.",
    "cond_what_missing": "Dites ce qui doit être fait.",
    "cond_owner_missing": "Choisissez le partenaire qui en répond.",
    "cond_due_missing": "Indiquez une échéance (jj/mm/aaaa).",
    "cond_due_past": "L'échéance est passée\u00a0: choisissez une date à venir.",
    "choose": "— choisir —",
    "next": "Et ensuite",
    "not_offered": "Décision non proposée",
    "officer_contact": "Votre interlocuteur",
    "conditions_set": "Conditions fixées",
}
_EN = {
    "app": "coopact — partnership portal",
    "csrf_title": "Form expired",
    "csrf_text": "This form is no longer valid (or does not come from this site). Reload the "
    "page and try again: nothing was recorded.",
    "refused_title": "Decision refused",
    "error_title": "Internal error",
    "error_text": "Something unexpected happened; this request recorded nothing. Give the "
    "reference below to the partnership officer.",
    "incident": "Incident reference",
    "not_found_title": "Page not found",
    "not_found": "No page lives at this address.",
    "link_title": "This decision link is not valid",
    "link_malformed": "This link is incomplete or damaged: check you copied all of it from "
    "your message. Nothing was recorded.",
    "link_unknown": "This link is not recognised. Nothing was recorded.",
    "link_altered": "This link was altered: it is not the one sent to you. Nothing was recorded.",
    "link_revoked": "This link was replaced by a newer one: use the latest message. Nothing "
    "was recorded.",
    "link_expired": "This link has expired. Ask the partnership officer for a new one. "
    "Nothing was recorded.",
    "link_reused": "Your decision was already recorded: this link works once. Nothing more "
    "was recorded.",
    "link_closed": "This decision is no longer awaited: the round is closed. Nothing was recorded.",
    "link_signin": "The legal approval is given once signed in to the portal with your legal "
    "officer account.",
    "sign_in": "Sign in",
    "sign_out": "Sign out",
    "awaited": "Decision awaited",
    "partnership": "Partnership",
    "you_decide_as": "You decide as",
    "for_partner": "for",
    "why": "Why your decision is awaited",
    "document": "Document to decide on",
    "download_docx": "Download the document (.docx)",
    "download_pdf": "Download as PDF",
    "sha256": "SHA-256 fingerprint",
    "sha256_hint": "This fingerprint names exactly the version you decide on.",
    "no_document": "No document goes with this decision.",
    "findings": "Findings for this stage",
    "no_findings": "No finding.",
    "your_decision": "Your decision",
    "reason": "Reason (required, kept in the record)",
    "submit": "Record my decision",
    "valid_until": "Link valid until",
    "decided_title": "Decision recorded",
    "decided_on": "Decided on",
    "by": "by",
    "outcome": "Decision",
    "recorded_text": "Your decision is recorded. Thank you.",
    "bad_outcome": "is not a possible decision here; possible decisions:",
    "blocking": "blocking",
    "warning": "warning",
    "info": "information",
    "colon": ":",
    "refused_text": "Your decision could not be recorded as it stands. The partnership "
    "officer has been told and will come back to you.",
    "fix_below": "Your decision is not recorded yet: put right what is pointed out below; "
    "what you typed is kept.",
    "reason_missing": "Give the reason for your decision.",
    "justify": "Warnings were found: your reason must say why you accept them (at least "
    "{n} characters).",
    "document_changed": "The document changed since this page was opened: reload it to "
    "decide on the version in force.",
    "conditions": "Conditions (for 'go with conditions' only)",
    "conditions_hint": "One condition per row: what must be done, the partner answering for "
    "it, the due date and, where there is one, the indicator that will show it met. Empty "
    "rows are ignored.",
    "cond_what": "What must be done",
    "cond_owner": "Partner answering for it",
    "cond_due": "Due date",
    "cond_indicator": "Indicator (optional)",
    "cond_add": "Add a row",
    "cond_none": "'Go with conditions' needs at least one condition: fill in a row below.",
    "cond_only": "Conditions are filled in: they only go with 'go with conditions'. Choose "
    "that decision or empty the rows.",
    "cond_what_missing": "Say what must be done.",
    "cond_owner_missing": "Choose the partner answering for it.",
    "cond_due_missing": "Give a due date (YYYY-MM-DD).",
    "cond_due_past": "The due date has passed: choose a date to come.",
    "choose": "— choose —",
    "next": "What happens next",
    "not_offered": "Decision not offered",
    "officer_contact": "Your contact",
    "conditions_set": "Conditions set",
}

OUTCOMES = {
    "fr": {
        "approve": "J'approuve",
        "reject": "Je rejette",
        "sign": "Je signe",
        "decline": "Je refuse de signer",
        "go": "Go",
        "go_with_conditions": "Go sous conditions",
        "no_go": "No go",
        "renew": "Renouveler",
        "end": "Mettre fin",
        "acknowledge": "Je prends acte",
    },
    "en": {
        "approve": "I approve",
        "reject": "I reject",
        "sign": "I sign",
        "decline": "I decline to sign",
        "go": "Go",
        "go_with_conditions": "Go with conditions",
        "no_go": "No go",
        "renew": "Renew",
        "end": "End",
        "acknowledge": "I acknowledge",
    },
}


def texts(lang: str) -> dict[str, str]:
    return _EN if lang == "en" else _FR


def outcome_label(outcome: str, lang: str) -> str:
    return OUTCOMES.get(lang, OUTCOMES["fr"]).get(outcome, outcome)
