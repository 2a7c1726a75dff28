"""The output formats: a `Doc` as docx, html, pdf or text, by name."""

from __future__ import annotations

from pathlib import Path

from finalacts.corpus.findings import UsageError
from finalacts.render.document import Doc
from finalacts.render.docx import render_docx
from finalacts.render.html import render_html
from finalacts.render.pdf import docx_to_pdf
from finalacts.render.text import doc_text


def _docx(doc: Doc, reference: Path | None, timeout: float | None) -> bytes:
    return render_docx(doc, reference)


def _html(doc: Doc, reference: Path | None, timeout: float | None) -> bytes:
    return render_html(doc).encode("utf-8")


def _pdf(doc: Doc, reference: Path | None, timeout: float | None) -> bytes:
    data = render_docx(doc, reference)
    # LibreOffice needs about a second per 100 pages; large Final Acts get more time.
    return docx_to_pdf(data, timeout=timeout or 180 + len(data) / 10_000)


def _text(doc: Doc, reference: Path | None, timeout: float | None) -> bytes:
    return doc_text(doc).encode("utf-8")


# `render --format` offers these names; a new format is one function and one line here.
FORMATS = {"docx": _docx, "html": _html, "pdf": _pdf, "text": _text}


def to_bytes(doc: Doc, fmt: str, reference: Path | None = None, timeout: float | None = None) -> bytes:
    """The document in one of the FORMATS (`reference`: a Word template for docx and pdf)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return FORMATS[fmt](doc, reference, timeout)
