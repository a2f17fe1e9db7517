"""The acts of an exit made from what is recorded: the agreement as signed (its date, its
articles), the cause and its date; used by the closing gates and by a partner's notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coopact.adapters.config import settings
from coopact.adapters.documents.calendar_ics import ICS_MEDIA_TYPE, cancel_calendar
from coopact.adapters.mail.activation import activation_messages
from coopact.contracts.exit import effective_date, restitution_words
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.schemas import Partnership
from coopact.services._common import MAIL_FROM, SYSTEM
from coopact.services.evidence import AGREEMENT_PDF
from coopact.services.mail import enqueue_many
from coopact.stages import exit_acts
from coopact.stages.base import GeneratedDocument
from coopact.store import pseudonyms
from coopact.store.records import PartnershipRow
from coopact.store.uow import UnitOfWork


def signed_agreement(
    uow: UnitOfWork, row: PartnershipRow
) -> tuple[dt.date | None, Mapping[str, Any] | None]:
    """The day the last signatory signed the agreement, and the articles of the version
    signed (its stored ``clause`` context); None for what is not recorded."""
    round_ = int((row.rounds or {}).get(Gate.signature.value, 1))
    signed = [
        d
        for d in uow.partnerships.decisions(row, Gate.signature.value, round_)
        if d.outcome == Outcome.sign.value
    ]
    day = max((d.decided_at for d in signed), default=None)
    hashes = {d.document_sha256 for d in signed}
    for made in uow.partnerships.documents(row, AGREEMENT_PDF):  # the PDF signed: its .docx
        if made.sha256 in hashes:
            hashes.add(str((made.inputs or {}).get("agreement_sha256")))
    clauses = None
    for document in reversed(uow.partnerships.documents(row, "agreement")):
        if not hashes or document.sha256 in hashes:
            clauses = (document.inputs or {}).get("clause")
            break
    return (day.date() if day else None), clauses


def exit_documents(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    cause: str,
    decided_on: dt.date,
    partner_key: str | None = None,
) -> tuple[dt.date, list[GeneratedDocument]]:
    """The effective date of the end, the letter and the exit statement (at the end of a
    term for which notice was given, the statement only: the letter went with the notice)."""
    facts = exit_facts(uow, row, partnership, cause, decided_on, partner_key)
    templates = settings().templates
    statement = exit_acts.statement(partnership, row.reference, templates, facts)
    if cause == "notice" and uow.partnerships.latest_document(row, exit_acts.LETTER):
        return facts.effective_on, [statement]  # the notice's letter went when it was given
    return facts.effective_on, [
        exit_acts.letter(partnership, row.reference, templates, facts),
        statement,
    ]


def exit_facts(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    cause: str,
    decided_on: dt.date,
    partner_key: str | None = None,
) -> Any:
    """What the exit acts rest on (:class:`coopact.stages.exit_acts.ExitFacts`): the signed
    agreement, and the cash recorded as paid and reported spent (the sums to return)."""
    signed_on, clauses = signed_agreement(uow, row)
    return exit_acts.ExitFacts(
        cause=cause,
        decided_on=decided_on,
        effective_on=effective_date(partnership, cause, decided_on),
        sender=partner_key,
        signed_on=signed_on,
        signed_clauses=clauses,
        paid=uow.payments.paid_to(row.id),
        spent=uow.use_of_funds.spent(row.id),
    )


@dataclass(frozen=True)
class ExitMail:
    """What the mail of the exit_acknowledgement gate adds: the acts attached, and what the
    message says of them."""

    context: dict[str, str]
    attachments: tuple[tuple[str, str, bytes], ...]


def exit_mail(uow: UnitOfWork, row: PartnershipRow) -> ExitMail | None:
    """The latest termination letter and exit statement, attached; their subject and the
    restitution delay for the message. None when they are not written."""
    letter = uow.partnerships.latest_document(row, "termination_letter")
    statement = uow.partnerships.latest_document(row, "exit_statement")
    if letter is None or statement is None:
        return None
    said = (letter.inputs or {}).get("context", {})
    stated = (statement.inputs or {}).get("context", {})
    return ExitMail(
        context={
            "exit_subject": str(said.get("subject", "")),
            "exit_intro": str(stated.get("intro", "")),
            "exit_registered": str(said.get("registered", "")),
            "letter_name": letter.filename,
            "restitution": restitution_words(letter.language),
        },
        attachments=tuple((d.filename, d.media_type, d.content) for d in (letter, statement)),
    )


def refused_go(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership, votes: Sequence[Any]
) -> list[str]:
    """The members whose go was refused at the review under way (over a blocking finding)
    and who voted nothing else: their position goes in the minutes, not 'did not vote'."""
    opened = uow.events.of(row.reference, actions=["review.opened"])
    since = opened[-1].seq if opened else 0
    refused = {
        e.payload.get("person_id")
        for e in uow.events.of(row.reference, actions=["refused"])
        if e.seq > since and e.payload.get("attempted") == "decide review go"
    }
    voted = {" ".join(v.name.split()).casefold() for v in votes}
    return [
        m.name
        for m in partnership.governance.steering_committee.members
        if " ".join(m.name.split()).casefold() not in voted
        and refused & pseudonyms.pseudonyms(uow.keyring, m.name)
    ]


def mail_calendar(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    calendar: GeneratedDocument,
    *,
    template: str,
    method: str = "PUBLISH",
) -> int:
    """Queue ``calendar`` to each sponsor and referent (its attendees), in the caller's
    transaction: a re-issue after an avenant (``calendar_update``) or the cancellation at the
    exit (``calendar_cancel``, METHOD:CANCEL). Returns how many were queued."""
    messages = activation_messages(
        partnership,
        reference=row.reference,
        sender=MAIL_FROM,
        calendar=calendar.content,
        calendar_filename=calendar.filename,
        templates=settings().templates / "mail",
        template=template,
        method=method,
        issue=calendar.sha256[:12],
    )
    enqueue_many(uow, messages)
    uow.audit(
        "calendar.mailed", actor=SYSTEM, reference=row.reference, kind=template,
        sha256=calendar.sha256, sent=len(messages),
    )  # fmt: skip
    return len(messages)


def cancel_calendar_issue(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership
) -> GeneratedDocument | None:
    """At the exit: every event of the calendar issued so far cancelled (METHOD:CANCEL),
    stored as the calendar's next version and mailed to its attendees; None when no calendar
    was issued."""
    previous = uow.partnerships.latest_document(row, "calendar")
    if previous is None:
        return None
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    document = GeneratedDocument(
        kind="calendar",
        language=previous.language,
        filename=previous.filename,
        media_type=ICS_MEDIA_TYPE,
        content=cancel_calendar(previous.content, now),
        inputs={"cancels": previous.sha256, "generated_at": now.isoformat()},
        created_at=now,
    )
    mail_calendar(uow, row, partnership, document, template="calendar_cancel", method="CANCEL")
    return document
