"""Unit of work: the transaction boundary of every use case (``with uow: ... uow.commit()``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from coopact.contracts.errors import Conflict
from coopact.store import audit, chain_checks, row_changes, schedule_record, webhook_outbox
from coopact.store.acts import ActRepository
from coopact.store.anchors import AnchorLog
from coopact.store.audit_reads import AuditEvents
from coopact.store.db import make_engine, session_factory
from coopact.store.decisions import DecisionRepository
from coopact.store.erasure import Erasure
from coopact.store.failed_work import FailedWorkRepository
from coopact.store.keys import Keyring, keyring_from_environment
from coopact.store.link_rows import LinkRepository
from coopact.store.mail_queue import MailQueue
from coopact.store.money_reports import (
    MoneyNoticeRepository,
    UseOfFundsRepository,
    ValuationRepository,
)
from coopact.store.officers import Officers, Refusals
from coopact.store.payments import PaymentRepository, ReceiptRepository
from coopact.store.people import PersonalTexts
from coopact.store.portal_reads import PortalReads
from coopact.store.registrations import Registrations
from coopact.store.repository import PartnershipRepository
from coopact.store.review_opening import ReviewOpeningRepository
from coopact.store.review_records import ReviewRecords
from coopact.store.scorecards import StoredScorecards
from coopact.store.status_reads import StatusReads
from coopact.store.subscription_repos import ApiTokens, WebhookSubscriptions
from coopact.store.web_sessions import WebSessions
from coopact.store.webhook_deliveries import WebhookDeliveries


class UnitOfWork:
    """One transaction. Leaving the block without :meth:`commit` rolls everything back."""

    session: Session
    partnerships: PartnershipRepository
    decisions: DecisionRepository
    people: PersonalTexts
    failed_work: FailedWorkRepository
    scorecards: StoredScorecards
    payments: PaymentRepository
    receipts: ReceiptRepository
    valuations: ValuationRepository
    use_of_funds: UseOfFundsRepository
    money_notices: MoneyNoticeRepository
    links: LinkRepository
    mail: MailQueue
    events: AuditEvents
    api_tokens: ApiTokens
    webhook_subscriptions: WebhookSubscriptions
    acts: ActRepository
    officers: Officers
    refusals: Refusals
    registrations: Registrations
    erasure: Erasure
    webhook_deliveries: WebhookDeliveries
    portal: PortalReads
    status: StatusReads
    web: WebSessions
    review_opening: ReviewOpeningRepository
    review_records: ReviewRecords

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        keyring: Keyring | None = None,
        anchor: AnchorLog | None = None,
        after_webhooks: Callable[[], object] | None = None,
    ) -> None:
        """``keyring`` signs the audit chain (default: COOPACT_SECRET_KEY, read when first
        needed); ``anchor`` receives the chain head after each commit that appended events
        (default: COOPACT_ANCHOR_LOG when set, else no anchoring).
        ``coopact.bootstrap.wiring.uow()`` passes both from the configuration, and
        ``after_webhooks``: run after a commit that queued outbound webhooks
        (:mod:`store.webhook_outbox`), to deliver them."""
        self._sessions = sessions
        self._after_webhooks = after_webhooks
        self._keyring = keyring
        self._anchor = anchor

    @classmethod
    def for_engine(
        cls,
        engine: Engine,
        *,
        keyring: Keyring | None = None,
        anchor: AnchorLog | None = None,
        after_webhooks: Callable[[], object] | None = None,
    ) -> UnitOfWork:
        return cls(
            session_factory(engine), keyring=keyring, anchor=anchor, after_webhooks=after_webhooks
        )

    @classmethod
    def for_url(
        cls, url: str, *, keyring: Keyring | None = None, anchor: AnchorLog | None = None
    ) -> UnitOfWork:
        return cls.for_engine(make_engine(url), keyring=keyring, anchor=anchor)

    def reading(self) -> UnitOfWork:
        """This unit of work for reading only (a page that writes nothing): on SQLite its
        transaction begins deferred, a read of the last committed state, so that the
        portal's worker processes read side by side instead of queueing for the write lock
        that every other transaction takes first (``BEGIN IMMEDIATE``, store/db.py)."""
        bind = self._sessions.kw["bind"]
        return UnitOfWork(
            session_factory(bind.execution_options(coopact_reading=True)),
            keyring=self._keyring,
            anchor=self._anchor,
        )

    @property
    def keyring(self) -> Keyring:
        if self._keyring is None:
            self._keyring = keyring_from_environment()
        return self._keyring

    @property
    def anchor(self) -> AnchorLog | None:
        if self._anchor is None and os.environ.get("COOPACT_ANCHOR_LOG"):
            self._anchor = AnchorLog(Path(os.environ["COOPACT_ANCHOR_LOG"]), self.keyring)
        return self._anchor

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        audit.watch(self.session)
        schedule_record.follow(self.session, lambda: self.keyring)
        if self.anchor is not None:  # its events say so, signed: a log cut is then found
            self.session.info[audit.ANCHORED] = True
        self.partnerships = PartnershipRepository(self.session)
        self.decisions = DecisionRepository(self.session)
        self.people = PersonalTexts(self.session)
        self.failed_work = FailedWorkRepository(self.session)
        self.scorecards = StoredScorecards(self.session, self._sessions.kw["bind"])
        self.payments = PaymentRepository(self.session)
        self.receipts = ReceiptRepository(self.session)
        self.valuations = ValuationRepository(self.session)
        self.use_of_funds = UseOfFundsRepository(self.session)
        self.money_notices = MoneyNoticeRepository(self.session)
        self.links = LinkRepository(self.session)
        self.mail = MailQueue(self.session)
        self.events = AuditEvents(self.session)
        self.api_tokens = ApiTokens(self.session)
        self.webhook_subscriptions = WebhookSubscriptions(self.session)
        self.acts = ActRepository(self.session)
        self.officers = Officers(self.session)
        self.refusals = Refusals(self.session)
        self.registrations = Registrations(self.session)
        self.erasure = Erasure(self.session)
        self.webhook_deliveries = WebhookDeliveries(self.session)
        self.portal = PortalReads(self.session)
        self.status = StatusReads(self.session)
        self.web = WebSessions(self.session)
        self.review_opening = ReviewOpeningRepository(self.session, lambda: self.keyring)
        self.review_records = ReviewRecords(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back what was not committed and detaches the objects with their
        # loaded state, so that results stay readable after the block.
        self.session.close()

    def audit(
        self, action: str, *, actor: str, reference: str | None = None, **payload: Any
    ) -> None:
        """Append an event to the audit chain with this transaction (written at its commit:
        :func:`store.audit.record`)."""
        audit.record(
            self.session,
            keyring=self.keyring,
            event=audit.NewEvent(action, actor, reference, payload),
        )

    def commit(self) -> None:
        """Commit (the events recorded are written first); then, when events were appended,
        write the new chain head to the anchor, with the row counts of the counted tables
        this transaction added rows to or deleted rows from (store.row_changes: a commit
        that only updates rows counts none; counting millions of rows would tell nothing
        the anchor before it does not)."""
        try:
            self.session.flush()  # (a flush may record events: store.schedule_record)
            audit.write_pending(self.session)
            written = audit.appended_head(self.session)
            counts = None
            if written is not None and self.anchor is not None:  # locked
                changed = row_changes.taken(self.session.connection())
                counts = chain_checks.row_counts(self.session, written.seq, changed)
            self.session.commit()
        except StaleDataError:
            self.session.rollback()
            raise Conflict(
                "someone else changed this partnership at the same moment; nothing was applied. "
                "Check `coopact status` and try again if still needed."
            ) from None
        if written is not None and self.anchor is not None:
            self.anchor.append(written.seq, written.hash, counts)
        if self.session.info.pop(webhook_outbox.QUEUED, False) and self._after_webhooks:
            self._after_webhooks()

    def rollback(self) -> None:
        """Drop what this transaction wrote so far (it goes on, empty)."""
        self.session.rollback()

    def flush(self) -> None:
        try:
            self.session.flush()
        except StaleDataError:
            self.session.rollback()
            raise Conflict(
                "someone else changed this partnership at the same moment; nothing was applied."
            ) from None


__all__ = ["IntegrityError", "UnitOfWork"]
