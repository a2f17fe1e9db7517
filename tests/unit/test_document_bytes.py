"""A document's bytes do not depend on how coopact writes them. The agreement of the French
example and the tax receipts keep the SHA-256 they had before documents were written in one
pass (a new hash would void the signatures on an agreement and the receipts already sent);
every kind of document, in both languages, has the bytes of docxtpl's save followed by the
re-zip coopact used to do; and what the rendering keeps from one document to the next (the
prepared template, compressed members, patched sources, typography) never carries one
document into another."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from coopact.adapters.documents import word as documents
from coopact.adapters.documents.docx_zip import write_zip
from coopact.adapters.documents.word import Picture, render_docx, sandboxed_environment
from coopact.contracts.errors import TemplateProblem
from coopact.contracts.formatting import typography
from coopact.contracts.receipt import ReceivedGift
from coopact.schemas import Partnership
from coopact.stages import (
    agreement,
    avenant,
    exit_acts,
    governance,
    minutes,
    review,
    stage_note,
)
from coopact.stages.base import GeneratedDocument
from coopact.usecases import tax_receipts
from tests.every_document import KINDS, every_document
from tests.money_support import mecenat_data

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
EXAMPLE = yaml.safe_load((ROOT / "coopact/examples/partnership.example.yaml").read_text())
CREATED = dt.datetime(2027, 5, 2, 10, tzinfo=dt.UTC)

# The single-pass writer gave the same bytes as the code before it (commit 420ecd1); re-pinned
# when the e-signature clause named the register that keeps the original, not the software;
# re-pinned when it bound the signature to the SHA-256 of the PDF the signatories read, and
# when the governance article allowed a member's proxy and said what the minutes state.
AGREEMENT_FR_SHA256 = "ee933e3a46295e00a0970ef03dfc578071a6cefddde124c5df310d52a2b04840"
RECEIPT_SHA256 = {
    "en": "983f4af76b800dd2b34ff2884b8cda8752a7f8e1acc2006118d6d7614e3057e4",
    "fr": "ad702aa4b934e5d655d1b308fdf204e8fd91746e908319db4c0a3968589f3ac6",
}


def _example(language: str = "fr") -> Partnership:
    return Partnership.model_validate({**EXAMPLE, "language": language})


def _receipt(language: str, amount: str = "1234.50") -> GeneratedDocument:
    partnership = Partnership.model_validate({**mecenat_data(), "language": language})
    gift = ReceivedGift(
        donor=partnership.partner("greenfleet"), donee=partnership.partner("kitchens"),
        amount=Decimal(amount), paid_on=dt.date(2027, 5, 2), number="TRE-2027-0001",
        issued_on=dt.date(2027, 5, 2),
    )  # fmt: skip
    return tax_receipts.render(partnership, gift, templates=TEMPLATES, created=CREATED)


def reference_render(
    template: Path,
    context: dict[str, Any],
    *,
    title: str,
    language: str,
    created: dt.datetime,
    pictures: Mapping[str, Picture] | None = None,
) -> bytes:
    """How coopact wrote a document before: docxtpl opens the file, renders, saves through
    python-docx (every member compressed), and the archive is read back and written again
    with fixed dates and order (every member compressed a second time)."""
    document = DocxTemplate(io.BytesIO(template.read_bytes()))
    context = dict(context)
    for name, picture in (pictures or {}).items():
        context[name] = InlineImage(document, io.BytesIO(picture.data), width=Mm(picture.width_mm))
    document.render(context, jinja_env=sandboxed_environment(), autoescape=True)
    opened = document.docx
    parts = [opened.element.body]
    for section in opened.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):  # fmt: skip
            if not part.is_linked_to_previous:
                parts.append(part._element)
    for element in parts:
        for text in element.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
            if text.text:
                text.text = typography(text.text, language)
    properties = opened.core_properties
    properties.title, properties.language = title, language
    properties.author = properties.last_modified_by = "coopact"
    properties.created = properties.modified = properties.last_printed = created
    properties.revision = 1
    saved = io.BytesIO()
    document.save(saved)
    return _rezip(saved.getvalue())


def _rezip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        infos = sorted(
            source.infolist(),
            key=lambda i: (0 if i.filename == "[Content_Types].xml" else 1, i.filename),
        )
        for info in infos:
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every document a stage renders is also rendered the former way; the bytes must match."""
    rendered: list[str] = []

    def checked(template: Path, context: dict[str, Any], **options: Any) -> bytes:
        content = render_docx(template, context, **options)
        assert content == reference_render(template, context, **options), template.name
        rendered.append(template.stem)
        return content

    # stage_note: the vision note and the balance report
    for module in (agreement, avenant, exit_acts, governance, minutes, review, stage_note,
                   tax_receipts):  # fmt: skip
        monkeypatch.setattr(module, "render_docx", checked)
    yield rendered


def test_the_french_agreement_and_the_receipts_keep_their_hashes() -> None:
    (document,) = every_document(_example("fr"), TEMPLATES, ["agreement"]).values()
    assert document.sha256 == AGREEMENT_FR_SHA256
    again = every_document(_example("fr"), TEMPLATES, ["agreement"])["agreement"]
    assert again.content == document.content  # the caches change nothing on a second run
    for language, expected in RECEIPT_SHA256.items():
        assert _receipt(language).sha256 == expected


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_kind_of_document_has_the_bytes_of_the_former_writer(
    compared: list[str], language: str
) -> None:
    every_document(_example(language), TEMPLATES)
    _receipt(language)
    assert set(compared) == {*KINDS, "tax_receipt"}


def test_a_document_opens_in_word_terms_with_its_typography_and_properties() -> None:
    content = _receipt("fr").content
    opened = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in opened.paragraphs)
    assert "article 238 bis du code général des impôts" in text
    assert "Montant\u00a0: 1\u202f234,50\u00a0€" in text  # French spacing, an unbroken amount
    assert opened.core_properties.title.startswith("TRE-2027-0001")
    assert opened.core_properties.language == "fr"
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])


def test_one_document_never_carries_into_the_next() -> None:
    first = _receipt("fr", "10.00").content
    other = _receipt("fr", "999.99").content
    assert other != first
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(other)).paragraphs)
    assert "999,99" in text and "10,00\u00a0€" not in text
    assert _receipt("fr", "10.00").content == first


def test_a_failed_render_leaves_the_next_one_whole(tmp_path: Path) -> None:
    template = TEMPLATES / "fr" / "tax_receipt.docx"
    with pytest.raises(TemplateProblem):
        render_docx(template, {}, title="t", language="fr", created=CREATED)
    assert _receipt("fr").sha256 == RECEIPT_SHA256["fr"]


def test_an_edited_template_file_is_read_again(tmp_path: Path) -> None:
    template = tmp_path / "tax_receipt.docx"
    shutil.copy(TEMPLATES / "fr" / "tax_receipt.docx", template)
    context = _receipt("fr").inputs["receipt"]
    options: dict[str, Any] = {"title": "t", "language": "fr", "created": CREATED}
    before = render_docx(template, context, **options)
    assert before == reference_render(template, context, **options)
    edited = docx.Document(str(template))  # as someone would in Word
    edited.add_paragraph("Reçu établi en un exemplaire original.")
    edited.save(str(template))
    after = render_docx(template, context, **options)
    assert after != before
    assert after == reference_render(template, context, **options)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(after)).paragraphs]
    assert "Reçu établi en un exemplaire original." in paragraphs


def test_the_archive_has_the_bytes_zipfile_writes() -> None:
    members = {
        "word/document.xml": b"<w:document/>" * 50,
        "[Content_Types].xml": b"<Types/>",
        "word/media/\u00e9t\u00e9.png": bytes(range(256)) * 40,
        "empty.txt": b"",
    }
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(members, key=lambda n: (n != "[Content_Types].xml", n)):
            member = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, members[name])
    assert write_zip(members) == expected.getvalue()
    assert write_zip(members, remember=frozenset(members)) == expected.getvalue()
    assert write_zip(members, remember=frozenset(members)) == expected.getvalue()  # cached
    assert documents.reproducible_zip(expected.getvalue()) == expected.getvalue()
    with zipfile.ZipFile(io.BytesIO(write_zip(members))) as archive:
        assert archive.testzip() is None
        assert {n: archive.read(n) for n in archive.namelist()} == members


def test_a_new_line_or_tab_in_the_data_is_laid_out_as_before() -> None:
    """docxtpl turns a new line in the data into a line break and a tab into a tab: that
    pass runs whenever the output holds one, with the bytes it always gave."""
    context = _receipt("fr").inputs["receipt"]
    context = {
        **context,
        "donee": {**context["donee"], "address": "12 rue de la Roquette\n75011\tParis"},
    }
    template = TEMPLATES / "fr" / "tax_receipt.docx"
    options: dict[str, Any] = {"title": "t", "language": "fr", "created": CREATED}
    content = render_docx(template, context, **options)
    assert content == reference_render(template, context, **options)
    body = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "12 rue de la Roquette</w:t><w:br/>" in body and "<w:tab/>" in body
