"""Text conventions of ITU resolutions (warnings: the text reads wrong, but means the same).

The family and its rules, with their examples, are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

import operator
import re
from functools import lru_cache

from finalacts.checks.context import texts_of, where
from finalacts.corpus import walk
from finalacts.corpus.catalog import family
from finalacts.corpus.findings import Finding
from finalacts.corpus.model import Resolution
from finalacts.corpus.patterns import lazy
from finalacts.corpus.textpos import locate
from finalacts.language import headings
from finalacts.language.scan import IGNORECASE_LETTERS, holds

RULES = family("conventions")
# Every text but the section headings (heading-vocabulary reads those) and labels: footnotes too.
READS = walk.PROSE - {walk.HEADING}

# Short lowercase words that legitimately sit against a number (units, protocol names).
_GLUE_OK = {"ipv", "mp", "km", "cm", "mm", "kbit", "mbit", "gbit", "ghz", "mhz", "khz", "db"}

# For the cheap tests below, a text's bytes: _CLASSES reduces each ASCII letter, digit and tab to
# its class ('a', 'A', '0', ' ') and ';' to ','; _WORDS keeps only letters, in lowercase, and makes the rest spaces.
_CLASSES = bytes.maketrans(bytes(range(256)), bytes(
    97 if 97 <= i <= 122 else 65 if 65 <= i <= 90 else 48 if 48 <= i <= 57 else 32 if i == 9 else 44 if i == 59
    else i for i in range(256)))
_WORDS = bytes.maketrans(bytes(range(256)), bytes(
    i if 97 <= i <= 122 else i + 32 if 65 <= i <= 90 else 32 for i in range(256)))
# _MARKS makes ';' and ':' commas, so that "[,;:][ \t]*[,;:.]" is ",," or ",." once spaces and tabs
# are deleted.
_MARKS = bytes.maketrans(b";:", b",,")
_FULLWIDTH = "，；：（）。、"


@lru_cache(maxsize=1)
def _utf8(text: str) -> bytes:
    """The bytes of `text` (kept for the next test of the same text). No ASCII byte is part of a
    longer character in UTF-8, so ASCII is found in them as in the text."""
    return text.encode("utf-8", "surrogatepass")


@lru_cache(maxsize=1)
def _classes(text: str) -> bytes:
    return _utf8(text).translate(_CLASSES)


def _doubled_mark(text: str) -> bool:
    marks = _utf8(text).translate(_MARKS, b" \t")
    return b",," in marks or b",." in marks


def _repeated_word(text: str) -> bool:
    if not text.isascii() and holds(text, IGNORECASE_LETTERS):
        return True
    words = _utf8(text).translate(_WORDS).split()
    return any(map(operator.eq, words, words[1:]))


# (rule, pattern, message, hint, may): `may(text)` is false only for a text the pattern cannot
# match (see scan.py); it is asked of all of a resolution's texts at once, then of each. Some are
# simpler patterns that start with a rarer character, which re searches for quickly.
_TEXT_RULES = (
    ("punctuation-doubled", lazy(r"[,;:][ \t]*[,;]|;[ \t]*[:.](?!\.)|,[ \t]*\.(?!\.)"),
     "doubled punctuation '{m}'", "keep one mark", _doubled_mark),
    ("space-missing", lazy(r"\b(?<![+/.-])(?P<w>[a-z]{2,})(?=[0-9])"),
     "missing space: '{ctx}'", "put a space between the word and the number",
     lambda text: b"a0" in _classes(text)),
    # "Resolution 185(Busan, 2014)", but not a document symbol such as "C14/24(Rev.1)".
    ("space-missing", lazy(r"[0-9](?P<p>\()(?=Rev\.\s*[A-Z]|[A-Z][A-Za-z .'‑-]+,\s*[0-9]{4}\)"
                                 r"|[A-Z]{2,}-[0-9]{2})"),
     "missing space before '(' in '{ctx}'", "write a space between the number and the parenthesis",
     lambda text: b"0(" in _classes(text)),
    ("space-missing", lazy(r"(?<=[a-z\"”)])[;,](?=[A-Za-z])"),
     "missing space after '{m}' in '{ctx}'", "put a space after the punctuation",
     lambda text: b",a" in _classes(text) or b",A" in _classes(text)),
    ("space-extra", lazy(r"(?P<p>  +)(?=\S)|\w(?P<q> +)[,;]|[a-z](?P<r> +)\.(?!\.)"),
     "extra space in '{ctx}'", "remove the extra space",
     lambda text: b"  " in _classes(text) or b" ," in _classes(text) or b" ." in _classes(text)),
    ("word-doubled", lazy(r"\b(?P<w>[A-Za-z]+)\s+(?P=w)\b", re.I),
     "word repeated: '{m}'", "delete one of the two", _repeated_word),
    ("punctuation-fullwidth", lazy(f"[{_FULLWIDTH}]"),
     "full-width punctuation '{m}' in an English text", "use the ASCII mark followed by a space",
     lambda text: not text.isascii() and holds(text, _FULLWIDTH)),
)
# Doubled words that English allows ("that that", "had had").
_DOUBLE_OK = {"that", "had", "is"}
_FOOTNOTE = lazy(r"\[\^[^\]]*\]")
_TRAILING = lazy(r"(?:\s|\*|\[\^[^\]]*\])+$")


def check(model, ctx):
    if not isinstance(model, Resolution):
        return
    path = model.path
    for sec in model.sections if ctx.runs("heading-vocabulary") else ():
        if headings.kind(sec.heading) is None:
            p = where(ctx, sec, "heading")
            both = headings.glued(sec.heading)
            if both:
                yield Finding(path, p.line, p.col, "heading-vocabulary", "warning",
                              f"'{sec.heading}' is two headings run together ('{both[0]}' and '{both[1]}'): "
                              "a flattened revision mark", f"keep the heading that belongs here ('{both[1]}'?)")
                continue
            better = headings.suggest(sec.heading)
            yield Finding(path, p.line, p.col, "heading-vocabulary", "warning",
                          f"'{sec.heading}' is not an ITU section heading"
                          + (f"; did you mean '{better}'?" if better else ""),
                          f"write '{better}'" if better else "use a heading from the ITU vocabulary "
                          "(see `finalacts rules`)")
    if ctx.runs("item-punctuation"):
        yield from _punctuation(model, ctx)
    found = texts_of(model, ctx, READS)
    # A test that one text meets, all of them joined by line breaks meet too (no test looks for one).
    everything = "\n".join(text for _, _, text in found)
    rules = [r for r in _TEXT_RULES if ctx.runs(r[0]) and r[-1](everything)]
    if rules:
        for node, name, text in found:
            yield from _text_rules(ctx, path, node, name, text, rules)


def _text_rules(ctx, path, node, name, text, rules):
    start = node.at(name)
    exact = name in node.pos
    for rule, rx, message, hint, may in rules:
        if not may(text):
            continue
        w_group, spots = "w" in rx.groupindex, _SPOTS[rx]
        starts = _STARTS[rx](text) if rx in _STARTS else None
        for m in rx.finditer(text) if starts is None else _matches(rx, text, starts):
            w = m.group("w") if w_group else None
            if rule == "word-doubled" and (w.lower() in _DOUBLE_OK or w.isdigit()):
                continue
            if rule == "space-missing" and (w and w in _GLUE_OK or _in_url(text, m.start())):
                continue
            a, b = max(0, m.start() - 12), min(len(text), m.end() + 12)
            snippet = text[a:b].strip()
            fix = hint
            mark = _MARK.match(text, m.end()) if rule == "space-missing" and w else None
            if mark:  # "countries1,": more often a footnote mark than a missing space
                fix = (f"a footnote mark: write {w}[^{mark.group()}] and give footnote {mark.group()} "
                       f"under `footnotes:`; a number: {hint}")
            at = m.start()
            for g in spots:
                if m.start(g) >= 0:
                    at = m.start(g)
                    break
            # `text` itself, not getattr(node, name): a footnote is one value of `footnotes`.
            p = locate(ctx.source, start, text, at) if exact else start
            yield Finding(path, p.line, p.col, rule, "warning", message.format(m=m.group().strip(), ctx=snippet), fix)


# A footnote mark after a word: "countries1," (matched where the number starts).
_MARK = re.compile(r"[0-9]{1,2}(?=[,;.:)\s]|$)")
# The groups that say where a finding points, when the match does not start there.
_SPOTS = {rx: tuple(g for g in ("p", "q", "r") if g in rx.groupindex) for _, rx, *_ in _TEXT_RULES}


def _matches(rx, text: str, starts: list[int]):
    """rx.finditer(text), trying only at `starts`: every offset where a match may start, in order
    (a match found skips the starts it covers, as finditer goes on from its end)."""
    end = 0
    for i in starts:
        if i >= end:
            m = rx.match(text, i)
            if m:
                end = m.end()
                yield m


_SPACES = re.compile(b" *")


def _doubled_starts(text: str) -> list[int] | None:
    """Where "word-doubled" may match in an ASCII text: where a word starts that the next word
    repeats, found by substring searches among the text's words (None, for any other text: search
    it all). The regex tries every word; a text holds a few doubled ones."""
    if not text.isascii():
        return None
    b = b" " + _utf8(text).translate(_WORDS)  # offset i + 1 here is offset i of the text
    words = b.split()
    out = []
    for w in {w for w, nxt in zip(words, words[1:]) if w == nxt}:
        n, pair = len(w), b" " + w + b" "
        i = b.find(pair)
        while i >= 0:
            j = _SPACES.match(b, i + n + 1).end()
            if b.startswith(w, j) and (j + n == len(b) or b[j + n] == 32):
                out.append(i)
            i = b.find(pair, i + 1)
    return sorted(out)


_EXTRA = re.compile(r" [ ,;.]")


def _extra_starts(text: str) -> list[int]:
    """Where "space-extra" may match: at a run of spaces followed by a space or a mark, or just
    before it (the word the spaces follow). A search for a space, where the regex tries three
    alternatives at every character."""
    out = []
    for m in _EXTRA.finditer(text):
        i = m.start()
        if i == 0:
            out.append(0)
        elif text[i - 1] != " ":
            out += (i - 1, i)
    return out


# For the patterns that try at almost every character: the offsets where a match may start.
_STARTS = {rx: fn for rule, rx, *_ in _TEXT_RULES
           for r, fn in (("word-doubled", _doubled_starts), ("space-extra", _extra_starts)) if rule == r}


def _in_url(text: str, i: int) -> bool:
    start = text.rfind(" ", 0, i) + 1
    return "://" in text[start:i + 1] or text.startswith("www.", start)


def _leaves(items):
    """(item, field) of each item's closing words, in reading order."""
    for it in items:
        if it.items and it.after:
            yield from _leaves(it.items)
            yield it, "after"
        elif it.items:
            yield from _leaves(it.items)
        elif it.text:
            yield it, "text"


def _punctuation(model, ctx):
    ends = []  # (node, field, is last of section)
    for sec in model.sections:
        leaves = list(_leaves(sec.items))
        if sec.after:
            leaves.append((sec, "after"))
        if not leaves and sec.text:
            leaves = [(sec, "text")]
        ends.extend((node, name, i == len(leaves) - 1) for i, (node, name) in enumerate(leaves))
    for i, (node, name, last_of_section) in enumerate(ends):
        text = getattr(node, name) or ""
        body = _TRAILING.sub("", text) if text[-1:].isspace() or text[-1:] in ("*", "]") else text
        if not body:
            continue
        mark = body[-1]
        if mark in "\"'”’)" and len(body) > 1 and body[-2] in ";,.:":
            mark = body[-2]
        if i == len(ends) - 1:
            want, why = ".", "the last item of the resolution ends with '.'"
        elif last_of_section:
            want, why = ",", "the last item of a section ends with ','"
        else:
            want, why = ";", "an item ends with ';'"
        if mark == want or (want == ";" and re.search(r";\s+(?:and|or)$", body)):
            continue
        p = where(ctx, node, name, len(body) - 1)
        found = f"'{mark}'" if not mark.isalnum() else "no punctuation"
        yield Finding(model.path, p.line, p.col, "item-punctuation", "warning",
                      f"ends with {found}; {why}", f"end it with '{want}'")
