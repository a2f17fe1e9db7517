"""The typed configuration (pydantic-settings): one field per ``COOPACT_*`` setting, with its
default and its bounds. Built by :func:`coopact.adapters.settings.load`, which resolves the values
(environment, ``*_FILE`` secrets, coopact.toml) and names the setting of an invalid one."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict


class CoopactSettings(BaseSettings):
    """coopact's configuration; the environment variable of ``link_days`` is
    ``COOPACT_LINK_DAYS`` (README, "Configuration")."""

    model_config = SettingsConfigDict(extra="forbid", frozen=True)

    home: Path = Field(Path(".coopact"), description="data folder: SQLite, Prefect home, outbox")
    config: Path | None = Field(None, description="the configuration file (coopact.toml)")
    database_url: str | None = Field(None, description="PostgreSQL URL; SQLite in home if unset")
    templates: Path | None = Field(None, description="the document templates folder")
    secret_key: SecretStr | None = Field(None, description="the audit chain's key (hex)")
    anchor_log: Path | None = Field(None, description="where audit chain heads are appended")
    public_url: str = Field("http://127.0.0.1:8000", description="the portal's public address")
    link_days: int = Field(14, ge=1, le=90, description="validity of a decision link, in days")
    retention_days: int = Field(3650, ge=1, description="personal data kept after the end")
    mail_from: str = Field("coopact@localhost", description="the sender of coopact's mails")
    smtp_host: str | None = Field(None, description="the mail server; the outbox folder if unset")
    smtp_port: int = Field(587, gt=0, lt=65536, description="the mail server's port")
    smtp_starttls: bool = Field(True, description="STARTTLS before any credential")
    smtp_user: str | None = Field(None, description="the mail server login")
    smtp_password: SecretStr | None = Field(None, description="the mail server password")
    signature_provider: Literal["manual", "docuseal", "yousign"] = Field(
        "manual", description="where agreements are sent for signature"
    )
    docuseal_url: str | None = Field(None, description="the DocuSeal server")
    docuseal_token: SecretStr | None = Field(None, description="the DocuSeal API token")
    docuseal_webhook_secret: SecretStr | None = Field(
        None, description="the value DocuSeal sends in its webhook header"
    )
    docuseal_webhook_header: str | None = Field(None, description="that header's name")
    yousign_url: str | None = Field(None, description="Yousign's API (default: production v3)")
    yousign_api_key: SecretStr | None = Field(None, description="the Yousign API key")
    yousign_webhook_secret: SecretStr | None = Field(
        None, description="the secret Yousign signs its webhooks with (HMAC-SHA256)"
    )
    prefect_startup_timeout: float = Field(
        180.0, gt=0, description="seconds the local Prefect server has to answer"
    )
    uno_python: str | None = Field(None, description="the Python that runs LibreOffice's UNO")
    debug: bool = Field(False, description="tracebacks of unexpected errors on the terminal")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only the values :func:`coopact.adapters.settings.load` resolved (one place reads
        them)."""
        return (init_settings,)

    def shown(self) -> dict[str, str]:
        """Every setting as `coopact config check` shows it: secrets masked."""
        rows: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                rows[name] = "****** (set)"
            elif value is None:
                rows[name] = "-"
            elif isinstance(value, bool):
                rows[name] = "true" if value else "false"
            else:
                rows[name] = str(value)
        return rows
