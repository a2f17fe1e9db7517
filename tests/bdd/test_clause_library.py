"""Steps of features/clause_library.feature: clause files a legal officer changes, no Python."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.schemas import Partnership
from coopact.stages.agreement import generate
from coopact.stages.base import WorkContext
from tests.integration.conftest import Cli, Result

scenarios("clause_library.feature")

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "the English three-partner mécénat": ROOT / "tests" / "data" / "mecenat.three.en.yaml",
    "the example partnership file": ROOT / "coopact" / "examples" / "partnership.example.yaml",
}
LANGUAGE = {"French": ("fr",), "English": ("en",), "both": ("fr", "en")}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """One initialised coopact home for the module (a refused command writes nothing)."""
    home = tmp_path_factory.mktemp("clause-library") / "home"
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}")
    cli("init", check=True)
    return cli


@given("an organisation's own templates folder, copied from coopact's", target_fixture="folder")
def own_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder, ignore=shutil.ignore_patterns("*.py"))
    return folder


def _clause(folder: Path, language: str, name: str) -> Path:
    return folder / "clauses" / language / name


@given(parsers.parse('the legal officer adds the {language} clause file "{name}":'))
def adds_clause(folder: Path, language: str, name: str, docstring: str) -> None:
    (lang,) = LANGUAGE[language]
    _clause(folder, lang, name).write_text(docstring + "\n", encoding="utf-8")


@given(parsers.parse('the legal officer adds only a French clause file "{name}"'))
def adds_french_only(folder: Path, name: str) -> None:
    text = '---\ntitle: "Audit"\norder: 205\n---\nChaque Partenaire peut demander un audit.\n'
    _clause(folder, "fr", name).write_text(text, encoding="utf-8")


@given(parsers.re(r'the legal officer writes "(?P<line>.+)" in (?:both files of|the '
                  r'(?P<language>French|English) file) "(?P<name>[^"]+)"'))  # fmt: skip
def writes_line(folder: Path, line: str, language: str | None, name: str) -> None:
    """Replace (or add) one line of the front matter, as an officer would in a text editor."""
    key = line.split(":", 1)[0]
    for lang in LANGUAGE[language or "both"]:
        path = _clause(folder, lang, name)
        text = path.read_text(encoding="utf-8")
        front, rest = text.split("\n---\n", 1)
        lines = [x for x in front.split("\n") if not x.startswith(f"{key}:")]
        lines.insert(2, line)
        path.write_text("\n".join(lines) + "\n---\n" + rest, encoding="utf-8")


@given(parsers.re(r'the legal officer removes (?:both files of|the (?P<language>English|French) '
                  r'file) "(?P<name>[^"]+)"'))  # fmt: skip
def removes(folder: Path, language: str | None, name: str) -> None:
    for lang in LANGUAGE[language or "both"]:
        _clause(folder, lang, name).unlink()


@when(
    parsers.parse("the agreement of {which} is written from that folder"),
    target_fixture="text",
)
def written(folder: Path, which: str) -> str:
    partnership = Partnership.model_validate(yaml.safe_load(FILES[which].read_text()))
    document = generate(partnership, WorkContext("P-2027-001", folder, dt.date(2027, 1, 1)))
    opened = docx.Document(io.BytesIO(document.content))
    return "\n".join(p.text for p in opened.paragraphs).replace("\u00a0", " ")


@when("a partnership file is registered with that templates folder", target_fixture="result")
def registered(database: Cli, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.setenv("COOPACT_TEMPLATES", str(folder))
    return database("new", str(FILES["the example partnership file"]))


@then(parsers.parse('the agreement says "{words}"'))
def says(text: str, words: str) -> None:
    assert words in text


@then(parsers.parse('the agreement never says "{words}"'))
def never_says(text: str, words: str) -> None:
    assert words not in text


@then(parsers.parse('the command stops with exit code 3, naming "{file}" and saying "{problem}"'))
def stops(result: Result, file: str, problem: str) -> None:
    output = re.sub(r"\s+", " ", result.stdout + result.stderr)
    assert result.returncode == 3, output
    assert "COOPACT_TEMPLATES" in output and file in output and problem in output, output
    assert "Traceback" not in output
