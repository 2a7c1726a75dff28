"""What every importer produces and the importer reports: paragraphs, and how one paragraph reads.

Every importer turns its input into `Para`s: the paragraph's words with our inline markup
(`*italic*`, `[^1]`), its source line, and the ITU paragraph style when the input has one. The
`Builder` gathers what a reading of them reports (findings, unplaced text, derived lines); the
result is an `ImportResult`. A paragraph's label (`a)`, `5.1`, `–`) and whether it is a section
heading are read here, since every part of the text needs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from finalacts.corpus.findings import Finding
from finalacts.corpus.model import Resolution
from finalacts.importer import marks
from finalacts.language import labels


@dataclass
class Para:
    """One paragraph of the input: text with inline markup, where it was, its ITU style if any."""

    line: int
    text: str
    style: str | None = None          # resno, restitle, call, enumlev1, enumlev2, preamble, annexno, annextitle
    table: list[list[str]] | None = None
    raw: str | None = None            # the source line as it was, for columns in findings
    end: int = 0                      # the last source line it covers, when it was joined from several
    picture: bool = False             # it holds a picture (a Word drawing), which the format does not hold

    def col(self, needle: str, default: int = 0, nth: int = 0) -> int:
        """1-based column of the nth `needle` in the source line (or in the text)."""
        for hay in (self.raw, self.text):
            at = -1
            for _ in range(nth + 1):
                at = hay.find(needle, at + 1) if hay is not None and needle else -1
                if at < 0:
                    break
            if at >= 0:
                return at + 1
        return default + 1


@dataclass
class Unplaced:
    """Source text the importer could not put into the model."""

    line: int
    text: str
    reason: str


@dataclass
class Derived:
    """A header line the registry derives; `source` is what the input said, `derived` what we render."""

    line: int
    source: str
    derived: str


@dataclass
class ImportResult:
    """A resolution read from an input, with everything the user must be told about the reading."""

    path: str
    resolution: Resolution
    findings: list[Finding] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    placed: set[int] = field(default_factory=set)
    first_line: int = 1
    last_line: int = 1
    footnote_marks: dict[str, str] = field(default_factory=dict)   # extraction id -> mark imported
    source: str = ""                  # the text the words are compared with (lossless.coverage)
    markdown: bool = False


_SUF = "(?:" + labels.SUFFIX + "(?![a-z]))?"  # b)bis, 1bis.1: an item inserted after another
LABEL_RX = re.compile(
    r"^\s*(?P<num>\(?[a-z]{1,3}\)" + _SUF + r"|\(?[ivxl]{4,6}\)|\d{1,4}" + _SUF + r"(?:\.\d{1,3}" + _SUF
    + r")*\.?(?= *\t)|\d{1,4}(?:\.\d{1,3})*(?= +[a-z])"
    r"|\d{1,3}\)(?=\s)|[\u2013\u2014\u2022\u00b7](?=\s)|-(?=\t)|-(?= +\S))[ \t]*\t?[ \t]*(?P<text>\S.*)?$")
HEADING_WORDS = ("recalling", "considering", "noting", "recognizing", "recognising", "taking", "bearing",
                 "emphasizing", "emphasising", "endorsing", "resolves", "instructs", "invites", "requests",
                 "calls", "encourages", "urges", "decides", "further", "also", "aware", "mindful",
                 "acknowledging", "welcoming", "reaffirming", "convinced", "concerned", "stressing",
                 "highlighting", "affirming", "underlining", "appreciating", "observing", "having",
                 "expressing", "guided", "referring", "keeping", "in", "agrees", "approves", "adopts")
TERMINAL = tuple(";,.:!?")
_DASHES = {"\u2013": "\u2013", "\u2014": "\u2013", "-": "\u2013", "\u2022": "\u2022", "\u00b7": "\u2022"}


def clean(text: str) -> str:
    """Collapse whitespace; no-break spaces and hyphens become plain ones."""
    text = text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def split_label(text: str) -> tuple[str | None, str]:
    """('a)', 'rest') when the paragraph starts with an item label, else (None, text)."""
    text = text.replace("\u00a0", " ")
    head = re.match(r"\s*\S+", text)
    if head and "*" in head.group(0):  # a label in italics, whole or in part: "*a)*", "*b)bis*", "1*bis*.1"
        plain = head.group(0).replace("*", "")
        if LABEL_RX.match(plain + text[head.end():]):
            text = plain + text[head.end():]
    m = LABEL_RX.match(text)
    if not m or not m.group("text") and m.group("num") in _DASHES:
        return None, text
    num = m.group("num")
    if num.endswith(".") and "\t" not in text[:m.end("num") + 2]:
        return None, text
    return _DASHES.get(num, num), m.group("text") or ""


def label_class(num: str | None) -> str:
    if num is None:
        return "none"
    if num in ("\u2013", "\u2022"):
        return num
    if num[0].isdigit():
        return "number"
    if re.fullmatch(r"\(?(?=[ivxl])(x{0,3})(ix|iv|v?i{0,3})\)", num):
        return "roman?"
    return "letter"


def is_heading(text: str) -> bool:
    """An italic section heading in plain text: short, lower-case, no closing punctuation."""
    t = clean(text)
    if not t or not t[0].islower() or t.endswith(TERMINAL):
        return False
    first = t.split()[0]
    if first in HEADING_WORDS or any(first.startswith(w) and first[len(w):] in HEADING_WORDS
                                     for w in HEADING_WORDS):
        return len(t) <= 320 and len(t.split()) <= 45
    return first.endswith(("ing", "s")) and len(t) <= 120 and len(t.split()) <= 15


class Builder:
    def __init__(self, path: str, registry, footnotes: dict[str, str]):
        self.path = path
        self.registry = registry
        self.footnotes = footnotes
        self.findings: list[Finding] = []
        self.unplaced: list[Unplaced] = []
        self.derived: list[Derived] = []
        self.placed: set[int] = set()

    def warn(self, line: int, col: int, rule: str, message: str, hint: str = "", severity: str = "warning"):
        self.findings.append(Finding(self.path, line, col, rule, severity, message, hint))

    def scan(self, p: Para, text: str):
        """Warn at each flattened revision mark in `text` (a paragraph of the source)."""
        for col, word, reason in marks.scan_text(text):
            self.warn(p.line, p.col(word, col, text[:col].count(word)), marks.RULE,
                      f"{word!r}: {reason}; cannot be split automatically, kept as is",
                      "edit the text to the wording you mean (import the .docx to get both versions)")

    def unplace(self, p: Para, reason: str):
        if clean(p.text) or p.table:
            text = p.text if not p.table else " ".join(c for row in p.table for c in row)
            self.unplaced.append(Unplaced(p.line, text, reason))
