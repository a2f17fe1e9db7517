"""Issue 27, outbound webhooks: an endpoint subscribed by `coopact webhook add` hears the
lifecycle's events, queued in the transaction that records them and delivered after its
commit, signed in the Standard Webhooks format (checked here by the receiver with
``standardwebhooks``' ``Webhook.verify``), without personal data; a receiver down gets each
event once it is back up, once, under the same webhook-id."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from coopact.services.webhook_delivery import deliver
from coopact.store.db import make_engine
from coopact.store.uow import UnitOfWork
from coopact.store.webhook_tables import WebhookDeliveryRow
from tests.conftest import EXAMPLE
from tests.integration.conftest import Cli
from tests.ports import free_port

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
REF = "P-2027-001"


class Receiver:
    """A real HTTP endpoint on 127.0.0.1 that verifies each delivery's signature; it can be
    started late (down until then)."""

    def __init__(self, secret: str = SECRET) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hooks/coopact"
        self.verifier = Webhook(secret)
        self.received: list[tuple[str, dict[str, Any]]] = []  # (webhook-id, payload)
        self.bodies: list[bytes] = []
        self.forged = 0
        self.server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                try:
                    payload = receiver.verifier.verify(body, dict(self.headers.items()))
                except WebhookVerificationError:
                    receiver.forged += 1
                    self.send_response(401)
                else:
                    receiver.received.append((self.headers["webhook-id"], payload))
                    receiver.bodies.append(body)
                    self.send_response(204)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def types(self) -> list[str]:
        return [payload["type"] for _, payload in self.received]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.stop()


def _subscribe(cli: Cli, tmp_path: Path, url: str, *events: str) -> None:
    secret_file = tmp_path / "webhook.secret"
    secret_file.write_text(SECRET + "\n")
    options = [item for event in events for item in ("--event", event)]
    done = cli("webhook", "add", url, *options, "--secret-file", str(secret_file), check=True)
    assert done.stdout.strip().isdigit()  # the webhook's id, alone on stdout


def _deliveries(db_url: str) -> list[WebhookDeliveryRow]:
    engine = make_engine(db_url)
    try:
        with UnitOfWork.for_engine(engine) as uow:
            return list(uow.session.scalars(select(WebhookDeliveryRow).order_by("id")))
    finally:
        engine.dispose()


def test_the_lifecycle_events_reach_the_endpoint_signed_without_personal_data(
    cli: Cli, receiver: Receiver, tmp_path: Path
) -> None:
    receiver.start()
    cli("init", check=True)
    _subscribe(cli, tmp_path, receiver.url)
    cli("new", str(EXAMPLE), check=True)
    assert receiver.types() == ["partnership.stage_changed"]  # delivered after the commit
    cli("advance", REF, check=True)

    assert receiver.forged == 0
    by_type: dict[str, list[dict[str, Any]]] = {}
    for _, payload in receiver.received:
        by_type.setdefault(payload["type"], []).append(payload["data"])
    assert by_type["partnership.stage_changed"][0] == {
        "reference": REF, "stage_from": None, "stage": "draft", "gate": None,
    }  # fmt: skip
    [note] = [d for d in by_type["partnership.document_generated"] if d["kind"] == "vision_note"]
    assert note["reference"] == REF and len(note["sha256"]) == 64
    assert {"reference": REF, "gate": "vision_approval", "round": 1} in by_type[
        "partnership.gate_opened"
    ]
    everything = b"\n".join(receiver.bodies).decode()
    example = EXAMPLE.read_text(encoding="utf-8")
    for word in ("@", "Claire", "Martin", "Tremplin"):  # addresses, names, organisations
        assert word in example and word not in everything, word
    assert len({webhook_id for webhook_id, _ in receiver.received}) == len(receiver.received)
    listed = cli("webhook", "list", check=True).stdout
    assert f"{len(receiver.received)} delivered" in listed and SECRET not in listed


def test_a_receiver_down_gets_each_event_once_it_is_up_under_the_same_id(
    cli: Cli, receiver: Receiver, tmp_path: Path, db_url: str
) -> None:
    cli("init", check=True)
    _subscribe(cli, tmp_path, receiver.url, "stage_changed")
    done = cli("new", str(EXAMPLE), check=True)  # delivered after the commit: refused
    assert done.returncode == 0
    [waiting] = _deliveries(db_url)
    assert (waiting.attempts, waiting.delivered_at) == (1, None)
    assert "ConnectError" in (waiting.last_error or "")
    assert "1 waiting, 0 delivered" in cli("webhook", "list", check=True).stdout

    receiver.start()
    early = cli("webhook", "deliver")  # its backoff (30 s) has not passed: nothing is sent
    assert early.returncode == 0 and receiver.received == []
    engine = make_engine(db_url)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    try:
        assert deliver(UnitOfWork.for_engine(engine), now=later).sent == 1
        assert deliver(UnitOfWork.for_engine(engine), now=later).sent == 0  # once
    finally:
        engine.dispose()
    assert [webhook_id for webhook_id, _ in receiver.received] == [waiting.message_id]
    assert receiver.received[0][1]["data"]["stage"] == "draft"
    [delivered] = _deliveries(db_url)
    assert delivered.attempts == 2 and delivered.delivered_at is not None
    assert "0 waiting, 1 delivered" in cli("webhook", "list", check=True).stdout


def test_a_wrong_secret_is_refused_by_the_receiver(cli: Cli, tmp_path: Path, db_url: str) -> None:
    other = Receiver("whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=")
    other.start()
    try:
        cli("init", check=True)
        _subscribe(cli, tmp_path, other.url, "stage_changed")  # signs with SECRET
        cli("new", str(EXAMPLE), check=True)
    finally:
        other.stop()
    assert (other.forged, other.received) == (1, [])
    [kept] = _deliveries(db_url)
    assert kept.delivered_at is None and kept.last_error and "HTTP 401" in kept.last_error


def test_an_event_rolled_back_queues_nothing_and_removal_drops_the_waiting(
    cli: Cli, tmp_path: Path, db_url: str
) -> None:
    cli("init", check=True)
    _subscribe(cli, tmp_path, "http://127.0.0.1:9/nowhere", "document_generated")
    engine = make_engine(db_url)
    try:
        uow = UnitOfWork.for_engine(engine)
        with uow:
            uow.audit("document.generated", actor="t", reference=REF, kind="agreement",
                      version=1, language="fr", sha256="0" * 64)  # fmt: skip
            uow.rollback()
            uow.commit()
        assert _deliveries(db_url) == []
        with uow:
            uow.audit("document.generated", actor="t", reference=REF, kind="agreement",
                      version=1, language="fr", sha256="0" * 64)  # fmt: skip
            uow.commit()
    finally:
        engine.dispose()
    [queued] = _deliveries(db_url)
    assert json.loads(queued.body)["data"] == {
        "reference": REF, "kind": "agreement", "version": 1, "language": "fr",
        "sha256": "0" * 64,
    }  # fmt: skip
    assert cli("webhook", "remove", "1").returncode == 0
    assert _deliveries(db_url) == []
    assert cli("webhook", "remove", "1").returncode == 1


def test_invalid_subscriptions_are_refused_with_their_field(cli: Cli, tmp_path: Path) -> None:
    cli("init", check=True)
    bad = tmp_path / "bad.secret"
    bad.write_text("not a secret")
    done = cli("webhook", "add", "ftp://x", "--event", "everything", "--secret-file", str(bad))
    assert done.returncode == 2
    for field in ("URL", "--event", "--secret-file"):
        assert field in done.stderr
    made = cli("webhook", "add", "https://crm.example.org/hooks", check=True)
    assert made.stdout.startswith("whsec_")  # the secret made, shown once on stdout
    Webhook(made.stdout.strip())
