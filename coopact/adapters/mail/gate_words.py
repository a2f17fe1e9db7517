"""The gates, stages and outcomes in words, for the people who decide (pages and mails), in
French and English: what is asked of them, what happens once they have answered, and why
an outcome is not offered. Never a command line, never a raw code."""

from __future__ import annotations

from coopact.contracts.lifecycle import Gate, Stage

_DESCRIPTIONS = {
    "fr": {
        Gate.vision_approval: "Chaque sponsor approuve la vision partagée au nom de son "
        "organisation avant que l'analyse d'équilibre ne soit rédigée.",
        Gate.balance_acceptance: "Chaque sponsor accepte l'analyse d'équilibre\u00a0; les "
        "avertissements acceptés sont justifiés dans le motif.",
        Gate.legal_approval: "Le juriste valide la convention de partenariat avant sa signature.",
        Gate.signature: "Chaque signataire signe la version de la convention dont "
        "l'empreinte figure ci-dessous.",
        Gate.review: "Le comité de pilotage décide de la suite du partenariat\u00a0: go, go "
        "sous conditions (chaque condition avec son responsable et son échéance) ou no go.",
        Gate.renewal: "Chaque sponsor décide du renouvellement du partenariat ou de sa fin "
        "à l'échéance.",
        Gate.amendment_approval: "Le juriste valide l'avenant à la convention avant qu'il ne "
        "soit soumis à la signature des parties\u00a0; la convention reste en vigueur telle "
        "que signée jusqu'à la signature de l'avenant.",
        Gate.amendment_signature: "Chaque signataire signe la version de l'avenant dont "
        "l'empreinte figure ci-dessous.",
        Gate.exit_acknowledgement: "Le partenariat prend fin. Chaque partenaire, par son "
        "représentant, prend acte de l'état de sortie (sommes à régler, restitutions)\u00a0; "
        "le partenariat est clos une fois que tous en ont pris acte.",
    },
    "en": {
        Gate.vision_approval: "Each sponsor approves the shared vision on behalf of their "
        "organisation before the balance analysis is written.",
        Gate.balance_acceptance: "Each sponsor accepts the balance analysis; any warning "
        "accepted is justified in the reason.",
        Gate.legal_approval: "The legal officer approves the partnership agreement before it "
        "goes out for signature.",
        Gate.signature: "Each signatory signs the version of the agreement whose fingerprint "
        "is shown below.",
        Gate.review: "The steering committee decides what comes next: go, go with conditions "
        "(each condition with the partner answering for it and a due date) or no go.",
        Gate.renewal: "Each sponsor decides whether to renew the partnership or to end it at term.",
        Gate.amendment_approval: "The legal officer approves the amendment before it goes to "
        "the parties for signature; the agreement stays in force as signed until the "
        "amendment is signed.",
        Gate.amendment_signature: "Each signatory signs the version of the amendment whose "
        "fingerprint is shown below.",
        Gate.exit_acknowledgement: "The partnership is ending. Each partner, through its "
        "representative, acknowledges the exit statement (sums due, what is returned); the "
        "partnership is closed once every partner has.",
    },
}

_NEXT = {
    "fr": {
        Gate.vision_approval: "Une fois la vision approuvée par chaque sponsor, l'analyse "
        "d'équilibre est rédigée et vous est adressée.",
        Gate.balance_acceptance: "Une fois l'analyse acceptée par chaque sponsor, la "
        "convention est rédigée puis validée par le juriste.",
        Gate.legal_approval: "Une fois la convention validée, chaque signataire reçoit son "
        "lien de signature.",
        Gate.signature: "Une fois la convention signée par chaque partenaire, le partenariat "
        "devient actif et son calendrier est adressé à chacun.",
        Gate.review: "Une fois le comité décidé, le procès-verbal est rédigé et adressé aux "
        "partenaires.",
        Gate.renewal: "Une fois chaque sponsor décidé, le renouvellement est préparé par "
        "avenant, ou la sortie est organisée.",
        Gate.amendment_approval: "Une fois l'avenant validé, chaque signataire reçoit son "
        "lien de signature.",
        Gate.amendment_signature: "Une fois l'avenant signé par chaque partenaire, il entre "
        "en vigueur à sa date d'effet.",
        Gate.exit_acknowledgement: "Une fois que chaque partenaire a pris acte, le "
        "partenariat est clos.",
    },
    "en": {
        Gate.vision_approval: "Once every sponsor has approved the vision, the balance "
        "analysis is written and sent to you.",
        Gate.balance_acceptance: "Once every sponsor has accepted the analysis, the agreement "
        "is drawn up, then approved by the legal officer.",
        Gate.legal_approval: "Once the agreement is approved, each signatory receives their "
        "signature link.",
        Gate.signature: "Once every partner has signed, the partnership becomes active and "
        "its calendar is sent to everyone.",
        Gate.review: "Once the committee has decided, the minutes are written and sent to "
        "the partners.",
        Gate.renewal: "Once every sponsor has decided, the renewal is prepared by an "
        "amendment, or the exit is organised.",
        Gate.amendment_approval: "Once the amendment is approved, each signatory receives "
        "their signature link.",
        Gate.amendment_signature: "Once every partner has signed the amendment, it takes "
        "effect on its effective date.",
        Gate.exit_acknowledgement: "Once every partner has acknowledged the exit, the "
        "partnership is closed.",
    },
}

_STAGES = {
    "fr": {
        Stage.draft: "projet (vision à approuver)",
        Stage.vision_agreed: "vision approuvée (équilibre à accepter)",
        Stage.balanced: "équilibre accepté (convention à valider)",
        Stage.formalised: "convention validée (signatures attendues)",
        Stage.signed: "convention signée",
        Stage.active: "actif",
        Stage.in_review: "en revue Go/noGo",
        Stage.in_renewal: "en renouvellement",
        Stage.amending: "avenant à valider",
        Stage.amendment_signing: "avenant à signer",
        Stage.terminated: "sortie en cours",
        Stage.closed: "clos",
    },
    "en": {
        Stage.draft: "draft (vision to approve)",
        Stage.vision_agreed: "vision agreed (balance to accept)",
        Stage.balanced: "balance accepted (agreement to approve)",
        Stage.formalised: "agreement approved (signatures awaited)",
        Stage.signed: "agreement signed",
        Stage.active: "active",
        Stage.in_review: "in its Go/noGo review",
        Stage.in_renewal: "in renewal",
        Stage.amending: "amendment to approve",
        Stage.amendment_signing: "amendment to sign",
        Stage.terminated: "exit under way",
        Stage.closed: "closed",
    },
}


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
    if _lang(lang) == "fr":
        points = "un point bloquant" if blocking == 1 else f"{blocking} points bloquants"
        if gate is Gate.review:
            return (
                f"«\u00a0{outcome_label}\u00a0» n'est pas proposé\u00a0: le rapport de revue "
                f"relève {points} (listés ci-dessus, par exemple une ligne rouge franchie). "
                "Le comité peut décider go sous conditions, en fixant ce qui doit être "
                "corrigé, ou no go."
            )
        return (
            f"«\u00a0{outcome_label}\u00a0» n'est pas proposé\u00a0: le document relève "
            f"{points} (listés ci-dessus). Le chargé de partenariat corrige le dossier et "
            "un nouveau document vous sera adressé\u00a0; vous pouvez aussi rejeter en "
            "disant pourquoi."
        )
    points = "a blocking finding" if blocking == 1 else f"{blocking} blocking findings"
    if gate is Gate.review:
        return (
            f"'{outcome_label}' is not offered: the review report shows {points} (listed "
            "above, a red line crossed for instance). The committee may decide go with "
            "conditions, setting what must be put right, or no go."
        )
    return (
        f"'{outcome_label}' is not offered: the document shows {points} (listed above). The "
        "partnership officer corrects the file and a new document will be sent to you; you "
        "may also reject it, saying why."
    )


_OUTCOMES = {
    "fr": {
        "approve": "approbation",
        "reject": "rejet",
        "sign": "signature",
        "decline": "refus de signer",
        "go": "go",
        "go_with_conditions": "go sous conditions",
        "no_go": "no go",
        "renew": "renouvellement",
        "end": "fin à l'échéance",
        "acknowledge": "prise d'acte",
    },
    "en": {
        "approve": "approved",
        "reject": "rejected",
        "sign": "signed",
        "decline": "signature declined",
        "go": "go",
        "go_with_conditions": "go with conditions",
        "no_go": "no go",
        "renew": "renewed",
        "end": "ended at term",
        "acknowledge": "acknowledged",
    },
}


def outcome_word(outcome: str, lang: str) -> str:
    """A gate's outcome as a word for a third party (the officers), not the decider's 'I'."""
    return _OUTCOMES[_lang(lang)].get(outcome, outcome)
