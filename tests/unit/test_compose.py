"""Issue 27: compose.yaml, the Procfile and the Dockerfile held against the code (no base
image can be fetched here): every command a service runs exists, every COOPACT_* variable
is a known setting, every secret is read as a file, and the image installs its system
packages through the same script as CI."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from coopact.adapters.settings import FILE_SUFFIX, known_names

ROOT = Path(__file__).resolve().parents[2]
SECRET_WORDS = ("PASSWORD", "SECRET", "TOKEN", "KEY", "DATABASE_URL")


def _compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def _commands() -> list[list[str]]:
    """Every command line of compose.yaml's services and of the Procfile."""
    found = []
    for service in _compose()["services"].values():
        command = service.get("command")
        if command is None:
            continue
        words = shlex.split(command) if isinstance(command, str) else list(command)
        if words[:2] == ["sh", "-c"]:
            for part in words[2].split("&&"):
                found.append([w for w in shlex.split(part) if "=" not in w or w.startswith("-")])
        else:
            found.append(words)
    for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found.append(shlex.split(line.split(":", 1)[1]))
    return [[w for w in words if w != "exec"] for words in found]


def _coopact_command_exists(words: list[str]) -> None:
    from coopact.entrypoints.cli.registry import COMMANDS, load

    names = [w for w in words[1:] if not w.startswith("-")]
    assert names and names[0] in COMMANDS, f"`{' '.join(words)}`: no command"
    group = load(names[0])  # the command itself, not the registry's listing of it
    for name in names[1:]:
        if not hasattr(group, "commands"):
            break  # the rest are the command's arguments
        found = group.commands.get(name)
        assert found is not None, f"`{' '.join(words)}`: no command {name!r}"
        group = found
    options = {o for p in group.params for o in getattr(p, "opts", [])}
    for word in words[1:]:
        if word.startswith("--"):
            assert word in options, f"`{' '.join(words)}`: no option {word}"


def test_every_command_a_service_runs_exists() -> None:
    commands = _commands()
    assert {c[0] for c in commands} == {"coopact", "prefect"}
    prefect = Path(sys.executable).with_name("prefect")
    checked: set[tuple[str, ...]] = set()
    for words in commands:
        if words[0] == "coopact":
            _coopact_command_exists(words)
            continue
        verbs = tuple(w for w in words[1:3] if not w.startswith("-"))
        if verbs in checked:
            continue
        checked.add(verbs)
        done = subprocess.run(
            [str(prefect), *verbs, "--help"], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, (verbs, done.stderr)
        for word in words[1:]:
            if word.startswith("--") and word != "--no-prompt":
                assert word in done.stdout, f"`{' '.join(words)}`: no option {word}"


def _environments() -> list[dict[str, str]]:
    return [s.get("environment") or {} for s in _compose()["services"].values()]


def test_every_coopact_variable_is_a_known_setting() -> None:
    known = set(known_names()) | {name + FILE_SUFFIX for name in known_names()}
    used = {k for env in _environments() for k in env if k.startswith("COOPACT_")}
    assert used, "the services are configured"
    assert used <= known, used - known


def test_every_secret_is_read_as_a_file() -> None:
    compose = _compose()
    declared = compose["secrets"]
    for name, service in compose["services"].items():
        env = service.get("environment") or {}
        for key, value in env.items():
            if any(word in key for word in SECRET_WORDS) and not key.endswith(FILE_SUFFIX):
                raise AssertionError(f"{name}: {key} is given in clear; use {key}_FILE")
            if key.endswith(FILE_SUFFIX):
                secret = Path(str(value)).name
                assert str(value) == f"/run/secrets/{secret}", (name, key)
                assert secret in (service.get("secrets") or []), (name, secret)
        for secret in service.get("secrets") or []:
            assert "file" in declared[secret], secret
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    assert "PASSWORD=" not in text.replace('PASSWORD="$$(cat /run/secrets/', "")


def test_the_image_installs_through_the_ci_script() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY .ci/system-packages" in dockerfile
    assert "RUN coopact-system-packages" in dockerfile
    assert ".ci/system-packages --test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "postgres" in (ROOT / "compose.yaml").read_text(encoding="utf-8")
    assert "COPY prefect.yaml" in dockerfile


def test_ci_and_the_image_install_the_locked_versions() -> None:
    lock = dict(
        line.split("==", 1)
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert "pip install -c requirements.lock ." in (ROOT / "Dockerfile").read_text()
    assert "-c requirements.lock" in (ROOT / "Makefile").read_text()
    prefect_yaml = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    assert prefect_yaml["prefect-version"] == lock["prefect"]
    assert "matplotlib" not in lock
