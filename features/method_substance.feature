Feature: The method judged on substance
  A rule that counts that something is there (a seat, a referent's name, a milestone with
  a figure, a "met" answer) is not enough: the method asks what it amounts to. Each rule
  below reads the example partnership as an officer changed it, with real values, and each
  finding names its figures.

  Background:
    Given the example partnership file "Parcours vers l'emploi dans la logistique urbaine"

  Rule: power is votes and last words, not seats

    Scenario: An observer seat without a vote beside a voting seat is a warning
      Given "governance.steering_committee.members[1].votes" reads 0
      When the method's rules read the file
      Then a warning "governance.seat_without_vote" is raised at "governance.steering_committee.members[1]"
      And the finding says "Inès Benali siège au comité de pilotage pour Association Tremplin Emploi sans aucune voix"

    Scenario: A partner whose seats hold no vote at all is blocked
      Given "governance.steering_committee.members[0].votes" reads 0
      And "governance.steering_committee.members[1].votes" reads 0
      When the method's rules read the file
      Then a blocking "governance.seat_without_vote" is raised at "governance.steering_committee.members[0]"

    Scenario: The company holding 3 of 5 votes under a majority decides alone over the association
      Given "governance.steering_committee.decision_rule" reads "majority"
      And "governance.steering_committee.members[2].votes" reads 2
      When the method's rules read the file
      Then a blocking "governance.decides_alone_without_safeguard" is raised at "governance.steering_committee.decision_rule"
      And the finding says "Logistix Urbaine SAS détient 3 voix sur 5"

    Scenario: A written safeguard the association accepted lifts the block
      Given "governance.steering_committee.decision_rule" reads "majority"
      And "governance.steering_committee.members[2].votes" reads 2
      And "governance.steering_committee.sole_decision_safeguard" reads "Toute décision touchant l'accompagnement des personnes requiert l'accord écrit de Tremplin"
      When the method's rules read the file
      Then no finding "governance.decides_alone_without_safeguard" is raised

    Scenario: A deadlock settled by the funder's general manager gives it the last word
      Given "governance.steering_committee.deadlock" reads "En cas de désaccord, le directeur général de Logistix tranche."
      When the method's rules read the file
      Then a blocking "governance.deadlock_last_word" is raised at "governance.steering_committee.deadlock"

    Scenario: The casting vote of a chair who sits for the company is its last word
      Given "governance.steering_committee.members[2].role" reads "président"
      And "governance.steering_committee.deadlock" reads "Voix prépondérante du président"
      When the method's rules read the file
      Then a blocking "governance.deadlock_last_word" is raised at "governance.steering_committee.deadlock"
      And the finding says "le dernier mot revient à Logistix Urbaine SAS"

    Scenario: A seat with an advisory voice holds no vote
      Given "governance.steering_committee.members[1].role" reads "observatrice (voix consultative)"
      When the method's rules read the file
      Then a warning "governance.seat_without_vote" is raised at "governance.steering_committee.members[1]"

    Scenario: A mediation by a third party gives nobody the last word
      Given "governance.steering_committee.deadlock" reads "Médiation par un tiers choisi d'un commun accord"
      When the method's rules read the file
      Then no finding "governance.deadlock_last_word" is raised

    Scenario: A referent "À recruter" is not a person
      Given "partners[0].referent.name" reads "À recruter"
      When the method's rules read the file
      Then a blocking "governance.referent_placeholder" is raised at "partners[0].referent.name"
      And the finding says "Le référent de Association Tremplin Emploi n'est pas une personne (« À recruter »)"

    Scenario: A post still to be filled is not a person either
      Given "partners[1].referent.name" reads "Poste à pourvoir"
      When the method's rules read the file
      Then a blocking "governance.referent_placeholder" is raised at "partners[1].referent.name"

    Scenario: A committee member "N/A" votes for nobody
      Given "governance.steering_committee.members[3].name" reads "N/A"
      When the method's rules read the file
      Then a blocking "governance.member_placeholder" is raised at "governance.steering_committee.members[3].name"

    Scenario: One director holding every role of the association
      Given "partners[0].referent.name" reads "Claire Martin"
      And "partners[0].signatory.name" reads "Claire Martin"
      And "governance.steering_committee.members[1].name" reads "Claire Martin"
      When the method's rules read the file
      Then a warning "governance.one_person_holds_every_role" is raised at "partners[0].referent"

  Rule: what each partner's own constraints allow

    Scenario: The association commits 93 600 EUR while its board must approve above 50 000 EUR
      Given "partners[0].signatory.authority" reads "Statuts, article 9"
      When the method's rules read the file
      Then a warning "constraints.commitment_beyond_constraint" is raised at "partners[0].constraints[0]"
      And the finding says "Association Tremplin Emploi s'engage pour 93 600,00 € alors que ses propres règles soumettent les engagements de plus de 50 000,00 € à une approbation"

    Scenario: A deliberation of the board covers it
      When the method's rules read the file
      Then no finding "constraints.commitment_beyond_constraint" is raised

  Rule: a partnership, not a service bought for the company's customers

    Scenario: The company sets the price, selects its customers and owns the material
      Given "rights" reads {"scope_and_price_set_by": ["logistix"], "beneficiaries_selected_by": ["logistix"], "outputs_owned_by": ["logistix"], "beneficiaries_are_customers_of": "logistix"}
      When the method's rules read the file
      Then a blocking "qualification.service_not_partnership" is raised at "rights"
      And the finding says "4 signes sur 5"

    Scenario: Characterised as a service by the legal officer, it is information
      Given "rights" reads {"scope_and_price_set_by": ["logistix"], "beneficiaries_selected_by": ["logistix"], "outputs_owned_by": ["logistix"], "characterised_as_service_by": "Nadia Roux"}
      When the method's rules read the file
      Then a info "qualification.characterised_as_service" is raised at "rights.characterised_as_service_by"
      And no finding "qualification.service_not_partnership" is raised

    Scenario: The words say service: a prestation at a set price, for the company's clients
      Given "contributions[0].description" reads "Paiement de la prestation d'accompagnement au tarif fixé par Logistix"
      And "vision.beneficiaries" reads "Clients de Logistix Urbaine en Île-de-France"
      And "sharing.intellectual_property" reads "Les supports créés appartiennent à Logistix."
      When the method's rules read the file
      Then a blocking "qualification.service_not_partnership" is raised at "contributions"

    Scenario: The example, whose rights are not stated, is asked for them at registration
      When the partnership is registered
      Then a warning "qualification.rights_not_stated" is raised at "rights"
      And no finding "qualification.service_not_partnership" is raised

  Rule: the milestones follow the shared outcomes for the beneficiaries

    Scenario: Staff hours measure one partner, and the entries are followed by nothing
      Given "milestones[0].title" reads "Heures de bénévolat des salariés de Logistix"
      And "milestones[0].owner" reads "logistix"
      And "milestones[0].indicator" reads {"name": "Heures de bénévolat", "unit": "heures", "baseline": 0, "target": 2000}
      When the method's rules read the file
      Then a warning "smart.milestone_measures_one_partner" is raised at "milestones[0]"
      And a warning "smart.objective_without_milestone" is raised at "vision.shared_objectives[0]"
      And no finding "smart.target_beyond_cap" is raised

    Scenario: 200 entries by April when the vision promises 60 over three years
      Given "milestones[0].indicator.target" reads 200
      And "milestones[0].justification" reads "Objectif fixé par la direction"
      When the method's rules read the file
      Then a warning "smart.target_inconsistent_with_vision" is raised at "milestones[0].indicator.target"
      And the finding says "(200 personnes au 30 avril 2027) dépasse ce que la vision promet sur tout le partenariat (« 60 personnes entrées en parcours sur 3 ans » : 60 personnes)"

    Scenario: 50 of the 60 entries promised over three years, in the first three months
      Given "milestones[0].indicator.target" reads 50
      When the method's rules read the file
      Then a warning "smart.target_pace_impossible" is raised at "milestones[0].indicator.target"
      And the finding says "demande un rythme 9 fois plus rapide que celui de la vision (« 60 personnes entrées en parcours sur 3 ans » : 60 personnes en 36 mois, soit 6 personnes à cette date)"

    Scenario: The example's milestones follow both shared objectives
      When the method's rules read the file
      Then no finding "smart.objective_without_milestone" is raised
      And no finding "smart.milestone_measures_one_partner" is raised
      And no finding "smart.target_inconsistent_with_vision" is raised
      And no finding "smart.target_pace_impossible" is raised

  Rule: communication is shared, and no clause crosses a red line

    Scenario: The company designs, validates and publishes alone, and uses the photos freely
      Given "sharing.communication" reads "Logistix conçoit, valide et publie seule toute communication. Logistix peut utiliser librement le logo de Tremplin et les photos des bénéficiaires dans ses campagnes commerciales."
      When the method's rules read the file
      Then a warning "communication.not_shared" is raised at "sharing.communication"
      And a warning "communication.images_without_consent" is raised at "sharing.communication"
      And a warning "communication.red_line_crossed" is raised at "partners[0].red_lines[1]"

    Scenario: Every communication validated by the company alone
      Given "sharing.communication" reads "Toute communication sur le partenariat est validée par Logistix. Aucune image de bénéficiaire sans accord écrit."
      When the method's rules read the file
      Then a warning "communication.not_shared" is raised at "sharing.communication"
      And no finding "communication.images_without_consent" is raised

    Scenario: The example's communication clause is shared and asks consent
      When the method's rules read the file
      Then no finding with a code starting with "communication." is raised

  Rule: fewer false alarms

    Scenario: A red line and a stake sharing only the word "produits" are no contradiction
      Given "partners[0].red_lines[0]" reads "Pas de vente de produits financiers aux personnes accompagnées"
      And "partners[1].stakes[0]" reads "Développer les produits d'épargne salariale solidaire"
      When the method's rules read the file
      Then no finding "due_diligence.red_line_may_be_contradicted" is raised

    Scenario: Beneficiaries defined by age, condition and département are precise
      Given "vision.beneficiaries" reads "Adolescents de 12 à 17 ans atteints d'un diabète de type 1 suivis dans le 93"
      When the method's rules read the file
      Then no finding "vision.beneficiaries_vague" is raised

  Rule: felt and measured, at every review

    Scenario: Both partners answer "met" while the entries stand at 5 for 15 past their date
      Given "benefits[0].indicator" reads "Personnes entrées en parcours"
      When the health check of 2028-01-20 says m1 stands at 5 and m2 at 12, every partner answering "met"
      Then a warning "review.benefits_felt_not_measured" is raised at "partners[0]"
      And the finding says "l'indicateur « Personnes entrées en parcours » du jalon m1 en est à 5 personnes pour une cible de 15 personnes (départ : 0) après son échéance"

    Scenario: An indicator below its baseline before its due date
      Given "milestones[1].indicator.baseline" reads 20
      When the health check of 2027-07-15 says m1 stands at 17 and m2 at 12, every partner answering "met"
      Then a warning "review.indicator_below_baseline" is raised at "milestones[1].indicator"

    Scenario: An indicator off its trajectory past half its time
      When the health check of 2027-10-15 says m1 stands at 17 and m2 at 3, every partner answering "met"
      Then a warning "review.indicator_off_trajectory" is raised at "milestones[1].indicator"
      And the finding says "en demande environ 30 à cette date"

    Scenario: A yearly ritual is not missed before the end of its first year
      When the health check of 2027-07-15 says m1 stands at 17 and m2 at 12, every partner answering "met"
      Then no finding "review.ritual_not_reported" is raised
      And no finding "review.indicator_off_trajectory" is raised

  Rule: the scorecard never rates an element covered while a finding of it stands

    Scenario: A referent to be recruited leaves fatigue and Démarrer short of covered
      Given "partners[0].referent.name" reads "À recruter"
      When the method's rules read the file
      Then "Usure dans le temps" is not rated "couvert" and lists "governance.referent_placeholder"
      And "Démarrer" is not rated "couvert" and lists "governance.referent_placeholder"
