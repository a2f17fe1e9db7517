"""The gettext catalogues are complete and up to date (coopact/i18n.py says how to update
them): every text the portal's templates and the code mark is in both catalogues with a
non-empty translation, no catalogue keeps a text nobody marks any more, the committed .mo
files say what the .po files say, and each language keeps its typography."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from coopact import i18n

ROOT = Path(__file__).resolve().parents[2]


def _marked() -> set[object]:
    """What ``pybabel extract -F babel.cfg`` finds, as message ids (a plural: a tuple)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: set[object] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


@pytest.fixture(scope="module")
def marked() -> set[object]:
    return _marked()


def _catalogue(lang: str):  # type: ignore[no-untyped-def]
    with open(i18n.LOCALE / lang / "LC_MESSAGES" / "coopact.po", "rb") as handle:
        return read_po(handle)


def _entries(lang: str) -> dict[object, object]:
    return {
        (m.id if isinstance(m.id, str) else tuple(m.id)): m.string for m in _catalogue(lang) if m.id
    }


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_marked_text_is_translated_and_none_is_left_over(
    lang: str, marked: set[object]
) -> None:
    entries = _entries(lang)
    missing = sorted(map(str, marked - set(entries)))
    assert not missing, f"not in the {lang} catalogue (run pybabel extract/update): {missing}"
    stale = sorted(map(str, set(entries) - marked))
    assert not stale, f"in the {lang} catalogue but marked nowhere any more: {stale}"
    empty = [str(k) for k, v in entries.items() if not v or (isinstance(v, tuple) and not all(v))]
    assert not empty, f"untranslated in {lang}: {empty}"
    fuzzy = [m.id for m in _catalogue(lang) if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy (to check) in {lang}: {fuzzy}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_committed_mo_says_what_the_po_says(lang: str) -> None:
    with open(i18n.LOCALE / lang / "LC_MESSAGES" / "coopact.mo", "rb") as handle:
        compiled = {
            (m.id if isinstance(m.id, str) else tuple(m.id)): m.string
            for m in read_mo(handle)
            if m.id
        }
    expected = {k: (v if isinstance(v, str) else tuple(v)) for k, v in _entries(lang).items()}
    compiled = {k: (v if isinstance(v, str) else tuple(v)) for k, v in compiled.items()}
    assert compiled == expected, f"run pybabel compile -d coopact/locale -D coopact ({lang})"


def _texts(lang: str) -> list[str]:
    texts: list[str] = []
    for value in _entries(lang).values():
        texts.extend([value] if isinstance(value, str) else list(value))  # type: ignore[arg-type]
    return texts


def test_french_has_its_non_breaking_spaces() -> None:
    wrong = [t for t in _texts("fr") if re.search(r"[ \t][:;!?»]|«[ \t]", t)]
    assert not wrong, f"French wants a non-breaking space before : ; ! ? » and after «: {wrong}"


def test_english_has_no_french_spacing() -> None:
    wrong = [t for t in _texts("en") if re.search(r"[\u00a0\u202f][:;!?»]|[«»]", t)]
    assert not wrong, f"English takes no space before : ; ! ? and no « »: {wrong}"


def test_an_english_reader_reads_english() -> None:
    """A sample read through the module that serves the pages and mails."""
    from coopact.adapters.mail.gate_words import outcome_label
    from coopact.entrypoints.web.texts import texts
    from coopact.entrypoints.web.words import gate_words, role_words, stage_words

    assert texts("en")["refused_title"] == "Decision refused"
    assert texts("fr")["refused_title"] == "Décision refusée"
    assert stage_words("balanced", "en") == "balance accepted"
    assert gate_words("legal_approval", "en") == "legal approval of the agreement"
    assert role_words("legal_officer", "fr") == "juriste"
    assert outcome_label("acknowledge", "en") == "I acknowledge"


def test_the_413_page_speaks_the_readers_language() -> None:
    from coopact.entrypoints.web.guard import request_language, too_large_page

    def scope(query: bytes = b"", **headers: str) -> dict[str, object]:
        pairs = [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
        return {"query_string": query, "headers": pairs}

    assert request_language(scope(b"lang=en")) == "en"  # a decision page's form says so
    assert request_language(scope(cookie="coopact_lang=en")) == "en"  # the officer's choice
    assert request_language(scope(accept_language="en-GB,en;q=0.9")) == "en"
    assert request_language(scope(accept_language="de-DE")) == "fr"
    english, french = too_large_page("en").decode(), too_large_page("fr").decode()
    assert "Request too large" in english and "Requête" not in english
    assert "Requête trop volumineuse" in french and "\u00a0;" in french
