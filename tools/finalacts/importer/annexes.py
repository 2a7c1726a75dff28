"""Annexes: the annex line, its heading, and its blocks (numbered headings, paragraphs, lists, tables)."""

from __future__ import annotations

import re

from finalacts.corpus.model import Annex, Block, Item
from finalacts.importer.items import place_item
from finalacts.importer.paras import TERMINAL, Builder, Para, clean, label_class, split_label
from finalacts.language import labels

# "ANNEX 2 TO RESOLUTION 71 (…)", and ITU-T's "Appendix I (to Resolution 1 (…))".
ANNEX_RX = re.compile(r"^\s*(?P<kind>ANNEX|APPENDIX|ATTACHMENT)(?:\s+(?P<num>[A-Z0-9]{1,3}))?(?:\s+|\s*\(\s*)TO\s+"
                      r"(?:DRAFT\s+NEW\s+)?(?:RESOLUTION|DECISION)\b.*$", re.I)
# The annex line and what an extraction ran into it: "ANNEX TO RESOLUTION 406 (WRC-23) The following
# table provides …" (the title line of the text it is annexed to ends at its closing bracket).
ANNEX_RUN_IN = re.compile(r"^(?P<line>\s*(?:ANNEX|APPENDIX|ATTACHMENT)(?:\s+[A-Z0-9]{1,3})?\s+TO\s+"
                          r"(?:DRAFT\s+NEW\s+)?(?:RESOLUTION|DECISION)\s+[\w/.-]+\s*\((?:[^()]|\([^()]*\))*\))"
                          r"\s+(?P<rest>\S.*)$")


_SUF = labels.SUFFIX + "?"
_NUM_HEADING = re.compile(r"^\s*(?P<num>\d{1,2}" + _SUF + r"(?:\.\d{1,2}" + _SUF + r")*\.?)\t+(?P<text>\S.*)$")


def annex_para(b: Builder, annex: Annex, p: Para, t: str, stack, last_text, extend):
    if p.table:
        annex.blocks.append(Block(table=[[clean(c) for c in row] for row in p.table]))
        b.placed.add(p.line)
        stack.clear()
        last_text[0] = None
        return
    m = _NUM_HEADING.match(p.text.replace("*", "") if p.style == "heading" else p.text)
    if m and (p.style == "heading" or not clean(m.group("text")).endswith(TERMINAL) and len(m.group("text")) < 150):
        blk = Block(num=m.group("num"), heading=clean(m.group("text")))
        annex.blocks.append(blk)
        b.placed.add(p.line)
        b.scan(p, p.text)
        stack.clear()
        last_text[0] = (blk, "heading")
        return
    num, text = split_label(p.text)
    if num is not None and not (num[0].isdigit() and num.endswith(".")):
        blk = annex.blocks[-1] if annex.blocks and annex.blocks[-1].items and stack else None
        if blk is None:
            blk = Block()
            annex.blocks.append(blk)
            stack.clear()
        item = Item(num=num, text=clean(text) or "\u2026")
        if not clean(text):
            b.warn(p.line, 1, "import-unplaced", f"annex item {num!r} has no text; imported with '\u2026'",
                   "write its text")
        place_item(blk.items, stack, item, label_class(num), p.style, clauses=True)
        b.placed.add(p.line)
        b.scan(p, text)
        last_text[0] = (item, "text")
        return
    # A heading goes on over a wrapped line, never into a sentence of its own ("Suggested text of the
    # note to be included in the circular" / "TSB has received a statement(s) … ITU-T website.").
    sentence = t[:1].isupper() and t.rstrip().endswith(".")
    if not (sentence and last_text[0] is not None and last_text[0][1] == "heading") and extend(p, t):
        b.placed.add(p.line)
        b.scan(p, p.text)
        return
    blk = Block(text=t)
    annex.blocks.append(blk)
    b.placed.add(p.line)
    b.scan(p, p.text)
    stack.clear()
    last_text[0] = (blk, "text")
