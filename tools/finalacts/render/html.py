"""HTML output: one self-contained page with <ins>/<del>, footnotes and a print stylesheet.

Nothing is loaded from elsewhere (no fonts, scripts or images), and every piece of text goes
through `html.escape`, so a text can never inject markup.
"""

from __future__ import annotations

from html import escape

from finalacts.redline import DEL, INS, MOVEFROM, MOVETO, Para, Run, Table
from finalacts.render.document import Doc, check_chars

CSS = """
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.35;
       max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
p { margin: .35em 0; }
.lbl { display: inline-block; min-width: 3em; margin-right: .5em; text-indent: 0; }
.enumlev1 .lbl, .enumlev2 .lbl, .enumlev3 .lbl { min-width: 2.5em; }
.ResNo, .AnnexNo { text-align: center; margin-top: 2em; text-transform: none; }
.Restitle, .Annextitle { text-align: center; font-weight: bold; font-size: 14pt; }
.Normalaftertitle { margin-top: 1.5em; }
.Call { font-style: italic; margin: 1em 0 .3em 3em; }
.enumlev1 { padding-left: 3em; text-indent: -3em; }
.enumlev2 { padding-left: 6em; text-indent: -3em; }
.enumlev3 { padding-left: 9em; text-indent: -3em; }
.Headingb, .Annexheading { font-weight: bold; margin-top: 1em; }
.Proposal { font-weight: bold; margin-top: 2em; page-break-after: avoid; }
.Reasons { margin-top: 1em; }
.Conference { font-weight: bold; margin: 0; }
.Docnumber { font-weight: bold; text-align: right; margin: 0; }
.Source { text-align: center; font-weight: bold; font-size: 14pt; margin-top: 2em; }
.Title1 { text-align: center; font-size: 14pt; }
.MarginSymbol { font-weight: bold; margin-top: 2em; }
.Endline { text-align: center; margin-top: 2em; }
ins, .moveto { color: #0645ad; text-decoration: underline; }
del, .movefrom { color: #b00; text-decoration: line-through; }
.movefrom, .moveto { color: #176b1d; }
.movefrom { text-decoration: line-through double; }
.moveto { text-decoration: underline double; }
.note { font-size: 9pt; color: #555; font-style: italic; margin-left: .5em; }
table { border-collapse: collapse; margin: .5em 0; }
td { border: 1px solid #000; padding: .2em .4em; vertical-align: top; }
tr.insert td { background: #eef4ff; }
tr.delete td { background: #fff0f0; }
sup a { text-decoration: none; }
.footnotes { border-top: 1px solid #000; margin-top: 2em; font-size: 10pt; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  ins, del, .movefrom, .moveto { color: #000; }
  .Proposal, .ResNo, .Call { page-break-after: avoid; }
  tr { page-break-inside: avoid; }
  @page { size: A4; margin: 2cm 2cm 2cm 2.5cm; }
}
"""

_WRAP = {INS: "ins", DEL: "del", MOVEFROM: 'span class="movefrom"', MOVETO: 'span class="moveto"'}


class _Html:
    def __init__(self):
        self.notes: list[str] = []

    def runs(self, runs: list[Run] | tuple[Run, ...]) -> str:
        out = []
        for r in runs:
            if r.note is not None:
                n = len(self.notes) + 1
                self.notes.append(f'<p id="fn{n}"><a href="#fr{n}">{escape(r.note)}</a> '
                                  f"{self.runs(r.note_body)}</p>")
                piece = f'<sup id="fr{n}"><a href="#fn{n}">{escape(r.note)}</a></sup>'
            else:
                piece = escape(r.text).replace("\n", "<br>")
                if r.italic:
                    piece = f"<i>{piece}</i>"
                if r.bold:
                    piece = f"<b>{piece}</b>"
            if r.change:
                tag = _WRAP[r.change]
                piece = f"<{tag}>{piece}</{tag.split()[0]}>"
            out.append(piece)
        return "".join(out)

    def para(self, p: Para) -> str:
        body = ""
        if p.label:
            body += f'<span class="lbl">{self.runs(p.label)}</span>'
        body += self.runs(p.runs)
        if p.note:
            body += f'<span class="note">({escape(p.note)})</span>'
        cls = escape(p.style)
        return f'<p class="{cls} op-{escape(p.op)}">{body}</p>'

    def table(self, t: Table) -> str:
        rows = "".join(f'<tr class="{escape(r.op)}">' + "".join(f"<td>{self.runs(c)}</td>" for c in r.cells)
                       + "</tr>" for r in t.rows)
        return f"<table>{rows}</table>"


def render_html(doc: Doc) -> str:
    """The document as one HTML page (UTF-8 text)."""
    check_chars(doc)
    h = _Html()
    parts = [h.table(op) if isinstance(op, Table) else h.para(op) for op in doc.ops]
    notes = f'<section class="footnotes">{"".join(h.notes)}</section>' if h.notes else ""
    lang = escape(doc.language.split("-")[0] or "en")
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<meta name=\"author\" content=\"{escape(doc.author)}\">\n"
            f"<meta name=\"date\" content=\"{doc.date.strftime('%Y-%m-%dT%H:%M:%SZ')}\">\n"
            f"<title>{escape(doc.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(parts) + f"\n{notes}\n</body>\n</html>\n")
