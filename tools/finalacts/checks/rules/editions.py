"""Rules about a resolution's editions: its `adopted` list and what is derived from it.

The family and its rules, with their examples, are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

import re

from finalacts.corpus.catalog import family
from finalacts.corpus.findings import Finding
from finalacts.corpus.model import Resolution

RULES = family("editions")

_TITLE_LINE = re.compile(r"\s*(?:DRAFT\s+NEW\s+|MOD\s+|ADD\s+)?RESOLUTION\s+(?:ITU-R\s+)?(?:\d+|\[[^\]]+\])"
                         r"(?:\s*\([^()]*\))?")
_HISTORY = re.compile(r"\(\s*[^();]+,\s*\d{4}(?:\s*[;,]\s*[^();]+,\s*\d{4})+\s*\)\s*$")


def _pos(model: Resolution, ctx, i: int | None = None):
    """Where `adopted` (or its i-th entry) is; entries are found in the source after the list."""
    p = model.at("adopted")
    source = getattr(ctx, "source", None)
    if i is None or source is None:
        return p
    text = source.text
    j = source.index(p)
    for k, conf in enumerate(model.adopted):
        m = re.compile(rf"(?<![\w-]){re.escape(conf)}(?![\w-])").search(text, j)
        if m is None:
            return p
        if k == i:
            return source.pos(m.start())
        j = m.end()
    return p


def check(model, ctx):
    if not isinstance(model, Resolution):
        return
    reg = ctx.registry
    path = model.path

    def finding(rule, message, hint, i=None):
        p = _pos(model, ctx, i)
        return Finding(path, p.line, p.col, rule, RULES[rule], message, hint)

    if model.is_draft and model.adopted:
        yield finding("edition-draft", f"draft {model.number} lists editions ({', '.join(model.adopted)}); "
                      "a draft has none until it is adopted and numbered",
                      "set `adopted: []`; `finalacts edition number` gives the final number")
    if not model.is_draft and not model.adopted:
        yield finding("edition-draft", f"Resolution {model.number} lists no conference that adopted it, "
                      "so its title line cannot be derived",
                      f"list every conference that adopted or revised it, e.g. `adopted: [{_example(reg, model.body)}]`")
    known = []
    for i, cid in enumerate(model.adopted):
        conf = reg.get(cid)
        if conf is None:
            ids = [c.id for c in reg.by_body.get(model.body, [])]
            near = [x for x in ids if x.split("-")[0] == cid.split("-")[0]]
            yield finding("edition-unknown", f"{cid} is not a conference in schemas/conferences.yaml",
                          f"use one of {', '.join(near or ids)}" if (near or ids) else
                          "add the conference to schemas/conferences.yaml", i)
            continue
        if conf.body != model.body:
            body = reg.bodies.get(model.body)
            yield finding("edition-body", f"{cid} ({conf.place}) is a {reg.bodies[conf.body].name}, "
                          f"not a {body.name if body else model.body}; a {model.body} text lists only "
                          f"{model.body} conferences",
                          "remove it; cite the other body's text in the resolution's words instead", i)
            continue
        if not conf.held:
            became = reg.get(conf.became) if conf.became else None
            yield finding("edition-not-held", f"{cid} ({conf.place}) never took place"
                          + (f"; it was held as {became.id} ({became.place})" if became else ""),
                          f"replace {cid} with {became.id}" if became else f"remove {cid}", i)
        known.append((i, conf))
    for (_, a), (i, b) in zip(known, known[1:]):
        if (b.year, reg.order(b.id)) < (a.year, reg.order(a.id)):
            yield finding("edition-order", f"{b.id} ({b.place}) is listed after {a.id} ({a.place}); "
                          "`adopted` lists conferences oldest first",
                          "put the list in chronological order", i)
    edition = reg.get(getattr(ctx, "edition", None) or "")
    if edition is not None:
        for i, conf in known:
            later = (reg.order(conf.id) > reg.order(edition.id) if conf.body == edition.body
                     else conf.year > edition.year)
            if later:
                yield finding("edition-after", f"checked at edition {edition.id} ({edition.place}), but the "
                              f"text claims {conf.id} ({conf.place}), a later conference",
                              f"remove {conf.id}, or check this text at a later edition", i)
    yield from _derived(model, ctx, known)


def _example(reg, body: str) -> str:
    confs = [c for c in reg.by_body.get(body, []) if c.held]
    return confs[-1].id if confs else f"{body}-00"


def _derived(model: Resolution, ctx, known):
    """The title or first section repeating a derived line."""
    reg = ctx.registry
    body = reg.bodies.get(model.body)
    derivable = body is not None and len(known) == len(model.adopted)
    expected_title = reg.title_of(model) if derivable else None
    m = _TITLE_LINE.match(model.title or "")
    if m:
        p = model.at("title")
        msg = f"the title starts with the title line '{' '.join(m[0].split())}', which is derived"
        if expected_title:
            msg += f" ('{expected_title}' from `adopted`)"
        yield Finding(model.path, p.line, p.col, "edition-derived", RULES["edition-derived"], msg,
                      "keep only the title's words; correct `adopted` if the edition differs")
    h = _HISTORY.search(model.title or "")
    if h:
        p = model.at("title")
        expected = reg.history_line(model.body, model.adopted) if derivable else None
        msg = f"the title ends with the history line '{' '.join(h[0].split())}', which is derived"
        if expected:
            msg += f" ('{expected}' from `adopted`)"
        yield Finding(model.path, p.line, p.col, "edition-derived", RULES["edition-derived"], msg,
                      "remove it from the title; correct `adopted` if the history differs")
    if body is None or not model.sections:
        return
    stem = body.preamble.split("(")[0].split(",")[0].strip()
    first = model.sections[0]
    for name in ("heading", "text"):
        value = getattr(first, name) or ""
        if value.startswith(stem):
            p = first.at(name)
            expected = reg.preamble(model.body, model.adopted) if derivable else None
            said = value.split("\n")[0][:len(stem) + 40]
            msg = f"the first section repeats the preamble '{said}…', which is derived"
            if expected:
                msg += f" ('{expected}' from `adopted`)"
            yield Finding(model.path, p.line, p.col, "edition-derived", RULES["edition-derived"], msg,
                          "remove the preamble sentence; correct `adopted` if the conference differs")
            return
