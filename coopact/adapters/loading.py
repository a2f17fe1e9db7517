"""Read a partnership file: YAML in, validated :class:`schemas.Partnership` out.

Every problem is reported with its field path (``partners[1].identifiers.siret: invalid
checksum``); nothing is stored until the whole file is valid.

Reading is bounded before anything is built: the file's size (:data:`MAX_FILE_BYTES`), its
nesting depth (:data:`MAX_DEPTH`), the number of values once aliases are expanded
(:data:`MAX_NODES`) and the kind of every mapping key (plain values only, never a list or a
mapping) are checked on the stream of YAML events, which is read without recursion; a file
over a bound is refused (exit 2) with the field path where it went over, in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from coopact.contracts.errors import InvalidInput, Problem
from coopact.schemas import Partnership

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40  # a partnership file nests 6 levels deep
MAX_NODES = 200_000  # values, aliases expanded (a "billion laughs" file goes far beyond)


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


# Where a file names a partner by its key (checked by the schema too, but only once every
# field is valid: here they are reported together with the field problems).
_PARTNER_REFERENCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("contributions",), "partner"),
    (("risks",), "owner"),
    (("benefits",), "partner"),
    (("governance", "steering_committee", "members"), "partner"),
    (("people",), "partner"),
    (("milestones",), "owner"),
)


def _dangling_keys(data: dict[str, Any]) -> list[Problem]:
    """Partner keys used but not defined, read from the raw data (best effort)."""
    partners = data.get("partners")
    if not isinstance(partners, list):
        return []
    keys = [p.get("key") for p in partners if isinstance(p, dict)]
    known = {k for k in keys if isinstance(k, str)}
    listed = ", ".join(k for k in keys if isinstance(k, str))
    problems: list[Problem] = []

    def check(loc: list[str | int], value: Any) -> None:
        if isinstance(value, str) and value not in known:
            message = f"unknown partner '{value}' (partners are: {listed})"
            problems.append(Problem(field_path(loc), message))

    for path, name in _PARTNER_REFERENCES:
        items: Any = data
        for part in path:
            items = items.get(part) if isinstance(items, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                check([*path, i, name], item.get(name))
    governance = data.get("governance")
    rituals = governance.get("rituals") if isinstance(governance, dict) else None
    for i, ritual in enumerate(rituals if isinstance(rituals, list) else []):
        with_ = ritual.get("with") if isinstance(ritual, dict) else None
        for j, key in enumerate(with_ if isinstance(with_, list) else []):
            check(["governance", "rituals", i, "with", j], key)
    return problems


def parse(data: Any, source: str = "partnership") -> Partnership:
    """Validate ``data``; every problem is reported at once: the fields', and the partner
    keys that name no partner (which the schema alone reports only once the fields pass)."""
    if not isinstance(data, dict):
        raise InvalidInput(source, [Problem("", "the file must be a YAML mapping of fields")])
    try:
        return Partnership.model_validate(data)
    except ValidationError as error:
        problems = problems_of(error)
        seen = {p.path for p in problems}
        problems += [p for p in _dangling_keys(data) if p.path not in seen]
        raise InvalidInput(source, problems) from None


def _flow_depth_line(text: str) -> int | None:
    """The line where ``[`` / ``{`` brackets nest deeper than :data:`MAX_DEPTH`, or None.

    PyYAML's scanner slows down on deeply nested brackets before the parser sees a single
    event, so they are counted on the raw text first (quoted text and comments skipped).
    """
    depth, line, quote, comment = 0, 1, "", False
    previous = " "
    for char in text:
        if char == "\n":
            line += 1
            comment = False
        elif comment:
            pass
        elif quote:
            if char == quote and previous != "\\":
                quote = ""
        elif char in "\"'" and previous in " [{,:\n":
            quote = char
        elif char == "#" and previous in " \t\n":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
        previous = char
    return None


def _check_bounds(text: str, source: str) -> None:
    """Walk the YAML events once (no recursion, nothing built) and refuse a document that
    nests too deep, expands aliases beyond :data:`MAX_NODES`, or uses a list or a mapping
    as a mapping key; each refusal names the field path."""
    deep = _flow_depth_line(text)
    if deep is not None:
        raise InvalidInput(
            source, [Problem(f"line {deep}", f"the file nests deeper than {MAX_DEPTH} levels")]
        )
    walk = _BoundsWalk(source)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            walk.take(event)
    except yaml.YAMLError:
        return  # reported, with its line, by the loader below


class _BoundsWalk:
    """The state of :func:`_check_bounds` along the YAML events: the open collections, the
    size of each anchor, the values counted so far."""

    def __init__(self, source: str) -> None:
        self.source = source
        # One frame per open collection: [is_mapping, expecting_key, key or index, node
        # count, anchor]. Counts include the collection itself; an alias adds its anchor's.
        self.stack: list[list[Any]] = []
        self.sizes: dict[str, int] = {}
        self.total = 0

    def take(self, event: Any) -> None:
        """Count one event, refusing the document when it goes past a bound."""
        stack = self.stack
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self.position_taken(event)
            if len(stack) >= MAX_DEPTH:
                self.refuse(f"the file nests deeper than {MAX_DEPTH} levels")
            stack.append([isinstance(event, yaml.MappingStartEvent), True, None, 0, event.anchor])
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            _is_mapping, _expecting, _at, count, anchor = stack.pop()
            if anchor:
                self.sizes[anchor] = count + 1
            self.add(count + 1)
        elif isinstance(event, yaml.ScalarEvent):
            self.position_taken(event)
            if event.anchor:
                self.sizes[event.anchor] = 1
            self.add(1)
        elif isinstance(event, yaml.AliasEvent):
            if stack and stack[-1][0] and stack[-1][1]:
                self.refuse("a field name must be plain text, not an alias")
            self.position_taken(event)
            self.add(self.sizes.get(event.anchor or "", 1))  # (an alias always has its anchor)

    def path(self) -> str:
        """The field path of the current position."""
        parts: list[str | int] = []
        for _is_mapping, _expecting_key, at, _count, _anchor in self.stack:
            if at is None:
                break
            parts.append(at)
        return field_path(parts) or "(top of the file)"

    def refuse(self, message: str) -> None:
        raise InvalidInput(self.source, [Problem(self.path(), message)])

    def add(self, count: int) -> None:
        """``count`` more values read, in the open collection and in the whole document."""
        self.total += count
        if self.total > MAX_NODES:
            self.refuse(f"the file expands to more than {MAX_NODES} values (aliases repeated?)")
        if self.stack:
            self.stack[-1][3] += count

    def position_taken(self, event: Any) -> None:
        """A node was read at the current position: a key, a value or an item."""
        if not self.stack:
            return
        frame = self.stack[-1]
        if frame[0]:  # mapping
            if frame[1]:
                if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                    kind = "a list" if isinstance(event, yaml.SequenceStartEvent) else "a mapping"
                    self.refuse(f"a field name must be plain text, not {kind}")
                frame[2] = getattr(event, "value", "?")
                frame[1] = False
            else:
                frame[1] = True
        else:
            frame[2] = frame[2] + 1 if isinstance(frame[2], int) else 0


def yaml_data(text: str, source: str) -> Any:
    """The YAML document in ``text`` (strict: no key twice), or InvalidInput with its line."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise InvalidInput(source, [Problem("", f"file larger than {MAX_FILE_BYTES} bytes")])
    _check_bounds(text, source)
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
