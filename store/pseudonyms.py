"""Who the audit chain names, without the database: a person's pseudonymous ids
(``p-<key id>-<HMAC>``) and the SHA-256 of free text, as :mod:`coopact.store.people`
explains. Apart from it so that the read side (:mod:`coopact.store.reading`) uses them
without the declarative tables."""

from __future__ import annotations

import hashlib

from coopact.contracts.roles import person_key
from coopact.store.keys import Keyring, SecretUnavailable, key_id

NAMESPACE = "person"
ERASED = "[effacé]"
PREFIX = "p-"


def pseudonym(keyring: Keyring, name: str, kid: str | None = None) -> str:
    kid = kid or keyring.current_id
    mac = keyring.sign(NAMESPACE, person_key(name).encode(), kid)
    return f"{PREFIX}{kid}-{mac[:32]}"


def pseudonyms(keyring: Keyring, name: str) -> set[str]:
    """Every id the person may carry in the chain (one per secret the keyring holds)."""
    return {pseudonym(keyring, name, key_id(s)) for s in keyring.secrets}


def is_pseudonym_of(keyring: Keyring, pid: str | None, name: str) -> bool:
    if not pid or not pid.startswith(PREFIX):
        return False
    kid = pid[len(PREFIX) :].split("-", 1)[0]
    try:
        return pseudonym(keyring, name, kid) == pid
    except SecretUnavailable:
        return False


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


NAME = "name"  # personal_texts.sha256 of a row that holds a person's name (not a hash)
