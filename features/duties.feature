Feature: Segregation of duties
  Who may record which gate's decision, through which channel: the legal approvals and the
  signatures are recorded only by the person who decides them; anything else recorded on
  someone's behalf needs the evidence it rests on.

  Rule: a partnership officer never records a legal approval or a signature on someone's behalf

    Scenario Outline: a reserved gate recorded on someone's behalf is refused
      When a partnership officer records "<gate>" on someone's behalf with evidence
      Then the recording is refused because "never recorded on someone's behalf"

      Examples:
        | gate                |
        | legal_approval      |
        | signature           |
        | amendment_approval  |
        | amendment_signature |

  Rule: recording on someone's behalf needs the evidence it rests on

    Scenario: a sponsor's vision approval recorded with the mail it rests on
      When a partnership officer records "vision_approval" on someone's behalf with evidence
      Then the recording is allowed

    Scenario: a committee vote recorded on someone's behalf without evidence
      When a partnership officer records "review" on someone's behalf without evidence
      Then the recording is refused because "needs the evidence"

  Rule: the legal officer records the legal approval in person, signed in or by their link

    Scenario: the legal officer approves from the partnership's page
      When the legal officer records "legal_approval" in person on the portal
      Then the recording is allowed

    Scenario: a legal officer's page cannot approve for another person
      When the legal officer records "legal_approval" for someone else on the portal
      Then the recording is refused because "only by the person who decides it"
