Feature: Decisions at the gates
  The right person decides, for the partner they represent, exactly once; a signature
  names the agreement it signs, and a new version of the agreement voids earlier ones.

  Background:
    Given the partnership "P-2027-001" between Association Tremplin Emploi and Logistix Urbaine SAS
    And the people section lists "Sophie Garnier" as partnership_officer and "Maître Anne Roux" as legal_officer

  Rule: only the sponsor of a partner approves the shared vision for that partner

    Scenario: the sponsor of Tremplin cannot approve the vision for Logistix
      When "Claire Martin" as sponsor for "logistix" decides vision_approval
      Then the decision is refused because "Claire Martin is the sponsor of Association Tremplin Emploi (tremplin), not of Logistix Urbaine SAS (logistix)"

    Scenario: the sponsor of Tremplin approves the vision for Tremplin
      When "Claire Martin" as sponsor for "tremplin" decides vision_approval
      Then the decision is accepted

  Rule: only a partner's signatory signs, never a partnership officer

    Scenario: a partnership officer cannot sign for a partner
      When "Sophie Garnier" as partnership_officer for "tremplin" decides signature
      Then the decision is refused because "a partnership officer cannot sign for a partner"

    Scenario: the president of Tremplin signs for Tremplin
      When "Paul Durand" as signatory for "tremplin" decides signature
      Then the decision is accepted

  Rule: the legal approval is given only by a legal officer listed in people

    Scenario: a partnership officer listed in people cannot give the legal approval
      When "Sophie Garnier" as legal_officer decides legal_approval
      Then the decision is refused because "Sophie Garnier is listed as partnership officer, not as legal officer"

    Scenario: someone not listed cannot give the legal approval
      When "Julie Moreau" as legal_officer decides legal_approval
      Then the decision is refused because "Julie Moreau is not listed as a legal officer"

    Scenario: the listed legal officer gives the legal approval
      When "Maître Anne Roux" as legal_officer decides legal_approval
      Then the decision is accepted

  Rule: the Go/noGo review is decided by a member of the comité de pilotage

    Scenario: the signatory of Tremplin is not on the comité de pilotage
      When "Paul Durand" as committee_member decides review
      Then the decision is refused because "Paul Durand is not a member of the comité de pilotage"

    Scenario: a member of the comité de pilotage decides the review
      When "Julie Moreau" as committee_member decides review
      Then the decision is accepted

  Rule: a gate closes when every partner has decided, on the first refusal otherwise

    Scenario: the vision waits for the second sponsor
      Given "Claire Martin" for "tremplin" has decided approve at vision_approval
      Then the gate vision_approval is still awaiting "logistix"

    Scenario: both sponsors approve the vision
      Given "Claire Martin" for "tremplin" has decided approve at vision_approval
      And "Marc Lefèvre" for "logistix" has decided approve at vision_approval
      Then the gate vision_approval closes with approve

    Scenario: one sponsor rejects the vision
      Given "Marc Lefèvre" for "logistix" has decided reject at vision_approval
      Then the gate vision_approval closes with reject

  Rule: a signature names the hash of the agreement it signs

    Scenario: a signature on another document is refused
      Given the current agreement has the hash "aaaa1111"
      When a signature names the hash "bbbb2222"
      Then the signature is refused because "is not the current agreement"

    Scenario: a signature without a hash is refused
      Given the current agreement has the hash "aaaa1111"
      When a signature names no hash
      Then the signature is refused because "names the SHA-256 of the document signed"

    Scenario: a signature on the current agreement is accepted
      Given the current agreement has the hash "aaaa1111"
      When a signature names the hash "aaaa1111"
      Then the signature is accepted

  Rule: the partnership is signed only when every signatory has signed the same hash

    Scenario: both signatories sign version 1
      Given the current agreement has the hash "aaaa1111"
      And "Paul Durand" for "tremplin" has signed the hash "aaaa1111"
      And "Marc Lefèvre" for "logistix" has signed the hash "aaaa1111"
      Then the signature gate closes with sign

    Scenario: signatories who signed different versions have not signed the partnership
      Given "Paul Durand" for "tremplin" has signed the hash "aaaa1111"
      And "Marc Lefèvre" for "logistix" has signed the hash "bbbb2222"
      Then the signature gate is still open

  Rule: a new agreement version after a signature voids the earlier signatures

    Scenario: version 2 voids the signature of version 1
      Given "Paul Durand" for "tremplin" has signed the hash "aaaa1111"
      And the current agreement has the hash "bbbb2222"
      And "Marc Lefèvre" for "logistix" has signed the hash "bbbb2222"
      Then the signature gate is still open
      And the signature of "Paul Durand" is void
      And the signature gate is still awaiting "tremplin"
