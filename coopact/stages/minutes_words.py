"""The words of the procès-verbal du comité de pilotage, French and English."""

from __future__ import annotations

# The decision, as the minutes state it (never a code).
OUTCOME_WORDS = {
    "fr": {
        "go": "poursuivre le partenariat",
        "go_with_conditions": "poursuivre le partenariat sous les conditions énoncées ci-après",
        "no_go": "ne pas poursuivre le partenariat (décision noGo)",
    },
    "en": {
        "go": "to continue the partnership",
        "go_with_conditions": "to continue the partnership under the conditions set out below",
        "no_go": "not to continue the partnership (noGo decision)",
    },
}
# Each member's position.
POSITION_WORDS = {
    "fr": {
        "go": "Pour la poursuite (Go)",
        "go_with_conditions": "Pour la poursuite sous conditions",
        "no_go": "Contre la poursuite (noGo)",
        "go_refused": "Pour la poursuite (Go), vote irrecevable",
        "none": "N'a pas pris part au vote",
    },
    "en": {
        "go": "For continuing (Go)",
        "go_with_conditions": "For continuing under conditions",
        "no_go": "Against continuing (noGo)",
        "go_refused": "For continuing (Go), vote not admissible",
        "none": "Took no part in the vote",
    },
}
WORDS = {
    "fr": {
        "heading": "Procès-verbal du comité de pilotage",
        "title": "Procès-verbal du comité de pilotage {ref}",
        "filename": "{ref}-proces-verbal-comite-{date}.docx",
        "footer": "Procès-verbal du comité de pilotage du {date} – {ref}",
        "subtitle": "{Act} {ref} « {title} »",
        "form": "Forme de la délibération : consultation écrite des membres du comité de "
        "pilotage, ouverte le {opened} pour la revue Go/noGo {covers}, et close le {closed}, "
        "chaque membre ayant exprimé son vote par écrit (vote électronique enregistré).",
        "officers": "Présidence : {chair}. Secrétariat : {secretary}.",
        "no_secretary": "assuré par le président",
        "form_in_person": "Forme de la délibération : réunion du comité de pilotage tenue "
        "en présentiel le {held}, pour la revue Go/noGo {covers}, les membres présents ou "
        "représentés ayant délibéré et voté en séance.",
        "form_video": "Forme de la délibération : réunion du comité de pilotage tenue par "
        "visioconférence le {held}, pour la revue Go/noGo {covers}, les membres présents ou "
        "représentés ayant délibéré et voté en séance, au moyen d'un dispositif permettant "
        "leur identification et leur participation effective.",
        "place": "Lieu de la réunion : {place}.",
        "took_part": "Membres ayant pris part à la délibération : {names}.",
        "absent": "Membres n'ayant pas pris part à la délibération : {names}.",
        "present": "Membres présents : {names}.",
        "represented": "Membres représentés : {names}.",
        "proxy": "{member}, ayant donné pouvoir à {proxy}",
        "absent_meeting": "Membres absents et non représentés : {names}.",
        "nobody": "aucun",
        "quorum": "Quorum : aux termes de {article} de la convention, le comité ne délibère "
        "valablement que si {quorum}. {state}",
        "quorum_met": "Le quorum est atteint.",
        "quorum_not_met": "Le quorum n'est pas atteint.",
        "powers": "Pouvoirs : conformément à {article} de la convention, le comité se "
        "prononce sur la poursuite du partenariat à l'issue de la revue ; il décide {rule}.",
        "decision": "Le comité de pilotage décide de {outcome}.",
        "mediated": "Le comité de pilotage n'ayant pu statuer {cause}, la procédure de "
        "blocage prévue par la convention ({procedure}) a été mise en œuvre ; son issue, "
        "consignée par {name}, est de {outcome}. Motif : {reason}",
        "cause_rule": "selon sa règle de décision",
        "cause_quorum": "faute de quorum",
        "no_go": "En application de {termination} de la convention, la décision noGo emporte "
        "la résiliation de la convention, qui prend effet le {effective} ; elle est notifiée "
        "à chaque Partenaire par le représentant légal d'un Partenaire, et un état de sortie "
        "est soumis à chacun.",
        "refused_reason": "Vote en faveur de la poursuite exprimé malgré des constats "
        "bloquants, irrecevable en l'état ; aucun autre vote exprimé.",
        "none": "—",
        "no_condition": "Aucune condition.",
        "no_finding": "Aucun constat.",
        "covers_one": "de l'échéance du {dates}",
        "covers_many": "des échéances du {dates}",
        "and": " et du ",
        "comma": ", du ",
        "made": "Fait le {date}.",
        "chair_title": "Le président du comité de pilotage",
        "secretary_title": "Le secrétaire du comité de pilotage",
        "signature": "Signature :",
    },
    "en": {
        "heading": "Minutes of the steering committee",
        "title": "Minutes of the steering committee {ref}",
        "filename": "{ref}-committee-minutes-{date}.docx",
        "footer": "Minutes of the steering committee of {date} – {ref}",
        "subtitle": "{Act} {ref} “{title}”",
        "form": "Form of the deliberation: written consultation of the members of the "
        "steering committee, opened on {opened} for the Go/noGo review {covers}, and closed "
        "on {closed}, each member casting a written vote (recorded electronic vote).",
        "officers": "Chair: {chair}. Secretary: {secretary}.",
        "no_secretary": "the chair",
        "form_in_person": "Form of the deliberation: meeting of the steering committee held "
        "in person on {held}, for the Go/noGo review {covers}, the members present or "
        "represented deliberating and voting at the meeting.",
        "form_video": "Form of the deliberation: meeting of the steering committee held by "
        "video conference on {held}, for the Go/noGo review {covers}, the members present or "
        "represented deliberating and voting at the meeting, through means that identified "
        "them and allowed them to take part effectively.",
        "place": "Place of the meeting: {place}.",
        "took_part": "Members who took part in the decision: {names}.",
        "absent": "Members who took no part in the decision: {names}.",
        "present": "Members present: {names}.",
        "represented": "Members represented: {names}.",
        "proxy": "{member}, by proxy given to {proxy}",
        "absent_meeting": "Members absent and not represented: {names}.",
        "nobody": "none",
        "quorum": "Quorum: under {article} of the agreement, the committee may only decide "
        "when {quorum}. {state}",
        "quorum_met": "The quorum is met.",
        "quorum_not_met": "The quorum is not met.",
        "powers": "Powers: under {article} of the agreement, the committee decides whether "
        "the partnership continues after the review; it decides by {rule}.",
        "decision": "The steering committee decides {outcome}.",
        "mediated": "As the steering committee could not decide {cause}, the deadlock "
        "procedure of the agreement ({procedure}) was followed; its outcome, recorded by "
        "{name}, is {outcome}. Reason: {reason}",
        "cause_rule": "under its decision rule",
        "cause_quorum": "for want of a quorum",
        "no_go": "Under {termination} of the agreement, the noGo decision terminates the "
        "agreement, with effect on {effective}; the termination is notified to each Partner "
        "by the legal representative of a Partner, and an exit statement is put to each.",
        "refused_reason": "Vote for continuing cast over blocking findings, not admissible as "
        "it stands; no other vote cast.",
        "none": "—",
        "no_condition": "No condition.",
        "no_finding": "No finding.",
        "covers_one": "for the review date of {dates}",
        "covers_many": "for the review dates of {dates}",
        "and": " and ",
        "comma": ", ",
        "made": "Done on {date}.",
        "chair_title": "The chair of the steering committee",
        "secretary_title": "The secretary of the steering committee",
        "signature": "Signature:",
    },
}
