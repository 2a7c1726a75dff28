"""The conference document: a renderer-neutral `Doc` (metadata plus the paragraph operations of
`redline`), and the three kinds built from texts: one text compared between two versions, a
proposal set (cover block, then per proposal its summary, marker and number, text and reasons),
and the clean Final Acts of an edition. Reading the texts (sources.py) and writing a format
(formats.py) happen elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime

from finalacts.corpus.characters import FORBIDDEN
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.model import Resolution, walk_items
from finalacts.redline import Op, Para, Run, Table, clean, compare, plain_runs

END_LINE = "______________"
COVER_TITLE = "PROPOSALS FOR THE WORK OF THE CONFERENCE"


@dataclass
class Doc:
    """A document ready for any renderer."""

    title: str
    author: str
    date: datetime
    ops: list[Op] = field(default_factory=list)
    language: str = "en-GB"


# ---------------------------------------------------------------- characters no document can hold

# The characters `check` refuses too (corpus/characters.py): this is the last line of defence for
# texts that were never checked.


def _bad_char(text: str | None) -> str | None:
    m = FORBIDDEN.search(text or "")
    return f"U+{ord(m.group()):04X}" if m else None


def check_resolution_chars(res: Resolution) -> None:
    """InputError at the first value holding a character a Word or HTML document cannot store."""
    def fail(node, name: str, ch: str):
        pos = node.at(name)
        raise InputError(Finding(res.path or res.key, pos.line, pos.col, "render-forbidden-char", "error",
                                 f"{name or 'text'} contains the control character {ch}, which a Word or "
                                 "HTML document cannot hold", "delete it or replace it with a visible character"))

    if ch := _bad_char(res.title):
        fail(res, "title", ch)
    for s in res.sections:
        for name in ("heading", "text", "after"):
            if ch := _bad_char(getattr(s, name)):
                fail(s, name, ch)
        for it, _ in walk_items(s.items):
            for name in ("num", "text", "after"):
                if ch := _bad_char(getattr(it, name)):
                    fail(it, name, ch)
    for k, v in res.footnotes.items():
        if ch := _bad_char(v) or _bad_char(k):
            pos = res.pos.get(f"footnotes.{k}") or res.at("footnotes")
            raise InputError(Finding(res.path or res.key, pos.line, pos.col, "render-forbidden-char", "error",
                                     f"footnote {k} contains the control character {ch}, which a Word or HTML "
                                     "document cannot hold", "delete it or replace it with a visible character"))
    for a in res.annexes:
        if ch := _bad_char(a.heading):
            fail(a, "heading", ch)
        for b in a.blocks:
            for name in ("num", "heading", "text"):
                if ch := _bad_char(getattr(b, name)):
                    fail(b, name, ch)
            for row in b.table or []:
                for cell in row:
                    if ch := _bad_char(cell):
                        fail(b, "table", ch)
            for it, _ in walk_items(b.items):
                for name in ("num", "text", "after"):
                    if ch := _bad_char(getattr(it, name)):
                        fail(it, name, ch)


def check_chars(doc: Doc) -> None:
    """Last guard before writing: UsageError naming the paragraph that holds a forbidden character."""
    for ch in (_bad_char(doc.title), _bad_char(doc.author)):
        if ch:
            raise UsageError(f"document title or author contains the control character {ch}")
    for op in doc.ops:
        runs = [r for row in op.rows for c in row.cells for r in c] if isinstance(op, Table) else \
            [*op.label, *op.runs]
        for r in runs:
            for t in (r.text, r.note, *(x.text for x in r.note_body)):
                if ch := _bad_char(t):
                    raise UsageError(f"{op.where or 'document'}: contains the control character {ch}, "
                                     "which a Word or HTML document cannot hold")


# ---------------------------------------------------------------- regions (verified texts)

def region_name(mode: str, key: str, conference: str | None = None) -> str:
    """Hidden bookmark name for one text: `_fa_mod_pp_140`, `_fa_clean_pp_ACP_1__PP_18`.

    A draft's preamble names the conference it is written for, so that conference is part of
    the name and `verify-docx` can rebuild the same text.
    """
    body, _, number = key.partition("/")
    name = f"_fa_{mode}_{body}_{number.replace('-', '_')}"
    return name + (f"__{conference.replace('-', '_')}" if conference else "")


def _dash(s: str) -> str:
    if s.isdigit():
        return s
    head, _, tail = s.rpartition("_")
    return f"{head}-{tail}"


def parse_region(name: str) -> tuple[str, str, str | None] | None:
    """(mode, corpus key, conference) of a region bookmark, or None for any other bookmark."""
    m = re.fullmatch(r"_fa_(mod|clean)_([a-z]+)_([A-Za-z0-9]+(?:_[0-9]+)?)(?:__([A-Z]+_[0-9]+))?", name)
    if not m:
        return None
    conference = _dash(m.group(4)) if m.group(4) else None
    return m.group(1), f"{m.group(2)}/{_dash(m.group(3))}", conference


# ---------------------------------------------------------------- building documents

def _p(style: str, text: str | None, bold: bool = False, label: str | None = None) -> Para:
    runs = [Run(r.text, r.change, r.italic, r.note, r.note_body, bold) for r in plain_runs(text)]
    return Para(style, runs, [Run(label, bold=True)] if label else [])


def resolution_doc(old: Resolution, new: Resolution, registry, author: str, when: datetime) -> Doc:
    """One text compared between two versions, with revision marks."""
    for r in (old, new):
        check_resolution_chars(r)
    ops = compare(old, new, registry, region=region_name("mod", new.key))
    ops.append(_p("Endline", END_LINE))
    title = registry.title_line(new.body, new.number, new.adopted)
    return Doc(title, author, when, ops)


def clean_doc(res: Resolution, registry, author: str, when: datetime) -> Doc:
    """One text as it stands, without revision marks."""
    check_resolution_chars(res)
    ops = clean(res, registry, region=region_name("clean", res.key))
    ops.append(_p("Endline", END_LINE))
    return Doc(registry.title_line(res.body, res.number, res.adopted), author, when, ops)


def _long_date(iso: str | None) -> str | None:
    if not iso:
        return None
    d = Date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _cover(conf, registry, symbol: str | None, iso_date: str | None, language: str | None,
           source: str, title: str) -> list[Op]:
    body = registry.bodies.get(conf.body) if conf else None
    ops: list[Op] = []
    if conf is not None:
        ops.append(_p("Conference", f"{conf.name or body.name} ({conf.id})"))
        ops.append(_p("Conference", conf.place))
    for line in (symbol, _long_date(iso_date), f"Original: {language}" if language else None):
        if line:
            ops.append(_p("Docnumber", line))
    ops.append(_p("Source", source))
    ops.append(_p("Title1", title))
    return ops


def _heading_only(res: Resolution, registry) -> list[Op]:
    return [_p("ResNo", registry.title_line(res.body, res.number, res.adopted)), _p("Restitle", res.title)]


def proposal_doc(pset, texts: dict[int, tuple[Resolution | None, Resolution | None]], registry,
                 when: datetime) -> Doc:
    """The proposal set as submitted: cover block, then each proposal with its text and reasons.

    `texts` maps a proposal number to its target (base version, head version); either may be None
    only where the action allows it (ADD has no base, SUP none at the head).
    """
    conf = registry.get(pset.conference)
    ops = _cover(conf, registry, pset.symbol, pset.date, pset.language, pset.submitter, COVER_TITLE)
    for prop in pset.proposals:
        old, new = texts.get(prop.number, (None, None))
        for r in (old, new):
            if r is not None:
                check_resolution_chars(r)
        if prop.summary:
            ops.append(_p("Headingb", "Summary:"))
            ops.append(_p("Summary", prop.summary))
        if prop.introduction:
            ops.append(_p("Headingb", "Introduction"))
            ops.append(_p("Summary", prop.introduction))
        marker = Para("Proposal", [Run(f"{pset.id}/{prop.number}", bold=True)], [Run(prop.action, bold=True)])
        ops.append(marker)
        if prop.action in ("MOD", "(MOD)") and old is not None and new is not None:
            ops.extend(compare(old, new, registry, region=region_name("mod", new.key)))
        elif prop.action == "ADD" and new is not None:
            conference = pset.conference if not new.adopted else None
            ops.extend(clean(new, registry, region=region_name("clean", new.key, conference),
                             conference=conference))
        elif old is not None or new is not None:
            ops.extend(_heading_only(old or new, registry))
        else:
            ops.append(_p("ResNo", (prop.title or prop.target).upper()))
        if prop.reasons:
            ops.append(_p("Reasons", prop.reasons, label="Reasons:"))
    ops.append(_p("Endline", END_LINE))
    return Doc(f"{pset.symbol or pset.id}: {COVER_TITLE.capitalize()}", pset.submitter, when, ops,
               )


def final_acts_doc(conf, entries: list[tuple[str, Resolution]], registry, when: datetime) -> Doc:
    """The Final Acts of an edition: each ADDed, MODified or SUPpressed text, clean, with its symbol."""
    body = registry.bodies[conf.body]
    title = f"FINAL ACTS OF THE {(conf.name or body.name).upper()} ({conf.place.upper()})"
    ops: list[Op] = [_p("Conference", f"{conf.name or body.name} ({conf.id})"), _p("Conference", conf.place),
                     _p("Source", "International Telecommunication Union"), _p("Title1", title)]
    for action, res in entries:
        check_resolution_chars(res)
        ops.append(_p("MarginSymbol", action))
        if action == "SUP":
            ops.extend(_heading_only(res, registry))
        else:
            ops.extend(clean(res, registry, region=region_name("clean", res.key)))
    ops.append(_p("Endline", END_LINE))
    return Doc(title.title(), "International Telecommunication Union", when, ops)
