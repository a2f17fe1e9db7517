Feature: Partner due diligence — is each partner who it says it is, and able to commit?
  Choosing the wrong partner is a known risk of impact partnerships. Before the vision is
  approved, coopact checks each partner's legal identifiers, its ESUS accreditation, who
  signs for it and on what authority, its ESS status, and flags for a human any red line
  that another partner's stakes or contributions may contradict.

  Background:
    Given the partnership "Parcours vers l'emploi dans la logistique urbaine" of the example file

  Rule: identifiers are valid, or the file is refused at input

    Scenario: A SIRET failing its checksum is refused with its field path
      Given "Logistix Urbaine SAS" has the SIRET "44306184100014"
      When the partnership file is validated
      Then the file is refused at "partners[1].identifiers.siret" with "invalid checksum"

  Rule: identifiers fit the legal form

    Scenario: An association declared under the 1901 law without an RNA number
      Given "Association Tremplin Emploi" states no RNA number
      When the vision stage work runs
      Then a blocking finding "due_diligence.rna_missing" is reported on "partners[0].identifiers.rna"

    Scenario: A SAS with neither SIREN nor SIRET
      Given "Logistix Urbaine SAS" states no SIRET
      When the vision stage work runs
      Then a blocking finding "due_diligence.siren_missing" is reported on "partners[1].identifiers.siren"

    Scenario: A SIRET that does not start with the SIREN given beside it
      Given "Logistix Urbaine SAS" has the SIREN "732829320"
      When the vision stage work runs
      Then a blocking finding "due_diligence.siret_not_of_siren" is reported on "partners[1].identifiers.siret"

    Scenario: A SIRET that starts with the SIREN given beside it
      Given "Logistix Urbaine SAS" has the SIREN "443061841"
      When the vision stage work runs
      Then no finding "due_diligence.siret_not_of_siren" is reported

  Rule: an ESUS accreditation covers the partnership from its start to its end

    Scenario: An ESUS accreditation already expired when the partnership starts on 15 January 2027
      Given the ESUS accreditation of "Association Tremplin Emploi" runs from 2021-06-01 to 2026-06-01
      When the vision stage work runs
      Then a blocking finding "due_diligence.esus_expired_at_start" is reported on "partners[0].esus.expires_on"

    Scenario: An ESUS accreditation expiring on 1 May 2029, before the end of the term on 14 January 2030
      When the vision stage work runs
      Then a warning finding "due_diligence.esus_expires_during_term" is reported on "partners[0].esus.expires_on"

    Scenario: An ESUS accreditation covering the whole term
      Given the ESUS accreditation of "Association Tremplin Emploi" runs from 2024-05-01 to 2031-05-01
      When the vision stage work runs
      Then no finding "due_diligence.esus_expires_during_term" is reported
      And no finding "due_diligence.esus_expired_at_start" is reported

  Rule: each partner names a signatory and states the authority to sign

    Scenario: A signatory whose authority is not stated
      Given the signatory of "Logistix Urbaine SAS" states no authority
      When the vision stage work runs
      Then a blocking finding "due_diligence.signatory_authority_missing" is reported on "partners[1].signatory.authority"

    Scenario: A partner without a signatory
      Given "Association Tremplin Emploi" names no signatory
      When the vision stage work runs
      Then a blocking finding "due_diligence.signatory_missing" is reported on "partners[0].signatory"

  Rule: the ESS status fits the legal form

    Scenario: A SAS that declares itself ESS without an ESUS accreditation
      Given "Logistix Urbaine SAS" declares itself part of the ESS
      When the vision stage work runs
      Then a warning finding "due_diligence.ess_claim_without_esus" is reported on "partners[1].ess"

    Scenario: An association that declares itself outside the ESS
      Given "Association Tremplin Emploi" declares itself outside the ESS
      When the vision stage work runs
      Then a warning finding "due_diligence.ess_by_law_not_declared" is reported on "partners[0].ess"

  Rule: a red line another partner's stakes or contributions may contradict is flagged for a human

    Scenario: A contribution that selects the beneficiaries meets the red line against it
      Given "Logistix Urbaine SAS" brings "Sélection des bénéficiaires par les chefs d'équipe" as skills
      When the vision stage work runs
      Then a warning finding "due_diligence.red_line_may_be_contradicted" is reported on "partners[0].red_lines[0]"
      And the finding names the shared words "beneficiaire, selectionne"

    Scenario: The example partnership has no red line to confirm
      When the vision stage work runs
      Then no finding "due_diligence.red_line_may_be_contradicted" is reported
