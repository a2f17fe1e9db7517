"""SQLAlchemy 2 typed tables. The schema itself is built only by Alembic migrations.

Their base (naming convention, JSON type) is in :mod:`coopact.store.base`, the audit
chain's tables in :mod:`coopact.store.audit_tables`; the tables kept in modules of
their own (money, failed work, portal throttling, outbound webhooks) beside these, and every
table gathered in :mod:`coopact.store.schema` (what Alembic compares)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import event as sa_event
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coopact.store.base import Base, utcnow
from coopact.store.core_tables import Json
from coopact.store.file_checks import check_spec


class PartnershipRow(Base):
    """One partnership: its validated file, where it stands, and an optimistic-lock version."""

    __tablename__ = "partnerships"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    stage: Mapped[str] = mapped_column(String(32))
    spec_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    # The round each gate is in ({"vision_approval": 2, ...}; 1 when absent): a new round
    # opens when the file is amended or a review is due.
    rounds: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)

    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012 (as declared by DeclarativeBase)

    decisions: Mapped[list[DecisionRow]] = relationship(
        back_populates="partnership", order_by="DecisionRow.id"
    )
    # The file, in a table of its own (read with the row, in the same query): a stage's
    # change rewrites a small row, not the file with it (SQLite rewrites a whole row).
    file: Mapped[PartnershipFileRow] = relationship(
        lazy="joined", innerjoin=True, cascade="all, delete-orphan"
    )
    spec: AssociationProxy[dict[str, Any]] = association_proxy(
        "file", "spec", creator=lambda spec: PartnershipFileRow(spec=spec)
    )


class PartnershipFileRow(Base):
    """A partnership's validated file (about 6 KB), as ``PartnershipRow.spec``."""

    __tablename__ = "partnership_files"

    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), primary_key=True)
    spec: Mapped[dict[str, Any]]


class DecisionRow(Base):
    """A human decision at a gate: who, for which partner or role, outcome and reason."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    gate: Mapped[str] = mapped_column(String(32))
    round: Mapped[int] = mapped_column(Integer)
    decider: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(64))
    partner_key: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # How it arrived: link (personal decision link), on_behalf (an officer, with evidence),
    # portal (a signed-in officer), prefect, cli, webhook, demo; and its particulars (the
    # link's token id, the officer and the evidence's SHA-256, the OS user...).
    channel: Mapped[str] = mapped_column(String(16), default="cli")
    channel_detail: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)

    partnership: Mapped[PartnershipRow] = relationship(back_populates="decisions")


class FindingRow(Base):
    """A finding of the latest automatic run of a stage (replaced when the stage runs again)."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    factor: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(String(300))
    params: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentRow(Base):
    """A generated document version: content kept in the database, identified by SHA-256."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("partnership_id", "kind", "version"),
        # What `status` reads of the documents, from the index alone (revision 0011): their
        # versions, hashes, names, and which were made from the current file (a gate's
        # evidence). In a SQLite row, the content comes before spec_sha256, and fills the page.
        Index(
            "ix_documents_summary",
            "partnership_id", "kind", "version", "language", "sha256", "filename", "spec_sha256",
        ),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(2))
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    inputs_sha256: Mapped[str] = mapped_column(String(64))
    # The partnership file it was made from: evidence for a gate only while that file stands.
    spec_sha256: Mapped[str | None] = mapped_column(String(64))
    # What the document was made from (canonical JSON); None for versions made before 0003.
    inputs: Mapped[dict[str, Any] | None] = mapped_column(Json, nullable=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ScheduleRow(Base):
    """A dated event the scheduler must act on (a periodic review, a Go/noGo milestone...)."""

    __tablename__ = "schedule"
    __table_args__ = (
        UniqueConstraint("partnership_id", "kind", "due_on", "subject"),
        # a partnership's items due by a date (review-due, a chunk of partnerships at a time)
        Index("ix_schedule_partnership_due", "partnership_id", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"))
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(64), default="")
    due_on: Mapped[dt.date] = mapped_column(index=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ReviewReportRow(Base):
    """The idempotency key of the review reports review-due fans out to workers: one row per
    partnership and review date, written in the transaction that stores the report, so that
    a report submitted twice (a run submitted again after its worker was lost) is written
    once."""

    __tablename__ = "review_reports"
    __table_args__ = (UniqueConstraint("partnership_id", "review_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"))
    review_date: Mapped[dt.date]
    written_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewAnswersRow(Base):
    """The health check of a periodic review, as validated (schemas.review.ReviewAnswers).

    Append-only in use: answers recorded again for a review add a row; the latest wins.
    """

    __tablename__ = "review_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    review_date: Mapped[dt.date]
    answers: Mapped[dict[str, Any]]
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ConditionRow(Base):
    """A condition set by a committee member voting go_with_conditions: what, by whom, by
    when, measured how. ``adopted`` once the review closes go_with_conditions; ``met_on``
    once the officer records it met."""

    __tablename__ = "conditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"))
    round: Mapped[int] = mapped_column(Integer)
    what: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(32))
    due_on: Mapped[dt.date]
    indicator: Mapped[str | None] = mapped_column(String(300))
    adopted: Mapped[bool] = mapped_column(default=False)
    met_on: Mapped[dt.date | None]


class AmendmentRow(Base):
    """An avenant: the amended partnership file, waiting for its approval and signatures.

    ``kind`` is ``amendment`` or ``renewal``; ``status`` proposed, approved, signed,
    rejected or declined. The partnership's file becomes ``spec`` only once signed.
    """

    __tablename__ = "amendments"
    __table_args__ = (UniqueConstraint("partnership_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    spec: Mapped[dict[str, Any]]
    spec_sha256: Mapped[str] = mapped_column(String(64))
    changed: Mapped[list[Any]]
    effective_on: Mapped[dt.date]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WebhookEventRow(Base):
    """An external event received once (e-signature webhooks): replays are refused."""

    __tablename__ = "webhook_events"
    __table_args__ = (UniqueConstraint("provider", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(200))
    payload_sha256: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DecisionRequestRow(Base):
    """A decision asked for through Prefect, waiting in coopact's database: the flow run
    receives only its id, so that names, e-mails and reasons never reach Prefect."""

    __tablename__ = "decision_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), index=True)
    request: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class DecisionLinkRow(Base):
    """A personal decision link sent to one person for one round of one gate.

    The token itself is never stored: only its id, the key id that signed it and what it
    is bound to, so that a link can be checked, revoked, resent and its uses audited.
    """

    __tablename__ = "decision_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[str] = mapped_column(String(32), unique=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    gate: Mapped[str] = mapped_column(String(32))
    round: Mapped[int] = mapped_column(Integer)
    person: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(64))
    partner_key: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(320))
    key_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    reminded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WebUserRow(Base):
    """An officer who signs in to the portal (partnership_officer or legal_officer)."""

    __tablename__ = "web_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class EvidenceRow(Base):
    """What a decision recorded on someone's behalf rests on (a mail, minutes), as uploaded."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PersonalTextRow(Base):
    """Free text that may name a person (a refusal's reason): kept here, out of the audit
    chain, which holds only its SHA-256, so that `coopact erase` can remove it."""

    __tablename__ = "personal_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    person_id: Mapped[str | None] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)


class QueuedMailRow(Base):
    """A message waiting to be delivered (the mail queue), stored in the transaction that
    records what it announces (decision links, "gate.notified"), sent after the commit by
    :func:`coopact.services.mail.deliver`, deleted once sent. ``message`` is the whole
    message as sent (its Message-ID kept: a resend after a crash is the same message);
    ``recipients`` its addresses, lower-cased, one a line (``coopact erase`` finds them).
    A delivery claims a message until ``claimed_until`` so that two processes never send it
    at the same time; a failed attempt keeps its error (no address in it) for the next."""

    __tablename__ = "mail_queue"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(200), index=True)
    reference: Mapped[str | None] = mapped_column(String(32), index=True)
    recipients: Mapped[str] = mapped_column(Text)
    message: Mapped[bytes] = mapped_column(LargeBinary)
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ApiTokenRow(Base):
    """A bearer token of the API (/api/v1): its SHA-256 only, the token itself is shown once
    by `coopact token add`. ``scope``: read or write."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    scope: Mapped[str] = mapped_column(String(10))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WebSessionRow(Base):
    """An officer's portal session, kept on the server: the cookie carries a random token,
    this row only its SHA-256. Logout, expiry and a disabled account end it."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id"), index=True)
    nonce: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WebRefusalRow(Base):
    """Anonymous refusals (failed sign-ins, unknown or altered links) counted per kind and
    hour, out of the audit chain; the chain gets one summary per kind and hour."""

    __tablename__ = "web_refusals"
    __table_args__ = (UniqueConstraint("kind", "hour"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    hour: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    count: Mapped[int] = mapped_column(Integer, default=0)
    summarised: Mapped[int] = mapped_column(Integer, default=0)


@sa_event.listens_for(PartnershipRow, "load")
def _check_on_load(row: PartnershipRow, _context: Any) -> None:
    """Every partnership read from the database: its file re-hashed, refused when altered."""
    check_spec(row.reference, row.spec, row.spec_sha256)
