"""PDF through real LibreOffice: every .docx we write must open and convert."""

from __future__ import annotations

import copy
import shutil
import subprocess
from datetime import datetime, timezone

import pytest

from finalacts.corpus.model import Annex, Block, Item, Section
from finalacts.render.document import clean_doc, resolution_doc
from finalacts.render.docx import render_docx
from finalacts.render.pdf import convert, docx_to_pdf
from redline_fixtures import base_140, head_140, registry

WHEN = datetime(2018, 9, 20, tzinfo=timezone.utc)
pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice or poppler-utils is not installed")


def _pdf_text(tmp_path, pdf: bytes) -> str:
    (tmp_path / "x.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(tmp_path / "x.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_redline_docx_converts_and_shows_both_words(tmp_path):
    old = base_140()
    pdf = docx_to_pdf(render_docx(resolution_doc(old, head_140(old), registry(), "APT", WHEN)))
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(tmp_path, pdf)
    assert "RESOLUTION 140" in text and "Dubai" in text and "Busan" in text
    assert "emerging" in text


def test_hard_inputs_convert(tmp_path):
    old = base_140()
    new = copy.deepcopy(old)
    new.sections[0].items[0].text = "النص العربي *هنا* and 中文文本 决议"
    new.sections.insert(1, Section(heading="an empty section"))
    new.sections[2].items = [Item(num=str(k + 1), text=f"item {k + 1} of a very long list;") for k in range(2000)]
    new.annexes = [Annex(heading="An annex with a table", blocks=[Block(table=[["Region", "Offices"], ["Africa", "4"]])])]
    pdf = docx_to_pdf(render_docx(resolution_doc(old, new, registry(), "APT", WHEN)), timeout=300)
    text = _pdf_text(tmp_path, pdf)
    assert "item 2000 of a very long list" in text
    assert "an empty section" in text and "Africa" in text


def test_clean_text_converts(tmp_path):
    pdf = docx_to_pdf(render_docx(clean_doc(base_140(), registry(), "ITU", WHEN)))
    assert "RESOLUTION 140 (Rev. Busan, 2014)" in _pdf_text(tmp_path, pdf)


def test_a_file_libreoffice_cannot_read_is_a_clear_error(tmp_path):
    from finalacts.corpus.findings import UsageError

    (tmp_path / "in").mkdir()
    bad = tmp_path / "in" / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UsageError, match="LibreOffice could not convert broken.docx"):
        convert(bad, tmp_path, "pdf", timeout=120)
