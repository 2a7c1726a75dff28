"""Inline markup (`*italic*`, `[^1]`) into tokens, runs back into markup, and the word-level diff
of two texts as runs."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple, Sequence

from finalacts.redline.ops import DEL, INS, Run

_INLINE = re.compile(r"\[\^([0-9]+(?:bis|ter)?|[*]+)\]|\*(?=\S)(.+?)(?<=\S)\*")
_TOKEN = re.compile(r"\w+(?:[-'’‑]\w+)*|\s+|[^\w\s]", re.UNICODE)


class Tok(NamedTuple):
    """A word, a space, a punctuation mark or a footnote mark (text ""): a tuple, because a text
    is cut into thousands of them and a diff hashes and compares every one."""

    text: str
    italic: bool = False
    note: str | None = None


def segments(text: str | None) -> list[Tok]:
    """Split `*italic*` and `[^n]` markup into plain segments (text, italic, footnote marker)."""
    out: list[Tok] = []
    if not text:
        return out
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Tok(text[pos:m.start()]))
        if m.group(1) is not None:
            out.append(Tok("", note=m.group(1)))
        else:
            inner = m.group(2)
            for sub in segments(inner):  # a footnote reference may sit inside italics
                out.append(Tok(sub.text, italic=True, note=sub.note))
        pos = m.end()
    if pos < len(text):
        out.append(Tok(text[pos:]))
    return out


def tokens(text: str | None) -> list[Tok]:
    """Word, space and punctuation tokens, each with its italics and footnote reference."""
    out: list[Tok] = []
    for seg in segments(text):
        if seg.note is not None:
            out.append(seg)
        elif seg.italic:
            out += [Tok(t, True) for t in _TOKEN.findall(seg.text)]
        else:
            out += [Tok(t) for t in _TOKEN.findall(seg.text)]
    return out


def markup(runs: Sequence[Run] | Sequence[Tok]) -> str:
    """Runs back to canonical inline markup: italics wrapped in *...*, notes as [^n]."""
    parts: list[str] = []
    italic = False
    for r in runs:
        if r.note is not None:
            piece = f"[^{r.note}]"
        else:
            piece = r.text
            if not piece:
                continue
        if r.italic != italic:
            parts.append("*")
            italic = r.italic
        parts.append(piece)
    if italic:
        parts.append("*")
    return "".join(parts)


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of the same kind so renderers write few, long runs."""
    out: list[Run] = []
    pending: list[str] = []
    for r in runs:
        last = out[-1] if out else None
        if (last is not None and r.note is None and last.note is None and last.change == r.change
                and last.italic == r.italic and last.bold == r.bold):
            pending.append(r.text)
            continue
        if pending:
            out[-1] = Run(last.text + "".join(pending), last.change, last.italic, bold=last.bold)
            pending = []
        out.append(r)
    if pending:
        last = out[-1]
        out[-1] = Run(last.text + "".join(pending), last.change, last.italic, bold=last.bold)
    return out


def _run(t: Tok, change: str, notes: dict[str, tuple[Run, ...]]) -> Run:
    if t.note is not None:
        return Run("", change, t.italic, t.note, notes.get(t.note, ()))
    return Run(t.text, change, t.italic)


def plain_runs(text: str | None, change: str = "", notes: dict | None = None) -> list[Run]:
    """The runs of one unchanged (or wholly inserted / deleted) text."""
    notes = notes or {}
    return _merge([_run(t, change, notes) for t in segments(text) if t.text or t.note is not None])


def word_diff(old: str | None, new: str | None, notes: dict | None = None) -> list[Run]:
    """Word-level diff of two texts as runs; spaces between two changes join them."""
    notes = notes or {}
    a, b = tokens(old), tokens(new)
    sm = SequenceMatcher(None, a, b, autojunk=False)
    ops = sm.get_opcodes()
    # A lone space (or a lone space with punctuation) left equal between two changes is read by
    # people as part of one change: "the old words" -> "new text" is one deletion, one insertion.
    merged: list[list] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if (tag == "equal" and 0 < k < len(ops) - 1 and all(t.text.isspace() for t in a[i1:i2])
                and merged and merged[-1][0] != "equal"):
            prev = merged[-1]
            prev[0] = "replace"
            prev[2], prev[4] = i2, j2
            continue
        if merged and tag != "equal" and merged[-1][0] != "equal":
            prev = merged[-1]
            prev[0] = "replace"
            prev[2], prev[4] = i2, j2
            continue
        merged.append([tag, i1, i2, j1, j2])
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in merged:
        if tag == "equal":
            runs.extend(_run(t, "", notes) for t in b[j1:j2])
        else:
            runs.extend(_run(t, DEL, notes) for t in a[i1:i2])
            runs.extend(_run(t, INS, notes) for t in b[j1:j2])
    return _merge(runs)


_PIECE = re.compile(r"\[\^[^\]\s]*\]|\w+(?:[-'’‑]\w+)*|\s+|[^\w\s]", re.UNICODE)


def pieces(text: str | None) -> list[str]:
    """The raw text as word, space and punctuation tokens (markup kept as written: `*`, `[^1]`),
    joining back into exactly `text`: what the merge driver merges word by word."""
    return _PIECE.findall(text or "")


def words(text: str | None) -> list[str]:
    return [t.text or f"[^{t.note}]" for t in tokens(text) if not t.text.isspace()]


def similarity(a: str | None, b: str | None) -> float:
    """0..1 likeness of two texts by their words."""
    if a == b:
        return 1.0
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    if sm.real_quick_ratio() < 0.5:
        return sm.real_quick_ratio() * 0.5
    return sm.ratio()
