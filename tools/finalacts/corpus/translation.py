"""Language versions of a text: where they live, what they hold, and how they line up with the English.

The English file is the source (`resolutions/pp/140.yaml`); each other language is its own file in
`translations/<lang>/<body>/<number>.yaml` (`translations/fr/pp/140.yaml`), holding the same
sections, the same labels in the same order and the same footnote markers, with the translated
texts. Beside each translated text, `source:` keeps the fingerprint of the English text it
translates, so a translation whose English has changed since is found (`translation-stale`).

A text not translated yet is a node without its text: the file still lists every section and
label, so the corpus says which items have no translation, and nothing is filled by guesswork.

Texts line up by address, the same in every language: sections by position (their headings are
words of each language), items by their labels, which are the same in all six languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from finalacts.corpus.layout import parse_relpath
from finalacts.corpus.model import Item, Node, Pos, Positions, Resolution, Section, of_stem, resolution_from_data

FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")

Address = tuple


def fingerprint(text: str) -> str:
    """12 hex digits of the SHA-256 of the text with its white space collapsed: a change of a word
    changes it; refolding the YAML does not."""
    import hashlib  # OpenSSL's SHA-256: loaded for language versions only, not by every check

    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


# ---------------------------------------------------------------- units: the texts, addressed


@dataclass(frozen=True)
class Unit:
    """One text to translate: where it is (the same address in every language), the node and field
    holding it, and its words."""

    address: Address
    node: Any
    field: str
    text: str | None


def _key(nodes: list, k: int) -> str:
    """An item's key among its siblings: its label, with its rank among equal labels after the
    first (dash entries, or a label doubled by mistake)."""
    label = nodes[k].num or "–"
    same = sum(1 for x in nodes[:k] if (x.num or "–") == label)
    return label if same == 0 else f"{label}#{same + 1}"


def _items(items: list[Item], prefix: tuple, out: list[Unit]) -> None:
    for k, it in enumerate(items):
        path = prefix + (_key(items, k),)
        out.append(Unit(path + ("text",), it, "text", it.text))
        _items(it.items, path, out)
        if it.after is not None:
            out.append(Unit(path + ("after",), it, "after", it.after))


def units(res: Resolution) -> list[Unit]:
    """Every text of the title, sections and footnotes, in file order, with its address.

    Section i: (i, "heading"), (i, "text") for its own paragraph, then its items by label path
    (i, "a)", "text"), (i, "5", "5.1", "text"), (i, "5", "after"); footnote 1: ("footnote", "1").
    Annexes are not addressed: their language versions are not kept yet (annex_count says so).
    """
    out = [Unit(("title",), res, "title", res.title or None)]
    for i, sec in enumerate(res.sections):
        out.append(Unit((i, "heading"), sec, "heading", sec.heading or None))
        if sec.text is not None:
            out.append(Unit((i, "text"), sec, "text", sec.text))
        _items(sec.items, (i,), out)
        if sec.after is not None:
            out.append(Unit((i, "after"), sec, "after", sec.after))
    for mark, text in res.footnotes.items():
        out.append(Unit(("footnote", mark), res, f"footnotes.{mark}", text))
    return out


def item_paths(res: Resolution) -> list[tuple[tuple, Item | Section]]:
    """(path, node) of every section and item: sections by (i,), items by (i, label, ...)."""
    out: list[tuple[tuple, Item | Section]] = []

    def walk(items, prefix):
        for k, it in enumerate(items):
            path = prefix + (_key(items, k),)
            out.append((path, it))
            walk(it.items, path)

    for i, sec in enumerate(res.sections):
        out.append(((i,), sec))
        walk(sec.items, (i,))
    return out


def describe(address: Address, res: Resolution) -> str:
    """An address as a reader names it, with the English headings: 'recalling further a)',
    'the title', 'footnote 1'."""
    if address[0] == "title":
        return "the title"
    if address[0] == "footnote":
        return f"footnote {address[1]}"
    i = address[0]
    heading = res.sections[i].heading if isinstance(i, int) and i < len(res.sections) else f"section {i + 1}"
    what = address[-1]
    labels = [a.split("#")[0] for a in address[1:-1]]
    if not labels:
        return {"heading": f"the heading *{heading}*", "text": f"*{heading}* (its paragraph)",
                "after": f"*{heading}* (words after its items)"}.get(what, heading)
    name = f"*{heading}* {' '.join(labels)}"
    return name + (" (words after its sub-items)" if what == "after" else "")


def node_at(res: Resolution, path: tuple) -> Item | Section | None:
    """The section or item at an item path, or None."""
    return dict(item_paths(res)).get(path)


# ---------------------------------------------------------------- the translation file


@dataclass
class Translation(Node):
    """One language version of one text: its language, the translated texts in the shape of the
    English model (`text`), and per address the fingerprint of the English it translates."""

    lang: str = ""
    key: str = ""
    text: Resolution = field(default_factory=Resolution)
    sources: dict[Address, str] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)
    path: str = field(default="", compare=False)

    @property
    def source_path(self) -> str:
        return f"resolutions/{self.key}.yaml"


def _with_defaults(d: dict) -> dict:
    """Translation data shaped as resolution data, so that one builder makes both models."""
    secs = [dict(s, heading=s.get("heading") or "") if isinstance(s, dict) else s for s in d.get("sections", [])]
    return {**d, "body": "", "number": 0, "title": d.get("title") or "", "adopted": [], "sections": secs}


def _item_sources(items_data: list, items: list[Item], prefix: tuple, out: dict) -> None:
    for k, (d, it) in enumerate(zip(items_data, items)):
        path = prefix + (_key(items, k),)
        for fld, fp in (d.get("source") or {}).items():
            out[path + (fld,)] = fp
        _item_sources(d.get("items", []), it.items, path, out)


def translation_from_data(d: dict[str, Any], positions: Positions | None = None, path: str = "") -> Translation:
    """A Translation from schema-valid translation data; its language and text come from its path."""
    found = parse_relpath(path) or ("", "")
    res = resolution_from_data(_with_defaults(d), positions, path)
    body, _, stem = found[1].partition("/")
    res.body = body.upper()
    res.kind, res.number = of_stem(stem)  # translations/fr/pp/decision-11: the decision
    sources: dict[Address, str] = {}
    for fld, fp in (d.get("source") or {}).items():
        sources[("title",) if fld == "title" else ("footnote", fld.split(".", 1)[1])] = fp
    for i, (sd, sec) in enumerate(zip(d.get("sections", []), res.sections)):
        for fld, fp in (sd.get("source") or {}).items():
            sources[(i, fld)] = fp
        _item_sources(sd.get("items", []), sec.items, (i,), sources)
    pos = dict(res.pos)
    return Translation(lang=found[0], key=found[1], text=res, sources=sources, ignore=list(d.get("ignore", [])),
                       path=path, pos=pos)


def translation_to_data(t: Translation) -> dict[str, Any]:
    """The inverse of translation_from_data: plain data in canonical key order, texts with their
    fingerprints."""
    res = t.text

    def src(prefix: tuple, fields: tuple[str, ...]) -> dict:
        return {f: t.sources[prefix + (f,)] for f in fields if prefix + (f,) in t.sources}

    def items(lst: list[Item], prefix: tuple) -> list[dict]:
        out = []
        for k, it in enumerate(lst):
            p = prefix + (_key(lst, k),)
            d: dict[str, Any] = {"num": it.num} if it.num is not None else {}
            if it.text is not None:
                d["text"] = it.text
            if it.items:
                d["items"] = items(it.items, p)
            if it.after is not None:
                d["after"] = it.after
            if s := src(p, ("text", "after")):
                d["source"] = s
            out.append(d)
        return out

    data: dict[str, Any] = {}
    if res.title:
        data["title"] = res.title
    top = {}
    if ("title",) in t.sources:
        top["title"] = t.sources[("title",)]
    for mark in res.footnotes:
        if ("footnote", mark) in t.sources:
            top[f"footnotes.{mark}"] = t.sources[("footnote", mark)]
    if top:
        data["source"] = top
    if t.ignore:
        data["ignore"] = list(t.ignore)
    sections = []
    for i, sec in enumerate(res.sections):
        d: dict[str, Any] = {"heading": sec.heading} if sec.heading else {}
        if sec.text is not None:
            d["text"] = sec.text
        if sec.items:
            d["items"] = items(sec.items, (i,))
        if sec.after is not None:
            d["after"] = sec.after
        if s := src((i,), ("heading", "text", "after")):
            d["source"] = s
        sections.append(d)
    data["sections"] = sections
    if res.footnotes:
        data["footnotes"] = dict(res.footnotes)
    return data


def skeleton(source: Resolution, lang: str) -> Translation:
    """A translation of `source` with nothing translated yet: every section and label, no text."""

    def bare(items: list[Item]) -> list[Item]:
        return [Item(num=it.num, items=bare(it.items)) for it in items]

    res = Resolution(body=source.body, number=source.number, title="", adopted=list(source.adopted),
                     earlier_editions=source.earlier_editions, kind=source.kind,
                     sections=[Section(heading="", items=bare(s.items)) for s in source.sections])
    return Translation(lang=lang, key=source.key, text=res)


def set_text(t: Translation, unit: Unit, value: str, source_text: str) -> None:
    """Write one translated text at `unit`'s address (of the English model) into `t`, with the
    fingerprint of the English it translates; the node must exist in `t` (same structure)."""
    addr = unit.address
    if addr[0] == "title":
        t.text.title = value
    elif addr[0] == "footnote":
        t.text.footnotes[addr[1]] = value
    else:
        node = node_at(t.text, addr[:-1])
        if node is None:
            raise KeyError(addr)
        setattr(node, addr[-1], value)
    t.sources[addr] = fingerprint(source_text)


def position(node, name: str) -> Pos:
    """Where a field of a model node is (the node itself when the field is absent)."""
    return node.at(name)
