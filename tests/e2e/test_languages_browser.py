"""Each reader in their language, in Chromium: an English partnership's link pages (the
decision, the decision recorded, a refused link) and an English officer's pages (login,
portfolio, partnership page, register, a refusal) hold no French word; a French officer's
pages and a French partnership's keep French typography (a non-breaking space before the
colon), and the English ones none. The officer's language is chosen in the header and
kept across pages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.migrate import upgrade
from coopact.store.uow import UnitOfWork
from tests.e2e.test_portal_life import _serve
from tests.life_support import Life, english, french, set_up_life
from tests.portal_support import PASSWORD
from tests.ports import free_port

OFFICER = "agent@example.org"
FRENCH_WORDS = (
    "Décision", "décision", "refusée", "Partenariat", "partenariat", "attendu", "Étape",
    "Connexion", "Portefeuille", "Motif", "Aucun", "Enregistrer", "Se déconnecter", "juriste",
    "chargé", "Lien", "brouillon",
)  # fmt: skip
SPACED = re.compile(r"[ \u00a0\u202f][:;!?]")  # any space before the punctuation
PLAIN_SPACED = re.compile(r" [:;!?]")  # a breaking space before it: wrong in French


@pytest.fixture
def portal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chromium: Any
) -> Iterator[Callable[[dict[str, Any], str], tuple[Life, Any]]]:
    """``start(data, locale)``: the portal serving ``data``'s partnership, and a page of a
    Chromium whose browser speaks ``locale``."""
    stops: list[Callable[[], None]] = []
    contexts: list[Any] = []

    def start(data: dict[str, Any], locale: str) -> tuple[Life, Any]:
        port = free_port()
        url = f"sqlite:///{tmp_path / 'coopact.db'}"
        upgrade(make_engine(url))
        life = set_up_life(tmp_path / "home", url, monkeypatch, f"http://127.0.0.1:{port}", data)
        users.add_user(
            UnitOfWork.for_engine(life.engine), OFFICER, "partnership_officer", PASSWORD,
            actor="test",
        )  # fmt: skip
        stops.append(_serve(life, port))
        contexts.append(chromium.new_context(locale=locale))
        return life, contexts[-1].new_page()

    yield start
    for context in contexts:
        context.close()
    for stop in stops:
        stop()


def _text(page: Any) -> str:
    return str(page.locator("body").inner_text())


def _no_french(page: Any, what: str, *, allowed: tuple[str, ...] = ()) -> str:
    text = _text(page)
    for name in allowed:  # the people's and the partnership's own names
        text = text.replace(name, "N")
    found = [w for w in FRENCH_WORDS if w in text]
    assert not found, (what, found, text)
    assert not SPACED.search(text), (what, "a space before : ; ! ? in English", text)
    assert "«" not in text and "»" not in text, (what, text)
    return text


def _french_typography(page: Any, what: str) -> str:
    text = _text(page)
    wrong = PLAIN_SPACED.search(text)
    assert not wrong, (
        what,
        "a breaking space before : ; ! ?",
        text[wrong.start() - 200 : wrong.end() + 50],
    )
    assert "\u00a0:" in text, (what, "no non-breaking space before a colon", text)
    return text


def _sign_in(page: Any, base: str) -> None:
    page.goto(f"{base}/")
    page.fill("input[name=email]", OFFICER)
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in")


@pytest.mark.browser
def test_an_english_partnership_and_an_english_officer_read_no_french(portal) -> None:  # type: ignore[no-untyped-def]
    life, page = portal(english(), "en-GB")
    base = life.portal.public_url
    names = tuple(
        [life.data["title"]]
        + [p["name"] for p in life.data["partners"]]
        + [p[r]["name"] for p in life.data["partners"] for r in ("sponsor", "signatory", "referent")
           if isinstance(p.get(r), dict)]
    )  # fmt: skip
    sponsor = life.data["partners"][0]["sponsor"]["email"]
    link = life.links_to(sponsor)[-1]

    assert page.goto(link).status == 200
    text = _no_french(page, "decision page", allowed=names)
    assert "Decision awaited" in text and "approval of the shared vision" in text
    page.locator("input[name=outcome]").first.check()
    page.click("#submit")  # no reason given: the problem is shown beside the field
    _no_french(page, "decision page, a reason missing", allowed=names)
    assert "Give the reason for your decision." in _text(page)
    page.fill("#reason", "The shared vision says what we want.")
    page.click("#submit")
    assert "Decided on" in _no_french(page, "decision recorded", allowed=names)

    token = link.rsplit("/", 1)[1]
    altered = link[: -len(token)] + token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert page.goto(altered).status >= 400
    refused = _no_french(page, "refused link", allowed=names)
    assert "This decision link is not valid" in refused

    # The officer's pages: the browser speaks English, so the login page does.
    page.goto(f"{base}/login")
    assert "Sign in for partnership officers" in _no_french(page, "login")
    _sign_in(page, base)
    portfolio = _no_french(page, "portfolio", allowed=names)
    assert "Partnership portfolio" in portfolio and "(partnership officer)" in portfolio
    page.goto(f"{base}/p/{life.reference}")
    where = _no_french(page, "partnership page", allowed=names)
    assert "Stage: shared vision approved" in where or "Stage: draft" in where, where
    page.goto(f"{base}/register")
    assert "Register a partnership" in _no_french(page, "register")
    page.goto(f"{base}/p/NOPE-1")
    _no_french(page, "a refusal")

    # The switch in the header: French, kept on the next pages (a cookie), with its spacing.
    page.click("#language")
    page.goto(f"{base}/register")
    assert "Enregistrer un partenariat" in _french_typography(page, "register, in French")
    page.goto(f"{base}/p/{life.reference}")
    assert "Étape\u00a0:" in _french_typography(page, "partnership page, in French")


@pytest.mark.browser
def test_a_french_partnership_and_officer_keep_french_typography(portal) -> None:  # type: ignore[no-untyped-def]
    life, page = portal(french(), "fr-FR")
    base = life.portal.public_url
    sponsor = life.data["partners"][0]["sponsor"]["email"]
    link = life.links_to(sponsor)[-1]
    assert page.goto(link).status == 200
    text = _french_typography(page, "page de décision")
    assert "Décision attendue\u00a0:" in text
    token = link.rsplit("/", 1)[1]
    page.goto(link[: -len(token)] + token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    assert "Lien de décision non valable" in _text(page)

    page.goto(f"{base}/login")
    assert "Connexion des chargés de partenariat" in _text(page)
    _sign_in(page, base)
    assert "(chargé(e) de partenariat)" in _text(page)
    page.goto(f"{base}/p/{life.reference}")
    _french_typography(page, "page du partenariat")
