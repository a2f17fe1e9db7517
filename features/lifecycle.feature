Feature: The partnership lifecycle
  A partnership moves draft -> vision_agreed -> balanced -> formalised -> signed -> active,
  then through periodic reviews and renewal. Each gate waits for human decisions; any other
  move is refused with a reason, and the refusal is kept in the audit log.

  Rule: Each stage waits at exactly one gate, or at none

    Scenario Outline: The gate awaited at each stage
      Then a partnership at stage "<stage>" waits at gate "<gate>"

      Examples:
        | stage         | gate               |
        | draft         | vision_approval    |
        | vision_agreed | balance_acceptance |
        | balanced      | legal_approval     |
        | formalised    | signature          |
        | in_review     | review             |
        | in_renewal    | renewal            |
        | amending      | amendment_approval |
        | amendment_signing | amendment_signature |
        | terminated    | exit_acknowledgement |
        | signed        | none               |
        | active        | none               |
        | closed        | none               |

  Rule: A gate closes only when every required decider has decided

    Scenario: The vision is agreed once both sponsors approve
      Given a registered partnership "P-2027-001" at stage "draft"
      When "Claire Martin", sponsor of "tremplin", decides "approve" at "vision_approval"
      Then the partnership is at stage "draft"
      And "logistix" is still awaited
      When "Marc Lefèvre", sponsor of "logistix", decides "approve" at "vision_approval"
      Then the partnership is at stage "vision_agreed"

    Scenario: One sponsor's rejection keeps the partnership in draft
      Given a registered partnership "P-2027-001" at stage "draft"
      When "Claire Martin", sponsor of "tremplin", decides "reject" at "vision_approval"
      And "Marc Lefèvre", sponsor of "logistix", decides "approve" at "vision_approval"
      Then the partnership is at stage "draft"

  Rule: Any other move is refused with a reason, and the refusal is audited

    Scenario: Signing before the vision is agreed is refused
      Given a registered partnership "P-2027-001" at stage "draft"
      When "Paul Durand", signatory of "tremplin", decides "sign" at "signature"
      Then the decision is refused because "the open gate is vision_approval"
      And the refusal is in the partnership's history

    Scenario: A sponsor cannot decide for the other partner
      Given a registered partnership "P-2027-001" at stage "draft"
      When "Claire Martin", sponsor of "logistix", decides "approve" at "vision_approval"
      Then the decision is refused because "Claire Martin is the sponsor of Association Tremplin Emploi (tremplin), not of Logistix Urbaine SAS"

    Scenario: A terminated partnership takes no more decisions but the acknowledgement of its exit
      Then deciding "go" at "review" for a partnership at stage "terminated" is refused because "no decision can be taken any more"
      And deciding "acknowledge" at "exit_acknowledgement" for a partnership at stage "terminated" leads to stage "closed"

    Scenario: A closed partnership takes no more decisions
      Then deciding "acknowledge" at "exit_acknowledgement" for a partnership at stage "closed" is refused because "no decision can be taken any more"

    Scenario: A no go at review terminates the partnership
      Then deciding "no_go" at "review" for a partnership at stage "in_review" leads to stage "terminated"

    Scenario: A go at review keeps the partnership active
      Then deciding "go" at "review" for a partnership at stage "in_review" leads to stage "active"

  Rule: A gate is never approved over a blocking finding; the file is corrected first

    Scenario: A vision without the red lines of a partner is not approved until the file is amended
      Given a registered partnership "P-2027-001" whose partner "logistix" states no red lines
      When "Claire Martin", sponsor of "tremplin", decides "approve" at "vision_approval"
      Then the decision is refused because "cannot be approved while blocking findings stand (vision.red_lines_missing)"
      When the officer amends the file to give "logistix" the red line "Pas d'engagement d'embauche chiffré"
      And "Claire Martin", sponsor of "tremplin", decides "approve" at "vision_approval"
      And "Marc Lefèvre", sponsor of "logistix", decides "approve" at "vision_approval"
      Then the partnership is at stage "vision_agreed"

    Scenario: A signed partnership is not edited: it changes by an avenant
      Given a registered partnership "P-2027-001" at stage "draft"
      And the partnership has been signed
      When the officer amends the file to give "logistix" the red line "Pas de travail le dimanche"
      Then the partnership is at stage "amending"

    Scenario: At a review, a plain go is refused over a red line reported as crossed
      Then with the blocking finding "review.red_line_crossed", "go" at "review" is refused
      And with the blocking finding "review.red_line_crossed", "go_with_conditions" at "review" is allowed
      And with the blocking finding "review.red_line_crossed", "no_go" at "review" is allowed
