"""Wiring, the writing side: the mail transport, the signature providers, the stage work
and the decisions' follow-up wired to this process's adapters (:func:`adapters`,
:func:`advance`), for the write commands, the flows and the portal.

Heavy at its top (jinja2, httpx, the use cases and the document stack): the read commands
never import it (tests/integration/test_cli_startup.py); their light part, the engine and
the read side, is :mod:`coopact.bootstrap.wiring`, the unit of work
:mod:`coopact.bootstrap.units`. A command module that writes imports
it at its top (the command registry loads that module only when its command runs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from coopact.adapters.config import settings
from coopact.adapters.mail.transports import Transport, transport_from_env
from coopact.adapters.settings import environ as config_environ
from coopact.adapters.signature import SignatureProvider
from coopact.adapters.signature.docuseal import DocusealProvider
from coopact.adapters.signature.yousign import YousignProvider
from coopact.bootstrap.units import uow
from coopact.contracts.errors import InvalidInput, Problem
from coopact.services.work import AdvanceResult
from coopact.store.uow import UnitOfWork
from coopact.usecases.advance_partnership import advance_work
from coopact.usecases.decide import after_signatures


def transport() -> Transport:
    """SMTP when COOPACT_SMTP_HOST is set, else .eml files in COOPACT_HOME/outbox."""
    return transport_from_env(settings().outbox)


def signature_provider(environ: Mapping[str, str] | None = None) -> SignatureProvider | None:
    """The provider the agreement is sent to once formalised, beyond the manual packet.

    None for ``manual`` (the default: the signature packet is the stage's document);
    DocuSeal when COOPACT_SIGNATURE_PROVIDER=docuseal, configured by COOPACT_DOCUSEAL_URL,
    _TOKEN and _WEBHOOK_SECRET (all required); Yousign when it is yousign, configured by
    COOPACT_YOUSIGN_API_KEY and _WEBHOOK_SECRET (required) and _URL.
    """
    env = config_environ() if environ is None else environ
    choice = (env.get("COOPACT_SIGNATURE_PROVIDER") or "manual").strip().lower()
    if choice == "manual":
        return None
    if choice == "docuseal":
        return docuseal(env)
    if choice == "yousign":
        return YousignProvider.from_env(env)
    expected = "expected manual, docuseal or yousign"
    raise InvalidInput(
        "environment", [Problem("COOPACT_SIGNATURE_PROVIDER", f"is {choice!r}; {expected}")]
    )


def docuseal(environ: Mapping[str, str] | None = None) -> DocusealProvider:
    """DocuSeal from the environment, to hear its webhooks (COOPACT_DOCUSEAL_*)."""
    return DocusealProvider.from_env(environ)


def webhook_providers() -> dict[str, SignatureProvider]:
    """The provider whose webhooks the portal hears (POST /webhooks/<name>): the configured
    one when it sends webhooks; none for the manual packet."""
    provider = signature_provider()
    if provider is None or not hasattr(provider, "receive"):
        return {}
    return {provider.name: provider}


def set_up_after_signature(reference: str) -> None:
    """Once a webhook's signature completes a partnership's: the governance set-up."""
    done = after_signatures(reference, adapters(signing=False))
    if done.work_error is not None:  # kept in the audit log; `coopact advance` resumes
        raise done.work_error


# --------------------------------------------------------------------- the use cases wired
@dataclass(frozen=True)
class Adapters:
    """What the stage work is wired to: a unit of work, the templates, the mail transport
    (None: nobody is told by mail) and the signature provider (None: the manual packet)."""

    uow: Callable[[], UnitOfWork]
    templates: Path
    transport: Callable[[], Transport] | None = None
    signature: Callable[[], SignatureProvider | None] | None = None


def adapters(*, mail: bool = True, signing: bool = True) -> Adapters:
    """This process's adapters, from its environment (COOPACT_HOME, COOPACT_SMTP_HOST,
    COOPACT_SIGNATURE_PROVIDER...)."""
    return Adapters(
        uow,
        settings().templates,
        transport if mail else None,
        signature_provider if signing else None,
    )


def advance(
    reference: str, *, today: dt.date | None = None, using: Adapters | None = None
) -> AdvanceResult:
    """The automatic work up to the next gate on ``using``, by default this process's
    adapters (:func:`coopact.usecases.advance_partnership.advance_work`)."""
    return advance_work(using or adapters(), reference, today=today)
