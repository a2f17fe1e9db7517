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

    Scenario: The note in French shows each partner's red lines in the partners table
      When the vision stage work runs
      Then a "vision_note" document in "fr" is produced
      And its partners table shows "Le partenaire ne sélectionne pas les bénéficiaires" for "Association Tremplin Emploi"
      And its partners table shows "Pas d'engagement d'embauche chiffré au-delà des postes ouverts" for "Logistix Urbaine SAS"
      And the document says "Demandeurs d'emploi de longue durée des quartiers prioritaires de l'est parisien"

    Scenario: The note is written in English when the partnership is in English
      Given the partnership's language is "en"
      When the vision stage work runs
      Then a "vision_note" document in "en" is produced
      And the document says "Shared vision note"
