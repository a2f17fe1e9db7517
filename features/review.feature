Feature: The periodic Go/noGo review tells, with evidence, whether the partnership should go on
  At each periodic review the comité de pilotage fills a health check: each partner's
  engagement and trust (1 to 5), whether its real benefits match those it expected, the red
  lines it sees crossed, whether the ESS partner's mission is still served; each milestone's
  indicator value and its last update; how many times each ritual was held. The review reads
  it against the partnership file and the previous review, for fatigue, mistrust and mission
  drift, and writes the "Rapport de revue Go/noGo" with a recommendation. The recommendation
  is only that: the comité de pilotage decides.

  Background:
    Given the partnership "Parcours vers l'emploi dans la logistique urbaine" of the example file
    And the example health check of its first review, on 2027-07-15

  Rule: a healthy partnership is recommended to go on

    Scenario: The example health check gives no finding and recommends go
      When the review is run
      Then no finding with a code starting with "review." is reported
      And the recommendation is "go"
      And the report says "Go : poursuivre le partenariat"
      And the report shows the ritual "Point projet" with 13 meetings expected and 12 held
      And the report shows the milestone "m1" at "17 personnes" for a target of "15 personnes", "atteint"

  Rule: without a health check the review has no evidence

    Scenario: The health check was not filled
      Given the health check was not filled
      When the review is run on 2027-07-15
      Then a warning finding "review.health_check_missing" is reported for the whole review
      And the recommendation is "go_with_conditions"
      And the report says "Le questionnaire de santé n'a pas été rempli"

  Rule: fatigue over time shows in skipped rituals, stale indicators, overdue milestones and falling engagement

    Scenario: The Point projet held 3 times in 6 months when every 2 weeks implies 13
      Given the "Point projet" was held 3 times since the start
      When the review is run
      Then a warning finding "review.ritual_skipped" is reported on "governance.rituals[0]"
      And the finding says "Le rituel « Point projet » s'est tenu 3 fois du 15 janvier 2027 au 14 juillet 2027, alors que sa fréquence (toutes les deux semaines) en implique 13"
      And the recommendation is "go_with_conditions"
      And the report shows the ritual "Point projet" with 13 meetings expected and 3 held

    Scenario: An indicator last updated more than 6 months before the review
      Given the indicator of milestone "m2" was last updated on 2027-01-10 at 0
      When the review is run
      Then a warning finding "review.indicator_stale" is reported on "milestones[1].indicator"
      And the finding says "L'indicateur « Sorties vers un emploi durable » du jalon m2 n'a pas été mis à jour depuis le 10 janvier 2027, plus de 6 mois avant la revue du 15 juillet 2027"

    Scenario: A milestone due on 30 April 2027 stands at 9 people for a target of 15
      Given the indicator of milestone "m1" was last updated on 2027-07-01 at 9
      When the review is run
      Then a warning finding "review.milestone_overdue" is reported on "milestones[0]"
      And the finding says "Le jalon m1 « Premiers parcours lancés » était dû le 30 avril 2027 : « Personnes entrées en parcours » en est à 9 pour une cible de 15 personnes"
      And the report shows the milestone "m1" at "9 personnes" for a target of "15 personnes", "en retard"

    Scenario: Logistix's engagement falls from 4 to 2 between two reviews
      Given the previous review, on 2027-07-15, gave the example answers
      And this review is held on 2028-01-15
      And "logistix" scores its engagement 2
      When the review is run
      Then a warning finding "review.engagement_falling" is reported on "partners[1]"
      And the finding says "L'engagement de Logistix Urbaine SAS est passé de 4 à 2 sur 5 depuis la revue du 15 juillet 2027"

  Rule: mistrust shows in falling trust and one-sided answers

    Scenario: Tremplin's trust falls from 4 to 3 between two reviews
      Given the previous review, on 2027-07-15, gave the example answers
      And this review is held on 2028-01-15
      And "tremplin" scores its trust 3
      When the review is run
      Then a warning finding "review.trust_falling" is reported on "partners[0]"
      And the finding says "La confiance de Association Tremplin Emploi est passée de 4 à 3 sur 5"

    Scenario: Tremplin trusts the partnership 5 out of 5 and Logistix 2 out of 5
      Given "tremplin" scores its trust 5
      And "logistix" scores its trust 2
      When the review is run
      Then a warning finding "review.one_sided_answers" is reported on "partners"
      And the finding says "sur la confiance, Association Tremplin Emploi répond 5 sur 5 et Logistix Urbaine SAS 2 sur 5"

    Scenario: Scores one point apart are not one-sided
      Given "tremplin" scores its trust 5
      And "logistix" scores its trust 4
      When the review is run
      Then no finding "review.one_sided_answers" is reported

    Scenario: A partner that did not answer the health check
      Given "logistix" did not answer the health check
      When the review is run
      Then a warning finding "review.partner_not_heard" is reported on "partners[1]"

  Rule: a crossed red line or an ESS mission no longer served is mission drift: no go is recommended

    Scenario: Tremplin reports that the company selects the beneficiaries
      Given "tremplin" reports its red line "Le partenaire ne sélectionne pas les bénéficiaires" as crossed
      When the review is run
      Then a blocking finding "review.red_line_crossed" is reported on "partners[0].red_lines[0]"
      And the recommendation is "no_go"
      And the report says "No go : arrêter le partenariat"

    Scenario: Tremplin's mission is no longer served
      Given "tremplin" says its mission is no longer served
      When the review is run
      Then a blocking finding "review.mission_not_served" is reported on "partners[0].mission"
      And the finding says "dérive de mission"
      And the recommendation is "no_go"

  Rule: each partner's real and perceived benefits match (Communiquer)

    Scenario Outline: Logistix's benefits are <perceived>
      Given "logistix" perceives its benefits as "<perceived>" because "Deux recrutements seulement sur six postes ouverts"
      When the review is run
      Then a <severity> finding "<code>" is reported on "partners[1]"
      And the finding says "Recrutements de salariés formés et motivés"
      And the recommendation is "go_with_conditions"

      Examples:
        | perceived | severity | code                        |
        | partly    | warning  | review.benefits_partly_met  |
        | not_met   | blocking | review.benefits_not_met     |

  Rule: the health check refers to the partnership's own partners, milestones and rituals

    Scenario: A ritual the partnership does not have
      Given the "Apéro mensuel" was held 2 times since the start
      When the health check is checked against the partnership
      Then the problem "rituals.Apéro mensuel" says "unknown ritual 'Apéro mensuel'"
