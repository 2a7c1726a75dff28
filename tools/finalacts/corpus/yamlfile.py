"""Reading and writing corpus YAML: a fast, safe load with positions, and the canonical layout.

Loading builds plain data straight from the events of libyaml's parser (ruamel.yaml.clib, driven
directly rather than through ruamel's loader classes), so `check` never pays for the round-trip
loader nor for a node tree. It keeps the position of every key and value and rejects what the
format never needs: duplicate keys, anchors and aliases, tags.

Writing is our own emitter: keys in canonical order, long texts folded at WIDTH, comments put back
where they were. `dump` output is verified by loading it again (see `format_text`). Given the line
breaks a text had before (`line_breaks`), a folded text keeps them where its words are unchanged,
so an edit changes only the lines it touches, not the rest of the paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, NamedTuple

from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.model import KEY_ORDER, Pos, child_kind

MAX_BYTES = 2 * 1024 * 1024  # the largest ITU resolution with annexes is well under 200 KB
# Limits on what a file may hold, so that no input (a pull request's files are untrusted) can make
# a command recurse without end or build a number Python refuses to print. Real texts nest items
# four or five levels (about a dozen levels of YAML) and number nothing beyond four digits.
MAX_DEPTH = 64
MAX_DIGITS = 100
WIDTH = 100

_T = "tag:yaml.org,2002:"


@dataclass
class Loaded:
    """A loaded YAML document: plain data plus where each value and key sits."""

    data: Any
    positions: dict[tuple, Pos]
    key_positions: dict[tuple, Pos]
    text: str = ""


def _fail(path: str, line: int, col: int, rule: str, message: str, hint: str = "") -> InputError:
    return InputError(Finding(path, line, col, rule, "error", message, hint))


def decode(raw: bytes, path: str) -> str:
    """Bytes to text, refusing oversized files and invalid UTF-8 with the offending position."""
    if len(raw) > MAX_BYTES:
        return _raise(_fail(path, 1, 1, "input-too-large",
                            f"file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit",
                            "split the text, or move large annexes into their own files"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, e.start) + 1:e.start].decode("utf-8", "replace")) + 1
        return _raise(_fail(path, line, col, "input-encoding",
                            f"invalid UTF-8 byte 0x{raw[e.start]:02x}",
                            "save the file as UTF-8"))
    return text[1:] if text.startswith("\ufeff") else text


def _raise(e: Exception):
    raise e


# Most scalars are words of text, which can never be a number, boolean or null: they are strings at
# once. Only a plain scalar that starts as a number can, or is one of these words in any case, goes
# to the resolver.
_IMPLICIT_START = frozenset("0123456789+-.~<=")
_IMPLICIT_WORDS = frozenset(w for word in ("null", "true", "false", "yes", "no", "on", "off", "y", "n")
                            for w in (word, word.upper(), word.title()))


@lru_cache(maxsize=1)
def _libyaml():
    """libyaml's parser (ruamel.yaml.clib), its event classes, and ruamel's YAML 1.2 resolver of
    plain scalars (see to_data for the many it is not asked about)."""
    from _ruamel_yaml import CParser
    from ruamel.yaml import events
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    resolver = VersionedResolver()

    def resolve(value: str, implicit: tuple) -> str:
        return str(resolver.resolve(ScalarNode, value, implicit))

    return CParser, events, resolve


def _pos(mark) -> Pos:
    return _new_pos(Pos, (mark.line + 1, mark.column + 1))


# Pos(line, col) without the Python-level __new__ of a NamedTuple: twice as fast, for every node.
_new_pos = tuple.__new__


def _scalar(tag: str, v: str, at: Pos, path: str):
    """The value of a plain scalar, given the tag the resolver gave it (never one written in the file)."""
    if tag == _T + "str" or tag == _T + "timestamp":
        return v
    # ruamel's number patterns also match digit-less words such as "+_": those stay text.
    if tag == _T + "int":
        digits = v.replace("_", "")
        if len(digits) > MAX_DIGITS:
            raise _Refusal(_fail(path, at.line, at.col, "input-limit",
                                 f"a number of {len(digits):,} digits, over the limit of {MAX_DIGITS}",
                                 "numbers in the format are short; quote the value if it is text"))
        try:
            return int(digits, 0)
        except ValueError:
            stripped = digits.lstrip("+-").lstrip("0")
            return int(digits[:1] + stripped if digits[:1] == "-" else stripped or "0") \
                if digits.lstrip("+-").isdigit() else v
    if tag == _T + "float":
        f = v.replace("_", "").lower()
        try:
            return float(f.replace(".inf", "inf").replace(".nan", "nan"))
        except ValueError:
            return v
    if tag == _T + "bool":
        return v.lower() in ("true", "yes", "on", "y")
    if tag == _T + "null":
        return None
    raise _tag(path, at, tag)


def _tag(path: str, at: Pos, tag: str) -> _Refusal:
    """The refusal of a tag, named as it is usually written (`!!str` rather than its full name)."""
    shown = "!!" + tag[len(_T):] if tag.startswith(_T) else tag
    return _Refusal(_fail(path, at.line, at.col, "input-tag", f"tag {shown} is not allowed",
                          "remove the tag; values are plain strings, numbers and lists"))


class _Refusal(Exception):
    """What the format refuses in a file libyaml can parse: an anchor (`anchor` is its name), a
    tag, a duplicate key, a key that is no word, too deep a nesting. Reported in this order: first
    an error of libyaml's own anywhere in the file, then the first anchor, then the first other
    refusal (see _reported)."""

    def __init__(self, error: InputError, anchor: str | None = None):
        super().__init__(error)
        self.error, self.anchor = error, anchor


_NO_ANCHORS = "write the text out in full; the format uses no anchors or aliases"


def _too_deep(path: str, at: Pos) -> _Refusal:
    return _Refusal(_fail(path, at.line, at.col, "input-limit",
                          f"nesting deeper than {MAX_DEPTH} levels",
                          "items nest a few levels at most; check the indentation"))


def _at(path: str, event, rule: str, message: str, hint: str) -> InputError:
    at = _pos(event.start_mark)
    return _fail(path, at.line, at.col, rule, message, hint)


def _alias(path: str, event) -> InputError:
    return _at(path, event, "input-alias", "found undefined alias", _NO_ANCHORS)


def _anchor(path: str, event) -> _Refusal:
    return _Refusal(_at(path, event, "input-alias", f"anchor &{event.anchor} is not allowed", _NO_ANCHORS),
                    event.anchor)


def _another_document(path: str, event) -> InputError:
    return _at(path, event, "input-syntax", "YAML syntax error: but found another document",
               "a file holds one document: remove the second `---`")


def _reported(get, events, refusal: _Refusal, path: str, text: str) -> InputError:
    """The error to report once `refusal` is found: the rest of the file is read for what comes
    before it. That is an error of libyaml's, an alias to no anchor, an anchor defined twice or a
    second document, whichever comes first; else the first anchor; else `refusal`."""
    anchors = {refusal.anchor} if refusal.anchor else set()
    first = refusal if refusal.anchor else None
    try:
        while True:
            e = get()
            kind = e.__class__
            if kind is events.StreamEndEvent:
                return (first or refusal).error
            if kind is events.DocumentStartEvent:
                return _another_document(path, e)
            name = getattr(e, "anchor", None)
            if name is None:
                continue
            if kind is events.AliasEvent:
                if name not in anchors:
                    return _alias(path, e)
            elif name in anchors:
                return _at(path, e, "input-alias", "second occurrence", _NO_ANCHORS)
            else:
                anchors.add(name)
                first = first or _anchor(path, e)
    except Exception as e:  # libyaml's errors
        return _syntax_error(e, text, path)


def to_data(text: str, path: str, spans: list | None = None, entries: list | None = None) -> Loaded:
    """Parse `text` into plain data with the position of every value and key, refusing anchors,
    aliases, tags and duplicate keys (see _to_data).

    Positions count lines as editors, git and GitHub do: only LF ends a line. libyaml also ends
    one at U+0085, U+2028, U+2029 and a lone CR, even inside a quoted string; a file holding one
    has its positions (and those of any error) mapped back from character offsets.
    """
    if not _odd_break(text):
        return _to_data(text, path, spans, entries)
    lines = _Lines(text)
    try:
        loaded = _to_data(text, path, spans, entries)
    except InputError as e:
        f = e.finding
        at = lines.pos(Pos(f.line, f.col))
        raise InputError(Finding(f.path, at.line, at.col, f.rule, f.severity, f.message, f.hint)) from None
    loaded.positions = {k: lines.pos(v) for k, v in loaded.positions.items()}
    loaded.key_positions = {k: lines.pos(v) for k, v in loaded.key_positions.items()}
    if entries is not None:
        entries[:] = [(lines.pos(at), p) for at, p in entries]
    if spans is not None:
        spans[:] = [(lines.mark(a), lines.mark(b), style, p) for a, b, style, p in spans]
    return loaded


_LONE_CR = re.compile("\r(?!\n)")


def _odd_break(text: str) -> bool:
    """Whether `text` holds a line break of libyaml's other than LF and CRLF: U+0085, U+2028, U+2029
    or a lone CR. Substring tests, where one regex of the four would try at every character."""
    if "\r" in text and _LONE_CR.search(text):
        return True
    return not text.isascii() and ("\x85" in text or "\u2028" in text or "\u2029" in text)


_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class _Mark(NamedTuple):
    line: int  # 0-based, as libyaml's marks
    column: int


class _Lines:
    """From libyaml's lines (ended by any YAML 1.1 line break) to lines ended by LF only."""

    def __init__(self, text: str):
        self.yaml = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]
        self.lf = [0] + [m.end() for m in re.finditer("\n", text)]

    def _at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.lf, index)
        return line, index - self.lf[line - 1] + 1

    def pos(self, at: Pos) -> Pos:
        """Our 1-based position of libyaml's 1-based (line, col)."""
        line = min(max(at.line, 1), len(self.yaml))
        return Pos(*self._at(self.yaml[line - 1] + at.col - 1))

    def mark(self, m) -> _Mark:
        """A libyaml mark (0-based, with its character offset) as a 0-based mark of ours."""
        line, col = self._at(m.index)
        return _Mark(line - 1, col - 1)


def _to_data(text: str, path: str, spans: list | None = None, entries: list | None = None) -> Loaded:
    """Parse `text` into plain data with the position of every value and key, refusing anchors,
    aliases, tags and duplicate keys. Built straight from libyaml's events: no node tree is made.

    When `spans`/`entries` lists are given, scalar spans and entry starts are collected into them
    (for placing comments).
    """
    CParser, ev, resolve = _libyaml()
    scalar, mapping, sequence = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    mapping_end, sequence_end, alias = ev.MappingEndEvent, ev.SequenceEndEvent, ev.AliasEvent
    positions: dict[tuple, Pos] = {}
    key_positions: dict[tuple, Pos] = {}
    parser = CParser(text)
    get = parser.get_event

    def refuse(at: Pos, rule: str, message: str, hint: str) -> _Refusal:
        return _Refusal(_fail(path, at.line, at.col, rule, message, hint))

    def node(e, p: tuple):
        m = e.start_mark
        at = positions[p] = _new_pos(Pos, (m.line + 1, m.column + 1))
        kind = e.__class__
        if e.anchor is not None:
            # Any anchor is refused where it stands, so an alias always names one never defined.
            raise _alias(path, e) if kind is alias else _anchor(path, e)
        if kind is scalar:
            if spans is not None:
                spans.append((e.start_mark, e.end_mark, e.style, p))
            if e.tag is not None:
                # Any tag written in the file, even one that names the type the value would have
                # anyway (`!!str`, `!`): the event carries it, and its mark is where it is written.
                raise _tag(path, at, e.tag)
            v = e.value
            if not e.implicit[0] or (v and v[0] not in _IMPLICIT_START and (len(v) > 5 or v not in _IMPLICIT_WORDS)):
                return v  # text: what most scalars are
            return _scalar(resolve(v, e.implicit), v, at, path)
        if kind is mapping:
            if e.tag is not None:
                raise _tag(path, at, e.tag)
            if len(p) >= MAX_DEPTH:
                raise _too_deep(path, at)
            out: dict[str, Any] = {}
            while True:
                k = get()
                if k.__class__ is mapping_end:
                    return out
                m = k.start_mark
                kp = _new_pos(Pos, (m.line + 1, m.column + 1))
                if k.anchor is not None:
                    raise _alias(path, k) if k.__class__ is alias else _anchor(path, k)
                if k.__class__ is not scalar:
                    raise refuse(kp, "input-syntax", "a key must be a plain word",
                                 "keys are names such as `text:` or footnote markers such as `\"1\":`")
                if k.tag is not None:
                    raise _tag(path, kp, k.tag)
                key = k.value
                sub = p + (key,)
                if key in out:
                    first = key_positions[sub]
                    raise refuse(kp, "input-duplicate-key", f"duplicate key '{key}' (first at line {first.line})",
                                 "remove one of the two; a mapping holds each key once")
                key_positions[sub] = kp
                if spans is not None:
                    spans.append((k.start_mark, k.end_mark, k.style, sub))
                    entries.append((kp, sub))
                v = get()
                if v.__class__ is scalar and v.anchor is None and v.tag is None and spans is None:
                    # node(v, sub) for the commonest value, a plain word of text, without the call.
                    m = v.start_mark
                    at = positions[sub] = _new_pos(Pos, (m.line + 1, m.column + 1))
                    t = v.value
                    if not v.implicit[0] or (t and t[0] not in _IMPLICIT_START
                                             and (len(t) > 5 or t not in _IMPLICIT_WORDS)):
                        out[key] = t
                    else:
                        out[key] = _scalar(resolve(t, v.implicit), t, at, path)
                else:
                    out[key] = node(v, sub)
        if kind is sequence:
            if e.tag is not None:
                raise _tag(path, at, e.tag)
            if len(p) >= MAX_DEPTH:
                raise _too_deep(path, at)
            items: list = []
            while True:
                v = get()
                if v.__class__ is sequence_end:
                    return items
                sub = p + (len(items),)
                if entries is not None:
                    entries.append((_pos(v.start_mark), sub))
                items.append(node(v, sub))
        raise refuse(at, "input-syntax", f"unexpected {kind.__name__}", "")

    try:
        get()  # the stream's start
        if get().__class__ is ev.StreamEndEvent:
            raise _fail(path, 1, 1, "input-empty", "file is empty", "a resolution file starts with `body:`")
        try:
            data = node(get(), ())
        except RecursionError:  # MAX_DEPTH comes first; this is for a caller deep in its own stack
            raise _too_deep(path, Pos(1, 1)) from None
        get()  # the document's end
        after = get()
        if after.__class__ is not ev.StreamEndEvent:
            raise _another_document(path, after)
    except _Refusal as r:
        raise _reported(get, ev, r, path, text) from None
    except InputError:
        raise
    except Exception as e:  # libyaml's errors, raised at the event where parsing stopped
        raise _syntax_error(e, text, path) from None
    finally:
        parser.dispose()
        node = None  # noqa: F841 -- the recursive closure refers to itself: break that cycle, or the
        # positions it holds wait for the cycle collector
    return Loaded(data, positions, key_positions)


def _syntax_error(e: Exception, text: str, path: str) -> InputError:
    """An InputError for an error of the YAML parser, at its position."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if isinstance(e, MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (e.problem or e.context or "invalid YAML").strip()
        src_line = text.split("\n")[line - 1] if line - 1 < text.count("\n") + 1 else ""
        indent = src_line[:len(src_line) - len(src_line.lstrip(" \t"))]
        if "\t" in indent or "tab" in problem:
            tab_col = indent.index("\t") + 1 if "\t" in indent else col
            return _fail(path, line, tab_col, "input-tab", "tab character used for indentation",
                         "indent with spaces only")
        return _fail(path, line, col, "input-syntax", f"YAML syntax error: {problem}",
                     "run `finalacts fmt` on a valid copy to see the expected layout")
    if isinstance(e, YAMLError):
        msg = " ".join(str(e).split())
        m = re.search(r"position (\d+)", msg)
        line, col = 1, 1
        if m:
            off = int(m.group(1))
            line = text.count("\n", 0, off) + 1
            col = off - (text.rfind("\n", 0, off) + 1) + 1
        return _fail(path, line, col, "input-syntax", f"YAML error: {msg}")
    raise e


def load(raw: bytes, path: str) -> Loaded:
    """Decode, parse and convert one file; raises InputError for anything unreadable."""
    text = decode(raw, path)
    loaded = to_data(text, path)
    if not isinstance(loaded.data, dict):
        raise _fail(path, 1, 1, "input-not-mapping",
                    f"top level is a {type(loaded.data).__name__}, not a mapping",
                    "a corpus file is a mapping of keys such as `body:`, `number:`, `sections:`")
    loaded.text = text
    return loaded


# ---------------------------------------------------------------------------------------------
# Comments: found by position outside every scalar, attached to the entry they precede or end.


@dataclass
class Comments:
    header: list[str] = field(default_factory=list)
    lead: dict[tuple, list[str]] = field(default_factory=dict)
    eol: dict[tuple, list[str]] = field(default_factory=dict)
    trailing: list[str] = field(default_factory=list)

    def count(self) -> int:
        return (len(self.header) + sum(map(len, self.lead.values())) + sum(map(len, self.eol.values()))
                + len(self.trailing))


_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")


def find_comments(text: str, path: str) -> tuple[Loaded, Comments]:
    """Load `text` and collect its comments, each attached to an entry path."""
    if "#" not in text:
        return to_data(text, path), Comments()
    spans: list = []
    entries: list = []
    loaded = to_data(text, path, spans, entries)
    lines = text.split("\n")
    busy: dict[int, list[tuple[int, int]]] = {}
    ends: dict[int, list[tuple[int, tuple]]] = {}  # line -> (end col, entry path) of scalars

    def occupy(line, a, b):
        busy.setdefault(line, []).append((a, b))

    for start, end, style, p in spans:
        entry = p
        if style in ("|", ">"):
            header = _BLOCK_HEADER.match(lines[start.line], start.column)
            hend = header.end() if header else start.column + 1
            occupy(start.line, start.column, hend)
            ends.setdefault(start.line, []).append((hend, entry))
            for ln in range(start.line + 1, end.line + (1 if end.column else 0)):
                occupy(ln, 0, 10**9)
            continue
        if start.line == end.line:
            occupy(start.line, start.column, end.column)
        else:
            occupy(start.line, start.column, 10**9)
            for ln in range(start.line + 1, end.line):
                occupy(ln, 0, 10**9)
            occupy(end.line, 0, end.column)
        ends.setdefault(end.line, []).append((end.column, entry))

    c = Comments()
    entry_starts = sorted((pos.line - 1, pos.col - 1, p) for pos, p in entries)
    keys = [(ln, col) for ln, col, _ in entry_starts]
    for ln, line in enumerate(lines):
        if "#" not in line:
            continue
        taken = busy.get(ln, [])
        col = -1
        while True:
            col = line.find("#", col + 1)
            if col < 0:
                break
            if any(a <= col < b for a, b in taken):
                continue
            if col > 0 and line[col - 1] not in " \t":
                continue
            comment = line[col:].rstrip()
            before = [(e, p) for e, p in ends.get(ln, []) if e <= col]
            if before and line[:col].strip():
                _, p = max(before, key=lambda x: x[0])
                c.eol.setdefault(p, []).append(comment)
            else:
                i = bisect.bisect_left(keys, (ln, col))
                if i == 0:
                    c.header.append(comment)  # above the first key: stays at the top of the file
                elif i < len(entry_starts):
                    c.lead.setdefault(entry_starts[i][2], []).append(comment)
                else:
                    c.trailing.append(comment)
            break
    return loaded, c


# ---------------------------------------------------------------------------------------------
# The canonical emitter.

_BOOLNULL = {"y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ""}
_NUMBERISH = re.compile(r"[-+]?[0-9.][0-9a-fA-FxXoObB_.:+eE-]*|[-+]?\.(inf|Inf|INF|nan|NaN|NAN)")
_TIMESTAMP = re.compile(r"\d{4}-\d\d?-\d\d?([Tt ].*)?")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _printable(ch: str) -> bool:
    o = ord(ch)
    return (0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000) \
        and o not in (0xFEFF, 0x2028, 0x2029)


@lru_cache(maxsize=1)
def _unprintable():
    """A character _printable refuses (one regex scan instead of a Python call per character).
    Written as the few ranges refused, not as the complement of those allowed: Python compiles
    a negated class of wide ranges slowly (3 ms, more than formatting a file), these in 0.1 ms."""
    return re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _all_printable(s: str) -> bool:
    return not _unprintable().search(s)


def _plain_ok(s: str, flow: bool = False) -> bool:
    if not s or s != s.strip(" ") or s[0] in _INDICATORS or s.endswith(":"):
        return False
    if ": " in s or " #" in s or not _all_printable(s):
        return False
    if flow and any(ch in s for ch in ",[]{}"):
        return False
    if s.lower() in _BOOLNULL or _NUMBERISH.fullmatch(s) or _TIMESTAMP.fullmatch(s):
        return False
    return not s.startswith(("<<", "=")) and "  " not in s


def _foldable(s: str) -> bool:
    return bool(s) and s[0] != " " and s[-1] != " " and _all_printable(s)


_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _dq(s: str) -> str:
    out = []
    for ch in s:
        if ch in _ESC:
            out.append(_ESC[ch])
        elif _printable(ch):
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02X}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(f"\\U{ord(ch):08X}")
    return '"' + "".join(out) + '"'


_BREAKABLE = re.compile(r"(?<=[^ ]) (?=[^ ])")  # where a folded text may break: one space between words


def _fold(s: str, width: int) -> list[str]:
    """Split at single spaces between non-spaces so that joining with spaces gives `s` back."""
    return _fill(_BREAKABLE.split(s), width)


def _fill(words: list[str], width: int) -> list[str]:
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return lines


def _refold(s: str, before: list[str] | None, width: int) -> list[str]:
    """The lines of `s` folded at `width`, keeping the breaks of `before` (the lines the text had)
    wherever the words on both sides of a break are still there: a line that grew past `width` is
    split, every other line stays as it was."""
    if not before:
        return _fold(s, width)
    words = _BREAKABLE.split(s)
    old: list[str] = []
    cuts: list[int] = []  # a break before old word n
    for line in before:
        if old:
            cuts.append(len(old))
        old.extend(_BREAKABLE.split(line))
    new_of: dict[int, int] = {}
    for a, b, size in SequenceMatcher(None, old, words, autojunk=False).get_matching_blocks():
        new_of.update((a + k, b + k) for k in range(size))
    keep = set()
    for n in cuts:
        if n in new_of:  # words inserted at a break join the line before it
            keep.add(new_of[n])
        elif n - 1 in new_of:
            keep.add(new_of[n - 1] + 1)
    lines: list[str] = []
    start = 0
    for cut in sorted(c for c in keep if 0 < c < len(words)) + [len(words)]:
        lines.extend(_fill(words[start:cut], width))
        start = cut
    return lines


def line_breaks(text: str, loaded: Loaded) -> dict[tuple, list[str]]:
    """The lines of every folded (`>-`) text of `text` (as loaded into `loaded`), by its path: what
    `dump` keeps of the layout a file had. A text whose lines do not join back into its value with
    single spaces (blank or more-indented lines) is left out."""
    if ">" not in text:
        return {}
    lines = text.split("\n")
    out: dict[tuple, list[str]] = {}
    for p, at in loaded.positions.items():
        row = lines[at.line - 1] if at.line <= len(lines) else ""
        if not row.startswith(">", at.col - 1):
            continue
        value = _value_at(loaded.data, p)
        if not isinstance(value, str):
            continue
        body: list[str] = []
        indent = None
        for line in lines[at.line:]:
            stripped = line.lstrip(" ")
            if not stripped:
                break
            here = len(line) - len(stripped)
            if indent is None:
                indent = here
            if here != indent:
                break
            body.append(stripped)
        if body and " ".join(body) == value:
            out[p] = body
    return out


def _value_at(data: Any, path: tuple) -> Any:
    for k in path:
        try:
            data = data[k]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _inline(v: Any, flow: bool = False) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, float):
        # YAML's spellings: Python's repr would write inf and nan, which read back as text.
        return ".nan" if v != v else ("-.inf" if v < 0 else ".inf") if v in (_INF, -_INF) else repr(v)
    if isinstance(v, int):
        return repr(v)
    return v if _plain_ok(v, flow) else _dq(v)


_INF = float("inf")


class _Emitter:
    def __init__(self, comments: Comments | None, breaks: dict[tuple, list[str]] | None = None):
        self.c = comments or Comments()
        self.breaks = breaks or {}
        self.out: list[str] = []

    def lead(self, p: tuple, indent: int):
        for com in self.c.lead.get(p, ()):
            self.out.append(" " * indent + com)

    def eol(self, p: tuple) -> str:
        coms = self.c.eol.get(p, ())
        return ("  " + coms[0]) if coms else ""

    def extra_eol(self, p: tuple, indent: int):
        # More than one end-of-line comment for one entry: the others become leading comments.
        for com in self.c.eol.get(p, ())[1:]:
            self.out.append(" " * indent + com)

    def scalar(self, head: str, v: Any, indent: int, p: tuple):
        self.extra_eol(p, indent)
        if isinstance(v, str):
            fits = len(head) + 1 + len(v) <= WIDTH
            if not (fits and _plain_ok(v)):
                if not fits and _foldable(v):
                    self.out.append(f"{head} >-{self.eol(p)}")
                    lines = _refold(v, self.breaks.get(p), max(WIDTH - indent - 2, 40))
                    self.out.extend(" " * (indent + 2) + ln for ln in lines)
                else:
                    self.out.append(f"{head} {_dq(v)}{self.eol(p)}")
                return
        self.out.append(f"{head} {_inline(v)}{self.eol(p)}")

    def value(self, head: str, v: Any, indent: int, p: tuple, kind: str | None):
        if isinstance(v, dict):
            if not v:
                self.out.append(f"{head} {{}}{self.eol(p)}")
                return
            self.extra_eol(p, indent)
            self.out.append(head + self.eol(p))
            self.mapping(v, indent + 2, p, kind)
        elif isinstance(v, list):
            if self.flow_ok(head, v, p):
                # Read back, a comment after `]` belongs to the last entry (to the list when empty).
                self.extra_eol(p, indent)
                coms = self.c.eol.get(p + (len(v) - 1,), ()) if v else self.c.eol.get(p, ())
                flow = "[" + ", ".join(_inline(x, flow=True) for x in v) + "]"
                self.out.append(f"{head} {flow}" + (f"  {coms[0]}" if coms else ""))
                return
            self.extra_eol(p, indent)
            self.out.append(head + self.eol(p))
            self.sequence(v, indent + 2, p, kind)
        else:
            self.scalar(head, v, indent, p)

    def flow_ok(self, head: str, v: list, p: tuple) -> bool:
        if any(isinstance(x, (dict, list)) for x in v):
            return False
        # A flow list keeps only a comment that reads back where it was: one after the last entry.
        # Any other (before an entry, after one that is not the last, after the key of a list
        # that has entries) stays with its entry in a block list, one entry a line.
        if v and (p in self.c.eol or len(self.c.eol.get(p + (len(v) - 1,), ())) > 1):
            return False
        if any(p + (i,) in self.c.lead or (i < len(v) - 1 and p + (i,) in self.c.eol) for i in range(len(v))):
            return False
        return len(head) + 3 + len(", ".join(_inline(x, flow=True) for x in v)) <= WIDTH

    def mapping(self, d: dict, indent: int, p: tuple, kind: str | None, dash: bool = False):
        order = KEY_ORDER.get(kind or "", ())
        keys = [k for k in order if k in d] + [k for k in d if k not in order]
        for n, k in enumerate(keys):
            kp = p + (k,)
            first = dash and n == 0
            self.lead(kp, indent - 2 if first else indent)
            prefix = " " * (indent - 2) + "- " if first else " " * indent
            self.value(f"{prefix}{_inline(str(k))}:", d[k], indent, kp, child_kind(kind, k))

    def sequence(self, lst: list, indent: int, p: tuple, kind: str | None):
        for i, v in enumerate(lst):
            ip = p + (i,)
            if isinstance(v, dict) and v:
                self.lead(ip, indent)
                self.mapping(v, indent + 2, ip, kind, dash=True)
            elif isinstance(v, list) and v and not self.flow_ok(" " * indent + "-", v, ip):
                self.lead(ip, indent)
                self.extra_eol(ip, indent)
                self.out.append(" " * indent + "-" + self.eol(ip))
                self.sequence(v, indent + 2, ip, None)
            else:
                self.lead(ip, indent)
                self.value(" " * indent + "-", v, indent, ip, kind)


def dump(data: Any, kind: str | None, comments: Comments | None = None,
         breaks: dict[tuple, list[str]] | None = None) -> str:
    """Canonical text of `data` (a mapping of the given kind), with comments put back, and folded
    texts keeping the lines `breaks` gives by path (see `line_breaks`) where their words did not
    change."""
    e = _Emitter(comments, breaks)
    e.out.extend(comments.header if comments else ())
    e.mapping(data, 0, (), kind)
    if comments:
        e.out.extend(comments.trailing)
    return "\n".join(e.out) + "\n"
