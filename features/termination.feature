Feature: Termination and exit
  A committee no go, a partner's notice, or the end of the term without renewal starts the
  exit the agreement's exit clause describes: a termination letter (lettre de résiliation or
  de non-renouvellement, with notice period and effective date) and an exit statement each
  partner acknowledges; then the partnership is closed. Nothing is scheduled for a
  terminated or closed partnership, and advancing one is refused.

  Rule: a committee no go produces a termination letter and an exit statement

    Scenario: The comité de pilotage decides no go
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      When "Claire Martin" votes "no_go"
      And "Marc Lefèvre" votes "no_go"
      And "Inès Benali" votes "no_go"
      Then the partnership is at stage "terminated"
      And the "termination_letter" reads "Lettre de résiliation"
      And the "termination_letter" reads "Préavis : trois mois."
      And the "termination_letter" reads "Date d'effet : 15 octobre 2027."
      And the "exit_statement" reads "Logistix Urbaine SAS | numéraire | Financement des parcours | 120 000,00 € | 29 890,51 €"
      And the "exit_statement" reads "Accompagnement socio-professionnel : à restituer à Association Tremplin Emploi"
      And nothing is scheduled any more
      And the status awaits "tremplin, logistix"

  Rule: the partnership is closed once every partner acknowledges the exit

    Scenario: Both sponsors acknowledge, then advance is refused
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      And the committee has voted "no_go" unanimously
      When "Claire Martin", sponsor of "tremplin", acknowledges the exit
      Then the partnership is at stage "terminated"
      When "Marc Lefèvre", sponsor of "logistix", acknowledges the exit
      Then the partnership is at stage "closed"
      And advancing it is refused because "a closed partnership has no automatic work left"

  Rule: a partner's notice before the deadline ends the partnership at its term

    Scenario: Logistix gives notice, the term ends without renewal
      Given an active partnership whose comité de pilotage decides by "consensus" and renews "tacit"
      When "Marc Lefèvre", sponsor of "logistix", gives notice on 2029-09-01
      Then the "termination_letter" reads "Lettre de non-renouvellement"
      And the "termination_letter" reads "Date d'effet : 14 janvier 2030."
      When the reviews up to 2029-07-15 are held
      And review-due runs on 2029-10-14
      Then the partnership is at stage "active"
      And the status shows the end date "2030-01-14"
      When review-due runs on 2030-01-14
      Then the partnership is at stage "terminated"
      And the "exit_statement" reads "non-renouvellement notifié par un partenaire"

    Scenario: A notice after the deadline is refused
      Given an active partnership whose comité de pilotage decides by "consensus" and renews "tacit"
      When "Marc Lefèvre", sponsor of "logistix", gives notice on 2029-10-15
      Then the decision is refused because "the notice deadline was 2029-10-14"
