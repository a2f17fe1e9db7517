Feature: The comité de pilotage decides by its rule
  At a Go/noGo review each member of the comité de pilotage votes once. The votes are counted
  under the agreement's decision rule (consensus, majority, unanimity) with each member's
  votes and the quorum. The review closes when the rule is met, or when it can no longer be
  met: then the deadlock procedure decides, and a partnership officer records its outcome.
  The minutes (procès-verbal) list every vote.

  Rule: under consensus, one vote leaves the review open and says who is still awaited

    Scenario: One no go of three members leaves the review open
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      When "Claire Martin" votes "no_go"
      Then the partnership is at stage "in_review"
      And the review still awaits "Marc Lefèvre, Inès Benali"

  Rule: under consensus, every member voting the same way closes the review

    Scenario: Three go votes close the review and the minutes list them
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      When "Claire Martin" votes "go"
      And "Marc Lefèvre" votes "go"
      And "Inès Benali" votes "go"
      Then the partnership is at stage "active"
      And the "minutes" reads "Claire Martin | Association Tremplin Emploi | 1 | Pour la poursuite (Go)"
      And the "minutes" reads "Marc Lefèvre | Logistix Urbaine SAS | 1 | Pour la poursuite (Go)"
      And the "minutes" reads "Inès Benali | Association Tremplin Emploi | 1 | Pour la poursuite (Go)"
      And the "minutes" reads "Le comité de pilotage décide de poursuivre le partenariat."
      And the "minutes" does not read "go_with_conditions"

  Rule: the minutes are minutes: form, chair, attendance, quorum and powers as the agreement states them, signed by the chair and the secretary

    Scenario: The minutes of a no go
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      And the committee has voted "no_go" unanimously
      Then the "minutes" reads "Forme de la délibération : consultation écrite des membres du comité de pilotage, ouverte le 15 juillet 2027"
      And the "minutes" reads "Présidence : Claire Martin. Secrétariat : Sophie Garnier."
      And the "minutes" reads "Membres ayant pris part à la délibération : Claire Martin (Association Tremplin Emploi) ; Marc Lefèvre (Logistix Urbaine SAS) ; Inès Benali (Association Tremplin Emploi)."
      And the "minutes" reads "aux termes de l'article 9 (« Gouvernance : comité de pilotage ») de la convention, le comité ne délibère valablement que si chaque Partenaire y est représenté par un membre au moins. Le quorum est atteint."
      And the "minutes" reads "Le comité de pilotage décide de ne pas poursuivre le partenariat (décision noGo)."
      And the "minutes" reads "la décision noGo emporte la résiliation de la convention, qui prend effet le 15 août 2027"
      And the minutes are signed by "Claire Martin", "Le président du comité de pilotage"
      And the minutes are signed by "Sophie Garnier", "Le secrétaire du comité de pilotage"
      And the "minutes" does not read "no_go"

    Scenario: A member whose go was refused over a blocking finding is not written as absent
      Given an active partnership whose comité de pilotage decides by "majority"
      And the review of 2027-07-15 is open
      And the health check of 2027-07-15 reports a red line of "tremplin" crossed
      When "Claire Martin" votes "go"
      Then the decision is refused because "cannot be approved while blocking findings stand"
      When "Marc Lefèvre" votes "no_go"
      And "Inès Benali" votes "no_go"
      Then the partnership is at stage "terminated"
      And the "minutes" reads "Claire Martin | Association Tremplin Emploi | 1 | Pour la poursuite (Go), vote irrecevable"
      And the "minutes" does not read "N'a pas pris part au vote"

    Scenario: The governance article states the quorum the minutes apply
      Given the agreement of the example
      Then its article "Gouvernance : comité de pilotage" reads "Il ne délibère valablement que si chaque Partenaire y est représenté par un membre au moins."
      And its article "Gouvernance : comité de pilotage" reads "Il est présidé par Claire Martin"
      And its article "Gouvernance : comité de pilotage" reads "il peut aussi délibérer par consultation écrite"
      And its article "Gouvernance : comité de pilotage" reads "n'a d'autres pouvoirs que ceux que lui donne la Convention"
      And its article "Gouvernance : comité de pilotage" reads "Un membre empêché peut se faire représenter à une réunion, sur pouvoir écrit, par un autre membre du comité ou par une personne de son Partenaire ; le membre représenté est compté pour le quorum"
      And its article "Gouvernance : comité de pilotage" reads "il est signé par le président et par le secrétaire"

  Rule: the minutes state how the committee met, as the meeting record given with the votes says

    Scenario: A video meeting with a chair, a secretary, one member represented and one absent
      Given an active partnership whose comité de pilotage decides by "majority"
      And the review of 2027-07-15 is open
      When the committee meets by video conference on 2027-07-20, chaired by "Claire Martin", "Sophie Garnier" keeping the minutes, "Marc Lefèvre" represented by "Claire Martin"
      And "Claire Martin" votes "go" as the meeting records
      And "Marc Lefèvre" votes "go" as the meeting records
      Then the partnership is at stage "active"
      And the "minutes" reads "Forme de la délibération : réunion du comité de pilotage tenue par visioconférence le 20 juillet 2027, pour la revue Go/noGo de l'échéance du 15 juillet 2027"
      And the "minutes" reads "Présidence : Claire Martin. Secrétariat : Sophie Garnier."
      And the "minutes" reads "Membres présents : Claire Martin (Association Tremplin Emploi)."
      And the "minutes" reads "Membres représentés : Marc Lefèvre (Logistix Urbaine SAS), ayant donné pouvoir à Claire Martin."
      And the "minutes" reads "Membres absents et non représentés : Inès Benali (Association Tremplin Emploi)."
      And the "minutes" reads "chaque Partenaire y est représenté par un membre au moins. Le quorum est atteint."
      And the "minutes" reads "Le comité de pilotage décide de poursuivre le partenariat."
      And the "minutes" reads "Fait le 20 juillet 2027."
      And the minutes are signed by "Claire Martin", "Le président du comité de pilotage"
      And the minutes are signed by "Sophie Garnier", "Le secrétaire du comité de pilotage"
      And the "minutes" does not read "consultation écrite"

    Scenario: A meeting in person without its quorum: the minutes say so, and the deadlock procedure decides
      Given an active partnership whose comité de pilotage decides by "consensus" with a quorum of 3 members
      And the review of 2027-07-15 is open
      When the committee meets in person on 2027-07-21 at "Maison des associations, 12 rue de la Gare, 94000 Créteil"
      And "Claire Martin" votes "go" as the meeting records
      And "Marc Lefèvre" votes "no_go" as the meeting records
      And the partnership officer "Sophie Garnier" records the mediation outcome "go"
      Then the partnership is at stage "active"
      And the "minutes" reads "réunion du comité de pilotage tenue en présentiel le 21 juillet 2027"
      And the "minutes" reads "Lieu de la réunion : Maison des associations, 12 rue de la Gare, 94000 Créteil."
      And the "minutes" reads "Membres absents et non représentés : Inès Benali (Association Tremplin Emploi)."
      And the "minutes" reads "le comité ne délibère valablement que si 3 de ses membres au moins y prennent part. Le quorum n'est pas atteint."
      And the "minutes" reads "Le comité de pilotage n'ayant pu statuer faute de quorum, la procédure de blocage prévue par la convention (mediation) a été mise en œuvre"
      And the "minutes" does not read "Le comité de pilotage décide de"

    Scenario: A written consultation states the dates it opened and closed
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      When the committee is consulted in writing from 2027-07-16 to 2027-07-30
      And "Claire Martin" votes "go" as the meeting records
      And "Marc Lefèvre" votes "go" as the meeting records
      And "Inès Benali" votes "go" as the meeting records
      Then the partnership is at stage "active"
      And the "minutes" reads "Forme de la délibération : consultation écrite des membres du comité de pilotage, ouverte le 16 juillet 2027 pour la revue Go/noGo de l'échéance du 15 juillet 2027, et close le 30 juillet 2027, chaque membre ayant exprimé son vote par écrit"
      And the "minutes" reads "Membres ayant pris part à la délibération : Claire Martin (Association Tremplin Emploi) ; Marc Lefèvre (Logistix Urbaine SAS) ; Inès Benali (Association Tremplin Emploi)."
      And the "minutes" reads "Fait le 30 juillet 2027."
      And the "minutes" does not read "Membres représentés"

    Scenario: A meeting in person without its place is refused, naming the field
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      When the committee meets in person on 2027-07-21 with no place
      And "Claire Martin" votes "go" as the meeting records
      Then the decision is invalid at "place"
      And the partnership is at stage "in_review"

    Scenario: Without a member of every partner, a majority does not decide
      Given an active partnership whose comité de pilotage decides by "majority"
      And the review of 2027-07-15 is open
      When "Claire Martin" votes "no_go"
      And "Inès Benali" votes "no_go"
      Then the partnership is at stage "in_review"
      And the review still awaits "Marc Lefèvre"

  Rule: a deadlock follows the agreement's procedure, whose outcome a partnership officer records

    Scenario: A split consensus awaits the mediation, then closes on its outcome
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      When "Claire Martin" votes "go"
      And "Marc Lefèvre" votes "no_go"
      Then the partnership is at stage "in_review"
      And the review still awaits "mediation (deadlock: outcome to record)"
      When the partnership officer "Sophie Garnier" records the mediation outcome "go"
      Then the partnership is at stage "active"
      And the "minutes" reads "procédure de blocage prévue par la convention (mediation)"

    Scenario: A committee member cannot record the mediation outcome
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      When the partnership officer "Sophie Garnier" records the mediation outcome "go"
      Then the decision is refused because "only once the comité de pilotage is deadlocked"

  Rule: each decision rule counts the votes in its own way

    Scenario Outline: Counting the votes of a three-member committee
      Given a committee deciding by "<rule>" with quorum <quorum> and members "<members>"
      When the votes cast are "<votes>"
      Then the committee <result>

      Examples:
        | rule      | quorum | members                                                             | votes                                       | result                                 |
        | majority  | 2      | Claire Martin:tremplin:2, Marc Lefèvre:logistix:1, Inès Benali:tremplin:1 | Claire Martin:go, Inès Benali:go            | decides "go"                           |
        | majority  | 2      | Claire Martin:tremplin:2, Marc Lefèvre:logistix:1, Inès Benali:tremplin:1 | Claire Martin:go                            | still awaits "Marc Lefèvre, Inès Benali" |
        | majority  | 2      | Claire Martin:tremplin:2, Marc Lefèvre:logistix:2, Inès Benali:tremplin:0 | Claire Martin:go, Marc Lefèvre:no_go        | is deadlocked                          |
        | unanimity | 2      | Claire Martin:tremplin:1, Marc Lefèvre:logistix:1, Inès Benali:tremplin:0 | Claire Martin:no_go, Marc Lefèvre:no_go     | decides "no_go"                        |
        | unanimity | 2      | Claire Martin:tremplin:1, Marc Lefèvre:logistix:1, Inès Benali:tremplin:1 | Claire Martin:go, Marc Lefèvre:go_with_conditions | is deadlocked                    |
        | consensus | 2      | Claire Martin:tremplin:1, Marc Lefèvre:logistix:1, Inès Benali:tremplin:0 | Claire Martin:go, Marc Lefèvre:go           | still awaits "Inès Benali"             |

  Rule: go with conditions states each condition, tracked and checked at the next review

    Scenario: A go with conditions without conditions is refused
      Given an active partnership whose comité de pilotage decides by "majority"
      And the review of 2027-07-15 is open
      When "Claire Martin" votes "go_with_conditions" with no condition
      Then the decision is invalid at "conditions"

    Scenario: A condition not met by its date is a finding of the next review
      Given an active partnership whose comité de pilotage decides by "majority"
      And the review of 2027-07-15 is open
      When "Claire Martin" votes "go_with_conditions" with the condition "Tenir le point projet tous les 15 jours | logistix | 2027-10-31 | séances tenues"
      And "Marc Lefèvre" votes "go_with_conditions" with the condition "Tenir le point projet tous les 15 jours | logistix | 2027-10-31 | séances tenues"
      Then the partnership is at stage "active"
      And the status shows the condition "Tenir le point projet tous les 15 jours" owned by "logistix" due "2027-10-31"
      And the "minutes" reads "Tenir le point projet tous les 15 jours | Logistix Urbaine SAS | 31 octobre 2027 | séances tenues"
      When the review of 2028-01-15 is open
      Then the review has the finding "review.condition_not_met"
      And condition 1 is shown "not met by 2027-10-31"
      And the "review_report" reads "Tenir le point projet tous les 15 jours"
      And the "review_report" reads "indicateur : séances tenues | Logistix Urbaine SAS | 31 octobre 2027 | non remplie à l'échéance"

    Scenario: A condition met in time is no finding
      Given an active partnership whose comité de pilotage decides by "majority"
      And the review of 2027-07-15 is open
      When "Claire Martin" votes "go_with_conditions" with the condition "Tenir le point projet tous les 15 jours | logistix | 2027-10-31"
      And "Marc Lefèvre" votes "go_with_conditions" with the condition "Tenir le point projet tous les 15 jours | logistix | 2027-10-31"
      And condition 1 is met on 2027-10-20
      And the review of 2028-01-15 is open
      Then the review has no finding "review.condition_not_met"
      And condition 1 is shown "met on 2027-10-20"

  Rule: review dates missed are each recorded as overdue, and the review opened names them

    Scenario: review-due run after two review dates
      Given an active partnership whose comité de pilotage decides by "consensus"
      When review-due runs on 2028-02-01
      Then the partnership is at stage "in_review"
      And the status shows "review of 2027-07-15 overdue since 2027-07-15 (covered by the review opened on 2028-02-01)"
      And the review opened covers the periods "2027-07-15, 2028-01-15"
      When the review work runs on 2028-02-01
      Then the "review_report" reads "Cette revue couvre les échéances du 15 juillet 2027 et du 15 janvier 2028"
