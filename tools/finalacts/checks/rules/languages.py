"""Rules about language versions: a translation has the English text's structure, its footnote
markers and citations, and translates the English as it stands now.

Each finding is reported in the translation file, at the place concerned, and names the place in
the English file beside it. The family and its rules are described in the catalog
(corpus/catalog.py).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

from finalacts.checks.context import where
from finalacts.corpus.catalog import family
from finalacts.corpus.disk import read_bytes
from finalacts.corpus.files import parse
from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.languages import load_languages
from finalacts.corpus.model import Resolution
from finalacts.corpus.textpos import Source, locate
from finalacts.corpus.translation import Translation, describe, fingerprint, item_paths, units

RULES = family("languages")

YEAR = re.compile(r"(?<![\d/])(?:19|20)\d\d(?![\d/])")
# UN symbols: A/RES/70/1, and General Assembly resolution numbers such as 70/125 or 68/302.
UN_SYMBOL = re.compile(r"\b(?:[A-Z]/RES/)?\d{2}/\d{1,3}\b")
NOTE = re.compile(r"\[\^([^\]]+)\]")
# The words that cite a resolution or a decision, as each language writes them, then its number.
CITING = {
    "en": r"\b(?:Resolutions?|Decisions?)\s+(\d+)",
    "fr": r"\b(?:Résolutions?|Décisions?)\s+(\d+)",
    "es": r"\b(?:Resoluci(?:ón|ones)|Decisi(?:ón|ones))\s+(\d+)",
    "ru": r"(?:Резолюци\w*|Решени\w*)\s+(\d+)",
    "zh": r"第(\d+)号(?:决议|决定)",
    "ar": r"(?:القرار|المقرر)\s+(\d+)",
}


def atoms(text: str, lang: str) -> Counter:
    """What must be the same in every language version of a text: the resolutions and decisions
    it cites by number, the years, the UN symbols and the footnote markers."""
    out: Counter = Counter()
    out.update(("number", n) for n in re.findall(CITING.get(lang, CITING["en"]), text))
    out.update(("year", y) for y in YEAR.findall(text))
    out.update(("UN symbol", s) for s in UN_SYMBOL.findall(text))
    out.update(("footnote", m) for m in NOTE.findall(text))
    return out


def _name(atom: tuple) -> str:
    kind, value = atom
    return {"number": f"a citation of number {value}", "year": f"the year {value}",
            "UN symbol": f"UN symbol {value}", "footnote": f"footnote marker [^{value}]"}[kind]


def word_redline(old: str, new: str) -> str:
    """`new` against `old` word by word: deleted words as [-…-], inserted ones as {+…+}."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _source(model: Translation, ctx) -> tuple[Resolution | None, Finding | None]:
    """The English text the translation translates, read from the corpus; or the finding saying why not."""
    rel = model.source_path
    base = Path(ctx.root) if ctx.root else None
    if base is None:
        here = Path(model.path).resolve()
        base = next((p for p in here.parents if (p / "resolutions").is_dir()), None)
    path = base / rel if base is not None else None
    if path is None or not path.is_file():
        p = model.at()
        return None, Finding(model.path, p.line, p.col, "translation-orphan", "error",
                             f"no English text at {rel} for this {model.lang} version",
                             f"move it to translations/<lang>/{model.key}.yaml beside its text, or add {rel}")
    shown = str(path) if ctx.root is None else rel
    try:
        parsed = parse(read_bytes(path, shown), shown)
    except InputError:
        return None, None
    if not isinstance(parsed.model, Resolution):
        return None, None  # the English file's own findings say why
    _SOURCES[parsed.model.path] = Source(parsed.loaded.text)
    return parsed.model, None


_SOURCES: dict[str, Source] = {}


def _eng(en: Resolution, node, name: str = "", find: str | None = None) -> str:
    """path:line:col in the English file: of the field, or of the words `find` inside its text."""
    p = node.at(name)
    value = getattr(node, name, None) if name and not name.startswith("footnotes.") else None
    if find and isinstance(value, str) and value.find(find) >= 0 and en.path in _SOURCES:
        p = locate(_SOURCES[en.path], p, value, value.find(find))
    return f"{en.path}:{p.line}:{p.col}"


def check(model, ctx):
    if not isinstance(model, Translation):
        return
    en, problem = _source(model, ctx)
    if problem is not None:
        yield problem
    if en is None:
        return
    forms = load_languages().get(model.lang)
    yield from _structure(model, en)
    yield from _texts(model, en, ctx, forms)


def _structure(t: Translation, en: Resolution):
    """Sections and labels in the English order; footnote markers the English has."""
    tr = t.text
    path = t.path
    if len(tr.sections) != len(en.sections):
        p = t.at("sections")
        more = len(tr.sections) > len(en.sections)
        yield Finding(path, p.line, p.col, "lang-structure", "error",
                      f"{len(tr.sections)} sections here, {len(en.sections)} in the English text ({en.path})"
                      + (": one too many" if len(tr.sections) == len(en.sections) + 1 else "") * more,
                      "translate each section of the English text, in its order; leave none out, add none")
    for i in range(min(len(tr.sections), len(en.sections))):
        yield from _labels(t, en, (i,), tr.sections[i], en.sections[i])
    for mark in tr.footnotes:
        if mark not in en.footnotes:
            p = t.at(f"footnotes.{mark}")
            yield Finding(path, p.line, p.col, "lang-structure", "error",
                          f"footnote {mark} is not a footnote of the English text ({en.path})",
                          "keep the English footnote markers")


def _labels(t: Translation, en: Resolution, prefix: tuple, mine, theirs):
    """The labels of one list against the English list: missing, extra or relabelled items."""
    a = [it.num or "–" for it in theirs.items]
    b = [it.num or "–" for it in mine.items]
    where_en = describe(prefix + ("text",), en) if len(prefix) > 1 else f"*{en.sections[prefix[0]].heading}*"
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            for k, j in zip(range(i1, i2), range(j1, j2)):
                yield from _labels(t, en, prefix + (a[k],), mine.items[j], theirs.items[k])
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for k, j in zip(range(i1, i2), range(j1, j2)):
                p = mine.items[j].at("num")
                yield Finding(t.path, p.line, p.col, "lang-structure", "error",
                              f"item {b[j]} here is {a[k]} in the English text ({_eng(en, theirs.items[k], 'num')})",
                              f"label it {a[k]}, as in every language version")
            continue
        for k in range(i1, i2):
            anchor = mine.items[j1 - 1] if j1 > 0 else mine
            p = anchor.at("num" if j1 > 0 else "")
            yield Finding(t.path, p.line, p.col, "lang-structure", "error",
                          f"item {a[k]} of {where_en} is missing here "
                          f"(English: {_eng(en, theirs.items[k], 'num')})",
                          f"add item {a[k]} after {b[j1 - 1] if j1 > 0 else 'the heading'}; leave its text out "
                          "until it is translated")
        for j in range(j1, j2):
            p = mine.items[j].at("num")
            yield Finding(t.path, p.line, p.col, "lang-structure", "error",
                          f"item {b[j]} here is not in {where_en} of the English text ({en.path})",
                          "remove it, or add it to the English text first")


def _texts(t: Translation, en: Resolution, ctx, forms):
    """Each translated text against its English: present, of the English as it is, citing the same."""
    tr_units = {u.address: u for u in units(t.text)}
    en_units = units(en)
    with_text = {u.address for u in en_units if u.text is not None}
    for u in en_units:
        if u.text is None:
            continue
        mine = tr_units.get(u.address)
        if mine is None:
            continue  # its item is missing: a structure finding says so
        name = describe(u.address, en)
        here = mine.node.at(mine.field) if mine.text is not None else mine.node.at()
        if mine.text is None:
            yield Finding(t.path, here.line, here.col, "translation-missing", "info",
                          f"{name} has no {forms.english if forms else t.lang} text yet "
                          f"(English: {_eng(en, u.node, u.field)})",
                          "translate it (finalacts translate export) or leave it: the corpus says it is missing")
            continue
        if u.field == "heading" and forms is not None:
            want = forms.heading(u.text)
            if want is not None and mine.text.strip() != want.form:
                note = "" if want.verified else " (an unverified form)"
                yield Finding(t.path, here.line, here.col, "lang-heading", "warning",
                              f"*{u.text}* reads '{want.form}'{note} in {forms.english}, not '{mine.text}'",
                              f"write '{want.form}', or correct the language registry if it is wrong")
        expected, found = atoms(u.text, "en"), atoms(mine.text, t.lang)
        for atom in sorted((expected - found).elements()):
            yield Finding(t.path, here.line, here.col, "lang-citation", "error",
                          f"{name}: the English has {_name(atom)}, this version does not "
                          f"(English: {_eng(en, u.node, u.field, atom[1])})",
                          "cite the same texts, years and symbols as the English")
        for atom in sorted((found - expected).elements()):
            at = mine.text.find(atom[1])
            spot = where(ctx, mine.node, mine.field, at) if at >= 0 else here
            yield Finding(t.path, spot.line, spot.col, "lang-citation", "error",
                          f"{name}: {_name(atom)} here is not in the English "
                          f"(English: {_eng(en, u.node, u.field)})",
                          "cite the same texts, years and symbols as the English")
        recorded = t.sources.get(u.address)
        now = fingerprint(u.text)
        if recorded is None:
            yield Finding(t.path, here.line, here.col, "translation-unsourced", "warning",
                          f"{name}: no fingerprint of the English text it translates",
                          f"add `source: {{{u.field if u.address[0] != 'footnote' else 'footnotes.' + u.address[1]}: "
                          f"{now}}}` once you have checked it against the English as it stands")
        elif recorded != now:
            earlier = ctx.earlier(en.path, recorded) if getattr(ctx, "earlier", None) else None
            change = f": {word_redline(earlier, u.text)}" if earlier else \
                " (the English text it translated is not in this repository's history)"
            yield Finding(t.path, here.line, here.col, "translation-stale", "warning",
                          f"{name}: the English changed since this was translated "
                          f"({_eng(en, u.node, u.field)}){change}",
                          "translate the change (finalacts translate export --lang "
                          f"{t.lang}), then record the new fingerprint {now}")
    en_paths = {p for p, _ in item_paths(en)}
    for addr, mine in tr_units.items():
        if mine.text is None or addr[0] in ("title", "footnote"):
            continue
        if isinstance(addr[0], int) and addr[:-1] not in en_paths:
            continue  # an item the English lacks: the structure finding says so
        if addr not in with_text:
            here = mine.node.at(mine.field)
            yield Finding(t.path, here.line, here.col, "lang-structure", "error",
                          f"{describe(addr, en) if isinstance(addr[0], int) and addr[0] < len(en.sections) else addr}:"
                          " this version has a text the English does not",
                          "remove it: a language version holds the English text's texts only")
    for k, annex in enumerate(en.annexes):
        p = t.at()
        yield Finding(t.path, p.line, p.col, "translation-missing", "info",
                      f"annex {annex.num or k + 1} ({annex.heading}) has no {forms.english if forms else t.lang} "
                      "version: language files do not hold annexes yet", "")
