"""Must show (issue 24): `coopact status --json` on every practitioner case, registered and
advanced to its vision note: no finding whose message is its code, each finding once, and a
finding a stage stored (a review's) read in full too."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from coopact.contracts import review_texts
from coopact.contracts.finding_texts import Factor, Severity
from coopact.contracts.findings import Finding
from coopact.services._common import _finding_rows
from coopact.store.uow import UnitOfWork
from tests.integration.conftest import Cli

CASES = Path(__file__).resolve().parents[1] / "data" / "method_cases"


def _status(cli: Cli, reference: str) -> dict[str, Any]:
    return json.loads(cli("status", reference, "--json", check=True).stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_case_reads_in_sentences_once_each(cli: Cli, tmp_path: Path) -> None:
    cli("init", check=True)
    cases = sorted(p for p in CASES.glob("case*.yaml") if ".expected" not in p.name)
    references = []
    for case in cases:
        copy = tmp_path / case.name
        shutil.copy(case, copy)
        references.append(cli("new", str(copy), check=True).stdout.splitlines()[-1])
        cli("advance", references[-1], "--today", "2026-12-01")
    for reference in references:
        view = _status(cli, reference)
        for element in view["scorecard"]:
            assert element["rating"] != "covered" or not element["findings"], element
        findings = view["findings"]
        assert isinstance(findings, list) and findings
        for f in findings:
            assert f["message"] != f["code"], f
            assert not re.search(r"\{[a-z_]+\}", f["message"]), f
        pairs = [(f["code"], f["path"]) for f in findings]
        assert len(pairs) == len(set(pairs)), reference


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_stored_review_finding_reads_in_full(cli: Cli, uow: UnitOfWork) -> None:
    cli("init", check=True)
    case = CASES / "case09_felt_vs_measured.yaml"
    reference = cli("new", str(case), check=True).stdout.splitlines()[-1]
    stored = Finding(
        code=review_texts.MILESTONE_OVERDUE,
        severity=Severity.warning,
        factor=Factor.demarrer,
        path="milestones[0]",
        params={
            "milestone": "m1",
            "title": "Premiers parcours lancés",
            "due": "2027-04-30",
            "indicator": "Personnes entrées en parcours",
            "value": "5",
            "target": "15",
            "unit": "personnes",
        },
    )
    with uow:
        row = uow.partnerships.get(reference)
        uow.partnerships.replace_findings(row, "in_review", _finding_rows([stored]))
        uow.commit()
    view = _status(cli, reference)
    [shown] = [f for f in view["findings"] if f["code"] == review_texts.MILESTONE_OVERDUE]
    assert shown["message"].startswith("Le jalon m1 « Premiers parcours lancés » était dû le 30")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_warning_is_stored_once_when_its_stage_stores_it(
    cli: Cli, uow: UnitOfWork, tmp_path: Path
) -> None:
    """Registration warns of a milestone measuring one partner; the agreement stage stores
    the same finding: the database keeps one."""
    cli("init", check=True)
    case = tmp_path / "case.yaml"
    shutil.copy(CASES / "case06_milestones_one_partner.yaml", case)
    reference = cli("new", str(case), check=True).stdout.splitlines()[-1]
    with uow:
        row = uow.partnerships.get(reference)
        row.stage = "balanced"
        uow.commit()
    cli("advance", reference, "--today", "2026-12-01")
    with uow:
        rows = uow.partnerships.findings(uow.partnerships.get(reference))
        kept = [(f.stage, f.path) for f in rows if f.code == "smart.milestone_measures_one_partner"]
    assert sorted(kept) == [("balanced", "milestones[0]"), ("balanced", "milestones[1]")]
