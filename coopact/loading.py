"""Read a partnership file: YAML in, validated :class:`schemas.Partnership` out.

Every problem is reported with its field path (``partners[1].identifiers.siret: invalid
checksum``); nothing is stored until the whole file is valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from contracts.errors import InvalidInput, Problem
from schemas import Partnership

MAX_FILE_BYTES = 2_000_000


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping (a silent overwrite)."""


def _no_duplicate_keys(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' is written twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys)


def field_path(loc: Iterable[str | int]) -> str:
    """``('partners', 1, 'identifiers', 'siret')`` -> ``partners[1].identifiers.siret``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def problems_of(error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field (check its spelling against the documented fields)"
        elif item["type"] == "missing":
            message = "required field is missing"
        problems.append(Problem(field_path(item["loc"]), message))
    return problems


def parse(data: Any, source: str = "partnership") -> Partnership:
    if not isinstance(data, dict):
        raise InvalidInput(source, [Problem("", "the file must be a YAML mapping of fields")])
    try:
        return Partnership.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(source, problems_of(error)) from None


def yaml_data(text: str, source: str) -> Any:
    """The YAML document in ``text`` (strict: no key twice), or InvalidInput with its line."""
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = getattr(error, "problem", None) or str(error)
        raise InvalidInput(source, [Problem(where, f"not valid YAML: {what}")]) from None
    except ValueError as error:  # an impossible date such as 2027-02-30
        raise InvalidInput(source, [Problem("", f"not valid YAML: {error}")]) from None


def read_text(path: Path) -> str:
    """A UTF-8 text file of reasonable size, or InvalidInput saying why not."""
    source = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(source, [Problem("", f"file larger than {MAX_FILE_BYTES} bytes")])
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(source, [Problem("", "file not found")]) from None
    except UnicodeDecodeError:
        raise InvalidInput(source, [Problem("", "not a UTF-8 text file")]) from None
    except IsADirectoryError:
        raise InvalidInput(source, [Problem("", "is a folder, not a file")]) from None


def load_mapping(path: Path) -> dict[str, Any]:
    """A YAML file holding a mapping of fields, read like a partnership file (strictly)."""
    data = yaml_data(read_text(path), str(path))
    if not isinstance(data, dict):
        raise InvalidInput(str(path), [Problem("", "the file must be a YAML mapping of fields")])
    return data


def load_text(text: str, source: str = "partnership") -> Partnership:
    return parse(yaml_data(text, source), source)


def load_file(path: Path) -> Partnership:
    return load_text(read_text(path), str(path))
