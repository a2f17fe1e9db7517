Feature: Sending the convention de partenariat for signature
  The agreement goes out either as a signature packet (embedded default) or through
  DocuSeal; either way each signature names the SHA-256 of the agreement's PDF (the file the
  signatories read), and a DocuSeal event is applied once, only when it is authentic.

  Background:
    Given the convention de partenariat "P-2027-001" version 2 for the signatories "Paul Durand" (tremplin) and "Marc Lefèvre" (logistix)

  Rule: the signature packet lists the SHA-256 of every file it holds

    Scenario: a packet with the Word document and its PDF
      When the signature packet is built with the PDF
      Then the packet holds "convention-P-2027-001-v2.docx", "convention-P-2027-001-v2.pdf" and "manifest.json"
      And the manifest gives the SHA-256 of each file as computed from the packet, the PDF as the file signed
      And the manifest names the signatories "Paul Durand" and "Marc Lefèvre"

    Scenario: an avenant's packet tells each signatory to sign its PDF at the avenant's gate
      When the signature packet of an avenant is built with its PDF
      Then the manifest tells how to sign at "amendment_signature" naming the PDF's SHA-256

    Scenario: the same agreement gives the same packet, byte for byte
      When the signature packet is built twice without the PDF
      Then both packets are identical

  Rule: DocuSeal receives the PDF and one submitter per signatory, with the PDF's hash

    Scenario: a submission is created for both signatories
      When the agreement is sent to DocuSeal
      Then DocuSeal has one submission with the submitters "tremplin" and "logistix"
      And each submitter carries the SHA-256 of the agreement's PDF

  Rule: only an authentic DocuSeal event, delivered for the first time, is applied

    Scenario: a webhook with a wrong secret changes nothing
      Given the agreement was sent to DocuSeal
      When "Paul Durand" signs and the webhook arrives with the secret "guessed"
      Then the webhook is rejected
      And no signature has been applied

    Scenario: a webhook without the secret header changes nothing
      Given the agreement was sent to DocuSeal
      When "Paul Durand" signs and the webhook arrives without the secret header
      Then the webhook is rejected
      And no signature has been applied

    Scenario: a genuine webhook delivered three times is applied once
      Given the agreement was sent to DocuSeal
      When "Paul Durand" signs and the webhook arrives 3 times with the right secret
      Then the signature of "Paul Durand" for "tremplin" on the PDF's SHA-256 has been applied once

    Scenario: a replayed event id changes nothing even with another body
      Given the agreement was sent to DocuSeal
      And "Paul Durand" has signed and the webhook was applied
      When the same event arrives again with another timestamp
      Then no further signature has been applied

  Rule: the completed documents and the audit log are kept with their SHA-256

    Scenario: both signatories have signed
      Given the agreement was sent to DocuSeal
      And "Paul Durand" has signed and the webhook was applied
      And "Marc Lefèvre" has signed and the webhook was applied
      When the completed submission is fetched
      Then the signed document and the audit log are downloaded with their SHA-256
