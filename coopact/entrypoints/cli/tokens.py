"""`coopact token add NAME --scope read|write`: a bearer token for the API (/api/v1),
printed once on stdout (stored hashed)."""

from __future__ import annotations

from typing import Annotated

import typer

from coopact.bootstrap import units
from coopact.entrypoints.cli.common import ready, reports_errors
from coopact.entrypoints.cli.failures import err
from coopact.usecases.add_api_token import AddApiToken, handle

token_app = typer.Typer(help="Bearer tokens of the API (/api/v1).", no_args_is_help=True)


def register(app: typer.Typer) -> None:

    app.add_typer(token_app, name="token")

    @token_app.command("add")
    @reports_errors
    def add(
        name: Annotated[str, typer.Argument(help="Who uses it (a CRM, a BI tool): unique.")],
        scope: Annotated[
            str, typer.Option(help="read: list and read partnerships; write: create them too.")
        ] = "read",
    ) -> None:
        """Create a token and print it once, alone on stdout (TOKEN=$(coopact token add crm)):
        only its SHA-256 is kept. Send it as `Authorization: Bearer TOKEN`."""

        ready()
        token = handle(units.uow(), AddApiToken(name, scope))
        err.print(
            f"Token {name!r} ({scope}) created; it is shown once, keep it in the system's secrets:",
            markup=False,
        )
        print(token)
