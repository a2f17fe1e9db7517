"""The foundation through the real command line, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import EXAMPLE
from tests.integration.conftest import Cli


def write(tmp_path: Path, data: dict, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_register_then_status_and_history(cli) -> None:
    assert cli("init", check=True).returncode == 0
    new = cli("new", str(EXAMPLE), check=True)
    assert "P-2027-001" in new.stdout

    status = json.loads(cli("status", "--json", check=True).stdout)
    assert [(p["reference"], p["stage"]) for p in status] == [("P-2027-001", "draft")]
    assert status[0]["awaiting"].startswith("vision_approval")

    history = cli("history", "P-2027-001", check=True).stdout
    assert "partnership.registered" in history


def test_same_file_twice_registers_one_partnership(cli) -> None:
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    again = cli("new", str(EXAMPLE), check=True)
    assert "already registered" in again.stderr
    assert len(json.loads(cli("status", "--json", check=True).stdout)) == 1


def test_a_different_file_with_a_registered_reference_is_refused_naming_the_difference(
    cli, tmp_path, example_data
) -> None:
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    example_data["partners"][1]["name"] = "Logistix Urbaine SA"
    example_data["duration_months"] = 24
    result = cli("new", str(write(tmp_path, example_data)))
    assert result.returncode == 1
    assert "partners[1].name" in result.stderr
    assert "duration_months" in result.stderr
    assert "Traceback" not in result.stderr
    assert "refused" in cli("history", "P-2027-001", check=True).stdout


def test_a_file_without_reference_gets_one_and_is_still_idempotent(
    cli, tmp_path, example_data
) -> None:
    cli("init", check=True)
    del example_data["reference"]
    path = write(tmp_path, example_data)
    first = cli("new", str(path), check=True)
    second = cli("new", str(path), check=True)
    assert "P-2027-001" in first.stdout
    assert "already registered" in second.stderr


def test_invalid_file_lists_every_problem_with_its_path_and_writes_nothing(
    cli_process, tmp_path, example_data
) -> None:
    cli = cli_process
    cli("init", check=True)
    example_data["partners"][1]["identifiers"]["siret"] = "44306184100014"
    example_data["partners"][0]["sponsr"] = {"name": "x"}
    example_data["duration_months"] = "three years"
    result = cli("new", str(write(tmp_path, example_data)))
    assert result.returncode == 2
    assert "partners[1].identifiers.siret: invalid checksum" in result.stderr
    assert "partners[0].sponsr: unknown field" in result.stderr
    assert "duration_months:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert json.loads(cli("status", "--json", check=True).stdout) == []
    assert "0 events" in cli("audit", "verify", check=True).stdout


def test_dangling_partner_key_and_malformed_yaml_exit_2(cli, tmp_path, example_data) -> None:
    cli("init", check=True)
    example_data["contributions"][2]["partner"] = "tremplim"
    result = cli("new", str(write(tmp_path, example_data)))
    assert result.returncode == 2
    assert "contributions[2].partner: unknown partner 'tremplim'" in result.stderr

    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    result = cli("new", str(broken))
    assert result.returncode == 2
    assert "not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_refused_lifecycle_move_exits_1_and_is_audited(cli_process) -> None:
    cli = cli_process
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    result = cli(
        "decide", "P-2027-001", "signature",
        "--as", "Paul Durand", "--role", "signatory", "--for", "tremplin",
        "--outcome", "sign", "--reason", "Signé",
    )  # fmt: skip
    assert result.returncode == 1
    assert "the open gate is vision_approval" in result.stderr
    assert "Traceback" not in result.stderr
    history = cli("history", "P-2027-001", check=True).stdout
    assert "refused" in history
    assert cli("audit", "verify").returncode == 0


def test_commands_refuse_an_uninitialised_database(tmp_path) -> None:
    fresh = Cli(tmp_path / "fresh", f"sqlite:///{tmp_path / 'fresh.db'}", subprocess=True)
    result = fresh("status")
    assert result.returncode == 3
    assert "coopact init" in result.stderr
    assert not (tmp_path / "fresh.db").exists()


def test_a_sponsor_cannot_approve_for_the_other_partner(cli) -> None:
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    result = cli(
        "decide", "P-2027-001", "vision_approval", "--as", "Claire Martin", "--role", "sponsor",
        "--for", "logistix", "--outcome", "approve", "--reason", "Vision validée",
    )  # fmt: skip
    assert result.returncode == 1
    assert "not of Logistix Urbaine SAS" in result.stderr
    history = cli("history", "P-2027-001", check=True).stdout
    assert "refused" in history and "not of Logistix" in history


def test_an_impossible_date_is_invalid_input_not_a_crash(
    cli_process, tmp_path, example_text
) -> None:
    cli = cli_process
    cli("init", check=True)
    path = tmp_path / "p.yaml"
    path.write_text(
        example_text.replace("start_date: 2027-01-15", "start_date: 2027-02-30"), encoding="utf-8"
    )
    result = cli("new", str(path))
    assert result.returncode == 2
    assert "not valid YAML" in result.stderr and "day is out of range" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_demo_never_empties_a_folder_it_did_not_make(tmp_path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "contrat-signé.docx").write_bytes(b"important")
    fresh = Cli(tmp_path / "home", f"sqlite:///{tmp_path / 'x.db'}")
    result = fresh("demo", "--home", str(precious))
    assert result.returncode == 1
    assert "not empty and was not made by `coopact demo`" in result.stderr
    assert (precious / "contrat-signé.docx").read_bytes() == b"important"
