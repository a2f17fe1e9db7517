"""The unit of work that writes, on this process's database: its audit chain signed by the
secret store's key and anchored in the anchor log, its outbound webhooks delivered after
the commit that queued them. The ORM weight of the wiring (the read commands do without
it: :func:`coopact.bootstrap.wiring.reads`)."""

from __future__ import annotations

from coopact.bootstrap.wiring import anchor_log, engine, keyring
from coopact.services.webhook_delivery import deliver_quietly
from coopact.store.uow import UnitOfWork


def uow() -> UnitOfWork:
    """A unit of work on this process's database, its audit chain signed by the secret
    store's key and anchored in the anchor log."""
    ring = keyring()
    return UnitOfWork.for_engine(
        engine(), keyring=ring, anchor=anchor_log(ring), after_webhooks=deliver_webhooks
    )


def deliver_webhooks() -> None:
    """After a commit that queued outbound webhooks: deliver them now (a failure waits for
    its retry: :mod:`coopact.services.webhook_delivery`)."""
    deliver_quietly(uow())
