Feature: Registration tells everything at once (coopact new, coopact amend)
  A file is corrected once, not stage after stage: when it is registered or amended, every
  rule that would block at a later stage is reported as a warning naming that stage, and a
  gate that nobody could decide, or a person who must act but cannot be told, is reported
  with the fix. Nothing blocks the registration itself.

  Background:
    Given the example partnership file "Parcours vers l'emploi dans la logistique urbaine"

  Rule: a partnership without a legal officer can never pass the legal approval

    Scenario: The example file names no legal officer: a warning names the role and how to add it
      When the file is registered
      Then a warning "registration.no_legal_officer" is reported at "people" blocking at "legal_approval"
      And its English text says "No legal officer is named"
      And its English text says "roles: [legal_officer]"

    Scenario: With Sophie Roy listed as legal officer there is no such warning
      Given "Sophie Roy" of "tremplin" is listed in people as legal officer with e-mail "s.roy@tremplin.example"
      When the file is registered
      Then no warning "registration.no_legal_officer" is reported

  Rule: a person who must act is told by e-mail, so an e-mail must be known

    Scenario: Paul Durand signs for Tremplin but the file gives him no e-mail
      When the file is registered
      Then a warning "registration.no_email" is reported at "partners[0].signatory"
      And its English text says "Paul Durand (signatory) has no e-mail address"

    Scenario: Once his e-mail is written there is no such warning
      Given the signatory of "tremplin" has the e-mail "p.durand@tremplin.example"
      When the file is registered
      Then no warning "registration.no_email" is reported

  Rule: the mécénat counterparts rule is checked at registration

    Scenario: A mécénat without counterparts is told at registration it will block at balanced
      Given the partnership is a mécénat with no counterparts stated
      When the file is registered
      Then a warning "agreement.counterparts_not_stated" is reported at "counterparts" blocking at "balanced"

    Scenario: Counterparts worth 41400 EUR, 30 % of the 138000 EUR donation, are told at registration
      Given the partnership is a mécénat with counterparts worth 41400 EUR
      When the file is registered
      Then a warning "agreement.counterparts_disproportionate" is reported at "counterparts" blocking at "balanced"

  Rule: a vague milestone title blocks before the agreement and is told so at registration

    Scenario: "Améliorer l'insertion" as a milestone title will block at balanced
      Given the first milestone is titled "Améliorer l'insertion"
      When the file is registered
      Then a warning "smart.title_vague" is reported at "milestones[0].title" blocking at "balanced"
      And no finding is blocking
