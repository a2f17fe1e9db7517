Feature: Personal data is kept while a partnership runs and for a retention after it ends
  A person named by a partnership (sponsor, signatory, committee member, decider) can be
  erased only once every partnership naming them has been closed or terminated for longer
  than the retention (COOPACT_RETENTION_DAYS, ten years by default).

  Scenario: A running partnership keeps the people it names
    Given partnership "P-2027-001" names "Inès Benali" and is at stage "in_review"
    When erasing "Inès Benali" is asked on 2040-01-01 with a retention of 3650 days
    Then the erasure is refused: "Inès Benali cannot be erased: P-2027-001 names them and is in_review, not closed"

  Scenario: A closed partnership keeps them until the retention has passed
    Given partnership "P-2027-001" names "Inès Benali" and was closed on 2027-10-15
    When erasing "Inès Benali" is asked on 2030-01-01 with a retention of 3650 days
    Then the erasure is refused: "P-2027-001 names them and ended on 2027-10-15; it is kept until 2037-10-12"

  Scenario: After the retention, the person may be erased
    Given partnership "P-2027-001" names "Inès Benali" and was closed on 2027-10-15
    When erasing "Inès Benali" is asked on 2037-10-12 with a retention of 3650 days
    Then the erasure is allowed
