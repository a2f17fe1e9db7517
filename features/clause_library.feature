Feature: A clause library a legal officer changes without Python
  Each clause of the convention de partenariat is a file per language. Its front matter says
  when it applies: the partnership kinds (kind), the facts that must all hold (when), whether
  every agreement holds it (required), and its place (order). An organisation's own
  templates folder (COOPACT_TEMPLATES) adds a clause or changes when one applies by editing
  these files; the next agreement follows. A clause file that cannot be used is refused
  before any work, naming the file and the problem.

  Background:
    Given an organisation's own templates folder, copied from coopact's

  Rule: A clause added or changed in the folder applies to the next agreement

    Scenario: A clause added with a condition appears only in the agreements it applies to
      Given the legal officer adds the French clause file "coordination.md":
        """
        ---
        title: "Coordination des Partenaires"
        order: 105
        when: [more_than_two_partners]
        ---
        Les Partenaires désignent l'un d'eux comme coordinateur ; il convoque le comité de pilotage.
        """
      And the legal officer adds the English clause file "coordination.md":
        """
        ---
        title: "Coordination of the Partners"
        order: 105
        when: [more_than_two_partners]
        ---
        The Partners appoint one of them as coordinator, who convenes the steering committee.
        """
      When the agreement of the English three-partner mécénat is written from that folder
      Then the agreement says "Article 8 – Coordination of the Partners"
      And the agreement says "The Partners appoint one of them as coordinator"
      And the agreement says "Article 9 – Insurance"
      And the agreement says "to take part in the bodies set out in Article 10"
      When the agreement of the example partnership file is written from that folder
      Then the agreement never says "Coordination des Partenaires"
      And the agreement says "Article 8 – Assurances"

    Scenario: A condition changed in a clause file changes which agreements hold the clause
      Given the legal officer writes "when: [has_gates, more_than_two_partners]" in both files of "gates.md"
      When the agreement of the example partnership file is written from that folder
      Then the agreement never says "Points de décision Go/noGo"
      When the agreement of the English three-partner mécénat is written from that folder
      Then the agreement says "Go/noGo decision points"

  Rule: A clause file that cannot be used stops the command, naming it (exit 3)

    Scenario Outline: A broken clause library is refused when a partnership is registered
      Given <change>
      When a partnership file is registered with that templates folder
      Then the command stops with exit code 3, naming "<file>" and saying "<problem>"

      Examples:
        | change                                                                     | file                        | problem                                |
        | the legal officer writes "when: [has_gate]" in the French file "gates.md"  | clauses/fr/gates.md         | unknown fact 'has_gate'                |
        | the legal officer writes "kind: [mecénat]" in both files of "counterparts.md" | clauses/fr/counterparts.md | unknown kind 'mecénat'                 |
        | the legal officer writes "when: [has_risks]" in both files of "insurance.md" | clauses/fr/insurance.md     | 'required: true' and also 'kind' or 'when' |
        | the legal officer writes "when: [has_benefits]" in the English file "risks.md" | clauses/en/risks.md       | other conditions than its fr version   |
        | the legal officer removes the English file "force_majeure.md"              | clauses/en/force_majeure.md | is missing                             |
        | the legal officer removes both files of "notices.md"                       | clauses/fr/notices.md       | every agreement holds this clause      |
        | the legal officer writes "order: [12" in the French file "term.md"         | clauses/fr/term.md          | front matter is not valid YAML         |
        | the legal officer adds only a French clause file "audit.md"               | clauses/en/audit.md         | every clause needs one file per language |
