"""The review reports of review-due, written a chunk at a time: each once per partnership and
review date (a chunk submitted again writes nothing twice), the comité told once, a mail
refused for one partnership leaving the others told and its report stored; the audit chain
intact (its events are chained at the chunk's commit). SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import email
from email.message import EmailMessage
from pathlib import Path

import yaml
from sqlalchemy import func, select

from coopact import services
from coopact.adapters.loading import load_text
from coopact.adapters.mail.transports import NotifyError, OutboxTransport
from coopact.contracts.lifecycle import Stage
from coopact.services.mail import deliver
from coopact.services.review_opening import unwritten_reports
from coopact.services.review_reports import write_review_reports
from coopact.store import audit
from coopact.store.audit_tables import AuditEventRow
from coopact.store.tables import DecisionLinkRow, DocumentRow, QueuedMailRow, ReviewReportRow
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import TEMPLATES, partnership_data

DAY = dt.date(2027, 7, 15)
A, B = "P-2027-101", "P-2027-102"


def _in_review(uow: UnitOfWork) -> None:
    for reference in (A, B):
        data = partnership_data()
        data["reference"] = reference
        services.register(uow, load_text(yaml.safe_dump(data, allow_unicode=True)), actor="t")
        with uow:
            uow.partnerships.get(reference).stage = Stage.signed.value  # setup shortcut
            uow.commit()
        services.advance(uow, reference, templates=TEMPLATES, today=dt.date(2026, 12, 1))
    assert sorted(r.reference for r in services.review_due(uow, DAY)) == [A, B]


def _count(uow: UnitOfWork, query) -> int:  # type: ignore[no-untyped-def]
    with uow:
        return int(uow.session.scalar(query) or 0)


def _told(uow: UnitOfWork, reference: str) -> list[str]:
    with uow:
        return [e.action for e in audit.events(uow.session, reference) if "notif" in e.action]


def test_each_report_once_per_partnership_and_review_date(uow: UnitOfWork, tmp_path: Path) -> None:
    _in_review(uow)
    outbox = OutboxTransport(tmp_path / "outbox")
    outcomes = write_review_reports(
        uow, [A, B, "P-2027-999"], DAY, templates=TEMPLATES, transport=outbox
    )
    assert [(o.reference, o.status) for o in outcomes] == [
        (A, "written"), (B, "written"), ("P-2027-999", "unknown partnership"),
    ]  # fmt: skip
    assert outcomes[0].documents == ["review_report v1 (fr)"]
    mails = sorted((tmp_path / "outbox").glob("*.eml"))
    gates = [email.message_from_bytes(m.read_bytes())["X-Coopact-Gate"] for m in mails]
    assert gates.count("review") == 6  # three committee members each
    assert gates.count("health_check") == 4  # and each partner's referent, its own part
    events = _count(uow, select(func.count()).select_from(AuditEventRow))

    again = write_review_reports(uow, [B, A], DAY, templates=TEMPLATES, transport=outbox)
    assert [(o.reference, o.status) for o in again] == [
        (B, "already written"),
        (A, "already written"),
    ]
    reports = select(func.count()).where(DocumentRow.kind == "review_report")
    assert _count(uow, reports) == 2
    assert _count(uow, select(func.count()).select_from(ReviewReportRow)) == 2
    assert _count(uow, select(func.count()).select_from(AuditEventRow)) == events
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 10
    assert _told(uow, A) == ["gate.notified"]
    assert services.verify_audit(uow).intact


class _RefusedFor(OutboxTransport):
    """The mail server refuses the messages of one partnership."""

    def __init__(self, folder: Path, reference: str) -> None:
        super().__init__(folder)
        self.reference = reference

    def send(self, message: EmailMessage) -> None:
        if message["X-Coopact-Reference"] == self.reference:
            raise NotifyError("the mail server refused: SMTPRecipientsRefused")
        super().send(message)


def test_a_refused_mail_stays_queued_with_its_link_and_is_sent_by_the_next_delivery(
    uow: UnitOfWork, tmp_path: Path
) -> None:
    _in_review(uow)
    transport = _RefusedFor(tmp_path / "outbox", A)
    outcomes = write_review_reports(uow, [A, B], DAY, templates=TEMPLATES, transport=transport)
    assert [o.status for o in outcomes] == ["written", "written"]
    assert "5 mail(s) could not be sent" in outcomes[0].detail and "refused" in outcomes[0].detail
    assert "coopact mail send" in outcomes[0].detail and outcomes[1].detail == ""
    # Both told: the links, the queued mails and "gate.notified" went in with the report.
    assert _told(uow, A) == ["gate.notified"] and _told(uow, B) == ["gate.notified"]
    with uow:
        links = uow.session.scalars(select(DecisionLinkRow.partnership_id)).all()
        queued = uow.session.scalars(select(QueuedMailRow)).all()
    assert len(links) == 10  # per partnership: 3 committee members, 2 referents
    assert [(q.reference, q.attempts) for q in queued] == [(A, 1)] * 5
    assert all("refused" in (q.last_error or "") for q in queued)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 5  # B's
    # The next delivery (any command that sends mail) sends A's, the links they carry
    # those stored, their Message-IDs those queued; then nothing is left.
    delivery = deliver(uow, OutboxTransport(tmp_path / "outbox"))
    assert (delivery.sent, delivery.failed, delivery.left) == (5, 0, 0)
    files = {p.stem for p in (tmp_path / "outbox").glob("*.eml")}
    assert {q.message_id.strip("<>").split("@")[0] for q in queued} <= files
    assert len(files) == 10
    assert services.verify_audit(uow).intact


def _write_what_is_left(uow: UnitOfWork, tmp_path: Path) -> list[tuple[str, str]]:
    """What review-due does after opening: the reports still to write, by review date."""
    done = []
    for review_date, references in unwritten_reports(uow).items():
        outbox = OutboxTransport(tmp_path / "outbox")
        for o in write_review_reports(
            uow, references, review_date, templates=TEMPLATES, transport=outbox
        ):
            done.append((o.reference, o.status))
    return done


def test_a_report_that_failed_the_day_its_review_opened_is_written_later_once(
    uow: UnitOfWork, tmp_path: Path
) -> None:
    _in_review(uow)  # both opened on DAY
    outbox = OutboxTransport(tmp_path / "outbox")
    assert unwritten_reports(uow) == {DAY: [A, B]}
    # That day only B's chunk got through; A's failed every attempt.
    write_review_reports(uow, [B], DAY, templates=TEMPLATES, transport=outbox)
    assert unwritten_reports(uow) == {DAY: [A]}
    # The next days' review-due writes A's, keyed on the day its review opened, once.
    assert services.review_due(uow, DAY + dt.timedelta(days=1)) == []
    assert _write_what_is_left(uow, tmp_path) == [(A, "written")]
    assert _write_what_is_left(uow, tmp_path) == []
    with uow:
        keys = uow.session.execute(
            select(ReviewReportRow.partnership_id, ReviewReportRow.review_date)
        ).all()
        ids = {uow.partnerships.get(r).id: r for r in (A, B)}
        reports = uow.session.execute(
            select(DocumentRow.partnership_id, func.count())
            .where(DocumentRow.kind == "review_report")
            .group_by(DocumentRow.partnership_id)
        ).all()
    assert sorted((ids[p], d) for p, d in keys) == [(A, DAY), (B, DAY)]
    assert sorted((ids[p], n) for p, n in reports) == [(A, 1), (B, 1)]
    assert _told(uow, A) == ["gate.notified"] and _told(uow, B) == ["gate.notified"]
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 10
    assert services.verify_audit(uow).intact


def test_a_report_written_by_advance_is_not_written_again_by_review_due(
    uow: UnitOfWork, tmp_path: Path
) -> None:
    _in_review(uow)
    services.advance(uow, A, templates=TEMPLATES, today=DAY)  # an officer wrote it
    assert unwritten_reports(uow) == {DAY: [B]}
    assert _write_what_is_left(uow, tmp_path) == [(B, "written")]
    assert unwritten_reports(uow) == {}
