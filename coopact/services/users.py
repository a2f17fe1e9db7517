"""Officers who sign in to the portal: accounts, hashed passwords (argon2)."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from coopact.contracts.errors import InvalidInput, Problem, Refused
from coopact.store.uow import UnitOfWork

if TYPE_CHECKING:
    from argon2 import PasswordHasher

OFFICER_ROLES = ("partnership_officer", "legal_officer", "treasurer")
MIN_PASSWORD = 12


@dataclass(frozen=True)
class Officer:
    id: int
    email: str
    role: str


def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def normalise(email: str) -> str:
    return email.strip().casefold()


def add_user(uow: UnitOfWork, email: str, role: str, password: str, *, actor: str) -> Officer:
    """Create an officer's account; refuses a known address, a short password, a bad role."""
    address = normalise(email)
    problems = []
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        problems.append(Problem("EMAIL", f"{email!r} is not an e-mail address"))
    if role not in OFFICER_ROLES:
        problems.append(Problem("--role", f"{role!r}: expected {' or '.join(OFFICER_ROLES)}"))
    if len(password) < MIN_PASSWORD:
        problems.append(Problem("password", f"needs at least {MIN_PASSWORD} characters"))
    if problems:
        raise InvalidInput("portal account", problems)
    with uow:
        known = uow.officers.by_email(address)
        if known is not None:
            raise Refused(f"{address} already has a portal account ({known.role})")
        row = uow.officers.add(address, role, _hasher().hash(password))
        uow.audit("user.added", actor=actor, email=address, role=role)
        uow.commit()
        return Officer(row.id, row.email, row.role)


def authenticate(uow: UnitOfWork, email: str, password: str) -> Officer | None:
    """The officer whose address and password these are, or None (same work either way)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = _hasher()
    with uow:
        row = uow.officers.by_email(normalise(email))
        if row is None or row.disabled_at is not None:
            # spend the same time as a real check: no hint that the address is unknown
            with suppress(VerificationError, InvalidHashError):
                hasher.verify(_dummy_hash(), password)
            return None
        try:
            hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return Officer(row.id, row.email, row.role)


def officer(uow: UnitOfWork, user_id: int) -> Officer | None:
    with uow:
        row = uow.officers.get(user_id)
        if row is None or row.disabled_at is not None:
            return None
        return Officer(row.id, row.email, row.role)


def disable_user(uow: UnitOfWork, email: str, *, actor: str) -> None:
    with uow:
        row = uow.officers.by_email(normalise(email))
        if row is None:
            raise Refused(f"{email} has no portal account")
        row.disabled_at = dt.datetime.now(dt.UTC)
        uow.audit("user.disabled", actor=actor, email=row.email)
        uow.commit()


@cache
def _dummy_hash() -> str:
    return str(_hasher().hash("not a password of anyone"))
