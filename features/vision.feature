Feature: Construire — a shared vision every sponsor can approve
  Each partner states its mission, strategic stakes, constraints and red lines and names an
  executive sponsor; together the partners state a shared vision, its objectives and its
  beneficiaries. Until then the vision cannot be approved.

  Background:
    Given the partnership "Parcours vers l'emploi dans la logistique urbaine" of the example file

  Rule: each partner states its stakes, constraints and red lines and names a sponsor

    Scenario: The example partnership has a complete vision
      When the vision stage work runs
      Then no finding with a code starting with "vision." is reported

    Scenario: A partner without strategic stakes
      Given "Logistix Urbaine SAS" states no stakes
      When the vision stage work runs
      Then a blocking finding "vision.stakes_missing" is reported on "partners[1].stakes"

    Scenario: A partner without constraints
      Given "Association Tremplin Emploi" states no constraints
      When the vision stage work runs
      Then a blocking finding "vision.constraints_missing" is reported on "partners[0].constraints"

    Scenario: A partner without red lines
      Given "Logistix Urbaine SAS" states no red lines
      When the vision stage work runs
      Then a blocking finding "vision.red_lines_missing" is reported on "partners[1].red_lines"

    Scenario: A partner without an executive sponsor
      Given "Association Tremplin Emploi" names no executive sponsor
      When the vision stage work runs
      Then a blocking finding "vision.sponsor_missing" is reported on "partners[0].sponsor"

  Rule: the shared vision states its objectives and its beneficiaries

    Scenario: A vision without shared objectives
      Given the shared vision states no objectives
      When the vision stage work runs
      Then a blocking finding "vision.objectives_missing" is reported on "vision.shared_objectives"

    Scenario: A vision that does not say who benefits
      Given the shared vision names no beneficiaries
      When the vision stage work runs
      Then a blocking finding "vision.beneficiaries_missing" is reported on "vision.beneficiaries"

  Rule: the note de vision partagée puts the partners side by side, in the partnership's language

    Scenario: The note in French shows each partner's red lines in its table
      When the vision stage work runs
      Then a "vision_note" document in "fr" is produced
      And the table of "Association Tremplin Emploi" shows "Le partenaire ne sélectionne pas les bénéficiaires" among its red lines
      And the table of "Logistix Urbaine SAS" shows "Pas d'engagement d'embauche chiffré au-delà des postes ouverts" among its red lines
      And the document says "Demandeurs d'emploi de longue durée des quartiers prioritaires de l'est parisien"

    Scenario: The note is written in English when the partnership is in English
      Given the partnership's language is "en"
      When the vision stage work runs
      Then a "vision_note" document in "en" is produced
      And the document says "Shared vision note"

  Rule: the vision says what changes, for whom and where, in words every partner reads the same way

    Scenario: A slogan, an objective without figure or date, and "everyone" for beneficiaries
      Given the vision statement is "Ensemble pour un monde meilleur"
      And the only shared objective is "Améliorer l'insertion des jeunes"
      And the beneficiaries are "everyone"
      When the vision stage work runs
      Then a warning finding "vision.statement_vague" is reported on "vision.statement"
      And the finding says "La déclaration de vision « Ensemble pour un monde meilleur » (5 mots) ne dit pas assez ce qui change, pour qui et où"
      And a warning finding "vision.objective_not_measurable" is reported on "vision.shared_objectives[0]"
      And the finding says "L’objectif commun « Améliorer l'insertion des jeunes » n’est pas mesurable : il lui manque un chiffre ; une échéance dans la durée du partenariat (une année de 2027 à 2030"
      And a warning finding "vision.beneficiaries_vague" is reported on "vision.beneficiaries"
      And the finding says "Les bénéficiaires « everyone » ne sont pas définis comme un public sur un territoire"
      And no blocking finding is reported

    Scenario: The same vague vision written in English
      Given the partnership's language is "en"
      And the vision statement is "Together for a better world"
      And the only shared objective is "Improve the inclusion of young people"
      And the beneficiaries are "everyone"
      When the vision stage work runs
      Then a warning finding "vision.statement_vague" is reported on "vision.statement"
      And the finding says in English "The vision statement “Together for a better world” (5 words) does not say clearly what changes, for whom and where"
      And a warning finding "vision.objective_not_measurable" is reported on "vision.shared_objectives[0]"
      And the finding says in English "lacks a figure; a date within the term (a year from 2027 to 2030"
      And a warning finding "vision.beneficiaries_vague" is reported on "vision.beneficiaries"

    Scenario: A statement that says nothing yet blocks
      Given the vision statement is "À définir"
      When the vision stage work runs
      Then a blocking finding "vision.statement_empty" is reported on "vision.statement"

    Scenario: An objective that says nothing yet blocks
      Given the only shared objective is "TBD"
      When the vision stage work runs
      Then a blocking finding "vision.objective_empty" is reported on "vision.shared_objectives[0]"

    Scenario: Beneficiaries still to be defined block
      Given the beneficiaries are "À préciser"
      When the vision stage work runs
      Then a blocking finding "vision.beneficiaries_empty" is reported on "vision.beneficiaries"

    Scenario: An objective with a figure and a population but no date is measured by the milestone that takes it up
      When the vision stage work runs
      Then no finding "vision.objective_not_measurable" is reported on "vision.shared_objectives[1]"

    Scenario: The same objective without a milestone measuring it
      Given the milestone "m2" has no indicator
      When the vision stage work runs
      Then a warning finding "vision.objective_not_measurable" is reported on "vision.shared_objectives[1]"
      And the finding says "« 50 % de sorties vers un emploi durable » n’est pas mesurable : il lui manque une échéance dans la durée du partenariat"

    Scenario: An objective dated after the end of the partnership contradicts its term
      Given the shared objectives are "60 personnes entrées en parcours sur 3 ans" and "100 personnes en emploi durable d'ici 2035"
      When the vision stage work runs
      Then a blocking finding "vision.objective_outside_term" is reported on "vision.shared_objectives[1]"
      And the finding says "il vise 2035, alors que le partenariat court de 2027 à 2030 (36 mois)"

    Scenario: Beneficiaries named as a population but in no territory
      Given the beneficiaries are "Demandeurs d'emploi de longue durée"
      When the vision stage work runs
      Then a warning finding "vision.beneficiaries_vague" is reported on "vision.beneficiaries"
      And the finding says "il manque : un territoire (quartier, ville, département, code postal…)"

    Scenario: A partner whose stakes no shared objective serves
      Given "Logistix Urbaine SAS" states the stakes "Réduire les émissions de carbone des livraisons"
      When the vision stage work runs
      Then a warning finding "vision.stakes_not_served" is reported on "partners[1].stakes"
      And the finding says "Aucun objectif commun ne sert les enjeux de Logistix Urbaine SAS (« Réduire les émissions de carbone des livraisons »)"

    Scenario: An objective no contribution serves
      Given the shared objectives are "60 personnes entrées en parcours sur 3 ans" and "20 véhicules électriques déployés en 2028"
      When the vision stage work runs
      Then a warning finding "vision.objective_without_contribution" is reported on "vision.shared_objectives[1]"
      And no finding "vision.objective_without_contribution" is reported on "vision.shared_objectives[0]"

  Rule: a vague vision is approved only with a written reason; the note shows which objectives serve each partner

    Scenario: Approving a vague vision without a reason is refused
      Given the beneficiaries are "everyone"
      When the vision stage work runs
      And a sponsor approves the vision with the reason "ok"
      Then the vision approval is refused because "a justification of at least 20 characters" is needed

    Scenario: Approving a vague vision with a written reason
      Given the beneficiaries are "everyone"
      When the vision stage work runs
      And a sponsor approves the vision with the reason "Le public sera précisé au premier comité de pilotage"
      Then the vision approval may be recorded

    Scenario: The note shows, for each partner, the objectives that serve its stakes
      When the vision stage work runs
      Then the table of "Logistix Urbaine SAS" shows "50 % de sorties vers un emploi durable" among the objectives serving its stakes
      And the table of "Association Tremplin Emploi" shows "60 personnes entrées en parcours sur 3 ans" among the objectives serving its stakes
