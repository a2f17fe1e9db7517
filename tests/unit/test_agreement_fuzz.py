"""Random text in the free-text fields of the partnership file never corrupts the agreement.

Each string is either refused at input with a field error (XML-illegal characters, empty
after stripping, too long) or found verbatim in the generated .docx reopened with
python-docx. The string goes into one field-heavy path: a partner's name, mission and red
line, the vision statement and a contribution's description, rendered once per example.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from coopact.schemas import Partnership
from coopact.stages.agreement import generate
from coopact.stages.base import WorkContext

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = yaml.safe_load((ROOT / "tests" / "data" / "partnership.example.yaml").read_text())
CONTEXT = WorkContext("P-2027-001", ROOT / "templates", dt.date(2026, 12, 1))
FIELDS = {
    ("partners", 0, "name"),
    ("partners", 0, "mission"),
    ("partners", 1, "red_lines", 0),
    ("vision", "statement"),
    ("contributions", 0, "description"),
}

xml_special = st.sampled_from(
    [
        *"&<>\"'{}%#\t\n\r ",
        "{{",
        "}}",
        "{%",
        "%}",
        "]]>",
        "\x00",
        "\x0b",
        "\ud800",
        "\ufffe",
        "\u00a0",
    ]
)
texts = st.lists(st.one_of(st.text(max_size=8), xml_special), max_size=12).map("".join)


def _with(value: str) -> dict:
    data = {**EXAMPLE, "vision": {**EXAMPLE["vision"], "statement": value}}
    partners = [dict(p) for p in EXAMPLE["partners"]]
    partners[0]["name"] = value
    partners[0]["mission"] = value
    partners[1]["red_lines"] = [value]
    data["partners"] = partners
    contributions = [dict(c) for c in EXAMPLE["contributions"]]
    contributions[0]["description"] = value
    data["contributions"] = contributions
    return data


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # examples: profile
@given(texts)
def test_free_text_is_refused_at_input_or_printed_verbatim(value: str) -> None:
    try:
        partnership = Partnership.model_validate(_with(value))
    except ValidationError as error:
        for problem in error.errors():
            assert problem["loc"], "every refusal names its field"
            assert tuple(problem["loc"][:4]) in FIELDS or tuple(problem["loc"][:3]) in FIELDS
        return
    # As the schema keeps it (stripped); XML reads a carriage return as a line feed.
    stored = _xml_newlines(partnership.partners[0].mission)
    document = generate(partnership, CONTEXT)
    assert zipfile.ZipFile(io.BytesIO(document.content)).testzip() is None
    text = _words(_text(document.content))  # reopening it proves it is not corrupted
    # Verbatim but for spacing: French typography adds no-break spaces at rendering.
    assert _words(stored) in text
    assert _words(_xml_newlines(partnership.partners[1].red_lines[0])) in text
    assert _words(_xml_newlines(partnership.contributions[0].description)) in text


def _words(value: str) -> str:
    return "".join(c for c in value if c not in " \u00a0\u202f")


def _xml_newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")
