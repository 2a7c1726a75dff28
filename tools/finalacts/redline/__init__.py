"""Structure-first, then word-level comparison of two resolutions -> the operations every renderer uses.

The result is a list of paragraph operations (`Para`, `Table`) in document order. Each carries
its paragraph style, its literal label and its words as runs marked "", "ins", "del",
"movefrom" or "moveto". Sections, items, annexes and blocks are first aligned by identity
(same heading, same words) and then by similarity, so a renumbered item f) -> g) becomes a
changed label on one paragraph, and an item that moved shows as moved. Only then are the words
of aligned paragraphs diffed, token by token, so "Busan, 2014" -> "Dubai, 2018" marks two words.

Accepting every change of the operations gives `text_lines(new)`, rejecting every change gives
`text_lines(old)`: the renderers' outputs are proved against exactly that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Callable, Sequence

from finalacts.corpus.model import Annex, Block, Item, Resolution, Section

INS, DEL, MOVEFROM, MOVETO = "ins", "del", "movefrom", "moveto"
# Changes that vanish when all revisions are accepted / rejected.
GONE_ON_ACCEPT = frozenset({DEL, MOVEFROM})
GONE_ON_REJECT = frozenset({INS, MOVETO})


@dataclass(frozen=True)
class Run:
    """A stretch of words with one change mark; `note` makes it a footnote reference."""

    text: str
    change: str = ""
    italic: bool = False
    note: str | None = None
    note_body: tuple[Run, ...] = ()
    bold: bool = False


@dataclass
class Para:
    """One paragraph operation. `op`: equal, modify, insert, delete, move-from, move-to."""

    style: str
    runs: list[Run] = field(default_factory=list)
    label: list[Run] = field(default_factory=list)
    op: str = "equal"
    where: str = ""
    note: str = ""
    region: str | None = None
    move: str | None = None

    @property
    def mark(self) -> str:
        """Change of the paragraph mark itself: the whole paragraph inserted, deleted or moved."""
        return {"insert": INS, "delete": DEL, "move-from": MOVEFROM, "move-to": MOVETO}.get(self.op, "")


@dataclass
class Row:
    cells: list[list[Run]]
    op: str = "equal"


@dataclass
class Table:
    rows: list[Row]
    op: str = "equal"
    where: str = ""
    region: str | None = None


Op = Para | Table


# ---------------------------------------------------------------- inline markup and tokens

_INLINE = re.compile(r"\[\^([0-9]+|[*]+)\]|\*(?=\S)(.+?)(?<=\S)\*")
_TOKEN = re.compile(r"\w+(?:[-'’‑]\w+)*|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Tok:
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
            continue
        out.extend(Tok(t, seg.italic) for t in _TOKEN.findall(seg.text))
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


def _words(text: str | None) -> list[str]:
    return [t.text or f"[^{t.note}]" for t in tokens(text) if not t.text.isspace()]


def similarity(a: str | None, b: str | None) -> float:
    """0..1 likeness of two texts by their words."""
    if a == b:
        return 1.0
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    if sm.real_quick_ratio() < 0.5:
        return sm.real_quick_ratio() * 0.5
    return sm.ratio()


# ---------------------------------------------------------------- alignment

@dataclass
class Step:
    """One element of an alignment: paired (i, j), deleted (i, None) or inserted (None, j).

    A moved element appears twice: deleted where it stood and inserted where it stands, each
    half naming the other in `partner`.
    """

    i: int | None
    j: int | None
    partner: int | None = None

    @property
    def moved(self) -> bool:
        return self.partner is not None


def align(old: Sequence, new: Sequence, key: Callable, text: Callable, threshold: float = 0.5,
          move_threshold: float = 0.8, same_place: Callable | None = None) -> list[Step]:
    """Align two lists: identical keys first, then similar texts in order, then moves.

    Returns the steps in output order: deletions come where the old element stood, insertions
    where the new one stands. `same_place(a, b)` (same label) lowers the bar for pairing, since
    an item rewritten under its own label is read as an edit of that item.
    """
    ka, kb = [key(x) for x in old], [key(x) for x in new]
    sm = SequenceMatcher(None, ka, kb, autojunk=False)
    pairs: list[tuple[int, int]] = []
    ai = bj = 0
    for blk in sm.get_matching_blocks():
        pairs.extend(_pair_gap(old, new, range(ai, blk.a), range(bj, blk.b), text, threshold, same_place))
        pairs.extend((blk.a + k, blk.b + k) for k in range(blk.size))
        ai, bj = blk.a + blk.size, blk.b + blk.size
    paired_a = {i for i, _ in pairs}
    paired_b = {j for _, j in pairs}
    lone_a = [i for i in range(len(old)) if i not in paired_a]
    lone_b = [j for j in range(len(new)) if j not in paired_b]
    moves: dict[int, int] = {}
    # Bounded: a rewrite of thousands of items is shown as deletions and insertions.
    if move_threshold <= 1.0 and lone_a and lone_b and len(lone_a) * len(lone_b) <= 40_000:
        taken: set[int] = set()
        for i in lone_a:
            best, best_j = move_threshold, None
            for j in lone_b:
                if j not in taken:
                    s = similarity(text(old[i]), text(new[j]))
                    if s >= best:
                        best, best_j = s, j
            if best_j is not None:
                moves[i] = best_j
                taken.add(best_j)
    moved_from = {j: i for i, j in moves.items()}
    steps: list[Step] = []
    ai = bj = 0
    for i, j in pairs + [(len(old), len(new))]:
        steps.extend(Step(x, None, moves.get(x)) for x in range(ai, i))
        steps.extend(Step(None, y, moved_from.get(y)) for y in range(bj, j))
        if i < len(old) and j < len(new):
            steps.append(Step(i, j))
        ai, bj = i + 1, j + 1
    return steps


def _pair_gap(old, new, ra: range, rb: range, text: Callable, threshold: float,
              same_place: Callable | None = None) -> list[tuple[int, int]]:
    """Order-keeping pairing of similar elements inside a gap between identical anchors."""
    if not ra or not rb:
        return []
    n, m = len(ra), len(rb)

    def weight(a, b) -> float:
        s = similarity(text(a), text(b))
        return s + 0.25 if s > 0.1 and same_place is not None and same_place(a, b) else s

    if n * m > 40_000:  # too large to weigh every pair (seconds, not minutes): pair by position
        return [(ra[k], rb[k]) for k in range(min(n, m)) if weight(old[ra[k]], new[rb[k]]) >= threshold]
    sim = [[weight(old[ra[x]], new[rb[y]]) for y in range(m)] for x in range(n)]
    # Heaviest order-keeping matching (weights above the threshold only).
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            take = sim[x][y] + best[x + 1][y + 1] if sim[x][y] >= threshold else -1.0
            best[x][y] = max(take, best[x + 1][y], best[x][y + 1])
    out = []
    x = y = 0
    while x < n and y < m:
        if sim[x][y] >= threshold and best[x][y] == sim[x][y] + best[x + 1][y + 1]:
            out.append((ra[x], rb[y]))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return out


# ---------------------------------------------------------------- building operations

ITEM_STYLES = ("enumlev1", "enumlev2", "enumlev3")


class _Builder:
    def __init__(self, notes: dict[str, tuple[Run, ...]], region: str | None):
        self.notes = notes
        self.region = region
        self.ops: list[Op] = []
        self.move: str | None = None

    def para(self, style: str, old: str | None, new: str | None, op: str, where: str = "",
             old_label: str | None = None, new_label: str | None = None, note: str = "") -> None:
        """Add one paragraph: `op` equal/modify diff the words; insert/delete/move take one side."""
        if op in ("equal", "modify"):
            runs = word_diff(old, new, self.notes) if old != new else plain_runs(new, "", self.notes)
            if old_label == new_label:
                label = plain_runs(new_label) if new_label else []
            else:
                label = (plain_runs(old_label, DEL) if old_label else []) + \
                        (plain_runs(new_label, INS) if new_label else [])
            if old != new or old_label != new_label:
                op = "modify"
        else:
            change = {"insert": INS, "delete": DEL, "move-from": MOVEFROM, "move-to": MOVETO}[op]
            src = old if op in ("delete", "move-from") else new
            lab = old_label if op in ("delete", "move-from") else new_label
            runs = plain_runs(src, change, self.notes)
            label = plain_runs(lab, change) if lab else []
        move = self.move if op in ("move-from", "move-to") else None
        self.ops.append(Para(style, runs, label, op, where, note, self.region, move))


def item_key(it: Item) -> str:
    return (it.text or "") + "\x1f" + "\x1f".join(item_key(c) for c in it.items) + "\x1f" + (it.after or "")


def item_text(it: Item) -> str:
    return " ".join(filter(None, [it.text, *(item_text(c) for c in it.items), it.after]))


def _emit_item(b: _Builder, old: Item | None, new: Item | None, op: str, depth: int, where: str,
               note: str = "") -> None:
    style = ITEM_STYLES[min(depth, 2)]
    if op in ("equal", "modify"):
        label = new.num or ""
        w = f"{where} {label}".strip()
        b.para(style, old.text, new.text, "equal", w, old.num, new.num)
        _emit_items(b, old.items, new.items, depth + 1, w)
        if old.after or new.after:
            b.para(style, old.after, new.after, _pair_op(old.after, new.after), w)
        return
    it = old if op in ("delete", "move-from") else new
    w = f"{where} {it.num or ''}".strip()
    b.para(style, it.text, it.text, op, w, it.num, it.num, note)
    for c in it.items:
        _emit_item(b, c if op in ("delete", "move-from") else None,
                   c if op not in ("delete", "move-from") else None, op, depth + 1, w)
    if it.after:
        b.para(style, it.after, it.after, op, w)


def _pair_op(old: str | None, new: str | None) -> str:
    if old is None:
        return "insert"
    if new is None:
        return "delete"
    return "equal"


def _emit_items(b: _Builder, old: list[Item], new: list[Item], depth: int, where: str) -> None:
    for s in align(old, new, item_key, item_text, same_place=same_label):
        if s.i is not None and s.j is not None:
            _emit_item(b, old[s.i], new[s.j], "equal", depth, where)
        elif s.i is not None and s.moved:
            b.move = f"{where}|{s.i}|{s.partner}|{depth}"
            _emit_item(b, old[s.i], None, "move-from", depth, where,
                       note=f"moved to {where} {new[s.partner].num or ''}".strip())
        elif s.j is not None and s.moved:
            b.move = f"{where}|{s.partner}|{s.j}|{depth}"
            _emit_item(b, None, new[s.j], "move-to", depth, where,
                       note=f"moved from {where} {old[s.partner].num or ''}".strip())
        elif s.i is not None:
            _emit_item(b, old[s.i], None, "delete", depth, where)
        else:
            _emit_item(b, None, new[s.j], "insert", depth, where)


def same_label(a: Item, b: Item) -> bool:
    return a.num is not None and a.num == b.num


def sec_text(s: Section) -> str:
    return " ".join(filter(None, [s.heading, s.text, *(item_text(i) for i in s.items), s.after]))


def _emit_section(b: _Builder, old: Section | None, new: Section | None, op: str) -> None:
    if op == "equal":
        where = new.heading
        b.para("Call", old.heading, new.heading, "equal", where)
        if old.text is not None or new.text is not None:
            b.para("Normal", old.text, new.text, _pair_op(old.text, new.text), where)
        _emit_items(b, old.items, new.items, 0, where)
        if old.after is not None or new.after is not None:
            b.para("Normal", old.after, new.after, _pair_op(old.after, new.after), where)
        return
    s = old if op == "delete" else new
    b.para("Call", s.heading, s.heading, op, s.heading)
    if s.text is not None:
        b.para("Normal", s.text, s.text, op, s.heading)
    for it in s.items:
        _emit_item(b, it if op == "delete" else None, it if op == "insert" else None, op, 0, s.heading)
    if s.after is not None:
        b.para("Normal", s.after, s.after, op, s.heading)


def block_key(bl: Block) -> str:
    return "\x1f".join([bl.num or "", bl.heading or "", bl.text or "", *(item_key(i) for i in bl.items),
                        repr(bl.table)])


def block_text(bl: Block) -> str:
    cells = " ".join(" ".join(r) for r in bl.table or [])
    return " ".join(filter(None, [bl.heading, bl.text, *(item_text(i) for i in bl.items), cells]))


def _emit_block(b: _Builder, old: Block | None, new: Block | None, op: str, where: str) -> None:
    if op == "equal":
        if old.heading is not None or new.heading is not None:
            b.para("Annexheading", old.heading, new.heading, _pair_op(old.heading, new.heading), where,
                   old.num, new.num)
        if old.text is not None or new.text is not None:
            lab_o = old.num if old.heading is None else None
            lab_n = new.num if new.heading is None else None
            b.para("Normal", old.text, new.text, _pair_op(old.text, new.text), where, lab_o, lab_n)
        _emit_items(b, old.items, new.items, 0, where)
        if old.table or new.table:
            b.ops.append(_table_diff(old.table or [], new.table or [], b, where))
        return
    bl = old if op == "delete" else new
    if bl.heading is not None:
        b.para("Annexheading", bl.heading, bl.heading, op, where, bl.num, bl.num)
    if bl.text is not None:
        lab = bl.num if bl.heading is None else None
        b.para("Normal", bl.text, bl.text, op, where, lab, lab)
    for it in bl.items:
        _emit_item(b, it if op == "delete" else None, it if op == "insert" else None, op, 0, where)
    if bl.table:
        change = DEL if op == "delete" else INS
        b.ops.append(Table([Row([plain_runs(c, change, b.notes) for c in r], op) for r in bl.table],
                           op, where, b.region))


def _table_diff(old: list[list[str]], new: list[list[str]], b: _Builder, where: str) -> Table:
    rows: list[Row] = []
    for s in align(old, new, tuple, lambda r: " ".join(r), move_threshold=2.0):
        if s.i is not None and s.j is not None:
            o, n = old[s.i], new[s.j]
            width = max(len(o), len(n))
            o = list(o) + [""] * (width - len(o))
            n = list(n) + [""] * (width - len(n))
            cells = [word_diff(x, y, b.notes) for x, y in zip(o, n)]
            rows.append(Row(cells, "equal" if o == n else "modify"))
        elif s.i is not None:
            rows.append(Row([plain_runs(c, DEL, b.notes) for c in old[s.i]], "delete"))
        else:
            rows.append(Row([plain_runs(c, INS, b.notes) for c in new[s.j]], "insert"))
    op = "equal" if old == new else ("insert" if not old else "delete" if not new else "modify")
    return Table(rows, op, where, b.region)


def _annex_title(a: Annex) -> str:
    word = {"annex": "ANNEX", "appendix": "APPENDIX", "attachment": "ATTACHMENT"}[a.kind]
    return f"{word} {a.num}" if a.num else word


def _emit_annex(b: _Builder, old: Annex | None, new: Annex | None, op: str, owner: str) -> None:
    if op == "equal":
        where = new.heading
        b.para("AnnexNo", f"{_annex_title(old)} TO {owner[0]}", f"{_annex_title(new)} TO {owner[1]}",
               "equal", where)
        b.para("Annextitle", old.heading, new.heading, "equal", where)
        # Moved annex blocks are rare and shown as a deletion and an insertion.
        for s in align(old.blocks, new.blocks, block_key, block_text, move_threshold=2.0):
            if s.i is not None and s.j is not None:
                _emit_block(b, old.blocks[s.i], new.blocks[s.j], "equal", where)
            elif s.i is not None:
                _emit_block(b, old.blocks[s.i], None, "delete", where)
            else:
                _emit_block(b, None, new.blocks[s.j], "insert", where)
        return
    a = old if op == "delete" else new
    line = f"{_annex_title(a)} TO {owner[0] if op == 'delete' else owner[1]}"
    b.para("AnnexNo", line, line, op, a.heading)
    b.para("Annextitle", a.heading, a.heading, op, a.heading)
    for bl in a.blocks:
        _emit_block(b, bl if op == "delete" else None, bl if op == "insert" else None, op, a.heading)


def _owner(res: Resolution, registry) -> str:
    return registry.title_line(res.body, res.number, res.adopted)


def _notes(old: Resolution, new: Resolution) -> dict[str, tuple[Run, ...]]:
    """Footnote bodies by marker: word-diffed where both versions have the footnote."""
    out: dict[str, tuple[Run, ...]] = {}
    for m in dict.fromkeys([*old.footnotes, *new.footnotes]):
        o, n = old.footnotes.get(m), new.footnotes.get(m)
        if o is not None and n is not None:
            out[m] = tuple(word_diff(o, n))
        else:
            out[m] = tuple(plain_runs(o if n is None else n))
    return out


def compare(old: Resolution, new: Resolution, registry, region: str | None = None,
            conference: str | None = None) -> list[Op]:
    """The operations that turn `old` into `new`, in document order.

    `conference` names the conference a draft (never adopted) text is written for, so its preamble
    reads "(Dubai, 2018)"; adopted texts take the place from `adopted`.
    """
    b = _Builder(_notes(old, new), region)
    b.para("ResNo", registry.title_line(old.body, old.number, old.adopted),
           registry.title_line(new.body, new.number, new.adopted), "equal", "title line")
    ho, hn = registry.history_line(old.body, old.adopted), registry.history_line(new.body, new.adopted)
    if ho or hn:
        b.para("Restitle", ho, hn, _pair_op(ho, hn), "history line")
    b.para("Restitle", old.title, new.title, "equal", "title")
    b.para("Normalaftertitle", _preamble(old, registry, conference), _preamble(new, registry, conference),
           "equal", "preamble")
    steps = align(old.sections, new.sections, lambda s: s.heading, sec_text, threshold=0.4,
                  move_threshold=2.0)
    for s in steps:
        if s.i is not None and s.j is not None:
            _emit_section(b, old.sections[s.i], new.sections[s.j], "equal")
        elif s.i is not None:
            _emit_section(b, old.sections[s.i], None, "delete")
        else:
            _emit_section(b, None, new.sections[s.j], "insert")
    owner = (_owner(old, registry), _owner(new, registry))
    for s in align(old.annexes, new.annexes, lambda a: (a.kind, a.heading),
                   lambda a: a.heading + " " + " ".join(block_text(x) for x in a.blocks), move_threshold=2.0):
        if s.i is not None and s.j is not None:
            _emit_annex(b, old.annexes[s.i], new.annexes[s.j], "equal", owner)
        elif s.i is not None:
            _emit_annex(b, old.annexes[s.i], None, "delete", owner)
        else:
            _emit_annex(b, None, new.annexes[s.j], "insert", owner)
    return b.ops


def _preamble(res: Resolution, registry, conference: str | None) -> str:
    if not res.adopted and conference and registry.get(conference):
        return registry.preamble(res.body, res.adopted, conference)
    return registry.preamble(res.body, res.adopted)


def clean(res: Resolution, registry, region: str | None = None, conference: str | None = None) -> list[Op]:
    """The operations of one text shown without revision marks."""
    return compare(res, res, registry, region, conference)


# ---------------------------------------------------------------- accepting and rejecting

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
