"""What the officers' pages show, read from the store: the portfolio and one partnership."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from coopact.contracts import deciders, lifecycle
from coopact.contracts import decisions as rules
from coopact.contracts.lifecycle import Stage
from coopact.contracts.roles import Role
from coopact.entrypoints.web.words import date_format, schedule_words
from coopact.i18n import gettext_for, typography
from coopact.schemas.vocabulary import OfficeRole
from coopact.services import health_links, links, schedule_links
from coopact.services._common import _finding, partnership_of
from coopact.services.decisions import _awaited, _gate_document
from coopact.services.queries import PSEUDONYM, known_people, readable_actor
from coopact.services.rounds import open_round
from coopact.services.status_build import Standing, standing_batch
from coopact.store.portfolio import PortfolioFilter
from coopact.store.uow import UnitOfWork

STAGES = [s.value for s in Stage]


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass
class PortfolioItem:
    reference: str
    title: str
    partners: list[str]
    stage: str
    gate: str | None
    awaited_from: list[str]
    since: dt.datetime | None
    blocking: int
    next_dates: list[dict[str, Any]]
    overdue: list[str]


_SINCE_ACTIONS = ("gate.notified", "stage.changed", "gate.closed", "partnership.registered")


def _since(events: list[Any], stage: str, gate: str | None) -> dt.datetime | None:
    """Since when the open gate's people were told (else when the stage was entered)."""
    found = None
    for event in events:
        payload = event.payload
        told = event.action == "gate.notified" and gate and payload.get("gate") == gate
        entered = event.action in ("stage.changed", "gate.closed") and (
            payload.get("stage_to") == stage
        )
        first = event.action == "partnership.registered" and found is None
        if told or entered or first:
            found = event.at
    if found is None and events:
        found = events[0].at
    return _aware(found) if found else None


def awaited_people(
    partnership: Any, gate: lifecycle.Gate, awaited: list[str]
) -> list[deciders.Recipient]:
    """The people still awaited (``awaited`` names partner keys, committee members, or a
    role), as :func:`contracts.decisions.awaited` gives them."""
    everyone = rules.recipients(partnership, gate)
    if gate in deciders.PER_PARTNER:
        return [r for r in everyone if r.partner_key in awaited]
    if gate is lifecycle.Gate.review:  # the members who have not voted yet
        return [r for r in everyone if r.name in awaited]
    return everyone if awaited else []


def label(partnership: Any, recipient: deciders.Recipient) -> str:
    if recipient.partner_key:
        return f"{recipient.name} ({partnership.partner(recipient.partner_key).name})"
    return recipient.name


def awaited_labels(spec: dict[str, Any], gate: lifecycle.Gate, awaited: list[str]) -> list[str]:
    """``awaited`` (what `coopact status` lists: partner keys, members' names, or a role) as
    the people's names and partners, read from the stored file as it is (not validated)."""
    partners = {str(p.get("key")): p for p in spec.get("partners", [])}

    def named(name: str, key: str | None) -> str:
        partner = partners.get(key or "")
        return f"{name} ({partner.get('name')})" if partner else name

    if gate in deciders.PER_PARTNER:
        field_ = "sponsor" if deciders.required_role(gate) is Role.sponsor else "signatory"
        found = []
        for key in awaited:
            person = (partners.get(key) or {}).get(field_) or {}
            if person.get("name"):
                found.append(named(str(person["name"]), key))
        return found
    if gate is lifecycle.Gate.review:
        members = spec.get("governance", {}).get("steering_committee", {}).get("members", [])
        seats = {str(m.get("name")): m.get("partner") for m in members}
        return [named(name, seats.get(name)) for name in awaited]
    if not awaited:
        return []
    return [
        named(str(person.get("name")), person.get("partner"))
        for person in spec.get("people", [])
        if OfficeRole.legal_officer.value in (person.get("roles") or [])
    ]


def _item_of(
    line: Standing, spec: dict[str, Any], events: list[Any], today: dt.date, lang: str = "fr"
) -> PortfolioItem:
    """A portfolio line from what `coopact status` reads (its standing), the partners' names
    from the stored file and the few audit events that say since when."""
    awaited_spec = lifecycle.awaited_gate(Stage(line.stage))
    gate = awaited_spec.gate if awaited_spec else None
    since = _since(events, line.stage, gate.value if gate else None)
    coming: list[dict[str, Any]] = [
        {"kind": d["kind"], "subject": d["subject"], "due_on": dt.date.fromisoformat(d["due_on"])}
        for d in line.next_dates
    ]
    overdue: list[str] = []
    _ = gettext_for(lang)
    if line.failed_error is not None:
        error = line.failed_error
        overdue.append(_("travail automatique en échec (repris) : {error}").format(error=error))
    if gate is not None and since is not None:
        days = (dt.datetime.now(dt.UTC) - since).days
        if days > links.link_days():
            overdue.append(_("décision attendue depuis {days} jours").format(days=days))
    overdue += [
        _("{kind} prévu le {day}").format(
            kind=schedule_words(d["kind"], lang), day=d["due_on"].strftime(date_format(lang))
        )
        for d in coming
        if d["due_on"] < today
    ]
    return PortfolioItem(
        reference=line.reference,
        title=line.title,
        partners=[str(p.get("name", "")) for p in spec.get("partners", [])],
        stage=line.stage,
        gate=gate.value if gate else None,
        awaited_from=awaited_labels(spec, gate, line.awaited_from) if gate else [],
        since=since,
        blocking=line.blocking,
        next_dates=coming[:3],
        overdue=overdue,
    )


# The parts of the stored files the portfolio names people from, by (reference, file hash):
# a file is read and re-hashed once per version in each worker (an altered file is refused
# then, and by every page that reads it whole); a page then reads only the hashes.
_CAST: dict[tuple[str, str], dict[str, Any]] = {}
_CAST_SIZE = 10_000


def _cast(spec: dict[str, Any]) -> dict[str, Any]:
    """What :func:`awaited_labels` and the partners' names read of a stored file."""
    committee = spec.get("governance", {}).get("steering_committee", {})
    return {
        "partners": spec.get("partners", []),
        "governance": {"steering_committee": {"members": committee.get("members", [])}},
        "people": spec.get("people", []),
    }


def _casts(uow: UnitOfWork, hashes: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The cast of each reference (``hashes``: reference -> its file's hash)."""
    missing = [ref for ref, sha in hashes.items() if (ref, sha) not in _CAST]
    if len(_CAST) + len(missing) > _CAST_SIZE:
        _CAST.clear()
    for ref, spec in uow.portal.specs(missing).items():
        _CAST[(ref, hashes[ref])] = _cast(spec)
    return {ref: _CAST[(ref, sha)] for ref, sha in hashes.items()}


def _items(
    uow: UnitOfWork, found: list[tuple[int, str]], today: dt.date, lang: str = "fr"
) -> list[PortfolioItem]:
    """The lines of ``found`` (id, reference), in that order, in a handful of queries
    whatever their number: their standing (as `coopact status` reads it), the partners'
    names (from the stored files, once per version), the audit events that say since when."""
    ids = [pid for pid, _ in found]
    lines = standing_batch(uow, ids)
    hashes = {line.reference: line.spec_sha256 for line in lines.values()}
    casts = _casts(uow, hashes)
    events = uow.portal.events([ref for _, ref in found], _SINCE_ACTIONS)
    return [
        _item_of(lines[pid], casts[ref], events.get(ref, []), today, lang) for pid, ref in found
    ]


def portfolio(
    uow: UnitOfWork, *, stage: str | None = None, query: str | None = None,
    today: dt.date | None = None,
) -> list[PortfolioItem]:  # fmt: skip
    """Every partnership, overdue items first, then the longest waiting."""
    today = today or dt.date.today()
    wanted = PortfolioFilter(stages=[stage] if stage else [], query=query or "", limit=1_000_000)
    with uow:
        found, _ = uow.portal.page(wanted, today)
        items = _items(uow, found, today)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    items.sort(key=lambda i: (not i.overdue, i.gate is None, i.since or far, i.reference))
    return items


PER_PAGE = 50


def portfolio_page(
    uow: UnitOfWork, wanted: PortfolioFilter, today: dt.date | None = None, lang: str = "fr"
) -> tuple[list[PortfolioItem], int]:
    """One page of the portfolio, filtered, sorted and paged by the database; the total."""
    today = today or dt.date.today()
    with uow:
        found, total = uow.portal.page(wanted, today)
        return _items(uow, found, today, lang), total


def stages_awaiting(gate: str) -> list[str]:
    """The stages at which ``gate`` is awaited (the portfolio's "awaited" filter)."""
    return [s.value for s, spec in lifecycle.GATES.items() if spec.gate.value == gate]


@dataclass
class PartnershipView:
    reference: str
    title: str
    stage: str
    language: str
    gate: str | None
    round: int
    awaited_from: list[str]
    awaited_people: list[deciders.Recipient]
    outcomes: list[str]
    current_sha256: str | None
    legal_officer_emails: dict[str, tuple[str, str | None]]
    findings: list[dict[str, Any]] = field(default_factory=list)
    documents: list[Any] = field(default_factory=list)
    decisions: list[Any] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[Any] = field(default_factory=list)
    timeline: list[Any] = field(default_factory=list)  # one page, newest first
    events_total: int = 0
    events_page: int = 1
    links_total: int = 0
    links_page: int = 1  # the links, newest first, LINKS_PAGE a page
    failed_work: dict[str, Any] | None = None  # coopact.usecases.failed_work
    starts_on: dt.date | None = None  # a review opens only after it
    started: bool = True


def failed_work(uow: UnitOfWork, row: Any) -> dict[str, Any] | None:
    """The work of the current stage a decision set going, failed and waiting to be
    retried (stage, error, attempts), or None."""
    failed = uow.failed_work.of(row)
    if failed is None or failed.stage != row.stage:
        return None
    return {"stage": failed.stage, "error": failed.error, "attempts": failed.attempts}


TIMELINE_PAGE = 50
LINKS_PAGE = 50


def partnership(
    uow: UnitOfWork, reference: str, *, events_page: int = 1, lang: str = "fr",
    links_page: int = 1,
) -> PartnershipView:  # fmt: skip

    now = dt.datetime.now(dt.UTC)
    with uow:
        row = uow.partnerships.get(reference)
        spec_ = partnership_of(row)
        spec = lifecycle.awaited_gate(Stage(row.stage))
        gate = spec.gate if spec else None
        awaited = _awaited(uow, row, spec_, gate) if gate else []
        people = awaited_people(spec_, gate, awaited) if gate else []
        legal = {
            str(p.email).casefold(): (p.name, p.partner)
            for p in spec_.people
            if p.email and OfficeRole.legal_officer in p.roles
        }
        names = {p.key: p.name for p in spec_.partners}
        every_link, link_rows = _links_page(uow, row, links_page, now, names)
        timeline, events_total = _timeline(uow, row, events_page)
        return PartnershipView(
            reference=row.reference,
            title=row.title,
            stage=row.stage,
            language=spec_.language.value,
            gate=gate.value if gate else None,
            round=open_round(row, gate) if gate else 0,
            awaited_from=[label(spec_, r) for r in people],
            awaited_people=people,
            outcomes=[o.value for o in deciders.outcomes(gate)] if gate else [],
            current_sha256=_gate_document(uow, row, gate) if gate else None,
            legal_officer_emails=legal,
            findings=[
                {
                    "severity": f.severity,
                    "stage": f.stage,
                    "text": typography(_finding(f).text(lang), lang),
                }
                for f in uow.partnerships.findings(row)
            ],
            documents=uow.portal.document_list(row.id),
            decisions=list(row.decisions),
            links=link_rows,
            evidence=uow.portal.evidence(row.id),
            timeline=timeline,
            events_total=events_total,
            events_page=events_page,
            links_total=len(every_link),
            links_page=links_page,
            failed_work=failed_work(uow, row),
            starts_on=spec_.start_date,
            started=dt.date.today() > spec_.start_date,
        )


def _links_page(
    uow: UnitOfWork, row: Any, page: int, now: dt.datetime, names: dict[str, str]
) -> tuple[list[Any], list[dict[str, Any]]]:
    """Every link of the partnership, newest first, and one page of them with its status
    and its partner's name."""
    every_link = links.links(uow, row)[::-1]
    first = (page - 1) * LINKS_PAGE
    link_rows = []
    for link in every_link[first : first + LINKS_PAGE]:
        if link.revoked_at:
            status = "remplacé"
        elif _aware(link.expires_at) <= now:
            status = "expiré"
        else:
            status = _link_status(uow, row, link)
        partner = names.get(link.partner_key or "", link.partner_key)
        link_rows.append({"link": link, "status": status, "partner": partner})
    return every_link, link_rows


@dataclass(frozen=True)
class _Event:
    at: Any
    action: str
    actor: str


def _link_status(uow: UnitOfWork, row: Any, link: Any) -> str:
    """A live link's status; a health-check link (a pseudo-gate, not a :class:`Gate`) is used
    once its partner's part is in; a schedule link stays active until replaced or expired."""
    if link.gate == health_links.HEALTH:
        health = health_links.state(uow, link, row)
        if health.answered is not None:
            return "utilisé / décidé"
        return "actif" if health.open else "tour clos"
    if link.gate == schedule_links.MONEY:  # read as often as wished while it lives
        return "actif"
    if links.decision_of(uow, row, link):
        return "utilisé / décidé"
    if not links.round_is_open(row, lifecycle.Gate(link.gate), link.round):
        return "tour clos"
    return "actif"


def _timeline(uow: Any, row: Any, page: int) -> tuple[list[_Event], int]:
    """One page of the audit trail, newest first, its pseudonymous person ids shown as
    names (or "[effacé]")."""

    events, total = uow.portal.timeline(row.reference, (page - 1) * TIMELINE_PAGE, TIMELINE_PAGE)
    shown = {pid for e in events for pid in PSEUDONYM.findall(e.actor)}
    names = known_people(uow, row, shown)
    return [_Event(e.at, e.action, readable_actor(e.actor, names)) for e in events], total
