"""The segregation of duties as a table: every gate x channel x entrant, one verdict each."""

from __future__ import annotations

import itertools

import pytest

from contracts import duties
from contracts.duties import Channel, Entrant
from contracts.lifecycle import Gate

RESERVED = {Gate.legal_approval, Gate.amendment_approval, Gate.signature, Gate.amendment_signature}


def _expected(gate: Gate, channel: Channel, entrant: Entrant) -> bool:
    """The policy restated independently, as the issue writes it."""
    if channel is Channel.link:
        return entrant is Entrant.decider or (
            entrant is Entrant.legal_officer
            and gate in {Gate.legal_approval, Gate.amendment_approval}
        )
    if channel is Channel.portal:
        return entrant is Entrant.legal_officer and gate in {
            Gate.legal_approval,
            Gate.amendment_approval,
        }
    if channel is Channel.on_behalf:
        return entrant is Entrant.partnership_officer and gate not in RESERVED
    if channel in (Channel.cli, Channel.prefect, Channel.demo):
        return entrant is Entrant.operator
    if channel is Channel.webhook:
        return entrant is Entrant.provider and gate in {Gate.signature, Gate.amendment_signature}
    raise AssertionError(channel)


@pytest.mark.parametrize(
    ("gate", "channel", "entrant"), list(itertools.product(Gate, Channel, Entrant))
)
def test_each_role_gate_and_channel_has_its_verdict(
    gate: Gate, channel: Channel, entrant: Entrant
) -> None:
    found = duties.refusal(
        gate, channel, entrant, evidence=True, in_person=channel in (Channel.link, Channel.portal)
    )
    assert (found is None) == _expected(gate, channel, entrant), found


@pytest.mark.parametrize("gate", sorted(RESERVED))
def test_a_partnership_officer_never_records_a_legal_approval_or_a_signature_for_another(
    gate: Gate,
) -> None:
    found = duties.refusal(gate, Channel.on_behalf, Entrant.partnership_officer, evidence=True)
    assert found is not None and "never recorded on someone's behalf" in found
    assert gate not in duties.on_behalf_gates()


@pytest.mark.parametrize("gate", sorted(set(Gate) - RESERVED))
def test_on_behalf_recording_needs_its_evidence(gate: Gate) -> None:
    refused = duties.refusal(gate, Channel.on_behalf, Entrant.partnership_officer)
    assert refused is not None and "needs the evidence" in refused
    assert (
        duties.refusal(gate, Channel.on_behalf, Entrant.partnership_officer, evidence=True) is None
    )


def test_a_legal_officers_page_records_only_their_own_approval() -> None:
    refused = duties.refusal(Gate.legal_approval, Channel.portal, Entrant.legal_officer)
    assert refused is not None and "only by the person who decides it" in refused
