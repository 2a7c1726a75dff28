"""`finalacts fmt --renumber`: relabel every list in sequence and keep internal references in step.

Each list of items gets the labels of its style in order (a), b), … in preambular sections; 1, 2,
… in operative ones; 5.1, 5.2 under 5; i), ii) …); dash and bullet entries stay unlabelled; an
item inserted without `num:` gets the label of its place. Every reference to a relabelled item in
the same resolution ("*instructs the Secretary-General* 7 above", "*resolves* 1, 2, 3, and 4
above") is rewritten to the new label. A reference to a label that two items carried is left
alone and reported, since nothing says which of the two it meant: insert new items without
`num:` and let the tool give them one.
"""

from __future__ import annotations

import copy

from finalacts.corpus import walk
from finalacts.corpus.findings import Finding
from finalacts.language import headings, labels
from finalacts.language.references import Finder, rewrite, sections_for


class _Relabel:
    def __init__(self):
        self.mapping: dict[str, dict[str, str]] = {}  # heading -> old label -> new label
        self.twice: dict[str, set[str]] = {}  # heading -> labels carried by two items

    def note(self, heading: str, old: str | None, new: str) -> None:
        if not old:
            return
        old = old.strip()
        m = self.mapping.setdefault(heading, {})
        if old in m:
            self.twice.setdefault(heading, set()).add(old)
        else:
            m[old] = new

    def items(self, items: list[dict], style: str | None, parent: str, heading: str) -> None:
        nums = [it.get("num") for it in items]
        style = style or labels.list_style(nums)
        if style == "number" and parent and any(labels.reading(n, "dotted") for n in nums):
            style = "dotted"
        has_labels = style not in (None, "dash")
        n = sub = 0
        for it in items:
            num = it.get("num")
            if not has_labels or (isinstance(num, str) and num.strip() in labels.DASHES):
                pass
            elif (lab := labels.reading(num, style)) and lab.suffix and n:
                new = labels.make(style, n, parent) + lab.suffix  # b)bis stays after the item before it
                self.note(heading, num, new)
                it["num"] = new
            elif num is None or labels.reading(num, style):
                n, sub = n + 1, 0
                new = labels.make(style, n, parent)
                self.note(heading, num, new)
                it["num"] = new
            elif style == "number" and labels.reading(num, "dotted") and n:
                # 5.1 written flat after 5: keep it with the item before it.
                sub += 1
                new = labels.make("dotted", sub, labels.make(style, n, parent))
                self.note(heading, num, new)
                it["num"] = new
            # Any other label (i) among 1, 2, 3) is left for a person to place.
            if isinstance(it.get("items"), list):
                self.items(it["items"], None, str(it.get("num") or "").strip(), heading)


def _expected(heading: str) -> str | None:
    """The label style a section's own items take: a), b) in preambular, 1, 2 in operative ones."""
    return {"preambular": "alpha", "operative": "number"}.get(headings.kind(heading))


def relabel_items(items: list[dict], heading: str, parent: str = "") -> None:
    """Relabel one list of items (and the lists under it) in sequence, in place, as `--renumber`
    does: the items of the section `heading`, or with `parent` the sub-items of the item so labelled."""
    heading = headings.normalize(heading)
    _Relabel().items(items, None if parent else _expected(heading), parent, heading)


def renumber_data(data: dict, path: str = "") -> tuple[dict, list[Finding]]:
    """A relabelled copy of resolution data, and notes on references it could not follow."""
    data = copy.deepcopy(data)
    r = _Relabel()
    for sec in data.get("sections") or []:
        heading = headings.normalize(sec.get("heading", ""))
        if isinstance(sec.get("items"), list):
            r.items(sec["items"], _expected(heading), "", heading)
    notes: list[Finding] = []
    finder = Finder([s.get("heading", "") for s in data.get("sections") or []])

    for t in walk.texts(data, walk.REFERRING):
        def relabel(target: str, label: str) -> str | None:
            meant = sections_for(target, list(r.mapping))
            if len(meant) != 1:
                return None
            h = meant[0]
            if label in r.twice.get(h, ()):
                notes.append(Finding(path, 1, 1, "renumber-ambiguous", "warning",
                                     f"reference '*{target}* {label}' left as it is: two items were labelled {label}",
                                     "point the reference at the right item by hand"))
                return None
            return r.mapping[h].get(label)

        walk.replace(t, rewrite(t.value, finder, relabel))
    return data, notes


def transform(notes: list[Finding]):
    """A `fmt` transform that renumbers resolution data, collecting notes into `notes`."""
    def run(data, kind: str, path: str):
        if kind != "resolution" or not isinstance(data, dict):
            return data
        new, found = renumber_data(data, path)
        notes.extend(found)
        return new
    return run
