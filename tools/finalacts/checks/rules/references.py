"""Rules about internal references: what a text points at in its own resolution must be there.

The family and its rules, with their examples, are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

from finalacts.checks.context import texts_of, where
from finalacts.corpus import walk
from finalacts.corpus.catalog import family
from finalacts.corpus.findings import Finding
from finalacts.corpus.model import Resolution, walk_items
from finalacts.language import headings, labels
from finalacts.language.references import Finder, sections_for

RULES = family("references")


# Where an internal reference can stand: every text but section headings, footnotes and labels.
READS = walk.PROSE - {walk.HEADING, walk.FOOTNOTE}


def texts(model, ctx=None):
    """(node, field, text) for every text that may hold internal references."""
    return texts_of(model, ctx, READS)


def section_labels(model) -> dict[str, set[str]]:
    """Normalized heading -> every label of its items and sub-items."""
    out: dict[str, set[str]] = {}
    for sec in model.sections:
        found = out.setdefault(headings.normalize(sec.heading), set())
        found.update(it.num.strip() for it, _ in walk_items(sec.items) if it.num)
    return out


def check(model, ctx):
    if not isinstance(model, Resolution):
        return
    finder = Finder([s.heading for s in model.sections])
    by_heading = None  # the labels of every section, listed when a reference first needs them
    used_notes: set[str] = set()
    path = model.path
    found = list(texts(model, ctx))
    for (node, name, text), refs in zip(found, finder.find_many([text for _, _, text in found])):
        for ref in refs:
            if ref.kind == "footnote":
                used_notes.add(ref.target)
                if ref.target not in model.footnotes:
                    p = where(ctx, node, name, ref.start)
                    have = ", ".join(model.footnotes) or "none"
                    yield Finding(path, p.line, p.col, "ref-footnote", "error",
                                  f"footnote {ref.target} does not exist (footnotes: {have})",
                                  "add it under `footnotes:` or correct the marker")
            elif ref.kind == "annex":
                yield from _annex(model, ctx, node, name, ref)
            else:
                if by_heading is None:
                    by_heading = section_labels(model)
                yield from _section(model, ctx, node, name, ref, by_heading)
    for key in model.footnotes:
        if key not in used_notes:
            p = model.pos.get(f"footnotes.{key}") or model.at("footnotes")
            yield Finding(path, p.line, p.col, "ref-footnote-unused", "warning",
                          f"footnote {key} is not referred to by any text",
                          f"put [^{key}] where it applies, or remove the footnote")


def _section(model, ctx, node, name, ref, by_heading):
    meant = sections_for(ref.target, list(by_heading))
    have = set().union(*(by_heading[h] for h in meant)) if meant else None
    if have is None:
        p = where(ctx, node, name, ref.start + (1 if node_text(node, name)[ref.start] == "*" else 0))
        yield Finding(model.path, p.line, p.col, "ref-section", "error",
                      f"refers to *{ref.target}*, but this resolution has no section with that heading",
                      "correct the heading in the reference (or the reference itself)")
        return
    for lab, a, _ in ref.labels:
        if lab in have:
            continue
        p = where(ctx, node, name, a)
        shown = ", ".join(sorted(have, key=_sort_key)[:3] + (["…"] if len(have) > 3 else [])) or "no labels"
        yield Finding(model.path, p.line, p.col, "ref-label", "error",
                      f"*{ref.target}* has no item {lab} (it has {shown})",
                      "point the reference at an existing label; after relabelling, `finalacts fmt "
                      "--renumber` keeps references in step")


def _sort_key(label: str):
    parsed = labels.parse(label)
    if not parsed:
        return (9, 0, label)
    return (0, parsed[0].prefix, parsed[0].ordinal)


def node_text(node, name) -> str:
    return getattr(node, name) or ""


def _annex(model, ctx, node, name, ref):
    kinds = [a for a in model.annexes if a.kind == ref.target]
    if not ref.labels:
        if not kinds:
            p = where(ctx, node, name, ref.start)
            yield Finding(model.path, p.line, p.col, "ref-annex", "error",
                          f"refers to the {ref.target} to this resolution, but it has none",
                          f"add the {ref.target} under `annexes:` or correct the reference")
        return
    nums = {a.num.strip() for a in kinds if a.num}
    for lab, a, _ in ref.labels:
        ok = lab in nums if nums else (lab.isdigit() and 1 <= int(lab) <= len(kinds)) or (
            len(kinds) == 1 and lab in ("1", "A"))
        if not ok:
            p = where(ctx, node, name, a)
            plural = ref.target + ("" if len(kinds) == 1 else "es" if ref.target == "annex" else "s")
            yield Finding(model.path, p.line, p.col, "ref-annex", "error",
                          f"{ref.target.capitalize()} {lab} to this resolution does not exist "
                          f"(it has {len(kinds)} {plural})",
                          f"correct the number, or give each {ref.target} its number with `num:`")
