"""`coopact webhook add|list|remove|deliver`: the outbound webhooks (Standard Webhooks)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coopact.bootstrap import units
from coopact.contracts.errors import EnvironmentProblem, InvalidInput, Problem
from coopact.entrypoints.cli.common import ready, reports_errors
from coopact.entrypoints.cli.failures import err
from coopact.services import webhook_delivery
from coopact.usecases import webhook_subscriptions as subscriptions
from coopact.usecases.webhook_subscriptions import AddWebhook, RemoveWebhook, listed

webhook_app = typer.Typer(
    help="Outbound webhooks: endpoints told of coopact's events, signed (Standard Webhooks).",
    no_args_is_help=True,
)
EVENTS_HELP = (
    "stage_changed, gate_opened, decision_recorded, document_generated, review_closed or "
    "payment_recorded; repeat it for several (none: every event)."
)


def register(app: typer.Typer) -> None:

    app.add_typer(webhook_app, name="webhook")
    for name, command in (
        ("add", add),
        ("list", listing),
        ("remove", remove),
        ("deliver", deliver),
    ):
        webhook_app.command(name)(reports_errors(command))


def add(
    url: Annotated[
        str, typer.Argument(metavar="URL", help="The endpoint (https:// in production).")
    ],
    event: Annotated[list[str] | None, typer.Option(help=EVENTS_HELP)] = None,
    secret_file: Annotated[
        Path | None,
        typer.Option(help="A file holding the signing secret (whsec_ + base64)."),
    ] = None,
    amounts: Annotated[
        bool, typer.Option("--amounts", help="Put the payments' amounts in the payloads.")
    ] = False,
) -> None:
    """Subscribe URL to events. Without --secret-file a secret is made and printed once,
    alone on stdout (SECRET=$(coopact webhook add URL)); with it, the webhook's id."""

    ready()
    secret = None
    if secret_file is not None:
        try:
            secret = secret_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            problem = Problem("--secret-file", f"cannot be read ({type(error).__name__})")
            raise InvalidInput("webhook", [problem]) from None
    done = subscriptions.add(units.uow(), AddWebhook(url, tuple(event or ()), secret, amounts))
    err.print(f"Webhook {done.id} added for {url}.", markup=False)
    if done.secret_made:
        err.print("Its signing secret is shown once; give it to the receiver:")
        print(done.secret)
    else:
        print(done.id)


def listing() -> None:
    """The webhooks: id, URL, events, deliveries waiting, delivered, given up."""

    ready()
    found = listed(units.uow())
    if not found:
        err.print("No webhook.")
    for sub in found:
        amounts = " with amounts" if sub.amounts else ""
        print(
            f"{sub.id}\t{sub.url}\t{','.join(sub.events)}{amounts}\t{sub.waiting} waiting, "
            f"{sub.delivered} delivered, {sub.given_up} given up"
        )


def remove(ident: Annotated[int, typer.Argument(metavar="ID", help="Its id (list).")]) -> None:
    """Unsubscribe a webhook; its deliveries not yet made are dropped."""

    ready()
    subscriptions.remove(units.uow(), RemoveWebhook(ident))
    err.print(f"Webhook {ident} removed.")


def deliver(
    every: Annotated[
        int, typer.Option(help="Keep running, delivering every N seconds (0: once).")
    ] = 0,
) -> None:
    """Deliver the webhooks due now (those that failed come back with exponential
    backoff). Once: exit 3 when some could not be delivered."""
    import time

    ready()
    while True:
        done = webhook_delivery.deliver(units.uow())
        if every <= 0:
            break
        time.sleep(every)
    if done.failed:
        raise EnvironmentProblem(f"{done.sent} webhook(s) delivered; {done.warning()}")
    err.print(f"{done.sent} webhook(s) delivered.")
