"""Two resolutions -> the paragraph operations that turn one into the other, in document order."""

from __future__ import annotations

from finalacts.corpus.model import Annex, Block, Item, Resolution, Section
from finalacts.redline.align import align
from finalacts.redline.ops import DEL, INS, MOVEFROM, MOVETO, Op, Para, Row, Run, Table
from finalacts.redline.tokens import plain_runs, similarity, word_diff

# ---------------------------------------------------------------- building operations

ITEM_STYLES = ("enumlev1", "enumlev2", "enumlev3")
# Paragraphs of body text whose rewrite is shown whole (below), not word by word.
BODY_STYLES = frozenset(ITEM_STYLES + ("Normal",))
# Below this likeness of their words (difflib's ratio, 2M/T over the words of both versions) an
# item is read as rewritten: its old text struck whole, the new one inserted whole, as an editor
# marks it. At 0.5 the words the versions share are no more than those they do not, and a
# word-level diff alternates struck and inserted stretches faster than it keeps any unchanged one
# ("to ~~submit~~consider how the WSIS~~+10~~ ..."), which no reader can follow. Edits that keep the
# sentence (a date updated, a clause added: the demo's MODs score 0.6 and above) stay word-level.
REWRITE = 0.5


class _Builder:
    def __init__(self, notes: dict[str, tuple[Run, ...]], region: str | None, split_moves: bool = False):
        self.notes = notes
        self.region = region
        self.split_moves = split_moves
        self.ops: list[Op] = []
        self.move: str | None = None

    def para(self, style: str, old: str | None, new: str | None, op: str, where: str = "",
             old_label: str | None = None, new_label: str | None = None, note: str = "") -> None:
        """Add one paragraph: `op` equal/modify diff the words; insert/delete/move take one side."""
        if (op in ("equal", "modify") and style in BODY_STYLES and old and new and old != new
                and similarity(old, new) < REWRITE):
            self.para(style, old, old, "delete", where, old_label, old_label, note)
            self.para(style, new, new, "insert", where, new_label, new_label, "rewritten")
            return
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
        if s.moved and b.split_moves and item_key(old[s.i if s.i is not None else s.partner]) != \
                item_key(new[s.j if s.j is not None else s.partner]):
            # Moved and changed: Word's move marks carry no changes inside them (rejecting all
            # would keep the struck words at the new place), so the item is struck where it stood and
            # inserted, as it now reads, where it stands, each naming the other.
            if s.i is not None:
                _emit_item(b, old[s.i], None, "delete", depth, where,
                           note=f"moved, with changes, to {where} {new[s.partner].num or ''}".strip())
            else:
                _emit_item(b, None, new[s.j], "insert", depth, where,
                           note=f"moved, with changes, from {where} {old[s.partner].num or ''}".strip())
        elif s.i is not None and s.j is not None:
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


def _emit_annex(b: _Builder, old: Annex | None, new: Annex | None, op: str, owner: str) -> None:
    if op == "equal":
        where = new.heading
        b.para("AnnexNo", old.line(owner[0]), new.line(owner[1]),
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
    line = a.line(owner[0] if op == "delete" else owner[1])
    b.para("AnnexNo", line, line, op, a.heading)
    b.para("Annextitle", a.heading, a.heading, op, a.heading)
    for bl in a.blocks:
        _emit_block(b, bl if op == "delete" else None, bl if op == "insert" else None, op, a.heading)


def _owner(res: Resolution, registry) -> str:
    return registry.title_of(res)


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
            conference: str | None = None, split_moves: bool = False) -> list[Op]:
    """The operations that turn `old` into `new`, in document order.

    `conference` names the conference a draft (never adopted) text is written for, so its preamble
    reads "(Dubai, 2018)"; adopted texts take the place from `adopted`. `split_moves` (documents
    with tracked changes): an item that moved and also changed is struck where it stood and
    inserted where it stands, since a tracked move carries no changes inside it; without it (the
    side-by-side comparison) it stays one move.
    """
    b = _Builder(_notes(old, new), region, split_moves)
    b.para("ResNo", registry.title_of(old),
           registry.title_of(new), "equal", "title line")
    b.para("Restitle", old.title, new.title, "equal", "title")
    # Sector texts print their history under the title: "(Johannesburg, 2008; ...; Geneva, 2022)".
    ho, hn = registry.history_line(old.body, old.adopted), registry.history_line(new.body, new.adopted)
    if ho or hn:
        b.para("Resref", ho, hn, _pair_op(ho, hn), "history line")
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
