"""The gates, stages and outcomes in words, for the people who decide (pages and mails), in
French and English: what is asked of them, what happens once they have answered, and why
an outcome is not offered. Never a command line, never a raw code."""

from __future__ import annotations

from coopact.contracts.lifecycle import Gate, Stage
from coopact.i18n import N_, ByLanguage, language, translations

_DESCRIPTIONS = ByLanguage(
    {
        Gate.vision_approval: N_(
            "Chaque sponsor approuve la vision partagée au nom de son "
            "organisation avant que l'analyse d'équilibre ne soit rédigée."
        ),
        Gate.balance_acceptance: N_(
            "Chaque sponsor accepte l'analyse d'équilibre\u00a0; les "
            "avertissements acceptés sont justifiés dans le motif."
        ),
        Gate.legal_approval: N_(
            "Le juriste valide la convention de partenariat avant sa signature."
        ),
        Gate.signature: N_(
            "Chaque signataire signe la version de la convention dont "
            "l'empreinte figure ci-dessous."
        ),
        Gate.review: N_(
            "Le comité de pilotage décide de la suite du partenariat\u00a0: go, go "
            "sous conditions (chaque condition avec son responsable et son échéance) ou no go."
        ),
        Gate.renewal: N_(
            "Chaque sponsor décide du renouvellement du partenariat ou de sa fin à l'échéance."
        ),
        Gate.amendment_approval: N_(
            "Le juriste valide l'avenant à la convention avant qu'il ne "
            "soit soumis à la signature des parties\u00a0; la convention reste en vigueur telle "
            "que signée jusqu'à la signature de l'avenant."
        ),
        Gate.amendment_signature: N_(
            "Chaque signataire signe la version de l'avenant dont l'empreinte figure ci-dessous."
        ),
        Gate.exit_acknowledgement: N_(
            "Le partenariat prend fin. Chaque partenaire, par son "
            "représentant, prend acte de l'état de sortie (sommes à régler, restitutions)\u00a0; "
            "le partenariat est clos une fois que tous en ont pris acte."
        ),
    }
)

_NEXT = ByLanguage(
    {
        Gate.vision_approval: N_(
            "Une fois la vision approuvée par chaque sponsor, l'analyse "
            "d'équilibre est rédigée et vous est adressée."
        ),
        Gate.balance_acceptance: N_(
            "Une fois l'analyse acceptée par chaque sponsor, la "
            "convention est rédigée puis validée par le juriste."
        ),
        Gate.legal_approval: N_(
            "Une fois la convention validée, chaque signataire reçoit son lien de signature."
        ),
        Gate.signature: N_(
            "Une fois la convention signée par chaque partenaire, le partenariat "
            "devient actif et son calendrier est adressé à chacun."
        ),
        Gate.review: N_(
            "Une fois le comité décidé, le procès-verbal est rédigé et adressé aux partenaires."
        ),
        Gate.renewal: N_(
            "Une fois chaque sponsor décidé, le renouvellement est préparé par "
            "avenant, ou la sortie est organisée."
        ),
        Gate.amendment_approval: N_(
            "Une fois l'avenant validé, chaque signataire reçoit son lien de signature."
        ),
        Gate.amendment_signature: N_(
            "Une fois l'avenant signé par chaque partenaire, il entre en vigueur à sa date d'effet."
        ),
        Gate.exit_acknowledgement: N_(
            "Une fois que chaque partenaire a pris acte, le partenariat est clos."
        ),
    }
)

_STAGES = ByLanguage(
    {
        Stage.draft: N_("projet (vision à approuver)"),
        Stage.vision_agreed: N_("vision approuvée (équilibre à accepter)"),
        Stage.balanced: N_("équilibre accepté (convention à valider)"),
        Stage.formalised: N_("convention validée (signatures attendues)"),
        Stage.signed: N_("convention signée"),
        Stage.active: N_("actif"),
        Stage.in_review: N_("en revue Go/noGo"),
        Stage.in_renewal: N_("en renouvellement"),
        Stage.amending: N_("avenant à valider"),
        Stage.amendment_signing: N_("avenant à signer"),
        Stage.terminated: N_("sortie en cours"),
        Stage.closed: N_("clos"),
    }
)


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "fr"


def description(gate: Gate, lang: str) -> str:
    """Why the person's decision is awaited at ``gate``."""
    return _DESCRIPTIONS[_lang(lang)][gate]


def next_step(gate: Gate, lang: str) -> str:
    """What happens once everyone awaited at ``gate`` has answered."""
    return _NEXT[_lang(lang)][gate]


def stage_label(stage: str, lang: str) -> str:
    try:
        return _STAGES[_lang(lang)][Stage(stage)]
    except ValueError:
        return stage


def not_offered(gate: Gate, outcome_label: str, blocking: int, lang: str) -> str:
    """Why an approving outcome is not offered while blocking findings stand."""
    said = translations(language(lang))
    points = said.ngettext("un point bloquant", "{n} points bloquants", blocking)
    if gate is Gate.review:
        text = said.gettext(
            "«\u00a0{outcome}\u00a0» n'est pas proposé\u00a0: le rapport de revue relève "
            "{points} (listés ci-dessus, par exemple une ligne rouge franchie). Le comité peut "
            "décider go sous conditions, en fixant ce qui doit être corrigé, ou no go."
        )
    else:
        text = said.gettext(
            "«\u00a0{outcome}\u00a0» n'est pas proposé\u00a0: le document relève {points} "
            "(listés ci-dessus). Le chargé de partenariat corrige le dossier et un nouveau "
            "document vous sera adressé\u00a0; vous pouvez aussi rejeter en disant pourquoi."
        )
    return text.format(outcome=outcome_label, points=points.format(n=blocking))


_OUTCOMES = ByLanguage(
    {
        "approve": N_("approbation"),
        "reject": N_("rejet"),
        "sign": N_("signature"),
        "decline": N_("refus de signer"),
        "go": N_("go"),
        "go_with_conditions": N_("go sous conditions"),
        "no_go": N_("no go"),
        "renew": N_("renouvellement"),
        "end": N_("fin à l'échéance"),
        "acknowledge": N_("prise d'acte"),
    }
)


def outcome_word(outcome: str, lang: str) -> str:
    """A gate's outcome as a word for a third party (the officers), not the decider's 'I'."""
    return _OUTCOMES[_lang(lang)].get(outcome, outcome)


# The outcomes as the person deciding says them (the portal's buttons; a mail asking again
# recalls the earlier answers with them).
OUTCOMES = ByLanguage(
    {
        "approve": N_("J'approuve"),
        "reject": N_("Je rejette"),
        "sign": N_("Je signe"),
        "decline": N_("Je refuse de signer"),
        "go": N_("Go"),
        "go_with_conditions": N_("Go sous conditions"),
        "no_go": N_("No go"),
        "renew": N_("Renouveler"),
        "end": N_("Mettre fin"),
        "acknowledge": N_("Je prends acte"),
    }
)


def outcome_label(outcome: str, lang: str) -> str:
    return OUTCOMES[language(lang)].get(outcome, outcome)
