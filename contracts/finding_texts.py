"""The findings' vocabulary and words: how serious a finding is, which success factor it
is about, and its texts in each language, declared once per code in the rule's module with
:func:`message` and rendered with :func:`text_of`.

Apart from :mod:`coopact.contracts.findings` (which defines the :class:`Finding` model) so
that a reader of stored findings (`status REF` on its stored scorecard) renders them
without building a pydantic model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import coopact.contracts as package
from coopact.contracts.formatting import format_date


class Severity(StrEnum):
    blocking = "blocking"  # the partnership cannot pass its next gate
    warning = "warning"  # a human must look, and may accept with a justification
    info = "info"


class Factor(StrEnum):
    """The method's five success factors, plus due diligence on the partners."""

    construire = "construire"
    equilibrer = "equilibrer"
    formaliser = "formaliser"
    demarrer = "demarrer"
    communiquer = "communiquer"


_MESSAGES: dict[str, dict[str, str]] = {}


def message(code: str, *, fr: str, en: str) -> str:
    """Declare the texts of the finding ``code``; ``{name}`` placeholders take its params."""
    if code in _MESSAGES and _MESSAGES[code] != {"fr": fr, "en": en}:
        raise ValueError(f"finding code {code!r} is declared twice with different texts")
    _MESSAGES[code] = {"fr": fr, "en": en}
    return code


def declared(codes: Iterable[str]) -> dict[str, dict[str, str]]:
    """The texts declared so far of ``codes`` (by language), those declared only."""
    return {code: dict(_MESSAGES[code]) for code in codes if code in _MESSAGES}


def declare_known(texts: dict[str, dict[str, str]]) -> None:
    """Declare texts kept from :func:`declared` (a stored scorecard keeps those of its
    findings' codes, so that `status REF` shows them without importing the rule modules
    that declare them), the codes already declared in this process left as they are."""
    for code, words in texts.items():
        _MESSAGES.setdefault(code, {"fr": words["fr"], "en": words["en"]})


def text_of(code: str, params: dict[str, Any], language: str = "fr") -> str:
    """The words of the finding ``code`` with ``params`` (a stored finding, rendered without
    building a :class:`Finding`: `status` renders tens of thousands)."""
    templates = _MESSAGES.get(code) or _declared_anywhere(code)
    if templates is None:
        return code
    return templates.get(language, templates["en"]).format(**_readable(params, language))


def _declared_anywhere(code: str) -> dict[str, str] | None:
    """The texts of ``code`` once every rule module of :mod:`contracts` is imported: a
    finding stored by a stage (a review's, a condition's) reads in full wherever it is shown
    (`status --json`, the portal), whichever modules that reader happened to import."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(package.__path__):
        if code in _MESSAGES:
            break
        importlib.import_module(f"{package.__name__}.{module.name}")
    return _MESSAGES.get(code)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _readable(params: dict[str, Any], language: str) -> dict[str, Any]:
    """A date parameter as a reader reads it (``1er mai 2029``, ``1 May 2029``), never
    ``2029-05-01``: every sentence of a finding, in a document or at the keyboard."""
    if not any(isinstance(v, str) and _ISO_DATE.match(v) for v in params.values()):
        return params

    return {
        key: format_date(dt.date.fromisoformat(value), language)
        if isinstance(value, str) and _ISO_DATE.match(value)
        else value
        for key, value in params.items()
    }
