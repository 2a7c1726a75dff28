"""Rules about item labels: each list follows its ITU sequence, once, without gaps.

The family and its rules, with their examples, are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

import re

from finalacts.checks.context import where
from finalacts.corpus.catalog import family
from finalacts.corpus.findings import Finding
from finalacts.corpus.model import Item, Resolution
from finalacts.language import headings, labels

RULES = family("numbering")

_STYLE_NAMES = {"alpha": "a), b), c)", "roman": "i), ii), iii)", "number": "1, 2, 3", "dotted": "5.1, 5.2, 5.3",
                "dash": "– entries"}


def check(model, ctx):
    if not isinstance(model, Resolution):
        return
    for sec in model.sections:
        expected = {"preambular": "alpha", "operative": "number"}.get(headings.kind(sec.heading))
        where_name = f"*{headings.normalize(sec.heading)}*"
        yield from check_list(sec.items, expected, None, where_name, model.path, ctx)
    for annex in model.annexes:
        if annex.kind == "section":
            yield from _clauses(annex, model.path, ctx)
            continue
        for block in annex.blocks:
            yield from check_list(block.items, None, None, f"annex '{annex.heading[:40]}'", model.path, ctx)


def _clauses(part, path: str, ctx):
    """The clause numbers of a section (SECTION 1: 1.1, 1.2, 1.2.1, 1.3 …, numbered headings and
    paragraphs alike) as an outline: each clause is the first under the one before it, or the
    next after it or after one of its parents; a clause with bis follows its base. The lists
    under a clause (a), b) …) are checked as lists."""
    place = f"SECTION {part.num}" if part.num else "the section"
    prev: list[int] = []
    seen: dict[str, Item] = {}
    for block in part.blocks:
        nodes = ([block] if block.num else []) + [it for it in block.items if _clause(it.num)]
        for node in nodes:
            segs = node.num.strip().split(".")
            parsed = [_SEGMENT.fullmatch(x) for x in segs[1:]]
            if part.num and (segs[0] != part.num.strip() or len(segs) < 2 or not all(parsed)):
                yield _finding(ctx, path, node, "numbering-style", f"clause {node.num.strip()} in {place}, whose "
                               f"clauses are numbered {part.num}.1, {part.num}.2 …",
                               f"number it under {part.num}, or move it to its section")
                continue
            if node.num.strip() in seen:
                first = where(ctx, seen[node.num.strip()], "num").line
                yield _finding(ctx, path, node, "numbering-duplicate", f"clause {node.num.strip()} is numbered "
                               f"twice in {place} (first at line {first})", "number the clauses in sequence")
                continue
            seen[node.num.strip()] = node
            cur = [int(m.group(1)) for m in parsed]
            suffixed = bool(parsed[-1].group(2))
            ok = (cur == prev) if suffixed else (
                (not prev and cur == [1]) or cur in (prev + [1], prev + [0])
                or any(cur == prev[:k] + [prev[k] + 1] for k in range(len(prev))))
            back = bool(prev) and cur < prev
            if not ok:
                want = " or ".join(".".join([part.num.strip(), *map(str, c)]) for c in _next_clauses(prev))
                yield _finding(ctx, path, node, "numbering-order" if back else "numbering-gap",
                               f"expected {want} in {place}, found {node.num.strip()}",
                               "number the clauses in sequence, or restore the missing ones")
            if not suffixed and not (back and not ok):
                prev = cur  # a clause out of order leaves the outline where it was
        for it in block.items:
            if it.items:
                sub = (it.num or "").strip()
                yield from check_list(it.items, None, sub, f"{place} {sub}".rstrip(), path, ctx)
        if block.items and not any(_clause(it.num) for it in block.items):
            yield from check_list(block.items, None, None, place, path, ctx)


_SEGMENT = re.compile(r"(\d{1,3})(" + labels.SUFFIX + ")?")  # of a clause number: 7, 0, 1bis


def _clause(num: str | None) -> bool:
    return bool(num) and num.strip()[:1].isdigit()


def _next_clauses(prev: list[int]) -> list[list[int]]:
    if not prev:
        return [[1]]
    return [prev + [1]] + [prev[:k] + [prev[k] + 1] for k in range(len(prev) - 1, -1, -1)]


def _finding(ctx, path, item: Item, rule: str, message: str, hint: str) -> Finding:
    p = where(ctx, item, "num") if item.num is not None else where(ctx, item)
    return Finding(path, p.line, p.col, rule, RULES[rule], message, hint)


def check_list(items: list[Item], expected: str | None, parent: str | None, place: str, path: str, ctx):
    """Findings for one list of sibling items (then, recursively, for their sub-items)."""
    nums = [it.num for it in items]
    allowed_sub = {"alpha", "roman", "dash", "dotted"} if parent is not None else None
    style = labels.list_style(nums, expected)
    if parent is not None and style == "number":
        style = "dotted" if any(labels.reading(n, "dotted") for n in nums) else style
    has_labels = any(labels.parse(n) and labels.parse(n)[0].style != "dash" for n in nums)

    if expected and style and style != expected and style != "dash":
        first = next(it for it in items if labels.reading(it.num, style))
        yield _finding(ctx, path, first, "numbering-style",
                       f"items of {place} are labelled {_STYLE_NAMES[expected]}; this list uses "
                       f"{_STYLE_NAMES[style]}",
                       "run `finalacts fmt --renumber`, or check the section heading")
    elif allowed_sub is not None and style and style not in allowed_sub:
        style = None

    seen: dict[str, Item] = {}
    cands = {1}
    for it in items:
        lab = labels.reading(it.num, style) if style else None
        if it.num is None:
            if has_labels:
                yield _finding(ctx, path, it, "numbering-missing",
                               f"unlabelled item among the labelled items of {place}",
                               "give it its label (or run `finalacts fmt --renumber`)")
        elif lab is None:
            shown = it.num.strip()
            if shown in labels.DASHES and not has_labels:
                pass
            elif style is None and not labels.parse(it.num):
                yield _finding(ctx, path, it, "numbering-style", f"'{shown}' is not an ITU label",
                               "labels are a), 1, 5.1, i), or – for an unlabelled entry")
            elif style == "number" and labels.parse(it.num):
                yield _finding(ctx, path, it, "numbering-style",
                               f"{shown} is written as an item of {place}, among 1, 2, 3; a sub-item goes "
                               "under its item's `items:`",
                               "indent it under the item it belongs to (or relabel it)")
            elif style is not None:
                yield _finding(ctx, path, it, "numbering-style",
                               f"label '{shown}' does not belong in a list labelled {_STYLE_NAMES[style]}",
                               "run `finalacts fmt --renumber`")
        elif lab.style != "dash":
            yield from _sequence(ctx, path, it, lab, style, parent, place, seen, cands)
        if it.items:
            sub_parent = it.num.strip() if it.num else ""
            yield from check_list(it.items, None, sub_parent, f"{place} {sub_parent}".rstrip(), path, ctx)


def _sequence(ctx, path, it: Item, lab: labels.Label, style: str, parent, place, seen, cands):
    """Check one label against the expected next ones; updates `seen` and `cands` in place."""
    text = lab.text
    if style == "dotted" and parent is not None and lab.prefix != parent:
        yield _finding(ctx, path, it, "numbering-style",
                       f"sub-item {text} sits under {parent}; expected {parent}.{lab.ordinal}",
                       "run `finalacts fmt --renumber`")
    new = {lab.ordinal + 1}
    if lab.suffix and text not in seen:
        # b)bis follows b) (or b)ter b)bis) and takes no place of its own in the sequence.
        if lab.ordinal + 1 not in cands:
            base = labels.make(style, lab.ordinal, lab.prefix if style == "dotted" else parent or "")
            yield _finding(ctx, path, it, "numbering-order",
                           f"{text} in {place} does not follow {base}",
                           f"move it after {base}, or give it the label of its place")
        seen.setdefault(text, it)
        return
    if text in seen:
        first = seen[text].at("num")
        yield _finding(ctx, path, it, "numbering-duplicate",
                       f"label {text} is used twice in {place} (first at line {first.line})",
                       "relabel the list in sequence: `finalacts fmt --renumber`")
    elif lab.ordinal in cands:
        pass
    else:
        want = " or ".join(labels.make(style, c, parent or "") for c in sorted(cands))
        parts = _glued(text, style, cands)
        if parts:
            a, b = parts
            new = {a + 1, b + 1}
            yield _finding(ctx, path, it, "numbering-glued",
                           f"label {text} looks like two labels run together "
                           f"({labels.make(style, a, parent or '')} and {labels.make(style, b, parent or '')}): "
                           f"a flattened revision mark; expected {want}",
                           f"keep the label that belongs here ({want})")
        elif lab.ordinal > max(cands):
            yield _finding(ctx, path, it, "numbering-gap",
                           f"expected {want} in {place}, found {text}",
                           "relabel in sequence (`finalacts fmt --renumber`) or restore the missing items")
        else:
            yield _finding(ctx, path, it, "numbering-order",
                           f"expected {want} in {place}, found {text}",
                           "relabel in sequence: `finalacts fmt --renumber`")
    seen.setdefault(text, it)
    cands.clear()
    cands.update(new)


def _glued(text: str, style: str, cands: set[int]) -> tuple[int, int] | None:
    """The two ordinals a label was glued from, when one of them is an expected label."""
    if style == "alpha":
        letters = text[:-1]
        if len(letters) == 2 and letters[0] != letters[1]:
            a, b = ord(letters[0]) - 96, ord(letters[1]) - 96
            return (a, b)
        return None
    if style in ("number", "dotted"):
        digits = text.rsplit(".", 1)[-1]
        for i in range(1, len(digits)):
            left, right = digits[:i], digits[i:]
            if right.startswith("0"):
                continue
            a, b = int(left), int(right)
            if a in cands or b in cands:
                return (a, b)
    return None
