"""The mails around the personal links, without a browser: signed by a human partnership
officer (name, address to reply to, phone), no command line for the people who decide,
the officers told with what to do next, English words and spacing in English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from coopact import services
from coopact.adapters.loading import load_text
from coopact.adapters.mail import sender as notify_sender
from coopact.adapters.mail.renewal import reminder_messages
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from tests.life_support import COMMAND, OFFICER, Life, english, french, set_up_life, text_of


@pytest.fixture
def life(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Life]:
    made = set_up_life(tmp_path / "home", sqlite_url, monkeypatch, "http://testserver", french())
    yield made
    made.engine.dispose()


def test_a_gate_mail_is_signed_by_the_partnership_officer(life: Life) -> None:
    mail = life.mails_to("c.martin@tremplin.example")[-1]
    assert str(mail["From"]) == "Sophie Garnier <coopact@localhost>"
    assert str(mail["Reply-To"]) == f"Sophie Garnier <{OFFICER['email']}>"
    text = text_of(mail)
    assert "Sophie Garnier, chargé(e) de partenariat" in text and OFFICER["phone"] in text
    assert "Et ensuite" in text and not COMMAND.search(text)
    assert "Partenariat\u00a0:" in text  # French spacing


def test_the_officer_is_told_of_a_rejection_with_what_to_do(life: Life) -> None:
    services.decide(
        life.uow(), life.reference, Gate.vision_approval,
        Decider("Marc Lefèvre", Role.sponsor, "logistix"), Outcome.reject, "Trop vague.",
    )  # fmt: skip
    life.advance()
    [told] = life.mails_to(OFFICER["email"])
    text = text_of(told)
    assert "décision de rejet" in text and "Ce qu'il reste à faire" in text
    life.advance()
    assert len(life.mails_to(OFFICER["email"])) == 1, "told once"


def test_renewal_reminders_show_no_command_and_are_signed() -> None:
    for data in (french(), english()):
        for renewal in ("express", "tacit"):
            data["renewal"] = renewal
            partnership = load_text(yaml.safe_dump(data, allow_unicode=True))
            messages = reminder_messages(
                partnership, reference="P-2027-001", sender="coopact@localhost",
                reminder_on=dt.date(2029, 8, 15),
            )  # fmt: skip
            assert messages
            for message in messages:
                text = text_of(message)
                assert not COMMAND.search(text), text
                assert OFFICER["name"] in text and message["Reply-To"]


def test_the_officer_comes_from_the_configuration_when_the_file_names_none() -> None:
    environ = {"COOPACT_OFFICER_NAME": "Léa Roux", "COOPACT_OFFICER_EMAIL": "lea@example.org"}
    officer = notify_sender.officer_of(None, environ)
    assert officer == notify_sender.Officer("Léa Roux", "lea@example.org", None)
    assert notify_sender.sender(officer, "coopact@example.org") == (
        "Léa Roux <coopact@example.org>"
    )
    assert notify_sender.officer_of(None, {}) is None


def test_an_english_partnership_refuses_in_english(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from starlette.testclient import TestClient

    from tests.portal_support import app_of, csrf_of

    life = set_up_life(tmp_path / "home", sqlite_url, monkeypatch, "http://testserver", english())
    client = TestClient(app_of(life), raise_server_exceptions=False)
    path = life.links_to("c.martin@kitchens.example")[-1].removeprefix("http://testserver")
    altered = client.get(path[:-1] + ("0" if path[-1] != "0" else "1"))
    assert altered.status_code == 403 and "This decision link is not valid" in altered.text
    assert "Décision" not in altered.text
    page = client.get(path)
    assert "Decision awaited: the approval of the shared vision" in page.text
    sent = client.post(path, data={"csrf": csrf_of(page.text), "outcome": "go", "reason": ""})
    text = sent.text.replace("&#39;", "'")
    # The file names no partner's constraints (3 blocking findings): the vision cannot be
    # approved.
    assert sent.status_code == 400 and "Choose your decision among: I reject." in text
    assert "'I approve' is not offered: the document shows 3 blocking findings" in text
    assert "Give the reason for your decision." in sent.text
    life.engine.dispose()
