"""Steps of features/decision_links.feature, on a real SQLite store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from coopact import services
from coopact.contracts.deciders import Recipient
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.services import links
from coopact.services.decisions import Channel
from coopact.store.tables import DecisionLinkRow, DecisionRow
from tests.portal_support import Setup, set_up

scenarios("decision_links.feature")

ADDRESSES = {
    "Claire Martin": "c.martin@tremplin.example",
    "Marc Lefèvre": "m.lefevre@logistix.example",
}
PARTNERS = {"Claire Martin": "tremplin", "Marc Lefèvre": "logistix"}


@pytest.fixture
def state() -> dict[str, Any]:
    return {}


@given(
    parsers.parse(
        'the partnership "{reference}" awaits the approval of the shared vision by its sponsors'
    ),
    target_fixture="setup",
)
def awaiting(
    reference: str, tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Setup:
    setup = set_up(tmp_path / "home", sqlite_url, monkeypatch, "https://portail.example")
    assert setup.reference == reference
    return setup


@given(parsers.parse('"{claire}" ({a}) and "{marc}" ({b}) were each mailed a personal link'))
def mailed(setup: Setup, claire: str, marc: str, state: dict[str, Any]) -> None:
    for name in (claire, marc):
        state[name] = setup.link_for(ADDRESSES[name]).split("/d/")[1]


def _use(setup: Setup, token: str, outcome: str, reason: str) -> links.LinkRefused | None:
    """What the portal does with a submitted link: check it, refuse a used one, decide."""
    with setup.uow() as uow:
        try:
            link, row = links.check(uow, token, setup.keyring)
        except links.LinkRefused as refusal:
            return refusal
        found = links.state(uow, link, row)
    if found.decided is not None:
        return links.LinkRefused(410, "reused", link.token_id, row.reference)
    result = services.decide(
        setup.uow(), row.reference, Gate(link.gate), found.decider, Outcome(outcome), reason,
        channel=Channel("link", {"token_id": link.token_id}),
    )  # fmt: skip
    return None if result.applied else links.LinkRefused(410, "reused")


@when(parsers.parse('Claire Martin\'s link {verb} with the reason "{reason}"'))
def claire_uses(setup: Setup, state: dict[str, Any], verb: str, reason: str) -> None:
    outcome = {"approves": "approve", "rejects": "reject"}[verb]
    state.setdefault("uses", []).append(_use(setup, state["Claire Martin"], outcome, reason))


@then(parsers.parse('the second use is refused as "{code}"'))
def second_refused(state: dict[str, Any], code: str) -> None:
    first, second = state["uses"]
    assert first is None and second is not None and second.code == code


@then(
    parsers.parse(
        'the only decision recorded is "{outcome}" by "{name}" for "{partner}" through "{channel}"'
    )
)
def only_decision(setup: Setup, outcome: str, name: str, partner: str, channel: str) -> None:
    with setup.uow() as uow:
        rows = uow.session.scalars(select(DecisionRow)).all()
        assert [(d.outcome, d.decider, d.partner_key, d.channel) for d in rows] == [
            (outcome, name, partner, channel)
        ]


@when("Marc Lefèvre's link id is sent with Claire Martin's signature")
def forged(setup: Setup, state: dict[str, Any]) -> None:
    marc_id = state["Marc Lefèvre"].split(".")[0]
    token = ".".join([marc_id, *state["Claire Martin"].split(".")[1:]])
    state["refusal"] = _use(setup, token, "approve", "Oui.")


@then(parsers.parse('the link is refused as "{code}" with status {status:d}'))
def refused_as(state: dict[str, Any], code: str, status: int) -> None:
    refusal = state["refusal"]
    assert refusal is not None and (refusal.code, refusal.status) == (code, status)


@then("no decision is recorded")
def nothing(setup: Setup) -> None:
    with setup.uow() as uow:
        assert uow.session.scalars(select(DecisionRow)).all() == []


def _issue(setup: Setup, name: str, now: dt.datetime | None = None) -> str:
    with setup.uow() as uow:
        row = uow.partnerships.get(setup.reference)
        recipient = Recipient(name, ADDRESSES[name], Role.sponsor, PARTNERS[name])
        issued = links.issue(
            uow, row, Gate.vision_approval, 1, recipient, setup.keyring,
            base="https://portail.example", days=links.link_days(), actor="test", now=now,
        )  # fmt: skip
        uow.commit()
    return issued.url.split("/d/")[1]


@given(parsers.parse('a link issued to "{name}" on "{moment}"'))
def issued_on(setup: Setup, state: dict[str, Any], name: str, moment: str) -> None:
    state["dated"] = _issue(setup, name, dt.datetime.fromisoformat(moment))


@then(parsers.parse('it opens on "{moment}"'))
def opens_on(setup: Setup, state: dict[str, Any], moment: str) -> None:
    with setup.uow() as uow:
        link, _ = links.check(
            uow, state["dated"], setup.keyring, now=dt.datetime.fromisoformat(moment)
        )
        assert link.person == "Marc Lefèvre"


@then(parsers.parse('it is refused as "{code}" with status {status:d} on "{moment}"'))
def refused_on(setup: Setup, state: dict[str, Any], code: str, status: int, moment: str) -> None:
    with setup.uow() as uow, pytest.raises(links.LinkRefused) as refusal:
        links.check(uow, state["dated"], setup.keyring, now=dt.datetime.fromisoformat(moment))
    assert (refusal.value.code, refusal.value.status) == (code, status)


@when(parsers.parse('a new link is issued to "{name}"'))
def reissued(setup: Setup, state: dict[str, Any], name: str) -> None:
    state["new"] = _issue(setup, name)


@then(parsers.parse('Marc Lefèvre\'s first link is refused as "{code}" with status {status:d}'))
def first_refused(setup: Setup, state: dict[str, Any], code: str, status: int) -> None:
    with setup.uow() as uow:
        with pytest.raises(links.LinkRefused) as refusal:
            links.check(uow, state["Marc Lefèvre"], setup.keyring)
        assert (refusal.value.code, refusal.value.status) == (code, status)
        links.check(uow, state["new"], setup.keyring)  # the new one opens
        assert len(uow.session.scalars(select(DecisionLinkRow)).all()) == 3
