"""Where coopact keeps its data, from the environment.

``COOPACT_HOME`` (default ``./.coopact``) holds the embedded SQLite database, the Prefect
home and the mail outbox. ``COOPACT_DATABASE_URL`` points at PostgreSQL in production.
:func:`prepare_prefect_environment` must run before ``import prefect``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coopact.adapters.settings import environ as config_environ


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    templates: Path

    @property
    def outbox(self) -> Path:
        return self.home / "outbox"

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"


def settings(environ: dict[str, str] | None = None) -> Settings:
    env = config_environ() if environ is None else environ
    home = Path(env.get("COOPACT_HOME") or ".coopact").expanduser().resolve()
    url = env.get("COOPACT_DATABASE_URL") or f"sqlite:///{home / 'coopact.db'}"
    templates = Path(env.get("COOPACT_TEMPLATES") or default_templates())
    return Settings(home=home, database_url=url, templates=templates.resolve())


def default_templates() -> Path:
    """The templates shipped with coopact: ``coopact/templates`` in an installed wheel, the
    repository's ``templates/`` in a checkout."""
    installed = Path(__file__).resolve().parents[1] / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "templates"


def prepare_prefect_environment(config: Settings | None = None) -> None:
    """Keep Prefect's files inside COOPACT_HOME and its analytics off (before importing it)."""
    config = config or settings()
    if "PREFECT_HOME" not in os.environ:
        config.prefect_home.mkdir(parents=True, exist_ok=True)
        os.environ["PREFECT_HOME"] = str(config.prefect_home)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # INFO lines reach the Prefect server (the officers' window); the terminal shows none of
    # Prefect's lines (its errors carry tracebacks): the command says what failed, once.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    # coopact.* lines outside a flow run (a command's own work) are not sent to Prefect.
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
    os.environ.setdefault("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "false")  # nothing on disk
