Feature: Équilibrer — a balance everyone can see
  The balance ledger values what each partner brings (cash, in kind, skills at an hourly
  value), counts the risks it carries, its votes at the comité de pilotage and the benefits
  it expects. An imbalance is flagged; accepting it needs a written justification.

  Background:
    Given the partnership "Parcours vers l'emploi dans la logistique urbaine" of the example file

  Rule: decision power follows what a partner brings

    Scenario: A partner holding 3 of 4 committee votes while bringing 20 % of the valued contributions
      Given "Logistix Urbaine SAS" brings 20000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 80000 EUR in kind and nothing else
      And the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      When the balance stage work runs
      Then a warning finding "balance.power_imbalance" is reported on "governance.steering_committee.members"
      And the finding says "Logistix Urbaine SAS détient 3 voix sur 4 au comité de pilotage (75 %) mais apporte 20 % des contributions valorisées"

    Scenario: The same partnership with 2 votes each
      Given "Logistix Urbaine SAS" brings 20000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 80000 EUR in kind and nothing else
      And the comité de pilotage gives 2 votes to "Logistix Urbaine SAS" and 2 votes to "Association Tremplin Emploi"
      When the balance stage work runs
      Then no finding "balance.power_imbalance" is reported

  Rule: no partner decides alone

    Scenario: 3 of 4 votes decide alone under a majority rule
      Given the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      And the comité de pilotage decides by majority
      When the balance stage work runs
      Then a warning finding "balance.decides_alone" is reported on "governance.steering_committee.decision_rule"

    Scenario: 3 of 4 votes do not decide alone by consensus
      Given the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      And the comité de pilotage decides by consensus
      When the balance stage work runs
      Then no finding "balance.decides_alone" is reported

  Rule: every partner gains something

    Scenario: A partner with no expected benefit
      Given "Logistix Urbaine SAS" expects no benefit
      When the balance stage work runs
      Then a warning finding "balance.no_benefit" is reported on "benefits"

  Rule: social value is valued, or it will be underestimated

    Scenario: Skills given without an hourly value
      Given the tutoring by team leaders of "Logistix Urbaine SAS" states 400 hours and no hourly value
      When the balance stage work runs
      Then a warning finding "balance.contribution_not_valued" is reported on "contributions[1].hourly_value_eur"

    Scenario: An expected benefit with neither a value nor an indicator
      When the balance stage work runs
      Then a warning finding "balance.benefit_not_valued" is reported on "benefits[0]"

    Scenario: An expected benefit measured by an indicator
      Given the benefits of "Association Tremplin Emploi" are measured by "Personnes recrutées en CDI"
      When the balance stage work runs
      Then no finding "balance.benefit_not_valued" is reported on "benefits[0]"

  Rule: accepting an imbalance needs a written justification

    Scenario: Approving a power imbalance without a justification
      Given "Logistix Urbaine SAS" brings 20000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 80000 EUR in kind and nothing else
      And the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      When the balance stage work runs
      And a sponsor approves the balance with the reason "ok pour nous"
      Then the approval is refused because "a justification of at least 20 characters" is needed

    Scenario: Approving a power imbalance with a justification
      Given "Logistix Urbaine SAS" brings 20000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 80000 EUR in kind and nothing else
      And the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      When the balance stage work runs
      And a sponsor approves the balance with the reason "Logistix cède un siège au comité dès la deuxième année"
      Then the decision may be recorded

    Scenario: Rejecting the balance needs no justification
      Given the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      When the balance stage work runs
      And a sponsor rejects the balance without giving a reason
      Then the decision may be recorded

  Rule: the balance report shows the ledger and each partner's shares

    Scenario: The report shows the ledger and a chart of the shares
      When the balance stage work runs
      Then a "balance_report" document in "fr" is produced
      And its ledger shows "Logistix Urbaine SAS" with "138 000,00 €" of valued contributions and "2 / 4" votes
      And the document holds one chart
      And running the balance stage work again gives the same document, byte for byte

  Rule: an ESS partner depending on one funder keeps a safeguard when it holds a minority of the votes

    Scenario: An association receiving 95 % of the resources from a company that holds 3 of 4 votes by majority
      Given "Logistix Urbaine SAS" brings 190000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 10000 EUR in kind and nothing else
      And the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      And the comité de pilotage decides by majority
      When the balance stage work runs
      Then no finding "balance.power_imbalance" is reported
      And a warning finding "balance.dependency" is reported on "partners[0]"
      And the finding says "Association Tremplin Emploi dépend de Logistix Urbaine SAS : Logistix Urbaine SAS apporte 95 % des ressources valorisées du partenariat (190 000,00 € sur 200 000,00 € ; seuil : 50 %)"
      And the finding says "Association Tremplin Emploi détient seulement 1 voix sur 4 au comité de pilotage (règle de décision : majorité)"

    Scenario: The same association states its annual budget
      Given "Logistix Urbaine SAS" brings 190000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 10000 EUR in kind and nothing else
      And the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      And the comité de pilotage decides by majority
      And "Association Tremplin Emploi" states an annual budget of 150000 EUR
      When the balance stage work runs
      Then a warning finding "balance.dependency" is reported on "partners[0]"
      And the finding says "soit environ 42 % de son budget annuel (63 333,33 € par an sur 150 000,00 € ; seuil : 30 %)"

    Scenario: Dependent on its budget though under half of the partnership's resources
      Given "Logistix Urbaine SAS" brings 45000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 60000 EUR in kind and nothing else
      And the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      And the comité de pilotage decides by majority
      And "Association Tremplin Emploi" states an annual budget of 40000 EUR
      When the balance stage work runs
      Then a warning finding "balance.dependency" is reported on "partners[0]"
      And the finding says "apporte 43 % des ressources valorisées du partenariat"
      And the finding says "soit environ 38 % de son budget annuel (15 000,00 € par an sur 40 000,00 € ; seuil : 30 %)"

    Scenario Outline: A safeguard answers the dependency
      Given "Logistix Urbaine SAS" brings 190000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 10000 EUR in kind and nothing else
      And the comité de pilotage gives 3 votes to "Logistix Urbaine SAS" and 1 vote to "Association Tremplin Emploi"
      And the comité de pilotage decides by majority
      And <safeguard>
      When the balance stage work runs
      Then no finding "balance.dependency" is reported
      And the dependency table of the report shows "Association Tremplin Emploi" with "95 %" of the resources and the safeguard "<shown>"

      Examples:
        | safeguard                                                                                   | shown                                                                     |
        | "Association Tremplin Emploi" holds a veto on decisions touching its mission                | droit de veto sur les décisions touchant sa mission et ses lignes rouges |
        | "Association Tremplin Emploi" has the dependency-exit plan "Deux nouveaux mécènes d'ici 2028" | plan de sortie de la dépendance : Deux nouveaux mécènes d'ici 2028        |
        | the comité de pilotage decides by unanimity                                                 | décisions par unanimité : rien sans son accord                           |

    Scenario: Holding half of the votes is not a minority
      Given "Logistix Urbaine SAS" brings 190000 EUR in cash and nothing else
      And "Association Tremplin Emploi" brings a value of 10000 EUR in kind and nothing else
      And the comité de pilotage gives 2 votes to "Logistix Urbaine SAS" and 2 votes to "Association Tremplin Emploi"
      And the comité de pilotage decides by majority
      When the balance stage work runs
      Then no finding "balance.dependency" is reported

  Rule: what is not valued stays "not valued", never zero, with a valuation approach suited to its nature

    Scenario: Skills without an hourly value are valued at a market rate
      Given the tutoring by team leaders of "Logistix Urbaine SAS" states 400 hours and no hourly value
      When the balance stage work runs
      Then the report shows the contribution "Tutorat par des chefs d'équipe" as "non valorisé ; approche proposée : temps au prix du marché (heures × taux horaire d’un prestataire équivalent)"

    Scenario: An in-kind contribution without a value is valued at its replacement cost, and its partner is never shown at zero
      Given "Association Tremplin Emploi" brings "Mise à disposition d'une salle de formation" in kind with no value and nothing else
      When the balance stage work runs
      Then a warning finding "balance.contribution_not_valued" is reported on "contributions[2].value_eur"
      And the report shows the contribution "Mise à disposition d'une salle de formation" as "non valorisé ; approche proposée : coût de remplacement (ce qu’il faudrait payer pour l’obtenir autrement)"
      And its ledger shows "Association Tremplin Emploi" with "non valorisé" of valued contributions and "2 / 4" votes

    Scenario: An expected benefit without a value is measured by an indicator
      When the balance stage work runs
      Then the report shows the benefit "Recrutements de salariés formés et motivés" measured as "non valorisé ; approche proposée : résultat mesuré par un indicateur (valeur de départ, cible, suivi à chaque revue)"
