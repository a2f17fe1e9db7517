"""DocuSeal wired into the application, on SQLite and on PostgreSQL, against the local
stand-in DocuSeal server: the agreement is sent once per version, each signature webhook is
applied once, in one transaction, and only on the current agreement."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import func, select

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.adapters.mail.transports import OutboxTransport
from coopact.adapters.signature.docuseal import DocusealProvider
from coopact.bootstrap import writing
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import Refused, SecurityError
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER, demo_file
from coopact.entrypoints.web import Portal
from coopact.store.audit_tables import AuditEventRow
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.tables import DecisionRow, DocumentRow, WebhookEventRow
from coopact.store.uow import UnitOfWork
from coopact.store.webhooks import DatabaseSeenEvents
from tests.fakes.docuseal_server import FakeDocuseal
from tests.served_portal import served

REF = "P-2027-001"
TEMPLATES = settings().templates
TOKEN = "test-api-token"
SECRET = "s3cr3t-webhook-value-long-and-random"
HEADER = "X-Coopact-Webhook-Secret"
GOOD = {HEADER: SECRET, "Content-Type": "application/json"}
EMAILS = {"tremplin": "p.durand@tremplin.example", "logistix": "m.lefevre@logistix.example"}
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def docuseal() -> Iterator[FakeDocuseal]:
    with FakeDocuseal(TOKEN) as server:
        yield server


@pytest.fixture
def provider(docuseal: FakeDocuseal) -> DocusealProvider:
    return DocusealProvider(docuseal.url, TOKEN, webhook_secret=SECRET, webhook_header=HEADER)


@dataclass
class Sent:
    submission: int
    agreement_sha256: str


def formalised(uow: UnitOfWork) -> None:
    """The example partnership, its signatories reachable by email, legally approved."""
    data = yaml.safe_load(demo_file())
    for partner in data["partners"]:
        partner["signatory"]["email"] = EMAILS[partner["key"]]
    services.register(uow, load_text(yaml.safe_dump(data, allow_unicode=True)), actor="officer")
    sponsors = {"tremplin": "Claire Martin", "logistix": "Marc Lefèvre"}
    reason = "Avertissements compris : bénéfices à mesurer au premier comité de pilotage."
    for gate in (Gate.vision_approval, Gate.balance_acceptance):
        services.advance(uow, REF, templates=TEMPLATES, today=TODAY)
        for key, name in sponsors.items():
            services.decide(
                uow, REF, gate, Decider(name, Role.sponsor, key), Outcome.approve, reason
            )
    services.advance(uow, REF, templates=TEMPLATES, today=TODAY)
    officer = Decider(DEMO_LEGAL_OFFICER, Role.legal_officer)
    services.decide(uow, REF, Gate.legal_approval, officer, Outcome.approve, "Conforme")


@pytest.fixture
def sent(uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal) -> Sent:
    """Formalised, then advanced with DocuSeal configured: the agreement is sent."""
    formalised(uow)
    result = services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
    assert result.stage == "formalised"
    assert result.new_documents == ["agreement_pdf v1 (fr)", "signature_packet v1 (fr)"], (
        "the manual packet is still produced"
    )
    (submission,) = docuseal.submissions
    signed_pdf = services.document_content(uow, REF, "agreement_pdf")  # the file signed
    return Sent(submission, signed_pdf.sha256)


@dataclass(frozen=True)
class Snapshot:
    decisions: int
    webhook_events: int
    audit_events: int
    stage: str


def snapshot(uow: UnitOfWork) -> Snapshot:
    with uow:
        count = lambda table: uow.session.scalar(select(func.count()).select_from(table))  # noqa: E731
        stage = uow.partnerships.get(REF).stage
        return Snapshot(count(DecisionRow), count(WebhookEventRow), count(AuditEventRow), stage)


def actions(uow: UnitOfWork, action: str) -> list[dict[str, object]]:
    return [e["payload"] for e in services.history(uow, REF) if e["action"] == action]


def signatures(uow: UnitOfWork) -> list[dict[str, object]]:
    return [p for p in actions(uow, "decision.recorded") if p["gate"] == "signature"]


def audit_intact(uow: UnitOfWork) -> bool:
    return services.verify_audit(uow).intact


# --------------------------------------------------------------------------- sending
def test_the_agreement_is_sent_once_per_version(
    uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal, sent: Sent
) -> None:
    submission = docuseal.submissions[sent.submission]
    assert [s["metadata"]["document_sha256"] for s in submission["submitters"]] == [
        sent.agreement_sha256
    ] * 2
    assert [s["email"] for s in submission["submitters"]] == list(EMAILS.values())
    sent_as = "/submissions/pdf"  # the PDF stored, whose hash the signatures name
    assert [path for method, path, _ in docuseal.requests if method == "POST"] == [sent_as]

    again = services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
    recorded = services.send_for_signature(uow, REF, provider)

    assert list(docuseal.submissions) == [sent.submission], "nothing sent a second time"
    assert recorded.external_id == str(sent.submission)
    assert again.stage == "formalised"
    (dispatch,) = actions(uow, "signature.sent")
    assert dispatch["provider"] == "docuseal"
    assert dispatch["external_id"] == str(sent.submission)
    assert dispatch["agreement_sha256"] == sent.agreement_sha256


def test_without_a_provider_only_the_packet_is_prepared(
    uow: UnitOfWork, docuseal: FakeDocuseal
) -> None:
    formalised(uow)
    result = services.advance(uow, REF, templates=TEMPLATES, today=TODAY)
    assert result.new_documents == ["agreement_pdf v1 (fr)", "signature_packet v1 (fr)"]
    assert docuseal.submissions == {}
    assert actions(uow, "signature.sent") == []


def test_the_provider_is_chosen_by_the_environment(docuseal: FakeDocuseal) -> None:
    assert writing.signature_provider({}) is None
    assert writing.signature_provider({"COOPACT_SIGNATURE_PROVIDER": "manual"}) is None
    chosen = writing.signature_provider(
        {
            "COOPACT_SIGNATURE_PROVIDER": "docuseal",
            "COOPACT_DOCUSEAL_URL": docuseal.url,
            "COOPACT_DOCUSEAL_TOKEN": TOKEN,
            "COOPACT_DOCUSEAL_WEBHOOK_SECRET": SECRET,
        }
    )
    assert isinstance(chosen, DocusealProvider)
    with pytest.raises(Exception, match="problem"):
        writing.signature_provider({"COOPACT_SIGNATURE_PROVIDER": "docuseal"})


# --------------------------------------------------------------------------- webhooks
def test_seen_events_answer_once_and_keep_the_transaction_usable(uow: UnitOfWork) -> None:
    with uow:
        seen = DatabaseSeenEvents(uow.session)
        assert seen.first_time("docuseal", "form.completed:1", "a" * 64)
        assert not seen.first_time("docuseal", "form.completed:1", "b" * 64)
        assert seen.first_time("docuseal", "form.completed:2", "c" * 64)
        uow.commit()
    with uow:
        assert not DatabaseSeenEvents(uow.session).first_time("docuseal", "form.completed:2", "")
        assert uow.session.scalar(select(func.count()).select_from(WebhookEventRow)) == 2


def test_a_webhook_with_a_wrong_secret_changes_nothing(
    uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal, sent: Sent
) -> None:
    body = docuseal.sign(sent.submission, "tremplin")
    before = snapshot(uow)
    for headers in ({HEADER: "guessed"}, {"Content-Type": "application/json"}):
        with pytest.raises(SecurityError):
            services.receive_signature_webhook(uow, provider, headers, body)
    assert snapshot(uow) == before


def test_a_genuine_webhook_delivered_three_times_is_applied_once(
    uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal, sent: Sent
) -> None:
    body = docuseal.sign(sent.submission, "tremplin")
    first = services.receive_signature_webhook(uow, provider, GOOD, body)
    after_first = snapshot(uow)
    replies = [services.receive_signature_webhook(uow, provider, GOOD, body) for _ in range(2)]

    assert "still awaited at signature: logistix" in first
    assert all("already applied" in r for r in replies)
    assert snapshot(uow) == after_first
    (signature,) = signatures(uow)
    assert signature["partner"] == "tremplin"
    assert signature["outcome"] == "sign"
    assert signature["document_sha256"] == sent.agreement_sha256
    assert audit_intact(uow)


def test_a_replayed_event_id_changes_nothing_even_with_another_body(
    uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal, sent: Sent
) -> None:
    body = docuseal.sign(sent.submission, "tremplin")
    services.receive_signature_webhook(uow, provider, GOOD, body)
    before = snapshot(uow)
    replay = json.loads(body)
    replay["timestamp"] = "2027-01-13T08:00:00.000Z"
    services.receive_signature_webhook(uow, provider, GOOD, json.dumps(replay).encode())
    assert snapshot(uow) == before


def test_both_signatures_by_webhook_make_the_partnership_signed(
    uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal, sent: Sent
) -> None:
    set_up: list[str] = []
    services.receive_signature_webhook(
        uow, provider, GOOD, docuseal.sign(sent.submission, "tremplin"), after_signed=set_up.append
    )
    assert set_up == []
    last = services.receive_signature_webhook(
        uow, provider, GOOD, docuseal.sign(sent.submission, "logistix"), after_signed=set_up.append
    )
    assert set_up == [REF], "the governance set-up runs once the last signature is in"
    completed = services.receive_signature_webhook(
        uow, provider, GOOD, docuseal.submission_completed(sent.submission)
    )

    assert "the partnership is now signed" in last
    assert "completed" in completed
    assert services.status(uow, REF)[0].stage == "signed"
    assert [p["partner"] for p in signatures(uow)] == ["tremplin", "logistix"]
    [completion] = actions(uow, "signature.completed")
    kinds = sorted(f["kind"] for f in completion["files"])
    assert kinds == ["signature_certificate", "signed_agreement"]
    kept = {d.kind: d for d in services.documents(uow, REF)}
    assert kept["signature_certificate"].content.startswith(b"%PDF audit")
    assert (
        hashlib.sha256(kept["signed_agreement"].content).hexdigest()
        == kept["signed_agreement"].sha256
    )
    assert audit_intact(uow)


def test_a_signature_on_an_older_agreement_version_is_refused_with_its_reason(
    uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal, sent: Sent
) -> None:
    with uow:  # a new version of the agreement after it was sent (setup shortcut)
        row = uow.partnerships.get(REF)
        old = services.current_agreement(uow, row)
        assert old is not None
        content = old.content + b"v2"
        uow.session.add(
            DocumentRow(
                partnership_id=row.id, kind="agreement", version=2, language="fr",
                filename="convention-v2.docx", media_type=old.media_type,
                sha256=hashlib.sha256(content).hexdigest(), inputs_sha256="0" * 64, content=content,
                spec_sha256=row.spec_sha256,
            )
        )  # fmt: skip
        uow.audit(  # as store_output records it, so that the tables agree with the chain
            "document.generated", actor="test", reference=REF, kind="agreement", version=2,
            language="fr", sha256=hashlib.sha256(content).hexdigest(),
        )  # fmt: skip
        uow.commit()
    body = docuseal.sign(sent.submission, "tremplin")
    decisions = snapshot(uow).decisions

    with pytest.raises(Refused, match="PDF of the current agreement, which is not made yet"):
        services.receive_signature_webhook(uow, provider, GOOD, body)
    (refusal,) = actions(uow, "refused")
    assert "PDF of the current agreement" in str(refusal["reason"])
    assert snapshot(uow).decisions == decisions

    after = snapshot(uow)
    services.receive_signature_webhook(uow, provider, GOOD, body)  # redelivered: a replay
    assert snapshot(uow) == after
    assert audit_intact(uow)


def test_a_decline_by_webhook_is_recorded(
    uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal, sent: Sent
) -> None:
    body = docuseal.decline(sent.submission, "logistix", "Article 7 à revoir")
    message = services.receive_signature_webhook(uow, provider, GOOD, body)
    assert "signature closed (decline)" in message
    (decline,) = signatures(uow)
    assert (decline["partner"], decline["outcome"]) == ("logistix", "decline")
    assert "Article 7 à revoir" in str(decline["reason"])


def test_a_webhook_for_a_submission_coopact_did_not_send_is_refused(
    uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal, sent: Sent
) -> None:
    body = docuseal.sign(sent.submission, "tremplin").replace(
        f'"submission_id": {sent.submission}'.encode(), b'"submission_id": 999'
    )
    with pytest.raises(Refused, match="999 was not sent by coopact"):
        services.receive_signature_webhook(uow, provider, GOOD, body)
    assert signatures(uow) == []


# --------------------------------------------------------------------------- HTTP endpoint
@pytest.fixture
def endpoint(db_url: str, provider: DocusealProvider, tmp_path: Path) -> Iterator[str]:
    """The portal, its webhook route hearing DocuSeal (one port for everything)."""
    engine = make_engine(db_url)
    portal = Portal(
        uow=lambda: UnitOfWork.for_engine(engine),
        keyring=load_keyring(tmp_path / "home"),
        templates=TEMPLATES,
        transport=lambda: OutboxTransport(tmp_path / "outbox"),
        public_url="http://127.0.0.1",
        signature_webhooks=lambda: {"docuseal": provider},
    )
    with served(portal) as base:
        yield f"{base}/webhooks/docuseal"
    engine.dispose()


def announced_too_big(endpoint: str) -> int:
    """A request announcing more than 1 MB: answered before its body is read."""
    url = httpx.URL(endpoint)
    connection = http.client.HTTPConnection(url.host, url.port, timeout=30)
    connection.putrequest("POST", url.path)
    connection.putheader(HEADER, SECRET)
    connection.putheader("Content-Length", "2000000")
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_the_http_endpoint_end_to_end(
    uow: UnitOfWork,
    docuseal: FakeDocuseal,
    sent: Sent,
    endpoint: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("INFO", logger="coopact.webhooks")
    tremplin = docuseal.sign(sent.submission, "tremplin")
    with httpx.Client(timeout=30) as client:
        before = snapshot(uow)
        assert (
            client.post(endpoint, content=tremplin, headers={HEADER: "guessed"}).status_code == 401
        )
        assert client.post(endpoint, content=b"{not json", headers=GOOD).status_code == 400
        assert client.get(endpoint).status_code == 405
        other = endpoint.replace("docuseal", "yousign")  # not the provider configured
        assert client.post(other, content=tremplin, headers=GOOD).status_code == 404
        assert announced_too_big(endpoint) == 413
        assert snapshot(uow) == before

        statuses = [
            client.post(endpoint, content=tremplin, headers=GOOD).status_code for _ in range(3)
        ]
        logistix = docuseal.sign(sent.submission, "logistix")
        assert client.post(endpoint, content=logistix, headers=GOOD).status_code == 200

        unknown = tremplin.replace(
            f'"submission_id": {sent.submission}'.encode(), b'"submission_id": 999'
        ).replace(b'"id": ', b'"id": 7', 1)
        refused = client.post(endpoint, content=unknown, headers=GOOD)

    assert statuses == [200, 200, 200]
    assert refused.status_code == 409
    assert services.status(uow, REF)[0].stage == "signed"
    assert len(signatures(uow)) == 2
    logged = caplog.text
    assert "Paul Durand" not in logged and "@" not in logged, "no personal data in the log"
    assert "POST /webhooks/docuseal -> 200" in logged
    assert audit_intact(uow)
