"""The names of coopact's settings, without their types (read without pydantic): each is
the environment variable ``COOPACT_<NAME>``; :mod:`coopact.adapters.settings_model` types them."""

from __future__ import annotations

FIELDS = (
    "home",
    "config",
    "database_url",
    "templates",
    "secret_key",
    "anchor_log",
    "public_url",
    "link_days",
    "retention_days",
    "mail_from",
    "smtp_host",
    "smtp_port",
    "smtp_starttls",
    "smtp_user",
    "smtp_password",
    "signature_provider",
    "docuseal_url",
    "docuseal_token",
    "docuseal_webhook_secret",
    "docuseal_webhook_header",
    "yousign_url",
    "yousign_api_key",
    "yousign_webhook_secret",
    "prefect_startup_timeout",
    "uno_python",
    "debug",
)
