"""Stable names for the sections and items of a text, kept through renumbering.

A text is read as the sequence of its versions (the editions that hold it, oldest first, then the
version being published). Each version is aligned with the one before it by the redline engine's
alignment, with the parameters blame uses, so an item that was renumbered, rewritten under its own
label or moved within its list keeps its name; a new item gets a name from its section and label
that no earlier version used. `resolves 5` is named `resolves-5` where it first appears; when an
insertion makes it `resolves 6`, it is still `resolves-5`, and the new `resolves 5` is `resolves-5-2`.

The names are the site's item addresses (`pp/140/#resolves-5`) and the Akoma Ntoso `wId`s; the
current-label names (`resolves-6`) are the `eId`s and the site's second anchor for an item.

Annexes (and the SECTIONs of clauses of a text of rules) are followed the same way: each is named
from its place where it first appears (`att-1`), each of its blocks from its number or else its place in it
(`att-1-9.1`, `att-1-b2`) and each item of a block from its label (`att-1-b2-1.3`), and an annex, block or
clause keeps its name through the versions, as blame follows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from finalacts.corpus.model import Annex, Block, Item, Resolution
from finalacts.redline import align, block_key, block_text, item_key, item_text, same_label, sec_text


def slug(text: str | None) -> str:
    """'instructs the Secretary-General' -> 'instructs-the-secretary-general'; 'a)' -> 'a'; '5.1' -> '5.1'."""
    s = (text or "").replace("*", "").strip().lower()
    s = s.replace("–", "dash").replace("—", "dash").replace("•", "bullet")
    s = re.sub(r"[^\w.]+", "-", s, flags=re.UNICODE).strip("-.")
    return s or "x"


@dataclass
class Names:
    """One version's names: the stable name (wId) and the current-label name (eId) of each node."""

    stable: dict[int, str] = field(default_factory=dict)  # id(node) -> name kept through renumbering
    current: dict[int, str] = field(default_factory=dict)  # id(node) -> name from today's labels

    def of(self, node) -> str:
        return self.stable[id(node)]


class _Namer:
    def __init__(self):
        self.taken: set[str] = set()

    def new(self, base: str) -> str:
        name, k = base, 2
        while name in self.taken:
            name, k = f"{base}-{k}", k + 1
        self.taken.add(name)
        return name


def _label(it: Item, k: int) -> str:
    return slug(it.num) if it.num else f"p{k + 1}"


def _current(res: Resolution, names: Names) -> None:
    seen: set[str] = set()

    def unique(base: str) -> str:
        name, k = base, 2
        while name in seen:
            name, k = f"{base}-{k}", k + 1
        seen.add(name)
        return name

    def items(lst: list[Item], parent: str) -> None:
        for k, it in enumerate(lst):
            names.current[id(it)] = name = unique(f"{parent}-{_label(it, k)}")
            items(it.items, name)

    for s in res.sections:
        names.current[id(s)] = sec = unique(slug(s.heading))
        items(s.items, sec)
    for k, a in enumerate(res.annexes):
        names.current[id(a)] = att = unique(f"att-{k + 1}")
        for n, b in enumerate(a.blocks):
            names.current[id(b)] = block = unique(_block_name(att, b, n))
            items(b.items, block)


def name_versions(versions: list[Resolution]) -> list[Names]:
    """The names of every version of one text (oldest first); a version's names depend only on it
    and the versions before it, so an edition's page and the latest page agree."""
    namer = _Namer()
    out: list[Names] = []
    prev: Resolution | None = None
    prev_names: Names | None = None
    for res in versions:
        names = Names()
        for new, old, sec in _named(namer, prev.sections if prev else [], res.sections, lambda s: s.heading, sec_text,
                                    lambda s, k: slug(s.heading), prev_names, names, threshold=0.4):
            _items(namer, old.items if old is not None else [], new.items, sec, prev_names, names)
        _annexes(namer, prev.annexes if prev else [], res.annexes, prev_names, names)
        _current(res, names)
        out.append(names)
        prev, prev_names = res, names
    return out


def _items(namer: _Namer, old: list[Item], new: list[Item], parent: str, prev: Names | None, names: Names) -> None:
    paired: dict[int, Item] = {}
    for st in align(old, new, item_key, item_text, same_place=same_label):
        if st.j is None:
            continue
        if st.i is not None:
            paired[st.j] = old[st.i]
        elif st.moved:
            paired[st.j] = old[st.partner]
    for k, it in enumerate(new):
        was = paired.get(k)
        name = prev.stable[id(was)] if was is not None and prev is not None else namer.new(f"{parent}-{_label(it, k)}")
        names.stable[id(it)] = name
        _items(namer, was.items if was is not None else [], it.items, name, prev, names)


def _block_name(att: str, b: Block, k: int) -> str:
    """A numbered block (a clause such as "9.1", a heading "1bis.1") by its number, another by its place."""
    return f"{att}-{slug(b.num)}" if b.num else f"{att}-b{k + 1}"


def _annex_text(a: Annex) -> str:
    return a.heading + " " + " ".join(block_text(b) for b in a.blocks)


def _annexes(namer: _Namer, old: list[Annex], new: list[Annex], prev: Names | None, names: Names) -> None:
    """Annexes paired as the redline and blame pair them, then their blocks, then the blocks' items."""
    for a, was, att in _named(namer, old, new, lambda a: (a.kind, a.heading), _annex_text,
                              lambda a, k: f"att-{k + 1}", prev, names):
        for b, was_b, block in _named(namer, was.blocks if was is not None else [], a.blocks, block_key,
                                      block_text, lambda b, k: _block_name(att, b, k), prev, names):
            _items(namer, was_b.items if was_b is not None else [], b.items, block, prev, names)


def _named(namer: _Namer, old: list, new: list, key, text, base, prev: Names | None, names: Names, **how):
    """(node, the node of the previous version it is, its stable name) for each node of `new`: the
    name it had, or for a node new here one made from it and its place (`base(node, index)`). Sections,
    annexes and blocks are paired so; `how` is align's further options."""
    for st in align(old, new, key, text, move_threshold=2.0, **how):
        if st.j is None:
            continue
        node, was = new[st.j], old[st.i] if st.i is not None else None
        name = prev.stable[id(was)] if was is not None and prev is not None else namer.new(base(node, st.j))
        names.stable[id(node)] = name
        yield node, was, name


def walk(res: Resolution):
    """(section, item or None, depth) in document order."""
    for s in res.sections:
        yield s, None, 0

        def items(lst: list[Item], depth: int):
            for it in lst:
                yield s, it, depth
                yield from items(it.items, depth + 1)

        yield from items(s.items, 1)
