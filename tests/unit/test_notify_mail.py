"""Gate notifications: who gets which message, in which language, and how it travels."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiosmtpd.controller import Controller

from coopact.adapters.mail.notify import PersonalLink, gate_messages, notify_gate_opened
from coopact.adapters.mail.transports import (
    NotifyError,
    OutboxTransport,
    SmtpTransport,
    transport_from_env,
)
from coopact.contracts.lifecycle import Gate
from coopact.schemas import Partnership
from tests.ports import free_port

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "partnership.example.yaml"
SHA = "3f" * 32
NOW = dt.datetime(2027, 1, 10, 9, 0, tzinfo=dt.UTC)
SENDER = "coopact <coopact@tremplin.example>"


def _partnership(**changes: Any) -> Partnership:
    raw = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    raw.update(changes)
    return Partnership.model_validate(raw)


class Collector:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Collector, int]]:
    handler = Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _smtp_env(port: int) -> dict[str, str]:
    return {
        "COOPACT_SMTP_HOST": "127.0.0.1",
        "COOPACT_SMTP_PORT": str(port),
        "COOPACT_SMTP_STARTTLS": "false",
    }


def test_sponsors_receive_the_vision_request_in_french(smtp_server: tuple[Collector, int]) -> None:
    handler, port = smtp_server
    transport = transport_from_env(Path("unused"), _smtp_env(port))
    report = notify_gate_opened(
        _partnership(),
        Gate.vision_approval,
        transport,
        reference="P-2027-001",
        sender=SENDER,
        now=NOW,
    )
    assert (report.sent, report.unreachable) == (2, 0)
    assert [e.rcpt_tos for e in handler.envelopes] == [
        ["c.martin@tremplin.example"],
        ["m.lefevre@logistix.example"],
    ]
    message = email.message_from_bytes(handler.envelopes[0].content, policy=email.policy.default)
    assert message["Subject"] == (
        "[P-2027-001] Décision attendue : approbation de la vision partagée"
    )
    assert message["Content-Language"] == "fr"
    body = message.get_content()
    assert "Bonjour Claire Martin," in body
    # A sponsor is never shown a command line: without a link, they reply to the officer.
    assert "coopact decide" not in body and "Prefect" not in body
    assert "le chargé de\npartenariat l'enregistrera pour vous" in body.replace("\r\n", "\n")


def test_each_person_gets_their_own_link_and_the_document_hash() -> None:
    expires = dt.datetime(2027, 1, 24, 9, 0, tzinfo=dt.UTC)
    links = {
        ("Claire Martin", "tremplin"): PersonalLink("https://portail.example/d/claire", expires),
        ("Marc Lefèvre", "logistix"): PersonalLink("https://portail.example/d/marc", expires),
    }
    messages, _ = gate_messages(
        _partnership(),
        Gate.vision_approval,
        reference="P-2027-001",
        sender=SENDER,
        now=NOW,
        links=links,
        document=("P-2027-001-vision-note-fr.docx", SHA),
    )
    claire, marc = (m.get_content() for m in messages)
    assert "https://portail.example/d/claire" in claire and "/d/marc" not in claire
    assert "https://portail.example/d/marc" in marc
    assert "valable jusqu'au\n24/01/2027" in claire.replace("\r\n", "\n")
    assert "P-2027-001-vision-note-fr.docx" in claire and SHA in claire
    assert "coopact decide" not in claire


def test_an_english_partnership_is_notified_in_english(smtp_server: tuple[Collector, int]) -> None:
    handler, port = smtp_server
    transport = SmtpTransport.from_env(_smtp_env(port))
    notify_gate_opened(
        _partnership(language="en"),
        Gate.review,
        transport,
        reference="P-2027-001",
        sender=SENDER,
        now=NOW,
    )
    recipients = [e.rcpt_tos[0] for e in handler.envelopes]
    assert recipients == [
        "c.martin@tremplin.example",
        "i.benali@tremplin.example",
        "m.lefevre@logistix.example",
        "j.moreau@logistix.example",
    ]
    message = email.message_from_bytes(handler.envelopes[3].content, policy=email.policy.default)
    assert message["Subject"] == "[P-2027-001] Decision awaited: Go/noGo review"
    assert message["Content-Language"] == "en"
    body = message.get_content()
    assert "Dear Julie Moreau," in body
    assert "coopact decide" not in body  # committee members never see a command line
    assert "Reply to this message with your decision" in body


def test_signatories_are_told_the_hash_they_sign() -> None:
    messages, unreachable = gate_messages(
        _partnership(),
        Gate.signature,
        reference="P-2027-001",
        sender=SENDER,
        document_sha256=SHA,
        now=NOW,
    )
    assert len(messages) == 1  # Marc Lefèvre's address is known; Paul Durand has none
    assert [r.name for r in unreachable] == ["Paul Durand"]
    body = messages[0].get_content()
    assert SHA in body
    assert "coopact decide" not in body  # signatories never see a command line


def test_the_legal_officer_listed_in_people_is_asked_for_the_legal_approval() -> None:
    people = [{"name": "Anne Roux", "email": "a.roux@avocats.example", "roles": ["legal_officer"]}]
    messages, _ = gate_messages(
        _partnership(people=people),
        Gate.legal_approval,
        reference="P-2027-001",
        sender=SENDER,
        now=NOW,
    )
    assert [m["To"].addresses[0].addr_spec for m in messages] == ["a.roux@avocats.example"]
    assert '--as "Anne Roux" --role legal_officer --outcome approve' in messages[0].get_content()


def test_partner_data_comes_out_verbatim_and_no_link_acts() -> None:
    raw = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    raw["partners"][0]["name"] = 'Tremplin {{ 7*7 }} & <Co> "quoted"'
    raw["partners"][0]["sponsor"]["name"] = 'Claire "$HOME" Martin'
    messages, _ = gate_messages(
        Partnership.model_validate(raw),
        Gate.vision_approval,
        reference="P-2027-001",
        sender=SENDER,
        now=NOW,
    )
    body = messages[0].get_content()
    assert 'Tremplin {{ 7*7 }} & <Co> "quoted"' in body
    assert 'Bonjour Claire "$HOME" Martin,' in body
    assert "http" not in body


def test_a_missing_template_field_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "renewal.subject.j2").write_text("{{ reference }}")
    (tmp_path / "fr" / "renewal.txt.j2").write_text("{{ not_prepared }}")
    with pytest.raises(NotifyError):
        gate_messages(
            _partnership(),
            Gate.renewal,
            reference="P-2027-001",
            sender=SENDER,
            templates=tmp_path,
        )


def test_the_outbox_holds_one_file_per_message_even_when_notified_twice(tmp_path: Path) -> None:
    transport = OutboxTransport(tmp_path / "outbox")
    for _ in range(2):
        notify_gate_opened(
            _partnership(),
            Gate.vision_approval,
            transport,
            reference="P-2027-001",
            sender=SENDER,
            now=NOW,
        )
    files = sorted((tmp_path / "outbox").iterdir())
    assert [f.suffix for f in files] == [".eml", ".eml"]
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert parsed["X-Coopact-Gate"] == "vision_approval"
    assert transport_from_env(tmp_path / "outbox", {}).__class__ is OutboxTransport


def test_starttls_is_required_unless_turned_off(smtp_server: tuple[Collector, int]) -> None:
    handler, port = smtp_server
    env = dict(_smtp_env(port), COOPACT_SMTP_STARTTLS="true")
    with pytest.raises(NotifyError, match="does not offer STARTTLS"):
        notify_gate_opened(
            _partnership(),
            Gate.vision_approval,
            SmtpTransport.from_env(env),
            reference="P-2027-001",
            sender=SENDER,
            now=NOW,
        )
    assert handler.envelopes == []
