Feature: Formaliser – a legally complete convention de partenariat
  The agreement is generated only from a complete partnership file, qualified legally,
  written in the partnership's language, and identical whenever its inputs are identical.

  Background:
    Given the partnership "Parcours vers l'emploi dans la logistique urbaine" between "Association Tremplin Emploi" and "Logistix Urbaine SAS"

  Rule: No agreement is generated while a legal clause cannot be written

    Scenario: Every clause is filled: the convention is generated
      When the agreement is generated
      Then a convention de partenariat is produced
      And it contains "Article 1 – Objet et qualification juridique"

    Scenario: A partner without a signatory blocks the agreement
      Given "Logistix Urbaine SAS" names no signatory
      When the agreement is generated
      Then no document is produced
      And the finding "agreement.signatory_missing" is reported on "partners[1].signatory"

    Scenario: A signatory without stated authority blocks the agreement
      Given the authority of the signatory of "Association Tremplin Emploi" is not stated
      When the agreement is generated
      Then the finding "agreement.authority_missing" is reported on "partners[0].signatory.authority"

    Scenario: A partner without a referent leaves the clause on the project team unwritten
      Given "Association Tremplin Emploi" names no referent
      When the agreement is generated
      Then the finding "agreement.clause_incomplete" is reported on "partners[0].referent"

    Scenario: A partner without any legal identifier cannot be a party
      Given "Logistix Urbaine SAS" has no SIREN, SIRET or RNA number
      When the agreement is generated
      Then the finding "agreement.identifier_missing" is reported on "partners[1].identifiers"

    Scenario: A notice as long as the term is incoherent
      Given a term of 3 months with a notice of 3 months
      When the agreement is generated
      Then the finding "agreement.notice_too_long" is reported on "notice_months"

  Rule: A mécénat admits counterparts only in marked disproportion with the donation

    Scenario: Counterparts worth 20 % of the donation are accepted
      Given the partnership is a mécénat with counterparts worth 27600 EUR
      When the agreement is generated
      Then a convention de partenariat is produced
      And it contains "Contreparties"
      And it contains "238 bis"

    Scenario: Counterparts worth 30 % of the donation are refused
      Given the partnership is a mécénat with counterparts worth 41400 EUR
      When the agreement is generated
      Then the finding "agreement.counterparts_disproportionate" is reported on "counterparts"

    Scenario: A mécénat must declare its counterparts, even when there are none
      Given the partnership is a mécénat with no counterparts declared
      When the agreement is generated
      Then the finding "agreement.counterparts_not_stated" is reported on "counterparts"

    Scenario: A counterpart without a value cannot be checked
      Given the partnership is a mécénat with a counterpart "Logo sur le site" without value
      When the agreement is generated
      Then the finding "agreement.counterpart_value_missing" is reported on "counterparts[0].value_eur"

    Scenario: A parrainage is invoiced with VAT
      Given the partnership is a parrainage
      When the agreement is generated
      Then it contains "Article 2 – Facturation du parrainage"
      And it contains "taxe sur la valeur ajoutée"

  Rule: The agreement is written in the language of the partnership file

    Scenario: In English
      Given the language of the partnership is "en"
      When the agreement is generated
      Then it contains "Article 1 – Purpose and legal qualification"
      And it contains "€120,000.00"
      And it contains "15 January 2027"
      And it contains "the French version prevails over the English one"

    Scenario: In French
      When the agreement is generated
      Then it contains "120 000,00 €"
      And it contains "15 janvier 2027"
      And it contains "seule la version française fait foi"

  Rule: The same inputs give the same document; any change gives a new one

    Scenario: Regenerating an unchanged partnership gives the same hash
      When the agreement is generated twice
      Then both documents have the same SHA-256

    Scenario: A changed notice period gives a different document
      When the agreement is generated, then again with a notice of 4 months
      Then the two documents have different SHA-256
