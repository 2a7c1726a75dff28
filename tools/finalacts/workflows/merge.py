"""`finalacts merge-driver`: git's merge of resolution and manifest files, by structure, not lines.

Git hands the driver three versions of a file (the common base, ours, theirs). Their sections,
items, annexes and blocks are paired across the versions the way the redline pairs them
(redline/align.py: same words first, then similar ones in order, then moves; manifests pair
proposals by number), and each pair is merged field by field:

- inside a text, a word-level three-way merge: changes to different words merge, the same change
  made twice is made once, two different changes to the same words are a conflict;
- items (sections, blocks...) inserted on both sides are both kept; where both sides changed one
  list, it is relabelled in sequence as `fmt --renumber` does, and every internal reference
  ("*resolves* 3 above") follows the item it pointed at on the side that wrote it;
- `adopted` and `ignore` lists are merged as ordered unions of what each side added and removed
  (`adopted` in the order of the conferences);
- an item one side deleted and the other changed, like two rewordings of the same words, is left
  as a conflict, written in the text (corpus/conflicts.py) so that the file still loads, `check`
  reports it (`merge-conflict`, at its line and column) and `compare` shows the two sides.

The result is written in the canonical layout, folded texts keeping the line breaks of the side
they come from, and proved as `fmt` proves its output (loaded again: the same data, every comment).
A file one version of which cannot be read is merged by git's own line merge instead.
"""

from __future__ import annotations

import copy
import json
import re
import shlex
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from finalacts import git
from finalacts.checks.rules.merge import conflict_findings
from finalacts.corpus import conflicts, walk, yamlfile
from finalacts.corpus.disk import kind_of, write_atomic
from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.layout import CORPUS_DIRS
from finalacts.corpus.model import Annex, Block, Item, Section
from finalacts.corpus.registry import load_registry
from finalacts.language import headings
from finalacts.language.references import Finder, rewrite, sections_for
from finalacts.redline.align import Step, align
from finalacts.redline.build import block_key, block_text, item_key, item_text, same_label, sec_text
from finalacts.redline.tokens import pieces
from finalacts.workflows.renumber import relabel_items

OURS, BASE, THEIRS = conflicts.OURS, conflicts.BASE, conflicts.THEIRS


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a key one version does not have

# The lists of each kind of element, and the kind of their elements.
_LISTS = {
    "resolution": {"sections": "section", "annexes": "annex"},
    "translation": {"sections": "section", "annexes": "annex"},
    "section": {"items": "item"},
    "item": {"items": "item"},
    "annex": {"blocks": "block"},
    "block": {"items": "item"},
    "proposalset": {"proposals": "proposal"},
}
# Where a conflict between a deletion and a change is written: the element's first text of these.
_PRIMARY = {"section": ("heading",), "item": ("text", "after"), "block": ("text", "heading"),
            "annex": ("heading",), "proposal": ("summary", "title", "reasons", "target")}
_SETS = ("ignore", "adopted")


# ---------------------------------------------------------------- words: the three-way merge of a text


@dataclass
class _Hunk:
    start: int  # in the base's tokens
    end: int
    new: list[str]
    side: str


def _hunks(base: list[str], other: list[str], side: str) -> list[_Hunk]:
    """What `other` changed in `base`, as replacements of base tokens. Changes separated only by
    spaces are one change, as a reader sees them ("the old words" -> "new text")."""
    out: list[_Hunk] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, base, other, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if out and all(t.isspace() for t in base[out[-1].end:i1]):
            prev = out[-1]
            prev.new = prev.new + base[prev.end:i1] + other[j1:j2]
            prev.end = i2
            continue
        out.append(_Hunk(i1, i2, other[j1:j2], side))
    return out


def _touch(a: _Hunk, start: int, end: int) -> bool:
    """Whether hunk `a` overlaps or touches the base range [start, end) (so the two changes are not
    independent: an insertion next to a replacement could belong before or after it)."""
    return a.start <= end and start <= a.end


def merge_words(base: str, ours: str, theirs: str) -> tuple[str, int]:
    """The word-level three-way merge of a text: (merged text, number of conflicts left in it)."""
    if ours == theirs or base == theirs:
        return ours, 0
    if base == ours:
        return theirs, 0
    o = pieces(base)
    hunks = sorted(_hunks(o, pieces(ours), OURS) + _hunks(o, pieces(theirs), THEIRS),
                   key=lambda h: (h.start, h.end))
    clusters: list[list[_Hunk]] = []
    for h in hunks:
        if clusters:
            last = clusters[-1]
            start, end = min(x.start for x in last), max(x.end for x in last)
            if _touch(h, start, end) and any(x.side != h.side for x in last + [h]):
                last.append(h)
                continue
            if h.start < end:  # overlapping hunks of one side (cannot happen; kept whole)
                last.append(h)
                continue
        clusters.append([h])
    out: list[str] = []
    pos = 0
    n = 0
    for cl in clusters:
        start, end = min(x.start for x in cl), max(x.end for x in cl)
        out.extend(o[pos:start])
        pos = end
        sides = {OURS: [x for x in cl if x.side == OURS], THEIRS: [x for x in cl if x.side == THEIRS]}
        if not sides[OURS] or not sides[THEIRS]:
            out.extend(_apply(o, start, end, cl))
            continue
        mine, yours = _apply(o, start, end, sides[OURS]), _apply(o, start, end, sides[THEIRS])
        if mine == yours:
            out.extend(mine)
            continue
        n += 1
        out.extend(_marked(out, o[end:], "".join(mine), "".join(o[start:end]), "".join(yours)))
    out.extend(o[pos:])
    return "".join(out), n


def _apply(o: list[str], start: int, end: int, hunks: list[_Hunk]) -> list[str]:
    res: list[str] = []
    p = start
    for h in sorted(hunks, key=lambda h: (h.start, h.end)):
        res.extend(o[p:h.start])
        res.extend(h.new)
        p = max(p, h.end)
    res.extend(o[p:end])
    return res


def _marked(before: list[str], after: list[str], ours: str, base: str, theirs: str) -> list[str]:
    """The tokens of one conflict, with a space on each side of it where words would touch it."""
    text = conflicts.mark(ours.strip(), base.strip(), theirs.strip())
    lead = [" "] if before and not before[-1][-1:].isspace() else []
    trail = [" "] if after and not after[0][:1].isspace() and after[0][:1] not in ",;:.)]" else []
    return lead + [text] + trail


def conflicted(ours: str, base: str, theirs: str) -> str:
    """A whole text in conflict: ours and theirs each replaced base (or deleted what it holds)."""
    return conflicts.mark(ours, base, theirs)


# ---------------------------------------------------------------- structure: pairing the elements of lists


@dataclass(eq=False)
class _Node:
    """One element of the merged file: its version in the base, ours and theirs (None: not there)."""

    kind: str
    o: dict | None
    a: dict | None
    b: dict | None
    pa: tuple | None = None  # where it is in ours' data
    pb: tuple | None = None
    lists: dict[str, _List] = field(default_factory=dict)
    id: int = 0


@dataclass(eq=False)
class _List:
    kind: str
    nodes: list[_Node]
    labels_clash: bool = False  # both sides changed it: relabelled in sequence
    out: list = field(default_factory=list)  # the merged elements


def _as_item(d: dict) -> Item:
    subs = d.get("items") if isinstance(d.get("items"), list) else []
    return Item(num=d.get("num"), text=d.get("text"), after=d.get("after"),
                items=[_as_item(x) for x in subs if isinstance(x, dict)])


def _as_section(d: dict) -> Section:
    subs = d.get("items") if isinstance(d.get("items"), list) else []
    return Section(heading=str(d.get("heading") or ""), text=d.get("text"), after=d.get("after"),
                   items=[_as_item(x) for x in subs if isinstance(x, dict)])


def _as_block(d: dict) -> Block:
    subs = d.get("items") if isinstance(d.get("items"), list) else []
    return Block(num=d.get("num"), heading=d.get("heading"), text=d.get("text"), table=d.get("table"),
                 items=[_as_item(x) for x in subs if isinstance(x, dict)])


def _as_annex(d: dict) -> Annex:
    blocks = d.get("blocks") if isinstance(d.get("blocks"), list) else []
    return Annex(heading=str(d.get("heading") or ""), kind=str(d.get("kind") or "annex"), num=d.get("num"),
                 blocks=[_as_block(x) for x in blocks if isinstance(x, dict)])


def _proposal_text(d: dict) -> str:
    return " ".join(str(d.get(k) or "") for k in ("action", "target", "title", "summary", "reasons"))


def _align(kind: str, old: list[dict], new: list[dict]) -> list[Step]:
    """The redline's alignment of two lists of one kind of element."""
    if kind == "item":
        return align([_as_item(x) for x in old], [_as_item(x) for x in new], item_key, item_text,
                     same_place=same_label)
    if kind == "section":
        return align([_as_section(x) for x in old], [_as_section(x) for x in new], lambda s: s.heading, sec_text,
                     threshold=0.4, move_threshold=2.0)
    if kind == "block":
        return align([_as_block(x) for x in old], [_as_block(x) for x in new], block_key, block_text,
                     move_threshold=2.0)
    if kind == "annex":
        return align([_as_annex(x) for x in old], [_as_annex(x) for x in new], lambda a: (a.kind, a.heading),
                     lambda a: a.heading + " " + " ".join(block_text(x) for x in a.blocks), move_threshold=2.0)
    # Proposals are known by their number (commit trailers name them so): never paired otherwise.
    return align(old, new, lambda p: repr(p.get("number")), _proposal_text, threshold=2.0, move_threshold=2.0)


@dataclass
class _Steps:
    pair: dict[int, int]  # base index -> index on this side
    inserted: dict[int, list[int]]  # base index the insertion follows (-1: the start) -> indexes on this side
    moved: set[int]  # base indexes this side moved elsewhere (placed with its insertions)
    changed: bool


def _steps(steps: list[Step]) -> _Steps:
    out = _Steps({}, {}, set(), False)
    last = -1
    for s in steps:
        if s.i is not None and s.j is not None:
            out.pair[s.i] = s.j
            last = s.i
        elif s.i is not None:
            out.changed = True
            last = s.i
            if s.moved:
                out.pair[s.i] = s.partner
                out.moved.add(s.i)
        else:
            out.changed = True
            out.inserted.setdefault(last, []).append(s.j)
    return out


def _dicts(v) -> list[dict]:
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


# ---------------------------------------------------------------- the merge


@dataclass
class Merged:
    """The merged file: its text, and where conflicts were left in it."""

    text: str
    conflicts: list[Finding]
    fallback: bool = False  # merged by git's own line merge (one version could not be read)


class _Merge:
    def __init__(self, kind: str, o: dict, a: dict, b: dict, registry=None):
        self.kind = kind
        self.o, self.a, self.b = o, a, b
        self.registry = registry
        self.nodes: list[_Node] = []
        # merged path of an element -> its paths in ours and theirs; `whole`: copied with all it holds
        self.origin: dict[tuple, tuple[tuple | None, tuple | None]] = {}
        self.whole: set[tuple] = set()
        self.placed: dict[int, dict] = {}  # node id -> the merged element

    # -- pairing

    def node(self, kind: str, o, a, b, pa, pb) -> _Node:
        n = _Node(kind, o, a, b, pa, pb, id=len(self.nodes))
        self.nodes.append(n)
        for key, sub in _LISTS.get(kind, {}).items():
            versions = [x.get(key) for x in (o, a, b) if isinstance(x, dict) and key in x]
            # A list holding anything but mappings (the schema refuses it) is merged as one value.
            if versions and all(isinstance(v, list) and all(isinstance(e, dict) for e in v) for v in versions):
                n.lists[key] = self.pair_list(sub, o, a, b, key, pa, pb)
        return n

    def pair_list(self, kind: str, o, a, b, key: str, pa, pb) -> _List:
        lo, la, lb = (_dicts(x.get(key)) if isinstance(x, dict) else [] for x in (o, a, b))
        sa = _steps(_align(kind, lo, la)) if a is not None else _Steps({}, {}, set(), bool(lo))
        sb = _steps(_align(kind, lo, lb)) if b is not None else _Steps({}, {}, set(), bool(lo))
        at_a = (pa + (key,)) if pa is not None else None
        at_b = (pb + (key,)) if pb is not None else None
        moved_from_a = {sa.pair[i]: i for i in sa.moved}
        moved_from_b = {sb.pair[i]: i for i in sb.moved}
        nodes: list[_Node] = []

        def base(i: int) -> _Node:
            ja, jb = sa.pair.get(i), sb.pair.get(i)
            return self.node(kind, lo[i], la[ja] if ja is not None else None, lb[jb] if jb is not None else None,
                             at_a + (ja,) if ja is not None else None, at_b + (jb,) if jb is not None else None)

        def insertions(anchor: int) -> None:
            mine: list[_Node] = []
            for j in sa.inserted.get(anchor, []):
                if j in moved_from_a:
                    nodes.append(base(moved_from_a[j]))
                else:
                    mine.append(self.node(kind, None, la[j], None, at_a + (j,), None))
                    nodes.append(mine[-1])
            for j in sb.inserted.get(anchor, []):
                if j in moved_from_b:
                    if moved_from_b[j] not in sa.moved:  # both moved it: ours' place
                        nodes.append(base(moved_from_b[j]))
                    continue
                twin = next((n for n in mine if n.b is None and _same_insert(kind, n.a, lb[j])), None)
                if twin is not None:
                    twin.b, twin.pb = lb[j], at_b + (j,)
                    continue
                nodes.append(self.node(kind, None, None, lb[j], None, at_b + (j,)))

        insertions(-1)
        for i in range(len(lo)):
            if i not in sa.moved and i not in sb.moved:
                nodes.append(base(i))
            insertions(i)
        # Both sides changed the list (inserted, deleted or moved elements, or relabelled them): it is
        # relabelled in sequence, since no one element's label can say where it now stands.
        relabelled = [sx.changed or any(lo[i].get("num") != lx[j].get("num") for i, j in sx.pair.items())
                      for sx, lx in ((sa, la), (sb, lb))]
        return _List(kind, nodes, all(relabelled) and a is not None and b is not None)

    # -- references: each side's labels, as the items they name

    def neutral_references(self) -> None:
        """Rewrite the labels in every internal reference of each version to the item they name
        (a placeholder of its node), so that a side that relabelled and one that did not agree
        where they mean the same item, and the merged labels can be written in at the end."""
        if self.kind != "resolution":
            return
        root = self.nodes[0]
        for side, data in ((BASE, self.o), (OURS, self.a), (THEIRS, self.b)):
            labels: dict[str, dict[str, int]] = {}
            twice: dict[str, set[str]] = {}
            order: list[str] = []
            for sec in root.lists.get("sections", _List("section", [])).nodes:
                d = _version(sec, side)
                if d is None:
                    continue
                h = headings.normalize(str(d.get("heading") or ""))
                order.append(str(d.get("heading") or ""))
                self._labels(sec, side, labels.setdefault(h, {}), twice.setdefault(h, set()))
            if not any(labels.values()):
                continue
            finder = Finder(order)

            def relabel(target: str, label: str) -> str | None:
                meant = sections_for(target, list(labels))
                if len(meant) != 1 or label in twice.get(meant[0], ()):
                    return None
                nid = labels[meant[0]].get(label)
                return None if nid is None else _placeholder(nid)

            for t in walk.texts(data, walk.REFERRING):
                new = rewrite(t.value, finder, relabel)
                if new != t.value:
                    walk.replace(t, new)

    def _labels(self, n: _Node, side: str, into: dict[str, int], twice: set[str]) -> None:
        for lst in n.lists.values():
            for child in lst.nodes:
                d = _version(child, side)
                if d is None:
                    continue
                num = d.get("num")
                if isinstance(num, str) and num.strip():
                    label = num.strip()
                    if label in into:
                        twice.add(label)
                    into[label] = child.id
                self._labels(child, side, into, twice)

    # -- merging

    def merged(self) -> dict:
        root = self.nodes[0]
        out = self.fields(root, ())
        self.relabel()
        return _fill_placeholders(out, self)

    def element(self, n: _Node, at: tuple, lst: _List) -> dict | None:
        """The merged element, or None where it goes."""
        o, a, b = n.o, n.a, n.b
        if a is None and b is None:
            return None
        if o is None and (a is None or b is None):  # inserted on one side
            return self.copied(n, a if b is None else b, OURS if b is None else THEIRS, at)
        if o is not None and (a is None or b is None):
            kept, side = (b, THEIRS) if a is None else (a, OURS)
            if _unlabelled(kept) == _unlabelled(o):
                return None  # deleted on one side, untouched on the other (but moved, or relabelled)
            return self.deleted_but_changed(n, kept, side, at)
        return self.fields(n, at, lst)

    def copied(self, n: _Node, d: dict, side: str, at: tuple) -> dict:
        d = copy.deepcopy(d)
        self.origin[at] = (n.pa, None) if side == OURS else (None, n.pb)
        self.whole.add(at)
        self.placed[n.id] = d
        return d

    def deleted_but_changed(self, n: _Node, kept: dict, side: str, at: tuple) -> dict:
        d = self.copied(n, kept, side, at)
        key = next((k for k in _PRIMARY.get(n.kind, ()) if isinstance(d.get(k), str)), None)
        if key is None:
            key = _PRIMARY.get(n.kind, ("text",))[0]
        now = d.get(key) if isinstance(d.get(key), str) else ""
        was = n.o.get(key) if isinstance(n.o.get(key), str) else ""
        d[key] = conflicted(now, was, conflicts.DELETED) if side == OURS else conflicted(conflicts.DELETED, was, now)
        return d

    def fields(self, n: _Node, at: tuple, lst: _List | None = None) -> dict:
        o = n.o if n.o is not None else {}
        a, b = n.a or {}, n.b or {}
        self.origin[at] = (n.pa, n.pb)
        out: dict = {}
        self.placed[n.id] = out
        for k in list(dict.fromkeys([*a, *b])):
            if k in n.lists:
                lst_k = n.lists[k]
                items = []
                for child in lst_k.nodes:
                    d = self.element(child, at + (k, len(items)), lst_k)
                    if d is not None:
                        items.append(d)
                lst_k.out = items
                if items or k in ("sections", "proposals") or [] in (a.get(k), b.get(k)):
                    out[k] = items
                continue
            v = self.field(n, k, o.get(k, MISSING), a.get(k, MISSING), b.get(k, MISSING), lst)
            if v is not MISSING:
                out[k] = v
        return out

    def field(self, n: _Node, k: str, o, a, b, lst: _List | None):
        if a == b:
            return a
        if o == a:
            return b
        if o == b:
            return a
        if k == "num":
            if lst is not None:
                lst.labels_clash = True
            return a if a is not MISSING else b
        if k in _SETS and all(x is MISSING or isinstance(x, list) for x in (o, a, b)):
            return self.union(k, _or(o, []), _or(a, []), _or(b, []))
        if k == "footnotes" and all(x is MISSING or isinstance(x, dict) for x in (o, a, b)):
            return self.mapping(_or(o, {}), _or(a, {}), _or(b, {}))
        if k == "table" and all(x is MISSING or isinstance(x, list) for x in (o, a, b)):
            return self.table(_or(o, []), _or(a, []), _or(b, []))
        if all(x is MISSING or isinstance(x, str) for x in (o, a, b)):
            text, _ = merge_words(_or(o, ""), _or(a, ""), _or(b, ""))
            return text if text else MISSING
        return conflicted(_shown(a), _shown(o), _shown(b))

    def union(self, k: str, o: list, a: list, b: list) -> list:
        """What each side added, less what either removed; `adopted` in the conferences' order."""
        gone = {x for x in o if x not in a or x not in b}
        out = [x for x in dict.fromkeys([*a, *b]) if x not in gone]
        if k == "adopted" and self.registry is not None and all(self.registry.get(x) for x in out):
            out.sort(key=self.registry.order)
        return out

    def mapping(self, o: dict, a: dict, b: dict) -> dict:
        """Footnotes: each marker merged as a text; one deleted where the other changed it conflicts."""
        out = {}
        for k in dict.fromkeys([*a, *b]):
            x, y, z = o.get(k, MISSING), a.get(k, MISSING), b.get(k, MISSING)
            if y is MISSING and z is not MISSING and x is not MISSING and z != x:
                out[k] = conflicted(conflicts.DELETED, _shown(x), _shown(z))
            elif z is MISSING and y is not MISSING and x is not MISSING and y != x:
                out[k] = conflicted(_shown(y), _shown(x), conflicts.DELETED)
            else:
                v = self.field(None, k, x, y, z, None)
                if v is not MISSING:
                    out[k] = v
        return out

    def table(self, o: list, a: list, b: list) -> list:
        """A table merged cell by cell, its rows paired as the redline pairs them; a row one side
        deleted or reshaped where the other changed it is one conflict, in its first cell."""
        rows = lambda t: [r for r in t if isinstance(r, list)]  # noqa: E731
        o, a, b = rows(o), rows(a), rows(b)
        sa = _steps(align(o, a, tuple, " ".join, move_threshold=2.0))
        sb = _steps(align(o, b, tuple, " ".join, move_threshold=2.0))
        out: list[list] = []

        def insertions(anchor: int) -> None:
            mine = [a[j] for j in sa.inserted.get(anchor, [])]
            out.extend(mine)
            out.extend(b[j] for j in sb.inserted.get(anchor, []) if b[j] not in mine)

        insertions(-1)
        for i, row in enumerate(o):
            ra = a[sa.pair[i]] if i in sa.pair else None
            rb = b[sb.pair[i]] if i in sb.pair else None
            if ra is None and rb is None:
                pass
            elif ra is None or rb is None:
                kept = rb if ra is None else ra
                if kept != row:
                    out.append(self.row_conflict(ra, row, rb))
            elif len(ra) == len(rb) == len(row):
                out.append([merge_words(x, y, z)[0] for x, y, z in zip(row, ra, rb)])
            else:
                out.append(ra if rb == row else rb if ra == row else self.row_conflict(ra, row, rb))
            insertions(i)
        return out

    @staticmethod
    def row_conflict(ours: list | None, base: list, theirs: list | None) -> list:
        kept = list(ours if ours is not None else theirs)
        shown = lambda r: conflicts.DELETED if r is None else " | ".join(r)  # noqa: E731
        return [conflicted(shown(ours), " | ".join(base), shown(theirs))] + kept[1:]

    # -- labels

    def relabel(self) -> None:
        """Relabel in sequence the item lists both sides changed (or whose labels both changed), with
        the lists under them; annexes keep their labels."""
        for sec in self.nodes[0].lists.get("sections", _List("section", [])).nodes:
            d = self.placed.get(sec.id)
            if d is not None and "items" in sec.lists:
                self._relabel(sec.lists["items"], str(d.get("heading") or ""), "")

    def _relabel(self, lst: _List, heading: str, parent: str) -> None:
        if not lst.out:
            return
        if lst.labels_clash:
            relabel_items(lst.out, heading, parent)
            return
        placed = {id(d) for d in lst.out}
        for child in lst.nodes:
            d = self.placed.get(child.id)
            if d is not None and id(d) in placed and "items" in child.lists:
                self._relabel(child.lists["items"], heading, str(d.get("num") or "").strip())


def _unlabelled(v):
    """An element without its labels (and its sub-items'), which renumbering changes."""
    if isinstance(v, dict):
        return {k: _unlabelled(x) for k, x in v.items() if k != "num"}
    if isinstance(v, list):
        return [_unlabelled(x) for x in v]
    return v


def _same_insert(kind: str, x: dict | None, y: dict) -> bool:
    """Two insertions of one element: the same item twice, or the same proposal number twice."""
    if x == y:
        return True
    return kind == "proposal" and x is not None and x.get("number") == y.get("number")


def _version(n: _Node, side: str) -> dict | None:
    return {BASE: n.o, OURS: n.a, THEIRS: n.b}[side]


def _or(v, default):
    return default if v is MISSING or v is None else v


def _shown(v) -> str:
    if v is MISSING or v is None:
        return ""
    if isinstance(v, (str, int, float, bool)):
        return v if isinstance(v, str) else yamlfile._inline(v)
    return json.dumps(v, ensure_ascii=False)


_PLACEHOLDER = re.compile("\ue000([0-9]+)\ue001")


def _placeholder(node_id: int) -> str:
    return f"\ue000{node_id}\ue001"


def _fill_placeholders(data, m: _Merge):
    """The merged labels written into the references that name their items."""
    def label(match) -> str:
        n = m.nodes[int(match.group(1))]
        d = m.placed.get(n.id)
        for v in (d, n.o, n.a, n.b):
            if isinstance(v, dict) and isinstance(v.get("num"), str) and v["num"].strip():
                return v["num"].strip()
        return "?"

    def walk_data(v):
        if isinstance(v, str):
            return _PLACEHOLDER.sub(label, v) if "\ue000" in v else v
        if isinstance(v, list):
            return [walk_data(x) for x in v]
        if isinstance(v, dict):
            return {k: walk_data(x) for k, x in v.items()}
        return v

    return walk_data(data)


# ---------------------------------------------------------------- the file


def _read(text: str, path: str):
    loaded, comments = yamlfile.find_comments(text, path)
    if not isinstance(loaded.data, dict):
        raise InputError(Finding(path, 1, 1, "input-not-mapping", "error", "top level is not a mapping"))
    return loaded, comments, yamlfile.line_breaks(text, loaded)


def merge_texts(base: str, ours: str, theirs: str, path: str) -> Merged:
    """The structural merge of three versions of one corpus file (`path` names it); raises
    InputError when one version cannot be read (then git's own merge is the fallback)."""
    if ours == theirs:
        return Merged(ours, [])
    if base == ours and base.strip():
        return Merged(theirs, [])
    if base == theirs:
        return Merged(ours, [])
    if not base.strip():
        # Added on both sides, differently: nothing says which parts are the same text.
        raise InputError(Finding(path, 1, 1, "merge-conflict", "error", "both sides added this file, differently",
                                 "keep one of the two, or combine them by hand"))
    lo, _, _ = _read(base, f"{path} (base)")
    la, ca, ba = _read(ours, f"{path} (ours)")
    lb, cb, bb = _read(theirs, f"{path} (theirs)")
    kind = kind_of(path, la.data)
    o, a, b = copy.deepcopy(lo.data), copy.deepcopy(la.data), copy.deepcopy(lb.data)
    m = _Merge(kind, o, a, b, load_registry() if kind == "resolution" else None)
    m.node(kind, o, a, b, (), ())
    m.neutral_references()
    data = m.merged()
    comments = _comments(m, data, ca, cb)
    breaks = _breaks(m, data, lb.data, ba, bb)
    text = yamlfile.dump(data, kind, comments, breaks)
    # The proof fmt gives: what was written loads back as the merged data, every comment kept.
    again, again_comments = yamlfile.find_comments(text, path)
    if again.data != data or again_comments.count() != comments.count():
        raise InputError(Finding(path, 1, 1, "input-syntax", "error",
                                 "cannot write the merged file without changing it; merged by lines instead",
                                 "report this merge to the finalacts maintainers"))
    again.text = text
    return Merged(text, conflict_findings(again, path))


def _source(m: _Merge, at: tuple, side: int) -> tuple | None:
    """Where the merged value at `at` came from on one side (0 ours, 1 theirs), if it did."""
    for n in range(len(at), -1, -1):
        src = m.origin.get(at[:n])
        if src is not None:
            return None if src[side] is None else src[side] + at[n:]
    return None


def _breaks(m: _Merge, data: dict, theirs: dict, ba: dict, bb: dict) -> dict[tuple, list[str]]:
    """For each merged text, the lines it had on the side its words come from: theirs' where it is
    theirs' text, else ours' (fold keeps what it can of them either way)."""
    out: dict[tuple, list[str]] = {}
    for at, value in _strings(data):
        pa, pb = _source(m, at, 0), _source(m, at, 1)
        if pb in bb and (value == yamlfile._value_at(theirs, pb) or pa not in ba):
            out[at] = bb[pb]
        elif pa in ba:
            out[at] = ba[pa]
    return out


def _strings(v, at: tuple = ()):
    if isinstance(v, str):
        yield at, v
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from _strings(x, at + (i,))
    elif isinstance(v, dict):
        for k, x in v.items():
            yield from _strings(x, at + (k,))


def _comments(m: _Merge, data: dict, ours: yamlfile.Comments, theirs: yamlfile.Comments) -> yamlfile.Comments:
    """Ours' comments where their entries went, and the comments only theirs has; a comment on an
    element the merge dropped goes with it."""
    where = [{src[k]: at for at, src in m.origin.items() if src[k] is not None} for k in (0, 1)]
    whole = [{src[k] for at, src in m.origin.items() if at in m.whole and src[k] is not None} for k in (0, 1)]

    def moved(p: tuple, k: int) -> tuple | None:
        for n in range(len(p), -1, -1):
            at = where[k].get(p[:n])
            if at is None:
                continue
            rest = p[n:]
            # Inside an element merged field by field, a path into one of its lists names a child
            # placed on its own (or dropped): only a copied element keeps its insides where they were.
            if len(rest) >= 2 and isinstance(rest[1], int) and p[:n] not in whole[k]:
                return None
            return at + rest
        return None

    out = yamlfile.Comments(header=list(ours.header) + [c for c in theirs.header if c not in ours.header],
                            trailing=list(ours.trailing) + [c for c in theirs.trailing if c not in ours.trailing])
    for name in ("lead", "eol"):
        got: dict[tuple, list[str]] = {}
        for k, src in enumerate((getattr(ours, name), getattr(theirs, name))):
            for p, coms in src.items():
                at = moved(p, k)
                if at is None or not _exists(data, at):
                    continue
                have = got.setdefault(at, [])
                have.extend(c for c in coms if c not in have)
        setattr(out, name, got)
    return out


def _exists(data, at: tuple) -> bool:
    for k in at:
        if isinstance(data, dict) and k in data or isinstance(data, list) and isinstance(k, int) and k < len(data):
            data = data[k]
        else:
            return False
    return True


def merge_files(base: Path, ours: Path, theirs: Path, path: str) -> Merged:
    """git's merge driver: merge the three versions, write the result over `ours`."""
    raw = [p.read_bytes() for p in (base, ours, theirs)]
    try:
        texts = [yamlfile.decode(r, path) for r in raw]
        merged = merge_texts(texts[0], texts[1], texts[2], path)
    except InputError as e:
        why = e.finding.message
    except Exception as e:  # noqa: BLE001 - git would take ours, left as it is, for the merge
        why = f"the merge by structure failed ({type(e).__name__}: {e})"
    else:
        if merged.text.encode("utf-8") != raw[1]:
            write_atomic(ours, merged.text)
        return merged
    clean = git.merge_file(ours, base, theirs)
    line = git.conflict_line(ours.read_bytes())
    found = [] if clean else [Finding(path, line or 1, 1, "merge-conflict", "error", f"merged by lines: {why}",
                                      "resolve the <<<<<<< ======= >>>>>>> lines by hand")]
    return Merged(ours.read_text(encoding="utf-8", errors="replace"), found, fallback=True)


# ---------------------------------------------------------------- setting up a clone, and what git left unmerged

ATTRIBUTES = "\n".join([
    "# finalacts: merge resolutions, manifests and language versions by structure, show their diffs as a redline",
    "resolutions/**/*.yaml merge=finalacts diff=finalacts",
    "proposals/**/*.yaml merge=finalacts diff=finalacts",
    "translations/**/*.yaml merge=finalacts diff=finalacts",
]) + "\n"


@dataclass
class Setup:
    attributes: str  # what .gitattributes says now
    changed_attributes: bool
    config: dict[tuple[str, str], str]


def setup(start: Path, command: str) -> Setup:
    """Write `.gitattributes` (committed: every clone merges the same way) and this clone's
    `merge.finalacts.*` / `diff.finalacts.*` settings, which call `command` (finalacts)."""
    repo = git.open_repo(start)
    top = repo.top
    path = top / ".gitattributes"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = [ln for ln in old.splitlines() if ln.strip()]
    wanted = [ln for ln in ATTRIBUTES.splitlines() if ln not in lines]
    new = old
    if wanted:
        new = (old.rstrip("\n") + "\n\n" if old.strip() else "") + "\n".join(wanted) + "\n"
        write_atomic(path, new)
    config = {
        ('merge "finalacts"', "name"): "finalacts: resolutions and manifests merged by structure",
        ('merge "finalacts"', "driver"): f"{command} merge-driver %O %A %B %P",
        ('diff "finalacts"', "command"): f"{command} diff",
        ('diff "finalacts"', "textconv"): f"{command} textconv",
        # git keeps each blob's textconv (under refs/notes/textconv), dropped when the command changes.
        ('diff "finalacts"', "cachetextconv"): "true",
        ('diff "finalacts"', "wordRegex"): r"[^[:space:]]+",
    }
    repo.set_config(config)
    return Setup(new, bool(wanted), config)


def unmerged(start: Path, within: list[Path] | None = None) -> list[Finding]:
    """A finding for each corpus file git left unmerged with no conflict written in it: one side
    deleted it (a SUP) where the other changed it (a MOD). `within`: only the files at or under
    these paths."""
    repo = git.open_repo(start)
    top = repo.top
    out = []
    for rel, stages in sorted(repo.unmerged().items()):
        if rel.split("/", 1)[0] not in CORPUS_DIRS or not rel.endswith(".yaml"):
            continue
        f = top / rel
        if within is not None and not any(p == f.resolve() or p in f.resolve().parents for p in within):
            continue
        raw = f.read_bytes() if f.exists() else b""
        if conflicts.has(raw.decode("utf-8", "replace")):
            continue  # the conflicts written in it are reported where they stand
        # A file both sides changed shows its conflicts itself (git's own lines fail to load).
        if 2 not in stages or 3 not in stages:
            gone, kept = ("ours", "theirs") if 2 not in stages else ("theirs", "ours")
            out.append(Finding(rel, 1, 1, "merge-conflict", "error",
                               f"{gone} deleted this text (SUP) where {kept} changed it (MOD)",
                               f"keep it with `git add {shlex.quote(rel)}`, "
                               f"or suppress it with `git rm {shlex.quote(rel)}`"))
    return out

