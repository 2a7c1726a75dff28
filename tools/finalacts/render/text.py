"""Plain text: a resolution as ITU plain text, and any document with its revision marks.

`render_text` writes a resolution in the form the seeds were extracted in, without the
artefacts: title line, title, history line and preamble from the registry; section headings on
their own line; items as `label<TAB>text`; footnote references as their mark, and footnote texts
after a rule at the end. `doc_text` writes a document's paragraphs with changes shown as
[-deleted-] and {+inserted+}.
"""

from __future__ import annotations

import re

from finalacts.corpus.model import Item, Resolution
from finalacts.redline import Table
from finalacts.render.document import Doc

FOOTNOTE_RULE = "____________________"


def plain(text: str | None) -> str:
    """Inline markup to plain text: *italic* loses its stars, [^1] shows as its mark."""
    if not text:
        return ""
    text = re.sub(r"\[\^([^\]]+)\]", r"\1", text)
    return re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)


def _items(items: list[Item], out: list[str]) -> None:
    for it in items:
        head = f"{it.num}\t" if it.num else ""
        if it.text:
            out.append(head + plain(it.text))
        elif head:
            out.append(head.rstrip("\t"))
        _items(it.items, out)
        if it.after:
            out.append(plain(it.after))


def annex_line(res: Resolution, registry, kind: str, num: str | None) -> str:
    """'ANNEX 1 TO RESOLUTION 71 (Rev. Busan, 2014)'."""
    head = registry.title_line(res.body, res.number, res.adopted)
    rest = head.split("RESOLUTION", 1)[1] if "RESOLUTION" in head else f" {res.number}"
    return f"{kind.upper()}{' ' + num if num else ''} TO RESOLUTION{rest}"


def render_text(res: Resolution, registry) -> str:
    """The resolution as ITU plain text, one paragraph per line."""
    out = [registry.title_line(res.body, res.number, res.adopted), plain(res.title)]
    history = registry.history_line(res.body, res.adopted)
    if history:
        out.append(history)
    out.append(registry.preamble(res.body, res.adopted))
    for s in res.sections:
        out.append(plain(s.heading))
        if s.text:
            out.append(plain(s.text))
        _items(s.items, out)
        if s.after:
            out.append(plain(s.after))
    for a in res.annexes:
        out.append(annex_line(res, registry, a.kind, a.num))
        out.append(plain(a.heading))
        for b in a.blocks:
            if b.heading:
                out.append((f"{b.num}\t" if b.num else "") + plain(b.heading))
            if b.text:
                out.append((f"{b.num}\t" if b.num and not b.heading else "") + plain(b.text))
            _items(b.items, out)
            for row in b.table or []:
                out.append("\t".join(plain(c) for c in row))
    if res.footnotes:
        out.append(FOOTNOTE_RULE)
        for mark, text in res.footnotes.items():
            out.append(f"{mark}\t{plain(text)}")
    return "\n".join(out) + "\n"


def doc_text(doc: Doc) -> str:
    """Plain text of a document, changes shown as [-deleted-] and {+inserted+}."""
    def show(runs) -> str:
        out = []
        for r in runs:
            t = f"[^{r.note}]" if r.note is not None else r.text
            if r.change in ("del", "movefrom"):
                t = f"[-{t}-]"
            elif r.change in ("ins", "moveto"):
                t = f"{{+{t}+}}"
            out.append(t)
        return "".join(out)

    lines: list[str] = []
    for op in doc.ops:
        if isinstance(op, Table):
            lines.extend(" | ".join(show(c) for c in row.cells) for row in op.rows)
            continue
        if op.style in ("ResNo", "Call", "Proposal", "Source", "Title1", "AnnexNo", "Summary", "Reasons",
                        "Headingb", "Annexheading", "MarginSymbol") and lines:
            lines.append("")
        label = show(op.label)
        text = (f"{label}\t" if label else "") + show(op.runs)
        if op.note:
            text += f"  ({op.note})"
        lines.append(text)
    return "\n".join(lines) + "\n"
