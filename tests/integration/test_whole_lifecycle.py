"""The whole lifecycle through the use cases, on SQLite and on PostgreSQL: documents
produced at each stage, people told by email, decisions checked against who may take them
and against the agreement's hash."""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import json
from pathlib import Path

import pytest

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.documents.word import DOCX_MEDIA_TYPE
from coopact.adapters.loading import load_text
from coopact.adapters.mail.transports import OutboxTransport
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Gate, Outcome, Stage
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER, demo_file
from coopact.stages.base import GeneratedDocument, StageOutput
from coopact.store.uow import UnitOfWork

REF = "P-2027-001"
TEMPLATES = settings().templates


def sponsor(key: str, name: str) -> Decider:
    return Decider(name, Role.sponsor, key)


def signatory(key: str, name: str) -> Decider:
    return Decider(name, Role.signatory, key)


@pytest.fixture
def outbox(tmp_path: Path) -> OutboxTransport:
    return OutboxTransport(tmp_path / "outbox")


def advance(
    uow: UnitOfWork, outbox: OutboxTransport, today: dt.date | None = None
) -> services.AdvanceResult:
    return services.advance(
        uow, REF, templates=TEMPLATES, transport=outbox, today=today or dt.date(2026, 12, 1)
    )


def mails(outbox: OutboxTransport, gate: str) -> list[email.message.Message]:
    found = [email.message_from_bytes(p.read_bytes()) for p in sorted(outbox.folder.glob("*.eml"))]
    return [m for m in found if m["X-Coopact-Gate"] == gate]


def test_from_draft_to_active(uow: UnitOfWork, outbox: OutboxTransport) -> None:
    services.register(uow, load_text(demo_file()), actor="officer")

    result = advance(uow, outbox)
    assert (result.stage, result.new_documents) == ("draft", ["vision_note v1 (fr)"])
    assert {m["To"].split("<")[1].rstrip(">") for m in mails(outbox, "vision_approval")} == {
        "c.martin@tremplin.example",
        "m.lefevre@logistix.example",
    }
    assert advance(uow, outbox).new_documents == [], "same inputs: no new version, no new mail"
    assert len(mails(outbox, "vision_approval")) == 2

    services.decide(
        uow,
        REF,
        Gate.vision_approval,
        sponsor("tremplin", "Claire Martin"),
        Outcome.approve,
        "Vision validée",
    )
    services.decide(
        uow,
        REF,
        Gate.vision_approval,
        sponsor("logistix", "Marc Lefèvre"),
        Outcome.approve,
        "Vision validée",
    )
    assert advance(uow, outbox).new_documents == ["balance_report v1 (fr)"]

    with pytest.raises(Refused, match="20"):  # an accepted imbalance needs a justification
        services.decide(
            uow,
            REF,
            Gate.balance_acceptance,
            sponsor("tremplin", "Claire Martin"),
            Outcome.approve,
            "OK",
        )
    reason = "Avertissements compris : bénéfices à mesurer au premier comité de pilotage."
    services.decide(
        uow,
        REF,
        Gate.balance_acceptance,
        sponsor("tremplin", "Claire Martin"),
        Outcome.approve,
        reason,
    )
    services.decide(
        uow,
        REF,
        Gate.balance_acceptance,
        sponsor("logistix", "Marc Lefèvre"),
        Outcome.approve,
        reason,
    )
    assert advance(uow, outbox).new_documents == ["agreement v1 (fr)"]
    assert len(mails(outbox, "legal_approval")) == 1

    with pytest.raises(Refused, match="legal_officer"):
        services.decide(
            uow,
            REF,
            Gate.legal_approval,
            Decider("Marc Lefèvre", Role.legal_officer),
            Outcome.approve,
            "Je valide",
        )
    services.decide(
        uow,
        REF,
        Gate.legal_approval,
        Decider(DEMO_LEGAL_OFFICER, Role.legal_officer),
        Outcome.approve,
        "Conforme",
    )
    assert advance(uow, outbox).new_documents == [
        "agreement_pdf v1 (fr)",
        "signature_packet v1 (fr)",
    ]
    agreement = services.document_content(uow, REF, "agreement")
    signed_pdf = services.document_content(uow, REF, "agreement_pdf")  # what is signed
    assert signed_pdf.content.startswith(b"%PDF-")
    assert signed_pdf.inputs["agreement_sha256"] == agreement.sha256
    canonical = json.dumps(agreement.inputs, sort_keys=True, default=str, ensure_ascii=False)
    assert hashlib.sha256(canonical.encode()).hexdigest() == agreement.inputs_sha256
    assert agreement.inputs["partners"][0]["name"] == "Association Tremplin Emploi"

    with pytest.raises(Refused, match="not the current agreement"):
        services.decide(
            uow,
            REF,
            Gate.signature,
            signatory("tremplin", "Paul Durand"),
            Outcome.sign,
            "Signé",
            document_sha256="0" * 64,
        )
    with pytest.raises(Refused, match="signatory"):  # an officer cannot sign for a partner
        services.decide(
            uow,
            REF,
            Gate.signature,
            Decider(DEMO_LEGAL_OFFICER, Role.partnership_officer, "tremplin"),
            Outcome.sign,
            "Signé",
            document_sha256=signed_pdf.sha256,
        )
    services.decide(
        uow,
        REF,
        Gate.signature,
        signatory("tremplin", "Paul Durand"),
        Outcome.sign,
        "Signé",
        document_sha256=signed_pdf.sha256,
    )
    closed = services.decide(
        uow,
        REF,
        Gate.signature,
        signatory("logistix", "Marc Lefèvre"),
        Outcome.sign,
        "Signé",
        document_sha256=signed_pdf.sha256,
    )
    assert closed.stage == "signed"

    result = advance(uow, outbox)
    assert result.stage == "active"
    assert sorted(result.new_documents) == ["calendar v1 (fr)", "charter v1 (fr)"]
    # Activation: sponsors and referents get the calendar attached, once.
    sent = [email.message_from_bytes(p.read_bytes()) for p in sorted(outbox.folder.glob("*.eml"))]
    activation = [m for m in sent if "Le partenariat est actif" in m["Subject"]]
    assert len(activation) == 4  # two sponsors, two referents
    for message in activation:
        (attached,) = [part for part in message.walk() if part.get_filename()]
        assert attached.get_filename() == "P-2027-001-calendrier.ics"
        assert attached.get_content_type() == "text/calendar"
        assert b"BEGIN:VCALENDAR" in attached.get_payload(decode=True)
    advance(uow, outbox)
    again = [email.message_from_bytes(p.read_bytes()) for p in sorted(outbox.folder.glob("*.eml"))]
    assert len([m for m in again if "Le partenariat est actif" in m["Subject"]]) == 4
    refused = [e for e in services.history(uow, REF) if e["action"] == "refused"]
    assert len(refused) == 4
    assert services.verify_audit(uow).problems == []


def test_a_new_agreement_version_voids_earlier_signatures(
    uow: UnitOfWork, outbox: OutboxTransport
) -> None:
    services.register(uow, load_text(demo_file()), actor="officer")
    with uow:  # setup shortcut: an agreement exists and the signature gate is open
        row = uow.partnerships.get(REF)
        row.stage = Stage.formalised.value
        services.store_output(uow, row, Stage.balanced, _agreement(b"version one"))
        uow.commit()
    first = services.document_content(uow, REF, "agreement_pdf")
    services.decide(
        uow,
        REF,
        Gate.signature,
        signatory("tremplin", "Paul Durand"),
        Outcome.sign,
        "Signé",
        document_sha256=first.sha256,
    )

    with uow:
        services.store_output(
            uow, uow.partnerships.get(REF), Stage.balanced, _agreement(b"version two")
        )
        uow.commit()
    second = services.document_content(uow, REF, "agreement_pdf")
    assert second.version == 2

    result = services.decide(
        uow,
        REF,
        Gate.signature,
        signatory("logistix", "Marc Lefèvre"),
        Outcome.sign,
        "Signé",
        document_sha256=second.sha256,
    )
    assert result.stage == "formalised"
    assert services.status(uow, REF)[0].awaited_from == ["tremplin"], (
        "the earlier signature is void"
    )
    with pytest.raises(Refused, match="not the current agreement"):
        services.decide(
            uow,
            REF,
            Gate.signature,
            signatory("tremplin", "Paul Durand"),
            Outcome.sign,
            "Signé",
            document_sha256=first.sha256,
        )
    done = services.decide(
        uow,
        REF,
        Gate.signature,
        signatory("tremplin", "Paul Durand"),
        Outcome.sign,
        "Signé",
        document_sha256=second.sha256,
    )
    assert done.stage == "signed"


def _agreement(content: bytes) -> StageOutput:
    """An agreement version and the PDF signed (stand-ins: the bytes are not under test)."""
    return StageOutput(
        documents=[
            GeneratedDocument(
                "agreement",
                "fr",
                f"{REF}-agreement-fr.docx",
                DOCX_MEDIA_TYPE,
                content,
                {"v": content.decode()},
            ),
            GeneratedDocument(
                "agreement_pdf",
                "fr",
                f"{REF}-agreement-fr.pdf",
                "application/pdf",
                b"%PDF-" + content,
                {"agreement_sha256": hashlib.sha256(content).hexdigest()},
            ),
        ]
    )


def test_reviews_open_on_their_dates_and_one_review_covers_a_day(
    uow: UnitOfWork, outbox: OutboxTransport
) -> None:
    services.register(uow, load_text(demo_file()), actor="officer")
    with uow:  # setup shortcut: the partnership has just been signed
        uow.partnerships.get(REF).stage = Stage.signed.value
        uow.commit()
    assert advance(uow, outbox).stage == "active"
    assert services.review_due(uow, dt.date(2027, 7, 14)) == []

    [first] = services.review_due(uow, dt.date(2027, 7, 15))
    assert (first.reference, first.kind) == (REF, "review")
    assert services.status(uow, REF)[0].stage == "in_review"
    assert advance(uow, outbox, dt.date(2027, 7, 15)).new_documents == ["review_report v1 (fr)"]
    assert len(mails(outbox, "review")) == 4, "every member of the comité de pilotage is told"
    members = ("Claire Martin", "Inès Benali", "Marc Lefèvre", "Julie Moreau")
    first_vote = services.decide(
        uow, REF, Gate.review, Decider(members[0], Role.committee_member), Outcome.go, "Jalons"
    )
    assert not first_vote.gate_closed, "one vote of four does not make a consensus"
    for name in members[1:]:
        services.decide(
            uow, REF, Gate.review, Decider(name, Role.committee_member), Outcome.go, "Jalons tenus"
        )
    assert services.status(uow, REF)[0].stage == "active"

    [_second] = services.review_due(
        uow, dt.date(2028, 1, 15)
    )  # periodic review + Go/noGo milestone
    advance(uow, outbox, dt.date(2028, 1, 15))
    covers = [e for e in services.history(uow, REF) if e["action"] == "review.opened"][-1][
        "payload"
    ]["covers"]
    assert len(covers) == 2
    for name in members:
        services.decide(
            uow, REF, Gate.review, Decider(name, Role.committee_member), Outcome.no_go,
            "Objectifs non atteints",
        )  # fmt: skip
    assert services.status(uow, REF)[0].stage == "terminated"
    assert services.review_due(uow, dt.date(2028, 7, 15)) == [], (
        "a terminated partnership is not reviewed"
    )
