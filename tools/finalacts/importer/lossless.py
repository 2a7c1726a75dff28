"""Proof that an import lost nothing: the words of the source against the words rendered back.

The source side is the span of the input the importer read (title line to last placed line),
less what it reported as unplaced, with each header line the registry derives replaced by the
derived form it reported. Both sides are normalised (whitespace, markup, extraction artefacts)
and compared word by word, in order; footnote texts are compared separately, in order, since the
source prints them where the page ended and the renderer at the end.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from finalacts.importer.layout import BROKEN_HYPHEN, strip_bullet
from finalacts.importer.paras import ImportResult
from finalacts.importer.text import BOOKMARK, FOOTREF, page_feet, split_footnotes
from finalacts.render.text import FOOTNOTE_RULE, render_text

_MAP = str.maketrans({"\u00a0": " ", "\u2011": "-", "\u202f": " ", "\u00b7": "\u2022", "\u2014": "\u2013",
                      "\t": " "})


def words(text: str, marks: dict[str, str] | None = None) -> list[str]:
    """Words of one line after removing inline markup and extraction artefacts.

    `marks` maps an extraction's footnote ids to the marks the import reported using.
    """
    marks = marks or {}
    text = BOOKMARK.sub("", text.translate(_MAP))
    text = FOOTREF.sub(lambda m: marks.get(m.group(1)) or m.group(2) or m.group(1), text)
    text = re.sub(r"\[\^([^\]]+)\]", r"\1", text)
    text = re.sub(r"</?sup>", "", text)
    text = text.replace("*", "")
    text = re.sub(r"\(\s+", "(", text)
    text = BROKEN_HYPHEN.sub("-", text)  # the importer makes such a word whole: the same word
    return text.split()


def _md_line(line: str) -> str:
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = re.sub(r"^\s{2,}[-+]\s+", "\u2013 ", line)  # an indented bullet is a dash entry
    line = re.sub(r"^\s*[-+]\s+", "", line)
    return "" if re.fullmatch(r"\s*-{3,}\s*", line) else line


def _drop(seq: list[str], part: list[str], into: list[str] | None = None) -> list[str] | None:
    """`seq` with the first run equal to `part` replaced by `into` (removed when None); None if absent."""
    if not part:
        return None
    for k in range(len(seq) - len(part) + 1):
        if seq[k:k + len(part)] == part:
            return seq[:k] + (into or []) + seq[k + len(part):]
    return None


def source_words(source: str, result: ImportResult, markdown: bool = False) -> tuple[list[str], list[str]]:
    """(words of the text, words of the footnotes) of the part of `source` the import covered.

    A line that held several parts (a whole text run together on one line) loses only the words of
    the part reported unplaced, and has only the words of a derived part replaced.
    """
    unplaced: dict[int, list[str]] = {}
    for u in result.unplaced:
        unplaced.setdefault(u.line, []).append(u.text)
    derived: dict[int, list] = {}
    for d in result.derived:
        derived.setdefault(d.line, []).append(d)
    main: list[str] = []
    notes: list[str] = []
    lines = source.splitlines()
    feet = {} if markdown else page_feet(lines)
    taken = {j for foot in feet.values() for j in foot.lines}
    for n in range(result.first_line, result.last_line + 1):
        line = lines[n - 1]
        if n - 1 in taken:
            continue  # a footnote's text: counted with the footnotes
        if markdown:
            line = _md_line(line)
            m = re.match(r"^\s*<sup>([^<]+)</sup>\s*(.*)$", line)
            if m and n not in result.placed:
                notes += words(m.group(2))
                continue
        else:
            line, found = split_footnotes(strip_bullet(line))
            for _, _, body in found:
                notes += words(body)
            foot = feet.get(n - 1)
            if foot:
                line = foot.text + (" " + foot.page if foot.page else "")
                for note in foot.notes:
                    notes += words(note)[1:]
        got = words(line, result.footnote_marks)
        whole = False
        for text in unplaced.get(n, []):
            less = _drop(got, words(text, result.footnote_marks))
            if less is None or not less:
                whole = True
                break
            got = less
        if whole:
            continue
        for d in derived.get(n, []):
            swapped = _drop(got, words(d.source), words(d.derived))
            got = swapped if swapped is not None else words(d.derived)
        main += got
    return main, notes


def rendered_words(rendered: str) -> tuple[list[str], list[str]]:
    """(words of the text, words of the footnotes) of `render_text` output."""
    body, _, foot = rendered.partition("\n" + FOOTNOTE_RULE + "\n")
    notes: list[str] = []
    for line in foot.splitlines():
        notes += words(line.split("\t", 1)[1] if "\t" in line else line)
    return words(body), notes


def differences(expected: list[str], got: list[str], context: int = 4) -> list[str]:
    """Human-readable differences between two word lists; empty when equal."""
    out = []
    sm = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        around = " ".join(expected[max(0, i1 - context):i1])
        out.append(f"{op} at word {i1} (after ...{around!r}): source {expected[i1:i2]!r} -> rendered {got[j1:j2]!r}")
    return out


def compare(source: str, result: ImportResult, rendered: str, markdown: bool = False) -> list[str]:
    """Every difference between the source and the rendered import (text, then footnotes)."""
    src_main, src_notes = source_words(source, result, markdown)
    out_main, out_notes = rendered_words(rendered)
    return differences(src_main, out_main) + [f"footnotes: {d}" for d in differences(src_notes, out_notes)]


def ratio(source: str, result: ImportResult, rendered: str, markdown: bool = False) -> tuple[float, int, int]:
    """(share of the source's words found in order in the rendering, source words, rendered words).

    Text and footnotes together; 1.0 is a lossless import."""
    src_main, src_notes = source_words(source, result, markdown)
    out_main, out_notes = rendered_words(rendered)
    src, out = src_main + src_notes, out_main + out_notes
    if not src:
        return (1.0 if not out else 0.0), 0, len(out)
    sm = difflib.SequenceMatcher(a=src, b=out, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    return matched / len(src), len(src), len(out)


FLOOR = 0.97  # an import must give back at least this share of the source's words


# What an import leaves out on purpose: not part of the text. Any other unplaced text counts as lost.
EXCUSED = ("before the RESOLUTION title line", "page furniture", "end of the resolution text",
           "after the end of the resolution text")


def coverage(result: ImportResult, registry) -> tuple[float, int, int]:
    """(share, words given back, source words) of an import against the source it was read from
    (ImportResult.source); text it could not place counts as lost, other than a cover page, page
    furniture and what follows the text."""
    rendered = render_text(result.resolution, registry)
    kept = replace(result, unplaced=[u for u in result.unplaced if u.reason.startswith(EXCUSED)])
    share, total, _ = ratio(result.source, kept, rendered, result.markdown)
    return share, round(share * total), total
