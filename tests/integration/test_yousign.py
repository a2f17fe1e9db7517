"""Issue 27, Yousign beside DocuSeal, on SQLite and PostgreSQL, against a local stand-in
that follows Yousign's documented API v3: the agreement's PDF goes out once per version
(signature request, document, signers, activation), the HMAC-signed webhooks reach the
portal's route and are applied once, and at ``signature_request.done`` the signed document
is downloaded and kept with its SHA-256."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from coopact import services
from coopact.adapters.mail.transports import OutboxTransport
from coopact.adapters.signature.docuseal import ProviderError
from coopact.adapters.signature.yousign import YousignProvider
from coopact.bootstrap import writing
from coopact.entrypoints.web import Portal
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.uow import UnitOfWork
from tests.fakes.yousign_server import SIGNED_MARK, FakeYousign
from tests.integration.test_docuseal_webhooks import (
    EMAILS,
    REF,
    TEMPLATES,
    TODAY,
    audit_intact,
    formalised,
    signatures,
    snapshot,
)
from tests.served_portal import served

KEY = "yousign-api-key-for-tests"
SECRET = "yousign-webhook-secret-long-and-random"

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="Yousign signs the PDF: LibreOffice is needed"
)


@pytest.fixture
def yousign() -> Iterator[FakeYousign]:
    with FakeYousign(KEY, SECRET) as server:
        yield server


@pytest.fixture
def provider(yousign: FakeYousign) -> YousignProvider:
    return YousignProvider(KEY, webhook_secret=SECRET, base_url=yousign.url)


@pytest.fixture
def sent(uow: UnitOfWork, provider: YousignProvider, yousign: FakeYousign) -> str:
    formalised(uow)
    result = services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
    assert result.stage == "formalised"
    [request_id] = yousign.requests
    return request_id


def test_the_agreement_pdf_goes_out_once_as_the_api_documents_it(
    uow: UnitOfWork, provider: YousignProvider, yousign: FakeYousign, sent: str
) -> None:
    request = yousign.requests[sent]
    assert request["status"] == "ongoing"  # activated: Yousign mails the signers
    assert request["external_id"] == REF and request["delivery_mode"] == "email"
    [document] = request["documents"]
    assert document["nature"] == "signable_document" and document["content"].startswith(b"%PDF")
    assert {s["info"]["email"] for s in request["signers"]} == set(EMAILS.values())
    base = f"/v3/signature_requests/{sent}"
    assert yousign.calls == [
        ("POST", "/v3/signature_requests"), ("POST", f"{base}/documents"),
        ("POST", f"{base}/signers"), ("POST", f"{base}/signers"), ("POST", f"{base}/activate"),
    ]  # fmt: skip
    services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
    assert len(yousign.requests) == 1, "sent once per agreement version"
    [dispatch] = [e for e in services.history(uow, REF) if e["action"] == "signature.sent"]
    assert dispatch["payload"]["provider"] == "yousign"
    assert dispatch["payload"]["external_id"] == sent


def test_a_wrong_api_key_is_an_error_naming_yousign(yousign: FakeYousign) -> None:
    wrong = YousignProvider("not-the-key", webhook_secret=SECRET, base_url=yousign.url)
    with pytest.raises(ProviderError, match="Yousign answered 401"):
        wrong._api("POST", "/signature_requests", json={"name": "x", "delivery_mode": "email"})


@pytest.fixture
def endpoint(db_url: str, provider: YousignProvider, tmp_path: Path) -> Iterator[str]:
    engine = make_engine(db_url)
    portal = Portal(
        uow=lambda: UnitOfWork.for_engine(engine),
        keyring=load_keyring(tmp_path / "home"),
        templates=TEMPLATES,
        transport=lambda: OutboxTransport(tmp_path / "outbox"),
        public_url="http://127.0.0.1",
        signature_webhooks=lambda: {"yousign": provider},
    )
    with served(portal) as base:
        yield f"{base}/webhooks/yousign"
    engine.dispose()


def test_signed_webhooks_sign_the_partnership_and_keep_the_signed_pdf(
    uow: UnitOfWork, yousign: FakeYousign, sent: str, endpoint: str
) -> None:
    tremplin = yousign.sign(sent, EMAILS["tremplin"])
    with httpx.Client(timeout=60) as client:
        before = snapshot(uow)
        forged = client.post(endpoint, content=tremplin, headers=yousign.headers(tremplin, "x"))
        unsigned = client.post(endpoint, content=tremplin)
        assert (forged.status_code, unsigned.status_code) == (401, 401)
        assert snapshot(uow) == before, "nothing of a forged webhook is stored"

        statuses = [
            client.post(endpoint, content=tremplin, headers=yousign.headers(tremplin)).status_code
            for _ in range(2)  # Yousign retries: the second is a replay
        ]
        assert statuses == [200, 200]
        assert [p["partner"] for p in signatures(uow)] == ["tremplin"]
        logistix = yousign.sign(sent, EMAILS["logistix"])
        assert client.post(endpoint, content=logistix, headers=yousign.headers(logistix)).is_success
        done = yousign.done(sent)
        assert client.post(endpoint, content=done, headers=yousign.headers(done)).is_success

    assert services.status(uow, REF)[0].stage == "signed"
    assert [p["partner"] for p in signatures(uow)] == ["tremplin", "logistix"]
    kept = {d.kind: d for d in services.documents(uow, REF)}
    signed = kept["signed_agreement"]
    assert signed.content.endswith(SIGNED_MARK) and signed.content.startswith(b"%PDF")
    assert hashlib.sha256(signed.content).hexdigest() == signed.sha256
    [completion] = [e for e in services.history(uow, REF) if e["action"] == "signature.completed"]
    assert completion["payload"]["files"][0]["sha256"] == signed.sha256
    assert audit_intact(uow)


def test_a_decline_is_recorded_with_its_reason(
    uow: UnitOfWork, provider: YousignProvider, yousign: FakeYousign, sent: str
) -> None:
    body = yousign.decline(sent, EMAILS["logistix"], "Le montant a changé")
    services.receive_signature_webhook(uow, provider, yousign.headers(body), body)
    [declined] = signatures(uow)
    assert (declined["partner"], declined["outcome"]) == ("logistix", "decline")


def test_yousign_is_chosen_by_the_environment() -> None:
    env = {"COOPACT_SIGNATURE_PROVIDER": "yousign", "COOPACT_YOUSIGN_API_KEY": KEY,
           "COOPACT_YOUSIGN_WEBHOOK_SECRET": SECRET}  # fmt: skip
    chosen = writing.signature_provider(env)
    assert isinstance(chosen, YousignProvider) and chosen.base_url.endswith("/v3")
