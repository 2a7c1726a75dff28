"""Documents in other languages: Arabic set right to left and Chinese in faces that have their
letters, in Word, HTML and PDF (real LibreOffice, fonts from the distribution), and a document in
a language whose translation is incomplete refused unless asked for, with what is missing said.

The Arabic and Chinese words are ITU's own: the notice ITU's Library & Archives Service prints in
its PDFs in six languages (tests/fixtures/languages/excerpts/itu-library-notice.txt), and the
Chinese title line the language registry composes from forms read in an ITU Chinese text. They
are not presented as translations of any resolution."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from finalacts.redline import Para, Run
from finalacts.render.document import Doc
from finalacts.render.formats import to_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "languages"
NOTICE = (FIXTURES / "excerpts" / "itu-library-notice.txt").read_text(encoding="utf-8")
# The stored copy has the Arabic in presentation forms (as a PDF extraction gives them); NFKC gives
# the letters back. Only the first clause is used: the extraction disordered the words after it.
ARABIC = unicodedata.normalize("NFKC", NOTICE[NOTICE.index("ﻫﺬﻩ"):NOTICE.index("ﻭﻫﻲ")]).strip(" ،")
CHINESE = NOTICE[NOTICE.index("版本由"):NOTICE.index("Настоящий")].strip()
WHEN = datetime(2024, 1, 1, tzinfo=timezone.utc)


def doc(lang: str, text: str) -> Doc:
    return Doc("ITU Library", "ITU", WHEN, [Para("Normal", [Run(text)])], language=lang)


def test_the_words_are_the_notice_itu_prints():
    assert ARABIC.startswith("هذه النسخة") and "الاتحاد الدولي للاتصالات" in ARABIC
    assert CHINESE.startswith("版本由国际电信联盟") and CHINESE.endswith("电子文件。")


def test_arabic_is_right_to_left_in_word_and_html():
    data = to_bytes(doc("ar", ARABIC), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
    assert "<w:bidi/>" in styles and "<w:rtl/>" in styles and 'w:cs="Noto Naskh Arabic"' in styles
    assert ARABIC in body
    html = to_bytes(doc("ar", ARABIC), "html").decode()
    assert '<html lang="ar" dir="rtl">' in html and ARABIC in html
    zh = to_bytes(doc("zh-CN", CHINESE), "docx")
    with zipfile.ZipFile(io.BytesIO(zh)) as z:
        assert 'w:eastAsia="Noto Serif CJK SC"' in z.read("word/styles.xml").decode()
        assert "<w:bidi/>" not in z.read("word/styles.xml").decode()


needs_tools = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdffonts")
                                      and shutil.which("pdftotext")),
                                 reason="LibreOffice and poppler-utils are installed by .ci/run")


@needs_tools
@pytest.mark.parametrize("lang,text,font", [("ar", ARABIC, "NotoNaskhArabic"), ("zh-CN", CHINESE, "NotoSerifCJK")])
def test_the_pdf_embeds_a_face_with_the_letters_and_gives_them_back(tmp_path, lang, text, font):
    pdf = tmp_path / f"{lang}.pdf"
    pdf.write_bytes(to_bytes(doc(lang, text), "pdf"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert font in fonts.replace(" ", ""), fonts                    # the face with the script's letters
    assert "yes" in fonts.splitlines()[-1].split()[-5:], fonts       # embedded
    back = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = [w for w in text.replace("(ITU)", " ").split() if len(w) > 2 and "PDF" not in w]
    assert all(w in back for w in words[:4]), back                   # real letters, not boxes


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", root)
    monkeypatch.chdir(root)
    return root


def test_an_incomplete_translation_is_refused_with_what_it_lacks(corpus, run_cli, tmp_path):
    out = tmp_path / "es.html"
    code, _, err = run_cli("render", "resolutions/pp/140.yaml", "--lang", "es", "-o", str(out))
    assert code == 1 and not out.exists()
    assert "translation-missing *considering* c) is not translated into Spanish" in err
    code, _, err = run_cli("render", "resolutions/pp/140.yaml", "--lang", "es", "--partial", "-o", str(out))
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert "RESOLUCIÓN 140 (Antalya, 2006)" in html                          # the registry's Spanish forms
    assert ("La Conferencia de Plenipotenciarios de la Unión Internacional de Telecomunicaciones "
            "(Antalya, 2006),") in html
    assert "recordando además" in html and "la Resolución 113 (Marrakech, 2002)" in html
    assert "[not translated into Spanish: <i>considering</i> c)]" in html
    assert "Resolution 113" not in html                                       # no English mixed in
    assert "1 units not translated into Spanish, marked in the document" in err


def test_a_chinese_document_of_a_text_with_no_chinese_version_says_so(corpus, run_cli, tmp_path):
    out = tmp_path / "zh.html"
    code, _, err = run_cli("render", "resolutions/pp/140.yaml", "--lang", "zh", "--partial", "-o", str(out))
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert "第140号决议(2006年,安塔利亚)" in html                                # verified forms
    assert "11 units not translated into Chinese" in err
    assert "Chinese preamble of PP texts: forms the language registry has not verified" in err
