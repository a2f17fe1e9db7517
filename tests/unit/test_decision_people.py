"""The people section of the partnership file, recipients per gate, and DocuSeal errors."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from coopact.adapters.signature import SignatureRequest, Signer, signers_of
from coopact.adapters.signature.docuseal import DocusealProvider, ProviderError
from coopact.contracts.decisions import recipients
from coopact.contracts.lifecycle import Gate
from coopact.contracts.roles import Role
from coopact.schemas import Partnership
from tests.fakes.docuseal_server import FakeDocuseal

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "partnership.example.yaml"


def _raw() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_example_still_validates_without_people() -> None:
    assert Partnership.model_validate(_raw()).people == []


def test_a_person_for_an_unknown_partner_is_refused_with_its_path() -> None:
    raw = _raw()
    raw["people"] = [{"name": "Anne Roux", "roles": ["legal_officer"], "partner": "nobody"}]
    with pytest.raises(ValidationError) as caught:
        Partnership.model_validate(raw)
    error = caught.value.errors()[0]
    assert error["loc"] == ("people", 0, "partner")
    assert "unknown partner 'nobody'" in error["msg"]


def test_a_right_given_to_an_unknown_partner_lists_the_partners() -> None:
    raw = _raw()
    partners = [p["key"] for p in raw["partners"]]
    raw["rights"] = {**(raw.get("rights") or {}), "scope_and_price_set_by": ["ghost", partners[0]]}
    with pytest.raises(ValidationError) as caught:
        Partnership.model_validate(raw)
    (error,) = [e for e in caught.value.errors() if e["loc"][0] == "rights"]
    assert error["loc"] == ("rights", "scope_and_price_set_by", 0)
    assert error["msg"] == f"unknown partner 'ghost' (partners are: {', '.join(partners)})"


def test_signatories_take_the_address_the_file_gives_for_the_same_person() -> None:
    partnership = Partnership.model_validate(_raw())
    signers = signers_of(partnership)
    assert signers == (
        Signer("Paul Durand", "tremplin", None),
        Signer("Marc Lefèvre", "logistix", "m.lefevre@logistix.example"),
    )
    assert {r.role for r in recipients(partnership, Gate.renewal)} == {Role.sponsor}


def _request(emails: bool = True) -> SignatureRequest:
    docx = b"docx bytes"
    return SignatureRequest(
        reference="P-2027-001",
        title="Parcours",
        agreement_name="convention.docx",
        agreement_docx=docx,
        agreement_sha256=hashlib.sha256(docx).hexdigest(),
        signers=(
            Signer("Paul Durand", "tremplin", "p.durand@tremplin.example" if emails else None),
            Signer("Marc Lefèvre", "logistix", "m.lefevre@logistix.example"),
        ),
    )


def test_a_wrong_api_token_is_reported_without_a_traceback() -> None:
    with FakeDocuseal("right") as server:
        provider = DocusealProvider(server.url, "wrong", webhook_secret="s" * 32)
        with pytest.raises(ProviderError, match="DocuSeal answered 401"):
            provider.dispatch(_request())


def test_docuseal_needs_an_address_for_every_signatory() -> None:
    with FakeDocuseal("right") as server:
        provider = DocusealProvider(server.url, "right", webhook_secret="s" * 32)
        with pytest.raises(Exception, match="problem"):
            provider.dispatch(_request(emails=False))
        assert server.submissions == {}


def test_a_declined_form_becomes_a_declined_event() -> None:
    class Seen:
        def first_time(self, provider: str, event_id: str, payload_sha256: str) -> bool:
            return True

    with FakeDocuseal("right") as server:
        provider = DocusealProvider(server.url, "right", webhook_secret="s" * 32)
        dispatch = provider.dispatch(_request())
        body = server.decline(int(dispatch.external_id), "logistix", "Article 7 à revoir")
        result = provider.receive({"X-Coopact-Webhook-Secret": "s" * 32}, body, Seen())
    assert result.applied and result.event is not None
    assert (result.event.kind, result.event.partner_key) == ("declined", "logistix")
    assert result.event.reason == "Article 7 à revoir"
    assert result.event.document_sha256 == _request().agreement_sha256
