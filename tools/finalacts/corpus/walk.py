"""One walk over a resolution's texts, for the model and for its plain data alike.

Every reader of texts (the rule families, renumbering, citation rewriting at numbering time, the
renderers' character check) walks here and says which kinds of text it reads:

    TITLE           the title                      LABEL        an item's or a block's label
    HEADING         a section heading              FOOTNOTE     a footnote's text
    CHAPEAU         a section's own paragraph      ANNEX        an annex heading
    SECTION_AFTER   words after a section's items  BLOCK_HEADING, BLOCK_TEXT   an annex block's
    ITEM            an item's text                 CELL         a table cell
    ITEM_AFTER      words after an item's sub-items

The order is the order of the file, except that an item's closing words come right after its own
text (before its sub-items), as the rules have always read them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

TITLE, HEADING, CHAPEAU, SECTION_AFTER = "title", "heading", "chapeau", "section-after"
ITEM, ITEM_AFTER, LABEL, FOOTNOTE = "item", "item-after", "label", "footnote"
ANNEX, BLOCK_HEADING, BLOCK_TEXT, CELL = "annex", "block-heading", "block-text", "cell"

# The kinds people write prose in (everything but labels and table cells).
PROSE = frozenset({TITLE, HEADING, CHAPEAU, SECTION_AFTER, ITEM, ITEM_AFTER, FOOTNOTE, ANNEX, BLOCK_HEADING,
                   BLOCK_TEXT})
# Where a reference to another item of the same text can stand.
REFERRING = frozenset({CHAPEAU, SECTION_AFTER, ITEM, ITEM_AFTER, BLOCK_HEADING, BLOCK_TEXT})
EVERYTHING = PROSE | {LABEL, CELL}


class Text(NamedTuple):
    """One text: its kind, what holds it (a model node, a mapping, the footnotes, a table row) and
    under which name or index, and its value."""

    kind: str
    holder: Any
    key: Any
    value: str


def _is_node(x) -> bool:
    """A mapping of the data, or a model node (malformed data may hold anything)."""
    return x is not None and not isinstance(x, (str, int, float, bool, list))


def _get(holder, key):
    return holder.get(key) if isinstance(holder, dict) else getattr(holder, key, None)


def _list(holder, key) -> list:
    v = _get(holder, key)
    return v if isinstance(v, list) else []


def texts(res, kinds: frozenset[str] = PROSE) -> list[Text]:
    """The texts of `kinds` in a resolution (a model Resolution, or its data as loaded), listed in
    one pass (a check lists every text of every file: no generator per field)."""
    out: list[Text] = []
    add = out.append

    def one(kind: str, holder, key):
        if kind in kinds:
            v = _get(holder, key)
            if v and isinstance(v, str):
                add(Text(kind, holder, key, v))

    fields = tuple((kind, key) for kind, key in ((LABEL, "num"), (ITEM, "text"), (ITEM_AFTER, "after"))
                   if kind in kinds)
    one(TITLE, res, "title")
    for sec in filter(_is_node, _list(res, "sections")):
        one(HEADING, sec, "heading")
        one(CHAPEAU, sec, "text")
        _items(_list(sec, "items"), fields, add)
        one(SECTION_AFTER, sec, "after")
    notes = _get(res, "footnotes")
    if FOOTNOTE in kinds and isinstance(notes, dict):
        for mark, text in notes.items():
            if isinstance(text, str) and text:
                add(Text(FOOTNOTE, notes, mark, text))
    for annex in filter(_is_node, _list(res, "annexes")):
        one(ANNEX, annex, "heading")
        for block in filter(_is_node, _list(annex, "blocks")):
            one(LABEL, block, "num")
            one(BLOCK_HEADING, block, "heading")
            one(BLOCK_TEXT, block, "text")
            _items(_list(block, "items"), fields, add)
            if CELL in kinds:
                for row in _list(block, "table"):
                    for k, cell in enumerate(row if isinstance(row, list) else []):
                        if isinstance(cell, str) and cell:
                            add(Text(CELL, row, k, cell))
    return out


def _items(lst: list, fields: tuple, add) -> None:
    """The texts `fields` ((kind, key) pairs) of each item of `lst` and of its sub-items, to `add`.
    A function of the module, not a closure: a closure calling itself is a reference cycle, which
    would keep every text listed (and the model holding them) until the cycle collector runs,
    and a check runs without it (checks/results.py)."""
    for it in lst:
        if not _is_node(it):
            continue
        get = it.get if isinstance(it, dict) else it.__dict__.get
        for kind, key in fields:
            v = get(key)
            if v and isinstance(v, str):
                add(Text(kind, it, key, v))
        sub = get("items")
        if sub and isinstance(sub, list):
            _items(sub, fields, add)


def replace(t: Text, value: str) -> None:
    """Write `value` where `t` was read (plain data, or a mutable model node)."""
    if isinstance(t.holder, (dict, list)):
        t.holder[t.key] = value
    else:
        setattr(t.holder, t.key, value)
