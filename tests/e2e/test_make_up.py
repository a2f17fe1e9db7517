"""Issue 27: one machine without containers. The Procfile's processes (the Prefect server,
two workers, the portal) come up under honcho, as `make up` starts them; a partnership is
created and read through the portal's API, then everything is brought down."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLE
from tests.ports import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def _wait(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} did not answer: {log.read_text(errors='replace')[-3000:]}")


def test_the_procfile_comes_up_serves_a_partnership_and_goes_down(tmp_path: Path) -> None:
    honcho = Path(sys.executable).with_name("honcho")
    if not honcho.exists():
        pytest.skip("honcho is not installed (pip install honcho)")
    prefect_port, portal_port = free_port(), free_port()
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "COOPACT_HOME": str(tmp_path / "home"),
        "COOPACT_DATABASE_URL": f"sqlite:///{tmp_path / 'home' / 'coopact.db'}",
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_PORT": str(prefect_port),
        "COOPACT_PORT": str(portal_port),
        "PREFECT_API_URL": f"http://127.0.0.1:{prefect_port}/api",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    run = {"env": env, "capture_output": True, "text": True, "timeout": 120}
    assert subprocess.run([sys.executable, "-m", "coopact", "init"], **run).returncode == 0  # type: ignore[call-overload]
    log = tmp_path / "honcho.log"
    with log.open("wb") as out:
        up = subprocess.Popen(
            [str(honcho), "start", "-f", str(ROOT / "Procfile")],
            env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            _wait(f"http://127.0.0.1:{portal_port}/healthz", up, log)
            _wait(f"http://127.0.0.1:{prefect_port}/api/health", up, log)
            made = subprocess.run(  # type: ignore[call-overload]
                [sys.executable, "-m", "coopact", "token", "add", "crm", "--scope", "write"],
                **run,
            )
            assert made.returncode == 0, made.stderr
            bearer = {"Authorization": f"Bearer {made.stdout.strip()}"}
            api = f"http://127.0.0.1:{portal_port}/api/v1"
            created = httpx.post(
                f"{api}/partnerships", headers={**bearer, "Content-Type": "application/yaml"},
                content=EXAMPLE.read_bytes(), timeout=60,
            )  # fmt: skip
            assert created.status_code == 201, created.text
            listed = httpx.get(f"{api}/partnerships", headers=bearer, timeout=30).json()
            assert [p["reference"] for p in listed] == ["P-2027-001"]
            assert httpx.get(f"{api}/partnerships", timeout=30).status_code == 401
            time.sleep(3)  # the workers polled the server meanwhile
            assert up.poll() is None, log.read_text(errors="replace")[-3000:]
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(up.pid, signal.SIGTERM)
            try:
                up.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(up.pid, signal.SIGKILL)
                up.wait()
    text = log.read_text(errors="replace")
    assert "portal.1" in text and "worker1.1" in text and "prefect.1" in text
    assert "stopped (rc=1)" not in text, text[-3000:]
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{portal_port}/healthz", timeout=2)
