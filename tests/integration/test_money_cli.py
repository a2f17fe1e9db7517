"""`coopact money` and `coopact payment` as a user runs them (a subprocess): the JSON of the
instalments, a payment with its receipt and its mail, and the refusals: one paragraph, the
README's exit code, no traceback, nothing recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coopact.store.uow import UnitOfWork
from tests.integration.conftest import Cli
from tests.money_support import REF, TREASURER, register_signed

PAY = ("payment", REF, "--date", "2027-04-20", "--as", TREASURER, "--role", "treasurer")


def _pay(cli: Cli, partner: str, amount: str, reference: str) -> tuple[int, str]:
    done = cli(*PAY, "--partner", partner, "--amount", amount, "--reference", reference)
    return done.returncode, done.stdout + done.stderr


def test_money_and_payment_from_the_command_line(
    cli_process: Cli, db_url: str, tmp_path: Path
) -> None:
    register_signed(UnitOfWork.for_url(db_url))
    before = json.loads(
        cli_process("money", REF, "--json", "--today", "2027-04-16", check=True).stdout
    )
    first = before["instalments"][0]
    assert (first["partner"], first["due"], first["paid_eur"], first["status"]) == (
        "greenfleet", "2027-04-15", "0.00", "late",
    )  # fmt: skip
    code, text = _pay(cli_process, "greenfleet", "30000", "VIR-0001")
    assert code == 0, text
    assert "Tax receipt TRE-2027-0001 issued" in text and "mailed to the donor's signatory" in text
    assert len(list((cli_process.home / "outbox").glob("*.eml"))) == 1
    after = json.loads(
        cli_process("money", REF, "--json", "--today", "2027-04-20", check=True).stdout
    )
    assert after["instalments"][0]["status"] == "paid"
    assert after["payments"][0]["receipt"] == "TRE-2027-0001"
    listed = json.loads(cli_process("documents", REF, "--json", check=True).stdout)
    assert [d["filename"] for d in listed if d["kind"] == "tax_receipt"] == [
        "P-2027-002-TRE-2027-0001.docx"
    ]
    csv = cli_process("money", "--all", "--csv", "--today", "2027-04-20", check=True).stdout
    assert csv.splitlines()[1] == "P-2027-002,greenfleet,kitchens,2027-04-15,30000.00,30000.00,paid"

    for partner, amount, reference, exit_code in (
        ("greenfleet", "30000", "VIR-0001", 1),
        ("kitchens", "30000", "VIR-0002", 1),
        ("greenfleet", "-30000", "VIR-0002", 2),
        ("greenfleet", "30 000 EUR", "VIR-0002", 2),
        ("greenfleet", "50000.01", "VIR-0002", 1),
    ):
        code, text = _pay(cli_process, partner, amount, reference)
        assert code == exit_code, text
        assert "Traceback" not in text and "exit " in text
    again = json.loads(
        cli_process("money", REF, "--json", "--today", "2027-04-20", check=True).stdout
    )
    assert again["payments"] == after["payments"]
    assert len(list((cli_process.home / "outbox").glob("*.eml"))) == 1


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url
