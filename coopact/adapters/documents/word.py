"""Word documents from templates, rendered safely and reproducibly.

Every template is rendered by docxtpl through a jinja2 ``SandboxedEnvironment`` with
autoescape and ``StrictUndefined``: partner data comes out verbatim (``& < > " '`` and
``{{ }}`` included), a template cannot execute code, and a missing field is an error,
never a blank in a contract. The output is made reproducible (fixed zip timestamps and
document properties) so that the same inputs give byte-identical files.

What does not depend on the data is done once per template, not once per document: the
file is read, unzipped and its unchanging parts serialised once per version of its bytes,
docxtpl's cleaning of its XML into jinja and the compiled jinja are kept, and the archive
is written in one pass whose recurring members are compressed once. The bytes are those
docxtpl's save followed by a re-zip gave (tests/unit/test_document_bytes.py): a document
keeps its SHA-256, so a signature on it stays valid.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory, XmlPart
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError as JinjaSecurityError
from jinja2.sandbox import SandboxedEnvironment

from coopact.adapters.documents.docx_zip import write_zip
from coopact.adapters.documents.template_limits import BoundedSandbox
from coopact.contracts.errors import (
    SecurityError,
    TemplateProblem,
)
from coopact.contracts.formatting import typography as _typography

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sandboxed_environment() -> SandboxedEnvironment:
    # Immutable: a template can neither run code nor change the data it is given; bounded:
    # nor make a value or a document beyond a size or a time
    # (coopact.adapters.documents.template_limits).
    return BoundedSandbox(autoescape=True, undefined=StrictUndefined)


class _CompilingOnce(BoundedSandbox):
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
_TEXT = qn("w:t")
# The parts a render changes: docxtpl renders the body, headers and footers, and the
# properties are set. Every other XML part is written as python-docx writes it untouched.
_RENDERED = (DocumentPart, HeaderPart, FooterPart, CorePropertiesPart)


class _Prototype:
    """A template, read once per version of its bytes: its parts as stored in the file
    (python-docx's reader, which holds bytes only), the XML parts no render changes
    already serialised as python-docx writes them (styles, numbering, settings), and the
    bytes that recur in every document made from it (compressed once, see write_zip)."""

    def __init__(self, data: bytes) -> None:
        self._reader = PackageReader.from_file(io.BytesIO(data))  # type: ignore[no-untyped-call]
        self._frozen: dict[str, bytes] = {}
        package = Package()
        for partname, content_type, reltype, blob in self._reader.iter_sparts():
            part = PartFactory(partname, content_type, reltype, blob, package)
            if isinstance(part, XmlPart) and not isinstance(part, _RENDERED):
                self._frozen[partname] = part.blob
        recurring = [blob for _, _, _, blob in self._reader.iter_sparts()]
        self._recurring = {id(blob) for blob in [*recurring, *self._frozen.values()]}

    def open(self) -> Any:
        """A fresh python-docx document, as ``docx.Document(file)`` opens it, without
        unzipping or parsing the parts no render changes."""
        package = Package()
        Unmarshaller.unmarshal(self._reader, package, self._part)  # type: ignore[no-untyped-call]
        part = package.main_document_part
        if part.content_type != CT.WML_DOCUMENT_MAIN:
            raise TemplateProblem(f"the template is not a Word document ({part.content_type})")
        return part.document

    def _part(
        self, partname: Any, content_type: str, reltype: str, blob: bytes, package: Any
    ) -> Any:
        frozen = self._frozen.get(partname)
        if frozen is None:
            return PartFactory(partname, content_type, reltype, blob, package)
        return Part(partname, content_type, frozen, package)

    def archive(self, document: Any) -> bytes:
        """The .docx of a rendered ``document``: its members as python-docx's save writes
        them, zipped once, reproducibly."""
        members = _Members()
        writer: Any = PackageWriter  # its steps, each writing to ``members``
        package = document.part.package
        parts = package.parts
        for part in parts:
            part.before_marshal()
        writer._write_content_types_stream(members, parts)
        writer._write_pkg_rels(members, package.rels)
        writer._write_parts(members, parts)
        recurring = frozenset(name for name, data in members.items() if id(data) in self._recurring)
        return write_zip(members, remember=recurring)


class _Members(dict[str, bytes]):
    """The members of a package, collected as python-docx's writer gives them."""

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self[pack_uri.membername] = blob


class _Rendering(DocxTemplate):  # type: ignore[misc]
    """docxtpl's render of a document opened from a :class:`_Prototype`, with what does
    not depend on the context done once: the cleaning of the template's XML into jinja
    (``patch_xml``, the same for the same source) is remembered, and the listing pass
    (tabs, new lines, page breaks in the data) is skipped when the output has none."""

    def __init__(self, document: Any) -> None:
        super().__init__(io.BytesIO())
        self.docx = document

    def patch_xml(self, src_xml: str) -> str:
        patched = _PATCHED.get(src_xml)
        if patched is None:
            patched = str(super().patch_xml(src_xml))
            if len(_PATCHED) >= 128:
                _PATCHED.clear()
            _PATCHED[src_xml] = patched
        return patched

    def resolve_listing(self, xml: str) -> str:
        # docxtpl's pass only rewrites the characters \t \a \n \f: without any, a no-op.
        if not _LISTING.search(xml):
            return xml
        return str(super().resolve_listing(xml))


_LISTING = re.compile("[\t\a\n\f]")
_PATCHED: dict[str, str] = {}  # docxtpl's patch_xml by source: the same source, the same result
_PROTOTYPES: dict[str, _Prototype] = {}
_DIGESTS: dict[tuple[str, int, int], str] = {}
_LOCK = threading.Lock()


def _prototype(template: Path) -> _Prototype:
    """The template's prototype: the file read once per version (path, mtime, size), and
    prepared once per content (its SHA-256)."""
    stat = template.stat()
    key = (str(template), stat.st_mtime_ns, stat.st_size)
    digest = _DIGESTS.get(key)
    data = None
    if digest is None:
        data = template.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
    prototype = _PROTOTYPES.get(digest)
    if prototype is None:
        prototype = _Prototype(data if data is not None else template.read_bytes())
    with _LOCK:
        if len(_PROTOTYPES) >= 64:
            _PROTOTYPES.clear()
            _DIGESTS.clear()
        _DIGESTS[key] = digest
        _PROTOTYPES[digest] = prototype
    return prototype


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

    The template file is read, unzipped and prepared once per version of its bytes
    (:class:`_Prototype`); each render opens a fresh document from it, renders it with
    docxtpl, and writes the archive once (:func:`coopact.adapters.documents.docx_zip.write_zip`),
    with the same bytes as docxtpl's save followed by :func:`reproducible_zip`.
    """
    prototype = _prototype(template)
    document = _Rendering(prototype.open())
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
    return prototype.archive(document.docx)


def apply_typography(document: Any, language: str) -> None:
    """Typography applied once, at rendering, to every text of the document (body, tables,
    headers, footers): French no-break spaces, and amounts that never break across lines."""
    parts = [document.element.body]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):  # fmt: skip
            if not part.is_linked_to_previous:
                parts.append(part._element)
    for element in parts:
        for text in element.iter(_TEXT):
            before = text.text
            if before:
                after = _typography_of(before, language)
                if after != before:
                    text.text = after


def _typography_of(text: str, language: str) -> str:
    """:func:`contracts.formatting.typography`, remembered: a document repeats its texts
    (headings, labels, the same names) and so do the documents of one template."""
    key = (text, language)
    result = _TYPOGRAPHY.get(key)
    if result is None:
        result = _typography(text, language)
        if len(_TYPOGRAPHY) >= 5_000:
            _TYPOGRAPHY.clear()
        _TYPOGRAPHY[key] = result
    return result


_TYPOGRAPHY: dict[tuple[str, str], str] = {}


def reproducible_zip(data: bytes) -> bytes:
    """The same archive with fixed member timestamps and order, so equal content hashes equal."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return write_zip({info.filename: source.read(info.filename) for info in source.infolist()})


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
