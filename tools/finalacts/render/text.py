"""Plain text: one renderer of a `Doc`, in the layout of ITU plain text (the form the seeds were
extracted in, without the artefacts).

Every paragraph is one line: title line, title, history line and preamble as the registry derives
them; section headings on their own line; items as `label<TAB>text`; a table row as its cells
joined by tabs; footnote references as their mark, and each text's footnotes after a rule at its
end, as `mark<TAB>text`. Changes are shown as [-deleted-] and {+inserted+} (moves too), so a
clean text reads exactly as ITU prints it and imports back to the same resolution
(`render_text`), and a redline reads with every change in place. A blank line separates the
proposals of a proposal document.
"""

from __future__ import annotations

import re

from finalacts.corpus.model import Annex, Resolution
from finalacts.redline import DEL, INS, MOVEFROM, MOVETO, Para, Table, clean
from finalacts.render.document import Doc

FOOTNOTE_RULE = "____________________"


def plain(text: str | None) -> str:
    """Inline markup to plain text: *italic* loses its stars, [^1] shows as its mark."""
    if not text:
        return ""
    text = re.sub(r"\[\^([^\]]+)\]", r"\1", text)
    return re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)


def annex_line(res: Resolution, registry, kind: str, num: str | None) -> str:
    """'ANNEX 1 TO RESOLUTION 71 (Rev. Busan, 2014)'; 'SECTION 1' for a section of its own."""
    head, word = registry.title_of(res), res.kind.upper()
    rest = head.split(word, 1)[1] if word in head else f" {res.number}"
    return Annex(kind=kind, num=num).line(word + rest)


def _show(runs, notes: list[tuple[str, str]] | None) -> str:
    out = []
    for r in runs:
        if r.note is not None:
            t = r.note
            if notes is not None and r.change not in (DEL, MOVEFROM):
                notes.append((r.note, _show(r.note_body, None)))
        else:
            t = r.text
        if not t:
            continue
        if r.change in (DEL, MOVEFROM):
            t = f"[-{t}-]"
        elif r.change in (INS, MOVETO):
            t = f"{{+{t}+}}"
        out.append(t)
    return "".join(out)


def _merge_notes(notes: list[tuple[str, str]]) -> list[str]:
    """Each footnote once, by mark, in order of first reference."""
    seen: dict[str, str] = {}
    for mark, text in notes:
        seen.setdefault(mark, text)
    return [f"{m}\t{t}" for m, t in seen.items()]


def doc_text(doc: Doc) -> str:
    """A document as plain text: one line per paragraph, changes marked, footnotes after each text."""
    return "\n".join(_lines(doc.ops)) + "\n"


# A paragraph of these styles starts a new text (the footnotes of the one before come first).
_NEW_TEXT = ("Heading1", "MarginSymbol")


def _lines(ops) -> list[str]:
    lines: list[str] = []
    notes: list[tuple[str, str]] = []
    top = not any(isinstance(op, Para) and op.style == "Heading1" for op in ops)
    seen_resno = False

    def flush() -> None:
        if notes:
            lines.append(FOOTNOTE_RULE)
            lines.extend(_merge_notes(notes))
            notes.clear()

    for op in ops:
        if isinstance(op, Table):
            for row in op.rows:
                lines.append("\t".join(_show(c, notes) for c in row.cells))
            continue
        if op.style in _NEW_TEXT or (top and op.style == "ResNo" and seen_resno and notes):
            flush()
        if op.style == "Heading1" and lines:
            lines.append("")
        seen_resno = seen_resno or op.style == "ResNo"
        label = _show(op.label, None)
        text = _show(op.runs, notes)
        line = f"{label}\t{text}" if label and text else label or text
        if op.note:
            line += f"  ({op.note})"
        if line:
            lines.append(line)
    flush()
    return lines


def render_text(res: Resolution, registry) -> str:
    """The resolution as ITU plain text, one paragraph per line: the text of its clean document."""
    return "\n".join(_lines(clean(res, registry))) + "\n"


