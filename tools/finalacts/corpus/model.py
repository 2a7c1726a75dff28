"""Plain dataclasses for resolutions and proposal sets, with the source position of every value.

`pos` maps a field name to the position of its value in the source file ("" is the node itself),
so any finding can point at what it is about. Files not loaded from disk have empty `pos`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from finalacts.corpus import walk


class Pos(NamedTuple):
    """1-based line and column in a source file."""

    line: int
    col: int


NOWHERE = Pos(1, 1)


@dataclass
class Node:
    """Common part of every model node: where its values are, and which rules it silences."""

    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False)

    def at(self, name: str = "") -> Pos:
        """Position of field `name` (or of the node itself), falling back to the node."""
        return self.pos.get(name) or self.pos.get("") or NOWHERE


@dataclass
class Item(Node):
    num: str | None = None
    text: str | None = None
    items: list[Item] = field(default_factory=list)
    after: str | None = None
    ignore: list[str] = field(default_factory=list)


@dataclass
class Section(Node):
    heading: str = ""
    text: str | None = None
    items: list[Item] = field(default_factory=list)
    after: str | None = None
    ignore: list[str] = field(default_factory=list)


@dataclass
class Block(Node):
    num: str | None = None
    heading: str | None = None
    text: str | None = None
    items: list[Item] = field(default_factory=list)
    table: list[list[str]] | None = None
    ignore: list[str] = field(default_factory=list)


@dataclass
class Annex(Node):
    heading: str = ""
    kind: str = "annex"
    num: str | None = None
    blocks: list[Block] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)

    def line(self, owner: str) -> str:
        """'ANNEX 2 TO RESOLUTION 71 (Rev. Busan, 2014)' for `owner` 'RESOLUTION 71 (…)'; a section of
        the text's own provisions is only 'SECTION 1'."""
        word = self.kind.upper() + (f" {self.num}" if self.num else "")
        return word if self.kind == "section" else f"{word} TO {owner}"


# What a text of the corpus is: most are resolutions; a plenipotentiary conference also adopts
# decisions, numbered apart from its resolutions (Decision 5, Resolution 5).
KINDS = ("resolution", "decision")


@dataclass
class Resolution(Node):
    body: str = ""
    number: int | str = 0
    title: str = ""
    adopted: list[str] = field(default_factory=list)
    # The first of `adopted` was itself a revision of editions no source shows ("Rev." kept).
    earlier_editions: bool = False
    sections: list[Section] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    annexes: list[Annex] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    path: str = field(default="", compare=False)
    kind: str = "resolution"  # or "decision" (KINDS)

    @property
    def is_draft(self) -> bool:
        return isinstance(self.number, str)

    @property
    def stem(self) -> str:
        """The file name without `.yaml`: `140`, `ACP-1`, `decision-11`."""
        return stem_of(self.kind, self.number)

    @property
    def key(self) -> str:
        """Corpus key such as `pp/140`, `pp/ACP-1` or `pp/decision-11`."""
        return f"{self.body.lower()}/{self.stem}"


def stem_of(kind: str, number) -> str:
    """A text's file name without `.yaml`: a decision's number is written after `decision-`."""
    return f"decision-{number}" if kind == "decision" else str(number)


def of_stem(stem: str) -> tuple[str, int | str]:
    """The inverse of stem_of: `decision-11` -> ("decision", 11), `140` -> ("resolution", 140),
    `ACP-1` -> ("resolution", "ACP-1")."""
    rest = stem.removeprefix("decision-")
    kind = "decision" if rest != stem and rest.isdigit() else "resolution"
    number = rest if kind == "decision" else stem
    return kind, int(number) if number.isdigit() else number


@dataclass
class Proposal(Node):
    number: int = 0
    action: str = ""
    target: str = ""
    title: str | None = None
    summary: str | None = None
    introduction: str | None = None
    reasons: str | None = None
    ignore: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)  # members.yaml ids, each backed by a commit of theirs
    outcome: dict | None = None  # what the conference decided: decision, document, text, date


@dataclass
class ProposalSet(Node):
    id: str = ""
    conference: str = ""
    base: str = ""
    submitter: str = ""
    symbol: str | None = None
    date: str | None = None
    language: str | None = None
    branch: str | None = None
    proposals: list[Proposal] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    path: str = field(default="", compare=False)
    cosigners: list[str] = field(default_factory=list)  # members.yaml ids co-signing the whole set


# Canonical key order of each mapping kind; `fmt` writes keys in this order. `adopted` stands two
# lines away from `title`: every MOD extends `adopted`, and a title edit beside it would make the two
# conflict in a line-based merge.
KEY_ORDER: dict[str, tuple[str, ...]] = {
    "resolution": ("body", "kind", "adopted", "earlier_editions", "number", "title", "ignore", "sections", "footnotes",
                   "annexes"),
    "section": ("heading", "ignore", "text", "source", "items", "after"),
    "item": ("num", "ignore", "text", "source", "items", "after"),
    "annex": ("kind", "num", "heading", "ignore", "blocks"),
    "block": ("num", "heading", "ignore", "text", "items", "table"),
    "proposalset": ("id", "conference", "base", "submitter", "cosigners", "symbol", "date", "language",
                    "branch", "ignore", "proposals"),
    "proposal": ("number", "action", "target", "title", "ignore", "summary", "introduction", "reasons",
                 "support", "outcome"),
    "outcome": ("decision", "document", "text", "date"),
    "translation": ("title", "source", "ignore", "sections", "footnotes"),
    "members": ("editions", "members"),
    "member": ("id", "name", "kind", "prefixes", "members", "codeowners", "identities"),
    "delegate": ("name", "email", "keys"),
}

_CHILD_KIND = {
    ("resolution", "sections"): "section",
    ("resolution", "annexes"): "annex",
    ("section", "items"): "item",
    ("item", "items"): "item",
    ("block", "items"): "item",
    ("annex", "blocks"): "block",
    ("proposalset", "proposals"): "proposal",
    ("translation", "sections"): "section",
    ("members", "members"): "member",
    ("member", "identities"): "delegate",
    ("proposal", "outcome"): "outcome",
}


def child_kind(kind: str | None, key: str) -> str | None:
    """Kind of the mappings listed under `key` in a mapping of `kind` (None if not modelled)."""
    return _CHILD_KIND.get((kind, key))


Positions = dict[tuple, Pos]


def _pos_of(positions: Positions, path: tuple, keys) -> dict[str, Pos]:
    """The positions of the mapping at `path` and of those of `keys` it has. A resolution's nodes
    pass the mapping itself (its own keys: schema-valid, they are keys of its kind), not every key
    of the kind, most of which a mapping does not have."""
    out = {"": positions.get(path, NOWHERE)}
    for k in keys:
        p = positions.get(path + (k,))
        if p:
            out[k] = p
    return out


def _item(d: dict, positions: Positions, path: tuple) -> Item:
    return Item(
        num=d.get("num"), text=d.get("text"), after=d.get("after"), ignore=list(d.get("ignore", [])),
        items=[_item(x, positions, path + ("items", i)) for i, x in enumerate(d.get("items", []))],
        pos=_pos_of(positions, path, d),
    )


def resolution_from_data(d: dict[str, Any], positions: Positions | None = None, path: str = "") -> Resolution:
    """Build a Resolution from schema-valid data (as loaded by `yamlfile.load`)."""
    positions = positions or {}
    sections = []
    for i, s in enumerate(d.get("sections", [])):
        p = ("sections", i)
        sections.append(Section(
            heading=s["heading"], text=s.get("text"), after=s.get("after"), ignore=list(s.get("ignore", [])),
            items=[_item(x, positions, p + ("items", j)) for j, x in enumerate(s.get("items", []))],
            pos=_pos_of(positions, p, s),
        ))
    annexes = []
    for i, a in enumerate(d.get("annexes", [])):
        p = ("annexes", i)
        blocks = []
        for j, b in enumerate(a.get("blocks", [])):
            bp = p + ("blocks", j)
            blocks.append(Block(
                num=b.get("num"), heading=b.get("heading"), text=b.get("text"), table=b.get("table"),
                ignore=list(b.get("ignore", [])),
                items=[_item(x, positions, bp + ("items", k)) for k, x in enumerate(b.get("items", []))],
                pos=_pos_of(positions, bp, b),
            ))
        annexes.append(Annex(heading=a["heading"], kind=a.get("kind", "annex"), num=a.get("num"),
                             blocks=blocks, ignore=list(a.get("ignore", [])),
                             pos=_pos_of(positions, p, a)))
    pos = _pos_of(positions, (), d)
    for k in d.get("footnotes", {}):
        if ("footnotes", k) in positions:
            pos[f"footnotes.{k}"] = positions[("footnotes", k)]
    return Resolution(
        body=d["body"], number=d["number"], title=d["title"], adopted=list(d["adopted"]),
        earlier_editions=bool(d.get("earlier_editions", False)), kind=d.get("kind", "resolution"),
        sections=sections, footnotes=dict(d.get("footnotes", {})), annexes=annexes,
        ignore=list(d.get("ignore", [])), path=path, pos=pos,
    )


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], {}) or k in ("adopted", "sections")}


def _item_data(it: Item) -> dict:
    return _drop_empty({"num": it.num, "ignore": it.ignore, "text": it.text,
                        "items": [_item_data(x) for x in it.items], "after": it.after})


def resolution_to_data(r: Resolution) -> dict[str, Any]:
    """The inverse of `resolution_from_data`: plain data in canonical key order."""
    sections = [_drop_empty({"heading": s.heading, "ignore": s.ignore, "text": s.text,
                             "items": [_item_data(x) for x in s.items], "after": s.after})
                for s in r.sections]
    annexes = []
    for a in r.annexes:
        blocks = [_drop_empty({"num": b.num, "heading": b.heading, "ignore": b.ignore, "text": b.text,
                               "items": [_item_data(x) for x in b.items], "table": b.table})
                  for b in a.blocks]
        annexes.append(_drop_empty({"kind": None if a.kind == "annex" else a.kind, "num": a.num,
                                    "heading": a.heading, "ignore": a.ignore, "blocks": blocks}))
    return _drop_empty({"body": r.body, "kind": None if r.kind == "resolution" else r.kind,
                        "number": r.number, "title": r.title, "adopted": list(r.adopted),
                        "earlier_editions": r.earlier_editions or None,
                        "ignore": r.ignore, "sections": sections, "footnotes": dict(r.footnotes),
                        "annexes": annexes})


def proposalset_from_data(d: dict[str, Any], positions: Positions | None = None, path: str = "") -> ProposalSet:
    """Build a ProposalSet from schema-valid manifest data."""
    positions = positions or {}
    props = [Proposal(number=p["number"], action=p["action"], target=p["target"], title=p.get("title"),
                      summary=p.get("summary"), introduction=p.get("introduction"), reasons=p.get("reasons"),
                      ignore=list(p.get("ignore", [])), support=list(p.get("support", [])), outcome=p.get("outcome"),
                      pos=_pos_of(positions, ("proposals", i), KEY_ORDER["proposal"]))
             for i, p in enumerate(d.get("proposals", []))]
    return ProposalSet(id=d["id"], conference=d["conference"], base=d["base"], submitter=d["submitter"],
                       symbol=d.get("symbol"), date=d.get("date"), language=d.get("language"),
                       branch=d.get("branch"), proposals=props, ignore=list(d.get("ignore", [])),
                       path=path, cosigners=list(d.get("cosigners", [])),
                       pos=_pos_of(positions, (), KEY_ORDER["proposalset"]))


def proposalset_to_data(s: ProposalSet) -> dict[str, Any]:
    props = [_drop_empty({"number": p.number, "action": p.action, "target": p.target, "title": p.title,
                          "ignore": p.ignore, "summary": p.summary, "introduction": p.introduction,
                          "reasons": p.reasons, "support": p.support, "outcome": p.outcome}) for p in s.proposals]
    d = _drop_empty({"id": s.id, "conference": s.conference, "base": s.base, "submitter": s.submitter,
                     "cosigners": s.cosigners, "symbol": s.symbol, "date": s.date, "language": s.language,
                     "branch": s.branch,
                     "ignore": s.ignore})
    d["proposals"] = props
    return d


def walk_items(items: list[Item], parents: tuple[Item, ...] = ()):
    """Yield (item, parents) depth-first for a list of items and their sub-items."""
    for it in items:
        yield it, parents
        yield from walk_items(it.items, parents + (it,))


def texts(res: Resolution, kinds: frozenset[str] = walk.EVERYTHING) -> list[tuple]:
    """(kind, node, field, text) for the texts of `kinds` (see corpus/walk.py) of a resolution, in
    file order, each with the node and field whose position the model keeps: a footnote is
    (FOOTNOTE, res, "footnotes.<marker>", text); a table cell (CELL, its block, "table", text)."""
    out = []
    block = None
    for t in walk.texts(res, kinds):
        kind = t.kind
        if kind == walk.FOOTNOTE:
            out.append((kind, res, f"footnotes.{t.key}", t.value))
        elif kind == walk.CELL:
            out.append((kind, _block_of(res, t.holder) or block, "table", t.value))
        else:
            if kind in _BLOCK_KINDS and isinstance(t.holder, Block):
                block = t.holder
            out.append(t)
    return out


_BLOCK_KINDS = frozenset({walk.BLOCK_HEADING, walk.BLOCK_TEXT, walk.LABEL})


def _block_of(res: Resolution, row: list) -> Block | None:
    for annex in res.annexes:
        for b in annex.blocks:
            if any(r is row for r in b.table or []):
                return b
    return None
