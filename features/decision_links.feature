Feature: Personal decision links
  Each person who must act at a gate gets a link of their own, signed with a key kept
  outside the database; it decides once, for that person and partner, until it expires.

  Background:
    Given the partnership "P-2027-001" awaits the approval of the shared vision by its sponsors
    And "Claire Martin" (tremplin) and "Marc Lefèvre" (logistix) were each mailed a personal link

  Rule: a link records one decision, once

    Scenario: Claire Martin's link used a second time records nothing
      When Claire Martin's link approves with the reason "La vision nous convient."
      And Claire Martin's link rejects with the reason "Finalement non."
      Then the second use is refused as "reused"
      And the only decision recorded is "approve" by "Claire Martin" for "tremplin" through "link"

  Rule: a link decides for its own person and partner only

    Scenario: Claire Martin's signature on Marc Lefèvre's link id is refused
      When Marc Lefèvre's link id is sent with Claire Martin's signature
      Then the link is refused as "altered" with status 403
      And no decision is recorded

  Rule: a link expires 14 days after it was issued

    Scenario: a link issued on 10/01/2027 at 09:00 UTC
      Given a link issued to "Marc Lefèvre" on "2027-01-10T09:00:00+00:00"
      Then it opens on "2027-01-24T08:59:00+00:00"
      And it is refused as "expired" with status 410 on "2027-01-24T09:00:00+00:00"

  Rule: a link resent replaces the one sent before

    Scenario: Marc Lefèvre's first link after a resend
      When a new link is issued to "Marc Lefèvre"
      Then Marc Lefèvre's first link is refused as "revoked" with status 410
