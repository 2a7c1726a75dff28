"""Redline fidelity: the rendered MOD flattened as the human editor's document was, compared with it."""


from __future__ import annotations

import difflib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from finalacts import git
from finalacts.corpus.findings import UsageError
from finalacts.corpus.registry import load_registry
from finalacts.redline import text_lines
from finalacts.render.document import END_LINE
from finalacts.render.sources import resolution_at

FIDELITY_SEED = "tests/fixtures/seeds/000_43c449ac4a075b0d.txt"
FIDELITY_SET = "CHN/140"
FIDELITY_START = re.compile(r"RESOLUTION\s+140\b")  # \s: the seed has a no-break space there


# ---------------------------------------------------------------- redline fidelity


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WORD = re.compile(r"\w+", re.UNICODE)


def flatten_docx(path: Path) -> list[str]:
    """Each body paragraph's text with every revision kept and no marks: deleted and inserted words
    in document order, as a plain-text extraction of a tracked-changes Word file gives them."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{_W}p"):
        parts = []
        for el in p.iter(f"{_W}t", f"{_W}delText", f"{_W}tab"):
            parts.append("\t" if el.tag == f"{_W}tab" else (el.text or ""))
        out.append("".join(parts))
    return out


def resolution_part(paragraphs: list[str], start: re.Pattern = FIDELITY_START) -> str:
    """The paragraphs from the title line of the resolution to the end of its text."""
    first = next((i for i, p in enumerate(paragraphs) if start.match(p.upper())), None)
    if first is None:
        return ""
    part = []
    for p in paragraphs[first:]:
        if p.strip() == END_LINE or p.startswith("Reasons"):
            break
        part.append(p)
    return "\n".join(part)


def words(text: str) -> list[str]:
    """Words for the comparison: letters and digits, case folded (the seed sets some words in capitals)."""
    return [w.casefold() for w in _WORD.findall(text)]


def fidelity(flattened: str, human: str) -> float:
    """difflib's ratio of the two word sequences: 1.0 when the redline marks exactly what the human did."""
    return difflib.SequenceMatcher(None, words(flattened), words(human), autojunk=False).ratio()


def seed_annex(seed_text: str, start: re.Pattern = FIDELITY_START) -> str:
    """Seed 000's annex from the title line of the resolution (the MOD marker and cover pages left out)."""
    lines = seed_text.splitlines()
    first = next((i for i, ln in enumerate(lines) if start.match(ln.strip().upper())), None)
    if first is None:
        raise UsageError(f"{FIDELITY_SEED}: no line matches {start.pattern!r}")
    # "[bookmark: _Toc…]" is the extraction's, not the editor's (examples/NOTES.md drops it too).
    return re.sub(r"\[bookmark: [^\]]*\]", "", "\n".join(lines[first:]))


@dataclass
class Fidelity:
    """The redline's word-level similarity to the human editor's flattened document, with two
    baselines: the new text alone and the old text alone (what a redline that lost every deleted,
    or every inserted, word would score)."""

    ratio: float
    new_only: float
    old_only: float


def measure_fidelity(dest: Path, src: Path, docx: Path, base: str, head: str, key: str = "pp/140") -> Fidelity:
    """Flatten the rendered MOD like seed 000 was flattened and compare it with the seed's annex."""

    human = seed_annex((src / FIDELITY_SEED).read_text(encoding="utf-8"))
    repo = git.open_repo(dest)
    reg = load_registry()
    old, new = resolution_at(repo, base, key), resolution_at(repo, head, key)
    return Fidelity(fidelity(resolution_part(flatten_docx(docx)), human),
                    fidelity("\n".join(text_lines(new, reg)), human),
                    fidelity("\n".join(text_lines(old, reg)), human))


