Feature: The agreement a lawyer would sign
  The convention de partenariat is written from clause files a legal officer edits. Read as
  a French legal officer would, it introduces the parties "ENTRE ... ET ...", identifies a
  company by its RCS and share capital and an association by its declaration, and holds the
  clauses every agreement needs: insurance, non-assignment, force majeure, notices, the
  settlement of disputes before a named court, the list of annexes.

  Rule: The French example reads as a complete convention

    Scenario: Parties, identification and the clauses every agreement needs
      Given the example partnership file
      When its agreement is written
      Then the agreement says "ENTRE"
      And the agreement says "ET"
      And the agreement says "immatriculée au RCS Créteil 443 061 841"
      And the agreement says "au capital de 150 000,00 €"
      And the agreement says "déclarée à la préfecture de Paris le 2 mars 2009"
      And the agreement says "Article 7 – Assurances"
      And the agreement says "Incessibilité (intuitu personae)"
      And the agreement says "Force majeure"
      And the agreement says "Adresses et notifications"
      And the agreement says "elle prend effet à la date de première présentation de la lettre"
      And the agreement says "médiation conventionnelle"
      And the agreement says "le différend est porté devant le tribunal judiciaire de Paris, seul compétent"
      And the agreement says "Liste des annexes"
      And the agreement says "toutes les deux semaines"
      And the agreement says "pendant trois ans après son terme"
      And the agreement says "préavis de renouvellement"
      And the agreement says "un mois après la signature de cet écrit"
      And the agreement never says "juridiction compétente"
      And the agreement never says "tous les 2 semaines"

    Scenario: A named court in the file replaces the default
      Given the example partnership file
      And the file names the court "le tribunal de commerce de Créteil"
      When its agreement is written
      Then the agreement says "le différend est porté devant le tribunal de commerce de Créteil"

    Scenario: A company without its RCS is reported at due diligence
      Given the example partnership file
      And "Logistix Urbaine SAS" states no registration
      When the due diligence runs
      Then a warning "due_diligence.rcs_missing" is reported on "partners[1].registration.rcs_city"

  Rule: A mécénat is titled, names its donee, and promises a tax receipt only when it can be issued

    Scenario: An English mécénat with three partners
      Given the English three-partner mécénat file
      When its agreement is written
      Then the agreement says "SPONSORSHIP (MÉCÉNAT) AGREEMENT"
      And the agreement says "Greenfleet Logistics SAS and Roots Foundation"
      And the agreement says "supports Solidarity Kitchens, as donee"
      And the agreement says "Donor's name in the annual report (estimated value: €500.00)"
      And the agreement says "upon a tax receipt issued by Solidarity Kitchens"
      And the agreement says "registered with the RCS Créteil 443 061 841"
      And the agreement says "Made in three originals"
      And the agreement says "three months before expiry"
      And the agreement says "for three years after it ends"
      And the agreement never says "PARTNERSHIP AGREEMENT"
      And the agreement never says "tax receipt issued by Roots Foundation"
      And the agreement never says "3 months"

    Scenario: The confidentiality period stated in free text is reported
      Given the English three-partner mécénat file
      And the confidentiality text says "Budgets stay confidential for 5 years"
      When its agreement is written
      Then a warning "agreement.confidentiality_period_twice" is reported on "sharing.confidentiality"
