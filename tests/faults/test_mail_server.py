"""The mail server down, then up but refusing one recipient, then taking everything
(aiosmtpd): `coopact mail send` ends in exit 3 with one paragraph while mails stay queued,
and each mail leaves exactly once when the server takes it."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from coopact.services import mail
from coopact.store.uow import UnitOfWork
from tests.faults.conftest import one_paragraph
from tests.integration.conftest import Cli
from tests.ports import free_port

REFUSED = "paul@example.org"


class Server:
    """Takes every mail, but refuses ``refusing`` at RCPT TO."""

    def __init__(self) -> None:
        self.refusing: set[str] = set()
        self.delivered: list[str] = []  # the Message-IDs taken

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refusing:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        for line in envelope.content.decode().splitlines():
            if line.lower().startswith("message-id:"):
                self.delivered.append(line.split(":", 1)[1].strip())
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Server, int]]:
    port = free_port()
    monkeypatch.setenv("COOPACT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("COOPACT_SMTP_PORT", str(port))
    monkeypatch.setenv("COOPACT_SMTP_STARTTLS", "false")
    yield Server(), port


def _message(ident: str, to: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "coopact@example.org"
    message["To"] = to
    message["Subject"] = "P-2027-001 : revue"
    message["Message-ID"] = f"<{ident}@coopact>"
    message["X-Coopact-Reference"] = "P-2027-001"
    message.set_content("Bonjour,")
    return message


def test_a_mail_server_down_then_refusing_then_up_sends_each_mail_once(
    cli: Cli, smtp: tuple[Server, int]
) -> None:
    server, port = smtp
    cli("init", check=True)
    uow = UnitOfWork.for_url(cli.database_url)
    with uow:
        mail.enqueue(uow, _message("claire", "claire@example.org"))
        mail.enqueue(uow, _message("paul", REFUSED))
        uow.commit()

    one_paragraph(cli("mail", "send"), 3, "2 queued")  # nobody listens
    controller = Controller(server, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        server.refusing.add(REFUSED)
        one_paragraph(cli("mail", "send"), 3, "1 mail(s) could not be sent")
        assert server.delivered == ["<claire@coopact>"]
        assert "<paul@coopact>" in cli("mail", "list", check=True).stdout  # still queued

        server.refusing.clear()
        sent = cli("mail", "send", check=True)
        assert "1 mail(s) sent." in sent.stdout
    finally:
        controller.stop()
    assert server.delivered == ["<claire@coopact>", "<paul@coopact>"]  # each once
    assert "No mail waiting." in cli("mail", "list", check=True).stdout
