"""Anonymous refusals counted, not chained one by one.

A failed sign-in or an unknown, malformed or altered decision link says nothing about a
partnership: written to the audit chain one event each, anonymous traffic would grow the
chain (and its anchor log) for ever. Each is counted per kind and hour (``web_refusals``);
the chain receives one ``web.refusals_summarised`` event per kind and past hour, written by
the first refusal of a later hour or by :func:`summarise`.
"""

from __future__ import annotations

import datetime as dt

from coopact.store.uow import UnitOfWork

ACTOR = "portal"
ANONYMOUS_LINK_CODES = frozenset({"malformed", "unknown", "altered"})


def _hour(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def count(uow: UnitOfWork, kind: str, *, now: dt.datetime | None = None) -> None:
    """Count one anonymous refusal of ``kind`` and summarise past hours, in its own
    transaction of the unit of work the caller has open (what it did is rolled back)."""
    now = now or dt.datetime.now(dt.UTC)
    uow.rollback()
    uow.refusals.count(kind, _hour(now))
    _summarise(uow, _hour(now))
    uow.commit()


def summarise(uow: UnitOfWork, *, now: dt.datetime | None = None) -> int:
    """Put every counted refusal up to ``now`` (this hour included) in the chain."""
    now = now or dt.datetime.now(dt.UTC)
    with uow:
        written = _summarise(uow, _hour(now) + dt.timedelta(hours=1))
        uow.commit()
        return written


def _summarise(uow: UnitOfWork, before: dt.datetime) -> int:
    rows = uow.refusals.unsummarised(before)
    for row in rows:
        hour = row.hour if row.hour.tzinfo else row.hour.replace(tzinfo=dt.UTC)
        uow.audit(
            "web.refusals_summarised",
            actor=ACTOR,
            kind=row.kind,
            hour=hour.isoformat(),
            count=row.count - row.summarised,
        )
        row.summarised = row.count
    return len(rows)


def counts(uow: UnitOfWork) -> dict[str, int]:
    with uow:
        return uow.refusals.counts()
