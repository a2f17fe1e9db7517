"""An avenant goes to the e-signature provider as its PDF, like the agreement (Yousign's
local stand-in, SQLite and PostgreSQL): once approved, the avenant's PDF is sent once; the
signers' webhooks are recorded at the avenant's signature gate against that PDF's SHA-256,
and the partnership runs on the amended file; the signed avenant is kept."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator

import pytest
import yaml

from coopact import services
from coopact.adapters.loading import load_text
from coopact.adapters.signature.yousign import YousignProvider
from coopact.contracts.decisions import Decider, Role
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER, demo_file
from coopact.store.uow import UnitOfWork
from tests.fakes.yousign_server import SIGNED_MARK, FakeYousign
from tests.integration.test_docuseal_webhooks import (
    EMAILS,
    REF,
    TEMPLATES,
    TODAY,
    actions,
    audit_intact,
    formalised,
)

KEY = "yousign-api-key-for-tests"
SECRET = "yousign-webhook-secret-long-and-random"

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="Yousign signs the PDF: LibreOffice is needed"
)


@pytest.fixture
def yousign() -> Iterator[FakeYousign]:
    with FakeYousign(KEY, SECRET) as server:
        yield server


def _signed_by_webhooks(uow: UnitOfWork, provider: YousignProvider, yousign: FakeYousign) -> None:
    request = list(yousign.requests)[-1]
    for email in EMAILS.values():
        body = yousign.sign(request, email)
        services.receive_signature_webhook(uow, provider, yousign.headers(body), body)
    done = yousign.done(request)
    services.receive_signature_webhook(uow, provider, yousign.headers(done), done)


def test_the_avenant_pdf_goes_to_yousign_and_its_webhooks_sign_the_avenant(
    uow: UnitOfWork, yousign: FakeYousign
) -> None:
    provider = YousignProvider(KEY, webhook_secret=SECRET, base_url=yousign.url)
    formalised(uow)
    services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
    _signed_by_webhooks(uow, provider, yousign)
    assert services.advance(uow, REF, templates=TEMPLATES, today=TODAY).stage == "active"

    data = yaml.safe_load(demo_file())
    for partner in data["partners"]:
        partner["signatory"]["email"] = EMAILS[partner["key"]]
    data["reviews"]["every_months"] = 4
    amended = load_text(yaml.safe_dump(data, allow_unicode=True), "avenant")
    services.amend(uow, REF, amended, actor="officer", effective_on=dt.date(2027, 3, 1))
    services.decide(
        uow, REF, Gate.amendment_approval, Decider(DEMO_LEGAL_OFFICER, Role.legal_officer),
        Outcome.approve, "Avenant conforme à la convention",
    )  # fmt: skip
    result = services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
    assert result.stage == "amendment_signing"
    assert any("avenant sent for signature with yousign" in s for s in result.summaries)
    services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
    assert len(yousign.requests) == 2, "the agreement once, the avenant once"

    avenant_pdf = services.document_content(uow, REF, "avenant_pdf")
    [document] = yousign.requests[list(yousign.requests)[-1]]["documents"]
    assert document["content"] == avenant_pdf.content  # the avenant's PDF, not its .docx
    dispatch = [e for e in services.history(uow, REF) if e["action"] == "signature.sent"][-1]
    assert dispatch["payload"]["gate"] == "amendment_signature"
    assert dispatch["payload"]["agreement_sha256"] == avenant_pdf.sha256

    _signed_by_webhooks(uow, provider, yousign)
    signed = [p for p in actions(uow, "decision.recorded") if p["gate"] == "amendment_signature"]
    assert [p["partner"] for p in signed] == ["tremplin", "logistix"]
    assert {p["document_sha256"] for p in signed} == {avenant_pdf.sha256}
    view = services.status(uow, REF)[0]
    assert view.stage == "active"
    kept = {d.kind: d for d in services.documents(uow, REF)}
    assert kept["signed_avenant"].content.endswith(SIGNED_MARK)
    assert audit_intact(uow)
