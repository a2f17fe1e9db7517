Feature: SMART milestones (Démarrer)
  Every milestone is Specific, Measurable, Achievable, Realistic and Time-bound.
  When a partnership is registered a failure is a warning the officer can still fix;
  before the convention de partenariat is drafted, the same failure blocks.
  Each finding names the SMART letter it breaks and the field it is about.

  Background:
    Given the example partnership "P-2027-001"

  Rule: the example's milestones are SMART

    Scenario: The example's two milestones pass every SMART check
      When the milestones are checked before the agreement
      Then no SMART finding is reported

  Rule: a vague milestone without an indicator is refused, naming the letters it breaks

    Scenario: "Améliorer l'insertion" with no indicator is refused for S and M
      Given a milestone "m3" titled "Améliorer l'insertion" for "tremplin" due on 2028-06-30 with no indicator
      When the milestones are checked before the agreement
      Then milestone "m3" is refused for the SMART letters "S, M"
      And a blocking finding "smart.title_vague" breaks "S" at "milestones[2].title"
      And a blocking finding "smart.indicator_missing" breaks "M" at "milestones[2].indicator"

    Scenario: At registration the same milestone gives warnings only
      Given a milestone "m3" titled "Améliorer l'insertion" for "tremplin" due on 2028-06-30 with no indicator
      When the partnership is registered
      Then a warning "smart.indicator_missing" breaks "M" at "milestones[2].indicator"
      And no finding is blocking

  Rule: Measurable: the target differs from the baseline

    Scenario: A target equal to the baseline measures nothing
      Given milestone "m1" goes from 15 to 15 "personnes"
      When the milestones are checked before the agreement
      Then a blocking finding "smart.target_equals_baseline" breaks "M" at "milestones[0].indicator.target"

  Rule: Achievable: the target stays within reach of the baseline, or is justified in writing

    Scenario: Quadrupling the baseline needs a written justification
      Given milestone "m1" goes from 10 to 40 "personnes"
      When the milestones are checked before the agreement
      Then a blocking finding "smart.target_beyond_multiple" breaks "A" at "milestones[0].indicator.target"

    Scenario: Tripling the baseline is ambitious but credible
      Given milestone "m1" goes from 10 to 30 "personnes"
      When the milestones are checked before the agreement
      Then no SMART finding is reported

    Scenario: A written justification makes an ambitious target acceptable
      Given milestone "m1" goes from 10 to 40 "personnes"
      And milestone "m1" is justified by "Le financement FSE+ double le nombre de conseillers dès 2027"
      When the milestones are checked before the agreement
      Then no SMART finding is reported

    Scenario: From a baseline of 0, a target above the sanity cap needs a justification
      Given milestone "m1" goes from 0 to 5000 "personnes"
      When the milestones are checked before the agreement
      Then a blocking finding "smart.target_beyond_cap" breaks "A" at "milestones[0].indicator.target"

    Scenario: A percentage cannot exceed 100
      Given milestone "m2" goes from 0 to 120 "%"
      When the milestones are checked before the agreement
      Then a blocking finding "smart.target_beyond_cap" breaks "A" at "milestones[1].indicator.target"

  Rule: Realistic: the owner brings something to the partnership or has named a referent

    Scenario: An owner with no contribution and no referent cannot carry a milestone
      Given "logistix" brings no contribution and has named no referent
      When the milestones are checked before the agreement
      Then a blocking finding "smart.owner_without_means" breaks "R" at "milestones[1].owner"

  Rule: Time-bound: due after the start and no later than the end of the term

    Scenario: A milestone due on the start date is not time-bound
      Given milestone "m1" is due on 2027-01-15
      When the milestones are checked before the agreement
      Then a blocking finding "smart.due_outside_term" breaks "T" at "milestones[0].due"

    Scenario: A milestone due on the last day of the term is time-bound
      Given milestone "m1" is due on 2030-01-14
      When the milestones are checked before the agreement
      Then no SMART finding is reported

  Rule: a partnership starts on milestones

    Scenario: A partnership without any milestone is not ready
      Given the partnership has no milestone
      When the milestones are checked before the agreement
      Then a blocking finding "smart.no_milestone" breaks "SMART" at "milestones"
