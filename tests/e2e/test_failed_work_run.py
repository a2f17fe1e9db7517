"""A decision taken while a Prefect server is there is a flow run: when the work after it
fails (LibreOffice unable to convert), the command still says so and exits 5, instead of
"now formalised" with the failure only in the run's report (issue 22, item 11)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.integration.conftest import Cli
from tests.integration.test_failed_work import (
    _balanced_with_its_agreement,
    _broken_libreoffice,
    _decide_legal,
    _needs_libreoffice,
    _packets,
)

pytestmark = [pytest.mark.e2e, pytest.mark.libreoffice]


def test_through_a_flow_run_the_failed_work_is_said_and_exits_5(
    prefect_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _needs_libreoffice()
    url = f"sqlite:///{tmp_path / 'coopact.db'}"
    Cli(tmp_path / "home", url)("init", check=True)
    _balanced_with_its_agreement(url)
    monkeypatch.setenv("PREFECT_API_URL", prefect_server)
    monkeypatch.setenv("PATH", _broken_libreoffice(tmp_path))
    before = _decide_runs(prefect_server)
    decided = _decide_legal(Cli(tmp_path / "home", url, subprocess=True))
    assert decided.returncode == 5, decided.stdout + decided.stderr
    said = " ".join(decided.stderr.split())
    assert "the decision is recorded" in said and "LibreOffice could not convert" in said
    assert "now formalised" not in decided.stdout and _packets(url) == []
    after = _decide_runs(prefect_server)
    [run] = [r for r in after if r["id"] not in {b["id"] for b in before}]
    assert run["state"]["type"] == "COMPLETED", "the run ends; the command says the rest"


def _decide_runs(api: str) -> list[dict]:  # type: ignore[type-arg]
    return httpx.post(  # type: ignore[no-any-return]
        f"{api}/flow_runs/filter",
        json={"flow_runs": {"name": {"like_": "decide P-2027-001"}}},
    ).json()
