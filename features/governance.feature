Feature: Governance set-up at activation (Démarrer, Communiquer)
  Once the convention de partenariat is signed, the partnership becomes active when its
  governance exists: every partner sits on the comité de pilotage, the committee can decide
  and knows what to do when it cannot, each partner has named a referent, and the rituals
  are in everyone's calendar. Activation issues the governance charter and the calendar.

  Background:
    Given the signed example partnership "P-2027-001"

  Rule: activation issues the governance charter and the calendar

    Scenario: The example is activated with its charter and its calendar
      When the governance is set up
      Then the partnership moves on with "governance_set_up"
      And the charter "P-2027-001-charte-de-gouvernance.docx" is issued
      And the charter lists the committee members "Claire Martin, Inès Benali, Marc Lefèvre, Julie Moreau"
      And the charter names the referents "Inès Benali, Julie Moreau"
      And the calendar "P-2027-001-calendrier.ics" is issued as "text/calendar"

    Scenario Outline: Each ritual is one recurring event in the calendar
      When the governance is set up
      Then the calendar holds "<ritual>" recurring <freq> with interval <interval> until the end of the term
      And its first occurrence is on <first> at <time> Europe/Paris for one hour

      Examples: each ritual its own slot; the annual review at the end of its first year
        | ritual                             | freq    | interval | first      | time  |
        | Point projet                       | WEEKLY  | 2        | 2027-01-15 | 10:00 |
        | Comité de pilotage                 | MONTHLY | 3        | 2027-01-15 | 14:00 |
        | Bilan annuel et mesure de l'impact | MONTHLY | 12       | 2028-01-14 | 11:00 |

  Rule: rituals meet on working days, every event has a reminder, the term's end is in it

    Scenario: An occurrence on a public holiday moves to the next working day
      When the governance is set up
      Then no ritual of the calendar meets on a weekend or a French public holiday
      And every event of the calendar has a reminder
      And the calendar holds the end of the term on 2030-01-14
      And the calendar is stamped with the time the governance was set up, in UTC

    Scenario: Each milestone is a dated event in the calendar
      When the governance is set up
      Then the calendar holds milestone "m1" on 2027-04-30
      And the calendar holds milestone "m2" on 2028-01-15

    Scenario: Set up twice at the same time, the same partnership gives the same documents
      When the governance is set up twice
      Then both runs give identical documents

    Scenario: Set up again later, the calendar differs only by the time it states
      When the governance is set up, then again an hour later
      Then the charters are identical
      And the calendars differ only in their DTSTAMP lines, the later one an hour later

    Scenario: Reviews every 6 months, the Go/noGo milestone and the renewal notice are scheduled
      When the governance is set up
      Then the schedule holds reviews on 2027-07-15, 2028-01-15, 2028-07-15, 2029-01-15, 2029-07-15
      And the schedule holds a gate milestone on 2028-01-15
      And the schedule holds the renewal notice on 2029-10-14

  Rule: the project team has one referent per partner

    Scenario: A partner without a referent blocks activation
      Given "logistix" has named no referent
      When the governance is set up
      Then a blocking finding "governance.referent_missing" names "Logistix Urbaine SAS" at "partners[1].referent"
      And no document is issued and the partnership does not move on

  Rule: every partner has a seat on the comité de pilotage

    Scenario: A partner with no member on the committee blocks activation
      Given the members for "logistix" leave the committee
      When the governance is set up
      Then a blocking finding "governance.partner_without_seat" names "Logistix Urbaine SAS" at "governance.steering_committee.members"
      And no document is issued and the partnership does not move on

  Rule: the committee knows what to do when it cannot decide

    Scenario: No deadlock procedure blocks activation
      Given the committee states no deadlock procedure
      When the governance is set up
      Then a blocking finding "governance.deadlock_missing" is reported at "governance.steering_committee.deadlock"

  Rule: the quorum needs every partner

    Scenario: Without a stated quorum, one member of each partner must be present
      When the governance is set up
      Then the charter states the quorum "au moins un membre de chaque partenaire présent (2 membres)"

    Scenario: A quorum of 5 members on a committee of 4 can never be met
      Given the committee states a quorum of 5
      When the governance is set up
      Then a blocking finding "governance.quorum_unreachable" is reported at "governance.steering_committee.quorum"

    Scenario: A quorum of 1 lets the committee sit without a partner
      Given the committee states a quorum of 1
      When the governance is set up
      Then a warning "governance.quorum_without_every_partner" is reported at "governance.steering_committee.quorum"
      And the partnership moves on with "governance_set_up"

  Rule: no partner decides alone

    Scenario: Under majority, a partner holding 3 of 4 votes can decide alone
      Given the committee decides by majority
      And "Claire Martin" holds 2 votes
      When the governance is set up
      Then a warning "governance.sole_decider" names "Association Tremplin Emploi" at "governance.steering_committee.members"

    Scenario: Under majority, 2 of 4 votes each do not let a partner decide alone
      Given the committee decides by majority
      When the governance is set up
      Then no finding "governance.sole_decider" is reported

  Rule: each ritual shares something, and each partner is consulted

    Scenario: A ritual without stated shares shares what its cadence calls for
      When the governance is set up
      Then the charter shows that "Comité de pilotage" shares "mise à jour des indicateurs, décisions, suivi financier, risques"

    Scenario: Shares written in the file are kept
      Given the ritual "Point projet" shares "planning des entrées en parcours"
      When the governance is set up
      Then the charter shows that "Point projet" shares "planning des entrées en parcours"

    Scenario: A partner in no ritual is not consulted
      Given the rituals are held with "tremplin" only
      When the governance is set up
      Then a warning "communication.partner_not_consulted" names "Logistix Urbaine SAS" at "governance.rituals"

  Rule: partner data comes out verbatim

    Scenario: Names with special characters and template syntax are written as they are
      Given "logistix" is named
        """
        Logistix & Fils <SAS> "L'Urbaine" {{ 7*7 }} {% if 1 %}
        """
      When the governance is set up
      Then the charter shows that name verbatim, in the parties, the committee and the team
