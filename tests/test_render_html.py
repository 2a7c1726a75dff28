"""HTML output: one self-contained, escaped page with <ins>/<del> and a print stylesheet."""

from __future__ import annotations

import copy
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

from finalacts.render.document import resolution_doc
from finalacts.render.html import render_html
from redline_fixtures import base_140, head_140, registry

WHEN = datetime(2018, 9, 20, tzinfo=timezone.utc)


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[tuple[tuple[str, ...], str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append((tuple(self.stack), data))


def _page(old=None, new=None):
    old = old or base_140()
    new = new or head_140(old)
    return render_html(resolution_doc(old, new, registry(), "APT <editors>", WHEN))


def test_page_is_well_formed_with_ins_and_del():
    w = _Walker()
    w.feed(_page())
    w.close()
    assert w.stack == []
    ins = [d for s, d in w.text if "ins" in s]
    dels = [d for s, d in w.text if "del" in s]
    assert "Dubai" in ins and "Busan" in dels and "g)" in ins and "f)" in dels


def test_page_is_self_contained_with_print_stylesheet():
    page = _page()
    assert "@media print" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"(src|href)=\"(?!#)", page), "only in-page links"
    assert "url(" not in page and "@import" not in page
    assert '<meta charset="utf-8">' in page


def test_every_text_is_escaped():
    old = base_140()
    new = copy.deepcopy(old)
    new.sections[0].items[0].text = '<script>alert("x")</script> & <b>bold</b> *it*'
    new.title = "A <title> & more"
    page = _page(old, new)
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;" in page and "&amp;" in page
    assert "APT &lt;editors&gt;" in page
    assert "<i>it</i>" in page


def test_moved_item_and_footnote_are_marked():
    page = _page()
    # Moves are <del>/<ins> too (class "move"), saying what they moved from or to.
    assert '<del class="move"' in page and '<ins class="move"' in page
    assert "moved from recalling further" in page
    assert re.search(r'<sup id="fr1"><a href="#fn1"[^>]*>1</a></sup>', page)
    assert 'id="fn1"' in page and "land-locked" in page


def test_rtl_and_cjk_text_survive():
    old = base_140()
    new = copy.deepcopy(old)
    new.sections[0].items[0].text = "النص العربي and 中文文本"
    page = _page(old, new)
    assert "النص العربي" in page and "中文文本" in page
