"""The status of every partnership, read in batches, says what each one's own status says
(on SQLite and PostgreSQL): who is awaited at its gate, its findings, documents and dates."""

from __future__ import annotations

import yaml

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE


def _register(uow: UnitOfWork, reference: str) -> None:
    data = yaml.safe_load(EXAMPLE.read_text())
    data["reference"] = reference
    data["title"] = f"{data['title']} ({reference})"
    services.register(uow, load_text(yaml.safe_dump(data, allow_unicode=True)), actor="officer")


def test_the_listing_says_what_each_partnership_status_says(uow: UnitOfWork) -> None:
    references = ["P-2027-001", "P-2027-002", "P-2027-003"]
    for reference in references:
        _register(uow, reference)
    for reference in references[:2]:  # the vision note written: vision approval awaited
        services.advance(uow, reference, templates=settings().templates)
    services.decide(
        uow, references[0], Gate.vision_approval, Decider("Claire Martin", Role.sponsor, "tremplin"),
        Outcome.approve, "La vision nous convient.",
    )  # fmt: skip

    listed = {view.reference: view.as_json() for view in services.status_views(uow, batch=2)}
    assert list(listed) == references
    for reference in references:
        (alone,) = services.status(uow, reference)
        assert alone.scorecard, "one partnership's status has its scorecard"
        assert listed[reference] == {**alone.as_json(), "scorecard": []}
    assert listed["P-2027-001"]["awaited_from"] == ["logistix"]
    assert listed["P-2027-002"]["awaited_from"] == ["tremplin", "logistix"]
    assert listed["P-2027-003"]["stage"] == "draft"
