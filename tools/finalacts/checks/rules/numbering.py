"""Rules about item labels: each list follows its ITU sequence, once, without gaps.

The family and its rules, with their examples, are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

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
        for block in annex.blocks:
            yield from check_list(block.items, None, None, f"annex '{annex.heading[:40]}'", model.path, ctx)


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
