"""The API's bearer tokens (table ``api_tokens``): stored by their SHA-256, never in clear."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.tables import ApiTokenRow


def digest(token: str) -> str:
    """The SHA-256 a token is stored and looked up by (a token is 256 random bits: no salt
    or slow hash is needed against guessing)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def named(session: Session, name: str) -> ApiTokenRow | None:
    return session.scalars(select(ApiTokenRow).where(ApiTokenRow.name == name)).first()


def add(session: Session, name: str, scope: str, token: str) -> ApiTokenRow:
    row = ApiTokenRow(name=name, scope=scope, token_sha256=digest(token))
    session.add(row)
    session.flush()
    return row


def valid(session: Session, token: str) -> ApiTokenRow | None:
    """The token's row when it exists and is not revoked."""
    row = session.scalars(
        select(ApiTokenRow).where(ApiTokenRow.token_sha256 == digest(token))
    ).first()
    return row if row is not None and row.revoked_at is None else None


def revoke(session: Session, name: str, at: dt.datetime) -> bool:
    row = named(session, name)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = at
    return True
