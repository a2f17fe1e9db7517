"""The words people read, in French and English, through gettext catalogues.

The catalogues are ``coopact/locale/<lang>/LC_MESSAGES/coopact.po`` (Babel, extracted from
the portal's templates and the code with ``babel.cfg``); their compiled ``.mo`` files are
committed beside them, so that a fresh clone, ``pip install .`` and the wheel read the same
words (``tests/unit/test_catalogues.py`` fails when one is out of date). The message ids are
the French texts as the code and the templates write them; each catalogue gives the text in
its language with its own typography (French non-breaking spaces before ``: ; ! ?`` and
inside « », none in English).

Update after changing a text (README, "Languages")::

    pybabel extract -F babel.cfg -o coopact/locale/coopact.pot --no-location --sort-output .
    pybabel update -i coopact/locale/coopact.pot -d coopact/locale -D coopact --no-fuzzy-matching
    (fill in the new msgstr of fr and en)
    pybabel compile -d coopact/locale -D coopact
"""

from __future__ import annotations

import functools
import gettext as _gettext
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "coopact"
LANGUAGES = ("fr", "en")
DEFAULT = "fr"

K = TypeVar("K")


def language(value: str | None) -> str:
    """``value`` if coopact speaks it, else French."""
    return value if value in LANGUAGES else DEFAULT


@functools.cache
def translations(lang: str) -> _gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` (French for any other)."""
    with open(LOCALE / language(lang) / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as handle:
        return _gettext.GNUTranslations(handle)


def gettext_for(lang: str) -> Callable[[str], str]:
    """``_`` for ``lang``: a message id (the French text) in that language."""
    return translations(lang).gettext


_FRENCH_SPACES = re.compile(r"[ \t]+([:;!?»])|«[ \t]+")


def typography(text: str, lang: str) -> str:
    """``text`` (a finding, a refusal written elsewhere) with ``lang``'s spacing: in French
    a non-breaking space before ``: ; ! ?`` and inside « » where a plain space stood; in
    English none (a URL, a time or a ``::`` is left as it is)."""
    if language(lang) == "fr":
        return _FRENCH_SPACES.sub(
            lambda m: "\u00a0" + m.group(1) if m.group(1) else "«\u00a0", text
        )
    return re.sub(r"[\u00a0\u202f]+([:;!?])", r"\1", text)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogues; translated where it is shown."""
    return message


class ByLanguage(Mapping[str, Mapping[K, str]]):
    """A table of words (its values marked with :func:`N_`) read as ``table[lang][key]``,
    as the French/English dictionaries it replaces were."""

    def __init__(self, table: Mapping[K, str]) -> None:
        self._table = dict(table)

    @functools.cache  # noqa: B019  (a few module-level tables, two languages each)
    def __getitem__(self, lang: str) -> Mapping[K, str]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        say = gettext_for(lang)
        return {key: say(text) for key, text in self._table.items()}

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __hash__(self) -> int:
        return id(self)
