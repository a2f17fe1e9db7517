"""`coopact web`, `coopact user add`, `coopact remind`: the portal and its people."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from coopact.bootstrap import reminders, units, wiring
from coopact.contracts.errors import InvalidInput, Problem
from coopact.entrypoints.cli.common import out, reports_errors
from coopact.entrypoints.cli.failures import err
from coopact.entrypoints.web.assembly import FORWARDED_ENV, portal_from_environment
from coopact.services import users

if TYPE_CHECKING:
    from coopact.entrypoints.web.app import Portal

user_app = typer.Typer(
    help="Portal accounts of partnership officers, legal officers and treasurers.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    _register_web(app)
    _register_remind(app)
    _register_user_add()


def _register_web(app: typer.Typer) -> None:
    """`coopact web`."""

    @app.command()
    @reports_errors
    def web(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
        forwarded_allow_ips: Annotated[
            str,
            typer.Option(
                "--forwarded-allow-ips",
                help="Comma-separated addresses or networks of the reverse proxies whose "
                "X-Forwarded-For is believed (default: none; the peer's address is the client).",
            ),
        ] = "",
        workers: Annotated[
            int,
            typer.Option(
                min=1,
                max=64,
                help="Worker processes (sessions and sign-in throttling are shared through "
                "the database).",
            ),
        ] = 1,
    ) -> None:
        """Serve the portal: decision links, officers' pages, API, `/webhooks/{provider}`.

        COOPACT_PUBLIC_URL sets the base of the links mailed (behind a reverse proxy);
        the links are signed with the secret store's key (COOPACT_SECRET_KEY or the key
        file under COOPACT_HOME).
        """
        serve(host, port, forwarded_allow_ips, workers)


def _register_remind(app: typer.Typer) -> None:
    """`coopact remind`."""

    @app.command()
    @reports_errors
    def remind(
        within: Annotated[
            int, typer.Option(help="Remind links expiring within this many days.")
        ] = 3,
    ) -> None:
        """Remind the people whose decision link is about to expire, decision still awaited."""

        wiring.ensure_ready()
        count, warning = reminders.remind(within)
        out.print(f"{count} reminder(s) sent." if count else "No link about to expire.")
        if warning:
            err.print(f"[yellow]Warning:[/] {warning}")


def _register_user_add() -> None:
    """`coopact user add`."""

    @user_app.command("add")
    @reports_errors
    def user_add(
        email: Annotated[str, typer.Argument(help="The officer's e-mail address (sign-in).")],
        role: Annotated[
            str, typer.Option(help="partnership_officer, legal_officer or treasurer.")
        ] = "partnership_officer",
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from standard input.")
        ] = False,
    ) -> None:
        """Create a portal account; the password is asked twice (or read from stdin)."""

        wiring.ensure_ready()
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        if not password:
            raise InvalidInput("portal account", [Problem("password", "is empty")])
        officer = users.add_user(units.uow(), email, role, password, actor=_operator())
        out.print(f"Portal account created: {officer.email} ({officer.role}).")


def serve(host: str, port: int, forwarded_allow_ips: str, workers: int) -> None:
    """`coopact web`: the configuration checked once here, then uvicorn's workers, each
    building the app from the environment (coopact.entrypoints.web.assembly:from_environment)."""
    import logging
    import os

    import uvicorn

    wiring.ensure_ready()
    os.environ[FORWARDED_ENV] = forwarded_allow_ips  # read by each worker's app factory
    config = portal_config()  # refused here, once, when the configuration is wrong
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    out.print(f"Portal on http://{host}:{port}/ (links mailed as {config.public_url}/d/…)")
    # No access log: a decision link's path is a credential, it stays out of the logs.
    # X-Forwarded-For is read by the app itself, and only from the trusted proxies.
    uvicorn.run(
        "coopact.entrypoints.web.assembly:from_environment", factory=True, host=host, port=port,
        workers=workers, log_level="info", proxy_headers=False, access_log=False,
    )  # fmt: skip


def _operator() -> str:
    try:
        import getpass

        return f"cli ({getpass.getuser()})"
    except (KeyError, OSError):
        return "cli"


def portal_config() -> Portal:
    """The portal's wiring from the environment (COOPACT_HOME, COOPACT_PUBLIC_URL...)."""

    return portal_from_environment()
