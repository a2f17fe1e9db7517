"""The portal's words, in French (the default) and English (coopact/locale catalogues)."""

from __future__ import annotations

from collections.abc import Mapping

from coopact.i18n import N_, ByLanguage, language

_TEXTS = ByLanguage(
    {
        "app": N_("coopact — portail des partenariats"),
        "csrf_title": N_("Formulaire expiré"),
        "csrf_text": N_(
            "Ce formulaire n'est plus valable (ou ne vient pas de ce site). "
            "Rechargez la page et recommencez : rien n'a été enregistré."
        ),
        "refused_title": N_("Décision refusée"),
        "error_title": N_("Erreur interne"),
        "error_text": N_(
            "Une erreur inattendue s'est produite ; rien n'a été enregistré par cette "
            "requête. Communiquez la référence ci-dessous au chargé de partenariat."
        ),
        "incident": N_("Référence de l'incident"),
        "not_found_title": N_("Page introuvable"),
        "not_found": N_("Cette adresse ne correspond à aucune page."),
        "link_title": N_("Lien de décision non valable"),
        "schedule_link_title": N_("Lien d'échéancier non valable"),
        "health_link_title": N_("Lien du questionnaire de santé non valable"),
        "link_malformed": N_(
            "Ce lien est incomplet ou altéré : vérifiez que vous l'avez copié en "
            "entier depuis votre message. Rien n'a été enregistré."
        ),
        "link_unknown": N_("Ce lien n'est pas reconnu. Rien n'a été enregistré."),
        "link_altered": N_(
            "Ce lien a été modifié : il ne correspond pas à celui qui vous a été envoyé. "
            "Rien n'a été enregistré."
        ),
        "link_revoked": N_(
            "Ce lien a été remplacé par un nouveau lien, envoyé depuis. Utilisez le "
            "message le plus récent. Rien n'a été enregistré."
        ),
        "link_expired": N_(
            "Ce lien a expiré. Demandez un nouveau lien au chargé de partenariat. "
            "Rien n'a été enregistré."
        ),
        "link_reused": N_(
            "Votre décision a déjà été enregistrée : ce lien ne sert qu'une fois. "
            "Rien de plus n'a été enregistré."
        ),
        "link_closed": N_(
            "Cette décision n'est plus attendue : le tour de décision est clos. "
            "Rien n'a été enregistré."
        ),
        "link_throttled": N_(
            "Trop de liens non reconnus depuis cette adresse\u00a0: réessayez dans "
            "quelques minutes. Rien n'a été enregistré."
        ),
        "link_signin": N_(
            "La validation juridique se donne une fois connecté(e) au portail avec "
            "votre compte de juriste."
        ),
        "sign_in": N_("Se connecter"),
        "sign_out": N_("Se déconnecter"),
        "awaited": N_("Décision attendue"),
        "partnership": N_("Partenariat"),
        "you_decide_as": N_("Vous décidez en tant que"),
        "for_partner": N_("pour"),
        "why": N_("Pourquoi votre décision est attendue"),
        "document": N_("Document soumis à votre décision"),
        "download_docx": N_("Télécharger le document (.docx)"),
        "download_pdf": N_("Télécharger en PDF"),
        "download_signed_pdf": N_("Télécharger le PDF soumis à votre signature"),
        "sha256": N_("Empreinte SHA-256"),
        "sha256_hint": N_(
            "Cette empreinte identifie exactement la version sur laquelle vous décidez."
        ),
        "sha256_pdf_hint": N_(
            "Votre signature est liée à cette empreinte, celle du fichier PDF "
            "ci-dessus, que vous lisez et signez."
        ),
        "no_document": N_("Aucun document n'est attaché à cette décision."),
        "findings": N_("Points relevés pour cette étape"),
        "no_findings": N_("Aucun point relevé."),
        "your_decision": N_("Votre décision"),
        "reason": N_("Motif (obligatoire, conservé au registre)"),
        "submit": N_("Enregistrer ma décision"),
        "valid_until": N_("Lien valable jusqu'au"),
        "decided_title": N_("Décision enregistrée"),
        "decided_on": N_("Décidé le"),
        "by": N_("par"),
        "outcome": N_("Décision"),
        "recorded_text": N_("Votre décision est enregistrée. Merci."),
        "bad_outcome": N_("n'est pas une décision possible ici ; décisions possibles :"),
        "blocking": N_("bloquant"),
        "warning": N_("avertissement"),
        "info": N_("information"),
        "colon": N_("\u00a0:"),
        "refused_text": N_(
            "Votre décision n'a pas pu être enregistrée en l'état. Le chargé de "
            "partenariat en est averti et reviendra vers vous."
        ),
        "fix_below": N_(
            "Votre décision n'est pas encore enregistrée\u00a0: corrigez les points "
            "signalés ci-dessous, ce que vous avez saisi est conservé."
        ),
        "reason_missing": N_("Indiquez le motif de votre décision."),
        "justify": N_(
            "Des avertissements ont été relevés\u00a0: votre motif doit dire pourquoi "
            "vous les acceptez (au moins {n} caractères)."
        ),
        "document_changed": N_(
            "Le document a changé depuis l'ouverture de cette page\u00a0: "
            "rechargez-la pour décider sur la version en vigueur."
        ),
        "conditions": N_("Conditions (pour «\u00a0go sous conditions\u00a0» seulement)"),
        "conditions_hint": N_(
            "Une condition par ligne\u00a0: ce qui doit être fait, le partenaire "
            "qui en répond, l'échéance et, s'il y en a un, l'indicateur qui montrera qu'elle est "
            "remplie. Les lignes vides sont ignorées."
        ),
        "cond_what": N_("Ce qui doit être fait"),
        "cond_owner": N_("Partenaire responsable"),
        "cond_due": N_("Échéance"),
        "cond_indicator": N_("Indicateur (facultatif)"),
        "cond_add": N_("Ajouter une ligne"),
        "cond_none": N_(
            "«\u00a0Go sous conditions\u00a0» suppose au moins une condition\u00a0: "
            "remplissez une ligne ci-dessous."
        ),
        "cond_only": N_(
            "Des conditions sont saisies\u00a0: elles ne valent qu'avec «\u00a0go sous "
            "conditions\u00a0». Choisissez cette décision ou videz les lignes."
        ),
        "cond_what_missing": N_("Dites ce qui doit être fait."),
        "cond_owner_missing": N_("Choisissez le partenaire qui en répond."),
        "cond_due_missing": N_("Indiquez une échéance (jj/mm/aaaa)."),
        "cond_due_past": N_("L'échéance est passée\u00a0: choisissez une date à venir."),
        "choose": N_("— choisir —"),
        "next": N_("Et ensuite"),
        "not_offered": N_("Décision non proposée"),
        "officer_contact": N_("Votre interlocuteur"),
        "conditions_set": N_("Conditions fixées"),
        "choose_outcome": N_("Choisissez votre décision parmi\u00a0:"),
        "health_title": N_("Questionnaire de santé de la revue"),
        "health_fix": N_(
            "Vos réponses ne sont pas encore enregistrées\u00a0: complétez les points "
            "signalés ci-dessous, ce que vous avez saisi est conservé."
        ),
        "health_for": N_("Votre réponse pour"),
        "health_intro": N_(
            "Avant que le comité de pilotage ne décide, chaque partenaire dit où en "
            "est le partenariat pour lui. Vos réponses figurent dans le rapport de revue "
            "adressé au comité."
        ),
        "review_of": N_("Revue du"),
        "engagement": N_("Engagement de votre organisation dans le partenariat"),
        "trust": N_("Confiance entre les partenaires"),
        "scale": N_("1 = très faible, 5 = très forte"),
        "benefits": N_("Les bénéfices attendus par votre organisation sont-ils perçus\u00a0?"),
        "benefits_met": N_("Oui, pleinement"),
        "benefits_partly": N_("En partie"),
        "benefits_not_met": N_("Non"),
        "benefits_comment": N_(
            "Ce qui manque (obligatoire si les bénéfices ne sont pas pleinement perçus)"
        ),
        "red_lines": N_("Lignes rouges de votre organisation franchies depuis la dernière revue"),
        "no_red_lines": N_(
            "Le partenariat ne mentionne aucune ligne rouge pour votre organisation."
        ),
        "mission_served": N_("Votre mission d'utilité sociale reste-t-elle servie\u00a0?"),
        "yes": N_("Oui"),
        "no": N_("Non"),
        "comment": N_("Commentaire (facultatif)"),
        "health_submit": N_("Envoyer nos réponses"),
        "health_done": N_("Réponses enregistrées"),
        "health_done_text": N_("Les réponses de {partner} sont enregistrées. Merci."),
        "health_waiting": N_(
            "Le rapport de revue sera mis à jour et adressé au comité de pilotage "
            "dès que chaque partenaire aura répondu."
        ),
        "health_complete": N_(
            "Chaque partenaire a répondu\u00a0: le rapport de revue est mis à jour "
            "et adressé au comité de pilotage."
        ),
        "score_missing": N_("Choisissez une valeur de 1 à 5."),
        "benefits_missing": N_("Dites si les bénéfices sont perçus."),
        "comment_missing": N_("Dites ce qui manque."),
        "mission_missing": N_("Répondez par oui ou par non."),
        "health_closed": N_(
            "La revue n'est plus ouverte\u00a0: ce questionnaire n'attend plus de "
            "réponse. Rien n'a été enregistré."
        ),
    }
)


def texts(lang: str) -> Mapping[str, str]:
    return _TEXTS[language(lang)]
