"""`coopact init` (the database created or migrated: Alembic) and `coopact config check`: the
resolved configuration (secrets masked) and each part tried
(coopact.entrypoints.cli.config_check). Exit 0 when every part is usable, 3 naming what is not."""

from __future__ import annotations

from typing import Annotated

import typer

from coopact.adapters.settings import config_file, load
from coopact.bootstrap import wiring
from coopact.contracts.errors import EnvironmentProblem
from coopact.entrypoints.cli.common import out, reports_errors
from coopact.entrypoints.cli.config_check import FAILED, run_checks
from coopact.entrypoints.cli.failures import err
from coopact.store.migrate import current_revision, head_revision, upgrade

config_app = typer.Typer(
    help="The configuration: coopact.toml in COOPACT_HOME, COOPACT_* variables, *_FILE secrets.",
    no_args_is_help=True,
)


@reports_errors
def init() -> None:
    """Create the database, or migrate it to the current schema."""

    before = current_revision(wiring.engine())
    upgrade(wiring.engine())
    where = wiring.engine().url.render_as_string(hide_password=True)
    if before == head_revision():
        err.print(f"Database already up to date ({where}).")
    else:
        err.print(f"Database ready at revision {head_revision()} ({where}).")


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.add_typer(config_app, name="config")

    @config_app.command("check")
    @reports_errors
    def check(
        as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    ) -> None:
        """Show the resolved configuration (secrets masked) and check each part: the database
        (reachable, migrated), Prefect, the mail server, the audit key (mode 0600), the anchor
        target, the public URL. Exit 3 naming each part that fails; an invalid value is
        refused naming its setting."""
        import json

        config = load()
        shown = config.shown()
        checks = run_checks(config)
        if as_json:
            payload = {
                "file": str(config_file()),
                "settings": shown,
                "checks": [c.as_json() for c in checks],
            }
            out.print(json.dumps(payload, ensure_ascii=False, indent=2), markup=False)
        else:
            exists = "" if config_file().exists() else " (absent: defaults and variables only)"
            out.print(f"Configuration file: {config_file()}{exists}", markup=False)
            width = max(len(name) for name in shown)
            for name, value in shown.items():
                out.print(f"  COOPACT_{name.upper():<{width}}  {value}", markup=False)
            out.print("Checks:")
            for c in checks:
                out.print(f"  {c.part:<10}  {c.outcome:<6}  {c.detail}", markup=False)
        failed = [c.part for c in checks if c.outcome == FAILED]
        if failed:
            raise EnvironmentProblem(
                f"{len(failed)} part(s) of the configuration cannot be used: {', '.join(failed)}"
                " (see the checks above)"
            )
