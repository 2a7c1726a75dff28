"""The body of a resolution: section headings, their text, items and sub-items, then annexes."""

from __future__ import annotations

import re

from finalacts.corpus.model import Annex, Item, Resolution, Section, walk_items
from finalacts.importer import marks
from finalacts.importer.annexes import ANNEX_RUN_IN, ANNEX_RX, annex_para
from finalacts.importer.items import place_item
from finalacts.importer.layout import PART_HEADING
from finalacts.importer.paras import (
    HEADING_WORDS,
    TERMINAL,
    Builder,
    Derived,
    Para,
    clean,
    is_heading,
    label_class,
    split_label,
)
from finalacts.render.text import annex_line

STOP_RX = re.compile(r"^\s*(\*\s*){4,}$|^\s*_{5,}\s*$|^\s*Reasons\s*:|^\s*image\d+\.\w+\s*$")
# The heading of the Final Acts' next part (layout.PART_HEADING), its page number left out or not.
PART_RX = re.compile(r"^\s*(?:" + PART_HEADING + "|" + PART_HEADING.removeprefix(r"\d{1,4}\s+") + ")")


def ends_open(text: str | None) -> bool:
    return bool(text) and not text.rstrip().endswith(TERMINAL)


# "SECTION 1" (its title on the next line, or after a dash) of a text's own provisions, rules of
# procedure above all (WTSA Resolution 1: SECTION 1 … 9, and Section 1*bis*): a part of kind
# section. A PART heading has no place in the format.
SECTION_RX = re.compile(r"^(?:(?P<section>SECTION|Section)|PART|Part)\s+"
                        r"(?P<num>[0-9]{1,2}(?:\*?(?:bis|ter)\*?)?|[IVX]{1,4})(?!\w)(?:\s*[-\u2013:.]\s*(?P<title>\S.*))?$")


def _awaited(target, t: str) -> bool:
    """Whether `t`, which reads like a heading, is rather the text the paragraph before waits for: a
    label alone on its line ("c)" / "its impact on …"), or a paragraph broken off mid-sentence before
    a line that opens with a word in -ing or -s but with no heading word."""
    if target is None:
        return False
    obj, attr = target
    cur = getattr(obj, attr)
    if cur is None and isinstance(obj, Item) and not obj.items:
        return True
    first = t.split()[0]
    strong = first in HEADING_WORDS or any(first.startswith(w) and first[len(w):] in HEADING_WORDS
                                           for w in HEADING_WORDS)
    return bool(cur) and not strong and not cur.rstrip().endswith(TERMINAL)


def read_body(b: Builder, paras: list[Para], res: Resolution) -> None:
    """Sections, items and annexes, in order."""
    section: Section | None = None
    stack: list[tuple[Item, str]] = []          # open items, outermost first, with their label class
    prevs: dict[int, str | None] = {}           # previous label reading per depth
    annex: Annex | None = None
    annex_wants_heading = False
    last_text: list = [None]                     # (object, attribute) that a continuation extends
    lines_of: dict[int, int] = {}                # id(item) -> source line, for late warnings
    stopped = False

    def extend(p: Para, text: str) -> bool:
        target = last_text[0]
        if target is None:
            return False
        obj, attr = target
        cur = getattr(obj, attr)
        if cur is None and isinstance(obj, Item) and not obj.items:
            setattr(obj, attr, text)  # a label alone on its line: its text is on the next
            return True
        if cur is None or not ends_open(cur):
            return False
        setattr(obj, attr, clean(cur + " " + text))
        return True

    for p in paras:
        t = clean(p.text)
        if stopped:
            b.unplace(p, "after the end of the resolution text")
            continue
        if p.picture:
            b.warn(p.line, 1, "import-unplaced", "a picture (a figure?): the format holds no images; not imported",
                   "keep the figure in the published document, or describe it in the text")
        if not t and not p.table:
            continue
        if STOP_RX.match(p.text):
            stopped = True
            b.unplace(p, "end of the resolution text (separator, Reasons or image)")
            continue
        if PART_RX.match(t):
            stopped = True
            b.unplace(p, "end of the resolution text (the next part of the Final Acts)")
            continue
        am = ANNEX_RX.match(t) if p.style != "enumlev1" else None
        sm = SECTION_RX.match(t) if not am and not p.table else None
        if sm and not sm.group("section"):
            b.unplace(p, "a PART heading inside the text (the format has no place for it)")
            continue
        if p.style == "annexno" or am or sm:
            kind = "section" if sm else (am.group("kind").lower() if am else "annex")
            num = sm.group("num").replace("*", "") if sm else am.group("num") if am else None
            annex = Annex(heading=clean(sm.group("title") or "") if sm else "", kind=kind, num=num)
            res.annexes.append(annex)
            annex_wants_heading = not annex.heading
            b.placed.add(p.line)
            run_in = ANNEX_RUN_IN.match(t) if am else None
            if run_in:
                # The words after the annex line are its heading: kept, and not taken for the line.
                t, annex.heading, annex_wants_heading = run_in.group("line").strip(), clean(run_in.group("rest")), False
                b.warn(p.line, 1, "import-layout", "the words after the annex line on the same line are taken as "
                       f"the annex's heading: {annex.heading[:60]!r}", "check the annex heading", "info")
            derived = annex_line(res, b.registry, annex.kind, annex.num)
            if sm and sm.group("title"):
                t = t[:sm.start("title")].rstrip(" -\u2013:.")
            if t != derived:
                b.derived.append(Derived(p.line, t, derived))
                if t.lower() != derived.lower():
                    b.warn(p.line, 1, "import-derived", f"annex line {t!r} is derived as {derived!r}",
                           "check the section's number in the imported file" if sm else
                           "check `adopted` in the imported file", "info")
            b.scan(p, p.text)
            stack.clear()
            last_text[0] = None
            continue
        if annex is not None:
            if annex_wants_heading and not p.table:
                annex.heading = t
                annex_wants_heading = False
                b.placed.add(p.line)
                b.scan(p, p.text)
                last_text[0] = (annex, "heading")
                continue
            annex_para(b, annex, p, t, stack, last_text, extend)
            continue
        if p.table:
            b.unplace(p, "a table outside an annex")
            continue
        if p.style == "call" or (p.style not in ("enumlev1", "enumlev2", "enumlev3") and is_heading(t)
                                 and split_label(p.text)[0] is None and not _awaited(last_text[0], t)):
            section = Section(heading=t)
            res.sections.append(section)
            stack.clear()
            prevs.clear()
            b.placed.add(p.line)
            first = t.split()[0]
            glued = [w for w in HEADING_WORDS if first.startswith(w) and first[len(w):] in HEADING_WORDS
                     and first != w]
            if glued:
                b.warn(p.line, 1, marks.RULE, f"heading word {first!r} looks like two headings run together "
                       "(one deleted, one inserted); cannot be split automatically, kept as is",
                       "edit the heading to the word you mean")
            b.scan(p, p.text)
            last_text[0] = None  # a heading never continues on the next line
            continue
        if section is None:
            b.unplace(p, "text between the preamble and the first section heading")
            continue
        num, text = split_label(p.text)
        if num is None:
            if extend(p, t):
                b.placed.add(p.line)
                b.scan(p, p.text)
                continue
            b.placed.add(p.line)
            b.scan(p, p.text)
            if not section.items and section.text is None:
                section.text = t
                last_text[0] = (section, "text")
            else:
                it = Item(num=None, text=t)
                section.items.append(it)
                stack[:] = [(it, "none")]
                last_text[0] = (it, "text")
            continue
        cls = label_class(num)
        item = Item(num=num, text=clean(text) or None)
        lines_of[id(item)] = p.line
        depth = place_item(section.items, stack, item, cls, p.style)
        prev = prevs.get(depth)
        for d in [d for d in prevs if d > depth]:
            del prevs[d]
        reason, reading = marks.flattened_label(num, prev)
        prevs[depth] = reading
        if reason:
            b.warn(p.line, p.col(num), marks.RULE,
                   f"{reason}; cannot be split automatically, kept as is", "set the label you mean")
        nxt = split_label(text)[0] if text else None
        if nxt and label_class(nxt) not in ("\u2013", "\u2022"):
            b.warn(p.line, p.col(text[:20]), marks.RULE,
                   f"item {num!r} is followed by a second label {nxt!r} (a flattened relabelling); "
                   "kept as is", "set the label you mean")
        b.placed.add(p.line)
        b.scan(p, text)
        last_text[0] = (item, "text")
    if annex is not None and annex_wants_heading:
        res.annexes.remove(annex)
    # An item needs words or sub-items; a label left alone gets a visible placeholder and a warning.

    for s in res.sections:
        for it, _ in walk_items(s.items):
            if not it.text and not it.items:
                it.text = "\u2026"
                line = lines_of.get(id(it), 1)
                b.warn(line, 1, "import-unplaced", f"item {it.num!r} under {s.heading!r} has no text; "
                       "imported with '\u2026'", "write its text")
