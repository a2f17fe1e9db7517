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
    "link_throttled": "Trop de liens non reconnus depuis cette adresse\u00a0: réessayez dans "
    "quelques minutes. Rien n'a été enregistré.",
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
    "choose_outcome": "Choisissez votre décision parmi\u00a0:",
    "health_title": "Questionnaire de santé de la revue",
    "health_fix": "Vos réponses ne sont pas encore enregistrées\u00a0: complétez les points "
    "signalés ci-dessous, ce que vous avez saisi est conservé.",
    "health_for": "Votre réponse pour",
    "health_intro": "Avant que le comité de pilotage ne décide, chaque partenaire dit où en "
    "est le partenariat pour lui. Vos réponses figurent dans le rapport de revue adressé au "
    "comité.",
    "review_of": "Revue du",
    "engagement": "Engagement de votre organisation dans le partenariat",
    "trust": "Confiance entre les partenaires",
    "scale": "1 = très faible, 5 = très forte",
    "benefits": "Les bénéfices attendus par votre organisation sont-ils perçus\u00a0?",
    "benefits_met": "Oui, pleinement",
    "benefits_partly": "En partie",
    "benefits_not_met": "Non",
    "benefits_comment": "Ce qui manque (obligatoire si les bénéfices ne sont pas pleinement "
    "perçus)",
    "red_lines": "Lignes rouges de votre organisation franchies depuis la dernière revue",
    "no_red_lines": "Le partenariat ne mentionne aucune ligne rouge pour votre organisation.",
    "mission_served": "Votre mission d'utilité sociale reste-t-elle servie\u00a0?",
    "yes": "Oui",
    "no": "Non",
    "comment": "Commentaire (facultatif)",
    "health_submit": "Envoyer nos réponses",
    "health_done": "Réponses enregistrées",
    "health_done_text": "Les réponses de {partner} sont enregistrées. Merci.",
    "health_waiting": "Le rapport de revue sera mis à jour et adressé au comité de pilotage "
    "dès que chaque partenaire aura répondu.",
    "health_complete": "Chaque partenaire a répondu\u00a0: le rapport de revue est mis à jour "
    "et adressé au comité de pilotage.",
    "score_missing": "Choisissez une valeur de 1 à 5.",
    "benefits_missing": "Dites si les bénéfices sont perçus.",
    "comment_missing": "Dites ce qui manque.",
    "mission_missing": "Répondez par oui ou par non.",
    "health_closed": "La revue n'est plus ouverte\u00a0: ce questionnaire n'attend plus de "
    "réponse. Rien n'a été enregistré.",
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
    "link_throttled": "Too many unrecognised links from this address: try again in a few "
    "minutes. Nothing was recorded.",
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
    "choose_outcome": "Choose your decision among:",
    "health_title": "The review's health check",
    "health_fix": "Your answers are not recorded yet: complete what is pointed out below; "
    "what you typed is kept.",
    "health_for": "Your answers for",
    "health_intro": "Before the steering committee decides, each partner says where the "
    "partnership stands for it. Your answers appear in the review report sent to the committee.",
    "review_of": "Review of",
    "engagement": "Your organisation's engagement in the partnership",
    "trust": "Trust between the partners",
    "scale": "1 = very low, 5 = very high",
    "benefits": "Does your organisation receive the benefits it expected?",
    "benefits_met": "Yes, fully",
    "benefits_partly": "Partly",
    "benefits_not_met": "No",
    "benefits_comment": "What is missing (required unless the benefits are fully received)",
    "red_lines": "Your organisation's red lines crossed since the last review",
    "no_red_lines": "The partnership names no red line for your organisation.",
    "mission_served": "Is your social-purpose mission still served?",
    "yes": "Yes",
    "no": "No",
    "comment": "Comment (optional)",
    "health_submit": "Send our answers",
    "health_done": "Answers recorded",
    "health_done_text": "{partner}'s answers are recorded. Thank you.",
    "health_waiting": "The review report will be updated and sent to the steering committee "
    "once every partner has answered.",
    "health_complete": "Every partner has answered: the review report is updated and sent to "
    "the steering committee.",
    "score_missing": "Choose a value from 1 to 5.",
    "benefits_missing": "Say whether the benefits are received.",
    "comment_missing": "Say what is missing.",
    "mission_missing": "Answer yes or no.",
    "health_closed": "The review is no longer open: this health check awaits no answer. "
    "Nothing was recorded.",
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
