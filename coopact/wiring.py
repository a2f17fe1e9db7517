"""Wiring: the engine and unit of work of this process, and the stage work registry."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from sqlalchemy import Engine

from contracts.errors import CoopactError, InvalidInput, Problem
from coopact.config import settings
from coopact.notify import Transport, transport_from_env
from coopact.signature import SignatureProvider
from coopact.signature.docuseal import DocusealProvider
from store.anchors import AnchorLog
from store.db import make_engine
from store.keys import Keyring, load_keyring
from store.migrate import current_revision, head_revision
from store.uow import UnitOfWork


@cache
def engine(url: str | None = None) -> Engine:
    config = settings()
    url = url or config.database_url
    if url.startswith("sqlite:///"):
        config.home.mkdir(parents=True, exist_ok=True)
    return make_engine(url)


def uow() -> UnitOfWork:
    """A unit of work on this process's database, its audit chain signed by the secret
    store's key and anchored in the anchor log."""
    ring = keyring()
    return UnitOfWork.for_engine(engine(), keyring=ring, anchor=anchor_log(ring))


def keyring() -> Keyring:
    """The secret store: COOPACT_SECRET_KEY, else $COOPACT_HOME/secret.key."""
    return load_keyring(settings().home)


def anchor_log_path(environ: Mapping[str, str] | None = None) -> Path:
    """COOPACT_ANCHOR_LOG, else $COOPACT_HOME/anchors.log."""
    env = os.environ if environ is None else environ
    if env.get("COOPACT_ANCHOR_LOG"):
        return Path(env["COOPACT_ANCHOR_LOG"]).expanduser()
    return settings().home / "anchors.log"


def anchor_log(ring: Keyring | None = None) -> AnchorLog:
    return AnchorLog(anchor_log_path(), ring or keyring())


def transport() -> Transport:
    """SMTP when COOPACT_SMTP_HOST is set, else .eml files in COOPACT_HOME/outbox."""
    return transport_from_env(settings().outbox)


def signature_provider(environ: Mapping[str, str] | None = None) -> SignatureProvider | None:
    """The provider the agreement is sent to once formalised, beyond the manual packet.

    None for ``manual`` (the default: the signature packet is the stage's document);
    DocuSeal when COOPACT_SIGNATURE_PROVIDER=docuseal, configured by COOPACT_DOCUSEAL_URL,
    _TOKEN and _WEBHOOK_SECRET (all required).
    """
    env = os.environ if environ is None else environ
    choice = (env.get("COOPACT_SIGNATURE_PROVIDER") or "manual").strip().lower()
    if choice == "manual":
        return None
    if choice == "docuseal":
        return DocusealProvider.from_env(env)
    raise InvalidInput(
        "environment",
        [Problem("COOPACT_SIGNATURE_PROVIDER", f"is {choice!r}; expected manual or docuseal")],
    )


def docuseal(environ: Mapping[str, str] | None = None) -> DocusealProvider:
    """DocuSeal from the environment, to hear its webhooks (COOPACT_DOCUSEAL_*)."""
    return DocusealProvider.from_env(environ)


def ensure_ready() -> None:
    """Refuse to work on a database that is not migrated to the current schema."""
    current = current_revision(engine())
    if current != head_revision():
        raise CoopactError(
            "the database is not initialised or not up to date: run `coopact init` first"
            f" (schema revision {current or 'none'}, expected {head_revision()})"
        )
