"""The words of the Go/noGo review report, French and English."""

from __future__ import annotations

WORDS = {
    "fr": {
        "title": "Rapport de revue Go/noGo {ref}",
        "filename": "{ref}-rapport-de-revue-{date}.docx",
        "period": "du {since} au {until}",
        "filled": "Questionnaire de santé rempli pour la revue du {date}.",
        "not_filled": "Le questionnaire de santé n'a pas été rempli : ce rapport ne s'appuie "
        "que sur le fichier du partenariat. Les valeurs des indicateurs, les rituels tenus et "
        "l'avis des partenaires sont inconnus.",
        "none": "—",
        "yes": "Oui",
        "no": "Non",
        "not_asked": "non demandé",
        "reached": "atteint",
        "overdue": "en retard",
        "in_progress": "en cours",
        "not_reported": "non renseigné",
        "no_indicator": "sans indicateur",
        "score_before": "{now} (revue précédente : {before})",
        "updated_on": "au {date}",
        "indicator": "indicateur : {name}",
        "no_red_line": "aucune",
        "quoted": "« {text} »",
        "met": "atteints",
        "partly": "en partie",
        "not_met": "non atteints",
        "no_finding": "Aucun constat.",
        "no_reason": "Aucun constat ne s'oppose à la poursuite du partenariat.",
        "note": "Ceci est une recommandation : le comité de pilotage décide, à la revue, "
        "go, go sous conditions ou no go.",
        "covers_one": "Cette revue porte sur l'échéance du {dates}.",
        "covers_many": "Cette revue couvre les échéances du {dates} : les revues "
        "antérieures n'ont pas été tenues à leur date et sont consignées en retard.",
        "and": " et du ",
        "no_condition": "Aucune condition fixée lors des revues précédentes.",
        "condition_met": "remplie le {date}",
        "condition_late": "remplie le {date}, après l'échéance",
        "condition_not_met": "non remplie à l'échéance",
        "condition_open": "à échoir",
    },
    "en": {
        "title": "Go/noGo review report {ref}",
        "filename": "{ref}-review-report-{date}.docx",
        "period": "from {since} to {until}",
        "filled": "Health check filled for the review of {date}.",
        "not_filled": "The health check has not been filled: this report rests on the "
        "partnership file only. The indicators' values, the rituals held and the partners' "
        "views are unknown.",
        "none": "—",
        "yes": "Yes",
        "no": "No",
        "not_asked": "not asked",
        "reached": "reached",
        "overdue": "overdue",
        "in_progress": "in progress",
        "not_reported": "not reported",
        "no_indicator": "no indicator",
        "score_before": "{now} (previous review: {before})",
        "updated_on": "as of {date}",
        "indicator": "indicator: {name}",
        "no_red_line": "none",
        "quoted": "“{text}”",
        "met": "met",
        "partly": "partly met",
        "not_met": "not met",
        "no_finding": "No finding.",
        "no_reason": "No finding stands against going on with the partnership.",
        "note": "This is a recommendation: the steering committee decides, at the review, "
        "go, go with conditions or no go.",
        "covers_one": "This review is for the review date of {dates}.",
        "covers_many": "This review covers the review dates of {dates}: the earlier reviews "
        "were not held on their dates and are recorded as overdue.",
        "and": " and ",
        "no_condition": "No condition set at earlier reviews.",
        "condition_met": "met on {date}",
        "condition_late": "met on {date}, after the due date",
        "condition_not_met": "not met by the due date",
        "condition_open": "not yet due",
    },
}


# The recommendation, as the report states it (never a code).
OUTCOMES = {
    "fr": {
        "go": "Go : poursuivre le partenariat",
        "go_with_conditions": "Go sous conditions : poursuivre en traitant les constats ci-dessous",
        "no_go": "No go : arrêter le partenariat",
    },
    "en": {
        "go": "Go: go on with the partnership",
        "go_with_conditions": "Go with conditions: go on, dealing with the findings below",
        "no_go": "No go: end the partnership",
    },
}
