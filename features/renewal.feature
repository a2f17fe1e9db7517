Feature: Renewal and notice
  Reminders go out 60 and 30 days before the notice deadline. A tacit renewal renews at
  the deadline unless a partner has given notice. An express renewal opens the renewal gate
  with the first reminder; when every partner renews, an avenant de renouvellement is
  written and signed like any avenant. A renewed term extends the end date, schedules the
  next reviews and re-issues the calendar.

  Rule: reminders are scheduled ahead of the notice deadline

    Scenario: The example's reminders
      Given an active partnership whose comité de pilotage decides by "consensus"
      Then the schedule holds a renewal reminder on 2029-08-15 and on 2029-09-14

  Rule: the partnership officer and the sponsors are reminded by email

    Scenario: The reminder 60 days before the notice deadline of a tacit renewal
      Given an active partnership whose comité de pilotage decides by "consensus" and renews "tacit"
      When the reviews up to 2029-07-15 are held
      And review-due runs on 2029-08-15 with the mail
      Then "Sophie Garnier", "Claire Martin" and "Marc Lefèvre" are reminded that "La date limite de préavis est le 14 octobre 2029, dans 60 jours."
      And the partnership is at stage "active"

  Rule: an express renewal needs every partner, then a signed avenant de renouvellement

    Scenario: Both partners renew and sign the avenant de renouvellement
      Given an active partnership whose comité de pilotage decides by "consensus"
      When the reviews up to 2029-07-15 are held
      And review-due runs on 2029-08-15
      Then the partnership is at stage "in_renewal"
      When "Claire Martin", sponsor of "tremplin", decides "renew" at renewal
      And "Marc Lefèvre", sponsor of "logistix", decides "renew" at renewal
      Then the partnership is at stage "amendment_signing"
      And the "avenant" reads "Avenant n° 1 de renouvellement de la convention de partenariat"
      And the "avenant" reads "pour une nouvelle durée de 36 mois, du 15 janvier 2030 au 14 janvier 2033 inclus"
      And the "avenant" reads "Article 3 – Conditions financières de la nouvelle durée"
      And the "avenant" reads "Logistix Urbaine SAS : Financement des parcours, 120 000,00 € en numéraire (3 versements annuels de 40 000 EUR), à verser entre le 15 janvier 2030 et le 14 janvier 2033"
      When every signatory signs the avenant
      Then the partnership is at stage "active"
      And the status shows the end date "2033-01-14"
      And the next review dates are "2030-01-15, 2030-07-15, 2031-01-15, 2031-07-15, 2032-01-15"
      And the "calendar" is at version 2

    Scenario: At the renewal gate the officer sets the terms of the new term
      Given an active partnership whose comité de pilotage decides by "consensus"
      When the reviews up to 2029-07-15 are held
      And review-due runs on 2029-08-15
      And the officer sets the new term's "Financement des parcours" at 150000
      Then the partnership is at stage "in_renewal"
      When "Claire Martin", sponsor of "tremplin", decides "renew" at renewal
      And "Marc Lefèvre", sponsor of "logistix", decides "renew" at renewal
      Then the "avenant" reads "Contribution « Financement des parcours » : montant | 120 000,00 € | 150 000,00 €"
      And the "avenant" reads "Logistix Urbaine SAS : Financement des parcours, 150 000,00 € en numéraire"
      When every signatory signs the avenant
      Then the partnership is at stage "active"
      And the status shows the end date "2033-01-14"

    Scenario: One partner ends: the partnership is not renewed
      Given an active partnership whose comité de pilotage decides by "consensus"
      When the reviews up to 2029-07-15 are held
      And review-due runs on 2029-08-15
      And "Marc Lefèvre", sponsor of "logistix", decides "end" at renewal
      Then the partnership is at stage "terminated"
      And the "termination_letter" reads "Logistix Urbaine SAS ayant décidé de ne pas la renouveler, elle prend fin à son terme, le 14 janvier 2030"

  Rule: a tacit renewal renews at the notice deadline unless notice was given

    Scenario: Nobody gives notice: the term is renewed
      Given an active partnership whose comité de pilotage decides by "consensus" and renews "tacit"
      When the reviews up to 2029-07-15 are held
      And review-due runs on 2029-10-14
      Then the partnership is at stage "active"
      And the status shows the end date "2033-01-14"

    Scenario: review-due runs only after the end of the term: the tacit renewal still applies
      Given an active partnership whose comité de pilotage decides by "consensus" and renews "tacit"
      When the reviews up to 2029-07-15 are held
      And review-due runs on 2030-02-01
      Then the partnership is at stage "active"
      And the status shows the end date "2033-01-14"
