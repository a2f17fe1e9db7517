"""What the officers' pages show, read from the store: the portfolio and one partnership."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from coopact.contracts import decisions as rules
from coopact.contracts import lifecycle
from coopact.contracts.findings import Severity
from coopact.contracts.lifecycle import Stage
from coopact.entrypoints.web.words import date_format, schedule_words
from coopact.i18n import gettext_for, typography
from coopact.schemas.partnership import OfficeRole
from coopact.services import health_links, links
from coopact.services._common import _finding, partnership_of
from coopact.services.decisions import _awaited, _gate_document, _open_round
from coopact.services.queries import known_people, readable_actor
from coopact.store import audit
from coopact.store import portfolio as store_portfolio
from coopact.store.portfolio import PortfolioFilter
from coopact.store.tables import EvidenceRow, PartnershipRow
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
) -> list[rules.Recipient]:
    """The people still awaited (``awaited`` names partner keys, or a role)."""
    everyone = rules.recipients(partnership, gate)
    if gate in rules._PER_PARTNER:
        return [r for r in everyone if r.partner_key in awaited]
    return everyone if awaited else []


def label(partnership: Any, recipient: rules.Recipient) -> str:
    if recipient.partner_key:
        return f"{recipient.name} ({partnership.partner(recipient.partner_key).name})"
    return recipient.name


def _item(uow: UnitOfWork, row: PartnershipRow, today: dt.date, lang: str = "fr") -> PortfolioItem:
    partnership = partnership_of(row)
    spec = lifecycle.awaited_gate(Stage(row.stage))
    awaited = _awaited(uow, row, partnership, spec.gate) if spec else []
    since = _since(
        audit.events(uow.session, row.reference), row.stage, spec.gate.value if spec else None
    )
    blocking = [
        f for f in uow.partnerships.findings(row)
        if f.severity == Severity.blocking.value and f.stage == row.stage
    ]  # fmt: skip
    upcoming = [s for s in uow.partnerships.schedule(row) if s.done_at is None]
    overdue: list[str] = []
    _ = gettext_for(lang)
    if spec is not None and since is not None:
        days = (dt.datetime.now(dt.UTC) - since).days
        if days > links.link_days():
            overdue.append(_("décision attendue depuis {days} jours").format(days=days))
    overdue += [
        _("{kind} prévu le {day}").format(
            kind=schedule_words(s.kind, lang), day=s.due_on.strftime(date_format(lang))
        )
        for s in upcoming
        if s.due_on < today
    ]
    failed = failed_work(uow, row)
    if failed is not None:
        overdue.insert(
            0, _("travail automatique en échec (repris) : {error}").format(error=failed["error"])
        )
    return PortfolioItem(
        reference=row.reference,
        title=row.title,
        partners=[p.name for p in partnership.partners],
        stage=row.stage,
        gate=spec.gate.value if spec else None,
        awaited_from=[
            label(partnership, r) for r in awaited_people(partnership, spec.gate, awaited)
        ]
        if spec
        else [],
        since=since,
        blocking=len(blocking),
        next_dates=[
            {"kind": s.kind, "subject": s.subject, "due_on": s.due_on} for s in upcoming[:3]
        ],
        overdue=overdue,
    )


def portfolio(
    uow: UnitOfWork, *, stage: str | None = None, query: str | None = None,
    today: dt.date | None = None,
) -> list[PortfolioItem]:  # fmt: skip
    """Every partnership, overdue items first, then the longest waiting."""
    today = today or dt.date.today()
    needle = (query or "").strip().casefold()
    with uow:
        items = []
        for row in uow.partnerships.list():
            if stage and row.stage != stage:
                continue
            item = _item(uow, row, today)
            haystack = " ".join([item.reference, item.title, *item.partners]).casefold()
            if needle and needle not in haystack:
                continue
            items.append(item)
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
        rows, total = store_portfolio.page(uow.session, wanted, today)
        return [_item(uow, row, today, lang) for row in rows], total


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
    awaited_people: list[rules.Recipient]
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
    failed_work: dict[str, Any] | None = None  # coopact.usecases.failed_work


TIMELINE_PAGE = 50


def failed_work(uow: UnitOfWork, row: PartnershipRow) -> dict[str, Any] | None:
    """The work of the current stage a decision set going, failed and waiting to be
    retried (stage, error, attempts), or None."""
    failed = uow.failed_work.of(row)
    if failed is None or failed.stage != row.stage:
        return None
    return {"stage": failed.stage, "error": failed.error, "attempts": failed.attempts}


def partnership(
    uow: UnitOfWork, reference: str, *, events_page: int = 1, lang: str = "fr"
) -> PartnershipView:
    from sqlalchemy import select

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
        link_rows = []
        for link in links.links(uow, row):
            if link.revoked_at:
                status = "remplacé"
            elif _aware(link.expires_at) <= now:
                status = "expiré"
            else:
                status = _link_status(uow, row, link)
            link_rows.append({"link": link, "status": status})
        timeline, events_total = _timeline(uow, row, events_page)
        return PartnershipView(
            reference=row.reference,
            title=row.title,
            stage=row.stage,
            language=spec_.language.value,
            gate=gate.value if gate else None,
            round=_open_round(row, gate) if gate else 0,
            awaited_from=[label(spec_, r) for r in people],
            awaited_people=people,
            outcomes=[o.value for o in rules.outcomes(gate)] if gate else [],
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
            documents=uow.partnerships.documents(row),
            decisions=list(row.decisions),
            links=link_rows,
            evidence=list(
                uow.session.scalars(select(EvidenceRow).where(EvidenceRow.partnership_id == row.id))
            ),
            timeline=timeline,
            events_total=events_total,
            events_page=events_page,
            failed_work=failed_work(uow, row),
        )


@dataclass(frozen=True)
class _Event:
    at: Any
    action: str
    actor: str


def _link_status(uow: UnitOfWork, row: PartnershipRow, link: Any) -> str:
    """A live link's status; a health-check link (a pseudo-gate, not a :class:`Gate`) is used
    once its partner's part is in."""
    if link.gate == health_links.HEALTH:
        health = health_links.state(uow, link, row)
        if health.answered is not None:
            return "utilisé / décidé"
        return "actif" if health.open else "tour clos"
    if links.decision_of(uow, row, link):
        return "utilisé / décidé"
    if not links.round_is_open(row, lifecycle.Gate(link.gate), link.round):
        return "tour clos"
    return "actif"


def _timeline(uow: Any, row: Any, page: int) -> tuple[list[_Event], int]:
    """One page of the audit trail, newest first, its pseudonymous person ids shown as
    names (or "[effacé]")."""
    names = known_people(uow, row)
    events, total = store_portfolio.timeline(
        uow.session, row.reference, (page - 1) * TIMELINE_PAGE, TIMELINE_PAGE
    )
    return [_Event(e.at, e.action, readable_actor(e.actor, names)) for e in events], total
