"""The words of the avenants (amendment, extension, renewal), French and English."""

from __future__ import annotations

WORDS = {
    "fr": {
        "amendment": "Avenant n° {n} à la {act}",
        "extension": "Avenant n° {n} de prorogation de la {act}",
        "renewal": "Avenant n° {n} de renouvellement de la {act}",
        "subtitle": "{Act} « {title} » (référence {ref}){signed}, conclue pour une durée de "
        "{months} à compter du {start}.",
        "signed_on": ", signée le {date}",
        "party": "{name}, {form}, {represented} par {signatory}, en qualité de {role}",
        "visa_agreement": "Vu la {act} « {title} » (référence {ref}){signed} ;",
        "visa_amendments": "Vu {article} de la convention, selon lequel toute modification "
        "fait l'objet d'un avenant proposé par le comité de pilotage et signé par les "
        "représentants habilités des Partenaires ;",
        "visa_term": "Vu {article} de la convention et l'article 1214 du code civil ;",
        "visa_decision": "Vu {decision} ;",
        "visa_renewal": "Vu la décision de renouvellement de chaque Partenaire ({decisions}) ;",
        "renewal_decision": "{partner}, le {date}",
        "agreed": "Il a été convenu ce qui suit :",
        "purpose_heading": "Article 1 – Objet de l'avenant",
        "purpose_amendment": "Le présent avenant modifie la convention dans les conditions "
        "prévues à l'article 2 ci-après.",
        "purpose_extension": "Le présent avenant proroge la convention avant son terme "
        "(article 1213 du code civil) : la convention initiale se poursuit, aux conditions "
        "modifiées à l'article 2 ci-après, jusqu'au {end} inclus. La prorogation n'augmente "
        "pas, à elle seule, les contributions des Partenaires ; toute contribution "
        "supplémentaire figure à l'article 2.",
        "purpose_renewal": "Les Partenaires renouvellent la convention à son terme, en "
        "application de l'article 1214 du code civil et de {article} de la convention, pour "
        "une nouvelle durée de {months}, du {start} au {end} inclus. Le renouvellement donne "
        "naissance à un nouveau contrat, dont le contenu est celui de la convention, sous "
        "réserve des stipulations du présent avenant.",
        "changes_heading": "Article 2 – Stipulations modifiées",
        "changes_intro": "Les stipulations suivantes de la convention sont modifiées comme "
        "suit, chacune citée par l'article de la convention qui l'énonce :",
        "no_change": "Aucune autre stipulation de la convention n'est modifiée.",
        "knock_on": "Par voie de conséquence, {what} est porté de {former} à {new}.",
        "knock_grand_total": "le total des contributions valorisées (annexe 1)",
        "knock_total": "le total des contributions de {partner}",
        "knock_donation": "le montant du don",
        "knock_counterpart_share": "le rapport entre les contreparties et les dons",
        "knock_end": "le terme de la convention",
        "knock_on_date": "Par voie de conséquence, {what} est reporté du {former} au {new}.",
        "none_changed": "Aucune stipulation modifiée : le contenu de la convention est reconduit.",
        "other_renewal": "Toutes les autres stipulations de la convention sont reconduites pour "
        "la nouvelle durée et continuent de produire leurs effets. Le présent avenant fait "
        "partie intégrante de la convention.",
        "money_heading": "Article {n} – Conditions financières de la nouvelle durée",
        "money_intro": "Pour la nouvelle durée, chaque Partenaire s'engage à fournir à nouveau "
        "les contributions suivantes, dues pour leur montant indépendamment de celles de la "
        "durée précédente :",
        "money_cash": "{partner} : {description}, {amount} en numéraire{schedule}, à verser "
        "entre le {start} et le {end}",
        "money_valued": "{partner} : {description}, contribution {kind} valorisée à {amount}",
        "money_unvalued": "{partner} : {description}, contribution {kind} non valorisée",
        "authority": "{partner} s'engageant pour {amount} sur la nouvelle durée, et ses "
        "statuts ou règles internes prévoyant que « {constraint} », son représentant produit "
        "avant la signature du présent avenant la décision de l'organe compétent qui "
        "l'autorise.",
        "effect_heading": "Article {n} – Date d'effet",
        "effect": "Le présent avenant prend effet le {date}, sous réserve de sa signature par "
        "l'ensemble des Partenaires.",
        "other_heading": "Article {n} – Autres stipulations",
        "other": "Toutes les autres stipulations de la convention demeurent inchangées et "
        "continuent de produire leurs effets. Le présent avenant fait partie intégrante de la "
        "convention ; une version consolidée de la convention, intégrant le présent avenant, "
        "lui est annexée.",
        "signing": "Le présent avenant est signé électroniquement par le représentant habilité "
        "de chaque Partenaire, conformément aux articles 1366 et 1367 du code civil, selon le "
        "procédé de signature stipulé par la convention : chaque signataire lit le présent "
        "avenant sous la forme d'un fichier PDF ; sa signature est liée à l'empreinte SHA-256 "
        "de ce fichier PDF, qui lui est indiquée avant qu'il ne signe et est conservée, avec le "
        "fichier, dans le registre du partenariat. Il est établi en un original électronique, "
        "dont chaque Partenaire reçoit une copie.",
        "blank": "",
        "filename_amendment": "{ref}-avenant-{n}.docx",
        "filename_extension": "{ref}-avenant-{n}-prorogation.docx",
        "filename_renewal": "{ref}-avenant-{n}-renouvellement.docx",
        "footer": "Avenant n° {n} – {ref}",
        "consolidated": "Version consolidée au {date}, intégrant l'avenant n° {n}",
        "consolidated_file": "{ref}-convention-consolidee-avenant-{n}.docx",
    },
    "en": {
        "amendment": "Amendment no. {n} to the {act}",
        "extension": "Amendment no. {n} extending the {act}",
        "renewal": "Amendment no. {n} renewing the {act}",
        "subtitle": "{Act} “{title}” (reference {ref}){signed}, made for a term of {months} "
        "from {start}.",
        "signed_on": ", signed on {date}",
        "party": "{name}, {form}, represented by {signatory}, acting as {role}",
        "visa_agreement": "Having regard to the {act} “{title}” (reference {ref}){signed};",
        "visa_amendments": "Having regard to {article} of the agreement, under which any "
        "change is made by an amendment proposed by the steering committee and signed by the "
        "Partners' authorised representatives;",
        "visa_term": "Having regard to {article} of the agreement and article 1214 of the "
        "French civil code;",
        "visa_decision": "Having regard to {decision};",
        "visa_renewal": "Having regard to each Partner's decision to renew ({decisions});",
        "renewal_decision": "{partner}, on {date}",
        "agreed": "It has been agreed as follows:",
        "purpose_heading": "Article 1 – Purpose of the amendment",
        "purpose_amendment": "This amendment changes the agreement as set out in Article 2 below.",
        "purpose_extension": "This amendment extends the agreement before its term (article "
        "1213 of the French civil code): the original agreement continues, on the terms "
        "changed in Article 2 below, until {end} inclusive. The extension alone does not "
        "increase the Partners' contributions; any further contribution is stated in Article "
        "2.",
        "purpose_renewal": "The Partners renew the agreement at its term, under article 1214 "
        "of the French civil code and {article} of the agreement, for a new term of {months}, "
        "from {start} to {end} inclusive. The renewal creates a new contract, whose content is "
        "that of the agreement, subject to the provisions of this amendment.",
        "changes_heading": "Article 2 – Provisions changed",
        "changes_intro": "The following provisions of the agreement are changed as follows, "
        "each cited by the article of the agreement stating it:",
        "no_change": "No other provision of the agreement is changed.",
        "knock_on": "As a consequence, {what} changes from {former} to {new}.",
        "knock_grand_total": "the total of the valued contributions (Annex 1)",
        "knock_total": "the total of the contributions of {partner}",
        "knock_donation": "the amount of the gift",
        "knock_counterpart_share": "the ratio of the benefits in return to the gifts",
        "knock_end": "the end of the term",
        "knock_on_date": "As a consequence, {what} moves from {former} to {new}.",
        "none_changed": "No provision changed: the content of the agreement is carried over.",
        "other_renewal": "All other provisions of the agreement are carried over for the new "
        "term and remain in force. This amendment forms part of the agreement.",
        "money_heading": "Article {n} – Financial terms of the new term",
        "money_intro": "For the new term, each Partner undertakes to provide again the "
        "following contributions, owed for their amount independently of those of the "
        "previous term:",
        "money_cash": "{partner}: {description}, {amount} in cash{schedule}, to be paid "
        "between {start} and {end}",
        "money_valued": "{partner}: {description}, contribution {kind} valued at {amount}",
        "money_unvalued": "{partner}: {description}, contribution {kind}, not valued",
        "authority": "As {partner} commits {amount} over the new term, and its rules provide "
        "that “{constraint}”, its representative produces, before signing this amendment, the "
        "decision of the competent body authorising it.",
        "effect_heading": "Article {n} – Effective date",
        "effect": "This amendment takes effect on {date}, once signed by every Partner.",
        "other_heading": "Article {n} – Other provisions",
        "other": "All other provisions of the agreement remain unchanged and in force. This "
        "amendment forms part of the agreement; a consolidated version of the agreement, "
        "including this amendment, is attached to it.",
        "signing": "This amendment is signed electronically by each Partner's authorised "
        "representative, in accordance with articles 1366 and 1367 of the French civil code, "
        "by the signature process the agreement provides: each signatory reads this amendment "
        "as a PDF file; their signature is bound to the SHA-256 fingerprint of that PDF file, "
        "which is shown to them before they sign and is kept, with the file, in the "
        "partnership's register. It is made as one electronic original, of which each Partner "
        "receives a copy.",
        "blank": "",
        "filename_amendment": "{ref}-amendment-{n}.docx",
        "filename_extension": "{ref}-amendment-{n}-extension.docx",
        "filename_renewal": "{ref}-amendment-{n}-renewal.docx",
        "footer": "Amendment no. {n} – {ref}",
        "consolidated": "Consolidated version as at {date}, including amendment no. {n}",
        "consolidated_file": "{ref}-consolidated-agreement-amendment-{n}.docx",
    },
}
