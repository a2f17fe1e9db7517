"""Steps of features/signature.feature: the manual packet and the DocuSeal adapter."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.adapters.signature import SignatureEvent, SignatureRequest, Signer
from coopact.adapters.signature.docuseal import DocusealProvider, WebhookRejected
from coopact.adapters.signature.manual import build_packet
from tests.fakes.docuseal_server import FakeDocuseal

scenarios("signature.feature")

TOKEN = "test-api-token"
SECRET = "s3cr3t-webhook-value-long-and-random"
HEADER = "X-Coopact-Webhook-Secret"
EMAILS = {"tremplin": "p.durand@tremplin.example", "logistix": "m.lefevre@logistix.example"}


class SetOfSeenEvents:
    """SeenEvents on a set, as the database does with unique(provider, event_id)."""

    def __init__(self) -> None:
        self.ids: set[tuple[str, str]] = set()

    def first_time(self, provider: str, event_id: str, payload_sha256: str) -> bool:
        if (provider, event_id) in self.ids:
            return False
        self.ids.add((provider, event_id))
        return True


@pytest.fixture
def docuseal() -> Iterator[FakeDocuseal]:
    with FakeDocuseal(TOKEN) as server:
        yield server


@pytest.fixture
def ctx(docuseal: FakeDocuseal) -> dict[str, Any]:
    provider = DocusealProvider(docuseal.url, TOKEN, webhook_secret=SECRET, webhook_header=HEADER)
    return {"provider": provider, "seen": SetOfSeenEvents(), "applied": []}


@given(
    parsers.parse(
        'the convention de partenariat "{reference}" version {version:d} for the signatories '
        '"{first}" ({first_key}) and "{second}" ({second_key})'
    ),
    target_fixture="request_",
)
def agreement(
    reference: str, version: int, first: str, first_key: str, second: str, second_key: str
) -> SignatureRequest:
    docx = f'PK fake docx of {reference} v{version} & <Tremplin> "{{{{ x }}}}"'.encode()
    return SignatureRequest(
        reference=reference,
        title="Parcours vers l'emploi dans la logistique urbaine",
        agreement_name=f"convention-{reference}-v{version}.docx",
        agreement_docx=docx,
        agreement_sha256=hashlib.sha256(docx).hexdigest(),
        signers=(
            Signer(first, first_key, EMAILS[first_key]),
            Signer(second, second_key, EMAILS[second_key]),
        ),
        agreement_pdf=b"%PDF-1.7 fake pdf",
    )


# -- manual packet -------------------------------------------------------------------------


@when("the signature packet is built with the PDF", target_fixture="packets")
def packet_with_pdf(request_: SignatureRequest) -> list[bytes]:
    return [build_packet(request_)]


@when("the signature packet of an avenant is built with its PDF", target_fixture="packets")
def avenant_packet(request_: SignatureRequest) -> list[bytes]:
    from dataclasses import replace

    return [build_packet(replace(request_, gate="amendment_signature"))]


@then(parsers.parse('the manifest tells how to sign at "{gate}" naming the PDF\'s SHA-256'))
def how_to_sign(packets: list[bytes], request_: SignatureRequest, gate: str) -> None:
    with zipfile.ZipFile(io.BytesIO(packets[0])) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["agreement"]["sha256"] == request_.signed_sha256
    assert manifest["how_to_sign"].startswith(f"coopact decide {request_.reference} {gate} ")
    assert manifest["how_to_sign"].endswith(f"--document-sha256 {request_.signed_sha256}")


@when("the signature packet is built twice without the PDF", target_fixture="packets")
def packet_twice(request_: SignatureRequest) -> list[bytes]:
    from dataclasses import replace

    bare = replace(request_, agreement_pdf=None)
    return [build_packet(bare), build_packet(bare)]


@then(parsers.parse('the packet holds "{a}", "{b}" and "{c}"'))
def packet_holds(packets: list[bytes], a: str, b: str, c: str) -> None:
    with zipfile.ZipFile(io.BytesIO(packets[0])) as archive:
        assert archive.namelist() == [a, b, c]


@then(
    "the manifest gives the SHA-256 of each file as computed from the packet, the PDF as the "
    "file signed"
)
def manifest_hashes(packets: list[bytes], request_: SignatureRequest) -> None:
    with zipfile.ZipFile(io.BytesIO(packets[0])) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        for entry in manifest["files"]:
            assert entry["sha256"] == hashlib.sha256(archive.read(entry["name"])).hexdigest()
    assert manifest["agreement"] == {  # the file signed: the PDF, made from the .docx
        "file": "convention-P-2027-001-v2.pdf",
        "sha256": hashlib.sha256(b"%PDF-1.7 fake pdf").hexdigest(),
        "made_from": "convention-P-2027-001-v2.docx",
    }
    assert manifest["agreement"]["sha256"] == request_.signed_sha256


@then(parsers.parse('the manifest names the signatories "{first}" and "{second}"'))
def manifest_signatories(packets: list[bytes], first: str, second: str) -> None:
    with zipfile.ZipFile(io.BytesIO(packets[0])) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert [s["name"] for s in manifest["signatories"]] == [first, second]


@then("both packets are identical")
def identical(packets: list[bytes]) -> None:
    assert packets[0] == packets[1]


# -- DocuSeal ------------------------------------------------------------------------------


@when("the agreement is sent to DocuSeal", target_fixture="dispatch")
@given("the agreement was sent to DocuSeal", target_fixture="dispatch")
def send(ctx: dict[str, Any], request_: SignatureRequest) -> Any:
    return ctx["provider"].dispatch(request_)


@then(parsers.parse('DocuSeal has one submission with the submitters "{first}" and "{second}"'))
def one_submission(docuseal: FakeDocuseal, dispatch: Any, first: str, second: str) -> None:
    assert list(docuseal.submissions) == [int(dispatch.external_id)]
    submission = docuseal.submissions[int(dispatch.external_id)]
    assert [s["role"] for s in submission["submitters"]] == [first, second]
    assert set(dispatch.submitters) == {first, second}


@then("each submitter carries the SHA-256 of the agreement's PDF")
def carries_hash(docuseal: FakeDocuseal, dispatch: Any, request_: SignatureRequest) -> None:
    for submitter in docuseal.submissions[int(dispatch.external_id)]["submitters"]:
        assert submitter["metadata"]["document_sha256"] == request_.signed_sha256


def _role(request_: SignatureRequest, name: str) -> str:
    return next(s.partner_key for s in request_.signers if s.name == name)


def _deliver(ctx: dict[str, Any], headers: dict[str, str], body: bytes) -> None:
    def apply(event: SignatureEvent) -> None:
        ctx["applied"].append(event)

    try:
        ctx["result"] = ctx["provider"].receive(headers, body, ctx["seen"], apply)
        ctx["rejected"] = None
    except WebhookRejected as exc:
        ctx["rejected"] = exc


@when(parsers.parse('"{name}" signs and the webhook arrives with the secret "{secret}"'))
def arrives_with_secret(
    ctx: dict[str, Any],
    docuseal: FakeDocuseal,
    dispatch: Any,
    request_: SignatureRequest,
    name: str,
    secret: str,
) -> None:
    body = docuseal.sign(int(dispatch.external_id), _role(request_, name))
    _deliver(ctx, {HEADER: secret, "Content-Type": "application/json"}, body)


@when(parsers.parse('"{name}" signs and the webhook arrives without the secret header'))
def arrives_without_secret(
    ctx: dict[str, Any],
    docuseal: FakeDocuseal,
    dispatch: Any,
    request_: SignatureRequest,
    name: str,
) -> None:
    body = docuseal.sign(int(dispatch.external_id), _role(request_, name))
    _deliver(ctx, {"Content-Type": "application/json"}, body)


@when(parsers.parse('"{name}" signs and the webhook arrives {times:d} times with the right secret'))
def arrives_times(
    ctx: dict[str, Any],
    docuseal: FakeDocuseal,
    dispatch: Any,
    request_: SignatureRequest,
    name: str,
    times: int,
) -> None:
    body = docuseal.sign(int(dispatch.external_id), _role(request_, name))
    for _ in range(times):
        _deliver(ctx, {HEADER.lower(): SECRET}, body)


@given(parsers.parse('"{name}" has signed and the webhook was applied'))
def has_signed(
    ctx: dict[str, Any],
    docuseal: FakeDocuseal,
    dispatch: Any,
    request_: SignatureRequest,
    name: str,
) -> None:
    body = docuseal.sign(int(dispatch.external_id), _role(request_, name))
    _deliver(ctx, {HEADER: SECRET}, body)
    assert ctx["result"].applied
    ctx["last_body"] = body


@when("the same event arrives again with another timestamp")
def replayed(ctx: dict[str, Any]) -> None:
    payload = json.loads(ctx["last_body"])
    payload["timestamp"] = "2027-01-13T08:00:00.000Z"
    ctx["before"] = len(ctx["applied"])
    _deliver(ctx, {HEADER: SECRET}, json.dumps(payload).encode())


@then("the webhook is rejected")
def rejected(ctx: dict[str, Any]) -> None:
    assert isinstance(ctx["rejected"], WebhookRejected)


@then("no signature has been applied")
def none_applied(ctx: dict[str, Any]) -> None:
    assert ctx["applied"] == []
    assert ctx["seen"].ids == set()


@then("no further signature has been applied")
def no_further(ctx: dict[str, Any]) -> None:
    assert len(ctx["applied"]) == ctx["before"]
    assert ctx["result"].applied is False


@then(
    parsers.parse(
        'the signature of "{name}" for "{partner}" on the PDF\'s SHA-256 has been applied once'
    )
)
def applied_once(ctx: dict[str, Any], request_: SignatureRequest, name: str, partner: str) -> None:
    assert len(ctx["applied"]) == 1
    event = ctx["applied"][0]
    assert (event.kind, event.signer_name, event.partner_key) == ("signed", name, partner)
    assert event.document_sha256 == request_.signed_sha256


@when("the completed submission is fetched", target_fixture="completed")
def fetch(ctx: dict[str, Any], dispatch: Any) -> Any:
    return ctx["provider"].fetch_completed(dispatch.external_id)


@then("the signed document and the audit log are downloaded with their SHA-256")
def downloaded(completed: Any) -> None:
    assert len(completed.documents) == 1
    for fetched in (*completed.documents, completed.audit_log):
        assert fetched is not None and fetched.content
        assert fetched.sha256 == hashlib.sha256(fetched.content).hexdigest()
