"""Clean text: the longest title the file accepts heads every document; a longer one is
refused at input; control characters in a decision's reason or conditions are refused with
their field; text from the record is escaped on a terminal."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml
from docx import Document

from coopact.adapters.loading import load_text
from coopact.contracts.conditions import Condition
from coopact.contracts.decisions import text_problems
from coopact.contracts.errors import InvalidInput
from coopact.entrypoints.cli.demo import demo_file
from coopact.entrypoints.cli.terminal import printable
from coopact.schemas.partnership import TITLE_MAX
from tests.every_document import KINDS, every_document

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _with_title(title: str, language: str = "fr"):  # type: ignore[no-untyped-def]
    data = yaml.safe_load(demo_file())
    data["title"], data["language"] = title, language
    return load_text(yaml.safe_dump(data, allow_unicode=True), "file")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_longest_title_accepted_heads_every_document(language: str) -> None:
    title = ("Coopération territoriale pour l'insertion " * 6)[:TITLE_MAX].strip() + "é"
    title = title[:TITLE_MAX]
    partnership = _with_title(title, language)
    documents = every_document(partnership, TEMPLATES, KINDS)
    assert set(documents) == set(KINDS)
    for kind, made in documents.items():
        reopened = Document(io.BytesIO(made.content))
        assert len(reopened.core_properties.title) <= 255, kind
        if kind in ("vision_note", "balance_report", "agreement"):
            assert reopened.core_properties.title.endswith(title), kind


@pytest.mark.parametrize("length", [TITLE_MAX + 1, 229, 300])
def test_a_longer_title_is_refused_at_input_naming_the_field(length: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        _with_title("T" * length)
    (problem,) = refused.value.problems
    assert problem.path == "title" and f"at most {TITLE_MAX}" in problem.message


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x07", "\x08", "\x1f"])
def test_control_characters_in_a_reason_or_a_condition_are_refused_with_the_field(
    character: str,
) -> None:
    assert text_problems("Nous approuvons la vision partagée.\n\tSans réserve.") == []
    (problem,) = text_problems(f"Oui{character}[2J")
    assert problem.path == "reason" and f"U+{ord(character):04X}" in problem.message
    condition = Condition(
        "Tenir le point", "tremplin", dt.date(2027, 10, 31), f"séances{character}"
    )
    (problem,) = text_problems("Go.", [condition])
    assert problem.path == "conditions[0].indicator"


def test_text_from_the_record_is_escaped_on_a_terminal() -> None:
    assert printable("Oui\x1b[2J\x07 fin\n") == "Oui\\x1b[2J\\x07 fin\n"
    assert printable("Accord\x9b31m") == "Accord\\x9b31m"
