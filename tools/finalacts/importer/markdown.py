"""The Markdown-like form ITU texts are sometimes exchanged in (seed 001).

`## RESOLUTION …` is the title line, `### **…**` the title, a line wholly in `*…*` a section
heading, `- a) text` an item (a stray `*` after the label is an italic toggle with nothing to
close and is dropped), an indented `- text` a dash entry, `<sup>1</sup>` a footnote reference,
and a line `<sup>1</sup> text` (after a `---` rule) the footnote's text.
"""

from __future__ import annotations

import re

from finalacts.importer.paras import Para

_ITEM = re.compile(r"^(?P<num>\(?[a-z]{1,3}\)|\(?[ivxl]{4,6}\)|\d{1,4}(?:\.\d{1,3})*)\*?\s+(?P<text>.*)$")
_SUP = re.compile(r"<sup>([^<]+)</sup>")
_NOTE = re.compile(r"^\s*<sup>([^<]+)</sup>\s*(?P<text>\S.*)$")


def _inline(text: str) -> str:
    text = _SUP.sub(r"[^\1]", text)
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


def to_paras(text: str) -> tuple[list[Para], dict[str, str]]:
    """Paragraphs and footnotes of a Markdown-like resolution text."""
    paras: list[Para] = []
    footnotes: dict[str, str] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip() or re.fullmatch(r"\s*-{3,}\s*", line):
            continue
        note = _NOTE.match(line)
        if note:
            footnotes[note.group(1)] = _inline(note.group("text")).strip()
            continue
        m = re.match(r"^#{1,6}\s+(.*)$", line.strip())
        if m:
            body = _inline(m.group(1)).strip()
            style = "resno" if re.match(r"(draft\s+new\s+)?resolution\b", body, re.I) else None
            paras.append(Para(n, body, style, raw=raw))
            continue
        indent = len(line) - len(line.lstrip())
        bullet = re.match(r"^\s*[-+]\s+(.*)$", line)
        body = bullet.group(1) if bullet else line.strip()
        whole = re.fullmatch(r"\*([^*]+)\*", body.strip())
        if whole and not bullet:
            paras.append(Para(n, whole.group(1).strip(), "call", raw=raw))
            continue
        item = _ITEM.match(body)
        if item:
            rest = item.group("text")
            paras.append(Para(n, f"{item.group('num')}\t{_inline(rest)}", raw=raw))
        elif bullet and indent >= 2:
            paras.append(Para(n, f"\u2013\t{_inline(body)}", raw=raw))
        else:
            paras.append(Para(n, _inline(body), raw=raw))
    return paras, footnotes
