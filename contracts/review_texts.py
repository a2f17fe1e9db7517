"""The texts of the review's findings, and which difficulty or risk of the method each is
evidence of (:data:`DIFFICULTY`); the rules are in :mod:`coopact.contracts.review_rules`."""

from __future__ import annotations

from coopact.contracts.finding_texts import message

# --- texts ---------------------------------------------------------------------------------

HEALTH_CHECK_MISSING = message(
    "review.health_check_missing",
    fr="Le questionnaire de santé de la revue n'a pas été rempli\u00a0: la revue ne repose "
    "sur aucune donnée sur les rituels, les indicateurs ni l'avis des partenaires. Le référent "
    "de chaque partenaire y répond par le lien personnel reçu par courriel\u00a0; le rapport de "
    "revue est alors mis à jour et adressé à nouveau au comité de pilotage avant qu'il décide.",
    en="The review's health check has not been filled: the review rests on no evidence about "
    "the rituals, the indicators or the partners' views. Each partner's referent answers it "
    "through the personal link of their mail; the review report is then updated and sent again "
    "to the steering committee before it decides.",
)
RITUAL_SKIPPED = message(
    "review.ritual_skipped",
    fr="Le rituel « {ritual} » s'est tenu {held} fois du {since} au {until}, alors que sa "
    "fréquence ({cadence}) en implique {expected} : les partenaires se consultent moins, "
    "signe d'essoufflement.",
    en='The ritual "{ritual}" was held {held_times} from {since} to {until}, while its '
    "cadence ({cadence}) implies {expected}: the partners consult each other less, a sign "
    "of fatigue.",
)
RITUAL_NOT_REPORTED = message(
    "review.ritual_not_reported",
    fr="Le questionnaire ne dit pas combien de fois le rituel « {ritual} » s'est tenu "
    "depuis le {since} (séances prévues : {expected}).",
    en='The health check does not say how many times the ritual "{ritual}" was held '
    "since {since} (meetings expected: {expected}).",
)
INDICATOR_STALE = message(
    "review.indicator_stale",
    fr="L'indicateur « {indicator} » du jalon {milestone} n'a pas été mis à jour depuis le "
    "{updated_on}, plus de {months} mois avant la revue du {review_date}.",
    en='The indicator "{indicator}" of milestone {milestone} has not been updated since '
    "{updated_on}, more than {months} months before the review of {review_date}.",
)
INDICATOR_NOT_REPORTED = message(
    "review.indicator_not_reported",
    fr="Le questionnaire ne donne pas la valeur de l'indicateur « {indicator} » du jalon "
    "{milestone} : son suivi ne peut pas être vérifié.",
    en='The health check gives no value for the indicator "{indicator}" of milestone '
    "{milestone}: its follow-up cannot be checked.",
)
MILESTONE_OVERDUE = message(
    "review.milestone_overdue",
    fr="Le jalon {milestone} « {title} » était dû le {due} : « {indicator} » en est à "
    "{value} pour une cible de {target} {unit}.",
    en='Milestone {milestone} "{title}" was due on {due}: "{indicator}" stands at '
    "{value} for a target of {target} {unit}.",
)
ENGAGEMENT_FALLING = message(
    "review.engagement_falling",
    fr="L'engagement de {partner} est passé de {before} à {now} sur 5 depuis la revue du "
    "{previous_date} : signe d'essoufflement.",
    en="The engagement of {partner} fell from {before} to {now} out of 5 since the review "
    "of {previous_date}: a sign of fatigue.",
)
TRUST_FALLING = message(
    "review.trust_falling",
    fr="La confiance de {partner} est passée de {before} à {now} sur 5 depuis la revue du "
    "{previous_date} : la défiance s'installe.",
    en="The trust of {partner} fell from {before} to {now} out of 5 since the review of "
    "{previous_date}: mistrust is setting in.",
)
ONE_SIDED = message(
    "review.one_sided_answers",
    fr="Les partenaires ne voient pas le partenariat de la même façon : sur {question}, "
    "{high} répond {high_score} sur 5 et {low} {low_score} sur 5.",
    en="The partners do not see the partnership the same way: on {question}, {high} "
    "answers {high_score} out of 5 and {low} {low_score} out of 5.",
)
PARTNER_NOT_HEARD = message(
    "review.partner_not_heard",
    fr="{partner} n'a pas répondu au questionnaire de la revue : chaque partenaire doit être "
    "consulté.",
    en="{partner} did not answer the review's health check: every partner must be consulted.",
)
RED_LINE_CROSSED = message(
    "review.red_line_crossed",
    fr="{partner} signale qu'une de ses lignes rouges a été franchie : « {red_line} ». "
    "Le partenariat perd sa légitimité pour ce partenaire.",
    en='{partner} reports that one of its red lines was crossed: "{red_line}". The '
    "partnership loses its legitimacy for this partner.",
)
MISSION_NOT_SERVED = message(
    "review.mission_not_served",
    fr="{partner} estime que le partenariat ne sert plus sa mission (« {mission} ») : "
    "dérive de mission.",
    en="{partner} considers that the partnership no longer serves its mission "
    '("{mission}"): mission drift.',
)
BENEFITS_PARTLY_MET = message(
    "review.benefits_partly_met",
    fr="{partner} ne retrouve qu'en partie les bénéfices attendus ({expected}) : {comment}",
    en="{partner} gets only part of the benefits it expected ({expected}): {comment}",
)
BENEFITS_NOT_MET = message(
    "review.benefits_not_met",
    fr="{partner} ne retrouve pas les bénéfices attendus ({expected}) : {comment}",
    en="{partner} does not get the benefits it expected ({expected}): {comment}",
)

MISSION_DRIFT: frozenset[str] = frozenset({RED_LINE_CROSSED, MISSION_NOT_SERVED})
"""Codes of the findings of mission drift: with one of them, the recommendation is no_go."""

DIFFICULTY: dict[str, str] = {
    HEALTH_CHECK_MISSING: "evidence",
    RITUAL_SKIPPED: "fatigue",
    RITUAL_NOT_REPORTED: "fatigue",
    INDICATOR_STALE: "fatigue",
    INDICATOR_NOT_REPORTED: "fatigue",
    MILESTONE_OVERDUE: "fatigue",
    ENGAGEMENT_FALLING: "fatigue",
    TRUST_FALLING: "mistrust",
    ONE_SIDED: "mistrust",
    PARTNER_NOT_HEARD: "mistrust",
    RED_LINE_CROSSED: "mission_drift",
    MISSION_NOT_SERVED: "mission_drift",
    BENEFITS_PARTLY_MET: "benefits",
    BENEFITS_NOT_MET: "benefits",
}
"""The difficulty or risk of the method each finding is evidence of."""

QUESTIONS = {
    "engagement": {"fr": "l'engagement", "en": "engagement"},
    "trust": {"fr": "la confiance", "en": "trust"},
}
