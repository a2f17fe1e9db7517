"""The sentences of the vision content findings (:mod:`contracts.vision_content`), in French
and in English, and the names of what a vague statement, objective or beneficiaries lack."""

from __future__ import annotations

from coopact.contracts.finding_texts import message

STATEMENT_EMPTY = message(
    "vision.statement_empty",
    fr="La déclaration de vision « {statement} » ne dit encore rien : écrivez ce qui change, "
    "pour qui et où.",
    en="The vision statement “{statement}” says nothing yet: write what changes, for whom and "
    "where.",
)
STATEMENT_VAGUE = message(
    "vision.statement_vague",
    fr="La déclaration de vision « {statement} » ({words} mots) ne dit pas assez ce qui change, "
    "pour qui et où ; il lui manque : {missing_fr}.",
    en="The vision statement “{statement}” ({words} words) does not say clearly what changes, "
    "for whom and where; it lacks: {missing_en}.",
)
OBJECTIVE_EMPTY = message(
    "vision.objective_empty",
    fr="L’objectif commun n° {number} « {objective} » ne dit encore rien.",
    en="Shared objective no. {number} “{objective}” says nothing yet.",
)
OBJECTIVE_NOT_MEASURABLE = message(
    "vision.objective_not_measurable",
    fr="L’objectif commun « {objective} » n’est pas mesurable : il lui manque {missing_fr}, "
    "et aucun jalon doté d’un indicateur ne le reprend (au moins {min_words} mots en commun).",
    en="The shared objective “{objective}” is not measurable: it lacks {missing_en}, and no "
    "milestone with an indicator takes it up (at least {min_words} words in common).",
)
OBJECTIVE_OUTSIDE_TERM = message(
    "vision.objective_outside_term",
    fr="L’objectif commun « {objective} » contredit la durée du partenariat : il vise "
    "{horizon_fr}, alors que le partenariat court de {start_year} à {end_year} "
    "({months} mois).",
    en="The shared objective “{objective}” contradicts the partnership’s term: it aims at "
    "{horizon_en}, while the partnership runs from {start_year} to {end_year} ({months} months).",
)
BENEFICIARIES_EMPTY = message(
    "vision.beneficiaries_empty",
    fr="Les bénéficiaires « {beneficiaries} » ne sont pas encore définis.",
    en="The beneficiaries “{beneficiaries}” are not defined yet.",
)
BENEFICIARIES_VAGUE = message(
    "vision.beneficiaries_vague",
    fr="Les bénéficiaires « {beneficiaries} » ne sont pas définis comme un public sur un "
    "territoire ; il manque : {missing_fr}.",
    en="The beneficiaries “{beneficiaries}” are not defined as a population in a territory; "
    "missing: {missing_en}.",
)
STAKES_NOT_SERVED = message(
    "vision.stakes_not_served",
    fr="Aucun objectif commun ne sert les enjeux de {partner} ({stakes_fr}) : aucun ne partage "
    "avec eux un mot ou un thème (emploi, formation, territoire, financement…).",
    en="No shared objective serves the stakes of {partner} ({stakes_en}): none shares a word or a "
    "theme (employment, training, territory, funding…) with them.",
)
OBJECTIVE_WITHOUT_CONTRIBUTION = message(
    "vision.objective_without_contribution",
    fr="Aucune contribution ne sert l’objectif commun « {objective} » : aucune ne partage avec "
    "lui un mot ou un thème, et aucun jalon qui le mesure n’est porté par un partenaire qui "
    "apporte une contribution.",
    en="No contribution serves the shared objective “{objective}”: none shares a word or a "
    "theme with it, and no milestone measuring it is owned by a partner that brings a "
    "contribution.",
)

MISSING = {
    "what": ("au moins {n} mots pour dire ce qui change", "at least {n} words saying what changes"),
    "whom": (
        "pour qui (un public, comme « jeunes » ou « demandeurs d’emploi », ou un mot des "
        "bénéficiaires)",
        "for whom (a population, such as “young people” or “jobseekers”, or a word of the "
        "beneficiaries)",
    ),
    "where": (
        "où (un lieu : quartier, ville, territoire, code postal… dans la déclaration ou les "
        "bénéficiaires)",
        "where (a place: district, city, territory, postcode… in the statement or the "
        "beneficiaries)",
    ),
    "figure": ("un chiffre", "a figure"),
    "unit": (
        "une unité ou un public après le chiffre (« 60 personnes », « 50 % »)",
        "a unit or a population after the figure (“60 people”, “50%”)",
    ),
    "date": (
        "une échéance dans la durée du partenariat (une année de {start} à {end}, « sur 3 ans », "
        "« par an »)",
        "a date within the term (a year from {start} to {end}, “over 3 years”, “per year”)",
    ),
    "population": (
        "un public précis (« jeunes de 16 à 25 ans », « demandeurs d’emploi »), pas « tout le "
        "monde »",
        "a definite population (“people aged 16 to 25”, “jobseekers”), not “everyone”",
    ),
    "territory": (
        "un territoire (quartier, ville, département, code postal…)",
        "a territory (district, city, county, postcode…)",
    ),
}
