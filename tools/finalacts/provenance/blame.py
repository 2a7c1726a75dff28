"""Who proposed this wording: every item and every phrase of a text traced to the commit, proposal,
submitter and edition that brought it in.

Git does the heavy lifting: one path-limited `git log` lists the commits that changed the file
(followed through renames, see `git.file_changes`), and each version of the file is read once
from git's object database. Those versions are replayed oldest first: items are followed from one
version to the next with the redline engine's alignment (so a renumbered item keeps its words and
a moved item keeps its history), and inside each paragraph the words the new version inserts are
attributed to the commit that inserted them. A merge that combines two branches' edits takes each
word from whichever parent already had it, as `git blame` does for lines.

A commit's proposal comes from its `Proposal:` trailers and the manifest at that commit; a commit
without one is attributed to its author and flagged "no proposal".

Speed: all versions' blobs are read in one `git cat-file --batch`; a version other than the one
shown is only loaded and validated (its positions are never printed), and its data is kept by
blob id in `.finalacts-cache/blame.sqlite3` at the top of the work tree, each section and annex
as the digest of its JSON text, which is kept once for all the versions that share it; a section
or annex whose data is unchanged from the previous version is the very
object the replay attributed already, and is passed on without being aligned again (a commit
changes one item); the word diff of two paragraphs and the similarity align pairs items by are
kept in the same cache by the two texts, since they depend on nothing else; where proposals/
stands at each commit, and whether it is signed, is looked up for all commits at once. The
version shown is parsed once more with its positions, and the attribution is put on it; its
positions are kept too, so that a blame of a text that has not changed since reads no YAML.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

from finalacts import git
from finalacts.checks.cache import DIRNAME, code_salt, digest
from finalacts.corpus import yamlfile
from finalacts.corpus.disk import kind_of
from finalacts.corpus.files import parse
from finalacts.corpus.findings import InputError, UsageError
from finalacts.corpus.layout import text_path
from finalacts.corpus.model import Annex, Block, Item, Pos, Resolution, Section, resolution_from_data
from finalacts.corpus.schemas import validate
from finalacts.provenance.origins import Origin, Provenance

# The redline engine's own keys, so that items pair here exactly as they pair in a redline.
from finalacts.redline import (
    Step,
    Tok,
    align,
    block_key,
    block_text,
    item_key,
    item_text,
    markup,
    same_label,
    sec_text,
    similarity,
    tokens,
)

# ---------------------------------------------------------------- what: attributed text


@dataclass
class Text:
    """One paragraph's tokens and, per token, the index of the origin that wrote it."""

    toks: list[Tok]
    who: list[int]
    src: str = ""
    cut: tuple[int, ...] = ()  # origins that removed words and put none in their place


@dataclass
class ItemA:
    model: Item
    origin: int
    text: Text | None = None
    after: Text | None = None
    items: list[ItemA] = field(default_factory=list)
    relabels: list[tuple[str | None, str | None, int]] = field(default_factory=list)
    moves: list[int] = field(default_factory=list)


@dataclass
class SectionA:
    model: Section
    origin: int
    heading: Text
    text: Text | None = None
    after: Text | None = None
    items: list[ItemA] = field(default_factory=list)


@dataclass
class BlockA:
    model: Block
    origin: int
    heading: Text | None = None
    text: Text | None = None
    items: list[ItemA] = field(default_factory=list)
    rows: list[Text] = field(default_factory=list)


@dataclass
class AnnexA:
    model: Annex
    origin: int
    heading: Text
    blocks: list[BlockA] = field(default_factory=list)


@dataclass
class ResA:
    model: Resolution
    title: Text
    sections: list[SectionA]
    footnotes: dict[str, Text]
    annexes: list[AnnexA]


def _row(r: list[str]) -> str:
    return " | ".join(r)


def _align(old: list, new: list, key, text, **kw) -> list[Step]:
    """align(), without its work where the two lists have the same keys in the same order: then
    it pairs them one for one (identical keys are paired first, in order), which is what nearly
    every list of a version that changed one item has."""
    if len(old) == len(new) and all(key(a) == key(b) for a, b in zip(old, new)):
        return [Step(k, k) for k in range(len(new))]
    return align(old, new, key, text, **kw)


# Unchanged parts of a version (all but the one a commit edited): the new model's nodes take the
# old ones' credit as they are, with the same result as replaying them, without the alignment.

def _same_items(old: list[ItemA], new: list[Item]) -> list[ItemA]:
    return [ItemA(n, o.origin, o.text, o.after, _same_items(o.items, n.items), list(o.relabels), list(o.moves))
            for o, n in zip(old, new)]


def _same_section(old: SectionA, new: Section) -> SectionA:
    return SectionA(new, old.origin, old.heading, old.text, old.after, _same_items(old.items, new.items))


def _same_annex(old: AnnexA, new: Annex) -> AnnexA:
    return AnnexA(new, old.origin, old.heading,
                  [BlockA(n, o.origin, o.heading, o.text, _same_items(o.items, n.items), list(o.rows))
                   for o, n in zip(old.blocks, new.blocks)])


class _Replay:
    """Turns the attributed previous version into the attributed next one, for one commit `who`."""

    def __init__(self, who: int, diffs: _Diffs | None = None):
        self.who = who
        self.diffs = diffs or _Diffs()
        self.lost: list[ItemA] = []
        self.born: list[ItemA] = []

    def text(self, old: Text | None, new: str | None) -> Text | None:
        if new is None:
            return None
        if old is not None and old.src == new:
            return old  # unchanged paragraphs (nearly all of them) share their parent's credit
        toks = tokens(new)
        if old is None:
            return Text(toks, [self.who] * len(toks), new)
        who: list[int] = []
        cut = old.cut
        for tag, i1, i2, j1, j2 in self.diffs.opcodes(old.src, new, old.toks, toks):
            if tag == "equal":
                who.extend(old.who[i1:i2])
            else:
                who.extend([self.who] * (j2 - j1))
            # A pure deletion leaves no word to credit: it is kept, so the commit is not lost.
            if tag == "delete" and any(not t.text.isspace() for t in old.toks[i1:i2]) and self.who not in cut:
                cut = cut + (self.who,)
        return Text(toks, who, new, cut)

    def item(self, old: ItemA | None, new: Item) -> ItemA:
        if old is not None and old.model == new:  # equal but for positions (see Node)
            return _same_items([old], [new])[0]
        if old is None:
            a = ItemA(new, self.who, self.text(None, new.text), self.text(None, new.after),
                      [self.item(None, c) for c in new.items])
            return a
        a = ItemA(new, old.origin, self.text(old.text, new.text), self.text(old.after, new.after),
                  self.items(old.items, new.items), list(old.relabels), list(old.moves))
        if old.model.num != new.num:
            a.relabels.append((old.model.num, new.num, self.who))
        return a

    def items(self, old: list[ItemA], new: list[Item]) -> list[ItemA]:
        out: list[ItemA | None] = [None] * len(new)
        if not old and not new:
            return []
        for s in _align([o.model for o in old], new, item_key, item_text, same_place=same_label,
                        similar=self.diffs.similarity):
            if s.i is not None and s.j is not None:
                out[s.j] = self.item(old[s.i], new[s.j])
            elif s.j is not None and s.moved:
                a = self.item(old[s.partner], new[s.j])
                a.moves.append(self.who)
                out[s.j] = a
            elif s.j is not None:
                a = self.item(None, new[s.j])
                self.born.append(a)
                out[s.j] = a
            elif not s.moved:
                self.lost.append(old[s.i])
        return out  # type: ignore[return-value]

    def cross_moves(self) -> None:
        """Items that left one list and arrived in another (another section): moves, not rewrites."""
        if not self.lost or not self.born:
            return
        lost, born = self.lost, self.born
        for s in align([x.model for x in lost], [x.model for x in born], item_key, item_text,
                       threshold=0.8, move_threshold=0.8, similar=self.diffs.similarity):
            if s.j is None:
                continue
            i = s.i if s.i is not None else s.partner
            if i is None:
                continue
            moved = self.item(lost[i], born[s.j].model)
            moved.moves.append(self.who)
            born[s.j].__dict__.update(moved.__dict__)

    def section(self, old: SectionA | None, new: Section) -> SectionA:
        if old is not None and old.model is new:
            return old  # the very section the parent had (_Models): nothing of it can change here
        if old is not None and old.model == new:
            return _same_section(old, new)
        if old is None:
            return SectionA(new, self.who, self.text(None, new.heading), self.text(None, new.text),
                            self.text(None, new.after), self.items([], new.items))
        return SectionA(new, old.origin, self.text(old.heading, new.heading), self.text(old.text, new.text),
                        self.text(old.after, new.after), self.items(old.items, new.items))

    def block(self, old: BlockA | None, new: Block) -> BlockA:
        rows = [_row(r) for r in new.table or []]
        if old is None:
            return BlockA(new, self.who, self.text(None, new.heading), self.text(None, new.text),
                          self.items([], new.items), [self.text(None, r) for r in rows])
        old_rows = [_row(r) for r in old.model.table or []]
        out_rows: list[Text | None] = [None] * len(rows)
        for s in align(old_rows, rows, lambda r: r, lambda r: r, move_threshold=2.0,
                       similar=self.diffs.similarity):
            if s.j is not None:
                out_rows[s.j] = self.text(old.rows[s.i] if s.i is not None else None, rows[s.j])
        return BlockA(new, old.origin, self.text(old.heading, new.heading), self.text(old.text, new.text),
                      self.items(old.items, new.items), out_rows)  # type: ignore[arg-type]

    def annex(self, old: AnnexA | None, new: Annex) -> AnnexA:
        if old is not None and old.model is new:
            return old
        if old is not None and old.model == new:
            return _same_annex(old, new)
        if old is None:
            return AnnexA(new, self.who, self.text(None, new.heading), [self.block(None, b) for b in new.blocks])
        blocks: list[BlockA | None] = [None] * len(new.blocks)
        for s in align([b.model for b in old.blocks], new.blocks, block_key, block_text, move_threshold=2.0,
                       similar=self.diffs.similarity):
            if s.j is not None:
                blocks[s.j] = self.block(old.blocks[s.i] if s.i is not None else None, new.blocks[s.j])
        return AnnexA(new, old.origin, self.text(old.heading, new.heading), blocks)  # type: ignore[arg-type]

    def resolution(self, old: ResA | None, new: Resolution) -> ResA:
        secs: list[SectionA | None] = [None] * len(new.sections)
        olds = old.sections if old else []
        for s in _align([x.model for x in olds], new.sections, lambda x: x.heading, sec_text, threshold=0.4,
                        move_threshold=2.0, similar=self.diffs.similarity):
            if s.j is not None:
                secs[s.j] = self.section(olds[s.i] if s.i is not None else None, new.sections[s.j])
            else:
                self.lost.extend(olds[s.i].items)
        anns: list[AnnexA | None] = [None] * len(new.annexes)
        olda = old.annexes if old else []
        for s in _align([x.model for x in olda], new.annexes, lambda a: (a.kind, a.heading),
                        lambda a: a.heading + " " + " ".join(block_text(x) for x in a.blocks), move_threshold=2.0,
                        similar=self.diffs.similarity):
            if s.j is not None:
                anns[s.j] = self.annex(olda[s.i] if s.i is not None else None, new.annexes[s.j])
        notes = {m: self.text(old.footnotes.get(m) if old else None, t) for m, t in new.footnotes.items()}
        self.cross_moves()
        return ResA(new, self.text(old.title if old else None, new.title), secs, notes, anns)  # type: ignore[arg-type]


class _Diffs:
    """The word diff of two paragraphs (difflib's opcodes over their tokens) and their similarity
    (what align pairs items by), by the two texts: functions of those two strings alone, so what
    an earlier blame worked out is read back (from `kept`, the blame cache) instead of being
    matched again."""

    def __init__(self, kept=None):
        self.kept = kept  # sqlite3.Connection holding table `diffs`, or None
        self.new: dict[str, str] = {}
        self.salt = ""

    def similarity(self, a: str, b: str) -> float:
        """redline's `similarity` of two texts (what align pairs items by), read back or worked out."""
        if a == b or not self.salt:
            return similarity(a, b)
        key = digest(self.salt, "similarity", a, b)
        if self.kept is not None:
            try:
                row = self.kept.execute("SELECT value FROM diffs WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                row, self.kept = None, None
            if row is not None:
                try:
                    return float(row[0])
                except ValueError:
                    pass
        value = similarity(a, b)
        self.new[key] = repr(value)
        return value

    def opcodes(self, a: str, b: str, ta: list[Tok], tb: list[Tok]) -> list:
        key = digest(self.salt, "diff", a, b) if self.salt else ""
        if key and self.kept is not None:
            try:
                row = self.kept.execute("SELECT value FROM diffs WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                row, self.kept = None, None
            if row is not None:
                try:
                    ops = json.loads(row[0])
                    if _fits(ops, len(ta), len(tb)):
                        return ops
                except ValueError:
                    pass
        ops = SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes()
        if key:
            self.new[key] = json.dumps(ops)
        return ops


def _fits(ops, n: int, m: int) -> bool:
    """Whether `ops` is a list of opcodes that covers two sequences of n and m tokens, end to end."""
    if not isinstance(ops, list):
        return False
    i = j = 0
    for op in ops:
        if not (isinstance(op, list) and len(op) == 5 and all(type(x) is int for x in op[1:])):
            return False
        tag, i1, i2, j1, j2 = op
        if (i1, j1) != (i, j) or i2 < i1 or j2 < j1 or {"equal": i2 - i1 != j2 - j1, "replace": i1 == i2 or j1 == j2,
                                                         "delete": i1 == i2 or j1 != j2,
                                                         "insert": i1 != i2 or j1 == j2}.get(tag, True):
            return False
        i, j = op[2], op[4]
    return i == n and j == m


def _overlay(a, b, merge: int):
    """Where `a` (from the first parent) credits the merge itself, take `b`'s (another parent's) credit.

    Returns `a` or its replacement: a Text may be shared with a parent's state, so it is never
    changed in place; the containers around it are built afresh for every version.
    """
    if isinstance(a, Text) and isinstance(b, Text):
        if merge not in a.who and merge not in a.cut:
            return a
        who = [y if x == merge and y != merge else x for x, y in zip(a.who, b.who)] + a.who[len(b.who):]
        cut = a.cut
        if merge in a.cut and merge not in b.cut:  # the other parent had made that deletion already
            cut = tuple(x for x in a.cut if x != merge) + tuple(y for y in b.cut if y not in a.cut)
        return Text(a.toks, who, a.src, cut)
    if isinstance(a, list) and isinstance(b, list):
        for k, (x, y) in enumerate(zip(a, b)):
            a[k] = _overlay(x, y, merge)
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k in b:
                a[k] = _overlay(a[k], b[k], merge)
        return a
    if hasattr(a, "__dataclass_fields__") and type(a) is type(b):
        if getattr(a, "origin", None) == merge and getattr(b, "origin", merge) != merge:
            a.origin = b.origin
        for name in ("relabels", "moves"):
            # A relabelling or move the other parent had already made is that parent's, not the merge's.
            mine, theirs = getattr(a, name, None), getattr(b, name, None)
            if mine is not None and theirs is not None:
                def by_merge(x):
                    return (x[-1] if isinstance(x, tuple) else x) == merge
                if any(by_merge(x) for x in mine) and not any(by_merge(x) for x in theirs):
                    setattr(a, name, list(theirs))
        for name in a.__dataclass_fields__:
            if name not in ("model", "origin", "relabels", "moves"):
                setattr(a, name, _overlay(getattr(a, name), getattr(b, name), merge))
    return a


# ---------------------------------------------------------------- the blame


@dataclass
class Span:
    text: str
    origin: int


@dataclass
class Entry:
    """One paragraph of the text with its origin and its phrases."""

    where: str
    line: int
    origin: int
    spans: list[Span]
    label: str | None = None
    relabels: list[tuple[str | None, str | None, int]] = field(default_factory=list)
    moves: list[int] = field(default_factory=list)
    item: bool = False
    alias: str = ""  # "resolves 5.1" for the sub-item shown as "resolves 5 5.1"
    cut: list[int] = field(default_factory=list)  # origins that removed words from it


@dataclass
class Blame:
    text: str
    path: str
    ref: str
    commit: str
    origins: list[Origin]
    entries: list[Entry]
    warnings: list[str] = field(default_factory=list)
    versions: int = 0
    lang: str = "en"  # the language tag of the words blamed (a language version's, for --lang)
    rtl: bool = False  # whether they are written right to left


def _spans(t: Text | None) -> list[Span]:
    """Runs of tokens with one origin; spaces go with the words before them."""
    if t is None:
        return []
    out: list[Span] = []
    cur: list[Tok] = []
    who = None
    for tok, w in zip(t.toks, t.who):
        if tok.text.isspace() and cur:
            w = who
        if cur and w != who:
            out.append(Span(markup(cur), who))
            cur = []
        cur.append(tok)
        who = w
    if cur:
        out.append(Span(markup(cur), who))
    return out


def _entries(res: ResA) -> list[Entry]:
    out: list[Entry] = []
    r = res.model
    out.append(Entry("title", r.at("title").line, res.title.who[0] if res.title.who else 0, _spans(res.title)))

    def items(lst: list[ItemA], where: str, top: str) -> None:
        for a in lst:
            w = f"{where} {a.model.num}".strip() if a.model.num else f"{where} –"
            out.append(Entry(w, a.model.at("text").line, a.origin, _spans(a.text), a.model.num,
                             a.relabels, a.moves, True, f"{top} {a.model.num}", list(a.text.cut if a.text else ())))
            items(a.items, w, top)
            if a.after is not None:
                out.append(Entry(f"{w} (after)", a.model.at("after").line, a.origin, _spans(a.after), item=True))

    for s in res.sections:
        h = s.model.heading
        out.append(Entry(h, s.model.at("heading").line, s.origin, _spans(s.heading)))
        if s.text is not None:
            out.append(Entry(f"{h} (text)", s.model.at("text").line, s.origin, _spans(s.text), cut=list(s.text.cut)))
        items(s.items, h, h)
        if s.after is not None:
            out.append(Entry(f"{h} (after)", s.model.at("after").line, s.origin, _spans(s.after)))
    for m, t in res.footnotes.items():
        out.append(Entry(f"footnote {m}", r.at(f"footnotes.{m}").line, t.who[0] if t.who else 0, _spans(t)))
    for a in res.annexes:
        name = f"{a.model.kind} {a.model.num or ''}".strip()
        out.append(Entry(name, a.model.at("heading").line, a.origin, _spans(a.heading)))
        for b in a.blocks:
            w = f"{name} {b.model.num or ''}".strip()
            if b.heading is not None:
                out.append(Entry(w, b.model.at("heading").line, b.origin, _spans(b.heading)))
            if b.text is not None:
                out.append(Entry(w, b.model.at("text").line, b.origin, _spans(b.text)))
            items(b.items, w, w)
            for k, row in enumerate(b.rows):
                out.append(Entry(f"{w} row {k + 1}", b.model.at("table").line, b.origin, _spans(row)))
    return out


def _parse(raw: bytes, shown: str) -> Resolution | None:
    parsed = parse(raw, shown)
    return parsed.model if isinstance(parsed.model, Resolution) and not parsed.findings else None


class _Parses:
    """Each version's data (loaded and schema-valid, or None: a version that does not load) by blob
    id: loaded from its bytes, read for all versions in one git process, or read back from what a
    previous blame kept (a blob's load depends only on its bytes, its path and the finalacts code).
    Only the data is kept: the positions of a version other than the one shown are never used."""

    def __init__(self, repo):
        self.repo = repo
        self.new: dict[str, str] = {}
        self.kept: dict[str, str] = {}
        self.parts: dict[str, str] = {}      # a section's or annex's JSON text, by its digest
        self.new_parts: dict[str, str] = {}
        self.raw: dict[str, bytes] = {}
        self.new_positions: dict[str, str] = {}
        self.db: sqlite3.Connection | None = None
        self._diffs: _Diffs | None = None
        try:
            self.path: Path | None = repo.top / DIRNAME / "blame.sqlite3"
        except UsageError:
            self.path = None  # a bare repository: nowhere to keep them
        self._salt = code_salt()

    def _key(self, blob: str, relpath: str) -> str:
        return digest(self._salt, "data", blob, relpath)

    def _open(self) -> sqlite3.Connection | None:
        if self.db is None and self.path is not None and self.path.exists():
            try:
                self.db = sqlite3.connect(self.path, timeout=5)
                # A database: the tables an older blame did not make are made when saving.
                self.db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            except sqlite3.Error:
                self.path = None  # not ours, or broken: load everything, keep nothing
                self.db = None
        return self.db

    def prefetch(self, wanted: list[tuple[str, str]]) -> None:
        """Look up every (blob, path) at once: what earlier blames kept, in one query, and the bytes
        of the others, in one git process."""
        keys = {self._key(b, p): b for b, p in wanted}
        db = self._open()
        if db is not None:
            try:
                self.kept.update(_select(db, "versions", list(keys)))
                # The parts they name, each once: a version shares all but one with its parent.
                named = {d for v in self.kept.values() for d in v.split("\n")[2:]}
                # A part is its digest's text or nothing (a row this code did not write is not used).
                self.parts.update((k, v) for k, v in _select(db, "parts", sorted(named)) if digest(v) == k)
            except sqlite3.Error:
                self.kept, self.parts = {}, {}
            # A version is read back only with every part it names.
            self.kept = {k: v for k, v in self.kept.items() if all(d in self.parts for d in v.split("\n")[2:])}
        missing = [b for k, b in keys.items() if k not in self.kept]
        self.raw.update(git.blob_contents(self.repo, missing))

    def diffs(self) -> _Diffs:
        """Word diffs read back from, and kept in, the same cache."""
        d = _Diffs(None)
        d.salt = self.path is not None and self._salt or ""
        if self.db is not None:
            try:
                self.db.execute("SELECT 1 FROM diffs LIMIT 1").fetchall()
                d.kept = self.db
            except sqlite3.Error:
                pass  # a cache from before word diffs were kept
        self._diffs = d
        return d

    def bytes(self, blob: str) -> bytes:
        raw = self.raw.get(blob)
        return raw if raw is not None else self.repo.blob_bytes(blob)

    def data(self, blob: str, relpath: str, shown: str) -> _Version | None:
        key = self._key(blob, relpath)
        kept = self.kept.get(key)
        if kept is not None:
            if not kept:
                return None  # a version that does not load
            version = _Version.decode(kept)
            if version is not None:
                return version
        data = _valid_data(self.bytes(blob), shown)
        if data is None:
            self.new[key] = ""
            return None
        version, parts, exact = _Version.of(data)
        self.parts.update(parts)
        if exact:  # kept only where JSON gives back exactly what was loaded (not, say, a number as a key)
            self.new[key] = version.encode()
            self.new_parts.update(parts)
        return version

    def shown(self, blob: str, relpath: str, shown: str) -> Resolution | None:
        """The version shown, with its positions: from its kept data and the positions an earlier
        blame kept for it, else parsed (and its positions kept)."""
        key = digest(self._salt, "positions", blob, relpath)
        version = self.data(blob, relpath, shown)
        db = self._open()
        kept = None
        if version is not None and db is not None:
            try:
                kept = dict(_select(db, "positions", [key])).get(key)
            except sqlite3.Error:
                pass  # a cache from before positions were kept
        data = version.whole(self.parts) if kept is not None else None
        if data is not None:
            positions = _positions(kept, data)
            if positions is not None:
                return resolution_from_data(data, positions, shown)
        parsed = parse(self.bytes(blob), shown)
        if not isinstance(parsed.model, Resolution) or parsed.findings:
            return None
        self.new_positions[key] = json.dumps([[*path, p.line, p.col] for path, p in parsed.loaded.positions.items()],
                                             ensure_ascii=False)
        return parsed.model

    def save(self) -> None:
        diffs = self._diffs.new if self._diffs is not None else {}
        if not (self.new or self.new_parts or diffs or self.new_positions) or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            db = self.db or sqlite3.connect(self.path, timeout=5)
            # Whole versions, as blame kept them before it kept their parts once: dropped, and the
            # file made small again.
            older = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'parsed'").fetchone()
            with db:
                db.execute("DROP TABLE IF EXISTS parsed")
                db.execute("CREATE TABLE IF NOT EXISTS versions (key TEXT PRIMARY KEY, value TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS parts (key TEXT PRIMARY KEY, value TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS diffs (key TEXT PRIMARY KEY, value TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS positions (key TEXT PRIMARY KEY, value TEXT)")
                db.executemany("INSERT OR REPLACE INTO versions VALUES (?, ?)", self.new.items())
                db.executemany("INSERT OR REPLACE INTO parts VALUES (?, ?)", self.new_parts.items())
                db.executemany("INSERT OR REPLACE INTO diffs VALUES (?, ?)", diffs.items())
                db.executemany("INSERT OR REPLACE INTO positions VALUES (?, ?)", self.new_positions.items())
            if older:
                db.execute("VACUUM")
            db.close()
            self.db = None
        except (OSError, sqlite3.Error):
            pass  # only costs time next run


def _valid_data(raw: bytes, shown: str) -> dict | None:
    """The data of a version when it loads as a schema-valid resolution, as `parse` decides it
    (`_parse` is not None), without building the model with positions; else None."""
    try:
        loaded = yamlfile.load(raw, shown)
    except InputError:
        return None
    if kind_of(shown, loaded.data) != "resolution":
        return None
    if validate("resolution", loaded.data, loaded.positions, loaded.key_positions, shown):
        return None
    return loaded.data


def _positions(text: str, data: dict) -> dict | None:
    """Positions as `shown` keeps them ([*path, line, col] each), or None when they are not what
    this code writes for `data` (a line and column for every path, one for the text and for each
    of its sections and annexes)."""
    try:
        rows = json.loads(text)
        out = {tuple(row[:-2]): Pos(row[-2], row[-1]) for row in rows
               if all(type(x) is int and x > 0 for x in row[-2:])
               and all(type(x) in (str, int) for x in row[:-2])}
    except (ValueError, TypeError, IndexError):
        return None
    parts = [(k, i) for k in ("sections", "annexes") for i in range(len(data.get(k, [])))]
    return out if len(out) == len(rows) and () in out and all(p in out for p in parts) else None


def _select(db: sqlite3.Connection, table: str, keys: list[str]) -> list[tuple[str, str]]:
    """The (key, value) rows of `table` held for these keys, a few queries for all of them."""
    rows: list[tuple[str, str]] = []
    for k in range(0, len(keys), 500):
        part = keys[k:k + 500]
        rows += db.execute(f"SELECT key, value FROM {table} WHERE key IN ({','.join('?' * len(part))})",
                           part).fetchall()
    return rows


class _Version(NamedTuple):
    """One version's data: the top-level values, and each section and annex named by the digest
    of its JSON text (the texts themselves are kept once, in `_Parses.parts`), so that an unchanged
    one is found by comparing names and decoded only where it changed."""

    top: dict
    sections: list[str]
    annexes: list[str]
    data: dict | None = None  # the data itself, when at hand

    @classmethod
    def of(cls, data: dict) -> tuple[_Version, dict[str, str], bool]:
        """The version of loaded `data`, its parts' JSON texts by digest, and whether that JSON
        gives `data` back exactly."""
        top = {k: v for k, v in data.items() if k not in ("sections", "annexes")}
        values = (*data.get("sections", []), *data.get("annexes", []))
        try:
            texts = [json.dumps(x, ensure_ascii=False) for x in (top, *values)]
            exact = all(json.loads(t) == x for t, x in zip(texts, (top, *values)))
        except (TypeError, ValueError):
            texts = [repr(x) for x in (top, *values)]
            exact = False
        names = [digest(t) for t in texts[1:]]
        n = len(data.get("sections", []))
        return cls(top, names[:n], names[n:], data), dict(zip(names, texts[1:])), exact

    def encode(self) -> str:
        # JSON text holds no raw line break: one part a line.
        return "\n".join([json.dumps(self.top, ensure_ascii=False), str(len(self.sections)), *self.sections,
                          *self.annexes])

    def whole(self, parts: dict[str, str]) -> dict | None:
        """The data itself, its sections and annexes read from their JSON texts; None when one is
        not at hand."""
        if self.data is not None:
            return self.data
        try:
            out = dict(self.top)
            if self.sections:
                out["sections"] = [json.loads(parts[d]) for d in self.sections]
            if self.annexes:
                out["annexes"] = [json.loads(parts[d]) for d in self.annexes]
        except (KeyError, ValueError):
            return None
        return out

    @classmethod
    def decode(cls, text: str) -> _Version | None:
        lines = text.split("\n")
        try:
            top, n = json.loads(lines[0]), int(lines[1])
        except (ValueError, IndexError):
            return None  # not what this code writes: load the version
        if not isinstance(top, dict) or not 0 <= n <= len(lines) - 2:
            return None
        return cls(top, lines[2:2 + n], lines[2 + n:])


class _Models:
    """Each version's model from its data, with the previous version's section and annex objects
    wherever their data is unchanged (a commit changes one item; the same digest of JSON text is
    the same data). The replay then finds the very object it already attributed and passes its
    credit on without looking inside. Positions are left out: the version shown is rebuilt with
    its own at the end (`_rebind`)."""

    def __init__(self, parts: dict[str, str]):
        self.parts = parts  # JSON text by digest (_Parses.parts)
        self.sections: list[tuple[str, Section]] = []
        self.annexes: list[tuple[str, Annex]] = []

    @staticmethod
    def _reuse(prev: list[tuple[str, object]], new: list[str]) -> list:
        out: list = [None] * len(new)
        free = set(range(len(prev)))
        for k, d in enumerate(new):
            order = [k] if k in free else []
            for j in order + sorted(free):
                if prev[j][0] == d:
                    out[k] = prev[j][1]
                    free.discard(j)
                    break
        return out

    def model(self, v: _Version, shown: str) -> Resolution:
        old_s, old_a = self._reuse(self.sections, v.sections), self._reuse(self.annexes, v.annexes)
        if v.data is not None:
            secs, anns = v.data.get("sections", []), v.data.get("annexes", [])
            new_s = [d for d, o in zip(secs, old_s) if o is None]
            new_a = [d for d, o in zip(anns, old_a) if o is None]
        else:
            new_s = [json.loads(self.parts[d]) for d, o in zip(v.sections, old_s) if o is None]
            new_a = [json.loads(self.parts[d]) for d, o in zip(v.annexes, old_a) if o is None]
        fresh = resolution_from_data({**v.top, "sections": new_s, "annexes": new_a}, None, shown)
        built_s, built_a = iter(fresh.sections), iter(fresh.annexes)
        fresh.sections = [o if o is not None else next(built_s) for o in old_s]
        fresh.annexes = [o if o is not None else next(built_a) for o in old_a]
        self.sections, self.annexes = list(zip(v.sections, fresh.sections)), list(zip(v.annexes, fresh.annexes))
        return fresh


def _rebind(res: ResA, model: Resolution) -> ResA:
    """The attribution `res` on `model`, the same text parsed with its positions (the lines shown)."""
    return ResA(model, res.title, [_same_section(a, m) for a, m in zip(res.sections, model.sections)],
                res.footnotes, [_same_annex(a, m) for a, m in zip(res.annexes, model.annexes)])


def attributed(repo, ref: str, text: str, prov: Provenance | None = None):
    """(attributed model at `ref`, origins, warnings, versions replayed, relpath, commit id)."""
    rel = text_path(text)
    commit = repo.resolve(ref)
    head_blob = repo.at(commit).blob(rel)
    if head_blob is None:
        raise UsageError(f"unknown text {text}: {rel} does not exist at {ref}")
    prov = prov or Provenance(repo)
    changes = git.file_changes(repo, commit, rel)
    prov.prefetch([ch.sha for ch in changes])
    parses = _Parses(repo)
    parses.prefetch([(ch.blob, ch.path) for ch in changes if ch.blob != git.NULL_SHA])
    replay = _Replayer(parses, prov, repo, rel)
    states: dict[str, ResA | None] = {}
    # A version's credit is dropped once no later change builds on it: memory stays bounded by
    # the branches open at one time, not by the length of the history.
    wanted = Counter(b for ch in changes for b in ch.parent_blobs if b)
    wanted[head_blob] += 1
    done: set[str] = set()
    shown: str | None = None  # the label the version at `ref` was first loaded under
    for ch in changes:
        if ch.blob != git.NULL_SHA and ch.blob not in done:
            done.add(ch.blob)
            states[ch.blob] = replay.one(ch, states)
            if ch.blob == head_blob:
                shown = f"{ch.sha[:8]}:{ch.path}"
        for b in ch.parent_blobs:
            if b:
                wanted[b] -= 1
                if wanted[b] <= 0:
                    states.pop(b, None)
    final = states.get(head_blob)
    if final is None:
        parses.save()
        raw = repo.blob_bytes(head_blob)
        model = _parse(raw, f"{ref}:{rel}")
        if model is None:
            raise InputError(parse(raw, f"{ref}:{rel}").findings[0])
        raise UsageError(f"no commit reachable from {ref} wrote {rel} as it stands there")
    model = parses.shown(head_blob, rel, shown or f"{ref}:{rel}")
    parses.save()
    if model is None:  # cannot be: its data loaded above; kept for the type checker
        raise UsageError(f"{rel} at {ref} does not load")
    return _rebind(final, model), replay.origins, replay.warnings, len(done), rel, commit


class _Replayer:
    """Replays one version after another; holds the origins and warnings found on the way."""

    def __init__(self, parses: _Parses, prov: Provenance, repo, rel: str):
        self.parses, self.prov, self.rel = parses, prov, rel
        self.diffs = parses.diffs()
        self.models = _Models(parses.parts)
        self.origins: list[Origin] = []
        self.warnings: list[str] = []
        self.boundary = set(repo.shallow_boundary())

    def one(self, ch: git.FileChange, states: dict) -> ResA | None:
        """The attributed version `ch` wrote, from its parents' attributed versions."""
        origins, who = self.origins, len(self.origins)
        origins.append(self.prov.origin(ch))
        shown = f"{ch.sha[:8]}:{ch.path}"
        data = self.parses.data(ch.blob, ch.path, shown)
        known = [states[b] for b in ch.parent_blobs if b is not None and states.get(b) is not None]
        if ch.sha in self.boundary:
            self.warnings.append(f"shallow clone: the history before commit {ch.sha[:8]} ({origins[who].date}) is "
                                 f"missing, so every word of {self.rel} older than that is credited to "
                                 f"{ch.sha[:8]}; run `git fetch --unshallow --tags` for the full history")
            origins[who].note = "shallow boundary: may not have written what is credited to it"
        if data is None:
            # A version that does not load (a broken intermediate commit) passes its parent's credit on.
            return known[0] if known else None
        model = self.models.model(data, shown)
        first = _Replay(who, self.diffs).resolution(known[0] if known else None, model)
        for other in known[1:]:
            first = _overlay(first, _Replay(who, self.diffs).resolution(other, model), who)
        return first


def blame(start: Path, text: str, item: str | None = None, ref: str = "HEAD") -> Blame:
    """Every paragraph (or one item with its sub-items) of `text` at `ref`, with who wrote each phrase."""
    repo = git.open_repo(start)
    res, origins, warnings, versions, rel, sha = attributed(repo, ref, text)
    entries = _entries(res)
    if item is not None:
        entries = select(entries, item, rel, ref)
    used = sorted({e.origin for e in entries} | {s.origin for e in entries for s in e.spans}
                  | {w for e in entries for *_, w in e.relabels} | {w for e in entries for w in e.moves}
                  | {w for e in entries for w in e.cut})
    renum = {old: new for new, old in enumerate(used)}
    for e in entries:
        e.origin = renum[e.origin]
        e.spans = [Span(s.text, renum[s.origin]) for s in e.spans]
        e.relabels = [(a, b, renum[w]) for a, b, w in e.relabels]
        e.moves = [renum[w] for w in e.moves]
        e.cut = [renum[w] for w in e.cut]
    return Blame(text, rel, ref, sha, [origins[k] for k in used], entries, warnings, versions)


def _fold(s: str) -> str:
    return " ".join(s.replace("*", "").split()).lower()


def select(entries: list[Entry], item: str, rel: str, ref: str) -> list[Entry]:
    """The entries of one item ("resolves 3", "recalling a)", "resolves 5.1") and its sub-items. An
    item named by its label alone ("9.8.2.2") is the one item whose place ends with it (a clause of
    a SECTION: "section 9 9.8.2.2"), if only one does."""
    want = _fold(item)

    def names(e: Entry) -> set[str]:
        out = {_fold(e.where), _fold(e.alias)}
        if e.label and e.label.endswith(")"):
            out |= {_fold(e.where[:-1]), _fold(e.alias[:-1])}
        return out

    found = [k for k, e in enumerate(entries) if e.item and want in names(e)]
    if not found:
        found = [k for k, e in enumerate(entries) if e.item and any(n.endswith(" " + want) for n in names(e))]
        if len(found) > 1:
            raise UsageError(f"item {item!r} is more than one item in {rel} at {ref}: "
                             + ", ".join(entries[k].where for k in found[:8]) + "; name one of them whole")
    if found:
        k = found[0]
        e = entries[k]
        out = [e]
        for f in entries[k + 1:]:
            if _fold(f.where).startswith(_fold(e.where) + " ") or _fold(f.where) == _fold(e.where) + " (after)":
                out.append(f)
            else:
                break
        return out
    known = [e.where for e in entries if e.item][:8]
    raise UsageError(f"no item {item!r} in {rel} at {ref}" + (f" (items: {', '.join(known)}, …)" if known else ""))
