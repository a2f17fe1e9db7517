Feature: The agreement a lawyer would sign
  The convention is written from clause files a legal officer edits. Read as a French
  legal officer would, it introduces the parties "ENTRE ... ET ...", identifies a company by
  its RCS and share capital, an association by its declaration and a foundation by its type;
  it says who pays whom, when and how the money is taxed; it makes paying and delivering
  obligations of result; it sends disputes to mediation before a court that exists and is
  never made exclusively competent when a party is not a merchant; and it is signed
  electronically (art. 1366-1367 C. civ.), not in paper originals.

  Rule: The French example reads as a complete convention

    Scenario: Parties, identification and the clauses every agreement needs
      Given the example partnership file
      When its agreement is written
      Then the agreement says "ENTRE"
      And the agreement says "immatriculée au RCS Créteil 443 061 841"
      And the agreement says "au capital de 150 000,00 €"
      And the agreement says "déclarée à la préfecture de Paris le 2 mars 2009"
      And the agreement says "Article 8 – Assurances"
      And the agreement says "Incessibilité (intuitu personae)"
      And the agreement says "Force majeure"
      And the agreement says "Adresses et notifications"
      And the agreement says "elle prend effet à la date de première présentation de la lettre"
      And the agreement says "Liste des annexes"
      And the agreement says "toutes les deux semaines"
      And the agreement says "pendant trois ans après son terme"
      And the agreement says "préavis de renouvellement"
      And the agreement says "un mois après la signature de cet écrit"
      And the agreement never says "tous les 2 semaines"
      And no blocking finding is reported

    Scenario: Paying and delivering are obligations of result, with dates and a payment term
      Given the example partnership file
      When its agreement is written
      Then the agreement says "sont des obligations de résultat"
      And the agreement says "Logistix Urbaine SAS verse à Association Tremplin Emploi la somme de 120 000,00 €"
      And the agreement says "en trois versements de 40 000,00 € chacun, exigibles respectivement les 15 janvier 2027, 15 janvier 2028 et 15 janvier 2029"
      And the agreement says "dans un délai de trente jours à compter de son échéance"
      And the agreement says "intérêt au taux légal"
      And the agreement says "un compte rendu de l'emploi des fonds"
      And the agreement says "article L. 8241-2 du code du travail"
      And the agreement never says "Les Partenaires sont tenus d'une obligation de moyens."

    Scenario: The tax treatment of a partenariat's money is the one the file chooses
      Given the example partnership file
      When its agreement is written
      Then the agreement says "Régime fiscal"
      And the agreement says "constituent une subvention de fonctionnement"
      And the agreement says "hors du champ de la taxe sur la valeur ajoutée"

    Scenario: A partenariat whose money is a service is invoiced with VAT
      Given the example partnership file
      And the file chooses the tax regime "service"
      When its agreement is written
      Then the agreement says "majorées de la taxe sur la valeur ajoutée au taux en vigueur"
      And the agreement says "article L. 441-10 du code de commerce"

    Scenario: A partenariat whose money is a gift promises the company a receipt
      Given the example partnership file
      And the file chooses the tax regime "gift"
      When its agreement is written
      Then the agreement says "Association Tremplin Emploi délivre au mécène"
      And the agreement says "2041-MEC-SD"

    Scenario: Money flowing in a partenariat with no tax treatment chosen blocks the approval
      Given the example partnership file
      And the file chooses no tax regime
      When its agreement is checked
      Then a blocking finding "agreement.tax_regime_missing" is reported on "tax_regime"
      And the finding says "Logistix Urbaine SAS verse de l'argent à Association Tremplin Emploi"

  Rule: Disputes go to mediation, then to a court that exists, exclusive only between merchants

    Scenario: No court is guessed and none is made exclusive while a party is an association
      Given the example partnership file
      When its agreement is written
      Then the agreement says "médiation conventionnelle"
      And the agreement says "le différend est porté devant la juridiction compétente selon les règles de droit commun"
      And the agreement says "seule la version française fait foi"
      And the agreement never says "seul compétent"
      And the agreement never says "tribunal judiciaire de Paris"

    Scenario: A court the file names is not exclusive while a party is an association
      Given the example partnership file
      And the file names the court "le tribunal judiciaire de Créteil"
      When its agreement is written
      Then the agreement says "le différend est porté devant le tribunal judiciaire de Créteil, sans préjudice de la compétence de toute autre juridiction"
      And the agreement never says "seul compétent"

    Scenario: Between merchants only, the named court is exclusively competent
      Given the example partnership file
      And every partner is a commercial company
      And the file names the court "le tribunal de commerce de Créteil"
      When its agreement is written
      Then the agreement says "le différend est porté devant le tribunal de commerce de Créteil, seul compétent"

  Rule: The act is signed electronically, and says how

    Scenario: The French agreement names coopact's signature bound to the SHA-256 of the PDF signed
      Given the example partnership file
      When its agreement is written
      Then the agreement says "Article 25 – Signature électronique"
      And the agreement says "conformément aux articles 1366 et 1367 du code civil"
      And the agreement says "la signature est liée à l'empreinte SHA-256 de ce fichier PDF"
      And the agreement says "Fait sous forme électronique, en un original électronique"
      And the agreement says "Date : celle de la signature électronique"
      And the agreement never says "exemplaires originaux"
      And the agreement never says "reconnaissant avoir reçu le sien"

    Scenario: With DocuSeal as provider, the clause names it
      Given the example partnership file
      When its agreement is written for signature by "docuseal"
      Then the agreement says "au moyen du service de signature électronique DocuSeal"

  Rule: Each party is identified as a lawyer needs before the legal approval

    Scenario: A company without its RCS and share capital cannot get its legal approval
      Given the example partnership file
      And "Logistix Urbaine SAS" states no registration
      When its agreement is checked
      Then a blocking finding "agreement.company_identification_missing" is reported on "partners[1].registration.rcs_city"
      And the finding says "la ville du RCS et le capital social"
      And the finding says "partners[1].registration.share_capital_eur"

    Scenario: A company without its RCS is also reported at due diligence
      Given the example partnership file
      And "Logistix Urbaine SAS" states no registration
      When the due diligence runs
      Then a warning "due_diligence.rcs_missing" is reported on "partners[1].registration.rcs_city"

    Scenario: A foundation states its type, and a sheltered foundation cannot sign for itself
      Given the English three-partner mécénat file
      And "Roots Foundation" states no foundation type
      When its agreement is checked
      Then a blocking finding "agreement.foundation_type_missing" is reported on "partners[2].registration.foundation_type"

    Scenario: A sheltered foundation is refused as a party
      Given the English three-partner mécénat file
      And "Roots Foundation" is a foundation sheltered by "Fondation de France"
      When its agreement is checked
      Then a blocking finding "agreement.sheltered_foundation_signs" is reported on "partners[2].registration.foundation_type"
      And the finding says "Fondation de France"

    Scenario: A party copied from another is flagged
      Given the example partnership file
      And "Logistix Urbaine SAS" repeats the mission and red lines of "Association Tremplin Emploi"
      When its agreement is checked
      Then a warning "agreement.party_repeats_another" is reported on "partners[1].mission"
      And a warning "agreement.party_repeats_another" is reported on "partners[1].red_lines"

  Rule: A mécénat names its donors and donees from who pays whom, and promises a receipt only to a company

    Scenario: A company and a foundation both pay an association (English)
      Given the English three-partner mécénat file
      When its agreement is written
      Then the agreement says "PATRONAGE (MÉCÉNAT) AGREEMENT"
      And the agreement says "Greenfleet Logistics SAS and Roots Foundation, as donors, support the project of Solidarity Kitchens, as donee"
      And the agreement says "Solidarity Kitchens issues to the donor"
      And the agreement says "The contribution of Roots Foundation does not, under the Agreement, fall within the tax reduction"
      And the agreement says "equal to 60% of the gifts for the portion up to two million euros and 40% for the portion above"
      And the agreement says "up to 20,000 euros or 5 per mille of the turnover excluding VAT, whichever is higher"
      And the agreement says "over the following five financial years"
      And the agreement says "paragraph 5 bis of article 238 bis of the French General Tax Code, on form no. 2041-MEC-SD (cerfa no. 16216)"
      And the agreement says "after each payment is received"
      And the agreement says "The donee does not guarantee the tax result"
      And the agreement says "undertakes to inform the donor without delay of any loss or challenge of that eligibility"
      And the agreement says "Benefits in return (contreparties)"
      And the agreement says "Two lunches for its staff with the students (estimated value: €400.00)"
      And the agreement says "registered with the RCS Créteil 443 061 841"
      And the agreement says "recognised as being of public utility by decree of 20 June 2012"
      And the agreement says "the French version prevails over the English one"
      And the agreement says "in accordance with articles 1366 and 1367 of the French Civil Code"
      And the agreement says "three months before expiry"
      And the agreement never says "Roots Foundation issues"
      And the agreement never says "Made in"
      And the agreement never says "which alone has jurisdiction"
      And the agreement never says "3 months"
      And the agreement never says "sponsorship" whatever the case
      And the agreement never says "counterparts" whatever the case
      And no blocking finding is reported

    Scenario: A French mécénat whose donor recruits and is trained reads as a counterpart
      Given the French two-donor mécénat file
      When its agreement is written
      Then the agreement says "Logistix Urbaine SAS et Fondation Avenir Solidaire, en qualité de mécènes"
      And the agreement says "Formation des chefs d'équipe à l'accueil des publics (service rendu par Association Tremplin Emploi à Logistix Urbaine SAS et à son personnel"
      And the agreement says "La valeur totale des contreparties s'élève à 4 100,00 €"
      And the agreement says "aucun reçu fiscal ne lui est délivré en application de la Convention"
      And the agreement says "ils ne créent aucune obligation à la charge du bénéficiaire envers les mécènes"
      And the agreement never says "Fondation Avenir Solidaire délivre"
      And a warning "agreement.requalification_stake" is reported on "partners[1].stakes[0]"
      And a warning "agreement.requalification_benefit" is reported on "benefits[1]"
      And a warning "agreement.requalification_service" is reported on "contributions[3].to"
      And no blocking finding is reported

    Scenario: A gift whose receiver cannot be told is refused naming the field
      Given the English three-partner mécénat file
      And the donation of "Greenfleet Logistics SAS" names no receiver
      When the file is validated
      Then it is refused on "contributions.0.to" with "state who receives this contribution"

    Scenario: French data inside an English act is flagged at registration
      Given the English three-partner mécénat file
      And the mission of "Solidarity Kitchens" is "Cuisiner des repas sains pour les étudiants et les familles"
      When it is registered
      Then a warning "agreement.french_text_in_english_act" is reported on "partners[1].mission"
      And no warning "agreement.french_text_in_english_act" is reported on "partners[0].mission"

    Scenario: The confidentiality period stated in free text is reported
      Given the English three-partner mécénat file
      And the confidentiality text says "Budgets stay confidential for 5 years"
      When its agreement is written
      Then a warning "agreement.confidentiality_period_twice" is reported on "sharing.confidentiality"
