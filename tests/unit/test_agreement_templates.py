"""Template safety: templates linted against the context, partner data printed verbatim."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import docx
import pytest
import yaml

from coopact.adapters.documents.clause_library import clause_library
from coopact.adapters.documents.word import render_docx
from coopact.contracts.agreement import assemble
from coopact.contracts.errors import SecurityError, TemplateProblem
from coopact.schemas import Partnership
from coopact.stages.agreement import run
from coopact.stages.base import WorkContext
from coopact.stages.template_lint import agreement_context, check_template, unknown_fields

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = yaml.safe_load((ROOT / "tests" / "data" / "partnership.example.yaml").read_text())
CREATED = dt.datetime(2027, 1, 15, tzinfo=dt.UTC)


def _full_example(language: str) -> Partnership:
    """The example with every optional list filled, so that every loop of the template runs."""
    data = {**EXAMPLE, "language": language, "kind": "mecenat"}
    data["counterparts"] = [{"description": "Mention au rapport annuel", "value_eur": 500}]
    data["sharing"] = {**EXAMPLE["sharing"], "confidentiality": "Les budgets sont confidentiels."}
    return Partnership.model_validate(data)


def _template_with(tmp_path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "bad.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_field_the_template_uses_is_in_the_assembled_context(language: str) -> None:
    template = ROOT / "templates" / language / "agreement.docx"
    context = agreement_context(_full_example(language), ROOT / "templates")
    assert unknown_fields(template, context) == []


def test_a_template_using_an_unknown_field_is_refused(tmp_path: Path) -> None:
    template = _template_with(tmp_path, "{% for p in partners %}{{ p.siret_number }}{% endfor %}")
    context = assemble(_full_example("fr"), clause_library(ROOT / "templates"))
    assert unknown_fields(template, context) == ["partners[].siret_number"]
    with pytest.raises(TemplateProblem, match=r"partners\[\]\.siret_number"):
        check_template(template, context)


PAYLOADS = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}x{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    'Durand & Fils <SARL> "l\'atelier"',
    "]]></w:t><w:t>injected",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_template_syntax_in_partner_data_comes_out_verbatim(payload: str) -> None:
    data = {**EXAMPLE}
    partners = [dict(p) for p in EXAMPLE["partners"]]
    partners[0]["name"] = f"Tremplin {payload}"
    partners[0]["mission"] = payload
    partners[1]["red_lines"] = [payload]
    data["partners"] = partners
    data["vision"] = {**EXAMPLE["vision"], "statement": payload}
    partnership = Partnership.model_validate(data)
    output = run(partnership, WorkContext("P-2027-001", ROOT / "templates", dt.date(2026, 12, 1)))
    document = docx.Document(io.BytesIO(output.documents[0].content))
    paragraphs = [p.text.replace("\u00a0", " ") for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert f"Tremplin {payload}" in text
    assert any(p.endswith(payload) for p in paragraphs)  # the mission, after its colon
    assert f"Logistix Urbaine SAS : {payload}" in text  # the red line
    assert "49" not in text.replace("2049", "")  # {{ 7*7 }} was not evaluated


def test_a_template_reading_dunder_attributes_is_a_security_error(tmp_path: Path) -> None:
    template = _template_with(tmp_path, "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(SecurityError):
        render_docx(template, {}, title="t", language="fr", created=CREATED)
    with pytest.raises(SecurityError):
        check_template(template, {})


def test_a_template_outside_the_templates_folder_is_refused(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates" / "fr", templates / "fr")
    (tmp_path / "en").mkdir()
    shutil.copy(ROOT / "templates" / "en" / "agreement.docx", tmp_path / "en" / "agreement.docx")
    from coopact.adapters.documents.word import template_path

    with pytest.raises(SecurityError):
        template_path(templates, "../en/agreement.docx")
