"""The portal's own rows: server-side sessions, the counts of anonymous refusals and the
throttling's remembered failures (shared by every worker process)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coopact.store.tables import WebRefusalRow, WebSessionRow, WebUserRow
from coopact.store.web_tables import WebThrottleRow


def add_session(
    session: Session, token_sha256: str, user_id: int, nonce: str, expires_at: dt.datetime
) -> None:
    session.add(
        WebSessionRow(
            token_sha256=token_sha256, user_id=user_id, nonce=nonce, expires_at=expires_at
        )
    )


def live_session(session: Session, token_sha256: str, now: dt.datetime) -> tuple[int, str] | None:
    """(user id, nonce) of a session neither revoked, expired, nor of a disabled account."""
    row = session.execute(
        select(WebSessionRow.user_id, WebSessionRow.nonce, WebSessionRow.expires_at)
        .join(WebUserRow, WebUserRow.id == WebSessionRow.user_id)
        .where(
            WebSessionRow.token_sha256 == token_sha256,
            WebSessionRow.revoked_at.is_(None),
            WebUserRow.disabled_at.is_(None),
        )
    ).one_or_none()
    if row is None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.UTC)
    return (row.user_id, row.nonce) if expires > now else None


def revoke_session(session: Session, token_sha256: str, now: dt.datetime) -> int:
    result = session.execute(
        update(WebSessionRow)
        .where(WebSessionRow.token_sha256 == token_sha256, WebSessionRow.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def revoke_sessions_of(session: Session, user_id: int, now: dt.datetime) -> None:
    session.execute(
        update(WebSessionRow)
        .where(WebSessionRow.user_id == user_id, WebSessionRow.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def count_refusal(session: Session, kind: str, hour: dt.datetime) -> None:
    """One more anonymous refusal of ``kind`` in ``hour`` (created on first use)."""
    bumped = session.execute(
        update(WebRefusalRow)
        .where(WebRefusalRow.kind == kind, WebRefusalRow.hour == hour)
        .values(count=WebRefusalRow.count + 1)
    )
    if bumped.rowcount:  # type: ignore[attr-defined]
        return
    try:
        with session.begin_nested():
            session.add(WebRefusalRow(kind=kind, hour=hour, count=1, summarised=0))
    except IntegrityError:  # created concurrently: count on it
        session.execute(
            update(WebRefusalRow)
            .where(WebRefusalRow.kind == kind, WebRefusalRow.hour == hour)
            .values(count=WebRefusalRow.count + 1)
        )


def unsummarised(session: Session, before: dt.datetime) -> list[WebRefusalRow]:
    """The hours before ``before`` whose count is not yet in the chain's summaries."""
    return list(
        session.scalars(
            select(WebRefusalRow)
            .where(WebRefusalRow.hour < before, WebRefusalRow.count > WebRefusalRow.summarised)
            .order_by(WebRefusalRow.hour, WebRefusalRow.kind)
            .with_for_update()
        )
    )


def refusal_counts(session: Session) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in session.scalars(select(WebRefusalRow)):
        counts[row.kind] = counts.get(row.kind, 0) + row.count
    return counts


def failures_since(
    session: Session, keys: list[str], since: dt.datetime
) -> dict[str, tuple[int, dt.datetime]]:
    """For each of ``keys`` with failures after ``since``: (how many, the oldest)."""
    rows = session.execute(
        select(WebThrottleRow.key_sha256, func.count(), func.min(WebThrottleRow.failed_at))
        .where(WebThrottleRow.key_sha256.in_(keys), WebThrottleRow.failed_at > since)
        .group_by(WebThrottleRow.key_sha256)
    )
    found = {}
    for key, count, oldest in rows:
        if isinstance(oldest, str):  # SQLite's min() of a date-time column: its text
            oldest = dt.datetime.fromisoformat(oldest)
        found[key] = (int(count), oldest if oldest.tzinfo else oldest.replace(tzinfo=dt.UTC))
    return found


def add_failures(
    session: Session, keys: list[str], at: dt.datetime, forget_before: dt.datetime
) -> None:
    """One failure for each of ``keys``; the failures older than the window forgotten."""
    session.execute(delete(WebThrottleRow).where(WebThrottleRow.failed_at < forget_before))
    session.add_all(WebThrottleRow(key_sha256=key, failed_at=at) for key in keys)


def forget_failures(session: Session, key: str) -> None:
    session.execute(delete(WebThrottleRow).where(WebThrottleRow.key_sha256 == key))
