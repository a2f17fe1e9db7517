"""Templates are the source: a Word edit or a clause-file edit shows in the next document of
its kind (no build step: the scripts that first generated the templates are gone), and a
templates folder with a missing or broken template is refused, naming the file."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import docx
import pytest
import yaml

from coopact.contracts.errors import TemplateProblem
from coopact.schemas import Language, Partnership
from coopact.stages.agreement import generate
from coopact.stages.base import WorkContext
from coopact.stages.template_lint import check_templates_folder
from tests.every_document import every_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = Partnership.model_validate(
    yaml.safe_load((ROOT / "coopact" / "examples" / "partnership.example.yaml").read_text())
)


def _text(templates: Path) -> str:
    document = generate(EXAMPLE, WorkContext("P-2027-001", templates, dt.date(2027, 1, 1)))
    opened = docx.Document(io.BytesIO(document.content))
    return "\n".join(p.text for p in opened.paragraphs).replace("\u00a0", " ")


@pytest.fixture
def own_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder, ignore=shutil.ignore_patterns("*.py"))
    return folder


def test_a_paragraph_added_in_word_appears_in_the_next_agreement(own_templates: Path) -> None:
    sentence = "Le présent exemplaire est imprimé sur papier recyclé."
    assert sentence not in _text(own_templates)
    template = own_templates / "fr" / "agreement.docx"
    edited = docx.Document(str(template))  # as a legal officer would in Word
    edited.add_paragraph(sentence)
    edited.save(str(template))
    assert sentence in _text(own_templates)  # no build step in between


@pytest.mark.parametrize(
    "kind",
    [
        "vision_note",
        "balance_report",
        "review_report",
        "minutes",
        "avenant",
        "termination_letter",
        "exit_statement",
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_paragraph_added_in_word_appears_in_the_next_document_of_its_kind(
    own_templates: Path, kind: str, language: str
) -> None:
    partnership = EXAMPLE.model_copy(update={"language": Language(language)})

    def text() -> str:
        (document,) = every_document(partnership, own_templates, [kind]).values()
        opened = docx.Document(io.BytesIO(document.content))
        return "\n".join(p.text for p in opened.paragraphs).replace("\u00a0", " ")

    sentence = "Document établi par le service des partenariats, 12 rue de la Paix."
    assert sentence not in text()
    template = own_templates / language / f"{kind}.docx"
    edited = docx.Document(str(template))  # as a legal officer would in Word
    edited.add_paragraph(sentence)
    edited.save(str(template))
    assert sentence in text()  # no build step in between


def test_a_clause_file_edited_as_text_changes_the_agreement(own_templates: Path) -> None:
    clause = own_templates / "clauses" / "fr" / "force_majeure.md"
    clause.write_text(
        clause.read_text(encoding="utf-8").replace(
            "Si l'empêchement dure plus de trois mois", "Si l'empêchement dure plus de deux mois"
        ),
        encoding="utf-8",
    )
    text = _text(own_templates)
    assert "Si l'empêchement dure plus de deux mois" in text
    assert "Article 20 – Force majeure" in text


def test_the_shipped_templates_pass_the_start_check() -> None:
    check_templates_folder(ROOT / "templates")


def test_a_missing_clause_file_is_refused_naming_it(own_templates: Path) -> None:
    (own_templates / "clauses" / "en" / "notices.md").unlink()
    with pytest.raises(TemplateProblem, match=r"clauses/en/notices\.md is missing"):
        check_templates_folder(own_templates)


def test_a_template_reading_an_unknown_field_is_refused_naming_it(own_templates: Path) -> None:
    template = own_templates / "en" / "agreement.docx"
    edited = docx.Document(str(template))
    edited.add_paragraph("{{ doc.letterhead_colour }}")
    edited.save(str(template))
    with pytest.raises(TemplateProblem, match=r"en/agreement\.docx.*doc\.letterhead_colour"):
        check_templates_folder(own_templates)


def test_a_broken_front_matter_is_refused_naming_the_problem(own_templates: Path) -> None:
    (own_templates / "clauses" / "fr" / "insurance.md").write_text("Assurances\n", "utf-8")
    with pytest.raises(TemplateProblem, match=r"insurance\.md cannot be read: .*front matter"):
        check_templates_folder(own_templates)


@pytest.mark.parametrize("kind", ["charter", "review_report", "exit_statement"])
def test_a_missing_template_is_refused_naming_it(own_templates: Path, kind: str) -> None:
    (own_templates / "fr" / f"{kind}.docx").unlink()
    with pytest.raises(TemplateProblem, match=rf"fr/{kind}\.docx is missing"):
        check_templates_folder(own_templates)


def test_at_start_a_broken_folder_is_an_environment_problem_and_a_good_one_is_remembered(
    own_templates: Path, tmp_path: Path
) -> None:
    from coopact.contracts.errors import EnvironmentProblem
    from coopact.stages.template_lint import ensure_templates

    home = tmp_path / "home"
    home.mkdir()
    ensure_templates(own_templates, home)
    assert (home / "templates-checked").is_file()  # the next start skips the lint
    (own_templates / "fr" / "agreement.docx").write_bytes(b"not a word document")
    with pytest.raises(EnvironmentProblem, match=r"fr/agreement\.docx cannot be read"):
        ensure_templates(own_templates, home)
