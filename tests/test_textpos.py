"""textpos.locate: the same positions as a character-by-character walk, in time linear in the text."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from finalacts.corpus import yamlfile
from finalacts.corpus.model import NOWHERE, Pos
from finalacts.corpus.textpos import Source, locate

_ESCAPE_LEN = {"x": 4, "u": 6, "U": 10}


def walk_from_start(source: Source, start: Pos, value: str, offset: int) -> Pos:
    """The walk as it was first written: from the value's start, one character at a time, for
    every offset asked. Quadratic, but plainly right: the reference."""
    if not source.text or not value or start == NOWHERE:
        return start
    s = source.text
    j = source.index(start)
    if j >= len(s):
        return start
    quote = ""
    if s[j] in ">|":
        nl = s.find("\n", j)
        if nl < 0:
            return start
        j = nl + 1
    elif s[j] in "\"'":
        quote = s[j]
        j += 1
    offset = max(0, min(offset, len(value) - 1))
    for k in range(offset + 1):
        ch = value[k]
        step = _match(s, j, ch, quote)
        while step == 0:
            c = s[j] if j < len(s) else ""
            if c == "":
                return start
            if quote == '"' and s.startswith("\\\n", j):
                j += 2
            elif c in " \t\n\r":
                j += 1
            else:
                return start
            step = _match(s, j, ch, quote)
        if k == offset:
            return source.pos(j)
        j += step
        if ch == " ":
            while j < len(s) and s[j] in " \t\n\r" and (k + 1 >= len(value) or value[k + 1] != " "):
                j += 1
    return source.pos(j)


def _match(s: str, j: int, ch: str, quote: str) -> int:
    c = s[j] if j < len(s) else ""
    if not c:
        return 0
    if quote == '"' and c == "\\" and j + 1 < len(s) and s[j + 1] != "\n":
        return _ESCAPE_LEN.get(s[j + 1], 2)
    if quote == '"' and c == '"':
        return 0
    if quote == "'" and c == "'":
        return 2 if ch == "'" and s.startswith("''", j) else 0
    if c == ch:
        return 1
    if ch == " " and c in "\n\r":
        return 1
    return 0


WORDS = ["the", "the", "Union", "ITU-D", "a)", "5.1", ";", ",", "''", "it's", "«x»", "é", "  ", "\t", "x" * 40]


def _scalar(rng: random.Random) -> str:
    """A YAML value of `t:` in one of the styles the corpus uses, with awkward characters."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 60))]
    text = " ".join(w for w in words if w.strip()) or "x"
    style = rng.choice(["plain", "folded", "literal", "double", "single", "wrapped"])
    if style == "folded":
        lines = [text[k:k + 60] for k in range(0, len(text), 60)]
        return ">-\n" + "".join(f"  {line.strip()}\n" for line in lines if line.strip())
    if style == "literal":
        return "|-\n" + "".join(f"  {w}\n" for w in text.split(" ")[:30])
    if style == "double":
        body = text.replace("\\", "\\\\").replace('"', '\\"').replace("é", "\\xe9").replace("«", "\\u00ab")
        return '"' + body.replace(" the ", " the\\\n  ", 2).replace(" a) ", "\n  a) ", 1) + '"'
    if style == "single":
        return "'" + text.replace("'", "''").replace(" Union ", "\n  Union ", 2) + "'"
    if style == "wrapped":  # a plain scalar over several lines, with trailing spaces
        return "  \n  ".join(text[k:k + 50].strip() or "x" for k in range(0, len(text), 50))
    return text if text[0] not in "'\"" else "x " + text


def test_every_offset_where_the_walk_from_the_start_finds_it():
    rng = random.Random(5)
    checked = 0
    for _ in range(300):
        src = "n: 1\nt: " + _scalar(rng) + "\nafter: [x]\n"
        try:
            loaded = yamlfile.load(src.encode("utf-8"), "x.yaml")
        except Exception:  # noqa: BLE001 - a scalar the generator got wrong is simply skipped
            continue
        value, start = loaded.data.get("t"), loaded.positions[("t",)]
        if not isinstance(value, str) or not value:
            continue
        source, reference = Source(loaded.text), Source(loaded.text)
        offsets = list(range(len(value)))
        rng.shuffle(offsets)  # out of order: found in the segments walked, not only extended
        for k in offsets + [len(value) + 5, -1]:
            assert locate(source, start, value, k) == walk_from_start(reference, start, value, k), (src, k)
        checked += 1
    assert checked > 200


def test_a_value_the_source_does_not_spell_falls_back_to_its_start():
    source = Source("t: abc\n")
    assert locate(source, Pos(1, 4), "abd", 2) == Pos(1, 4)
    assert locate(source, Pos(1, 4), "abd", 1) == Pos(1, 5)
    assert locate(None, Pos(1, 4), "abd", 1) == Pos(1, 4)


@pytest.mark.parametrize("size", [200_000, 1_000_000])
def test_a_text_with_tens_of_thousands_of_findings_is_checked(tmp_path, size):
    """Each doubled word is a finding inside one huge title: the walk must not start again from
    the title's start for each one (that took minutes for 200 KB and never ended for 1 MB). The
    timeout is far beyond what a linear walk needs; only a quadratic one reaches it."""
    words = ("the the " * (size // 8)).strip()
    (tmp_path / "resolutions" / "pp").mkdir(parents=True)
    (tmp_path / "resolutions/pp/1.yaml").write_text(
        f"body: PP\nnumber: 1\ntitle: {words}\nadopted: [PP-14]\nsections: []\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "finalacts", "check", "--no-cache", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=240, check=False)
    assert proc.returncode == 0, proc.stderr  # warnings only
    import json

    found = [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "word-doubled"]
    pairs = size // 8
    assert len(found) == pairs
    assert (found[-1]["line"], found[-1]["col"]) == (3, 8 + 8 * (pairs - 1))
