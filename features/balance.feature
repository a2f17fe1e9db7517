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
