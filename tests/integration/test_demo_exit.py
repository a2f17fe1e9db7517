"""`coopact demo`, run as a person runs it, also takes a second partnership (the English
three-party mécénat) to a no go and a closed exit: its termination letter and exit
statement are written and mailed to each partner's signatory, each acknowledges it, and
the demo home's audit chain verifies."""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
from email.header import decode_header, make_header
from email.utils import parseaddr

import pytest
import yaml

from tests.integration.conftest import Cli

SECOND = "P-2027-002"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, str]:
    from coopact.entrypoints.cli.demo_exit import EXAMPLE

    assert EXAMPLE.exists()
    home = tmp_path_factory.mktemp("demo") / "home"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COOPACT_", "PREFECT_API_URL", "PREFECT_HOME"))
    }
    done = subprocess.run(
        [sys.executable, "-m", "coopact", "demo", "--home", str(home)],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return Cli(home, f"sqlite:///{home / 'coopact.db'}"), done.stdout


@pytest.fixture(autouse=True)
def _the_home_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads the demo home's own key file and anchor log (no session key)."""
    monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)
    monkeypatch.delenv("COOPACT_ANCHOR_LOG", raising=False)


def _signatories() -> dict[str, dict[str, str]]:
    from coopact.entrypoints.cli.demo_exit import exit_file

    partners = yaml.safe_load(exit_file())["partners"]
    return {p["key"]: p["signatory"] for p in partners}


def test_the_second_partnership_ends_closed_with_its_exit_documents(demo) -> None:  # type: ignore[no-untyped-def]
    cli, stdout = demo
    assert f"Demo finished: P-2027-001 and {SECOND}" in stdout
    assert f"{SECOND} is closed: every partner acknowledged its exit" in stdout
    status = json.loads(cli("status", SECOND, "--json", check=True).stdout)
    assert status["stage"] == "closed"
    documents = cli.home / "documents"
    for name in (f"{SECOND}-termination-letter.docx", f"{SECOND}-exit-statement.docx"):
        assert name in stdout
        assert (documents / name).stat().st_size > 5_000


def test_each_partner_s_signatory_acknowledged_the_exit(demo) -> None:  # type: ignore[no-untyped-def]
    cli, _ = demo
    history = json.loads(cli("history", SECOND, "--json", check=True).stdout)
    acknowledged = {
        e["payload"]["partner"]: e["payload"]["decider"]
        for e in history
        if e["action"] == "decision.recorded"
        and e["payload"]["gate"] == "exit_acknowledgement"
        and e["payload"]["role"] == "signatory"
        and e["payload"]["outcome"] == "acknowledge"
    }
    assert acknowledged == {key: s["name"] for key, s in _signatories().items()}
    no_go = [
        e for e in history
        if e["action"] == "decision.recorded" and e["payload"]["gate"] == "review"
    ]  # fmt: skip
    assert no_go and {e["payload"]["outcome"] for e in no_go} == {"no_go"}


def test_the_termination_is_mailed_to_every_partner_and_the_chain_verifies(demo) -> None:  # type: ignore[no-untyped-def]
    cli, _ = demo
    told: dict[str, list[str]] = {}
    for path in (cli.home / "outbox").glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        attached = [p.get_filename() for p in message.walk() if p.get_filename()]
        if f"{SECOND}-termination-letter.docx" in attached:
            to = parseaddr(str(make_header(decode_header(message["To"]))))[0]
            told[to] = attached
    assert set(told) == {s["name"] for s in _signatories().values()}
    for attached in told.values():
        assert f"{SECOND}-exit-statement.docx" in attached
    verified = cli("audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert "Audit chain intact" in verified.stdout


def test_the_money_is_followed_receipted_and_settled_at_the_exit(demo) -> None:  # type: ignore[no-untyped-def]
    """The company's first instalment paid and receipted (mailed to its signatory), the
    foundation's left late; the exit statement returns what was received and not spent."""
    cli, stdout = demo
    assert "tax receipt TRE-2027-0001 mailed to the donor" in stdout
    money = json.loads(cli("money", SECOND, "--json", "--today", "2027-09-01", check=True).stdout)
    states = {(i["partner"], i["due"]): i["status"] for i in money["instalments"]}
    assert states[("greenfleet", "2027-04-15")] == "paid"
    assert states[("roots", "2027-06-30")] == "late"
    documents = json.loads(cli("documents", SECOND, "--json", check=True).stdout)
    assert [d["kind"] for d in documents].count("tax_receipt") == 1
    receipts = [
        email.message_from_bytes(p.read_bytes()) for p in (cli.home / "outbox").glob("*.eml")
    ]
    to_donor = [
        m for m in receipts
        if any(p.get_filename() == f"{SECOND}-TRE-2027-0001.docx" for p in m.walk())
    ]  # fmt: skip
    assert [parseaddr(m["To"])[1] for m in to_donor] == ["m.lefevre@greenfleet.example"]
    from docx import Document

    statement = Document(str(cli.home / "documents" / f"{SECOND}-exit-statement.docx"))
    text = " ".join(p.text for p in statement.paragraphs)
    assert "the unspent balance of €12,000.00 is returned by Solidarity Kitchens" in text
