Feature: Money after the signature
  A signed agreement is followed for the money it promises. Each cash contribution may carry
  its dated instalments; coopact shows each one as due, late, partly paid or paid; a
  treasurer or a partnership officer records each payment received exactly once, by its bank
  reference; and when the payer is a company giving in a mécénat, its donee issues a tax
  receipt (art. 238 bis CGI) for each payment, numbered without gap per donee and year, and
  mailed to the donor's signatory.

  The mécénat of these rules: Greenfleet Logistics SAS pays Solidarity Kitchens 80 000 EUR in
  three instalments (30 000 EUR on 2027-04-15, 30 000 EUR on 2027-10-15, 20 000 EUR on
  2028-04-15) and Roots Foundation pays it 30 000 EUR on 2027-06-30.

  Rule: instalments add up to the contribution's amount

    Scenario: Instalments that do not add up are refused, naming the field and both sums
      Given the three-party mécénat file
      When the company's last instalment is 10000 EUR instead of 20000 EUR
      Then the file is refused at "contributions[0].instalments" with "the instalments add up to 70000 EUR, not the amount_eur of 80000 EUR"

    Scenario: An invalid IBAN is refused
      Given the three-party mécénat file
      When the association's IBAN is "FR7630006000011234567890188"
      Then the file is refused at "partners[1].bank.iban" with "not a valid IBAN"

    Scenario: A free-text schedule alone is accepted with a warning, and not followed
      Given the three-party mécénat file
      When the company's contribution has the schedule "2 annual payments of 40 000 EUR" and no instalments
      Then registering it warns "money.schedule_not_followed" at "contributions[0].schedule"

    Scenario: The agreement states the dates, the payment term and the bank details
      Given the three-party mécénat file
      Then its agreement reads "Instalments payable by Greenfleet Logistics SAS to Solidarity Kitchens: €30,000.00 on 15 April 2027, €30,000.00 on 15 October 2027 and €20,000.00 on 15 April 2028."
      And its agreement reads "They are paid to the account of Solidarity Kitchens: IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP."
      And its agreement reads "Each sum is paid within thirty days of its due date"

    Scenario: A payment term stated in the file is written as an exception
      Given the three-party mécénat file
      When the company's payment term is 45 days
      Then its agreement reads "By way of exception, each instalment of Greenfleet Logistics SAS is paid within 45 days of its due date."

  Rule: each instalment is due, late, partly paid or paid

    Scenario: Before any payment, the first instalment is late once its date has passed
      Given the three-party mécénat, signed
      Then on 2027-04-16 the instalment of "greenfleet" due 2027-04-15 is "late" with 0.00 EUR paid
      And on 2027-04-16 the instalment of "roots" due 2027-06-30 is "due" with 0.00 EUR paid

    Scenario: A payment makes the instalment paid, and the next one partly paid
      Given the three-party mécénat, signed
      When the treasurer records 40000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      Then on 2027-04-20 the instalment of "greenfleet" due 2027-04-15 is "paid" with 30000.00 EUR paid
      And on 2027-04-20 the instalment of "greenfleet" due 2027-10-15 is "partly_paid" with 10000.00 EUR paid
      And "greenfleet" has 40000.00 EUR remaining

  Rule: a company donor's payment issues a tax receipt, numbered without gap

    Scenario: Two payments, two receipts that follow each other
      Given the three-party mécénat, signed
      When the treasurer records 30000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      And the treasurer records 30000 EUR from "greenfleet" on 2027-10-14 with reference "VIR-0002"
      Then receipts "TRE-2027-0001" and "TRE-2027-0002" are issued
      And the last receipt reads "Name: Greenfleet Logistics SAS"
      And the last receipt reads "Name: Solidarity Kitchens"
      And the last receipt reads "Amount in words: thirty thousand euros"
      And the last receipt reads "article 238 bis of the French General Tax Code"
      And the receipt is mailed to "m.lefevre@greenfleet.example" with "P-2027-002-TRE-2027-0002.docx" attached

    Scenario: The foundation's payment is recorded without a receipt
      Given the three-party mécénat, signed
      When the treasurer records 30000 EUR from "roots" on 2027-06-28 with reference "VIR-ROOTS"
      Then no receipt is issued

  Rule: a payment that cannot be right is refused, and nothing is recorded

    Scenario Outline: Refused payments
      Given the three-party mécénat, signed
      And the treasurer recorded 30000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      When the treasurer records <amount> EUR from "<partner>" on 2027-04-21 with reference "<reference>"
      Then the payment is <verdict> with "<words>"
      And nothing more is recorded

      Examples:
        | partner    | amount   | reference | verdict | words                                                |
        | greenfleet | 30000    | VIR-0001  | refused | already recorded                                     |
        | kitchens   | 100      | VIR-0002  | refused | 'kitchens' pays no cash contribution                 |
        | greenfleet | -5       | VIR-0002  | invalid | is not a positive amount                             |
        | greenfleet | 30k      | VIR-0002  | invalid | is not a positive amount                             |
        | greenfleet | 50000.01 | VIR-0002  | refused | exceeds what remains due from 'greenfleet' (50000.00 |

    Scenario: No payment is recorded before the signature
      Given the three-party mécénat, registered but not signed
      When the treasurer records 30000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      Then the payment is refused with "payments are recorded once the agreement is signed"

    Scenario: Only a treasurer or a partnership officer of the file records a payment
      Given the three-party mécénat, signed
      When "Paul Durand" records 30000 EUR from "greenfleet" on 2027-04-20 as "treasurer"
      Then the payment is refused with "Paul Durand is not listed as a treasurer"

  Rule: a call for funds goes out before each instalment, a reminder once it is late, each once

    Scenario: Call for funds 15 days before, then a reminder the day after the due date
      Given the three-party mécénat, signed
      When the money notices run on 2027-03-31
      Then 1 call for funds and 0 reminders are sent
      And "j.moreau@greenfleet.example" is mailed "Call for funds: €30,000.00 due on 15 April 2027"
      And that mail reads "IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, quoting the reference P-2027-002-GREENFLEET-20270415"
      And that mail is copied to "s.garnier@kitchens.example"
      When the money notices run on 2027-04-01
      Then 0 calls for funds and 0 reminders are sent
      When the money notices run on 2027-04-16
      Then 0 calls for funds and 1 reminder are sent
      And "j.moreau@greenfleet.example" is mailed "Reminder: the instalment of €30,000.00 due on 15 April 2027 is late"

    Scenario: A paid instalment is not reminded
      Given the three-party mécénat, signed
      And the treasurer recorded 30000 EUR from "greenfleet" on 2027-04-14 with reference "VIR-0001"
      When the money notices run on 2027-04-16
      Then 0 calls for funds and 0 reminders are sent

  Rule: the payment dates are in the partnership's calendar, with the day of their call for funds

    Scenario: The company's first instalment in the calendar
      Given the three-party mécénat file
      Then its calendar has "Instalment: Greenfleet Logistics SAS pays €30,000.00 to Solidarity Kitchens" on 2027-04-15 with a reminder 15 days before

  Rule: the review report shows what was promised and what came, and money promised that never came is a finding of its health check

    Scenario: The first instalment of the French example is unpaid at the review
      Given the French example, its 120 000 EUR paid in three instalments from 2027-04-01, active
      When the review of 2027-07-15 opens without any payment recorded
      Then the review's findings include "Logistix Urbaine SAS n'a pas réglé 40 000,00 € dus à Association Tremplin Emploi depuis le 1er avril 2027"
      And the review report reads "Contributions en numéraire au 15 juillet 2027, selon les paiements enregistrés."
      And the review report reads "Logistix Urbaine SAS | 120 000,00 € | 40 000,00 € | 0,00 € | 40 000,00 €"

  Rule: a skills or in-kind gift valued by its donor is receipted like cash, in the same sequence

    The company also lends two logistics engineers for 200 hours valued at 75 EUR an hour
    (contributions[3], 15 000 EUR), and the foundation gives two refrigerated cabinets
    (contributions[4], 5 000 EUR), both to Solidarity Kitchens.

    Scenario: The company's skills, valued at cost, get the next receipt of the association
      Given the three-party mécénat with its gifts in kind, signed
      And the treasurer recorded 30000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      When the treasurer records the valuation of 12000 EUR of contributions[3] by "greenfleet" on 2027-06-30 with reference "ATT-2027-01"
      Then receipts "TRE-2027-0001" and "TRE-2027-0002" are issued
      And the last receipt reads "Nature of the gift: skills sponsorship (mécénat de compétences)"
      And the last receipt reads "valued at cost (salaries and social charges of the staff made available), certified by the donor (certificate ATT-2027-01)"
      And the last receipt reads "Amount in words: twelve thousand euros"
      And the receipt is mailed to "m.lefevre@greenfleet.example" with "P-2027-002-TRE-2027-0002.docx" attached

    Scenario: The foundation's equipment is recorded without a receipt
      Given the three-party mécénat with its gifts in kind, signed
      When the treasurer records the valuation of 4800 EUR of contributions[4] by "roots" on 2027-06-30 with reference "ATT-ROOTS"
      Then no receipt is issued

    Scenario Outline: Refused valuations
      Given the three-party mécénat with its gifts in kind, signed
      And the treasurer recorded the valuation of 12000 EUR of contributions[3] by "greenfleet" on 2027-06-30 with reference "ATT-2027-01"
      When the treasurer records the valuation of <amount> EUR of contributions[<n>] by "<partner>" on 2027-07-01 with reference "<reference>"
      Then the valuation is <verdict> with "<words>"
      And nothing more is recorded

      Examples:
        | partner    | n | amount  | reference   | verdict | words                                                         |
        | greenfleet | 3 | 1000    | ATT-2027-01 | refused | already recorded                                              |
        | greenfleet | 0 | 1000    | ATT-2027-02 | refused | is a cash contribution                                        |
        | roots      | 3 | 1000    | ATT-2027-02 | refused | is given by 'greenfleet', not by 'roots'                      |
        | kitchens   | 2 | 1000    | ATT-2027-02 | refused | is not a gift to another partner                              |
        | greenfleet | 3 | 3000.01 | ATT-2027-02 | refused | exceeds what remains of the value the agreement states for contributions[3] (3000.00 EUR of 15000.00 EUR |
        | greenfleet | 3 | -5      | ATT-2027-02 | invalid | is not a positive amount                                      |

  Rule: the donee reports each year what the funds received were spent on, per shared objective

    Scenario: The report sets what was received against what was spent, and the balance
      Given the three-party mécénat with its gifts in kind, signed
      And the treasurer recorded 30000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      And the treasurer recorded 30000 EUR from "roots" on 2027-06-28 with reference "VIR-ROOTS"
      When the association reports for 2027 41000 EUR spent on objective 1 and 6500 EUR on "Ten students trained as kitchen assistants"
      Then the use of funds report reads "Funds received: €60,000.00; funds used: €47,500.00; unspent balance: €12,500.00."
      And the use of funds report is mailed to "c.martin@kitchens.example, h.petit@roots.example, m.lefevre@greenfleet.example"

    Scenario: Spending more than was received that year is refused
      Given the three-party mécénat with its gifts in kind, signed
      And the treasurer recorded 30000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      When the association reports for 2027 30000.01 EUR spent on objective 1
      Then the report is refused at "spent" with "30000.01 EUR spent is more than the 30000.00 EUR kitchens received in 2027"

    Scenario: An objective the vision does not state is refused
      Given the three-party mécénat with its gifts in kind, signed
      And the treasurer recorded 30000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      When the association reports for 2027 100 EUR spent on objective 3
      Then the report is refused at "spent[0].objective" with "3 is not a shared objective of the vision (1 to 2"

    Scenario: A year closed without a report is a finding of the next review
      Given the French example, its 120 000 EUR paid in three instalments from 2027-04-01, active
      And the partnership officer recorded 40000 EUR from "logistix" on 2027-04-03
      When the review of 2028-01-15 opens
      Then the review's findings include "Association Tremplin Emploi n'a pas rendu compte de l'emploi des fonds reçus en 2027"
      And the review report reads "Logistix Urbaine SAS | 120 000,00 € | 40 000,00 € | 40 000,00 € | 0,00 €"

    Scenario: A year reported is no finding of the next review
      Given the French example, its 120 000 EUR paid in three instalments from 2027-04-01, active
      And the partnership officer recorded 40000 EUR from "logistix" on 2027-04-03
      And the French example's association reported for 2027 25000 EUR spent on objective 1
      When the review of 2028-01-15 opens
      Then the review's findings do not include "n'a pas rendu compte de l'emploi des fonds"

  Rule: the exit statement returns the cash received and not spent, from what was recorded

    The cash to return is what each payer paid (the payments recorded) less what the donee
    reported spent (its use-of-funds reports), returned within the sixty days of the
    termination article after the end takes effect; in-kind and skills never become sums.

    Scenario: A no go returns to the company what the association received and did not spend
      Given the French example, its 120 000 EUR paid in three instalments from 2027-04-01, active
      And the partnership officer recorded 40000 EUR from "logistix" on 2027-04-03
      And the French example's association reported for 2027 25000 EUR spent on objective 1
      When the review of 2028-01-15 opens
      And the comité de pilotage of the French example decides no go
      Then the exit statement reads "Financement des parcours (Logistix Urbaine SAS à Association Tremplin Emploi) : selon les paiements enregistrés au 15 janvier 2028, Logistix Urbaine SAS a versé 40 000,00 €, dont 25 000,00 € dépensés conformément à leur objet"
      And the exit statement reads "le solde non engagé, soit 15 000,00 €, est restitué par Association Tremplin Emploi à Logistix Urbaine SAS dans un délai de soixante jours à compter du 15 février 2028, soit au plus tard le 15 avril 2028"
      And the exit statement reads "Association Tremplin Emploi | nature | Accompagnement socio-professionnel | 90 000,00 € | Aucun remboursement"

    Scenario: Without any payment recorded, the statement says nothing was received
      Given the French example, its 120 000 EUR paid in three instalments from 2027-04-01, active
      When the review of 2027-07-15 opens without any payment recorded
      And the comité de pilotage of the French example decides no go
      Then the exit statement reads "Financement des parcours (Logistix Urbaine SAS à Association Tremplin Emploi) : aucun versement n'est enregistré au 15 juillet 2027 ; rien n'a été reçu et aucune somme n'est à restituer."
      And the exit statement reads "Toute somme versée après le 15 juillet 2027 et non engagée au 15 août 2027 est restituée dans les mêmes conditions, dans un délai de soixante jours à compter de cette date, soit au plus tard le 14 octobre 2027."

  Rule: a referent sees only its partner's schedule

    Each mail about a partner's money (a call for funds, a reminder, a tax receipt) and the
    link the partnership officer sends carry the reader's personal link to that partner's
    schedule, without an account: its instalments with their status, its totals, the tax
    receipts issued to it, the bank details and the reference to quote for what remains
    due; never another partner's.

    Scenario: The company's referent reads the company's schedule from a reminder
      Given the three-party mécénat, signed
      And the treasurer recorded 30000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      And the treasurer recorded 30000 EUR from "roots" on 2027-06-28 with reference "VIR-ROOTS"
      When the money notices run on 2027-10-16
      Then "j.moreau@greenfleet.example" is mailed "Reminder: the instalment of €30,000.00 due on 15 October 2027 is late"
      When its reader opens the schedule link of that mail on 2027-10-20
      Then the schedule shown is that of "Greenfleet Logistics SAS" with instalments "15 April 2027 €30,000.00 paid; 15 October 2027 €30,000.00 late; 15 April 2028 €20,000.00 due"
      And the schedule's totals are "€80,000.00 promised, €30,000.00 paid, €50,000.00 remaining, €30,000.00 late"
      And the schedule offers the receipt "TRE-2027-0001" and the reference "P-2027-002-GREENFLEET-20271015" to quote on a transfer to "FR76 3000 6000 0112 3456 7890 189"
      And nothing of "Roots Foundation" is in the schedule
      And nothing of "VIR-ROOTS" is in the schedule

    Scenario: The foundation's referent, sent its link by the officer, sees the foundation's only
      Given the three-party mécénat, signed
      And the treasurer recorded 30000 EUR from "greenfleet" on 2027-04-20 with reference "VIR-0001"
      When the partnership officer sends "roots" its schedule link
      Then "l.girard@roots.example" is mailed "[P-2027-002] Roots Foundation's payment schedule: your personal link"
      When its reader opens the schedule link of that mail on 2027-07-01
      Then the schedule shown is that of "Roots Foundation" with instalments "30 June 2027 €30,000.00 late"
      And nothing of "Greenfleet" is in the schedule
      And the receipt "TRE-2027-0001" is not served through that link
