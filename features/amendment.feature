Feature: Avenants
  A signed partnership changes only by an avenant: it cites the agreement and its signature
  date, the decision behind it, each changed provision under the article of the agreement
  stating it with its former and new wording, the figures that follow, an effective date,
  and comes with the consolidated agreement; a legal approval and a signature round of its
  own. Once signed, the partnership's file, schedule, charter and calendar are the amended
  ones, the past kept as it was; the original agreement stays as signed.

  Rule: amending an active partnership drafts an avenant for legal approval

    Scenario: Reviews every 4 months instead of 6
      Given an active partnership whose comité de pilotage decides by "consensus"
      When the officer amends it with reviews every 4 months, effective 2027-03-01
      Then the partnership is at stage "amending"
      And the "avenant" reads "Avenant n° 1 à la convention de partenariat"
      And the "avenant" reads "Article 13 – Évaluation et compte rendu | Fréquence des revues Go/noGo | tous les six mois | tous les quatre mois"
      And the "avenant" reads "Vu l'article 21 (« Avenants ») de la convention"
      And the "avenant" reads "Le présent avenant prend effet le 1er mars 2027"
      And the "consolidated_agreement" reads "Version consolidée au 1er mars 2027, intégrant l'avenant n° 1"
      And the "consolidated_agreement" reads "tous les quatre mois"

  Rule: once approved and signed, the amended file is the partnership's

    Scenario: The avenant is approved and signed
      Given an active partnership whose comité de pilotage decides by "consensus"
      When the officer amends it with reviews every 4 months, effective 2027-03-01
      And the legal officer approves the avenant
      Then the partnership is at stage "amendment_signing"
      When every signatory signs the avenant
      Then the partnership is at stage "active"
      And the next review dates are "2027-05-15, 2027-09-15, 2028-01-15, 2028-05-15, 2028-09-15"
      And no new version of the "agreement" is written
      And the "calendar" is at version 2

  Rule: the avenant is signed as a PDF, like the agreement

    Scenario: A signature on the avenant's .docx is refused, one on its PDF recorded
      Given an active partnership whose comité de pilotage decides by "consensus"
      When the officer amends it with reviews every 4 months, effective 2027-03-01
      And the legal officer approves the avenant
      Then the avenant's PDF is made from the avenant, and its signature packet names it
      And the "avenant" reads "sa signature est liée à l'empreinte SHA-256 de ce fichier PDF"
      When "Paul Durand" signs the avenant's .docx for "tremplin"
      Then the decision is refused because "is not the PDF of the avenant under way"
      When "Paul Durand" signs the avenant's PDF for "tremplin"
      Then the status awaits "logistix"
      When every signatory signs the avenant
      Then the partnership is at stage "active"

  Rule: the charter and calendar re-issued after an avenant keep the past as it was

    Scenario: The review held stays held, the calendar keeps its UIDs and is mailed
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      And the committee has voted "go" unanimously
      When the officer amends it with reviews every 4 months, effective 2027-09-01
      And the legal officer approves the avenant
      And every signatory signs the avenant
      Then the partnership is at stage "active"
      And the "charter" reads "15 juillet 2027 | Revue Go/noGo n° 1 (tenue le 15 juillet 2027)"
      And the "charter" reads "15 septembre 2027 | Revue Go/noGo n° 2"
      And the "charter" does not read "15 mai 2027 | Revue"
      And the calendar's event "review-1" keeps its UID with SEQUENCE 1
      And the calendar's event "end-of-term" keeps its UID with SEQUENCE 0
      And the calendar has no event on 2027-05-15
      And "Claire Martin" and "Julie Moreau" are mailed the calendar "Calendrier du partenariat mis à jour"

    Scenario: A ritual's cadence changed: the series held ends, a new one starts
      Given an active partnership whose comité de pilotage decides by "consensus"
      When the officer amends it with the "Point projet" every 4 weeks, effective 2027-09-01
      And the legal officer approves the avenant
      And every signatory signs the avenant
      Then the calendar's event "ritual-1" repeats until 2027-08-31
      And the calendar's event "ritual-1" keeps its UID with SEQUENCE 1
      And the calendar's event "ritual-1-2027-09-01" keeps its UID with SEQUENCE 0
      And the calendar's event "ritual-2" keeps its UID with SEQUENCE 0
      And the "charter" reads "29 janvier 2027 | Point projet"
      And the "charter" reads "27 août 2027 | Point projet"
      And the "charter" reads "29 septembre 2027 | Point projet"
      And the "charter" does not read "10 septembre 2027 | Point projet"

  Rule: a rejected avenant leaves the agreement as signed

    Scenario: The legal officer rejects the avenant
      Given an active partnership whose comité de pilotage decides by "consensus"
      When the officer amends it with reviews every 4 months, effective 2027-03-01
      And the legal officer rejects the avenant
      Then the partnership is at stage "active"
      And the next review dates are "2027-07-15, 2028-01-15, 2028-07-15, 2029-01-15, 2029-07-15"

  Rule: an avenant is proposed once the gate under way has closed

    Scenario: Amending during a review is refused
      Given an active partnership whose comité de pilotage decides by "consensus"
      And the review of 2027-07-15 is open
      When the officer amends it with reviews every 4 months, effective 2027-08-01
      Then the decision is refused because "once the gate under way has closed"
