"""HTML output: one self-contained page with real headings, a table of contents, an anchor for
every text and every item, each text's footnotes after it, and `<ins>`/`<del>` for every change
(moves too, with what they moved from or to).

Headings follow the document: h1 the document's title, h2 each proposal (or, in the Final Acts,
each text), then the resolution number, its sections and annexes below. Changes are marked so
that they cannot be taken for links: insertions on a green ground with a double underline,
deletions struck on a red one, moves in the same colours with a dotted frame; each change also
says what it is to a screen reader. Nothing is loaded from elsewhere (no fonts, scripts or
images), and every piece of text goes through `html.escape`, so a text can never inject markup.
"""

from __future__ import annotations

import re
from html import escape

from finalacts.redline import DEL, INS, MOVEFROM, MOVETO, Para, Run, Table
from finalacts.render.document import Doc, check_chars

CSS = """
body { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 12pt; line-height: 1.35;
       max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
:lang(ar) body, body:lang(ar) { font-family: "Noto Naskh Arabic", "Times New Roman", serif; }
:lang(zh) body, body:lang(zh) { font-family: "Times New Roman", "Noto Serif CJK SC", serif; }
p, h1, h2, h3, h4, h5, h6 { margin: .35em 0; font-size: 12pt; font-weight: normal; }
a { color: #1a4d8f; }
.lbl { display: inline-block; min-width: 3em; margin-right: .5em; text-indent: 0; }
.enumlev1 .lbl, .enumlev2 .lbl, .enumlev3 .lbl { min-width: 2.5em; }
.ResNo, .AnnexNo { text-align: center; margin-top: 2em; text-transform: uppercase; font-size: 14pt; }
.Restitle, .Annextitle { text-align: center; font-weight: bold; font-size: 14pt; }
.Resref { text-align: center; font-style: italic; }
.Normalaftertitle { margin-top: 1.5em; }
.Call { font-style: italic; margin: 1em 0 .3em 3em; }
.enumlev1 { padding-left: 3em; text-indent: -3em; }
.enumlev2 { padding-left: 6em; text-indent: -3em; }
.enumlev3 { padding-left: 9em; text-indent: -3em; }
.Headingb, .Annexheading { font-weight: bold; margin-top: 1em; }
.Heading1 { font-weight: bold; font-size: 14pt; margin-top: 2.5em; border-top: 1px solid #000; padding-top: .8em; }
.Proposal { font-weight: bold; margin-top: 2em; }
.Reasons { margin-top: 1em; }
.Placeholder { color: #a00000; font-weight: bold; }
.Conference { font-weight: bold; margin: 0; }
.Docnumber { font-weight: bold; text-align: right; margin: 0; }
.Source { text-align: center; font-weight: bold; font-size: 14pt; margin-top: 2em; }
.Title1 { text-align: center; font-size: 14pt; text-transform: uppercase; }
.MarginSymbol { font-weight: bold; margin-top: 2em; }
.Endline { text-align: center; margin-top: 2em; }
nav { margin: 2em 0; }
nav ol { list-style: none; padding-left: 0; }
nav li { margin: .2em 0; }
ins, del { text-decoration-thickness: 1px; }
ins { background: #e3f4e1; color: #0b4f12; text-decoration: underline double; }
del { background: #fbe4e4; color: #8a1010; text-decoration: line-through; }
ins.move, del.move { outline: 1px dotted currentColor; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.note { font-size: 10pt; color: #444; font-style: italic; margin-left: .5em; }
table { border-collapse: collapse; margin: .5em 0; }
td { border: 1px solid #000; padding: .2em .4em; vertical-align: top; }
tr.insert td { background: #e3f4e1; }
tr.delete td { background: #fbe4e4; }
sup a { text-decoration: none; }
.footnotes { border-top: 1px solid #000; margin-top: 1.5em; font-size: 10pt; }
.footnotes p { padding-left: 2em; text-indent: -2em; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  nav { display: none; }
  .Heading1 { page-break-before: always; border: 0; }
  .Proposal, .ResNo, .Call { page-break-after: avoid; }
  tr { page-break-inside: avoid; }
  @page { size: A4; margin: 2.5cm 2cm; }
}
"""

_CHANGE = {INS: ("ins", "", "inserted: "), DEL: ("del", "", "deleted: "),
           MOVETO: ("ins", "move", "moved here: "), MOVEFROM: ("del", "move", "moved away: ")}
# Styles that are headings, and their level below the document's h1 (a proposal is h2).
_LEVEL = {"Heading1": 0, "ResNo": 1, "AnnexNo": 2, "Call": 2, "Annexheading": 3}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


class _Html:
    def __init__(self, doc: Doc):
        self.ids: set[str] = set()
        self.notes: list[str] = []  # the current text's footnotes, written after it
        self.note_count = 0
        self.text_id = "doc"
        self.top = 1 if any(isinstance(op, Para) and op.style == "Heading1" for op in doc.ops) else 0
        self.toc: list[tuple[int, str, str]] = []

    def anchor(self, base: str) -> str:
        """A unique id made of `base`."""
        cand, k = base, 1
        while cand in self.ids:
            k += 1
            cand = f"{base}-{k}"
        self.ids.add(cand)
        return cand

    def runs(self, runs: list[Run] | tuple[Run, ...], title: str = "") -> str:
        out = []
        for r in runs:
            if r.note is not None:
                self.note_count += 1
                n = self.note_count
                body = self.runs(r.note_body)
                self.notes.append(f'<p id="fn{n}"><a href="#fr{n}" aria-label="back to the reference of note '
                                  f'{escape(r.note)}">{escape(r.note)}</a> {body}</p>')
                mark = escape(r.note)
                piece = f'<sup id="fr{n}"><a href="#fn{n}" aria-label="note {mark}">{mark}</a></sup>'
            else:
                piece = escape(r.text).replace("\n", "<br>")
                if r.italic:
                    piece = f"<i>{piece}</i>"
                if r.bold:
                    piece = f"<b>{piece}</b>"
            if r.change:
                tag, cls, said = _CHANGE[r.change]
                attrs = (f' class="{cls}"' if cls else "") + (f' title="{escape(title)}"' if title and cls else "")
                piece = f'<{tag}{attrs}><span class="sr">[{said}</span>{piece}<span class="sr">]</span></{tag}>'
            out.append(piece)
        return "".join(out)

    def flush_notes(self) -> str:
        if not self.notes:
            return ""
        out = (f'<section class="footnotes" aria-label="Notes to {escape(self.text_id)}">'
               + "".join(self.notes) + "</section>")
        self.notes = []
        return out

    def para(self, p: Para, out: list[str]) -> None:
        if p.style in ("TOC1", "TOCHeading"):
            return  # the page's own contents (nav) lists the texts, with links
        starts_text = p.style in ("Heading1", "MarginSymbol") or (p.style == "ResNo" and not self.top)
        if starts_text or (p.style == "ResNo" and self.top and self.notes):
            out.append(self.flush_notes())
        body = ""
        if p.label:
            body += f'<span class="lbl">{self.runs(p.label)}</span>'
        body += self.runs(p.runs, p.note)
        if p.note:
            body += f'<span class="note">({escape(p.note)})</span>'
        cls = f"{escape(p.style)} op-{escape(p.op)}"
        plain = "".join(r.text for r in p.runs if r.change not in (DEL, MOVEFROM))
        if p.style in _LEVEL:
            # h2 a proposal; below it (or, without proposals, from h2) the text, its parts.
            level = min(6, 2 + _LEVEL[p.style] - (0 if self.top or p.style == "Heading1" else 1))
            if p.style == "Heading1":
                hid = self.anchor(_slug(plain.split(" – ")[0]))  # proposal-acp-64a1-3
            elif p.style == "ResNo":
                key = re.sub(r"^_fa_(mod|clean)_", "", p.region or "").split("__")[0]
                self.text_id = _slug(key) if key else _slug(plain)
                hid = self.anchor(self.text_id)
            else:
                hid = self.anchor(_slug(f"{self.text_id} {plain}"))
            if p.style in ("Heading1", "ResNo"):
                self.toc.append((0 if p.style == "Heading1" or not self.top else 1, hid, plain))
            out.append(f'<h{level} id="{hid}" class="{cls}">{body}</h{level}>')
            return
        pid = ""
        if p.style.startswith("enumlev") and p.where:
            pid = f' id="{self.anchor(_slug(f"{self.text_id} {p.where}"))}"'
        out.append(f'<p{pid} class="{cls}">{body}</p>')

    def table(self, t: Table) -> str:
        rows = "".join(f'<tr class="{escape(r.op)}">' + "".join(f"<td>{self.runs(c)}</td>" for c in r.cells)
                       + "</tr>" for r in t.rows)
        return f"<table>{rows}</table>"


def _nav(toc: list[tuple[int, str, str]]) -> str:
    if not toc:
        return ""
    items = "".join(f'<li><a href="#{hid}">{"&#8195;" * level}{escape(text)}</a></li>' for level, hid, text in toc)
    return f'<nav aria-labelledby="toc"><h2 id="toc">Contents</h2><ol>{items}</ol></nav>'


def render_html(doc: Doc) -> str:
    """The document as one HTML page (UTF-8 text)."""
    check_chars(doc)
    h = _Html(doc)
    parts: list[str] = []
    for op in doc.ops:
        if isinstance(op, Table):
            parts.append(h.table(op))
        else:
            h.para(op, parts)
    parts.append(h.flush_notes())
    # The cover (everything before the first heading) comes first, then the contents.
    first = next((k for k, s in enumerate(parts) if s.startswith("<h")), len(parts))
    body = parts[:first] + [_nav(h.toc)] + parts[first:]
    lang = escape(doc.language or "en-GB")
    direction = ' dir="rtl"' if lang.split("-")[0] == "ar" else ""  # Arabic reads right to left
    return (f'<!DOCTYPE html>\n<html lang="{lang}"{direction}>\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<meta name=\"author\" content=\"{escape(doc.author)}\">\n"
            f"<meta name=\"date\" content=\"{doc.date.strftime('%Y-%m-%dT%H:%M:%SZ')}\">\n"
            f"<title>{escape(doc.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f'<header><h1 class="doctitle">{escape(doc.title)}</h1></header>\n<main>\n'
            + "\n".join(p for p in body if p) + "\n</main>\n</body>\n</html>\n")
