"""The words of the exit acts (termination letter, exit statement), French and English."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "letter_no_go": "Lettre de résiliation",
        "letter_notice": "Lettre de non-renouvellement",
        "letter_end_of_term": "Lettre de non-renouvellement",
        "registered": "Lettre recommandée avec demande d'avis de réception",
        "attention": "À l'attention de {name}, {role}",
        "place_date": "{city}, le {date}",
        "date_only": "Le {date}",
        "our_ref": "Réf. : {ref}",
        "subject_no_go": "Objet : résiliation de la {act} « {title} » à la suite de la "
        "décision noGo du comité de pilotage du {decided}",
        "subject_notice": "Objet : non-renouvellement de la {act} « {title} »",
        "subject_end_of_term": "Objet : non-renouvellement de la {act} « {title} »",
        "salutation": "Madame, Monsieur,",
        "recital": "Nous nous référons à la {act} « {title} » (référence {ref}) conclue entre "
        "{parties}{signed} pour une durée de {months} à compter du {start}.",
        "signed_on": ", signée le {date},",
        "body_no_go": "Le {decided}, à l'issue de la revue Go/noGo, le comité de pilotage "
        "institué par {governance} de la convention a décidé de ne pas poursuivre le "
        "partenariat (décision noGo), ainsi qu'en atteste son procès-verbal.",
        "notify_no_go": "En application de {termination} de la convention, nous vous "
        "notifions par la présente la résiliation de la {act}. "
        "Conformément à cet article, la résiliation prend effet {notice} après la décision du "
        "comité de pilotage, soit le {effective}.",
        "notify_notice": "En application de {term} de la convention, {sender} vous notifie "
        "par la présente sa décision de ne pas la renouveler. Ce congé est donné le {given}, "
        "avant la date limite de préavis du {deadline} ; la convention prend fin à son terme, "
        "le {effective}.",
        "notify_end_of_term": "En application de {term} de la convention, celle-ci ne se "
        "renouvelle que de manière expresse ; {why}, elle prend fin à son terme, le "
        "{effective}.",
        "why_partner": "{sender} ayant décidé de ne pas la renouveler",
        "why_nobody": "faute de décision de renouvellement de l'ensemble des Partenaires",
        "consequences": "Conformément à {termination}, les sommes versées et non engagées à "
        "la date d'effet sont restituées au Partenaire qui les a versées dans un délai de "
        "{days}, sur présentation d'un état des dépenses ; les contributions en nature et en "
        "compétences déjà fournies ne donnent lieu à aucun remboursement. L'état de sortie "
        "joint applique ces stipulations à chaque contribution.",
        "ask": "Nous vous remercions de bien vouloir prendre acte de l'état de sortie par "
        "l'intermédiaire de votre représentant légal.",
        "formula": "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos "
        "salutations distinguées.",
        "for_partner": "Pour {partner}",
        "signature": "Signature :",
        "enclosures": "Pièces jointes :",
        "enclosure_statement": "état de sortie",
        "enclosure_minutes": "procès-verbal du comité de pilotage du {date}",
        "letter_file": "{ref}-lettre-de-{kind}.docx",
        "letter_kind_no_go": "resiliation",
        "letter_kind_notice": "non-renouvellement",
        "letter_kind_end_of_term": "non-renouvellement",
        # the exit statement
        "statement": "État de sortie",
        "statement_subtitle": "{Act} {ref} « {title} »",
        "statement_intro": "Le présent état est établi en application de {termination} de la "
        "convention, à la suite {cause}. La convention prend fin le {effective}.",
        "cause_no_go": "de la décision noGo du comité de pilotage du {decided}",
        "cause_notice": "du congé donné par {sender} le {decided}",
        "cause_end_of_term": "de l'arrivée du terme sans renouvellement",
        "kinds_cash": "numéraire",
        "kinds_in_kind": "nature",
        "kinds_skills": "compétences",
        "not_valued": "non valorisé",
        "fate_cash": "Restitution des sommes non engagées",
        "fate_provided": "Aucun remboursement",
        "cash_line": "{description} ({giver} à {receiver}) : les sommes versées et dépensées "
        "conformément à leur objet restent acquises à {receiver} ; les sommes versées et non "
        "engagées au {effective} sont restituées par {receiver} à {giver} dans un délai de "
        "{days} à compter de cette date, soit au plus tard le {deadline}, sur présentation "
        "d'un état des dépenses.",
        "receiver_unknown": "le Partenaire qui les a reçues",
        "cash_returned": "{description} ({giver} à {receiver}) : selon les paiements "
        "enregistrés au {stated}, {giver} a versé {paid}, dont {spent} dépensés conformément à "
        "leur objet selon les comptes rendus d'emploi des fonds de {receiver}, qui lui restent "
        "acquis ; le solde non engagé, soit {unspent}, est restitué par {receiver} à {giver} "
        "dans un délai de {days} à compter du {effective}, soit au plus tard le {deadline}, sur "
        "présentation d'un état des dépenses.",
        "cash_spent": "{description} ({giver} à {receiver}) : selon les paiements enregistrés "
        "au {stated}, {giver} a versé {paid}, entièrement dépensés conformément à leur objet "
        "selon les comptes rendus d'emploi des fonds de {receiver} : ils lui restent acquis et "
        "aucune somme n'est à restituer.",
        "cash_none": "{description} ({giver} à {receiver}) : aucun versement n'est enregistré "
        "au {stated} ; rien n'a été reçu et aucune somme n'est à restituer.",
        "shared": "{receiver} ayant reçu des sommes de plusieurs Partenaires, ses dépenses sont "
        "imputées sur les versements de chacun au prorata des sommes versées.",
        "later": "Toute somme versée après le {stated} et non engagée au {effective} est "
        "restituée dans les mêmes conditions, dans un délai de {days} à compter de cette date, "
        "soit au plus tard le {deadline}.",
        "payments": "Versements enregistrés",
        "no_cash": "Aucune contribution en numéraire : aucune somme n'est à restituer.",
        "receipts": "Reçus fiscaux : lorsqu'une somme restituée a donné lieu à un reçu fiscal "
        "(article 238 bis du code général des impôts), le Partenaire qui l'a délivré établit "
        "un reçu rectificatif limité aux sommes définitivement conservées et le remet au "
        "donateur avec la restitution ; le donateur en tient compte pour le calcul de sa "
        "réduction d'impôt.",
        "provided": "Les contributions en nature et en compétences déjà fournies ({items}) ne "
        "donnent lieu à aucun remboursement ni à aucune indemnité : aucune somme n'est due à "
        "ce titre.",
        "no_provided": "Aucune contribution en nature ou en compétences.",
        "continuity": "Les Partenaires organisent la sortie du partenariat de manière à "
        "préserver la continuité de l'accompagnement des bénéficiaires ({beneficiaries}).",
        "survival": "Les stipulations relatives à la confidentialité, aux données "
        "personnelles, à la propriété intellectuelle et au règlement des différends survivent "
        "à la fin de la convention.",
        "acknowledgement": "Chaque Partenaire prend acte du présent état de sortie par son "
        "représentant légal.",
        "awaited": "attendue",
        "statement_file": "{ref}-etat-de-sortie.docx",
        "footer_letter": "{heading} – {ref}",
        "footer_statement": "État de sortie – {ref}",
    },
    "en": {
        "letter_no_go": "Letter of termination",
        "letter_notice": "Letter of non-renewal",
        "letter_end_of_term": "Letter of non-renewal",
        "registered": "By registered letter with acknowledgement of receipt",
        "attention": "For the attention of {name}, {role}",
        "place_date": "{city}, {date}",
        "date_only": "{date}",
        "our_ref": "Our ref.: {ref}",
        "subject_no_go": "Subject: termination of the {act} “{title}” following the noGo "
        "decision of the steering committee of {decided}",
        "subject_notice": "Subject: non-renewal of the {act} “{title}”",
        "subject_end_of_term": "Subject: non-renewal of the {act} “{title}”",
        "salutation": "Dear Sir or Madam,",
        "recital": "We refer to the {act} “{title}” (reference {ref}) made between "
        "{parties}{signed} for a term of {months} from {start}.",
        "signed_on": ", signed on {date},",
        "body_no_go": "On {decided}, after the Go/noGo review, the steering committee set "
        "up by {governance} of the agreement decided not to continue the partnership (noGo "
        "decision), as its minutes record.",
        "notify_no_go": "Under {termination} of the agreement, we hereby give notice "
        "of the termination of the {act}. Under that article, the "
        "termination takes effect {notice} after the steering committee's decision, that is "
        "on {effective}.",
        "notify_notice": "Under {term} of the agreement, {sender} hereby gives notice of its "
        "decision not to renew it. This notice is given on {given}, before the notice "
        "deadline of {deadline}; the agreement ends at its term, on {effective}.",
        "notify_end_of_term": "Under {term} of the agreement, it is renewed only expressly; "
        "{why}, it ends at its term, on {effective}.",
        "why_partner": "as {sender} decided not to renew it",
        "why_nobody": "as not every Partner decided to renew it",
        "consequences": "Under {termination}, sums paid and not committed at the effective "
        "date are returned to the Partner that paid them within {days}, upon a statement of "
        "expenses; contributions in kind and in skills already provided give rise to no "
        "reimbursement. The enclosed exit statement applies these provisions to each "
        "contribution.",
        "ask": "Please acknowledge the exit statement through your legal representative.",
        "formula": "Yours faithfully,",
        "for_partner": "For {partner}",
        "signature": "Signature:",
        "enclosures": "Enclosures:",
        "enclosure_statement": "exit statement",
        "enclosure_minutes": "minutes of the steering committee of {date}",
        "letter_file": "{ref}-{kind}-letter.docx",
        "letter_kind_no_go": "termination",
        "letter_kind_notice": "non-renewal",
        "letter_kind_end_of_term": "non-renewal",
        "statement": "Exit statement",
        "statement_subtitle": "{Act} {ref} “{title}”",
        "statement_intro": "This statement is drawn up under {termination} of the agreement, "
        "following {cause}. The agreement ends on {effective}.",
        "cause_no_go": "the noGo decision of the steering committee of {decided}",
        "cause_notice": "the notice given by {sender} on {decided}",
        "cause_end_of_term": "the end of the term without renewal",
        "kinds_cash": "cash",
        "kinds_in_kind": "in kind",
        "kinds_skills": "skills",
        "not_valued": "not valued",
        "fate_cash": "Sums not committed returned",
        "fate_provided": "No reimbursement",
        "cash_line": "{description} ({giver} to {receiver}): sums paid and spent in line with "
        "their purpose remain with {receiver}; sums paid and not committed on {effective} are "
        "returned by {receiver} to {giver} within {days} of that date, that is by {deadline} "
        "at the latest, upon a statement of expenses.",
        "receiver_unknown": "the Partner that received them",
        "cash_returned": "{description} ({giver} to {receiver}): according to the payments "
        "recorded on {stated}, {giver} paid {paid}, of which {spent} was spent in line with its "
        "purpose according to the use-of-funds reports of {receiver} and remains with it; the "
        "unspent balance of {unspent} is returned by {receiver} to {giver} within {days} of "
        "{effective}, that is by {deadline} at the latest, upon a statement of expenses.",
        "cash_spent": "{description} ({giver} to {receiver}): according to the payments "
        "recorded on {stated}, {giver} paid {paid}, all spent in line with its purpose "
        "according to the use-of-funds reports of {receiver}: it remains with {receiver} and no "
        "sum is to be returned.",
        "cash_none": "{description} ({giver} to {receiver}): no payment is recorded on "
        "{stated}; nothing was received and no sum is to be returned.",
        "shared": "As {receiver} received sums from several Partners, its spending is charged "
        "to each Partner's payments in proportion to the sums each paid.",
        "later": "Any sum paid after {stated} and not committed on {effective} is returned on "
        "the same terms, within {days} of that date, that is by {deadline} at the latest.",
        "payments": "Recorded payments",
        "no_cash": "No cash contribution: no sum is to be returned.",
        "receipts": "Tax receipts: where a sum returned was covered by a tax receipt (article "
        "238 bis of the French general tax code), the Partner that issued it issues a "
        "corrected receipt limited to the sums finally kept and hands it to the donor with "
        "the refund; the donor takes it into account in computing its tax reduction.",
        "provided": "Contributions in kind and in skills already provided ({items}) give rise "
        "to no reimbursement and no indemnity: no sum is owed for them.",
        "no_provided": "No contribution in kind or in skills.",
        "continuity": "The Partners organise the exit from the partnership so as to preserve "
        "the continuity of the support given to the beneficiaries ({beneficiaries}).",
        "survival": "The provisions on confidentiality, personal data, intellectual property "
        "and the settlement of disputes survive the end of the agreement.",
        "acknowledgement": "Each Partner acknowledges this exit statement through its legal "
        "representative.",
        "awaited": "awaited",
        "statement_file": "{ref}-exit-statement.docx",
        "footer_letter": "{heading} – {ref}",
        "footer_statement": "Exit statement – {ref}",
    },
}
