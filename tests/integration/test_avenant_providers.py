"""An avenant goes to the e-signature provider as its PDF, like the agreement (Yousign's and
DocuSeal's local stand-ins, SQLite and PostgreSQL): once approved, the avenant's PDF is sent once; the
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
from coopact.adapters.signature.docuseal import DocusealProvider
from coopact.adapters.signature.yousign import YousignProvider
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER, demo_file
from coopact.store.uow import UnitOfWork
from tests.fakes.docuseal_server import FakeDocuseal
from tests.fakes.yousign_server import SIGNED_MARK, FakeYousign
from tests.integration.test_docuseal_webhooks import (
    EMAILS,
    HEADER,
    REF,
    TEMPLATES,
    TODAY,
    TOKEN,
    actions,
    audit_intact,
    formalised,
)
from tests.integration.test_docuseal_webhooks import SECRET as DSECRET

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


def _amended_and_approved(uow: UnitOfWork) -> None:
    """An avenant (reviews every 4 months) drafted and approved by the legal officer."""
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


def test_the_avenant_pdf_goes_to_yousign_and_its_webhooks_sign_the_avenant(
    uow: UnitOfWork, yousign: FakeYousign
) -> None:
    provider = YousignProvider(KEY, webhook_secret=SECRET, base_url=yousign.url)
    formalised(uow)
    services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
    _signed_by_webhooks(uow, provider, yousign)
    assert services.advance(uow, REF, templates=TEMPLATES, today=TODAY).stage == "active"

    _amended_and_approved(uow)
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


def test_the_avenant_pdf_goes_to_docuseal_and_its_webhooks_sign_the_avenant(
    uow: UnitOfWork,
) -> None:
    with FakeDocuseal(TOKEN) as docuseal:
        provider = DocusealProvider(
            docuseal.url, TOKEN, webhook_secret=DSECRET, webhook_header=HEADER
        )
        formalised(uow)
        services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
        _docuseal_signs(uow, provider, docuseal)
        assert services.advance(uow, REF, templates=TEMPLATES, today=TODAY).stage == "active"
        _amended_and_approved(uow)
        services.advance(uow, REF, templates=TEMPLATES, today=TODAY, signature=provider)
        assert len(docuseal.submissions) == 2, "the agreement once, the avenant once"
        avenant_pdf = services.document_content(uow, REF, "avenant_pdf")
        submission = docuseal.submissions[max(docuseal.submissions)]
        for submitter in submission["submitters"]:
            assert submitter["metadata"]["document_sha256"] == avenant_pdf.sha256
        _docuseal_signs(uow, provider, docuseal)
    signed = [p for p in actions(uow, "decision.recorded") if p["gate"] == "amendment_signature"]
    assert {p["document_sha256"] for p in signed} == {avenant_pdf.sha256} and len(signed) == 2
    assert services.status(uow, REF)[0].stage == "active"
    assert audit_intact(uow)


def _docuseal_signs(uow: UnitOfWork, provider: DocusealProvider, docuseal: FakeDocuseal) -> None:
    sid = max(docuseal.submissions)
    for role in EMAILS:
        body = docuseal.sign(sid, role)
        services.receive_signature_webhook(uow, provider, {HEADER: DSECRET}, body)
