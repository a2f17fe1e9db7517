"""The health check of an open review, answered by link: each partner's referent (its
sponsor when the file names no referent) receives a personal link to its own part
(engagement, trust, perceived benefits, red lines crossed, mission served for an ESS
partner). Each part is recorded as `coopact review-answers` records the whole
(:func:`coopact.services.reviews.record_review_answers`), merged with the parts already in;
once every partner has answered, the review's work runs again: the review report is
written anew and each member of the comité de pilotage is told, with their own link.

A health-check link is a decision link (:mod:`coopact.services.links`) of the pseudo-gate
``health_check``, role ``referent``, for the review's round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from coopact.adapters.mail import sender as notify_sender
from coopact.adapters.mail.message import new_message
from coopact.adapters.mail.notify import _GATE_LABELS, PersonalLink, _environment, format_day
from coopact.contracts import lifecycle
from coopact.contracts.deciders import Recipient
from coopact.contracts.lifecycle import Gate, Stage
from coopact.contracts.roles import Role
from coopact.schemas import Partnership
from coopact.schemas.parties import Partner
from coopact.services import links
from coopact.services._common import MAIL_FROM, partnership_of
from coopact.services.reviews import record_review_answers, review_answers_of, review_periods
from coopact.services.rounds import open_round
from coopact.store.keys import Keyring
from coopact.store.records import DecisionLinkRow, PartnershipRow
from coopact.store.uow import UnitOfWork

HEALTH = "health_check"
REFERENT = "referent"


def respondent(partner: Partner) -> tuple[str, str | None] | None:
    """Who answers a partner's part: its referent, else its sponsor."""
    person = partner.referent or partner.sponsor
    if person is None:
        return None
    return person.name, str(person.email) if person.email else None


def prepare(
    row: PartnershipRow,
    partnership: Partnership,
    round_: int,
    keyring: Keyring,
    *,
    templates: Path,
    base: str,
    days: int,
    now: dt.datetime,
) -> tuple[list[DecisionLinkRow], list[EmailMessage]]:
    """A link and a mail for each partner's respondent with an address (not stored yet)."""
    made, messages = [], []
    language = partnership.language.value
    env = _environment(templates / language)
    officer = notify_sender.officer_of(partnership)
    for partner in partnership.partners:
        found = respondent(partner)
        if found is None or not found[1]:
            continue
        name, email = found
        recipient = Recipient(name, email, Role.sponsor, partner.key)
        link = links.new_link(row, Gate.review, round_, recipient, keyring, days=days, now=now)
        link.gate, link.role = HEALTH, REFERENT
        made.append(link)
        personal = PersonalLink(links.url_of(keyring, row.reference, link, base), link.expires_at)
        context = {
            "reference": row.reference,
            "title": partnership.title,
            "recipient_name": name,
            "partner_name": partner.name,
            "link": personal.url,
            "link_expires": format_day(personal.expires_at, language),
            **notify_sender.context(officer),
        }
        message = new_message()
        message["From"] = notify_sender.sender(officer, MAIL_FROM)
        message["To"] = Address(display_name=name, addr_spec=email)
        subject = env.get_template("health_check.subject.j2").render(context)
        message["Subject"] = " ".join(subject.split())
        message["Message-ID"] = f"<{link.token_id}@coopact>"
        message["X-Coopact-Reference"] = row.reference
        message["X-Coopact-Gate"] = HEALTH
        notify_sender.sign(message, officer)
        message.set_content(env.get_template("health_check.txt.j2").render(context))
        message["Content-Language"] = language
        messages.append(message)
    return made, messages


@dataclass(frozen=True)
class HealthState:
    """What a health-check link shows."""

    link: DecisionLinkRow
    row: PartnershipRow
    partnership: Partnership
    partner: Partner
    review_date: dt.date | None
    answered: dict[str, Any] | None  # this partner's part, once given
    open: bool


def state(uow: UnitOfWork, link: DecisionLinkRow, row: PartnershipRow) -> HealthState:
    partnership = partnership_of(row)
    periods = review_periods(uow, row)
    review_date = periods[-1] if periods else None
    parts = current_parts(uow, row, review_date)
    spec = lifecycle.awaited_gate(Stage(row.stage))
    is_open = (
        spec is not None
        and spec.gate is Gate.review
        and open_round(row, Gate.review) == link.round
        and review_date is not None
    )
    key = link.partner_key or ""
    return HealthState(
        link, row, partnership, partnership.partner(key), review_date, parts.get(key), is_open
    )


def current_parts(
    uow: UnitOfWork, row: PartnershipRow, review_date: dt.date | None
) -> dict[str, Any]:
    """The partners' parts recorded for ``review_date`` (the latest recording wins)."""
    if review_date is None:
        return {}
    for stored in reversed(review_answers_of(uow, [row.id]).get(row.id, [])):
        if stored.review_date == review_date:
            return dict(stored.answers.get("partners", {}))
    return {}


def answer(uow: UnitOfWork, found: HealthState, part: dict[str, Any], *, actor: str) -> bool:
    """Record this partner's part with those already in (InvalidInput names each problem by
    its field); True once every partner has answered."""
    assert found.review_date is not None
    key = found.partner.key
    with uow:
        parts = current_parts(uow, uow.partnerships.get(found.row.reference), found.review_date)
    parts[key] = part
    record_review_answers(
        uow,
        found.row.reference,
        {"review_date": found.review_date.isoformat(), "partners": parts},
        actor=actor,
    )
    return all(p.key in parts for p in found.partnership.partners)


def report_changed_messages(
    uow: UnitOfWork,
    reference: str,
    keyring: Keyring,
    *,
    templates: Path,
    base: str,
) -> list[EmailMessage]:
    """To each committee member with a link open on the review: the review report changed
    (the health check is in), with their own link again."""
    with uow:
        row = uow.partnerships.get(reference)
        partnership = partnership_of(row)
        report = uow.partnerships.latest_document(row, "review_report")
        round_ = open_round(row, Gate.review)
        open_links = [
            link
            for link in links.links(uow, row)
            if link.gate == Gate.review.value
            and link.round == round_
            and link.revoked_at is None
            and link.email
            and links.decision_of(uow, row, link) is None
        ]
    language = partnership.language.value
    env = _environment(templates / language)
    officer = notify_sender.officer_of(partnership)
    messages = []
    for link in open_links:
        context = {
            "reference": reference,
            "title": partnership.title,
            "recipient_name": link.person,
            "gate_label": _GATE_LABELS[language][Gate.review],
            "document_name": report.filename if report else "",
            "document_hash": report.sha256 if report else "",
            "version": report.version if report else 1,
            "link": links.url_of(keyring, reference, link, base),
            "link_expires": format_day(link.expires_at, language),
            **notify_sender.context(officer),
        }
        message = new_message()
        message["From"] = notify_sender.sender(officer, MAIL_FROM)
        message["To"] = Address(display_name=link.person, addr_spec=link.email or "")
        subject = env.get_template("document_changed.subject.j2").render(context)
        message["Subject"] = " ".join(subject.split())
        seed = f"{link.token_id}-{report.sha256[:16] if report else ''}"
        message["Message-ID"] = f"<{seed}@coopact>"
        message["X-Coopact-Reference"] = reference
        message["X-Coopact-Gate"] = Gate.review.value
        notify_sender.sign(message, officer)
        message.set_content(env.get_template("document_changed.txt.j2").render(context))
        message["Content-Language"] = language
        messages.append(message)
    return messages
