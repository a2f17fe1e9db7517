"""Telling people: the notice of an open gate (its decision links and mails, made ready
outside any lock, then recorded and queued in the caller's transaction), the activation
mail, and the delivery of the mail queue once committed."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from coopact.adapters.config import settings
from coopact.adapters.mail.activation import activation_messages
from coopact.adapters.mail.gate_words import outcome_label
from coopact.adapters.mail.notify import PersonalLink, gate_messages
from coopact.adapters.mail.transports import NotifyError, Transport
from coopact.contracts import deciders, lifecycle
from coopact.contracts.decisions import recipients
from coopact.contracts.lifecycle import Gate, Stage
from coopact.i18n import N_, ByLanguage
from coopact.schemas import Partnership
from coopact.services import health_links, links
from coopact.services._common import MAIL_FROM, SYSTEM, partnership_of
from coopact.services.decisions import _gate_document
from coopact.services.evidence import EVIDENCE
from coopact.services.exits import ExitMail, exit_mail
from coopact.services.gate_documents import evidence_document
from coopact.services.mail import NotDelivered, deliver, enqueue_many
from coopact.services.rounds import open_round
from coopact.services.work_context import ContextReads
from coopact.store.keys import Keyring, SecretUnavailable, load_keyring
from coopact.store.records import DecisionLinkRow, DocumentRow, PartnershipRow
from coopact.store.uow import UnitOfWork

log = logging.getLogger("coopact.adapters.mail.notify")


def deliver_mail(uow: UnitOfWork, transport: Transport) -> str | None:
    """Send what the mail queue holds (:func:`coopact.services.mail.deliver`); a warning
    when some could not be sent."""
    return deliver(uow, transport).warning()


def notify_activation(uow: UnitOfWork, reference: str, *, templates: Path) -> int:
    """Queue the activation mail with the calendar attached, once (in the transaction that
    records it); returns how many were queued. Delivered by :func:`deliver_mail`."""
    with uow:
        row = uow.partnerships.get_for_update(reference)
        if uow.events.of(reference, actions=["activation.notified"]):
            return 0
        calendar = uow.partnerships.latest_document(row, "calendar")
        if calendar is None:
            return 0
        messages = activation_messages(
            partnership_of(row),
            reference=reference,
            sender=MAIL_FROM,
            calendar=calendar.content,
            calendar_filename=calendar.filename,
            templates=templates / "mail",
        )
        enqueue_many(uow, messages)
        uow.audit("activation.notified", actor=SYSTEM, reference=reference, sent=len(messages))
        uow.commit()
        return len(messages)


def notify_gate(
    uow: UnitOfWork,
    reference: str,
    transport: Transport,
    *,
    templates: Path,
    deliver_now: bool = True,
) -> int:
    """Tell the people who must act at the open gate, once per gate and round: their links,
    their mails (queued) and the "gate.notified" event in one transaction; then, with
    ``deliver_now``, the queue delivered through ``transport``. Returns how many messages
    were queued (0 when already told); raises :class:`~coopact.services.mail.NotDelivered`
    (a NotifyError) when the gate is told but some mail could not be sent yet."""
    with uow:
        row = uow.partnerships.get_for_update(reference)
        spec = lifecycle.awaited_gate(Stage(row.stage))
        if spec is None:
            return 0
        kind = EVIDENCE.get(spec.gate)
        evidence = evidence_document(uow, row, kind) if kind is not None else None
        if kind is not None and evidence is None:
            return 0  # never announce a document that was not written
        round_ = open_round(row, spec.gate)
        if told(uow, reference, spec.gate, round_):
            return 0
        partnership = partnership_of(row)
        notice = prepare_notice(
            row,
            partnership,
            spec.gate,
            round_,
            templates=templates,
            document=(evidence.filename, evidence.sha256) if evidence else None,
            document_sha256=_gate_document(uow, row, spec.gate),
            again=asked_again(uow, row, partnership, spec.gate, round_, evidence),
            acts=exit_mail(uow, row) if spec.gate is Gate.exit_acknowledgement else None,
        )
        queued = record_notice(uow, row, notice)
        uow.commit()
    if deliver_now:
        warning = deliver_mail(uow, transport)
        if warning:
            raise NotDelivered(warning)
    return queued


_AGAIN = ByLanguage(
    {
        "chose": N_("{who} a répondu «\u00a0{outcome}\u00a0»\u00a0: {reason}"),
        "amended": N_("Le dossier du partenariat a été corrigé ({fields})."),
        "document": N_("Le document est désormais en version {version} (empreinte {sha})."),
        "same": N_("Le document soumis est inchangé."),
    }
)


def asked_again(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    gate: Gate,
    round_: int,
    evidence: DocumentRow | None,
) -> dict[str, list[str]] | None:
    """Why the people of ``gate`` are asked again (the earlier round's answers other than
    the approving one) and what changed since (the file, the document); None in round 1."""
    if round_ <= 1:
        return None
    lang = "en" if partnership.language.value == "en" else "fr"
    words = _AGAIN[lang]
    earlier = uow.partnerships.decisions(row, gate.value, round_ - 1)
    approving = deciders.outcomes(gate)[0].value
    why = [
        words["chose"].format(
            who=d.decider, outcome=outcome_label(d.outcome, lang), reason=d.reason.strip()
        )
        for d in earlier
        if d.outcome != approving
    ]
    since = max((d.decided_at for d in earlier), default=None)
    changed = []
    for event in uow.events.of(row.reference, actions=["partnership.amended"]):
        if since is None or _aware(event.at) >= _aware(since):
            changed.append(words["amended"].format(fields=", ".join(event.payload["changed"])))
    if evidence is not None:
        moved = (
            evidence.version > 1
            and any(d.document_sha256 not in (None, evidence.sha256) for d in earlier)
        ) or bool(changed)
        key = "document" if moved else "same"
        changed.append(words[key].format(version=evidence.version, sha=evidence.sha256[:16]))
    return {"why": why, "changed": changed}


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def told(
    uow: UnitOfWork, reference: str, gate: Gate, round_: int, reads: ContextReads | None = None
) -> bool:
    """The people of ``gate`` were told of this round already (audit chain; ``reads``: the
    events read for a chunk of partnerships, :func:`read_contexts`)."""
    if reads is not None:
        events = reads.events.get(reference, [])
        payloads = [e.payload for e in events if e.action == "gate.notified"]
    else:
        payloads = uow.events.payloads(reference, "gate.notified")
    return any(p.get("gate") == gate.value and p.get("round") == round_ for p in payloads)


@dataclass(frozen=True)
class GateNotice:
    """Telling the people who must act at an open gate, made ready outside any lock: their
    personal decision links (not stored yet) and the messages that carry them."""

    gate: Gate
    round_: int
    links: list[DecisionLinkRow]
    messages: list[EmailMessage]
    unreachable: int


def prepare_notice(
    row: PartnershipRow,
    partnership: Partnership,
    gate: Gate,
    round_: int,
    *,
    templates: Path,
    document: tuple[str, str] | None,
    document_sha256: str | None,
    keyring: Keyring | None = None,
    now: dt.datetime | None = None,
    again: dict[str, list[str]] | None = None,
    acts: ExitMail | None = None,
) -> GateNotice:
    """A personal link for each person with an address who must act at ``gate``, and the
    message to each. The keyring comes from COOPACT_HOME or COOPACT_SECRET_KEY; without it no
    mail goes out (NotifyError)."""
    if keyring is None:
        try:
            keyring = load_keyring(settings().home)
        except SecretUnavailable as error:
            raise NotifyError(f"no decision link can be signed: {error.message}") from None
    now = now or dt.datetime.now(dt.UTC)
    base, days = links.public_url(), links.link_days()
    made: list[DecisionLinkRow] = []
    personal: dict[tuple[str, str | None], PersonalLink] = {}
    for recipient in recipients(partnership, gate):
        if not recipient.email:
            continue
        link = links.new_link(row, gate, round_, recipient, keyring, days=days, now=now)
        made.append(link)
        url = links.url_of(keyring, row.reference, link, base)
        personal[(recipient.name, recipient.partner_key)] = PersonalLink(url, link.expires_at)
    messages, unreachable = gate_messages(
        partnership,
        gate,
        reference=row.reference,
        sender=MAIL_FROM,
        document_sha256=document_sha256,
        round_=round_,
        now=now,
        templates=templates / "mail",
        links=personal,
        document=document,
        again=again,
        extra=acts.context if acts else None,
        attachments=acts.attachments if acts else (),
    )
    if gate is Gate.review:  # the referents answer the health check, each its own part
        asked, asking = health_links.prepare(
            row, partnership, round_, keyring, templates=templates / "mail", base=base,
            days=days, now=now,
        )  # fmt: skip
        made += asked
        messages += asking
    return GateNotice(gate, round_, made, messages, len(unreachable))


def record_notice(uow: UnitOfWork, row: PartnershipRow, notice: GateNotice) -> int:
    """Inside the caller's transaction: the links stored and audited, the messages queued
    (sent after the commit: :func:`deliver_mail`), the gate recorded as told; how many
    messages were queued."""
    record_notices(uow, [(row, notice)])
    return len(notice.messages)


def record_notices(uow: UnitOfWork, notices: Sequence[tuple[PartnershipRow, GateNotice]]) -> None:
    """:func:`record_notice` for several partnerships at once (a chunk of review reports):
    their links stored in one INSERT, their messages queued in another."""
    links.record_links_of(
        uow,
        [(row, notice.links) for row, notice in notices if notice.links],
        actor=SYSTEM,
    )
    enqueue_many(uow, [m for _, notice in notices for m in notice.messages])
    for row, notice in notices:
        log.info(
            "%s: %s opened, %d notified, %d without an email address",
            row.reference,
            notice.gate.value,
            len(notice.messages),
            notice.unreachable,
        )
        uow.audit(
            "gate.notified",
            actor=SYSTEM,
            reference=row.reference,
            gate=notice.gate.value,
            round=notice.round_,
            sent=len(notice.messages),
            without_email=notice.unreachable,
        )
