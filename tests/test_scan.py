"""The substring shortcuts in front of regex scans never lose a finding (see finalacts/scan.py).

`check` skips a regex scan of a text when a cheap substring test says the regex cannot match it.
Each such test must be a necessary condition for a match, or a finding silently disappears. This
file protects:

- `scan.folded`: a case-insensitive match of an ASCII word is a substring of the folded text;
- `checks.conventions._TEXT_RULES`: `may(text)` holds for every text its regex matches, and for
  the texts of a file joined by "\\n" when the regex matches any one of them;
- `citations.NEEDS` / `citations._may`: whenever a pattern matches the normalized text, the
  (folded) text holds one of its needles; the same for the folded patterns that confirm a
  conference mention or place a keyword; `citations.normalize` is the character map; `parse`
  gives the same citations with the shortcuts switched off;
- `refs.Finder.find`: the per-heading rewrite finds exactly what the previous implementation (one
  combined regex per set of headings, copied below as `_OldFinder`) found.

Texts: every string of the resolution YAML files under resolutions/ and tests/fixtures/, plus
thousands of seeded random texts built from fragments that sit on the edge of each pattern.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

from finalacts.checks.rules import conventions
from finalacts.corpus import yamlfile
from finalacts.language import citations, scan
from finalacts.language.references import (
    _AFTER_EXTERNAL,
    _BEFORE_EXTERNAL,
    _GENERIC,
    _LABEL_RE,
    LABEL,
    SEP,
    Finder,
    Ref,
    _annex_refs,
    _fits,
    _footnote_refs,
    _heading_pattern,
    headings,
)

REPO = Path(__file__).resolve().parents[1]
SEED = 20240611
N_GENERATED = 6000
N_MUTATED = 1200


# ---------------------------------------------------------------------------------------------
# The oracle: refs.Finder as it was before the rewrite (git show HEAD~1:tools/finalacts/refs.py).

_OLD_TAIL = (r"\*?(?:\s+(?P<labels>" + LABEL + r"(?:" + SEP + LABEL + r")*))?"
             r"(?:\s+(?P<dir>above|below)(?!\s+all\b))?")


@lru_cache(maxsize=None)
def _old_heading_regex(alternatives: tuple[str, ...]):
    """One regex for a set of headings followed by labels; compiled once per set of headings."""
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"(?<![\w-])\*?(?P<h>" + "|".join(map(_heading_pattern, ordered)) + ")" + _OLD_TAIL)


class _OldFinder:
    """refs.Finder before the per-heading rewrite, kept verbatim as the reference behaviour."""

    def __init__(self, own_headings: list[str]):
        names = {headings.normalize(h) for h in own_headings if headings.normalize(h)}
        names |= {h.split(",")[0].strip() for h in names if "," in h}
        own = tuple(sorted(names))
        self.own = _old_heading_regex(own)
        self.generic = _old_heading_regex(tuple(sorted(set(_GENERIC))))

    def find(self, text: str) -> list[Ref]:
        out: list[Ref] = []
        taken: list[tuple[int, int]] = []
        for rx, need_dir in ((self.own, False), (self.generic, True)):
            if rx is None:
                continue
            for m in rx.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                if not (m.group("labels") or m.group("dir")):
                    continue
                if need_dir and not m.group("dir"):
                    continue
                if not m.group("dir") and m.group("labels") and not _fits(m.group("h"), m.group("labels")):
                    continue
                if not m.group("dir") and (_AFTER_EXTERNAL.match(text, m.end())
                                           or _BEFORE_EXTERNAL.search(text[max(0, m.start() - 160):m.start()])):
                    continue
                labs = []
                if m.group("labels"):
                    base = m.start("labels")
                    labs = [(x.group(), base + x.start(), base + x.end())
                            for x in _LABEL_RE.finditer(m.group("labels"))]
                end = m.end()
                out.append(Ref("section", headings.normalize(m.group("h")), m.start(), end, labs, m.group("dir")))
                taken.append((m.start(), end))
        out.extend(_annex_refs(text))
        out.extend(_footnote_refs(text))
        return sorted(out, key=lambda r: r.start)


# ---------------------------------------------------------------------------------------------
# Real texts.


def _strings(data, headings_out=None):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key == "heading" and isinstance(value, str) and headings_out is not None:
                headings_out.append(value)
            yield from _strings(value, headings_out)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value, headings_out)


@lru_cache(maxsize=None)
def _real_files() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(path, every string, section headings) of each loadable resolution YAML in the repository."""
    out = []
    paths = sorted((REPO / "resolutions").rglob("*.yaml")) + sorted((REPO / "tests/fixtures").rglob("*.yaml"))
    for path in paths:
        try:
            data = yamlfile.load(path.read_bytes(), str(path)).data
        except Exception:
            continue
        heads: list[str] = []
        texts = tuple(_strings(data, heads))
        out.append((str(path.relative_to(REPO)), texts, tuple(heads)))
    return tuple(out)


def _real_texts() -> list[str]:
    return [t for _, texts, _ in _real_files() for t in texts]


def _real_headings() -> list[str]:
    return sorted({h for _, _, heads in _real_files() for h in heads})


# ---------------------------------------------------------------------------------------------
# Generated texts: fragments on the edge of each pattern, recombined and varied.

_FRAGMENTS = [
    # word-doubled
    "the the", "The\tthe", "and\nand", "thi\u017f this", "THIS thi\u017f", "Kelvin sign \u212a k",
    "\u212aelvin kelvin", "is is", "that that", "had had", "\u0130t it", "\u0131t it", "it\u00a0it",
    "in\u2028in", "of\x1cof", "of\x85of", "1 1", "a_a a", "ab ab1", "word word_", "\u00e9 \u00e9", "the\u0301 the",
    "Is IS", "s \u017f", "the th\u00e9", "x x", "\u00e9the the", "the the\u00e9", "to\u3000to", "on\u2009on",
    # punctuation-doubled and space-extra
    ", ,", ";\t.", ",.", ",..", ";..", ";:", ": ;", ",\t;", "; ;", ":,", ". ,", ";.", ",;", ", .",
    ",\u00a0,", ", \t ,", "...", "word  word", "word ,", "word ;", "word .", "word ..", "x  \n", "  ",
    " .5", "a .", "A .", "1 ;", "\u00e9 ,", "_ ;",
    # space-missing
    "the70th", "ipv6", "IPv6", "mp3", "km2", "the2030", "x/ab12", "+ab12", ".ab3", "-ab3", "ab\u00b2",
    "aB12", "\u00e9a1", "http://x.org/ab12", "www.ab12.org", "Development;the", "Development;The",
    "word,word", "\"quoted\";next", "\u201d;x", ");x", "1;a", "A,b", "ab\u0661", "a1",
    "185(Busan, 2014)", "185(BUSAN, 2014)", "185(Rev. Dubai, 2018)", "185(Rev.Dubai, 2018)", "185(PP-14)",
    "C14/24(Rev.1)", "2(Sharm el-Sheikh, 2019)", "3(O'Brien, 2020)", "4(AB-12)", "5(Ab-12)",
    # full-width and typography
    "\uff0c\uff1b\uff1a\uff08\uff09\u3002\u3001", "implementation\uff0ctaking", "\u2018\u2019\u201c\u201d",
    "\u2013\u2014", "\u2011", "\u2212", "\u00a0", "\u2009", "\u202f", "\u200b", "\u3000", "\u00ab\u00bb", "\uff0e",
    # citations
    "Resolution 71 (Rev. Dubai, 2018)", "RESOLUT\u0130ON 12", "resoluti\u0131on 5", "re\u017folution 5",
    "Resolutions 1332 (Rev. 2011) and 1334 (Rev. 2013)", "Resolution ITU-R 61 (Rev. Sharm el-Sheikh, 2019)",
    "Resolution 95 (Rev.WRC-07)", "Resolution 75 of WTSA (Rev. Geneva, 2022)", "Council Resolution 1332",
    "UNGA Resolution 70/125", "Resolution 68/302 of the United Nations General Assembly", "A/RES/70/1",
    "A/res/70/1", "A/70/125", "Resolution WG-PL/9 (Busan, 2014)", "Resolution COM5/4", "Resolution [ACP-1]",
    "Recommendation ITU-T X.1205", "DECISION 5", "Decision 5 of this conference", "Opinion 2",
    "op\u0131n\u0131on 2", "recommendat\u0131on ITU-T X.1", "Resolution\u00a071\u00a0(Rev.\u00a0Busan,\u00a02014)",
    "Resolution 140 \uff08Rev. Busan\uff0c 2014\uff09", "Resolution 1334 (Modified 2013)",
    "Resolution 1332 of Council 2016", "\u00a7 102 b) of the Tunis Agenda", "\u00a7\u00a7 113-118 of the Tunis Agenda",
    "\u00a7\u00a7113 to 118", "WSIS Action Lines C1 and C5", "Action Line C7", "ACTION LINE C7",
    "No. 81 of the Convention", "Nos. 1 and 2 of the Constitution", "Article 1 of the ITU Constitution",
    "ART\u0130CLE 5 of the Radio Regulations", "Art. 5 of the International Telecommunication Regulations",
    "article 4 of the\u00a0Convention", "the Plenipotentiary Conference (Busan, 2014)",
    "THE PLENIPOTENTIARY CONFERENCE (BUSAN, 2014)", "the World Telecommunication Development Conference (Kigali, 2022)",
    "world telecommunication standardization a\u017f\u017fembly (New Delhi, 2024)",
    "Radiocommunication Assembly (Geneva, 2015)", "World Conference on International Telecommunications (Dubai, 2012)",
    "plen\u0131potent\u0131ary conference (Dubai, 2018)", "the Plenipotentiary Conference (PP) (Busan, 2014)",
    "Radiocommunication Assembly (RA)\n(Geneva, 2015)", "the ITU Plenipotentiary Conferences (Busan, 2014)",
    "the Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014)", "the World Radiocommunication Conference (Sharm el-Sheikh, 2019)",
    "WTDC-14", "PP-18", "APP-22", "WTSA-2020", "RA-15", "WRC-19", "WCIT-12", "WTSC-2000", "pp-18", "PP\u201118",
    "WTDC\u201114", "(Rev.WRC-07)", "of this conference", "of the Plenipotentiary Conference",
    # internal references
    "resolves 2 above", "*resolves* 1, 2 and 3", "*resolves* 1, 2, 3, and 4 above", "considering a) above",
    "considering a) and b)", "instructs the Secretary-General 3 above", "Instructs the Council 2 below",
    "resolves 2 of Resolution 71", "Resolution 71 (Rev. Dubai, 2018), in its resolves 2", "its resolves 3",
    "resolves 1 to 3", "resolves 1-3", "resolves 1 \u2013 3", "resolves 1.2", "resolves 1.2.3 above",
    "resolves 2 above all", "resolves 10/2", "resolves 2%", "resolves 2.5", "resolves i) and ii)",
    "recognizing further b)", "considering aa)", "noting 1", "resolves a)", "resolves 2 of the Convention",
    "resolves to instruct the Director of the Telecommunication Development Bureau 1 above",
    "further instructs the Director of the Telecommunication Development Bureau 2",
    "instructs (the Council) 2", "instructs (the Council) 2 above",
    "instructs the Secretary-General, in cooperation with the Directors of the Bureaux 2",
    "instructs the Secretary-General,\nin cooperation with the Directors of the Bureaux 2 below",
    "Annex 2 to this resolution", "Annexes 1 and 2 to this resolution", "Appendix A of this decision",
    "the annex to this resolution", "The Attachment of this decision", "ANNEX 1 TO THIS RESOLUTION",
    "footnote 1", "footnote 2 to", "[^1]", "[^note]", "[^ x]", "preamble 1", "preamble a) above",
    "Elements for evaluation review of the ITU regional presence 2", "invites Member States 1 above",
    "*considering further* c)", "considering\nfurther c) above", "resolves\u00a02 above", "resolves\t2",
    "resolves, 2", "resolves 2, 3 or 4", "resolves 2 and, 3", "resolves 2 below all",
    " xnoting 1 above", "]resolves 2", "\\decides 3", "\u00dftrange 1", "-dash heading 2", "SStrange a) above",
    "instructs (the Council)* 1", "resolves [to] instruct 2", "notes (with concern) a)", "decides: that 4",
    "Elements for evaluation review of the ITU regional presence above", "instructs (the Council) below",
    "resolves [to] instruct* above", "notes (with concern)\nbelow",
]
_SPACES = [" ", " ", " ", "", "\n", "\t", "  ", "\u00a0", "\u2009", "\u202f", "\u3000", " \n", ", ", "; ", " , ", ". "]
_ALPHABET = ("aAbBeEiIsSkKtThH zZ019()[]^*,;:.-\u00a7/\t\n\u00a0\u2009\u2011\u2013\u2014\u2019\u201c\u201d"
             "\uff0c\uff1b\uff1a\uff08\uff09\u3002\u3001\u0130\u0131\u017f\u212a_\u00e9")
_LOOKALIKES = {"i": "\u0131\u0130", "I": "\u0131\u0130", "s": "\u017f", "S": "\u017f", "k": "\u212a", "K": "\u212a"}
_TYPO = {",": "\uff0c", ";": "\uff1b", ":": "\uff1a", "(": "\uff08", ")": "\uff09", ".": "\u3002",
         "-": "\u2011\u2013\u2014\u2212", "'": "\u2019", '"': "\u201c\u201d", " ": "\u00a0\u2009\u202f\u3000\t\n"}
_LABELS = ["1", "2", "3", "10", "1.2", "2.1.1", "a)", "b)", "aa)", "i)", "iv)", "xl)", "0", "1/2", "2%", "2.",
           "3,4", "A)", "(a)", "1-", "2 above", "3 below"]
_LABEL_SEPS = [", ", " and ", ", and ", " or ", " to ", "-", " \u2013 ", ",", " ,", " and, "]


def _vary(rng: random.Random, s: str) -> str:
    """`s` with its case, some letters, spaces or punctuation changed."""
    r = rng.random()
    if r < 0.08:
        s = s.upper()
    elif r < 0.14:
        s = s.lower()
    elif r < 0.18:
        s = s.title()
    elif r < 0.25:
        s = s[:1].upper() + s[1:]
    elif r < 0.28:
        s = s.swapcase()
    elif r < 0.33:
        s = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in s)
    if rng.random() < 0.15:
        s = "".join(rng.choice(_LOOKALIKES[c]) if c in _LOOKALIKES and rng.random() < 0.4 else c for c in s)
    if rng.random() < 0.15:
        s = "".join(rng.choice(_TYPO[c]) if c in _TYPO and rng.random() < 0.5 else c for c in s)
    return s


def _label_tail(rng: random.Random) -> str:
    if rng.random() < 0.1:  # "above"/"below" alone: a reference with no labels
        return rng.choice(["", "*"]) + rng.choice([" above", " below", "\nabove", "  below all", " abovex"])
    tail = rng.choice(["", " ", "* ", "\n", "\u00a0"]) + rng.choice(_LABELS)
    for _ in range(rng.randrange(3)):
        tail += rng.choice(_LABEL_SEPS) + rng.choice(_LABELS)
    if rng.random() < 0.3:
        tail += rng.choice([" above", " below", " above all", "\nabove", " of Resolution 71", " of the Convention",
                            ", in its", " of this resolution", " in resolves"])
    return tail


def _piece(rng: random.Random, heads: list[str], real: list[str]) -> str:
    r = rng.random()
    if r < 0.55:
        return _vary(rng, rng.choice(_FRAGMENTS))
    if r < 0.75:
        h = rng.choice(heads)
        if rng.random() < 0.3:
            h = "*" + h + "*"
        if rng.random() < 0.2:
            h = h.replace(" ", rng.choice(["\n", "  ", "\t", "\u00a0"]))
        return _vary(rng, h) + _label_tail(rng)
    if r < 0.87:
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 4)))
    text = rng.choice(real)
    a = rng.randrange(len(text) + 1)
    return text[a:a + rng.randint(1, 60)]


def _compose(rng: random.Random, heads: list[str], real: list[str]) -> str:
    parts = [_piece(rng, heads, real) for _ in range(rng.randint(1, 8))]
    return "".join(p + rng.choice(_SPACES) for p in parts)[:rng.choice([10**6, rng.randint(0, 200)])]


def _mutate(rng: random.Random, text: str, heads: list[str], real: list[str]) -> str:
    """A real text with fragments inserted, slices deleted and characters replaced."""
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(text) + 1)
        op = rng.random()
        if op < 0.5:
            text = text[:i] + _piece(rng, heads, real) + text[i:]
        elif op < 0.7:
            text = text[:i] + text[i + rng.randint(1, 5):]
        else:
            text = text[:i] + rng.choice(_ALPHABET) + text[i + 1:]
    return text


@lru_cache(maxsize=None)
def _generated_texts() -> tuple[str, ...]:
    rng = random.Random(SEED)
    real = [t for t in _real_texts() if t] or ["resolves 1 above"]
    heads = _real_headings() + list(_GENERIC) + ["instructs (the Council)", "preamble"]
    out = [_compose(rng, heads, real) for _ in range(N_GENERATED)]
    out += [_mutate(rng, rng.choice(real), heads, real) for _ in range(N_MUTATED)]
    return tuple(out) + _fragment_texts()


def _fragment_texts() -> tuple[str, ...]:
    """Every fragment alone, in each case, and followed by labels."""
    out = []
    for f in _FRAGMENTS:
        out += [f, f.upper(), f.lower(), f.title(), f.swapcase(), f + " 1 above", f + " b)"]
    return tuple(out)


def _all_texts() -> list[str]:
    return _real_texts() + list(_generated_texts())


def _show(cases, limit=5) -> str:
    return "\n".join(repr(c) for c in cases[:limit]) + (f"\n... {len(cases)} in all" if len(cases) > limit else "")


# ---------------------------------------------------------------------------------------------
# scan.folded


def test_texts_are_there():
    files = _real_files()
    assert len(files) >= 5, "the resolution YAML files were not found"
    assert sum(len(t) for _, t, _ in files) > 500
    assert len(_generated_texts()) > N_GENERATED + N_MUTATED


def test_folded_every_code_point():
    """Every character re.IGNORECASE matches to an ASCII letter folds to that letter."""
    letter = re.compile("[a-z]", re.I)
    bad = []
    for c in map(chr, range(0x110000)):
        if letter.fullmatch(c):
            for a in "abcdefghijklmnopqrstuvwxyz":
                if re.fullmatch(a, c, re.I) and a not in scan.folded(c) + scan.folded("x" + c + "\u00e9"):
                    bad.append((a, c))
    assert not bad, f"case-insensitive matches lost by folded(): {_show(bad)}"


_ASCIIFY = str.maketrans({"\u0130": "I", "\u0131": "i", "\u017f": "s", "\u212a": "K"})
_WORD = re.compile(r"[A-Za-z]+")


def test_folded_keeps_case_insensitive_words():
    rng = random.Random(SEED + 1)
    vocab = sorted({w for f in _FRAGMENTS for w in _WORD.findall(f.translate(_ASCIIFY))})
    bad, checked, matched = [], 0, 0
    for t in _all_texts():
        low = scan.folded(t)
        words = rng.sample(vocab, 3) + ["".join(rng.choice("iIskKStTe") for _ in range(rng.randint(1, 3)))]
        # Words as written in the text, lookalike letters read as the ASCII letters they match.
        for _ in range(3):
            if t:
                a = rng.randrange(len(t))
                words += _WORD.findall(t[a:a + rng.randint(1, 12)].translate(_ASCIIFY))
        for w in words:
            checked += 1
            if re.search(re.escape(w), t, re.I):
                matched += 1
                if w.lower() not in low:
                    bad.append((w, t))
    assert matched > 1000, (checked, matched)
    assert not bad, f"(word, text) matched with re.I but not a substring of folded(text):\n{_show(bad)}"


# ---------------------------------------------------------------------------------------------
# checks.conventions._TEXT_RULES


def _rule_name(i):
    rule, rx = conventions._TEXT_RULES[i][:2]
    return f"{rule} {rx.pattern[:40]!r}"


def test_conventions_may_is_necessary_for_each_text():
    bad, hits = [], [0] * len(conventions._TEXT_RULES)
    texts = _all_texts()
    for t in texts:
        for i, (rule, rx, _, _, may) in enumerate(conventions._TEXT_RULES):
            if rx.search(t):
                hits[i] += 1
                if not may(t):
                    bad.append((_rule_name(i), t))
    assert not bad, f"(rule, text) the regex matches but may(text) is False:\n{_show(bad)}"
    assert all(hits), f"some rule never matched: {[_rule_name(i) for i, h in enumerate(hits) if not h]}"


def test_conventions_may_is_necessary_for_joined_texts():
    rng = random.Random(SEED + 2)
    generated = list(_generated_texts())
    groups = [list(texts) for _, texts, _ in _real_files()]
    groups += [rng.sample(generated, rng.randint(2, 6)) for _ in range(1500)]
    bad = []
    for group in groups:
        joined = "\n".join(group)
        for i, (rule, rx, _, _, may) in enumerate(conventions._TEXT_RULES):
            if any(rx.search(t) for t in group) and not may(joined):
                bad.append((_rule_name(i), group))
    assert not bad, f"(rule, texts) the regex matches one text but not may('\\n'.join(texts)):\n{_show(bad, 3)}"


def test_conventions_starts_find_every_match():
    """Where a rule tries its regex only at the offsets `_STARTS` gives, it finds what finditer
    finds, on the real and generated texts and on texts made of doubled words and spaces."""
    rng = random.Random(SEED + 4)
    words = ["the", "The", "THE", "a", "in", "of", "x1", "_", "ab", "abab", "\u00e9", "\u017f", "\u212a"]
    made = ["".join(rng.choice(words) + rng.choice(_SPACES + [",", ";", ".", " ."]) for _ in range(rng.randint(1, 20)))
            for _ in range(4000)]
    bad, tried = [], 0
    for t in _all_texts() + made:
        for rx, starts in conventions._STARTS.items():
            at = starts(t)
            if at is None:
                continue
            tried += 1
            if [m.span() for m in conventions._matches(rx, t, at)] != [m.span() for m in rx.finditer(t)]:
                bad.append((rx.pattern[:30], t))
    assert tried > 5000 and not bad, f"(rule, text) where the starts miss or add a match:\n{_show(bad)}"


# ---------------------------------------------------------------------------------------------
# citations


def test_normalize_is_the_char_map():
    rng = random.Random(SEED + 3)
    mapped = "".join(map(chr, citations._CHAR_MAP))
    texts = _all_texts() + [c for c in mapped] + ["x" + c + "y" for c in mapped]
    texts += ["".join(rng.choice(mapped + _ALPHABET + "\\]^-") for _ in range(rng.randint(1, 12)))
              for _ in range(1000)]
    bad = [t for t in texts if citations.normalize(t) != t.translate(citations._CHAR_MAP)]
    assert not bad, f"normalize(text) differs from text.translate(_CHAR_MAP):\n{_show(bad)}"


def test_citation_needs_are_necessary():
    bad, hits = [], dict.fromkeys(citations.NEEDS, 0)
    texts = _all_texts()
    for t in texts:
        norm = citations.normalize(t)
        low = scan.folded(norm)
        for rx, (fold, needles) in citations.NEEDS.items():
            if rx.search(norm):
                hits[rx] += 1
                if not scan.holds(low if fold else norm, needles):
                    bad.append((rx.pattern[:40], t))
    assert not bad, f"(pattern, text) the pattern matches but the text lacks every needle:\n{_show(bad)}"
    assert all(hits.values()), [rx.pattern[:40] for rx, n in hits.items() if not n]


def test_citation_folded_patterns_are_necessary():
    """A conference mention is also a match of _MENTION_FOLDED in the folded text, and keyword
    citations are found by trying only where the folded text has a keyword."""
    bad, mentions, heads = [], 0, 0
    for t in _all_texts():
        norm = citations.normalize(t)
        low = scan.folded(norm)
        if len(low) != len(norm):
            continue
        if citations._MENTION.search(norm):
            mentions += 1
            if not citations._MENTION_FOLDED.search(low):
                bad.append(("mention", t))
        every = [m.span() for m in citations._HEAD.finditer(norm)]
        heads += len(every)
        if [m.span() for m in citations._heads(norm, low)] != every:
            bad.append(("keyword", t))
    assert mentions > 100 and heads > 1000, (mentions, heads)
    assert not bad, f"(pattern, text) found in the text but not by the shortcut:\n{_show(bad)}"


def test_citation_parse_same_without_shortcuts(monkeypatch):
    texts = _all_texts()
    fast = [citations.parse(t) for t in texts]
    monkeypatch.setattr(citations, "_may", lambda rx, norm, low: True)
    monkeypatch.setattr(citations, "_confirmed", lambda present, *_: present)
    monkeypatch.setattr(citations, "_heads", lambda norm, low: citations._HEAD.finditer(norm))
    slow = [citations.parse(t) for t in texts]
    bad = [(t, f, s) for t, f, s in zip(texts, fast, slow) if f != s]
    assert sum(map(bool, slow)) > 500
    assert not bad, f"(text, with shortcuts, without) parse differs:\n{_show(bad, 3)}"


def test_citation_parse_many_is_parse_of_each():
    """The check parses all of a resolution's texts together (one substring search through them
    all decides which texts to parse); that must be parse() of each text, for any grouping."""
    from finalacts.checks.rules.citations import _CHECKED

    rng = random.Random(SEED + 9)
    texts = _all_texts()
    groups = [texts[i:i + n] for i, n in ((rng.randrange(len(texts)), rng.randint(1, 40)) for _ in range(600))]
    groups += [list(texts) for _, texts, _ in _real_files()]
    bad = []
    for group in groups:
        for kinds in (None, _CHECKED):
            if citations.parse_many(group, kinds) != [citations.parse(t, kinds) for t in group]:
                bad.append(group)
    assert sum(len(g) for g in groups) > 5000
    assert not bad, f"groups whose texts parse differently together:\n{_show(bad)}"


def test_citation_kinds_skip_only_other_kinds():
    """The citations rule asks parse() for the kinds it examines only; those come out the same."""
    from finalacts.checks.rules.citations import _CHECKED

    texts = _all_texts()
    bad = [t for t in texts
           if [c for c in citations.parse(t) if c.kind in _CHECKED]
           != [c for c in citations.parse(t, _CHECKED) if c.kind in _CHECKED]]
    assert sum(bool(citations.parse(t, _CHECKED)) for t in texts) > 500
    assert not bad, f"texts whose checked citations differ:\n{_show(bad)}"


# ---------------------------------------------------------------------------------------------
# refs.Finder against the old implementation


def _heading_sets() -> list[list[str]]:
    rng = random.Random(SEED + 4)
    real = _real_headings()
    sets = [list(heads) for _, _, heads in _real_files()]
    sets += [
        [],
        ["considering", "resolves", "instructs the Secretary-General"],
        ["recognizing further", "resolves to instruct the Director of the Telecommunication Development Bureau"],
        ["instructs (the Council)", "resolves"],
        ["instructs (the Council)"],
        ["instructs the Secretary-General, in consultation with the Directors of the Bureaux", "considering"],
        ["invites Member States, Sector Members, Associates and Academia", "invites Member States"],
        ["*resolves*", "*considering further*:", "noting.", "  recalling   further ,"],
        ["Resolves", "Considering", "INSTRUCTS THE COUNCIL"],
        ["resolves", "resolves to", "resolves to instruct", "resolves further"],
        ["resolves 2", "a", "considering b)"],
        ["preamble", "Elements for evaluation review of the ITU regional presence"],
        ["\u0130nstructs the Council", "\u017fupports", "\u212aeeps in mind"],
        ["resolves [to] instruct", "notes (with concern)", "decides: that"],
        [", resolves"],
        ["^noting", "]resolves", "\\decides", "\u00dftrange", "-dash heading", "x"],
        ["*", "", "  "],
        list(_GENERIC),
        real,
    ]
    pool = real + list(_GENERIC) + ["instructs (the Council)", "resolves 2", "considering, further"]
    sets += [rng.sample(pool, rng.randint(1, 8)) for _ in range(30)]
    return sets


def _outcome(f, *args):
    try:
        return "ok", f(*args)
    except Exception as e:  # both implementations must fail alike on a heading they cannot use
        return "raises", type(e).__name__


def test_finder_matches_old_implementation():
    rng = random.Random(SEED + 5)
    sets = _heading_sets()
    finders = [(hs, _outcome(Finder, hs), _outcome(_OldFinder, hs)) for hs in sets]
    bad = [(hs, new, old) for hs, new, old in finders
           if new[0] != old[0] or (new[0] == "raises" and new[1] != old[1])]
    assert not bad, f"Finder(headings) and the old one disagree on construction:\n{_show(bad)}"
    usable = [(hs, new[1], old[1]) for hs, new, old in finders if new[0] == "ok"]
    real, generated = _real_texts(), list(_generated_texts())
    # Every real text and every fragment against every set; each generated text against a few sets.
    work = [(t, u) for t in real + list(_fragment_texts()) for u in usable]
    work += [(t, u) for t in generated for u in rng.sample(usable, 3)]
    found = 0
    for text, (hs, new, old) in work:
        a, b = _outcome(new.find, text), _outcome(old.find, text)
        found += bool(a[0] == "ok" and any(r.kind == "section" for r in a[1]))
        if a != b:
            bad.append((hs, text, a, b))
    assert found > 1000, found
    assert not bad, f"(headings, text, new find, old find) differ:\n{_show(bad, 3)}"


def test_finder_find_many_is_old_find_of_each():
    """references checks all of a resolution's texts at once (substring searches through them all
    joined pick the texts worth searching); that must be the old find() of each, for any grouping."""
    rng = random.Random(SEED + 6)
    sets = [hs for hs in _heading_sets() if _outcome(Finder, hs)[0] == "ok"]
    texts = _real_texts() + list(_fragment_texts()) + list(_generated_texts())
    work = [(hs, list(group)) for hs, group in ((heads, texts) for _, texts, heads in _real_files())]
    work += [(rng.choice(sets), texts[i:i + rng.randint(1, 40)]) for i in
             (rng.randrange(len(texts)) for _ in range(1500))]
    bad, found = [], 0
    for hs, group in work:
        many, old = Finder(hs).find_many(group), [_OldFinder(hs).find(t) for t in group]
        found += sum(bool(refs) for refs in old)
        if many != old:
            bad.append((hs, group))
    assert found > 1000, found
    assert not bad, f"(headings, texts) whose references differ when found together:\n{_show(bad, 2)}"
