"""Personal decision links: one signed token per person, gate and round.

A token reads ``<token id>.<expiry, epoch seconds>.<key id>.<signature>``. The signature is
HMAC-SHA-256 under the keyring's "decision-link" key (``store/keys.py``; the secret is kept
outside the database) over what the link is bound to: the partnership, the gate, the round,
the person, the role, the partner and the expiry. The database keeps a row per link (its id,
never the token) so that a link can be checked, revoked, resent and its uses audited.

A link stops working when it expires (14 days by default, ``COOPACT_LINK_DAYS``), when it
is revoked (a new one was sent), once its person has decided, or once the round closed.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coopact.adapters.settings import environ as config_environ
from coopact.contracts import deciders, lifecycle
from coopact.contracts.deciders import Recipient
from coopact.contracts.errors import EnvironmentProblem
from coopact.contracts.lifecycle import Gate, Stage
from coopact.contracts.roles import Role
from coopact.services import refusals
from coopact.services.gate_documents import gate_evidence
from coopact.services.rounds import open_round
from coopact.store.keys import Keyring
from coopact.store.records import (
    ConditionRow,
    DecisionLinkRow,
    DecisionRow,
    DocumentRow,
    PartnershipRow,
)
from coopact.store.uow import UnitOfWork

NAMESPACE = "decision-link"
DEFAULT_DAYS = 14
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
WEB_ACTOR = "portail web"


def link_days(environ: Mapping[str, str] | None = None) -> int:
    """How long a link is valid: ``COOPACT_LINK_DAYS`` (1 to 90), 14 by default."""
    env = config_environ() if environ is None else environ
    raw = (env.get("COOPACT_LINK_DAYS") or "").strip()
    if not raw:
        return DEFAULT_DAYS
    if raw.isdigit() and 1 <= int(raw) <= 90:
        return int(raw)
    raise EnvironmentProblem(
        f"COOPACT_LINK_DAYS is {raw!r}: give a whole number of days from 1 to 90 (14 when unset)"
    )


def public_url(environ: Mapping[str, str] | None = None) -> str:
    """The base of the links mailed: ``COOPACT_PUBLIC_URL`` (behind a reverse proxy)."""
    env = config_environ() if environ is None else environ
    return (env.get("COOPACT_PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/")


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _bound(reference: str, link: DecisionLinkRow, expires: int) -> bytes:
    parts = [link.token_id, reference, link.gate, str(link.round), link.person, link.role]
    parts += [link.partner_key or "", str(expires)]
    return "\x1f".join(parts).encode()


def token_of(keyring: Keyring, reference: str, link: DecisionLinkRow) -> str:
    """The token of a stored link, signed again (the same bytes each time)."""
    expires = int(_aware(link.expires_at).timestamp())
    signature = keyring.sign(NAMESPACE, _bound(reference, link, expires), link.key_id)
    return f"{link.token_id}.{expires}.{link.key_id}.{signature}"


def url_of(keyring: Keyring, reference: str, link: DecisionLinkRow, base: str) -> str:
    return f"{base}/d/{token_of(keyring, reference, link)}"


@dataclass(frozen=True)
class IssuedLink:
    recipient: Recipient
    token_id: str
    url: str
    expires_at: dt.datetime


def issue(
    uow: UnitOfWork,
    row: PartnershipRow,
    gate: Gate,
    round_: int,
    recipient: Recipient,
    keyring: Keyring,
    *,
    base: str,
    days: int,
    actor: str,
    now: dt.datetime | None = None,
) -> IssuedLink:
    """A new link for ``recipient``, inside the caller's transaction; earlier links of the
    same person for the same round are revoked (a resend replaces them)."""
    now = now or dt.datetime.now(dt.UTC)
    link = new_link(row, gate, round_, recipient, keyring, days=days, now=now)
    record_link(uow, row, link, actor=actor, now=now)
    return IssuedLink(
        recipient, link.token_id, url_of(keyring, row.reference, link, base), link.expires_at
    )


def new_link(
    row: PartnershipRow,
    gate: Gate,
    round_: int,
    recipient: Recipient,
    keyring: Keyring,
    *,
    days: int,
    now: dt.datetime,
) -> DecisionLinkRow:
    """A link for ``recipient``, not stored yet: its token can be signed and mailed before
    the transaction that records it (:func:`record_link`)."""
    return DecisionLinkRow(
        token_id=secrets.token_urlsafe(12),
        partnership_id=row.id,
        gate=gate.value,
        round=round_,
        person=recipient.name,
        role=recipient.role.value,
        partner_key=recipient.partner_key,
        email=recipient.email,
        key_id=keyring.current_id,
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )


def record_link(
    uow: UnitOfWork, row: PartnershipRow, link: DecisionLinkRow, *, actor: str, now: dt.datetime
) -> None:
    """Store ``link`` and audit it (see :func:`record_links`)."""
    record_links(uow, row, [link], actor=actor, now=now)


def record_links(
    uow: UnitOfWork,
    row: PartnershipRow,
    made: list[DecisionLinkRow],
    *,
    actor: str,
    now: dt.datetime,
) -> None:
    """Store the links ``made`` and audit each, inside the caller's transaction; the earlier
    links of the same persons for the same rounds are revoked (at ``now``)."""
    record_links_of(uow, [(row, made)], actor=actor, now=now)


def record_links_of(
    uow: UnitOfWork,
    made: Sequence[tuple[PartnershipRow, list[DecisionLinkRow]]],
    *,
    actor: str,
    now: dt.datetime | None = None,
) -> None:
    """:func:`record_links` for several partnerships at once, in one query and one INSERT;
    each partnership's earlier links revoked at ``now``, by default when its new links
    were made."""
    made = [(row, links) for row, links in made if links]
    if not made:
        return
    earlier: dict[int, list[DecisionLinkRow]] = {}
    gates = {link.gate for _, links in made for link in links}
    for old in uow.links.open_of([row.id for row, _ in made], gates):
        earlier.setdefault(old.partnership_id, []).append(old)
    for row, links in made:
        revoked_at = now or links[0].created_at
        for link in links:
            for old in earlier.get(row.id, []):
                if (
                    old.revoked_at is None
                    and (old.gate, old.round, old.partner_key)
                    == (link.gate, link.round, link.partner_key)
                    and deciders.same_name(old.person, link.person)
                ):
                    old.revoked_at = revoked_at
    uow.links.add_all([link for _, links in made for link in links])
    for row, links in made:
        for link in links:
            uow.audit(
                "link.issued",
                actor=actor,
                reference=row.reference,
                gate=link.gate,
                round=link.round,
                role=link.role,
                partner=link.partner_key,
                token_id=link.token_id,
                key_id=link.key_id,
                expires_at=link.expires_at.isoformat(timespec="seconds"),
            )


def _links_of(
    uow: UnitOfWork,
    row: PartnershipRow,
    gate: Gate,
    round_: int,
    person: str,
    partner_key: str | None,
) -> list[DecisionLinkRow]:
    return [
        link
        for link in uow.links.of_round(row.id, gate.value, round_)
        if link.partner_key == partner_key and deciders.same_name(link.person, person)
    ]


def links(uow: UnitOfWork, row: PartnershipRow) -> list[DecisionLinkRow]:
    return uow.links.of_partnership(row.id)


# --------------------------------------------------------------------------- checking
class LinkRefused(Exception):
    """A token that does not open anything: ``status`` 403 (unknown, altered) or 410 (expired,
    revoked, used, closed); ``code`` names why, for the audit trail and the page."""

    def __init__(
        self, status: int, code: str, token_id: str | None = None, reference: str | None = None
    ) -> None:
        super().__init__(code)
        self.status, self.code, self.token_id = status, code, token_id
        self.reference = reference


def parse(token: str) -> tuple[str, int, str, str]:
    parts = token.split(".")
    if len(parts) != 4 or not parts[1].isdigit() or len(parts[3]) != 64:
        raise LinkRefused(403, "malformed")
    return parts[0], int(parts[1]), parts[2], parts[3]


def check(
    uow: UnitOfWork, token: str, keyring: Keyring, *, now: dt.datetime | None = None
) -> tuple[DecisionLinkRow, PartnershipRow]:
    """The link and partnership a token opens, inside the caller's transaction; raises
    :class:`LinkRefused`. Whether the person already decided is for :func:`state`."""
    now = now or dt.datetime.now(dt.UTC)
    token_id, expires, kid, signature = parse(token)
    link = uow.links.by_token(token_id)
    if link is None:
        raise LinkRefused(403, "unknown")
    row = uow.links.partnership(link)
    stored_expiry = int(_aware(link.expires_at).timestamp())
    if (
        kid != link.key_id
        or expires != stored_expiry
        or not keyring.knows(kid)
        or not keyring.verify(NAMESPACE, _bound(row.reference, link, expires), signature, kid)
    ):
        raise LinkRefused(403, "altered", token_id, row.reference)
    if link.revoked_at is not None:
        raise LinkRefused(410, "revoked", token_id, row.reference)
    if now >= _aware(link.expires_at):
        raise LinkRefused(410, "expired", token_id, row.reference)
    return link, row


@dataclass
class LinkState:
    """What a link shows: the decision it awaits, or the one already taken."""

    link: DecisionLinkRow
    row: PartnershipRow
    decided: DecisionRow | None
    round_open: bool
    document: DocumentRow | None

    @property
    def gate(self) -> Gate:
        return Gate(self.link.gate)

    @property
    def decider(self) -> deciders.Decider:
        return deciders.Decider(self.link.person, Role(self.link.role), self.link.partner_key)


def decision_of(uow: UnitOfWork, row: PartnershipRow, link: DecisionLinkRow) -> DecisionRow | None:
    """The decision this link's person took in its round (their partner's, at a per-partner
    gate), if any."""
    gate = Gate(link.gate)
    per_partner = gate in deciders.PER_PARTNER
    for decision in uow.partnerships.decisions(row, link.gate, link.round):
        if per_partner and decision.partner_key == link.partner_key:
            return decision
        if not per_partner and deciders.same_name(decision.decider, link.person):
            return decision
    return None


def round_is_open(row: PartnershipRow, gate: Gate, round_: int) -> bool:
    spec = lifecycle.awaited_gate(Stage(row.stage))
    return spec is not None and spec.gate is gate and open_round(row, gate) == round_


def state(uow: UnitOfWork, link: DecisionLinkRow, row: PartnershipRow) -> LinkState:
    gate = Gate(link.gate)
    document = gate_evidence(uow, row, gate)
    return LinkState(
        link, row, decision_of(uow, row, link), round_is_open(row, gate, link.round), document
    )


def conditions_of(uow: UnitOfWork, decision_id: int) -> list[ConditionRow]:
    """The conditions a go with conditions set, in the order given."""
    return uow.links.conditions_of(decision_id)


def refuse(uow: UnitOfWork, refusal: LinkRefused, client: str) -> None:
    """Keep a refused attempt in the audit trail (its own transaction); an anonymous one
    (no valid link behind it) is only counted (:mod:`coopact.services.refusals`)."""
    uow.rollback()
    if refusal.code in refusals.ANONYMOUS_LINK_CODES:
        refusals.count(uow, f"link.{refusal.code}")
        return
    uow.audit(
        "link.refused",
        actor=WEB_ACTOR,
        reference=refusal.reference,
        reason=refusal.code,
        token_id=refusal.token_id,
        client=client,
    )
    uow.commit()
