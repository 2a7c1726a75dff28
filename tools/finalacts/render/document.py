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

from finalacts.corpus import walk
from finalacts.corpus.characters import FORBIDDEN
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.model import Resolution, texts
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
    # The running document number printed in every page's header and footer.
    number: str = ""
    # How the document was built (kind, target, conference), written into it so that
    # `verify-docx` can build the same document again from refs and compare every paragraph.
    recipe: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- characters no document can hold

# The characters `check` refuses too (corpus/characters.py): this is the last line of defence for
# texts that were never checked.


def _bad_char(text: str | None) -> str | None:
    m = FORBIDDEN.search(text or "")
    return f"U+{ord(m.group()):04X}" if m else None


def check_resolution_chars(res: Resolution) -> None:
    """InputError at the first value holding a character a Word or HTML document cannot store."""
    for kind, node, name, text in texts(res):
        ch = _bad_char(text) or (_bad_char(name.split(".", 1)[1]) if kind == walk.FOOTNOTE else None)
        if ch:
            pos = node.at(name)
            what = f"footnote {name.split('.', 1)[1]}" if kind == walk.FOOTNOTE else name
            raise InputError(Finding(res.path or res.key, pos.line, pos.col, "render-forbidden-char", "error",
                                     f"{what} contains the control character {ch}, which a Word or HTML "
                                     "document cannot hold", "delete it or replace it with a visible character"))


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
    ops = compare(old, new, registry, region=region_name("mod", new.key), split_moves=True)
    ops.append(_p("Endline", END_LINE))
    title = registry.title_of(new)
    return Doc(title, author, when, ops)


def clean_doc(res: Resolution, registry, author: str, when: datetime) -> Doc:
    """One text as it stands, without revision marks."""
    check_resolution_chars(res)
    ops = clean(res, registry, region=region_name("clean", res.key))
    ops.append(_p("Endline", END_LINE))
    return Doc(registry.title_of(res), author, when, ops)


def _long_date(iso: str | None) -> str | None:
    if not iso:
        return None
    d = Date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def paragraphs(text: str | None) -> list[str]:
    """A manifest's prose (summary, introduction, reasons) as its paragraphs: a line break in the
    YAML starts a new one, blank lines between them are not paragraphs."""
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def placeholder(what: str) -> Para:
    """A visible gap in the document where the manifest lacks something the secretariat needs."""
    return Para("Placeholder", [Run(f"[{what}]", bold=True)])


# The fields of a proposal document's cover, as the secretariat fills them (DESIGN.md section 6).
COVER_FIELDS = (("symbol", "document number"), ("date", "date"), ("language", "original language"))


def _cover(conf, registry, symbol: str | None, iso_date: str | None, language: str | None,
           source: str, title: str, missing: bool = True) -> list[Op]:
    """Conference, document number, date, original language, source and title; a missing field
    (`missing`) is printed as a visible placeholder, as the gate warns about it."""
    body = registry.bodies.get(conf.body) if conf else None
    ops: list[Op] = []
    if conf is not None:
        ops.append(_p("Conference", f"{conf.name or body.name} ({conf.id})"))
        ops.append(_p("Conference", conf.place))
    values = {"symbol": symbol, "date": _long_date(iso_date), "language": f"Original: {language}" if language else None}
    for name, what in COVER_FIELDS:
        if values[name]:
            ops.append(_p("Docnumber", values[name]))
        elif missing:
            ops.append(placeholder(f"{what}: not given in the manifest"))
    ops.append(_p("Source", source))
    ops.append(_p("Title1", title))
    return ops


def _heading_only(res: Resolution, registry) -> list[Op]:
    return [_p("ResNo", registry.title_of(res)), _p("Restitle", res.title)]


def _subject(prop, old: Resolution | None, new: Resolution | None, registry) -> str:
    """What a proposal is about, for its heading: 'Resolution 11 (Rev. Busan, 2014)'."""
    res = old or new
    if res is None:
        name = prop.title or prop.target
        if not name.isupper():
            return name
        small = {"of", "the", "and", "in", "for", "on", "to", "a", "an"}
        return " ".join(w.capitalize() if k == 0 or w.lower() not in small else w.lower()
                        for k, w in enumerate(name.split()))
    line = registry.title_of(res)
    word = res.kind.upper()
    return word.capitalize() + line[len(word):] if line.startswith(word) else line


def proposal_doc(pset, texts: dict[int, tuple[Resolution | None, Resolution | None]], registry,
                 when: datetime, names: dict[str, str] | None = None) -> Doc:
    """The proposal set as the secretariat lays it out: the cover, then for each proposal its
    heading, summary, introduction, the action and number (`MOD ACP/64A1/3`), the text (revision
    marks for MOD) and "Reasons:". A MOD or ADD without reasons gets a visible placeholder.

    `texts` maps a proposal number to its target (base version, head version); either may be None
    only where the action allows it (ADD has no base, SUP none at the head). Co-signers and the
    members supporting a proposal are listed by their names in `names` (members.yaml), else by id.
    """
    conf = registry.get(pset.conference)
    ops = _cover(conf, registry, pset.symbol, pset.date, pset.language, pset.submitter, COVER_TITLE)
    named = lambda ids: ", ".join((names or {}).get(i, i) for i in ids)  # noqa: E731
    if pset.cosigners:
        ops.insert(len(ops) - 1, _p("Source", f"Co-signed by {named(pset.cosigners)}"))
    for prop in pset.proposals:
        old, new = texts.get(prop.number, (None, None))
        for r in (old, new):
            if r is not None:
                check_resolution_chars(r)
        pid = f"{pset.id}/{prop.number}"
        ops.append(_p("Heading1", f"Proposal {pid} – {prop.action} {_subject(prop, old, new, registry)}"))
        if prop.summary:
            ops.append(_p("Headingb", "Summary:"))
            ops.extend(_p("Summary", t) for t in paragraphs(prop.summary))
        if prop.introduction:
            ops.append(_p("Headingb", "Introduction"))
            ops.extend(_p("Normal", t) for t in paragraphs(prop.introduction))
        ops.append(Para("Proposal", [Run(pid, bold=True)], [Run(prop.action, bold=True)]))
        if prop.action in ("MOD", "(MOD)") and old is not None and new is not None:
            ops.extend(compare(old, new, registry, region=region_name("mod", new.key), split_moves=True))
        elif prop.action == "ADD" and new is not None:
            conference = pset.conference if not new.adopted else None
            ops.extend(clean(new, registry, region=region_name("clean", new.key, conference),
                             conference=conference))
        elif old is not None or new is not None:
            ops.extend(_heading_only(old or new, registry))
        else:
            ops.append(_p("ResNo", (prop.title or prop.target).upper()))
        reasons = paragraphs(prop.reasons)
        if reasons:
            ops.append(_p("Reasons", reasons[0], label="Reasons:"))
            ops.extend(_p("Reasons", t) for t in reasons[1:])
        else:
            ops.append(Para("Reasons", [Run(f"[no reasons given for {prop.action} {pid} in the manifest]",
                                            italic=True)], [Run("Reasons:", bold=True)]))
        if prop.support:
            ops.append(_p("Reasons", f"{named(prop.support)}.", label="Supported by:"))
    ops.append(_p("Endline", END_LINE))
    number = pset.symbol or pset.id
    return Doc(f"{number}: {COVER_TITLE.capitalize()}", pset.submitter, when, ops, number=number,
               language=_lang(pset.language))


_LANGS = {"english": "en-GB", "french": "fr-FR", "spanish": "es-ES", "russian": "ru-RU", "arabic": "ar-SA",
          "chinese": "zh-CN"}


def _lang(language: str | None) -> str:
    """The document's language tag: ITU's English is British English."""
    return _LANGS.get((language or "english").strip().lower(), "en-GB")


TOC_TITLE = "CONTENTS"


def final_acts_doc(conf, entries: list[tuple[str, Resolution]], registry, when: datetime) -> Doc:
    """The Final Acts of an edition: a table of contents, then each ADDed, MODified or SUPpressed
    text, clean, with its margin symbol beside its number."""
    body = registry.bodies[conf.body]
    name = f"Final Acts of the {conf.name or body.name} ({conf.place})"
    ops: list[Op] = [_p("Conference", f"{conf.name or body.name} ({conf.id})"), _p("Conference", conf.place),
                     _p("Source", "International Telecommunication Union"), _p("Title1", name.upper())]
    if entries:
        ops.append(_p("TOCHeading", TOC_TITLE))
        for action, res in entries:
            line = registry.title_of(res)
            title = re.sub(r"\[\^[^\]]+\]", "", res.title)  # a footnote mark is not repeated here
            ops.append(Para("TOC1", plain_runs(f"{line} – {title}"), [Run(action, bold=True)],
                            where="toc"))
    for action, res in entries:
        check_resolution_chars(res)
        ops.append(_p("MarginSymbol", action))
        if action == "SUP":
            ops.extend(_heading_only(res, registry))
        else:
            ops.extend(clean(res, registry, region=region_name("clean", res.key)))
    ops.append(_p("Endline", END_LINE))
    return Doc(name, "International Telecommunication Union", when, ops, number=f"Final Acts {conf.id}")
