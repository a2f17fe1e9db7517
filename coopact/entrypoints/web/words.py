"""Stage, gate and role names in words, for the officers' pages (French and English)."""

from __future__ import annotations

from coopact.i18n import N_, ByLanguage, language

STAGES = ByLanguage(
    {
        "draft": N_("brouillon (vision à approuver)"),
        "vision_agreed": N_("vision partagée approuvée"),
        "balanced": N_("équilibre accepté"),
        "formalised": N_("convention validée, à signer"),
        "signed": N_("convention signée"),
        "active": N_("actif"),
        "in_review": N_("en revue Go/noGo"),
        "in_renewal": N_("en renouvellement"),
        "amending": N_("avenant en préparation"),
        "amendment_signing": N_("avenant à signer"),
        "terminated": N_("résilié (sortie en cours)"),
        "closed": N_("clos"),
        "registration": N_("enregistrement"),
    }
)

GATES = ByLanguage(
    {
        "vision_approval": N_("approbation de la vision partagée"),
        "balance_acceptance": N_("acceptation de l'analyse d'équilibre"),
        "legal_approval": N_("validation juridique de la convention"),
        "signature": N_("signature de la convention"),
        "review": N_("vote du comité de pilotage (revue Go/noGo)"),
        "renewal": N_("décision de renouvellement"),
        "amendment_approval": N_("validation juridique de l'avenant"),
        "amendment_signature": N_("signature de l'avenant"),
        "exit_acknowledgement": N_("prise d'acte de la sortie"),
        "health_check": N_("questionnaire de santé de la revue"),
        "money_schedule": N_("échéancier des versements (consultation)"),
    }
)

ROLES = ByLanguage(
    {
        "sponsor": N_("sponsor"),
        "signatory": N_("signataire"),
        "legal_officer": N_("juriste"),
        "partnership_officer": N_("chargé(e) de partenariat"),
        "committee_member": N_("membre du comité de pilotage"),
        "referent": N_("référent"),
        "treasurer": N_("trésorier(ère)"),
    }
)


SCHEDULE = ByLanguage(
    {
        "review": N_("revue Go/noGo"),
        "gate_milestone": N_("jalon Go/noGo"),
        "renewal_notice": N_("préavis de renouvellement"),
        "renewal_reminder": N_("rappel de renouvellement"),
        "term_end": N_("échéance du partenariat"),
    }
)

# The timeline's events of the money after signature, in words (other actions are shown as
# their audit code until they are given words here).
ACTIONS = ByLanguage(
    {
        "partnership.registered": N_("partenariat enregistré"),
        "partnership.amended": N_("fichier du partenariat modifié"),
        "partnership.exit_started": N_("sortie du partenariat engagée"),
        "partnership.closed": N_("partenariat clos"),
        "stage.changed": N_("changement d'étape"),
        "stage.work": N_("travail automatique de l'étape effectué"),
        "stage.work_failed": N_("travail automatique de l'étape en échec"),
        "work.failed": N_("travail automatique en échec"),
        "work.resumed": N_("travail automatique repris"),
        "document.generated": N_("document généré"),
        "document.change_notified": N_("modification d'un document annoncée"),
        "decision.recorded": N_("décision enregistrée"),
        "gate.notified": N_("personnes attendues prévenues"),
        "gate.notify_failed": N_("envoi des demandes de décision en échec"),
        "gate.closed": N_("décision de l'étape close"),
        "gate.blocked": N_("étape bloquée par un point bloquant"),
        "link.issued": N_("lien personnel émis"),
        "link.resent": N_("lien personnel renvoyé"),
        "link.reminded": N_("rappel d'un lien sur le point d'expirer"),
        "link.refused": N_("lien personnel refusé"),
        "link.decision_refused": N_("décision refusée par son lien"),
        "link.throttled": N_("lien personnel freiné (trop de tentatives)"),
        "refused": N_("demande refusée"),
        "officer.notified": N_("chargé(e) de partenariat prévenu(e)"),
        "activation.notified": N_("démarrage annoncé aux partenaires"),
        "activation.notify_failed": N_("annonce du démarrage en échec"),
        "calendar.mailed": N_("calendrier envoyé"),
        "schedule.planned": N_("échéances planifiées"),
        "schedule.dropped": N_("échéances retirées"),
        "review.opened": N_("revue Go/noGo ouverte"),
        "review.overdue": N_("revue Go/noGo en retard"),
        "review.answers_recorded": N_("questionnaire de santé enregistré"),
        "review.meeting": N_("réunion du comité de pilotage consignée"),
        "condition.met": N_("condition levée"),
        "avenant.drafted": N_("avenant rédigé"),
        "avenant.approved": N_("avenant validé par le juriste"),
        "avenant.signed": N_("avenant signé"),
        "signature.sent": N_("envoi à la signature électronique"),
        "signature.completed": N_("signature électronique reçue"),
        "signature.failed": N_("signature électronique en échec"),
        "renewal.opened": N_("renouvellement ouvert"),
        "renewal.reminder": N_("rappel de renouvellement"),
        "renewal.reminder_sent": N_("rappel de renouvellement envoyé"),
        "renewal.reminder_failed": N_("rappel de renouvellement en échec"),
        "renewal.notice_given": N_("préavis de non-renouvellement donné"),
        "renewal.tacit": N_("renouvellement tacite"),
        "renewal.terms_set": N_("conditions du nouveau terme fixées"),
        "person.erased": N_("données d'une personne effacées"),
        "user.added": N_("compte du portail créé"),
        "user.disabled": N_("compte du portail désactivé"),
        "user.signed_in": N_("connexion au portail"),
        "user.sign_in_refused": N_("connexion au portail refusée"),
        "user.sign_in_throttled": N_("connexion au portail freinée"),
        "web.refusals_summarised": N_("refus du portail récapitulés"),
        "evidence.stored": N_("pièce justificative conservée"),
        "api_token.added": N_("jeton d'API créé"),
        "webhook.added": N_("webhook sortant ajouté"),
        "webhook.removed": N_("webhook sortant retiré"),
        "payment.recorded": N_("versement enregistré"),
        "valuation.recorded": N_("valorisation d'un don en nature ou de compétences enregistrée"),
        "tax_receipt.issued": N_("reçu fiscal émis"),
        "money.call_sent": N_("appel de fonds envoyé"),
        "money.reminder_sent": N_("relance d'échéance en retard envoyée"),
        "money.schedule_link_sent": N_("lien de l'échéancier envoyé au référent"),
        "use_of_funds.reported": N_("emploi des fonds déclaré"),
    }
)


def _pick(table: ByLanguage[str], value: str | None, lang: str) -> str:
    if not value:
        return "—"
    return table[language(lang)].get(value, value.replace("_", " "))


def stage_words(value: str | None, lang: str = "fr") -> str:
    return _pick(STAGES, value, lang)


def gate_words(value: str | None, lang: str = "fr") -> str:
    return _pick(GATES, value, lang)


def role_words(value: str | None, lang: str = "fr") -> str:
    return _pick(ROLES, value, lang)


def action_words(value: str, lang: str = "fr") -> str:
    """An event of the timeline in words when it has them, else its audit code."""
    return ACTIONS[language(lang)].get(value, value)


def schedule_words(value: str | None, lang: str = "fr") -> str:
    """A dated item of the calendar (``review``, ``renewal_notice``…) in words."""
    return _pick(SCHEDULE, value, lang)


# Codes shown through the catalogues as they are (``_(f.severity)``, ``_(d.kind)``,
# ``_(item.status)`` in the officers' templates): marked here for the extraction.
CODES = [
    N_("blocking"),
    N_("warning"),
    N_("info"),
    N_("vision_note"),
    N_("balance_report"),
    N_("agreement"),
    N_("signature_packet"),
    N_("charter"),
    N_("calendar"),
    N_("review_report"),
    N_("minutes"),
    N_("avenant"),
    N_("termination_letter"),
    N_("exit_statement"),
    N_("agreement_pdf"),
    N_("signed_agreement"),
    N_("avenant_pdf"),
    N_("avenant_signature_packet"),
    N_("signed_avenant"),
    N_("consolidated_agreement"),
    N_("tax_receipt"),
    N_("use_of_funds"),
    N_("actif"),
    N_("expiré"),
    N_("remplacé"),
    N_("utilisé / décidé"),
    N_("tour clos"),
    N_("due"),
    N_("late"),
    N_("partly_paid"),
    N_("paid"),
]


def date_format(lang: str) -> str:
    return "%d/%m/%Y" if lang != "en" else "%d %b %Y"
