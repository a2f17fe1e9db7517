"""A hostile or broken partnership file is refused quickly, with a field path, before any
model is built (coopact.adapters.loading)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from coopact.adapters.loading import MAX_DEPTH, load_text, parse
from coopact.contracts.errors import InvalidInput

LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{k}: &{k} [{', '.join([f'*{p}'] * 10)}]\n" for p, k in zip("abcdefg", "bcdefgh", strict=True)
)


def refused(text: str) -> tuple[list[str], float]:
    started = time.perf_counter()
    with pytest.raises(InvalidInput) as caught:
        load_text(text, "file.yaml")
    return [str(p) for p in caught.value.problems], time.perf_counter() - started


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 5000 + "]" * 5000,  # 10 KB of nested lists
        "a: " + "{b: " * 2500 + "1" + "}" * 2500,
        "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n",
        "".join("  " * i + "-\n" for i in range(100)) + "  " * 100 + "v\n",
    ],
)
def test_a_deeply_nested_file_is_refused_in_well_under_a_second(text: str) -> None:
    problems, seconds = refused(text)
    assert seconds < 0.3
    assert f"nests deeper than {MAX_DEPTH} levels" in problems[0]


def test_block_nesting_names_the_field_path_where_it_goes_too_deep() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n"
    problems, _ = refused(text)
    assert problems[0].startswith("k0.k1.k2.")


def test_a_list_as_a_mapping_key_is_refused_with_its_path() -> None:
    problems, seconds = refused("? [a, b]\n: 1")
    assert problems == ["(top of the file): a field name must be plain text, not a list"]
    assert seconds < 0.1
    problems, _ = refused("partners:\n  - ? {a: 1}\n    : 2\n")
    assert problems == ["partners[0]: a field name must be plain text, not a mapping"]


def test_aliases_that_expand_beyond_the_bound_are_refused() -> None:
    problems, seconds = refused(LAUGHS)
    assert "expands to more than" in problems[0]
    assert seconds < 0.3


def test_a_file_over_the_size_bound_is_refused() -> None:
    problems, _ = refused("title: " + "x" * 1_100_000)
    assert "larger than" in problems[0]


def test_the_example_file_still_loads(example_text: str) -> None:
    assert load_text(example_text).title


def test_a_bad_siret_and_a_dangling_partner_key_are_reported_together(
    example_data: dict[str, Any],
) -> None:
    example_data["partners"][1]["identifiers"]["siret"] = "44306184100014"
    example_data["contributions"][0]["partner"] = "logistics"
    with pytest.raises(InvalidInput) as caught:
        parse(example_data, "file.yaml")
    paths = [p.path for p in caught.value.problems]
    assert "partners[1].identifiers.siret" in paths
    assert "contributions[0].partner" in paths
    dangling = next(p for p in caught.value.problems if p.path == "contributions[0].partner")
    assert "unknown partner 'logistics'" in dangling.message
