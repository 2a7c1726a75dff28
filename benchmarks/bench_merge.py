"""Benchmark (not a test): merging concurrent proposals with plain git under today's layout, with
plain git under the new layout, and with the finalacts merge driver.

  python benchmarks/bench_merge.py [--pairs 300] [--seed 1] [--out FILE]
  python benchmarks/bench_merge.py --tiny            # a few pairs: that the harness works

Takes the real texts of the example corpus (resolutions/) and generates pairs of concurrent edits
of the kinds groups make: one word, a phrase, a new item, a deleted item, relabelling (an item
moved, the list renumbered with `fmt --renumber`, references following), a title edit against a
MOD, two MODs extending `adopted` with different conferences (a rebase onto a new edition), and
the overlapping kinds: the same words changed twice, a MOD against a SUP, an item deleted on one
side and changed on the other. Each side is written as a group would write it: the edit made, the
file formatted (`fmt --renumber` where items came or went) in that layout.

Each pair is merged by a real `git merge` of two branches in three repositories: plain git with
today's layout (`adopted` next to `title`, every long text refolded from scratch), plain git with
the new layout (`adopted` away from `title`, folded texts keeping their line breaks), and the new
layout with the driver set up by `finalacts setup-git`. A merge is

  merged cleanly   git merged it and the result is what both sides meant (the generator applies
                   both edits to the base itself: that is the intended result);
  conflicted       git stopped;
  silently wrong   git merged it, but the result is not what both sides meant (or an overlapping
                   pair, which nothing can merge, merged anyway).

For the driver it also checks that every conflict is reported by `finalacts check` at the right
place (a `merge-conflict` finding in the lines of the text in conflict, or on the file for a MOD
against a SUP), and that every merged file is canonical (`fmt --check` clean).
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parents[1]

from finalacts.checks.rules.merge import conflict_findings  # noqa: E402
from finalacts.corpus import walk, yamlfile  # noqa: E402
from finalacts.corpus.findings import InputError  # noqa: E402
from finalacts.corpus.registry import load_registry  # noqa: E402
from finalacts.language import headings  # noqa: E402
from finalacts.language.references import Finder  # noqa: E402
from finalacts.redline.tokens import pieces  # noqa: E402
from finalacts.workflows import merge as driver  # noqa: E402
from finalacts.workflows.fmt import format_text  # noqa: E402
from finalacts.workflows.renumber import renumber_data  # noqa: E402

# Today's layout: the key order before `adopted` moved away from `title` (all else as now).
OLD_TOP = ("body", "number", "title", "adopted", "ignore", "sections", "footnotes", "annexes")

WORDS = ("effectively", "promptly", "actively", "regularly", "jointly", "transparently", "progressively",
         "appropriately", "consistently", "fully", "urgently", "carefully")
PHRASES = ("in particular for developing countries", "within available resources", "as appropriate",
           "in close cooperation with the regional offices", "including small island developing states",
           "taking into account gender equality", "on a regular basis")
NEW_ITEMS = ("that the digital divide has several dimensions that require coordinated action;",
             "the need to strengthen the capacity of developing countries in this field;",
             "to report annually to the Council on the progress made;",
             "to encourage the participation of small and medium enterprises;",
             "the importance of accessibility for persons with disabilities;")

ROWS = ("plain git, today's layout", "plain git, new layout", "finalacts merge driver")


# ---------------------------------------------------------------- the edits


def _index(data, at: tuple, into: dict) -> None:
    """Every mapping of the data by its path (the base's paths: how edits name what they touch)."""
    if isinstance(data, dict):
        into[at] = data
        for k, v in data.items():
            _index(v, at + (k,), into)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _index(v, at + (i,), into)


class Work:
    """A copy of the base being edited; mappings stay findable by their base path through moves."""

    def __init__(self, base: dict):
        self.data = copy.deepcopy(base)
        self.at: dict[tuple, dict] = {}
        _index(self.data, (), self.at)
        self.texts: dict[tuple, list] = defaultdict(list)  # (holder path, key) -> [(start, end, tokens)]
        self.adopted: list[str] = []
        self.renumber = False
        self.gone = False

    def items_of(self, owner: tuple) -> list:
        return self.at[owner]["items"]

    def paths(self) -> dict[tuple, tuple]:
        """Where each mapping of the edited copy came from: its path here -> its path in the base."""
        base = {id(d): p for p, d in self.at.items()}
        here: dict[tuple, dict] = {}
        _index(self.data, (), here)
        return {p: base[id(d)] for p, d in here.items() if id(d) in base}

    def finish(self, registry) -> dict | None:
        if self.gone:
            return None
        for (holder, key), edits in self.texts.items():
            d = self.at[holder]
            toks = pieces(d[key])
            for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
                toks[start:end] = new
            d[key] = "".join(toks)
        if self.adopted:
            have = self.data["adopted"]
            extra = [c for c in dict.fromkeys(self.adopted) if c not in have]
            self.data["adopted"] = sorted(have + extra, key=lambda c: (registry.get(c).year, registry.order(c)))
        return renumber_data(self.data)[0] if self.renumber else self.data


@dataclass
class Edit:
    kind: str
    apply: Callable[[Work], None]
    touches: list = field(default_factory=list)
    new: list[str] = field(default_factory=list)  # a text edit's words


def text_edit(kind: str, holder: tuple, key: str, start: int, end: int, new: list[str]) -> Edit:
    def apply(w: Work):
        w.texts[(holder, key)].append((start, end, new))
    return Edit(kind, apply, [("text", holder, key, start, end)], new)


def insert_item(owner: tuple, anchor: tuple | None, item: dict) -> Edit:
    def apply(w: Work):
        items = w.items_of(owner)
        k = 0 if anchor is None else next(i for i, x in enumerate(items) if x is w.at[anchor]) + 1
        items.insert(k, copy.deepcopy(item))
        w.renumber = True
    return Edit("new item", apply, [("inserted", owner, anchor)])


def delete_item(owner: tuple, target: tuple) -> Edit:
    def apply(w: Work):
        items = w.items_of(owner)
        items[:] = [x for x in items if x is not w.at[target]]
        w.renumber = True
    return Edit("deleted item", apply, [("deleted", owner, target)])


def move_item(owner: tuple, target: tuple, anchor: tuple | None) -> Edit:
    def apply(w: Work):
        items = w.items_of(owner)
        it = w.at[target]
        items[:] = [x for x in items if x is not it]
        k = 0 if anchor is None else next(i for i, x in enumerate(items) if x is w.at[anchor]) + 1
        items.insert(k, it)
        w.renumber = True
    return Edit("relabelled", apply, [("moved", owner, target, anchor)])


def sup() -> Edit:
    def apply(w: Work):
        w.gone = True
    return Edit("SUP", apply, [("file",)])


def adopt(conf: str) -> Edit:
    def apply(w: Work):
        w.adopted.append(conf)
    return Edit("adopted", apply, [("adopted", conf)])


def overlap(a: list[Edit], b: list[Edit]) -> bool:
    """Whether two sides' edits touch the same words or elements (so no merge can satisfy both)."""
    def clash(x, y) -> bool:
        if x[0] == "file" or y[0] == "file":
            return True
        if x[0] == y[0] == "text":
            return x[1:3] == y[1:3] and x[3] - 4 < y[4] and y[3] - 4 < x[4]
        if x[0] == "deleted" and y[0] == "text":
            return y[1][:len(x[2])] == x[2]  # a change inside the item deleted
        if x[0] in ("deleted", "moved") and y[0] in ("deleted", "moved"):
            return x[2] == y[2] or (x[0] == "moved" and x[3] == y[2]) or (y[0] == "moved" and y[3] == x[2])
        if x[0] in ("deleted", "moved") and y[0] == "inserted":
            return y[2] == x[2] or (x[0] == "moved" and x[1] == y[1] and x[3] == y[2])
        return False

    return any(clash(x, y) or clash(y, x) for e in a for x in e.touches for f in b for y in f.touches)


# ---------------------------------------------------------------- generating pairs


class Text:
    """One base text and what edits can reach in it."""

    def __init__(self, rel: str, data: dict, registry):
        self.rel, self.data = rel, data
        self.texts: list[tuple[tuple, str]] = []  # (holder path, key) of every prose text
        self.lists: list[tuple] = []  # section paths whose items can be edited
        if isinstance(data.get("title"), str):
            self.texts.append(((), "title"))
        for i, s in enumerate(data.get("sections") or []):
            sp = ("sections", i)
            if isinstance(s.get("text"), str):
                self.texts.append((sp, "text"))
            items = s.get("items") or []
            if len(items) >= 2 and all(isinstance(x.get("num"), str) for x in items):
                self.lists.append(sp)
            self._items(items, sp + ("items",))
        # Items a reference points at: deleting one leaves the reference pointing nowhere (or, once
        # renumbered, at another item), which is not what either side meant; no edit deletes one.
        finder = Finder([s.get("heading", "") for s in data.get("sections") or []])
        self.referred = {(headings.normalize(r.target), lab) for x in walk.texts(data, walk.REFERRING)
                         for r in finder.find(x.value) if r.kind == "section" for lab, _, _ in r.labels}
        last = max(registry.order(x) for x in data["adopted"])
        self.later = [c.id for c in registry.by_body.get(data["body"], []) if registry.order(c.id) > last][:2]

    def _items(self, items: list, at: tuple) -> None:
        for j, it in enumerate(items):
            if isinstance(it.get("text"), str):
                self.texts.append((at + (j,), "text"))
            self._items(it.get("items") or [], at + (j, "items"))

    def value(self, holder: tuple, key: str) -> str:
        d = self.data
        for k in holder:
            d = d[k]
        return d[key]


def _word_positions(text: str) -> list[int]:
    toks = pieces(text)
    return [i for i, t in enumerate(toks) if t.isalpha() and len(t) >= 4 and t.lower() not in ("resolves", "above")]


def word(t: Text, rng: random.Random, where=None, avoid: tuple | None = None, kind="one word") -> Edit | None:
    holder, key = where or rng.choice([x for x in t.texts if x[1] != "title"] or t.texts)
    spots = _word_positions(t.value(holder, key))
    if avoid is not None:
        spots = [i for i in spots if abs(i - avoid[0]) > 6 and abs(i - avoid[1]) > 6]
    if not spots:
        return None
    i = rng.choice(spots)
    old = pieces(t.value(holder, key))[i]
    new = rng.choice([w for w in WORDS if w != old])
    return text_edit(kind, holder, key, i, i + 1, [new])


def phrase(t: Text, rng: random.Random, where=None, avoid: tuple | None = None) -> Edit | None:
    holder, key = where or rng.choice([x for x in t.texts if x[1] != "title"])
    spots = _word_positions(t.value(holder, key))
    if avoid is not None:
        spots = [i for i in spots if abs(i - avoid[0]) > 6 and abs(i - avoid[1]) > 6]
    if not spots:
        return None
    i = rng.choice(spots)
    return text_edit("a phrase", holder, key, i + 1, i + 1, pieces(", " + rng.choice(PHRASES) + ","))


def _span(e: Edit) -> tuple[int, int]:
    t = e.touches[0]
    return t[3], t[4]


def _plain_items(t: Text, owner: tuple) -> list[tuple]:
    """The items of a list that hold no sub-items and that no reference points at."""
    d = t.data
    for k in owner:
        d = d[k]
    heading = headings.normalize(d.get("heading", ""))
    return [owner + ("items", j) for j, it in enumerate(d["items"])
            if not it.get("items") and (heading, str(it.get("num")).strip()) not in t.referred]


def _all_items(t: Text, owner: tuple) -> list[tuple]:
    d = t.data
    for k in owner:
        d = d[k]
    return [owner + ("items", j) for j in range(len(d["items"]))]


def _texts_outside(t: Text, item: tuple) -> list[tuple]:
    return [x for x in t.texts if x[0][:len(item)] != item and x[1] != "title"]


def recipes(t: Text, rng: random.Random) -> dict[str, Callable[[], tuple[list[Edit], list[Edit]] | None]]:
    def same_text_words():
        a = word(t, rng)
        if a is None:
            return None
        b = word(t, rng, a.touches[0][1:3], _span(a))
        return ([a], [b]) if b else None

    def two_texts_words():
        a = word(t, rng)
        b = word(t, rng)
        return ([a], [b]) if a and b and a.touches[0][1:3] != b.touches[0][1:3] else None

    def phrase_and_word():
        a = phrase(t, rng)
        if a is None:
            return None
        b = word(t, rng, a.touches[0][1:3], _span(a))
        return ([a], [b]) if b else None

    def new_items_same_place():
        owner = rng.choice(t.lists)
        anchor = rng.choice([None] + _all_items(t, owner))
        x, y = rng.sample(NEW_ITEMS, 2)
        return [insert_item(owner, anchor, {"text": x})], [insert_item(owner, anchor, {"text": y})]

    def new_items_two_lists():
        if len(t.lists) < 2:
            return None
        o1, o2 = rng.sample(t.lists, 2)
        x, y = rng.sample(NEW_ITEMS, 2)
        return ([insert_item(o1, rng.choice([None] + _all_items(t, o1)), {"text": x})],
                [insert_item(o2, rng.choice([None] + _all_items(t, o2)), {"text": y})])

    def new_item_and_word():
        owner = rng.choice(t.lists)
        a = insert_item(owner, rng.choice([None] + _all_items(t, owner)), {"text": rng.choice(NEW_ITEMS)})
        b = word(t, rng)
        return ([a], [b]) if b else None

    def deleted_item_and_word():
        owner = rng.choice(t.lists)
        target = rng.choice(_plain_items(t, owner) or [None])
        if target is None:
            return None
        b = word(t, rng, rng.choice(_texts_outside(t, target)))
        return ([delete_item(owner, target)], [b]) if b else None

    def deleted_and_new_item():
        owner = rng.choice(t.lists)
        items = _plain_items(t, owner)
        if len(items) < 3:
            return None
        target = rng.choice(items)
        anchor = rng.choice([x for x in [None] + _all_items(t, owner) if x != target])
        return [delete_item(owner, target)], [insert_item(owner, anchor, {"text": rng.choice(NEW_ITEMS)})]

    def relabelled_and_word():
        owner = rng.choice(t.lists)
        items = _all_items(t, owner)
        target = rng.choice(items)
        anchors = [x for x in [None] + items if x != target and (items.index(target) == 0 and x is not None
                   or items.index(target) > 0 and x != items[items.index(target) - 1])]
        if not anchors:
            return None
        a = move_item(owner, target, rng.choice(anchors))
        inside = [x for x in t.texts if x[0][:len(target)] == target]
        b = word(t, rng, rng.choice(inside) if inside and rng.random() < 0.5 else None)
        return ([a], [b]) if b else None

    def title_and_mod():
        a = word(t, rng, ((), "title"), kind="title edit")
        b = word(t, rng)
        if not (a and b and t.later):
            return None
        return [a], [b, adopt(t.later[0])]

    def two_editions():
        if len(t.later) < 2:
            return None
        a, b = word(t, rng), word(t, rng)
        if not (a and b) or a.touches[0][1:3] == b.touches[0][1:3]:
            return None
        return [a, adopt(t.later[0])], [b, adopt(t.later[1])]

    def same_words_twice():
        a = word(t, rng, kind="same words")
        if a is None:
            return None
        holder, key, start, end = a.touches[0][1:]
        old = pieces(t.value(holder, key))[start]
        other = rng.choice([w for w in WORDS if w not in (old, *a.new)])
        return [a], [text_edit("same words", holder, key, start, end, [other])]

    def mod_against_sup():
        b = word(t, rng)
        return ([sup()], [b]) if b else None

    def deleted_against_changed():
        owner = rng.choice(t.lists)
        target = rng.choice(_plain_items(t, owner) or [None])
        if target is None:
            return None
        b = word(t, rng, (target, "text"))
        return ([delete_item(owner, target)], [b]) if b else None

    return {
        "one word + one word, same paragraph": same_text_words,
        "one word + one word, two texts": two_texts_words,
        "a phrase + one word, same paragraph": phrase_and_word,
        "new item + new item, same place": new_items_same_place,
        "new item + new item, two lists": new_items_two_lists,
        "new item + one word": new_item_and_word,
        "deleted item + one word": deleted_item_and_word,
        "deleted item + new item, same list": deleted_and_new_item,
        "relabelled (item moved) + one word": relabelled_and_word,
        "title edit + MOD (adopted extended)": title_and_mod,
        "MOD for one edition + MOD for the next": two_editions,
        "same words changed twice": same_words_twice,
        "MOD against SUP": mod_against_sup,
        "item deleted against item changed": deleted_against_changed,
    }


OVERLAPPING = {"same words changed twice", "MOD against SUP", "item deleted against item changed"}


@dataclass
class Pair:
    recipe: str
    rel: str
    a: dict | None
    b: dict | None
    a_from: dict  # each side's mappings -> their paths in the base (for the lines `fmt` keeps)
    b_from: dict
    intended: list  # acceptable results (data, or None for a suppressed text); [] for a conflict
    place: tuple | None  # (holder path, key) of the conflict the driver should report
    overlapping: bool


def generate(texts: list[Text], n: int, seed: int, registry) -> list[Pair]:
    rng = random.Random(seed)
    out: list[Pair] = []
    names = None
    tries = 0
    while len(out) < n and tries < n * 50:
        tries += 1
        t = rng.choice(texts)
        if not t.lists:
            continue
        rs = recipes(t, rng)
        names = names or list(rs)
        name = names[len(out) % len(names)]
        got = rs[name]()
        if got is None:
            continue
        ea, eb = got
        if any(e is None for e in ea + eb):
            continue
        ov = name in OVERLAPPING
        if ov != overlap(ea, eb):
            continue
        # Most proposals are MODs to the next conference: both sides extend `adopted` alike.
        if t.later and not any(e.kind == "adopted" for e in ea + eb) and not ov and rng.random() < 0.5:
            ea, eb = ea + [adopt(t.later[0])], eb + [adopt(t.later[0])]
        (a, a_from), (b, b_from) = _apply(t.data, ea, registry, True), _apply(t.data, eb, registry, True)
        if a == t.data or b == t.data:
            continue
        intended = [] if ov else _intended(t.data, ea, eb, registry)
        place = None
        if name == "same words changed twice":
            place = ea[0].touches[0][1:3]
        elif name == "item deleted against item changed":
            place = (ea[0].touches[0][2], "text")
        out.append(Pair(name, t.rel, a, b, a_from, b_from, intended, place, ov))
    return out


def _apply(base: dict, edits: list[Edit], registry, paths: bool = False):
    w = Work(base)
    for e in edits:
        e.apply(w)
    moved = w.paths()
    data = w.finish(registry)
    return (data, moved) if paths else data


def _intended(base: dict, ea: list[Edit], eb: list[Edit], registry) -> list:
    out = []
    for order in (ea + eb, eb + ea):
        r = _apply(base, order, registry)
        if r not in out:
            out.append(r)
    return out


# ---------------------------------------------------------------- layouts


def _ordered(data: dict) -> dict:
    return {k: data[k] for k in OLD_TOP if k in data} | {k: v for k, v in data.items() if k not in OLD_TOP}


def today(data: dict) -> str:
    """Today's layout: `adopted` after `title`, every long text folded afresh at 100 columns."""
    return yamlfile.dump(_ordered(data), None)


def new_layout(data: dict, before: str, came_from: dict) -> str:
    """The new layout, as `fmt` writes a side's edit of `before` (the base file): each folded text
    keeps the lines it had there (`came_from`: where each mapping of `data` was in the base)."""
    lines = yamlfile.line_breaks(before, yamlfile.load(before.encode(), "x.yaml"))
    kept = {}
    for at, base_at in came_from.items():
        for (p, lns) in ((base_at + (k,), None) for k in ("title", "text", "after", "heading")):
            if p in lines:
                kept[at + (p[-1],)] = lines[p]
    return yamlfile.dump(data, "resolution", None, kept)


# ---------------------------------------------------------------- merging with git


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if check and r.returncode:
        raise RuntimeError(f"git {' '.join(args)}: {r.stderr.strip()}")
    return r


ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_COMMITTER_NAME": "Bench",
       "GIT_COMMITTER_EMAIL": "bench@example.org", "GIT_CONFIG_NOSYSTEM": "1"}


class Repo:
    """One repository: the base commit, and a branch per side of every pair (made in one `git
    fast-import`), merged pair by pair with `git merge`."""

    def __init__(self, root: Path, files: dict[str, str], use_driver: bool):
        self.root = root
        self.use_driver = use_driver
        root.mkdir(parents=True)
        git(root, "init", "-q", "-b", "main")
        git(root, "config", "commit.gpgsign", "false")
        if use_driver:
            subprocess.run([sys.executable, "-m", "finalacts", "setup-git"], cwd=root, check=True,
                           capture_output=True)
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "--no-verify", "-m", "base")
        self.base = git(root, "rev-parse", "HEAD").stdout.strip()

    def branches(self, sides: list[tuple[str, str | None, str | None]]) -> None:
        """For pair k (rel, ours, theirs): branches ours/k and theirs/k, one commit each on the base."""
        out = bytearray()
        for k, (rel, a, b) in enumerate(sides):
            for name, text in (("ours", a), ("theirs", b)):
                msg = f"{name} {k}".encode()
                out += f"commit refs/heads/{name}/{k}\ncommitter Bench <bench@example.org> 0 +0000\n".encode()
                out += b"data %d\n%s\nfrom %s\n" % (len(msg), msg, self.base.encode())
                if text is None:
                    out += f"D {rel}\n".encode()
                else:
                    body = text.encode("utf-8")
                    out += f"M 100644 inline {rel}\n".encode() + b"data %d\n" % len(body) + body + b"\n"
                out += b"\n"
        subprocess.run(["git", "fast-import", "--quiet"], cwd=self.root, input=bytes(out), check=True)

    def merge(self, k: int, rel: str):
        """(clean?, the merged text or None if the file is gone, findings when conflicted)."""
        git(self.root, "checkout", "-q", "-f", "--detach", f"ours/{k}")
        r = git(self.root, "merge", "-q", "--no-edit", "--no-verify", f"theirs/{k}", check=False)
        p = self.root / rel
        text = p.read_text(encoding="utf-8") if p.exists() else None
        if r.returncode == 0:
            return True, text, []
        found = []
        if self.use_driver:
            if text is not None:
                try:
                    found = conflict_findings(yamlfile.load(text.encode(), rel), rel)
                except InputError:
                    found = []
            found += driver.unmerged(self.root)
        git(self.root, "merge", "--abort", check=False)
        return False, text, found


def _data(text: str | None, rel: str):
    if text is None:
        return None
    try:
        return yamlfile.load(text.encode(), rel).data
    except InputError:
        return "unreadable"


def _at_place(text: str, rel: str, place: tuple, findings: list) -> bool:
    """Whether a merge-conflict finding stands within the lines of the text at `place`."""
    loaded = yamlfile.load(text.encode(), rel)
    at = loaded.positions.get(place[0] + (place[1],))
    if at is None:
        return False
    later = sorted(p.line for p in loaded.positions.values() if p.line > at.line)
    end = later[0] if later else 10**9
    return any(f.rule == "merge-conflict" and at.line <= f.line < max(end, at.line + 1) for f in findings)


# ---------------------------------------------------------------- the run


@dataclass
class Tally:
    clean: int = 0
    conflicted: int = 0
    wrong: int = 0
    by_recipe: dict = field(default_factory=lambda: defaultdict(Counter))


def run(pairs_n: int, seed: int) -> str:
    registry = load_registry()
    files: dict[str, str] = {}
    texts: list[Text] = []
    for p in sorted((HERE / "resolutions").rglob("*.yaml")):
        rel = p.relative_to(HERE).as_posix()
        text = format_text(p.read_text(encoding="utf-8"), rel)
        files[rel] = text
        texts.append(Text(rel, yamlfile.load(text.encode(), rel).data, registry))
    t0 = time.perf_counter()
    pairs = generate(texts, pairs_n, seed, registry)
    tallies = {row: Tally() for row in ROWS}
    found_ok = found_all = canonical_bad = 0
    clean_overlapping_free = non_overlapping = 0
    wrong_examples: list[str] = []
    old_env = dict(os.environ)
    os.environ.update(ENV)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-merge-") as tmp:
            (Path(tmp) / ".gitconfig").write_text("", encoding="utf-8")
            os.environ.update(HOME=tmp, GIT_CONFIG_GLOBAL=str(Path(tmp) / ".gitconfig"))
            base_today = {rel: today(yamlfile.load(t.encode(), rel).data) for rel, t in files.items()}
            repos = {ROWS[0]: Repo(Path(tmp) / "today", base_today, False),
                     ROWS[1]: Repo(Path(tmp) / "new", files, False),
                     ROWS[2]: Repo(Path(tmp) / "driver", files, True)}
            sides = {ROWS[0]: [], ROWS[1]: []}
            for pair in pairs:
                base_new = files[pair.rel]
                sides[ROWS[0]].append([None if x is None else today(x) for x in (pair.a, pair.b)])
                sides[ROWS[1]].append([None if x is None else new_layout(x, base_new, f)
                                       for x, f in ((pair.a, pair.a_from), (pair.b, pair.b_from))])
            sides[ROWS[2]] = sides[ROWS[1]]
            for row in ROWS:
                repos[row].branches([(p.rel, *sides[row][k]) for k, p in enumerate(pairs)])
            for k, pair in enumerate(pairs):
                if not pair.overlapping:
                    non_overlapping += 1
                for row in ROWS:
                    clean, text, findings = repos[row].merge(k, pair.rel)
                    tally = tallies[row]
                    if not clean:
                        tally.conflicted += 1
                        tally.by_recipe[pair.recipe]["conflicted"] += 1
                        if row == ROWS[2] and pair.overlapping:
                            found_all += 1
                            if pair.recipe == "MOD against SUP":
                                ok = any(f.path == pair.rel and f.rule == "merge-conflict" for f in findings)
                            else:
                                ok = text is not None and _at_place(text, pair.rel, pair.place, findings)
                            found_ok += ok
                        continue
                    got = _data(text, pair.rel)
                    if not pair.overlapping and got in pair.intended:
                        tally.clean += 1
                        tally.by_recipe[pair.recipe]["clean"] += 1
                        if row == ROWS[2]:
                            clean_overlapping_free += 1
                            if text is not None and format_text(text, pair.rel) != text:
                                canonical_bad += 1
                    else:
                        tally.wrong += 1
                        tally.by_recipe[pair.recipe]["wrong"] += 1
                        if row == ROWS[2] and len(wrong_examples) < 5:
                            wrong_examples.append(f"pair {k} ({pair.recipe}, {pair.rel})")
    finally:
        os.environ.clear()
        os.environ.update(old_env)
    seconds = time.perf_counter() - t0
    return report(pairs, tallies, seconds, found_ok, found_all, clean_overlapping_free, non_overlapping,
                  canonical_bad, wrong_examples)


def report(pairs, tallies, seconds, found_ok, found_all, clean_free, non_overlapping, canonical_bad,
           wrong_examples) -> str:
    n = len(pairs)
    over = sum(p.overlapping for p in pairs)
    lines = [f"# Merging concurrent proposals: {n} pairs of edits to the example corpus",
             "",
             f"{n - over} pairs that touch different words or items, {over} that touch the same ones "
             f"(which no merge can satisfy); Python {platform.python_version()}, "
             f"{git(HERE, 'version').stdout.strip()}, {seconds:.0f} s in all.",
             "",
             "| | merged cleanly | conflicted | silently wrong |",
             "|---|---:|---:|---:|"]
    for row in ROWS:
        t = tallies[row]
        lines.append(f"| {row} | {t.clean} | {t.conflicted} | {t.wrong} |")
    lines += ["", "By kind of pair (merged cleanly / conflicted / silently wrong):", "",
              "| pair | " + " | ".join(ROWS) + " |", "|---|" + "---:|" * len(ROWS)]
    for recipe in dict.fromkeys(p.recipe for p in pairs):
        cells = []
        for row in ROWS:
            c = tallies[row].by_recipe[recipe]
            cells.append(f"{c['clean']} / {c['conflicted']} / {c['wrong']}")
        count = sum(p.recipe == recipe for p in pairs)
        mark = " (overlapping)" if recipe in OVERLAPPING else ""
        lines.append(f"| {recipe}{mark}, {count} | " + " | ".join(cells) + " |")
    d = tallies[ROWS[2]]
    lines += ["",
              "Targets, for the driver:",
              "",
              f"- every non-overlapping pair merges cleanly: {clean_free} of {non_overlapping}"
              f"{' - met' if clean_free == non_overlapping else ' - NOT MET'}",
              f"- no silently wrong merge: {d.wrong}{' - met' if d.wrong == 0 else ' - NOT MET'}",
              f"- every overlapping pair conflicts, with a `check` finding at the right place: {found_ok} of {over}"
              f"{' - met' if found_ok == over == found_all else ' - NOT MET'}",
              f"- every merged file canonical (`fmt --check` clean): "
              f"{'yes' if not canonical_bad else f'{canonical_bad} not'}"]
    if wrong_examples:
        lines += ["", "Silently wrong with the driver: " + ", ".join(wrong_examples)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tiny", action="store_true", help="a few pairs, to see that the harness works")
    ap.add_argument("--out", type=Path, help="also write the report here")
    args = ap.parse_args(argv)
    text = run(14 if args.tiny else args.pairs, args.seed)
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
