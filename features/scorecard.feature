Feature: The method scorecard — how far each of the 14 elements is covered, for one partnership
  In the manner of the TPI Partnering Agreement Scorecard, each element of the method (5
  success factors, 6 difficulties, 2 risks, SMART milestones) is rated absent, partial or
  covered, with the evidence the file gives and the findings behind it. It is shown by
  `coopact status REF --json`, in the vision note and the balance report, and recomputed at
  every review.

  Background:
    Given the partnership "Parcours vers l'emploi dans la logistique urbaine" of the example file

  Rule: every element is rated from the evidence of the file and the findings behind it

    Scenario: The example partnership before the balance is accepted
      When the method scorecard is computed
      Then it rates 14 elements
      And it rates the elements as follows
        | element                                   | rating  |
        | Construire                                | couvert |
        | Équilibrer                                | partiel |
        | Formaliser                                | couvert |
        | Démarrer                                  | couvert |
        | Communiquer                               | partiel |
        | Incompréhension mutuelle                  | couvert |
        | Valeur sociale difficile à évaluer        | partiel |
        | Déséquilibre de pouvoir                   | couvert |
        | Mauvais choix de partenaire               | partiel |
        | Usure dans le temps                       | couvert |
        | Défiance                                  | couvert |
        | Compromis déséquilibré                    | partiel |
        | Perte de légitimité, dérive de la mission | couvert |
        | Jalons SMART                              | couvert |
      And "Valeur sociale difficile à évaluer" shows the evidence "✗ Bénéfices avec valeur ou indicateur : 0/2"
      And "Mauvais choix de partenaire" lists the finding "due_diligence.esus_expires_during_term"

    Scenario: A vague vision leaves the mutual misunderstanding partial, with the findings behind it
      Given the vision statement is "Ensemble pour un monde meilleur"
      And the beneficiaries are "everyone"
      When the method scorecard is computed
      Then "Incompréhension mutuelle" is rated "partiel"
      And "Incompréhension mutuelle" lists the finding "vision.statement_vague"
      And "Incompréhension mutuelle" lists the finding "vision.beneficiaries_vague"
      And "Incompréhension mutuelle" shows the evidence "✗ Bénéficiaires : un public sur un territoire"

    Scenario: An association depending on one company without a safeguard
      Given "Logistix Urbaine SAS" brings 190000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 10000 EUR in kind and nothing else
      And the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      And the comité de pilotage decides by majority
      When the method scorecard is computed
      Then "Déséquilibre de pouvoir" is rated "absent"
      And "Déséquilibre de pouvoir" lists the finding "balance.dependency"
      And "Déséquilibre de pouvoir" lists the finding "governance.decides_alone_without_safeguard"
      And "Perte de légitimité, dérive de la mission" is rated "partiel"
      And "Perte de légitimité, dérive de la mission" shows the evidence "✗ Indépendance des partenaires ESS garantie"

    Scenario: A partnership without milestones has no SMART element
      Given the partnership states no milestones
      When the method scorecard is computed
      Then "Jalons SMART" is rated "absent"

  Rule: the scorecard follows the partnership's life

    Scenario: Once the balance has been accepted with its justification, the compromise is partial while its findings stand
      When the method scorecard is computed after the balance was accepted
      Then "Compromis déséquilibré" is rated "partiel"
      And "Compromis déséquilibré" lists the finding "balance.benefit_not_valued"

    Scenario: A review that finds a red line crossed makes the mission drift absent
      Given the first review reports the red line "Le partenaire ne sélectionne pas les bénéficiaires" of "Association Tremplin Emploi" as crossed
      When the method scorecard is computed after the review
      Then "Perte de légitimité, dérive de la mission" is rated "absent"
      And "Perte de légitimité, dérive de la mission" lists the finding "review.red_line_crossed"

    Scenario: The scorecard is written in English for an English partnership
      Given the partnership's language is "en"
      When the method scorecard is computed
      Then "Mutual misunderstanding" is rated "covered"
      And "Social value hard to evaluate" shows the evidence "✗ Benefits with a value or an indicator: 0/2"
