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
