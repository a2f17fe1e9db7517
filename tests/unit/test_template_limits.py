"""Templates sandboxed for resources (issue 22, item 10): a clause file, a Word template or
a mail template asking for a huge value fails fast, naming its file, instead of taking
gigabytes; the lint of COOPACT_TEMPLATES refuses it; ordinary templates render as before."""

from __future__ import annotations

import datetime as dt
import shutil
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from jinja2 import StrictUndefined

from coopact.adapters.documents.clause_files import render_clause
from coopact.adapters.documents.clause_library import ClauseText
from coopact.adapters.documents.template_limits import MAX_OUTPUT, BoundedSandbox, TooBig
from coopact.adapters.documents.word import render_docx
from coopact.adapters.mail.notify import _environment
from coopact.contracts.errors import EnvironmentProblem, SecurityError
from coopact.entrypoints.boundary import classify
from coopact.stages.template_lint import check_templates_folder, ensure_templates

ROOT = Path(__file__).resolve().parents[2]
HUGE = '{{ "x" * 400000000 }}'


@pytest.fixture
def own_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder, ignore=shutil.ignore_patterns("*.py"))
    return folder


@pytest.fixture
def measured() -> Iterator[Callable[[Callable[[], Any]], tuple[float, int]]]:
    """Run a call: (seconds, peak bytes Python allocated meanwhile)."""

    def run(call: Callable[[], Any]) -> tuple[float, int]:
        tracemalloc.start()
        started = time.monotonic()
        try:
            call()
        finally:
            seconds = time.monotonic() - started
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return seconds, peak

    yield run


def _refused(call: Callable[[], Any], error: type[Exception] = SecurityError) -> Callable[[], None]:
    def run() -> None:
        with pytest.raises(error) as refused:
            call()
        run.message = getattr(refused.value, "message", str(refused.value))  # type: ignore[attr-defined]

    return run


def test_a_clause_asking_for_400_million_characters_fails_fast_naming_its_file(
    measured: Any, tmp_path: Path
) -> None:
    path = tmp_path / "clauses" / "fr" / "purpose.md"
    clause = ClauseText("purpose", "Objet", f"Le partenariat a pour objet {HUGE}.", path)
    run = _refused(lambda: render_clause(clause, {"doc": {"language": "fr"}}))
    seconds, peak = measured(run)
    assert f"the clause file {path} tried an unsafe operation" in run.message  # type: ignore[attr-defined]
    assert "400,000,000" in run.message and "at most 1,000,000" in run.message  # type: ignore[attr-defined]
    assert seconds < 2 and peak < 20_000_000, (seconds, peak)


@pytest.mark.parametrize(
    "expression",
    [
        "{{ 2 ** 100000000 }}",
        '{{ "%0400000000d" % 1 }}',
        '{{ "{:>400000000}".format(1) }}',
        '{{ "x".ljust(400000000) }}',
        '{{ "x" | center(400000000) }}',
        '{% set a = "x" * 1000000 %}{% set a = a ~ a %}{% set a = a ~ a %}{{ a }}',
        '{{ (["x" * 100000] * 100) | join }}',
        '{{ ("x" * 100000).replace("x", "yy" * 10000) }}',
        '{% for i in range(100000) %}{{ "y" * 1000 }}{% endfor %}',
    ],
)
def test_every_way_to_a_huge_value_is_refused_before_it_is_made(
    expression: str, measured: Any
) -> None:
    env = BoundedSandbox(autoescape=True, undefined=StrictUndefined)
    run = _refused(lambda: env.from_string(expression).render(), TooBig)
    seconds, peak = measured(run)
    assert "at most" in run.message  # type: ignore[attr-defined]
    assert seconds < 10 and peak < 3 * MAX_OUTPUT * 4, (expression, seconds, peak)


def test_ordinary_expressions_render_as_before() -> None:
    env = BoundedSandbox(autoescape=True, undefined=StrictUndefined)
    source = (
        '{{ "-" * 10 }} {{ 3 * 4 }} {{ 2 ** 10 }} {{ "%05d" | format(3) }} {{ [1, 2] | join(",") }}'
        ' {{ "a" ~ "b" }} {{ "ab".replace("a", "c") }} {% for i in range(3) %}{{ i }}{% endfor %}'
        ' {{ "{:>4}".format(7) }} {{ "x" | center(5) }}|'
    )
    assert env.from_string(source).render() == (
        "---------- 12 1024 00003 1,2 ab cb 012    7   x  |"
    )


def test_the_lint_refuses_a_clause_file_asking_for_it(own_templates: Path, tmp_path: Path) -> None:
    clause = own_templates / "clauses" / "fr" / "force_majeure.md"
    clause.write_text(clause.read_text(encoding="utf-8") + f"\n{HUGE}\n", encoding="utf-8")
    with pytest.raises(SecurityError, match=r"clauses/fr/force_majeure\.md tried an unsafe"):
        check_templates_folder(own_templates)
    with pytest.raises(EnvironmentProblem) as refused:
        ensure_templates(own_templates, tmp_path)
    verdict = classify(refused.value)
    assert verdict.code == 3 and "COOPACT_TEMPLATES" in verdict.message
    assert "force_majeure.md" in verdict.message and "400,000,000" in verdict.message


def test_the_lint_refuses_a_word_template_asking_for_it_and_a_render_fails_fast(
    own_templates: Path, measured: Any
) -> None:
    template = own_templates / "fr" / "charter.docx"
    edited = docx.Document(str(template))
    edited.add_paragraph(HUGE)
    edited.save(str(template))
    with pytest.raises(SecurityError, match=r"fr/charter\.docx is refused: a repetition"):
        check_templates_folder(own_templates)
    alone = own_templates / "huge.docx"  # a render of it: only the huge paragraph to fill
    bare = docx.Document()
    bare.add_paragraph(HUGE)
    bare.save(str(alone))
    created = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    run = _refused(lambda: render_docx(alone, {}, title="t", language="fr", created=created))
    seconds, peak = measured(run)
    assert "template huge.docx tried an unsafe operation" in run.message  # type: ignore[attr-defined]
    assert seconds < 10 and peak < 100_000_000, (seconds, peak)


def test_a_mail_template_is_bounded_too(tmp_path: Path) -> None:
    (tmp_path / "notice.txt.j2").write_text(f"Bonjour {HUGE}\n", encoding="utf-8")
    with pytest.raises(TooBig, match="400,000,000"):
        _environment(tmp_path).get_template("notice.txt.j2").render()
