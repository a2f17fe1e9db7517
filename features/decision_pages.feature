Feature: The decision page of a personal link
  A person decides on a page in their own words: only the outcomes the rules can accept
  are offered, and a go with conditions states each condition with its partner and due date.

  Rule: an outcome the rules cannot accept is not offered, and the page says why

    Scenario: Go is not offered to a committee member over a red line crossed
      Given the review report of "P-2027-001" shows 1 blocking finding
      When a committee member opens the review page in "en"
      Then the outcomes offered are "go_with_conditions, no_go"
      And the page says why "'Go' is not offered"

    Scenario: every outcome is offered when nothing blocks
      Given the review report of "P-2027-001" shows 0 blocking finding
      When a committee member opens the review page in "fr"
      Then the outcomes offered are "go, go_with_conditions, no_go"

  Rule: a go with conditions states each condition, its partner and its due date

    Scenario: a condition without its partner is pointed out beside the field
      When a committee member sends go with conditions with "Recruter | | 2027-10-31" and "Publier le bilan | logistix | 2027-12-15"
      Then the row 2 is accepted and the row 1 is told "Choisissez le partenaire qui en répond."
      And what was typed in row 1 is kept: "Recruter"

    Scenario: go with conditions without any condition
      When a committee member sends go with conditions with no condition
      Then the decision is told "« Go sous conditions » suppose au moins une condition : remplissez une ligne ci-dessous."
