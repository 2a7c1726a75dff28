"""The corpus index: which resolutions the corpus holds, by body and number, with their editions.

Built once per check run from the parsed files, so that citation rules can ask "does the corpus
hold PP Resolution 71, and which conferences adopted it?" without reading any file again. It also
keeps each file's parse result, which `check` reuses instead of parsing the file a second time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from finalacts.checks.cache import digest
from finalacts.corpus.files import Parsed, corpus_files, display, open_nofollow, parse, read_bytes
from finalacts.corpus.findings import InputError
from finalacts.corpus.model import Resolution


@dataclass(frozen=True)
class Entry:
    """One resolution file as the index sees it."""

    body: str
    number: int | str
    adopted: tuple[str, ...]
    path: str


@dataclass
class CorpusIndex:
    """Resolutions by (body, number); which bodies the corpus holds any file of."""

    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    bodies: set[str] = field(default_factory=set)
    # Files that could not be skimmed and were parsed in full, by shown path, for `check` to reuse.
    parsed: dict[str, Parsed] = field(default_factory=dict, repr=False)

    def add(self, res: Resolution) -> None:
        self.bodies.add(res.body)
        self.entries[(res.body, str(res.number))] = Entry(res.body, res.number, tuple(res.adopted), res.path)

    def get(self, body: str | None, number) -> Entry | None:
        return self.entries.get((body or "", str(number)))

    def holds_body(self, body: str | None) -> bool:
        return body in self.bodies

    def digest(self) -> str:
        """A digest of what rules can learn from the index (for the check cache)."""
        return digest(repr(sorted(self.bodies)), repr(sorted(self.entries.items())))

    def find_number(self, number: str) -> list[Entry]:
        """Entries with this number in any body (drafts such as ACP-1)."""
        return [e for (b, n), e in self.entries.items() if n == str(number)]


def from_models(models) -> CorpusIndex:
    """An index of the given resolution models (anything else is ignored)."""
    idx = CorpusIndex()
    for m in models:
        if isinstance(m, Resolution):
            idx.add(m)
    return idx


def build(files: list[Path], root: Path | None, listed: list[Path] | None = None) -> CorpusIndex:
    """Index the corpus under `root` plus `files`; unreadable files are simply left out.
    `listed` is corpus_files(root) when the caller has it already.

    Files are only skimmed for body, number and adopted, so that checking one staged file in a
    large corpus stays quick; a file that cannot be skimmed is parsed in full (and kept, for
    `check` to reuse).
    """
    checked = {os.path.abspath(p) for p in files}
    paths: dict[str, None] = {}
    if listed is None:
        listed = corpus_files(root) if root else []
    for p in [*listed, *files]:
        paths.setdefault(os.path.abspath(p), None)
    idx = CorpusIndex()
    for p in paths:
        path = Path(p)
        shown = display(path)
        try:
            raw = _read_head(path, shown)
        except InputError:
            continue
        head = skim(raw)
        if head is not None:
            body, number, adopted = head
            idx.bodies.add(body)
            idx.entries[(body, str(number))] = Entry(body, number, adopted, shown)
            continue
        try:
            raw = read_bytes(path, shown)
        except InputError:  # not a regular file after all (a FIFO): `check` reports it
            continue
        parsed = parse(raw, shown)
        if p in checked:
            idx.parsed[shown] = parsed
        if isinstance(parsed.model, Resolution):
            idx.add(parsed.model)
    return idx


_HEAD_BYTES = 8192


def _read_head(path: Path, shown: str) -> bytes:
    """The file's bytes up to its `sections:` line when that comes early, else the whole file:
    a skim needs no more, and reading only the start keeps indexing a large corpus quick."""
    try:
        with os.fdopen(open_nofollow(path), "rb") as f:  # a link is refused by read_bytes below
            start = f.read(_HEAD_BYTES)
            return start if b"\nsections:" in start else start + f.read()
    except OSError:
        return read_bytes(path, shown)  # raises InputError saying why


_TOP = re.compile(r"^(body|number|adopted|proposals):[ \t]*(.*?)[ \t]*(?:[ \t]#.*)?$", re.M)
_ID = re.compile(r"[A-Z]+-(?:\d{2}|\d{4})")


def skim(raw: bytes) -> tuple[str, int | str, tuple[str, ...]] | None:
    """(body, number, adopted) read from a canonical resolution file's top-level lines.

    None when the file does not look like one (a block-style list, quotes, a manifest, bad bytes):
    the caller then parses it in full.
    """
    # The canonical layout puts body, number and adopted before `sections:`; looking no further
    # keeps indexing a large corpus cheap. Anything else falls back to a full parse.
    end = raw.find(b"\nsections:")
    try:
        text = raw[:end if end >= 0 else len(raw)].decode("utf-8")
    except UnicodeDecodeError:
        return None
    found: dict[str, str] = {}
    for m in _TOP.finditer(text):
        if m[1] in found or m[1] == "proposals":
            return None
        found[m[1]] = m[2]
    if set(found) != {"body", "number", "adopted"}:
        return None
    body, number, adopted = found["body"], found["number"], found["adopted"]
    if not re.fullmatch(r"[A-Z]+", body) or not (adopted.startswith("[") and adopted.endswith("]")):
        return None
    ids = [x.strip() for x in adopted[1:-1].split(",") if x.strip()]
    if not all(_ID.fullmatch(x) for x in ids):
        return None
    if re.fullmatch(r"[1-9]\d{0,17}", number):  # a longer one is for the loader to refuse
        return body, int(number), tuple(ids)
    if re.fullmatch(r"[A-Z][A-Za-z]*-\d+", number):
        return body, number, tuple(ids)
    return None
