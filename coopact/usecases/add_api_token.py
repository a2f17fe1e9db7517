"""`coopact token add NAME --scope read|write`: a bearer token for the API, shown once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from coopact.contracts.errors import InvalidInput, Problem, Refused
from coopact.store.uow import UnitOfWork

SCOPES = ("read", "write")
PREFIX = "cpt_"  # recognisable in a secret scanner or a leaked log


@dataclass(frozen=True)
class AddApiToken:
    name: str
    scope: str
    actor: str = "cli"


def handle(uow: UnitOfWork, command: AddApiToken) -> str:
    """Store the new token's hash under ``name``; the token itself, to print once."""
    name = command.name.strip()
    problems = []
    if not name or len(name) > 100:
        problems.append(Problem("NAME", "give a name of 1 to 100 characters (the system using it)"))
    if command.scope not in SCOPES:
        problems.append(Problem("--scope", f"is {command.scope!r}; expected read or write"))
    if problems:
        raise InvalidInput("token", problems)
    token = PREFIX + secrets.token_urlsafe(32)
    with uow:
        if uow.api_tokens.named(name) is not None:
            raise Refused(f"a token named {name!r} exists already; choose another name")
        uow.api_tokens.add(name, command.scope, token)
        uow.audit("api_token.added", actor=command.actor, token=name, scope=command.scope)
        uow.commit()
    return token
