"""The citation grammar: every way ITU texts cite resolutions, conferences and other instruments.

`parse(text)` finds citations anywhere in a text and returns them as spans (offsets into the text
as given) with what they cite. Typographic variants never cause a miss: the text is first mapped
character for character (so offsets stay valid) from non-breaking and figure hyphens (U+2010,
U+2011), dashes, no-break and thin spaces, curly quotes and full-width punctuation to plain ASCII,
and keywords are matched in any case ("RESOLUTION 140 (REV. BUSAN, 2014)", "(Rev.BUSAN,2014)").

Kinds:
- `resolution`, `decision`, `opinion`: "Resolution 71 (Rev. Busan, 2014) of this conference",
  "Resolution ITU-R 61 (Rev. Sharm el-Sheikh, 2019)", "Resolution 95 (Rev.WRC-07)",
  "Resolution 75 of WTSA (Rev. Geneva, 2022)", "Resolutions 1332 (Rev. 2011) and 1334 (Rev. 2013)";
- `council`: "Council Resolution 1332", "Resolution 1334 (Modified 2013)", "Resolution 1332 of
  Council 2016", numbers from 1000 up;
- `un`: "UNGA Resolution 70/125", "Resolution 68/302 of the United Nations General Assembly",
  "A/RES/70/1" (and `A/70/125`, which is not a resolution symbol: `recognised` is False);
- `draft`: conference working labels "Resolution WG-PL/9 (Busan, 2014)", "Resolution COM5/4",
  and proposers' placeholders "Resolution [ACP-1]";
- `recommendation`: "Recommendation ITU-T X.1205";
- `wsis`: "§ 102 b) of the Tunis Agenda", "§§ 113-118 of the Tunis Agenda"; `action-line`:
  "WSIS Action Line C5";
- `instrument`: "No. 81 of the Convention", "Article 1 of the ITU Constitution";
- `conference`: a conference named with its place, "the Plenipotentiary Conference (Busan, 2014)",
  "The World Telecommunication Standardization Assembly (New Delhi, 2024)", or by id, "WTDC-14".

Resolving a place against the registry (`locate`) is here too, so checks and importers agree.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from finalacts.corpus.patterns import lazy
from finalacts.language.scan import Joined, folded, holds

# One character in, one character out: offsets into the normalized text are offsets into the input.
_CHAR_MAP = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2002": " ",
    "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u200b": " ",
    "\u3000": " ", "\t": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\uff0c": ",", "\uff08": "(", "\uff09": ")", "\uff1b": ";", "\uff0e": ".", "\uff1a": ":",
})
_CHAR_PAIRS = tuple((chr(a), b) for a, b in _CHAR_MAP.items())
_MAPPED = lazy("[" + re.escape("".join(map(chr, _CHAR_MAP))) + "]")


def normalize(text: str) -> str:
    """The text with typographic variants mapped to ASCII, one character for one (offsets kept)."""
    if text.isascii():  # of the variants, ASCII holds only the tab: no scan of the text
        return text.replace("\t", " ") if "\t" in text else text
    if not _MAPPED.search(text):
        return text  # nothing to map
    # One str.replace per variant the text holds: str.translate with a table looks up every
    # character in Python's dict (0.5 s of a cold check of the shipped texts), replace copies at
    # C speed. No variant maps to another variant, so the order of the replacements is free.
    for variant, plain in _CHAR_PAIRS:
        if variant in text:
            text = text.replace(variant, plain)
    return text


@dataclass(frozen=True)
class Edition:
    """What the parentheses after a number say: '(Rev. Busan, 2014)', '(Rev.WRC-07)', '(Modified 2013)'."""

    raw: str
    rev: bool = False
    city: str | None = None
    year: int | None = None
    conference: str | None = None   # an id written in the text, as in "(Rev.WRC-07)"
    modified: bool = False
    ok: bool = True                 # False: a year is there but the whole is not one edition

    @property
    def place(self) -> str | None:
        return f"{self.city}, {self.year}" if self.city and self.year else None


@dataclass(frozen=True)
class Citation:
    """One citation found in a text: its span, its kind and what it says about the cited text."""

    kind: str
    start: int
    end: int
    text: str
    number: str | None = None
    body: str | None = None          # PP, WTDC, WTSA, RA, WRC, WCIT, Council, UNGA, UN, or None
    body_named: bool = False         # the body is written next to the citation (not inferred)
    edition: Edition | None = None
    this_conference: bool = False
    symbol: str | None = None        # UN document symbol as written
    recognised: bool = True          # UN symbols: a resolution symbol in a recognised form
    sector: str | None = None        # ITU-R, ITU-T, ITU-D
    document: str | None = None      # wsis: Tunis Agenda, ...; instrument: Convention, ...
    paragraphs: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def rev(self) -> bool:
        return bool(self.edition and self.edition.rev)

    @property
    def city(self) -> str | None:
        return self.edition.city if self.edition else None

    @property
    def year(self) -> int | None:
        return self.edition.year if self.edition else None


# ---------------------------------------------------------------------------------------------
# Body names as written after "of (the)" or before "Resolution".

_BODY_NAMES = [
    ("PP", r"(?:ITU\s+)?plenipotentiary\s+conferences?", "PP"),
    ("WTDC", r"world\s+telecommunications?\s+development\s+conferences?", "WTDC"),
    ("WTSA", r"world\s+telecommunications?\s+standardi[sz]ation\s+assembl(?:y|ies)", "WTSA"),
    ("RA", r"(?:ITU\s+)?radiocommunication\s+assembl(?:y|ies)", "RA"),
    ("WRC", r"world\s+radiocommunication\s+conferences?", "WRC"),
    ("WCIT", r"world\s+conference\s+on\s+international\s+telecommunications", "WCIT"),
    ("Council", r"(?:ITU\s+)?council", None),
    ("UNGA", r"(?:united\s+nations|UN)\s+general\s+assembly|general\s+assembly", "UNGA"),
]


@lru_cache(maxsize=1024)
def _body_of(name: str) -> str | None:
    n = " ".join(name.split())
    for body, long, abbr in _BODY_NAMES:
        if (abbr and n in (abbr, abbr + "s")) or re.fullmatch(long, n, re.I):
            return body
    return None


# Long names in any case; abbreviations in capitals only ("RA", not "ra"), and "WTSAs" as printed.
_BODY_ALT = "|".join(f"(?i:{long})" + (f"|{abbr}s?" if abbr else "") for _, long, abbr in _BODY_NAMES)

def _num(named: bool) -> str:
    pat = (r"(?P<num>"
           r"A/(?i:RES)/\d+/\d+(?:\s*\([A-Z]+\))?"          # A/RES/70/1
           r"|A/\d+/[\w.]+"                                  # A/70/125: a document, not a resolution
           r"|\[[A-Z][A-Za-z]*-\d+\]"                        # [ACP-1]
           r"|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*/\d+"              # WG-PL/9, COM5/4, PLEN/2
           r"|\d{1,4}/\d+"                                   # 68/302, 2012/24
           r"|(?P<sector>ITU-?[RTD])\s*(?P<recno>[A-Z]{1,3}\.\d+(?:\.\d+)*|\d+(?:-\d+)?)"
           r"|\d+(?![\w/]|\.\d)"
           r")")
    return pat if named else re.sub(r"\?P<\w+>", "", pat)


# One element of a list after the keyword: number, "of WTSA" (as in seed texts), edition.
_ELEMENT = lazy(
    rf"{_num(True)}(?:\s+of\s+(?P<midbody>PP|WTDC|WTSA|RA|WRC)(?![\w-]))?"
    rf"(?:\s*\((?P<ed>[^()]{{1,80}})\))?")
_HEAD = lazy(
    rf"(?<![\w/-])(?P<kw>(?i:resolution|decision|opinion|recommendation))(?P<pl>(?i:s))?(?![\w-])\.?\s*"
    rf"(?={_num(False)})")
# A body written before the keyword ("UNGA Resolution", "Council Resolution"), looked for only in
# the few characters before a keyword: trying it at every position of every text is slow.
_PRE = lazy(rf"(?<![\w/-])(?P<pre>{_BODY_ALT}|ECOSOC|HRC)(?:\s*\((?:UNGA|ITU)\))?\s+$")
_BARE_SYMBOL = lazy(r"(?<![\w/-])A/(?i:RES)/\d+/\d+")
_SEP = lazy(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_TAIL = lazy(
    rf"\s+of\s+(?:the\s+)?(?:(?P<this>this\s+(?i:conference|assembly))|(?P<ofbody>{_BODY_ALT}))(?![\w-])"
    rf"(?:\s*\((?P<abbr>[A-Z][A-Za-z-]*)\))?(?:\s+(?P<bodyyear>(?:19|20)\d\d)\b)?"
    rf"(?:\s*\((?P<tailed>[^()]{{1,80}})\))?")

_CONF_IDS = r"PP|APP|WTDC|WTSA|WTSC|RA|WRC|WCIT"
_EDITION = lazy(
    rf"(?P<rev>(?i:rev(?:ised)?)\.?\s*)?(?:"
    rf"(?P<conf>(?:{_CONF_IDS})-(?:\d{{4}}|\d\d))"
    rf"|(?P<modified>(?i:modified)\s*)?(?P<yearonly>(?:19|20)\d\d)"
    rf"|(?P<city>[^\W\d_][^\d,;()]*?)\s*,?\s*(?P<year>(?:19|20)\d\d))")


@lru_cache(maxsize=4096)
def parse_edition(raw: str) -> Edition | None:
    """The edition in '(...)' after a number; None when the parentheses say something else."""
    s = " ".join(normalize(raw).split())
    m = _EDITION.fullmatch(s)
    if m:
        year = m["year"] or m["yearonly"]
        city = " ".join(m["city"].split()) if m["city"] else None
        return Edition(raw=raw, rev=bool(m["rev"]), city=city, year=int(year) if year else None,
                       conference=m["conf"], modified=bool(m["modified"]))
    if re.search(r"(?:19|20)\d\d", s):
        # A year, but not one edition: typically "Busan, 2014Dubai, 2018" from flattened tracked
        # changes. Without a year ("Rev.WARC-92") the parentheses are simply not understood.
        return Edition(raw=raw, ok=False)
    return None


def _kind_of(kw: str, num: str, sector: str | None, pre_body: str | None, of_body: str | None,
             bodyyear: bool, before: str) -> tuple[str, str | None]:
    kw = kw.lower()
    if kw == "recommendation":
        return "recommendation", None
    if num.startswith("A/"):
        return "un", "UNGA"
    if not sector and (num.startswith("[") or re.match(r"[A-Z]", num)):
        return "draft", pre_body or of_body
    if "/" in num:
        body = pre_body or of_body
        if body not in ("UNGA",) and re.search(r"(?i)(general\s+assembly|UNGA)\W*$", before):
            body = "UNGA"
        return "un", body if body == "UNGA" else (body or "UN")
    if kw == "decision":
        return "decision", of_body or pre_body
    if kw == "opinion":
        return "opinion", of_body or pre_body
    body = of_body or pre_body
    if sector == "ITU-R" and not body:
        body = "RA"
    if body == "Council" or bodyyear or (not body and not sector and int(re.match(r"\d+", num)[0]) >= 1000):
        return "council", "Council"
    return "resolution", body


def _elements(norm: str, pos: int, plural: bool) -> list[re.Match]:
    """The numbers of one citation: '1332 (Rev. 2011) and 1334 (Rev. 2013)', '45, 47 and 50'."""
    first = _ELEMENT.match(norm, pos)
    if not first:
        return []
    out = [first]
    while True:
        sep = _SEP.match(norm, out[-1].end())
        if not sep:
            break
        nxt = _ELEMENT.match(norm, sep.end())
        # A singular keyword continues only with "and <number> (<edition>)": "Resolution 70/1, 17
        # goals" must not become a second citation.
        if not nxt or not (plural or (nxt["ed"] is not None and "and" in sep[0])):
            break
        if re.match(r"[A-Z\[]", nxt["num"]) and not plural:
            break
        out.append(nxt)
    return out


def _heads(norm: str, low: str | None):
    """_HEAD.finditer(norm), trying only where the folded text `low` has a keyword."""
    if low is None:
        yield from _HEAD.finditer(norm)
        return
    end = 0
    for k in _KEYWORD_FOLDED.finditer(low):
        if k.start() >= end:
            m = _HEAD.match(norm, k.start())
            if m:
                end = m.end()
                yield m


def _cite_spans(norm: str, text: str, present, low: str | None) -> list[Citation]:
    out: list[Citation] = []
    for m in (_heads(norm, low) if _HEAD in present else ()):
        elements = _elements(norm, m.end(), bool(m["pl"]))
        if not elements:
            continue
        tail = _TAIL.match(norm, elements[-1].end())
        pm = _PRE.search(norm, max(0, m.start() - 90), m.start())
        pre = pm["pre"] if pm else None
        head_start = pm.start() if pm else m.start()
        pre_body = (_body_of(pre) if pre and _body_of(pre) else ("UN" if pre in ("ECOSOC", "HRC") else None))
        of_body = _body_of(tail["ofbody"]) if tail and tail["ofbody"] else None
        this = bool(tail and tail["this"])
        before = norm[max(0, head_start - 60):head_start]
        for i, em in enumerate(elements):
            num = em["num"]
            last = i == len(elements) - 1
            mid = _body_of(em["midbody"]) if em["midbody"] else None
            kind, body = _kind_of(m["kw"], num, em["sector"], pre_body or mid, of_body,
                                  bool(tail and tail["bodyyear"]), before)
            if this and kind in ("resolution", "decision", "draft"):
                body = None          # resolved against the citing text's own body by the checks
            ed_raw = em["ed"]
            if ed_raw is None and last and tail and tail["tailed"]:
                ed_raw = tail["tailed"]
            edition = parse_edition(ed_raw) if ed_raw is not None else None
            if edition and edition.conference and not body and not this:
                b = re.match(r"[A-Z]+", edition.conference)[0]
                body = {"APP": "PP", "WTSC": "WTSA"}.get(b, b)
            start = head_start if i == 0 else em.start()
            end = (tail.end() if tail else em.end()) if last else em.end()
            sector = None
            if em["sector"]:
                sector = "ITU-" + em["sector"][-1]
            number = em["recno"] if em["sector"] else num
            symbol, recognised = None, True
            if num.startswith("A/"):
                symbol = num
                recognised = bool(re.match(r"A/(?i:RES)/", symbol))
                parts = re.sub(r"\s*\(.*", "", symbol).split("/")
                number = "/".join(parts[-2:])
            out.append(Citation(
                kind, start, end, text[start:end], number=number, body=body,
                body_named=bool(pre_body or of_body or mid or this or sector == "ITU-R"),
                edition=edition, this_conference=this, symbol=symbol, recognised=recognised, sector=sector,
            ))
    taken = [(c.start, c.end) for c in out]
    for m in (_BARE_SYMBOL.finditer(norm) if _BARE_SYMBOL in present else ()):
        if any(a <= m.start() < b for a, b in taken):
            continue
        sym = m[0]
        out.append(Citation("un", m.start(), m.end(), text[m.start():m.end()],
                            number="/".join(sym.split("/")[-2:]), body="UNGA", body_named=True, symbol=sym))
    return out


_WSIS_DOCS = r"Tunis\s+Agenda|Tunis\s+Commitment|Geneva\s+Declaration\s+of\s+Principles|Geneva\s+Plan\s+of\s+Action"
_PARA = r"\d+[a-z]?(?:\s*\(?[a-z]\))?"
_WSIS = lazy(
    rf"(?P<sign>§§?)\s*(?P<paras>{_PARA}(?:\s*(?:-|to|and|,)\s*{_PARA})*)"
    rf"(?:\s+of\s+the\s+(?P<doc>{_WSIS_DOCS})(?:\s+for\s+the\s+Information\s+Society)?)?")
_ACTION = lazy(r"(?:WSIS\s+)?Action\s+Lines?\s+C\d+(?:\s*(?:,|and|,\s*and)\s*C\d+)*")
_INSTRUMENT = lazy(
    r"(?<![\w-])(?P<what>Nos?\.|(?i:articles?)|Art\.)\s*(?P<paras>\d+[A-Z]?(?:\s*(?:,|and|to|-)\s*\d+[A-Z]?)*)"
    r"\s+of\s+the\s+(?:ITU\s+)?(?P<doc>Convention|Constitution|Radio\s+Regulations|"
    r"International\s+Telecommunication\s+Regulations)")
_MENTION = lazy(
    r"(?<![\w-])(?:(?i:the)\s+)?(?:ITU\s+)?(?P<name>(?i:plenipotentiary\s+conferences?|"
    r"world\s+telecommunications?\s+development\s+conference|"
    r"world\s+telecommunications?\s+standardi[sz]ation\s+assembly|radiocommunication\s+assembly|"
    r"world\s+radiocommunication\s+conference|world\s+conference\s+on\s+international\s+telecommunications))"
    r"(?:\s+of\s+the\s+International\s+Telecommunication\s+Union)?(?:\s*\([A-Z]+\))?"
    r"\s*\((?P<places>[^()]{3,80})\)")
_CONF_ID = lazy(rf"(?<![\w-])(?P<id>(?:{_CONF_IDS})-(?:\d{{4}}|\d\d))(?![\w-])")


# What a text must hold for each pattern to match in it (see scan.py): whether the test is made on
# the folded text (for case-insensitive words), and the strings of which one must be there.
NEEDS = {
    _HEAD: (True, ("resolution", "decision", "opinion", "recommendation")),
    _BARE_SYMBOL: (False, ("A/",)),
    _WSIS: (False, ("§",)),
    _ACTION: (False, ("Action",)),
    _INSTRUMENT: (False, ("Convention", "Constitution", "Radio", "International")),
    _MENTION: (True, ("conference", "assembl")),
    _CONF_ID: (False, tuple(f"{c}-" for c in _CONF_IDS.split("|"))),
}


# The conference-mention pattern tries every position of a text (its start is optional words in
# any case), which is slow on the many texts that say "conference" or "assembly". What it matches,
# in the folded text, this pattern matches too, and it is searched for quickly (it starts with
# one of three lowercase letters): a text where it finds nothing is not scanned.
_MENTION_FOLDED = lazy(
    r"(?:plenipotentiary\s+conferences?|radiocommunication\s+assembly|world\s+(?:"
    r"telecommunications?\s+development\s+conference|telecommunications?\s+standardi[sz]ation\s+assembly|"
    r"radiocommunication\s+conference|conference\s+on\s+international\s+telecommunications))"
    r"(?:\s+of\s+the\s+international\s+telecommunication\s+union)?(?:\s*\([a-z]+\))?\s*\([^()]{3,80}\)")
# Where a keyword citation can start: a keyword, in the folded text.
_KEYWORD_FOLDED = lazy("resolution|decision|opinion|recommendation")


# The patterns of _cite_spans; the kind each pattern of _others finds.
_SPANS = (_HEAD, _BARE_SYMBOL)
_OTHER_KINDS = {_WSIS: "wsis", _ACTION: "action-line", _INSTRUMENT: "instrument", _MENTION: "conference",
                _CONF_ID: "conference"}


@lru_cache(maxsize=64)
def _candidates(kinds: frozenset | None) -> tuple:
    """The patterns parse() tries for these `kinds`."""
    return tuple(rx for rx in NEEDS if kinds is None or rx not in _OTHER_KINDS or _OTHER_KINDS[rx] in kinds)


def _may(rx, norm: str, low: str) -> bool:
    """Whether the text holds what every match of rx holds (see NEEDS)."""
    fold, needles = NEEDS[rx]
    return holds(low if fold else norm, needles)


def _confirmed(present: list, low: str, start: int = 0, end: int | None = None) -> list:
    """`present` less _MENTION when the folded text (low[start:end]) has no mention in it."""
    if _MENTION in present and not _MENTION_FOLDED.search(low, start, len(low) if end is None else end):
        return [rx for rx in present if rx is not _MENTION]
    return present


def _others(norm: str, text: str, present) -> list[Citation]:
    out: list[Citation] = []

    def scan(rx):
        return rx.finditer(norm) if rx in present else ()

    for m in scan(_WSIS):
        out.append(Citation("wsis", m.start(), m.end(), text[m.start():m.end()],
                            document=" ".join(m["doc"].split()) if m["doc"] else None,
                            paragraphs=m["paras"]))
    for m in scan(_ACTION):
        out.append(Citation("action-line", m.start(), m.end(), text[m.start():m.end()],
                            number=",".join(re.findall(r"C\d+", m[0]))))
    for m in scan(_INSTRUMENT):
        out.append(Citation("instrument", m.start(), m.end(), text[m.start():m.end()],
                            document=" ".join(m["doc"].split()), paragraphs=m["paras"],
                            extra={"what": m["what"]}))
    for m in scan(_MENTION):
        body = _body_of(m["name"])
        places = [p for p in re.split(r"\s+and\s+|\s*;\s*", m["places"].strip())]
        eds = [parse_edition(p) for p in places]
        if not eds or any(e is None or not e.ok or not e.place or e.rev for e in eds):
            continue
        for e in eds:
            out.append(Citation("conference", m.start(), m.end(), text[m.start():m.end()],
                                body=body, body_named=True, edition=e))
    for m in scan(_CONF_ID):
        cid = m["id"]
        b = re.match(r"[A-Z]+", cid)[0]
        out.append(Citation("conference", m.start(), m.end(), text[m.start():m.end()],
                            body={"APP": "PP", "WTSC": "WTSA"}.get(b, b), body_named=True,
                            edition=Edition(raw=cid, conference=cid)))
    return out


def parse(text: str, kinds: frozenset[str] | None = None) -> list[Citation]:
    """Every citation in `text`, in order; spans are offsets into `text` itself.

    With `kinds`, patterns that find only other kinds (wsis, action-line, instrument) are not
    tried; the other kinds may still be among the results."""
    if not text:
        return []
    norm = normalize(text)
    low = folded(norm)
    present = [rx for rx in _candidates(kinds) if _may(rx, norm, low)]
    if len(low) != len(norm):  # lowercasing changed the length: offsets would not agree
        return _parse(text, norm, present, None)
    return _parse(text, norm, _confirmed(present, low), low)


def parse_many(texts: list[str], kinds: frozenset[str] | None = None) -> list[list[Citation]]:
    """parse() of each of `texts`, with the tests of NEEDS made on all of them at once: a
    substring search through the joined texts finds the few texts worth parsing, instead of
    testing every text on its own."""
    joined = Joined(texts)
    norm = normalize(joined.text)
    low = folded(norm)
    if len(low) != len(norm):  # lowercasing changed the length: offsets would not agree
        return [parse(t, kinds) for t in texts]
    present: dict[int, list] = {}
    for rx in _candidates(kinds):
        fold, needles = NEEDS[rx]
        for k in joined.holding(needles, low if fold else norm):
            present.setdefault(k, []).append(rx)
    out = []
    for k, t in enumerate(texts):
        if k not in present:
            out.append([])
            continue
        a, b = joined.starts[k], joined.starts[k] + len(t)
        out.append(_parse(t, norm[a:b], _confirmed(present[k], low, a, b), low[a:b]))
    return out


def _parse(text: str, norm: str, present: list, low: str | None) -> list[Citation]:
    """The citations in `text` (`norm` normalized, `low` folded when of the same length) found by
    the patterns `present`."""
    if not present:
        return []
    cites = _cite_spans(norm, text, present, low)
    if any(rx not in _SPANS for rx in present):
        taken = [(c.start, c.end) for c in cites]
        for c in _others(norm, text, present):
            # A conference id inside "(Rev.WRC-07)" or a body name inside a citation's "of the ..."
            # belongs to that citation, not to a second one.
            if any(a <= c.start < b or a < c.end <= b for a, b in taken):
                continue
            cites.append(c)
    return sorted(cites, key=lambda c: (c.start, c.end))


# ---------------------------------------------------------------------------------------------
# Places against the registry.


@lru_cache(maxsize=4096)
def place_key(city: str) -> str:
    """A city reduced to lowercase ASCII letters: 'Addis-Ababa' and 'Addis Ababa' agree."""
    s = unicodedata.normalize("NFKD", normalize(city))
    return "".join(ch for ch in s.casefold() if ch.isalpha() and ord(ch) < 128)


@dataclass(frozen=True)
class Located:
    """What a cited place means: the conference, or why there is none and what was probably meant."""

    conference: object | None = None   # registry.Conference
    problem: str | None = None          # 'misspelt', 'wrong-year', 'wrong-body', 'not-held', 'unknown'
    suggestion: str | None = None       # 'Hammamet, 2016'
    candidates: tuple = ()


@lru_cache(maxsize=4096)
def locate(registry, edition: Edition, body: str | None = None, prefer: str | None = None) -> Located:
    """Resolve an edition to a conference of `body` (any body when None).

    `prefer` is the citing text's own body: an unqualified place that fits it is taken as its own.
    Kept per question: a corpus cites the same few editions thousands of times.
    """
    confs = list(registry.conferences.values())
    if edition.conference:
        c = registry.get(edition.conference)
        if c is None:
            return Located(problem="unknown")
        if body and c.body != body:
            return Located(c, "wrong-body")
        return Located(c, "not-held" if not c.held else None)
    if not edition.place:
        return Located()
    key, year = place_key(edition.city), edition.year
    at_place = [c for c in confs if place_key(c.city) == key and c.year == year]
    if body:
        mine = [c for c in at_place if c.body == body]
        if mine:
            c = mine[0]
            return Located(c, "not-held" if not c.held else None)
        if at_place:
            same_year = [c for c in registry.by_body.get(body, []) if c.year == year]
            return Located(at_place[0], "wrong-body",
                           suggestion=same_year[0].place if same_year else None, candidates=tuple(at_place))
    elif at_place:
        if prefer:
            mine = [c for c in at_place if c.body == prefer]
            if mine:
                at_place = mine
        if len(at_place) == 1:
            c = at_place[0]
            return Located(c, "not-held" if not c.held else None)
        return Located(None, None, candidates=tuple(at_place))
    pool = [c for c in confs if body is None or c.body == body]
    cities = {place_key(c.city): c.city for c in pool}
    if key in cities:
        # A real host city, the wrong year: what did that body hold in that year?
        same_year = [c for c in pool if c.year == year]
        sugg = same_year[0].place if len(same_year) == 1 else None
        return Located(None, "wrong-year", suggestion=sugg, candidates=tuple(same_year))
    close = difflib.get_close_matches(key, list(cities), n=1, cutoff=0.75)
    if close:
        city = cities[close[0]]
        fits = [c for c in pool if c.city == city and c.year == year]
        if fits:
            return Located(fits[0], "misspelt", suggestion=fits[0].place)
        return Located(None, "misspelt", suggestion=f"{city}, {year}")
    return Located(None, "unknown")
