"""Word documents from templates, rendered safely and reproducibly.

Every template is rendered by docxtpl through a jinja2 ``SandboxedEnvironment`` with
autoescape and ``StrictUndefined``: partner data comes out verbatim (``& < > " '`` and
``{{ }}`` included), a template cannot execute code, and a missing field is an error,
never a blank in a contract. The output is made reproducible (fixed zip timestamps and
document properties) so that the same inputs give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError as JinjaSecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from coopact.contracts.errors import SecurityError
from coopact.contracts.errors import TemplateProblem as TemplateProblem  # re-exported: its old home
from coopact.contracts.formatting import typography as _typography

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def sandboxed_environment() -> SandboxedEnvironment:
    # Immutable: a template can neither run code nor change the data it is given.
    return ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


class _CompilingOnce(ImmutableSandboxedEnvironment):
    """The sandbox, remembering what it compiled: docxtpl compiles each XML part of a
    template (body, headers, footers...) on every render, and compiling is more than half
    of a render. The same source compiles to the same template, so the source is the key;
    an edited template file gives a new source, hence a new entry."""

    LIMIT = 512

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: dict[str, Any] = {}
        self._lock = threading.Lock()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._lock:
            template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            with self._lock:
                if len(self._compiled) >= self.LIMIT:
                    self._compiled.clear()
                self._compiled[source] = template
        return template


_RENDERING = _CompilingOnce()
_TEMPLATE_BYTES: dict[tuple[str, int, int], bytes] = {}


def _template_bytes(template: Path) -> bytes:
    """The template file's bytes, read once per version of the file (path, mtime, size)."""
    stat = template.stat()
    key = (str(template), stat.st_mtime_ns, stat.st_size)
    data = _TEMPLATE_BYTES.get(key)
    if data is None:
        data = template.read_bytes()
        if len(_TEMPLATE_BYTES) > 64:
            _TEMPLATE_BYTES.clear()
        _TEMPLATE_BYTES[key] = data
    return data


def template_path(templates: Path, name: str) -> Path:
    """Resolve ``name`` inside the templates folder only (no absolute paths, no ``..``)."""
    root = templates.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise SecurityError(f"template {name!r} is outside the templates folder {root}")
    if not path.is_file():
        raise TemplateProblem(f"template {name!r} not found in {root}")
    return path


@dataclass(frozen=True)
class Picture:
    """An image to place in a document (PNG bytes), ``width_mm`` wide."""

    data: bytes
    width_mm: float


def render_docx(
    template: Path,
    context: dict[str, Any],
    *,
    title: str,
    language: str,
    created: dt.datetime,
    pictures: Mapping[str, Picture] | None = None,
) -> bytes:
    """Render ``template`` with ``context``; return the .docx bytes, reproducible.

    ``pictures`` are added to the context under their names, as images the template places
    with ``{{ name }}`` in a paragraph of its own. Every document, whatever its kind, gets
    the typography of its language here, once (:func:`apply_typography`): the context and
    the templates hold ordinary spaces.
    """
    document = DocxTemplate(io.BytesIO(_template_bytes(template)))
    context = dict(context)
    for name, picture in (pictures or {}).items():
        context[name] = InlineImage(document, io.BytesIO(picture.data), width=Mm(picture.width_mm))
    try:
        document.render(context, jinja_env=_RENDERING, autoescape=True)
    except JinjaSecurityError as exc:
        raise SecurityError(f"template {template.name} tried an unsafe operation: {exc}") from None
    except TemplateError as exc:
        raise TemplateProblem(f"template {template.name} could not be rendered: {exc}") from None
    apply_typography(document.docx, language)
    properties = document.docx.core_properties
    properties.title = title
    properties.language = language
    properties.author = "coopact"
    properties.last_modified_by = "coopact"
    properties.created = created
    properties.modified = created
    properties.last_printed = created
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())


def apply_typography(document: Any, language: str) -> None:
    """Typography applied once, at rendering, to every text of the document (body, tables,
    headers, footers): French no-break spaces, and amounts that never break across lines."""
    from docx.oxml.ns import qn

    parts = [document.element.body]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):  # fmt: skip
            if not part.is_linked_to_previous:
                parts.append(part._element)
    for element in parts:
        for text in element.iter(qn("w:t")):
            if text.text:
                text.text = _typography(text.text, language)


def reproducible_zip(data: bytes) -> bytes:
    """The same archive with fixed member timestamps and order, so equal content hashes equal."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=_member_order):
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def _member_order(info: zipfile.ZipInfo) -> tuple[int, str]:
    # [Content_Types].xml first, as Word and LibreOffice expect.
    return (0 if info.filename == "[Content_Types].xml" else 1, info.filename)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
