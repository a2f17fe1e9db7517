Feature: The partnership file
  An officer writes one YAML file per partnership. coopact accepts the example file as it
  is, and refuses a file with any problem, listing every problem with its field path,
  before anything is stored.

  Background:
    Given the example partnership file "Parcours vers l'emploi dans la logistique urbaine"

  Rule: The example file is accepted as it is

    Scenario: The example registers as a draft partnership
      When the officer registers the file
      Then the partnership "P-2027-001" is registered at stage "draft"
      And its history shows its creation

  Rule: Registering is idempotent on the reference

    Scenario: The same file registered twice gives one partnership
      When the officer registers the file
      And the officer registers the file again
      Then there is 1 partnership

    Scenario: Another file with a registered reference is refused, naming what differs
      Given the officer has registered the file
      When the officer registers a file where partners[1].name is "Logistix Urbaine SA"
      Then the registration is refused naming "partners[1].name"

  Rule: Every problem is refused with its field path, and nothing is stored

    Scenario Outline: A faulty file is refused with the problem located
      When the officer registers a file where <field> is <value>
      Then the file is refused with "<path>: <message>"
      And nothing is stored

      Examples:
        | field                          | value            | path                           | message                     |
        | partners[1].identifiers.siret  | "44306184100014" | partners[1].identifiers.siret  | invalid checksum            |
        | partners[0].identifiers.siren  | "812345677"      | partners[0].identifiers.siren  | invalid checksum            |
        | partners[0].identifiers.rna    | "751234567"      | partners[0].identifiers.rna    | invalid format              |
        | contributions[0].partner       | "logistics"      | contributions[0].partner       | unknown partner 'logistics' |
        | risks[1].owner                 | "acme"           | risks[1].owner                 | unknown partner 'acme'      |
        | milestones[1].due              | "2031-06-30"     | milestones[1].due              | must be inside the term     |
        | partners[0].esus.expires_on    | "2024-01-01"     | partners[0].esus.expires_on    | must be after approved_on   |
        | start_date                     | "15/01/2027"     | start_date                     | Input should be a valid date |
        | kind                           | "sponsoring"     | kind                           | Input should be             |
        | partners[1].key                | "tremplin"       | partners[1].key                | duplicate partner key       |
        | partners[0].sponsor.name       | "Claire\\nMartin" | partners[0].sponsor.name       | must fit on one line        |
        | vision.statement               | "Ensemble\u0007" | vision.statement               | contains the control character U+0007 |

    Scenario: A typo in a field name is refused rather than ignored
      When the officer registers a file where partners[0].sponsr is "Claire Martin"
      Then the file is refused with "partners[0].sponsr: unknown field"
      And nothing is stored

    Scenario: A partnership needs at least two partners
      When the officer registers a file with only the first partner
      Then the file is refused with "partners: List should have at least 2 items"
      And nothing is stored
