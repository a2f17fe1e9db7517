Feature: Termination and exit
  The agreement's termination article defines every exit once: a committee no go ends it
  a stated notice after the decision, notified by a partner's legal representative in the
  forms of the notices article; a partner's notice or the end of the term without renewal
  ends it at the term. The termination letter is a letter (sender, addressees with their
  addresses, registered letter, the article cited, the effective date, a signature block);
  the exit statement applies the restitution article and nothing else. Both are mailed to
  each partner's legal representative, who acknowledges the statement; then the
  partnership is closed. Nothing stays scheduled, the calendar is cancelled, and advancing
  a terminated or closed partnership is refused.

  Rule: a committee no go ends the agreement as its termination article says

    Scenario: The comité de pilotage decides no go
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      When "Claire Martin" votes "no_go"
      And "Marc Lefèvre" votes "no_go"
      And "Inès Benali" votes "no_go"
      Then the partnership is at stage "terminated"
      And the "termination_letter" reads "Objet : résiliation de la convention de partenariat « Parcours vers l'emploi dans la logistique urbaine »"
      And the "termination_letter" reads "Lettre recommandée avec demande d'avis de réception"
      And the "termination_letter" reads "Logistix Urbaine SAS"
      And the "termination_letter" reads "À l'attention de Marc Lefèvre, Directeur général"
      And the "termination_letter" reads "3 quai de Bercy, 94220 Charenton-le-Pont"
      And the "termination_letter" reads "Paris, le 15 juillet 2027"
      And the "termination_letter" reads "En application de l'article 22 (« Résiliation et sortie du partenariat ») de la convention"
      And the "termination_letter" reads "soit le 15 août 2027"
      And the "termination_letter" reads "Paul Durand"
      And the "termination_letter" does not read "Pour le comité de pilotage"
      And the "exit_statement" reads "Logistix Urbaine SAS | numéraire | Financement des parcours | 120 000,00 € | Restitution des sommes non engagées"
      And the "exit_statement" reads "aucun versement n'est enregistré au 15 juillet 2027 ; rien n'a été reçu et aucune somme n'est à restituer"
      And the "exit_statement" reads "Toute somme versée après le 15 juillet 2027 et non engagée au 15 août 2027 est restituée dans les mêmes conditions, dans un délai de soixante jours à compter de cette date, soit au plus tard le 14 octobre 2027"
      And the "exit_statement" reads "Association Tremplin Emploi | nature | Accompagnement socio-professionnel | 90 000,00 € | Aucun remboursement"
      And the "exit_statement" reads "Paul Durand, Président"
      And the "exit_statement" does not read "prorata"
      And the "exit_statement" does not read "à restituer à"
      And nothing is scheduled any more
      And the status awaits "tremplin, logistix"
      And the calendar is cancelled
      And "Claire Martin" and "Marc Lefèvre" are mailed the calendar "Fin du partenariat : rendez-vous annulés"

  Rule: the agreement defines the no go exit once, with its own notice

    Scenario: The termination article gives a no go its notice, who notifies and how
      Given the agreement of the example
      Then its article "Résiliation et sortie du partenariat" reads "Elle prend effet un mois après la date de la décision du comité de pilotage, et au plus tard au terme de la Convention"
      And its article "Résiliation et sortie du partenariat" reads "par le représentant légal du Partenaire le plus diligent, dans les formes prévues à l'article 23"
      And its article "Résiliation et sortie du partenariat" does not cite the article "Points de décision Go/noGo"
      And its article "Évaluation et compte rendu" reads "une décision noGo emporte la résiliation de la Convention dans les conditions de l'article 22"

  Rule: each partner's legal representative acknowledges the exit, then it is closed

    Scenario: Both signatories acknowledge, then advance is refused
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      And the committee has voted "no_go" unanimously
      When "Claire Martin", sponsor of "tremplin", tries to acknowledge the exit
      Then the decision is refused because "the acknowledgement of the exit is decided by a signatory, not by a sponsor"
      When "Paul Durand", signatory of "tremplin", acknowledges the exit
      Then the partnership is at stage "terminated"
      When "Marc Lefèvre", signatory of "logistix", acknowledges the exit
      Then the partnership is at stage "closed"
      And advancing it is refused because "a closed partnership has no automatic work left"

  Rule: after a no go each partner is mailed both acts, what is asked, and its link

    Scenario: The exit is mailed to every partner's legal representative
      Given an active partnership whose comité de pilotage decides by "consensus" and whose signatories have email addresses
      And the review of 2027-07-15 is open
      And the committee has voted "no_go" unanimously
      When the open gate is notified
      Then "Paul Durand" and "Marc Lefèvre" are mailed the exit with both acts attached and a personal link

  Rule: a partner's notice before the deadline ends the partnership at its term

    Scenario: Logistix gives notice, the term ends without renewal
      Given an active partnership whose comité de pilotage decides by "consensus" and renews "tacit"
      When "Marc Lefèvre", sponsor of "logistix", gives notice on 2029-09-01
      Then the "termination_letter" reads "Objet : non-renouvellement de la convention de partenariat"
      And the "termination_letter" reads "Charenton-le-Pont, le 1er septembre 2029"
      And the "termination_letter" reads "la convention prend fin à son terme, le 14 janvier 2030"
      When the reviews up to 2029-07-15 are held
      And review-due runs on 2029-10-14
      Then the partnership is at stage "active"
      And the status shows the end date "2030-01-14"
      When review-due runs on 2030-01-14
      Then the partnership is at stage "terminated"
      And the "exit_statement" reads "à la suite du congé donné par Logistix Urbaine SAS"

    Scenario: A notice after the deadline is refused
      Given an active partnership whose comité de pilotage decides by "consensus" and renews "tacit"
      When "Marc Lefèvre", sponsor of "logistix", gives notice on 2029-10-15
      Then the decision is refused because "the notice deadline was 2029-10-14"
