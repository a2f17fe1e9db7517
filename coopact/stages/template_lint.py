"""Lint a Word template against the context it will be rendered with, before any rendering.

Every variable a template prints or tests (``clause.purpose.heading``, ``p.signatory.name``
inside ``{% for p in partners %}``) must exist in the assembled context: a template using an
unknown field is refused with :class:`TemplateProblem` instead of failing half-way, and an
attribute or key starting with ``_`` (``''.__class__``) is refused with
:class:`contracts.errors.SecurityError`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import nodes

from coopact.adapters.documents.clause_files import articles, load_clauses, render_clause
from coopact.adapters.documents.clause_library import clause_library
from coopact.adapters.documents.template_limits import too_big_constant
from coopact.adapters.documents.word import sandboxed_environment
from coopact.contracts.agreement import assemble
from coopact.contracts.errors import EnvironmentProblem, SecurityError, TemplateProblem
from coopact.schemas import Partnership

Path_ = tuple[str, ...]  # ("partners", "[]", "signatory", "name")
_ITEM = "[]"


def template_source(template: Path) -> str:
    """The jinja source of a .docx template: body, headers and footers, as docxtpl sees it."""
    helper = DocxTemplate(str(template))
    document = Document(str(template))
    xml: str = helper.patch_xml(helper.xml_to_string(document.element.body))
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and rel.target_part.blob:
            xml += helper.patch_xml(helper.xml_to_string(parse_xml(rel.target_part.blob)))
    return xml


@functools.lru_cache(maxsize=64)
def _fields(template: str, mtime_ns: int, size: int) -> frozenset[Path_]:
    environment = sandboxed_environment()
    tree = environment.parse(template_source(Path(template)))
    ignored = set(environment.globals) | {"loop"}
    found: set[Path_] = set()
    _visit(tree, {}, found, ignored)
    return frozenset(found)


def template_fields(template: Path) -> frozenset[Path_]:
    """Every context path the template reads; cached until the file changes."""
    stat = template.stat()
    return _fields(str(template.resolve()), stat.st_mtime_ns, stat.st_size)


def _resolve(node: nodes.Node, scope: Mapping[str, Path_]) -> Path_ | None:
    if isinstance(node, nodes.Name):
        return scope.get(node.name, (node.name,))
    if isinstance(node, nodes.Getattr):
        base = _resolve(node.node, scope)
        return None if base is None else (*base, node.attr)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _resolve(node.node, scope)
        if base is None:
            return None
        return (*base, _ITEM) if isinstance(node.arg.value, int) else (*base, str(node.arg.value))
    return None


def _check_safe(node: nodes.Node) -> None:
    name = None
    if isinstance(node, nodes.Getattr):
        name = node.attr
    elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        name = node.arg.value if isinstance(node.arg.value, str) else None
    if name is not None and name.startswith("_"):
        raise SecurityError(f"a template may not read the attribute {name!r}")


def _visit(node: nodes.Node, scope: dict[str, Path_], found: set[Path_], ignored: set[str]) -> None:
    _check_safe(node)
    if isinstance(node, nodes.For):
        _visit(node.iter, scope, found, ignored)
        inner = dict(scope)
        iterated = _resolve(node.iter, scope)
        for target in _names(node.target):
            if iterated is not None:
                inner[target] = (*iterated, _ITEM)
        for child in node.body:
            _visit(child, inner, found, ignored)
        for child in node.else_:
            _visit(child, scope, found, ignored)
        if node.test is not None:
            _visit(node.test, inner, found, ignored)
        return
    if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
        path = _resolve(node, scope)
        root: nodes.Node = node
        while isinstance(root, (nodes.Getattr, nodes.Getitem)):
            root = root.node
        if path is not None and not (isinstance(root, nodes.Name) and root.name in ignored):
            found.add(path)
    for child in node.iter_child_nodes():
        _visit(child, scope, found, ignored)


def _names(target: nodes.Node) -> Iterator[str]:
    if isinstance(target, nodes.Name):
        yield target.name
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            yield from _names(item)


def unknown_fields(template: Path, context: Mapping[str, Any]) -> list[str]:
    """The fields the template reads that the context does not have (``partners[].nmae``)."""
    missing: set[Path_] = set()
    _walk(context, _field_tree(template), missing)
    return sorted(_show(path) for path in missing)


def check_template(template: Path, context: Mapping[str, Any]) -> None:
    """Refuse a template that reads a field missing from ``context`` (or an unsafe one)."""
    unknown = unknown_fields(template, context)
    if unknown:
        raise TemplateProblem(
            f"template {template.name} uses fields the context does not have: {', '.join(unknown)}"
        )


@dataclass
class _Node:
    """The fields of a template as a tree of path steps, so that the context is walked once:
    ``fields`` are the paths that end here, ``below`` every path at or under this step."""

    steps: dict[str, _Node] = field(default_factory=dict)
    fields: list[Path_] = field(default_factory=list)
    below: list[Path_] = field(default_factory=list)


@functools.lru_cache(maxsize=64)
def _tree(fields: frozenset[Path_]) -> _Node:
    root = _Node()
    for path in fields:
        node = root
        for step in path:
            node = node.steps.setdefault(step, _Node())
            node.below.append(path)
        node.fields.append(path)
    return root


def _field_tree(template: Path) -> _Node:
    return _tree(template_fields(template))


def _walk(value: Any, node: _Node, missing: set[Path_]) -> None:
    """Add to ``missing`` every field under ``node`` that ``value`` does not have: a key of a
    mapping, and for ``[]`` a list whose every item has it (an empty list has them all)."""
    for step, child in node.steps.items():
        if step == _ITEM:
            if not isinstance(value, (list, tuple)):
                missing.update(child.below)
                continue
            for item in value:
                _walk(item, child, missing)
        elif isinstance(value, Mapping) and step in value:
            _walk(value[step], child, missing)
        else:
            missing.update(child.below)


def _show(path: Path_) -> str:
    return ".".join(path).replace(".[]", "[]")


# --- The whole templates folder, checked at start -------------------------------------

DOCUMENT_KINDS = (
    "agreement",
    "charter",
    "vision_note",
    "balance_report",
    "review_report",
    "minutes",
    "avenant",
    "termination_letter",
    "exit_statement",
    "tax_receipt",
)
LANGUAGES = ("fr", "en")


def _safe_source(template: Path) -> None:
    """The template parses as jinja, reads no underscore attribute and makes no value
    beyond the sandbox's limits from its own constants (``"x" * 400000000``)."""
    try:
        tree = sandboxed_environment().parse(template_source(template))
    except Exception as exc:  # a broken .docx or broken jinja: name the file and the problem
        raise TemplateProblem(f"template {template} cannot be read: {exc}") from None
    _visit(tree, {}, set(), set())
    too_big = too_big_constant(tree)
    if too_big is not None:
        raise SecurityError(f"template {template} is refused: {too_big}")


def check_templates_folder(templates: Path) -> None:
    """Refuse a templates folder (``COOPACT_TEMPLATES``) with a missing or broken template.

    Every document kind exists in each language and is sandbox-safe; the agreement is also
    linted against the context of the bundled example (every field it reads exists); the
    clause library is complete (every required clause, every clause in every language, the
    same conditions in each, only known facts, kinds and fields) and every clause file
    renders. The problem named is the file's path and what is wrong with it.
    """
    import yaml

    if not templates.is_dir():
        raise TemplateProblem(
            f"the templates folder {templates} does not exist (COOPACT_TEMPLATES)"
        )
    example = Path(__file__).resolve().parents[1] / "examples" / "partnership.example.yaml"
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    for language in LANGUAGES:
        for kind in DOCUMENT_KINDS:
            path = templates / language / f"{kind}.docx"
            if not path.is_file():
                raise TemplateProblem(f"template {path} is missing")
            _safe_source(path)
        partnership = Partnership.model_validate({**data, "language": language})
        bare = agreement_context_without_articles(partnership, clause_library(templates))
        for text in load_clauses(templates, language).values():
            render_clause(text, bare)
        context = agreement_context(partnership, templates)
        agreement = templates / language / "agreement.docx"
        unknown = unknown_fields(agreement, context)
        if unknown:
            raise TemplateProblem(
                f"template {agreement} uses fields the agreement does not have: "
                + ", ".join(unknown)
            )
    if not (templates / "mail").is_dir():
        raise TemplateProblem(f"the mail templates folder {templates / 'mail'} is missing")


def agreement_context(
    partnership: Partnership, templates: Path, provider: str = "manual"
) -> dict[str, Any]:
    """The assembled context plus the articles rendered from the clause files (here, below
    :mod:`stages.agreement` that renders it, since the lint renders it too)."""
    context = assemble(partnership, clause_library(templates), signature_provider=provider)
    context["articles"], context["signatures"] = articles(
        templates, partnership.language.value, context
    )
    return context


def agreement_context_without_articles(partnership: Any, clauses: Any) -> dict[str, Any]:
    return assemble(partnership, clauses)


_CHECKED: set[str] = set()


def folder_fingerprint(templates: Path) -> str:
    """A digest of every file of the folder (path, size, modification time)."""
    import hashlib

    digest = hashlib.sha256(str(templates.resolve()).encode())
    if templates.is_dir():
        for path in sorted(templates.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(templates)}|{stat.st_size}|{stat.st_mtime_ns}".encode()
                )
    return digest.hexdigest()


def ensure_templates(templates: Path, stamp_folder: Path | None = None) -> None:
    """:func:`check_templates_folder` when the folder changed since it last passed: the
    passing fingerprint is kept in ``stamp_folder`` (COOPACT_HOME), so that a command that
    starts does not lint unchanged templates again."""
    fingerprint = folder_fingerprint(templates)
    if fingerprint in _CHECKED:
        return
    stamp = stamp_folder / "templates-checked" if stamp_folder else None
    if stamp is not None and stamp.is_file() and stamp.read_text().strip() == fingerprint:
        _CHECKED.add(fingerprint)
        return
    try:
        check_templates_folder(templates.resolve())
    except (TemplateProblem, SecurityError) as problem:
        # The installation is at fault, not the partnership: say which file and why.
        raise EnvironmentProblem(
            f"the templates folder cannot be used (COOPACT_TEMPLATES): {problem.message}"
        ) from None
    _CHECKED.add(fingerprint)
    if stamp is not None and stamp_folder is not None and stamp_folder.is_dir():
        stamp.write_text(fingerprint + "\n")
