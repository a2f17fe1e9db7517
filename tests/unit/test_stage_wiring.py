"""Which rules block which stage: what the registry of stage work adds to each stage."""

from __future__ import annotations

import datetime as dt

import yaml

from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.contracts.lifecycle import Stage
from coopact.stages import STAGE_WORK
from coopact.stages.base import WorkContext
from tests.conftest import EXAMPLE


def _partnership(**governance: object):  # type: ignore[no-untyped-def]
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["governance"]["steering_committee"].update(governance)
    return load_text(yaml.safe_dump(data, allow_unicode=True), "p.yaml")


def _agreement_work(partnership):  # type: ignore[no-untyped-def]
    ctx = WorkContext("P-2027-001", settings().templates, dt.date(2026, 12, 1))
    return STAGE_WORK[Stage.balanced](partnership, ctx)


def test_an_unreachable_quorum_blocks_the_agreement_before_it_can_be_signed() -> None:
    output = _agreement_work(_partnership(quorum=99))
    assert output.documents == []
    assert "governance.quorum_unreachable" in {f.code for f in output.findings}


def test_the_example_gets_its_agreement() -> None:
    output = _agreement_work(_partnership())
    assert [d.kind for d in output.documents] == ["agreement"]
