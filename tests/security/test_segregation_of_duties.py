"""Segregation of duties at the entry points: a partnership officer never records a legal
approval or a signature on someone's behalf, and such an attempt records nothing."""

from __future__ import annotations

from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from coopact import services
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.services._common import partnership_of
from coopact.services.decisions import Channel
from coopact.store.audit_tables import AuditEventRow
from coopact.store.tables import DecisionRow, EvidenceRow
from tests.integration.test_portal_legal_and_reminders import _to_legal_gate
from tests.portal_support import PASSWORD, Setup, app_of, csrf_of, set_up

OFFICER = "charge@tremplin.example"
JURIST = "juriste.demo@example.org"


@pytest.fixture
def setup(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    made = set_up(tmp_path / "home", db_url, monkeypatch, "http://testserver")
    made.add_officer(OFFICER, "partnership_officer")
    made.add_officer(JURIST, "legal_officer")
    _to_legal_gate(made)
    yield made
    made.engine.dispose()


def _state(setup: Setup) -> tuple[int, int, int, str]:
    with setup.uow() as uow:
        return (
            uow.session.scalar(select(func.count()).select_from(DecisionRow)) or 0,
            uow.session.scalar(select(func.count()).select_from(EvidenceRow)) or 0,
            uow.session.scalar(select(func.count()).select_from(AuditEventRow)) or 0,
            uow.partnerships.get(setup.reference).stage,
        )


def _signed_in(setup: Setup, address: str) -> TestClient:
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    login = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(login.text), "email": address,
                                "password": PASSWORD, "next": "/"})  # fmt: skip
    return client


def test_a_partnership_officers_on_behalf_legal_approval_is_refused_and_records_nothing(
    setup: Setup,
) -> None:
    client = _signed_in(setup, OFFICER)
    page = client.get(f"/p/{setup.reference}")
    assert 'id="on-behalf"' not in page.text  # not even offered
    assert "jamais enregistrée pour le compte d'autrui" in unescape(page.text)
    before = _state(setup)
    assert before[3] == "balanced"
    with setup.uow() as uow:
        row = uow.partnerships.get(setup.reference)
        legal = next(p for p in partnership_of(row).people if p.email == JURIST)
    person = f"{legal.name}|{legal.partner or ''}"
    refused = client.post(
        f"/p/{setup.reference}/on-behalf",
        data={"csrf": csrf_of(page.text), "person": person, "outcome": "approve",
              "reason": "Validée par téléphone."},
        files={"evidence": ("n-importe.txt", b"any file at all", "text/plain")},
    )  # fmt: skip
    assert refused.status_code == 403
    assert "jamais enregistrées pour le compte d'autrui" in unescape(refused.text)
    assert _state(setup) == before  # no decision, no evidence, no event, stage unchanged


@pytest.mark.parametrize(
    ("gate", "decider"),
    [
        (Gate.legal_approval, Decider("Juriste Démo", Role.legal_officer)),
        (Gate.signature, Decider("Claire Martin", Role.signatory, "tremplin")),
    ],
)
def test_the_service_refuses_a_reserved_gate_on_behalf_whoever_calls_it(
    setup: Setup, gate: Gate, decider: Decider
) -> None:
    before = _state(setup)
    channel = Channel("on_behalf", {"officer": OFFICER, "evidence_sha256": "ab" * 32})
    with pytest.raises(Refused, match="never recorded on someone's behalf"):
        services.decide(
            setup.uow(), setup.reference, gate, decider, Outcome.approve, "Oui.", channel=channel
        )
    assert _state(setup) == before


def test_on_behalf_without_evidence_is_refused_by_the_service(setup: Setup) -> None:
    """The vision gate is long closed here, but the duty is checked before anything else."""
    before = _state(setup)
    with pytest.raises(Refused, match="needs the evidence"):
        services.decide(
            setup.uow(), setup.reference, Gate.balance_acceptance,
            Decider("Claire Martin", Role.sponsor, "tremplin"), Outcome.approve, "Oui.",
            channel=Channel("on_behalf", {"officer": OFFICER}),
        )  # fmt: skip
    assert _state(setup) == before


def test_the_legal_officer_still_approves_in_person_from_the_page(setup: Setup) -> None:
    client = _signed_in(setup, JURIST)
    page = client.get(f"/p/{setup.reference}")
    assert 'id="legal"' in page.text
    sha = page.text.split('name="document_sha256" value="')[1][:64]
    done = client.post(
        f"/p/{setup.reference}/legal",
        data={"csrf": csrf_of(page.text), "outcome": "approve", "reason": "Conforme.",
              "document_sha256": sha},
    )  # fmt: skip
    assert done.status_code == 200
    assert _state(setup)[3] == "formalised"
