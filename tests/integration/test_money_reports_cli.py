"""`coopact valuation` and `coopact use-of-funds` as a user runs them (a subprocess): a
skills gift valued at cost gets the next receipt of the donee's sequence, the use of funds
becomes a document mailed to the payers' sponsors and the committee; refusals are one
paragraph with the README's exit code, no traceback and nothing recorded."""

from __future__ import annotations

import io
import json
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from docx import Document

from coopact.store.uow import UnitOfWork
from tests.integration.conftest import Cli
from tests.money_support import (
    EQUIPMENT_INDEX,
    REF,
    SKILLS_INDEX,
    TREASURER,
    gifts_data,
    register_signed,
)

AS = ("--as", TREASURER, "--role", "treasurer")


def _value(cli: Cli, partner: str, index: int, amount: str, ref: str) -> tuple[int, str]:
    done = cli(
        "valuation", REF, "--partner", partner, "--contribution", str(index), "--amount", amount,
        "--date", "2027-06-30", "--reference", ref, *AS,
    )  # fmt: skip
    return done.returncode, done.stdout + done.stderr


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return (
        " ".join(p.text for p in document.paragraphs).replace("\u202f", " ").replace("\u00a0", " ")
        + " | "
        + " ".join(cells).replace("\u202f", " ").replace("\u00a0", " ")
    )


def _mails(home: Path) -> list[EmailMessage]:
    return [
        message_from_bytes(p.read_bytes(), _class=EmailMessage, policy=default)  # type: ignore[misc]
        for p in sorted((home / "outbox").glob("*.eml"))
    ]


def test_a_skills_gift_valued_at_cost_is_receipted_in_the_same_sequence(
    cli_process: Cli, db_url: str
) -> None:
    register_signed(UnitOfWork.for_url(db_url), gifts_data())
    paid = cli_process(
        "payment", REF, "--partner", "greenfleet", "--amount", "30000", "--date", "2027-04-20",
        "--reference", "VIR-0001", *AS,
    )  # fmt: skip
    assert paid.stdout == "TRE-2027-0001\n", paid.stdout + paid.stderr  # the receipt's number
    code, text = _value(cli_process, "greenfleet", SKILLS_INDEX, "12000", "ATT-2027-01")
    assert code == 0, text
    assert "skills gift of greenfleet to kitchens valued at 12000.00 EUR" in text
    assert "Tax receipt TRE-2027-0002 issued" in text
    listed = json.loads(cli_process("documents", REF, "--json", check=True).stdout)
    assert [d["filename"] for d in listed if d["kind"] == "tax_receipt"][-1] == (
        "P-2027-002-TRE-2027-0002.docx"
    )
    receipt = _mails(cli_process.home)[-1]
    assert "m.lefevre@greenfleet.example" in str(receipt["To"])
    [attached] = list(receipt.iter_attachments())
    words = _text(attached.get_content())
    assert "Nature of the gift: skills sponsorship (mécénat de compétences)" in words
    assert (
        "valued at cost (salaries and social charges of the staff made available), "
        "certified by the donor (certificate ATT-2027-01)" in words
    )
    assert "Amount in words: twelve thousand euros" in words

    shown = json.loads(cli_process("money", REF, "--json", check=True).stdout)["valuations"]
    assert [(v["kind"], v["amount_eur"], v["reference"], v["receipt"]) for v in shown] == [
        ("skills", "12000.00", "ATT-2027-01", "TRE-2027-0002")
    ]
    # The foundation's equipment is recorded, never receipted (a foundation cannot claim it).
    code, text = _value(cli_process, "roots", EQUIPMENT_INDEX, "4800", "ATT-ROOTS")
    assert code == 0 and "Tax receipt" not in text, text
    before = len(_mails(cli_process.home))
    for partner, index, amount, ref, exit_code in (
        ("greenfleet", SKILLS_INDEX, "1000", "ATT-2027-01", 1),  # the same reference again
        ("greenfleet", 0, "1000", "ATT-X", 1),  # a cash contribution
        ("roots", SKILLS_INDEX, "1000", "ATT-X", 1),  # not its gift
        ("kitchens", 2, "1000", "ATT-X", 1),  # its own work: no one receives it
        ("greenfleet", SKILLS_INDEX, "3000.01", "ATT-X", 1),  # above the 15 000 EUR stated
        ("greenfleet", SKILLS_INDEX, "-5", "ATT-X", 2),
        ("greenfleet", SKILLS_INDEX, "12k", "ATT-X", 2),
    ):
        code, text = _value(cli_process, partner, index, amount, ref)
        assert code == exit_code, (ref, partner, text)
        assert "Traceback" not in text and "exit " in text
        assert exit_code == 2 or "nothing was recorded" in text, text
    assert len(_mails(cli_process.home)) == before
    # The chain holds each valuation and receipt (the stage alone was set by hand here).
    verified = cli_process("audit", "verify")
    problems = verified.stdout + verified.stderr
    assert "1 problem(s)" in problems and "its stage was changed by hand" in problems, problems


def test_the_use_of_funds_report_is_checked_generated_and_mailed(
    cli_process: Cli, db_url: str, tmp_path: Path
) -> None:
    register_signed(UnitOfWork.for_url(db_url), gifts_data())
    for partner, amount, day, ref in (
        ("greenfleet", "30000", "2027-04-20", "VIR-0001"),
        ("roots", "30000", "2027-06-28", "VIR-ROOTS"),
        ("greenfleet", "30000", "2028-01-05", "VIR-0002"),  # another year
    ):
        cli_process(
            "payment", REF, "--partner", partner, "--amount", amount, "--date", day,
            "--reference", ref, *AS, check=True,
        )  # fmt: skip
    sent = len(_mails(cli_process.home))
    report = tmp_path / "use-2027.yaml"

    report.write_text(
        "year: 2027\nspent:\n  - {objective: 1, amount_eur: 60000.01, note: Meals}\n",
        encoding="utf-8",
    )
    refused = cli_process("use-of-funds", REF, str(report))
    said = refused.stdout + refused.stderr
    assert refused.returncode == 2 and "Traceback" not in said
    assert "60000.01 EUR spent is more than the 60000.00 EUR kitchens received in 2027" in said
    report.write_text("year: 2027\nspent:\n  - {objective: 3, amount_eur: 10}\n", encoding="utf-8")
    refused = cli_process("use-of-funds", REF, str(report))
    assert refused.returncode == 2
    assert "spent[0].objective" in refused.stdout + refused.stderr
    assert len(_mails(cli_process.home)) == sent

    report.write_text(
        "year: 2027\nspent:\n"
        '  - {objective: 1, amount_eur: 41000, note: "Meals served on the campus"}\n'
        '  - {objective: "Ten students trained as kitchen assistants", amount_eur: 6500}\n',
        encoding="utf-8",
    )
    reported = cli_process("use-of-funds", REF, str(report), check=True)
    done = reported.stderr
    assert "60000.00 EUR received, 47500.00 EUR spent, 12500.00 EUR unspent" in done
    listed = json.loads(cli_process("documents", REF, "--json", check=True).stdout)
    [doc] = [d for d in listed if d["kind"] == "use_of_funds"]
    assert doc["filename"] == "P-2027-002-use-of-funds-2027.docx"
    assert reported.stdout == doc["sha256"] + "\n"  # the value: the report's SHA-256
    mails = _mails(cli_process.home)[sent:]
    assert sorted(str(m["To"]).split("<")[1].rstrip(">") for m in mails) == [
        "c.martin@kitchens.example", "h.petit@roots.example", "m.lefevre@greenfleet.example",
    ]  # fmt: skip
    [attached] = list(mails[0].iter_attachments())
    words = _text(attached.get_content())
    assert "Use of funds report 2027" in words
    assert "Greenfleet Logistics SAS €30,000.00" in words and "Roots Foundation €30,000.00" in words
    assert "1 40,000 meals served over two years €41,000.00 Meals served on the campus" in words
    assert "unspent balance: €12,500.00" in words


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url
