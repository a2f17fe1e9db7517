"""Recording adapters (Build 7): a mail transport that keeps what it is given to send, a
signature provider that keeps what it is asked to dispatch, and the adapters a use case is
handed, built on an in-memory database (:mod:`tests.fakes.memory`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from coopact.adapters.signature import Dispatch, SignatureRequest
from tests.fakes.memory import MemoryDatabase


@dataclass
class RecordingTransport:
    """:class:`coopact.adapters.mail.transports.Transport` that sends nothing and keeps every
    message."""

    sent: list[EmailMessage] = field(default_factory=list)

    def send(self, message: EmailMessage) -> None:
        self.sent.append(message)

    def recipients(self) -> list[str]:
        return [str(m["To"]) for m in self.sent]


@dataclass
class RecordingSignatureProvider:
    """:class:`coopact.adapters.signature.SignatureProvider` that keeps every request."""

    name: str = "recording"
    requests: list[SignatureRequest] = field(default_factory=list)

    def dispatch(self, request: SignatureRequest) -> Dispatch:
        self.requests.append(request)
        return Dispatch(self.name, f"rec-{len(self.requests)}", request.agreement_sha256)


@dataclass
class StageWorkRecorder:
    """Stands in for the next stage's work: records each run, moves the partnership on,
    and says what is awaited (or raises ``fails``)."""

    database: MemoryDatabase
    runs: list[tuple[str, dt.date | None]] = field(default_factory=list)
    fails: Exception | None = None

    def __call__(self, reference: str, today: dt.date | None) -> Any:
        self.runs.append((reference, today))
        if self.fails is not None:
            raise self.fails
        stage = self.database.stage(reference)
        return SimpleNamespace(
            reference=reference, stage_before=stage, stage=stage, summaries=[],
            new_documents=["next v1 (fr)"], awaiting="next gate", warnings=[], blocked=[],
        )  # fmt: skip


@dataclass(frozen=True)
class FakeAdapters:
    """What :class:`coopact.bootstrap.writing.Adapters` holds, on the fakes."""

    uow: Callable[[], Any]
    templates: Path
    transport: Callable[[], Any] | None = None
    signature: Callable[[], Any] | None = None


def adapters(
    database: MemoryDatabase,
    transport: RecordingTransport | None = None,
    provider: RecordingSignatureProvider | None = None,
) -> FakeAdapters:
    return FakeAdapters(
        database.uow,
        Path("templates"),
        (lambda: transport) if transport is not None else None,
        (lambda: provider) if provider is not None else None,
    )
