"""The mail queue, on SQLite and PostgreSQL, with a real SMTP server (aiosmtpd): a mail
leaves only once what it announces is committed, a mail the server could not take stays
queued and leaves later with its Message-ID, a delivery killed before it recorded what it
sent sends the same messages again (never new links), `coopact mail send` and `mail list`."""

from __future__ import annotations

import datetime as dt
import email
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from coopact.adapters.mail.transports import SmtpTransport
from coopact.contracts.errors import Conflict
from coopact.services import mail
from coopact.services.review_reports import write_review_reports
from coopact.store.tables import DecisionLinkRow, QueuedMailRow
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import TEMPLATES
from tests.integration.test_review_reports import DAY, A, B, _in_review, _told
from tests.ports import free_port


class Collector:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        return [str(email.message_from_bytes(e.content)["Message-ID"]) for e in self.envelopes]


class Smtp:
    """A real SMTP server on 127.0.0.1 that can be started late."""

    def __init__(self) -> None:
        self.port = free_port()
        self.collector = Collector()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.collector, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def transport(self) -> SmtpTransport:
        return SmtpTransport("127.0.0.1", self.port, starttls=False, timeout=5)


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    server = Smtp()
    yield server
    if server.controller is not None:
        server.controller.stop()


def _queue(uow: UnitOfWork) -> list[QueuedMailRow]:
    with uow:
        return list(uow.session.scalars(select(QueuedMailRow).order_by(QueuedMailRow.id)))


def _links(uow: UnitOfWork) -> int:
    with uow:
        return int(uow.session.scalar(select(func.count()).select_from(DecisionLinkRow)) or 0)


def test_no_mail_leaves_when_the_chunk_does_not_commit_and_the_retry_sends_each_once(
    uow: UnitOfWork, smtp: Smtp, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_review(uow)
    smtp.start()
    real_commit = UnitOfWork.commit

    def conflict(self: UnitOfWork) -> None:
        raise Conflict("someone else changed this partnership at the same moment")

    monkeypatch.setattr(UnitOfWork, "commit", conflict)
    with pytest.raises(Conflict):
        write_review_reports(uow, [A, B], DAY, templates=TEMPLATES, transport=smtp.transport())
    monkeypatch.setattr(UnitOfWork, "commit", real_commit)
    assert smtp.collector.envelopes == []  # nobody got a link that was never stored
    assert _links(uow) == 0 and _queue(uow) == [] and _told(uow, A) == []

    outcomes = write_review_reports(
        uow, [A, B], DAY, templates=TEMPLATES, transport=smtp.transport()
    )
    assert [(o.status, o.detail) for o in outcomes] == [("written", "")] * 2
    assert len(smtp.collector.envelopes) == 10 == _links(uow)  # committees and referents
    assert len(set(smtp.collector.message_ids())) == 10
    assert _queue(uow) == []  # sent, so deleted: no address kept


def test_mails_the_server_could_not_take_leave_later_with_their_message_ids(
    uow: UnitOfWork, smtp: Smtp
) -> None:
    _in_review(uow)
    outcomes = write_review_reports(
        uow, [A, B], DAY, templates=TEMPLATES, transport=smtp.transport()
    )  # no server listening yet
    assert [o.status for o in outcomes] == ["written", "written"]
    assert "could not be sent" in outcomes[0].detail and "10 queued" in outcomes[0].detail
    assert _told(uow, A) == ["gate.notified"] and _told(uow, B) == ["gate.notified"]
    queued = _queue(uow)
    assert len(queued) == 10 and sum(q.attempts for q in queued) == 1  # stopped at the first
    assert "ConnectionRefusedError" in (queued[0].last_error or "")
    assert all(q.claim is None for q in queued)

    smtp.start()
    delivery = mail.deliver(uow, smtp.transport())
    assert (delivery.sent, delivery.failed, delivery.left) == (10, 0, 0)
    assert sorted(smtp.collector.message_ids()) == sorted(q.message_id for q in queued)
    recipients = sorted(r for e in smtp.collector.envelopes for r in e.rcpt_tos)
    assert recipients == sorted(q.recipients for q in queued)


def test_a_delivery_killed_before_recording_what_it_sent_sends_the_same_messages_again(
    uow: UnitOfWork, smtp: Smtp, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_review(uow)
    smtp.start()
    real_settle = mail._settle

    def killed(*args: Any, **kwargs: Any) -> None:
        raise SystemExit(137)  # the worker is gone before it deletes what it sent

    monkeypatch.setattr(mail, "_settle", killed)
    with pytest.raises(SystemExit):
        write_review_reports(uow, [A], DAY, templates=TEMPLATES, transport=smtp.transport())
    monkeypatch.setattr(mail, "_settle", real_settle)
    first = smtp.collector.message_ids()
    assert len(first) == 5 and len(_queue(uow)) == 5  # 3 committee members, 2 referents

    now = dt.datetime.now(dt.UTC)
    held = mail.deliver(uow, smtp.transport(), now=now)  # still claimed by the dead worker
    assert (held.sent, held.left) == (0, 5)
    later = mail.deliver(uow, smtp.transport(), now=now + mail.LEASE + dt.timedelta(minutes=1))
    assert (later.sent, later.left) == (5, 0)
    again = smtp.collector.message_ids()[5:]
    assert sorted(again) == sorted(first)  # the same messages: the same links, recognisable
    bodies = [e.content for e in smtp.collector.envelopes]
    assert sorted(bodies[:5]) == sorted(bodies[5:])
    assert _links(uow) == 5


def _message(reference: str, ident: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "coopact@example.org"
    message["To"] = "Ines Benali <ines@example.org>"
    message["Subject"] = f"{reference} : revue"
    message["Message-ID"] = f"<{ident}@coopact>"
    message["X-Coopact-Reference"] = reference
    message.set_content("Bonjour Ines,")
    return message


def test_mail_list_then_mail_send(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert cli("init").returncode == 0
    uow = UnitOfWork.for_url(cli.database_url)
    with uow:
        mail.enqueue(uow, _message("P-2027-001", "first"))
        uow.commit()
    assert cli("mail", "list", check=True).stdout.startswith("<first@coopact>  P-2027-001  queued")
    assert "ines" not in cli("mail", "list").stdout.casefold()

    port = free_port()  # nobody listens there
    monkeypatch.setenv("COOPACT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("COOPACT_SMTP_PORT", str(port))
    monkeypatch.setenv("COOPACT_SMTP_STARTTLS", "false")
    down = cli("mail", "send")
    assert down.returncode == 3
    assert "1 mail(s) could not be sent" in down.stderr and "1 queued" in down.stderr
    assert "1 attempt(s): the mail server 127.0.0.1" in cli("mail", "list").stdout

    for name in ("COOPACT_SMTP_HOST", "COOPACT_SMTP_PORT", "COOPACT_SMTP_STARTTLS"):
        monkeypatch.delenv(name)
    sent = cli("mail", "send", check=True)
    assert "1 mail(s) sent." in sent.stdout
    assert (Path(cli.home) / "outbox" / "first.eml").exists()
    assert "No mail waiting." in cli("mail", "send", check=True).stdout
    assert "No mail waiting." in cli("mail", "list", check=True).stdout


def test_two_deliveries_at_once_send_each_mail_once(db_url: str, smtp: Smtp) -> None:
    import threading

    from coopact.store.db import make_engine

    engine = make_engine(db_url)
    uow = UnitOfWork.for_engine(engine)
    with uow:
        mail.enqueue_many(uow, [_message("P-2027-001", f"m{n}") for n in range(120)])
        uow.commit()
    smtp.start()
    results: list[mail.Delivery] = []

    def worker() -> None:
        results.append(mail.deliver(UnitOfWork.for_engine(engine), smtp.transport()))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    ids = smtp.collector.message_ids()
    assert sorted(ids) == sorted(f"<m{n}@coopact>" for n in range(120))  # each once
    assert sum(r.sent for r in results) == 120 and sum(r.failed for r in results) == 0
