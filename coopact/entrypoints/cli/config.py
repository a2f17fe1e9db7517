"""`coopact config check`: the resolved configuration (secrets masked) and each part tried
(coopact.entrypoints.cli.config_check). Exit 0 when every part is usable, 3 naming what is not."""

from __future__ import annotations

from typing import Annotated

import typer

from coopact.contracts.errors import EnvironmentProblem
from coopact.entrypoints.cli.common import out, reports_errors

config_app = typer.Typer(
    help="The configuration: coopact.toml in COOPACT_HOME, COOPACT_* variables, *_FILE secrets.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:

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

        from coopact.adapters.settings import config_file, load
        from coopact.entrypoints.cli.config_check import FAILED, run_checks

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
