"""Accepting or rejecting every change of the operations: the text each side reads, line by line.
The renderers' outputs are proved against exactly this."""

from __future__ import annotations

from typing import Sequence

from finalacts.corpus.model import Resolution
from finalacts.redline.build import clean
from finalacts.redline.ops import GONE_ON_ACCEPT, GONE_ON_REJECT, Op, Para, Run, Table
from finalacts.redline.tokens import markup


def _side(runs: Sequence[Run], gone: frozenset) -> list[Run]:
    return [r for r in runs if r.change not in gone]


def _line(p: Para, gone: frozenset) -> str:
    label = markup(_side(p.label, gone))
    text = markup(_side(p.runs, gone))
    return f"{label}\t{text}" if label else text


def lines(ops: Sequence[Op], accept: bool) -> list[str]:
    """The text after accepting (or rejecting) every change: one line per paragraph or table row,
    then one line per footnote, by marker in order of first reference."""
    gone = GONE_ON_ACCEPT if accept else GONE_ON_REJECT
    out: list[str] = []
    notes: dict[str, str] = {}
    for op in ops:
        if isinstance(op, Table):
            for row in op.rows:
                if row.op == ("delete" if accept else "insert"):
                    continue
                out.append(" | ".join(markup(_side(c, gone)) for c in row.cells))
                for c in row.cells:
                    _collect(c, gone, notes)
            continue
        if op.mark in gone:
            continue
        out.append(_line(op, gone))
        _collect(op.runs, gone, notes)
    out.extend(f"[^{m}] {t}" for m, t in notes.items())
    return out


def _collect(runs: Sequence[Run], gone: frozenset, notes: dict[str, str]) -> None:
    for r in runs:
        if r.note is not None and r.change not in gone and r.note not in notes:
            notes[r.note] = markup(_side(r.note_body, gone))


def text_lines(res: Resolution, registry, conference: str | None = None) -> list[str]:
    """The text of one resolution as every renderer lays it out, one line per paragraph."""
    return lines(clean(res, registry, conference=conference), accept=True)


def summary(ops: Sequence[Op]) -> dict[str, int]:
    """How many paragraphs each operation touched (for messages and tests)."""
    out: dict[str, int] = {}
    for op in ops:
        out[op.op] = out.get(op.op, 0) + 1
        if isinstance(op, Para) and op.op == "modify" and any(r.change for r in op.label):
            out["relabel"] = out.get("relabel", 0) + 1
    return out
