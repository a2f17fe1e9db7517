"""The officer's button on the money page sends a partner's referent its schedule link; the
referent opens it without an account and reads its schedule in the partnership's language
(French here: amounts by Babel, French spacing); a new link replaces the old; only a
partnership officer sends it; a schedule link takes no form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from html import unescape
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from coopact.adapters.config import settings
from coopact.adapters.mail.transports import OutboxTransport
from coopact.entrypoints.web import Portal, create_app
from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.uow import UnitOfWork
from tests.conftest import PreparedStates
from tests.money_support import REF, mecenat_data, register_signed
from tests.portal_support import PASSWORD, csrf_of

OFFICER = "s.garnier@kitchens.example"
TREASURER = "n.roussel@kitchens.example"
JULIE = "j.moreau@greenfleet.example"


def _signed_mecenat(language: str) -> Callable[[str, Path], None]:
    def build(url: str, home: Path) -> None:
        """The mécénat in ``language``, registered and signed, an officer and a treasurer:
        built once per session (``prepared_states``), copied for each test."""
        with pytest.MonkeyPatch.context() as monkeypatch:
            monkeypatch.setenv("COOPACT_HOME", str(home))
            monkeypatch.setenv("COOPACT_PUBLIC_URL", "http://testserver")
            home.mkdir(parents=True, exist_ok=True)
            engine = make_engine(url)
            keyring = load_keyring(home)
            data = mecenat_data()
            data["language"] = language
            register_signed(UnitOfWork.for_engine(engine, keyring=keyring), data)
            for address, role in ((OFFICER, "partnership_officer"), (TREASURER, "treasurer")):
                users.add_user(
                    UnitOfWork.for_engine(engine, keyring=keyring), address, role, PASSWORD,
                    actor="t",
                )  # fmt: skip
            engine.dispose()

    return build


@pytest.fixture
def client(
    request: pytest.FixtureRequest,
    prepared_states: PreparedStates,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TestClient]:
    language = getattr(request, "param", "fr")
    url, home = prepared_states.copy(
        f"schedule-portal-{language}", "sqlite", _signed_mecenat(language), request
    )
    monkeypatch.setenv("COOPACT_HOME", str(home))
    monkeypatch.setenv("COOPACT_PUBLIC_URL", "http://testserver")
    engine = make_engine(url)
    keyring = load_keyring(home)
    config = Portal(
        uow=lambda: UnitOfWork.for_engine(engine, keyring=keyring), keyring=keyring,
        templates=settings().templates, transport=lambda: OutboxTransport(home / "outbox"),
        public_url="http://testserver",
    )  # fmt: skip
    yield TestClient(create_app(config), raise_server_exceptions=False)
    engine.dispose()


def _sign_in(client: TestClient, address: str) -> None:
    page = client.get("/login")
    client.post(
        "/login",
        data={"csrf": csrf_of(page.text), "email": address, "password": PASSWORD, "next": "/"},
    )


def _send(client: TestClient, partner: str) -> object:
    page = client.get(f"/p/{REF}/money")
    return client.post(
        f"/p/{REF}/money/link", data={"csrf": csrf_of(page.text), "partner": partner}
    )


def _links_to(outbox: Path, address: str) -> list[str]:
    found = []
    for eml in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime):
        message = message_from_bytes(eml.read_bytes(), _class=EmailMessage, policy=default)
        if address in str(message["To"]):
            body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
            found += re.findall(r"http://testserver(/d/\S+)", body)
    return found


def test_the_officer_sends_a_referent_its_link(client: TestClient, tmp_path: Path) -> None:
    _sign_in(client, OFFICER)
    page = client.get(f"/p/{REF}/money")
    assert "Envoyer le lien de l'échéancier" in unescape(page.text)
    done = _send(client, "greenfleet")
    text = unescape(done.text)  # type: ignore[attr-defined]
    assert "Lien personnel de l'échéancier envoyé à Julie Moreau." in text
    (first,) = _links_to(tmp_path / "home" / "outbox", JULIE)
    client.cookies.clear()  # the referent has no account

    schedule = client.get(first)
    shown = unescape(schedule.text)
    assert schedule.status_code == 200
    assert "Échéancier de Greenfleet Logistics SAS" in shown
    assert "30\u202f000,00\u00a0€" in shown or "30\u00a0000,00\u00a0€" in shown
    assert "15 avril 2027" in shown and "à échoir" in shown
    assert "Ce lien vous est réservé\u00a0: ne le transférez pas." in shown
    assert "Roots Foundation" not in shown and "coopact " not in shown.split("<main")[1]
    assert client.post(first, data={}).status_code in (403, 405)

    _sign_in(client, OFFICER)
    _send(client, "greenfleet")
    client.cookies.clear()
    second = _links_to(tmp_path / "home" / "outbox", JULIE)[-1]
    assert second != first
    replaced = client.get(first)
    said = unescape(replaced.text)
    assert replaced.status_code == 410  # replaced by the new link, under its own title
    assert "Lien d'échéancier non valable" in said and "Lien de décision" not in said
    assert "Ce lien a été remplacé par un nouveau lien" in said
    assert client.get(second).status_code == 200
    token = second.rsplit("/", 1)[1]
    altered = client.get(f"/d/{token[:-1]}{'0' if token[-1] != '0' else '1'}")
    assert altered.status_code == 403 and "Lien d'échéancier non valable" in unescape(altered.text)


@pytest.mark.parametrize("client", ["en"], indirect=True)
def test_an_english_schedule_link_refused_reads_english(client: TestClient, tmp_path: Path) -> None:
    _sign_in(client, OFFICER)
    _send(client, "greenfleet")
    _send(client, "greenfleet")
    client.cookies.clear()
    first, _second = _links_to(tmp_path / "home" / "outbox", JULIE)
    said = unescape(client.get(first).text)
    assert "Payment schedule link not valid" in said and "Decision link" not in said


def test_only_a_partnership_officer_sends_the_link(client: TestClient, tmp_path: Path) -> None:
    _sign_in(client, TREASURER)
    assert "Envoyer le lien" not in unescape(client.get(f"/p/{REF}/money").text)
    refused = _send(client, "greenfleet")
    assert refused.status_code == 403  # type: ignore[attr-defined]
    assert not (tmp_path / "home" / "outbox").exists() or not _links_to(
        tmp_path / "home" / "outbox", JULIE
    )


def test_the_partnership_page_lists_a_schedule_link_in_words(client: TestClient) -> None:
    """The links table shows the referent's schedule link as what it is, never a 500."""
    _sign_in(client, OFFICER)
    _send(client, "greenfleet")
    page = client.get(f"/p/{REF}")
    assert page.status_code == 200, page.text
    shown = unescape(page.text)
    assert "Julie Moreau (Greenfleet Logistics SAS)" in shown
    assert "échéancier des versements (consultation)" in shown
    assert "money_schedule" not in shown and "money schedule" not in shown


def test_the_timeline_names_each_event_in_the_officer_s_language(client: TestClient) -> None:
    """The partnership page's timeline says what happened in words, never an audit code."""
    _sign_in(client, OFFICER)
    _send(client, "greenfleet")
    french = unescape(client.get(f"/p/{REF}").text).split('id="timeline"')[1]
    assert "partenariat enregistré" in french
    assert "lien de l'échéancier envoyé au référent" in french
    english = unescape(client.get(f"/p/{REF}?lang=en").text).split('id="timeline"')[1]
    assert "partnership registered" in english
    for shown in (french, english):
        assert "partnership.registered" not in shown and "link.issued" not in shown
