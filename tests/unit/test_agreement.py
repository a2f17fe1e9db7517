"""The convention de partenariat generated from the example file, in French and in English."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from coopact.adapters.documents.clause_library import clause_library
from coopact.contracts.agreement import assemble
from coopact.contracts.agreement_checks import completeness
from coopact.contracts.clauses import select_clauses
from coopact.contracts.formatting import format_amount, format_date
from coopact.schemas import Partnership
from coopact.stages.agreement import run
from coopact.stages.base import WorkContext

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "partnership.example.yaml"
NBSP = "\u00a0"
LIBRARY = clause_library(ROOT / "templates")


def example(**changes: Any) -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update(copy.deepcopy(changes))
    return data


def work() -> WorkContext:
    return WorkContext(
        reference="P-2027-001", templates=ROOT / "templates", today=dt.date(2026, 12, 1)
    )


def document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    # No-break spaces are typography: compare the words.
    return "\n".join(parts).replace(NBSP, " ").replace("\u202f", " ")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_example_gives_a_complete_agreement_in_its_language(language: str) -> None:
    partnership = Partnership.model_validate(example(language=language))
    output = run(partnership, work())
    assert [d.kind for d in output.documents] == ["agreement"]
    document = output.documents[0]
    assert document.language == language
    assert document.media_type.endswith("wordprocessingml.document")
    text = document_text(document.content)

    for selected in select_clauses(partnership, LIBRARY):
        if selected.included:
            assert selected.clause.title(language) in text
    for partner in partnership.partners:
        assert partner.name in text
        for identifier in (
            partner.identifiers.siren,
            partner.identifiers.siret,
            partner.identifiers.rna,
        ):
            if identifier:
                assert identifier in text
        assert partner.signatory is not None
        assert partner.signatory.name in text and partner.signatory.role in text
        assert partner.signatory.authority and partner.signatory.authority in text
    for contribution in partnership.contributions:
        assert contribution.description in text
        assert contribution.valued_eur is not None
        assert (
            format_amount(contribution.valued_eur, language)
            .replace("\u202f", " ")
            .replace(NBSP, " ")
            in text
        )
    for milestone in partnership.milestones:
        assert milestone.title in text
        assert format_date(milestone.due, language).replace(NBSP, " ") in text
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert not re.search(r"[:«“(]\s*[»”),;.]", text), "an empty placeholder"
    assert "None" not in text


def test_articles_are_numbered_in_the_language_of_the_agreement() -> None:
    fr = document_text(run(Partnership.model_validate(example()), work()).documents[0].content)
    en = document_text(
        run(Partnership.model_validate(example(language="en")), work()).documents[0].content
    )
    assert "Article 1 – Objet et qualification juridique" in fr
    assert "seule la version française fait foi" in fr
    assert "Article 1 – Purpose and legal qualification" in en
    assert "the French version prevails over the English one" in en
    assert "15 janvier 2027" in fr and "15 January 2027" in en
    assert "120 000,00 €" in fr and "€120,000.00" in en


def test_a_conditional_clause_keeps_the_numbering_contiguous() -> None:
    mecenat = Partnership.model_validate(
        example(
            kind="mecenat",
            counterparts=[{"description": "Logo au rapport annuel", "value_eur": 1000}],
        )
    )
    numbers = [s.number for s in select_clauses(mecenat, LIBRARY) if s.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    text = document_text(run(mecenat, work()).documents[0].content)
    assert "Article 2 – Contreparties" in text
    assert "Article 3 – Durée, renouvellement et préavis" in text
    assert "238 bis" in text and "Logo au rapport annuel" in text
    assert "Facturation du parrainage" not in text


def test_a_parrainage_is_invoiced_with_vat() -> None:
    text = document_text(
        run(Partnership.model_validate(example(kind="parrainage")), work()).documents[0].content
    )
    assert "Article 2 – Facturation du parrainage" in text
    assert "taxe sur la valeur ajoutée" in text
    assert "Contreparties" not in text


def test_regenerating_from_the_same_inputs_gives_the_same_bytes() -> None:
    partnership = Partnership.model_validate(example())
    first = run(partnership, work()).documents[0]
    second = run(Partnership.model_validate(example()), work()).documents[0]
    assert first.content == second.content
    assert first.sha256 == second.sha256 and first.inputs_sha256 == second.inputs_sha256
    changed = run(Partnership.model_validate(example(notice_months=4)), work()).documents[0]
    assert changed.sha256 != first.sha256


def test_the_inputs_are_the_plain_assembled_context() -> None:
    partnership = Partnership.model_validate(example())
    document = run(partnership, work()).documents[0]
    assembled = assemble(partnership, LIBRARY)
    assert {k: v for k, v in document.inputs.items() if k in assembled} == assembled
    assert set(document.inputs) - set(assembled) == {"articles", "signatures"}

    def plain(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str)
                plain(item, f"{path}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                plain(item, f"{path}[{i}]")
        else:
            assert isinstance(value, (str, bool, int)), path
            assert value != "", f"{path} is empty"

    plain(document.inputs, "context")


def test_an_incomplete_partnership_gets_findings_and_no_document() -> None:
    data = example()
    del data["partners"][1]["signatory"]
    del data["partners"][0]["referent"]
    output = run(Partnership.model_validate(data), work())
    assert output.documents == []
    codes = {(f.code, f.path) for f in output.findings}
    assert ("agreement.signatory_missing", "partners[1].signatory") in codes
    assert ("agreement.clause_incomplete", "partners[0].referent") in codes
    assert "not generated" in output.summary


def test_completeness_takes_extra_rules() -> None:
    from coopact.contracts.finding_texts import Factor, Severity
    from coopact.contracts.findings import Finding

    def always(_: Partnership) -> list[Finding]:
        return [Finding(code="smart.x", severity=Severity.blocking, factor=Factor.demarrer)]

    partnership = Partnership.model_validate(example())
    assert completeness(partnership, clauses=LIBRARY) == []
    assert [f.code for f in completeness(partnership, [always], clauses=LIBRARY)] == ["smart.x"]
    assert run(partnership, work(), extra_rules=[always]).documents == []
