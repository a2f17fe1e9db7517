"""Where the mail goes: the outbox folder (``.eml`` files, the default) or a mail server
configured by ``COOPACT_SMTP_*`` variables (:func:`transport_from_env`).

Personal data (names, addresses) never goes to the logs: only counts and message ids.
"""

from __future__ import annotations

import hashlib
import logging
import os
import smtplib
import ssl
import tempfile
from collections.abc import Mapping
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from coopact.adapters.settings import environ as config_environ
from coopact.contracts.errors import CoopactError, InvalidInput, Problem

log = logging.getLogger(__name__)


class NotifyError(CoopactError):
    """A notification could not be rendered or delivered."""


class MailServerDown(NotifyError):
    """The mail server could not be reached or refused the session (not one message):
    the other queued messages wait for the next delivery."""


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class OutboxTransport:
    """Writes each message as ``<message-id>.eml`` in ``folder``, atomically (a temporary
    file renamed into place: a reader never sees half a message). No fsync per file (it
    cost more than the rest of a gate's mails): a power cut just after a write may lose a
    message that the audit trail records as sent. The outbox is the development and demo
    transport; production sends through SMTP."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        self.send_raw(message.as_bytes(), str(message["Message-ID"] or ""))

    def send_raw(self, raw: bytes, message_id: str) -> None:
        """Write a message already serialised (the mail queue keeps it so)."""
        ident = message_id.strip().strip("<>").split("@", 1)[0]
        if not ident:
            ident = hashlib.sha256(raw).hexdigest()[:32]
        target = self.folder / f"{ident}.eml"
        try:
            try:
                descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            except FileNotFoundError:  # the first message (or the folder was removed)
                self.folder.mkdir(parents=True, exist_ok=True)
                descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        except OSError as exc:
            raise MailServerDown(
                f"the outbox folder {self.folder} cannot be written: {exc.strerror or exc}"
            ) from None
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(raw)
            os.replace(temporary, target)
        except OSError as exc:
            Path(temporary).unlink(missing_ok=True)
            raise MailServerDown(
                f"the outbox folder {self.folder} cannot be written: {exc.strerror or exc}"
            ) from None
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class SmtpTransport:
    """Sends through an SMTP server; STARTTLS is required unless explicitly turned off."""

    def __init__(
        self,
        host: str,
        port: int = 587,
        *,
        starttls: bool = True,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if user and not starttls:
            raise InvalidInput(
                "SMTP settings",
                [Problem("COOPACT_SMTP_STARTTLS", "credentials are never sent without STARTTLS")],
            )
        self.host, self.port, self.starttls = host, port, starttls
        self.user, self._password = user, password
        self.timeout = timeout
        self.ssl_context = ssl_context

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SmtpTransport:
        env = config_environ() if environ is None else environ
        host = env.get("COOPACT_SMTP_HOST")
        if not host:
            raise InvalidInput("SMTP settings", [Problem("COOPACT_SMTP_HOST", "is not set")])
        raw_port = env.get("COOPACT_SMTP_PORT") or "587"
        if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
            raise InvalidInput(
                "SMTP settings", [Problem("COOPACT_SMTP_PORT", f"{raw_port!r} is not a port")]
            )
        flag = (env.get("COOPACT_SMTP_STARTTLS") or "true").strip().lower()
        if flag not in {"true", "false", "1", "0", "yes", "no"}:
            raise InvalidInput(
                "SMTP settings", [Problem("COOPACT_SMTP_STARTTLS", "must be true or false")]
            )
        return cls(
            host,
            int(raw_port),
            starttls=flag in {"true", "1", "yes"},
            user=env.get("COOPACT_SMTP_USER") or None,
            password=env.get("COOPACT_SMTP_PASSWORD") or None,
        )

    def send(self, message: EmailMessage) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                smtp.ehlo()
                if self.starttls:
                    smtp.starttls(context=self.ssl_context or ssl.create_default_context())
                    smtp.ehlo()
                if self.user:
                    smtp.login(self.user, self._password or "")
                smtp.send_message(message)
        except smtplib.SMTPNotSupportedError:
            raise MailServerDown(
                f"the mail server {self.host}:{self.port} does not offer STARTTLS; "
                "set COOPACT_SMTP_STARTTLS=false only for a server on a trusted network"
            ) from None
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
            raise NotifyError(  # this message only; the others may go
                f"the mail server {self.host}:{self.port} refused a message: {type(exc).__name__}"
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise MailServerDown(
                f"the mail server {self.host}:{self.port} refused or failed: {type(exc).__name__}"
            ) from None


def transport_from_env(outbox: Path, environ: Mapping[str, str] | None = None) -> Transport:
    """SMTP when COOPACT_SMTP_HOST is set, otherwise the outbox folder."""
    env = config_environ() if environ is None else environ
    if env.get("COOPACT_SMTP_HOST"):
        return SmtpTransport.from_env(env)
    return OutboxTransport(outbox)
