"""The corpus index: which resolutions the corpus holds, by body and number, with their editions.

Built once per check run, so that citation rules can ask "does the corpus hold PP Resolution 71, and
which conferences adopted it?" without reading any file again. Files are skimmed, not parsed; with
the check cache, a file whose stat data are unchanged since it was last read is not read at all
(its row in the cache says what it holds), so that checking one staged file in a large corpus
costs a `stat` per file and one read.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from finalacts.checks.cache import Cache, Facts, Stat, digest
from finalacts.corpus.files import Parsed, display, open_nofollow, parse, read_bytes
from finalacts.corpus.findings import InputError
from finalacts.corpus.layout import CORPUS_DIRS
from finalacts.corpus.members import MEMBERS_FILE
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
    # Files to be checked that could not be skimmed and were parsed in full, by shown path, with
    # the digest of the bytes parsed, for `check` to reuse when it reads the same bytes.
    parsed: dict[str, tuple[str, Parsed]] = field(default_factory=dict, repr=False)
    # The digest of each file's bytes (by absolute path) where the cache knows it or it was read.
    digests: dict[str, str] = field(default_factory=dict, repr=False)
    # digest() as a run that kept this index whole computed it (entries are not added to it then).
    known_digest: str | None = field(default=None, repr=False)

    def add(self, res: Resolution) -> None:
        self.bodies.add(res.body)
        self.entries[(res.body, str(res.number))] = Entry(res.body, res.number, tuple(res.adopted), res.path)

    def get(self, body: str | None, number) -> Entry | None:
        return self.entries.get((body or "", str(number)))

    def holds_body(self, body: str | None) -> bool:
        return body in self.bodies

    def digest(self) -> str:
        """A digest of what rules can learn from the index (for the check cache)."""
        if self.known_digest is not None:
            return self.known_digest
        return digest(repr(sorted(self.bodies)), "\n".join(
            f"{b}\t{n}\t{e.number!r}\t{' '.join(e.adopted)}\t{e.path}" for (b, n), e in sorted(self.entries.items())))

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


def scan(root: Path) -> list[tuple[str, os.stat_result]]:
    """(absolute path, stat) of every corpus file under root, in corpus_files' order: one
    directory listing and one stat per file, which is all a run that reads nothing pays."""
    out: list[tuple[tuple[str, ...], str, os.stat_result]] = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for e in entries:
            try:
                if e.is_symlink():  # listed, never followed: reading it refuses it (as yaml_files)
                    out.append(((*parts, e.name), e.path, e.stat(follow_symlinks=False)))
                elif e.is_dir(follow_symlinks=False):
                    walk(e.path, (*parts, e.name))
                elif e.name.endswith(".yaml"):
                    st = e.stat(follow_symlinks=False)
                    if (st.st_mode & 0o170000) == 0o100000:  # what is_file() keeps
                        out.append(((*parts, e.name), e.path, st))
            except OSError:
                continue

    top = os.path.abspath(root)
    found = []
    for d in CORPUS_DIRS:
        folder = os.path.join(top, d)
        if os.path.islink(folder):
            found.append((folder, os.lstat(folder)))
            continue
        out = []
        walk(folder, ())
        found.extend((p, st) for _, p, st in sorted(out, key=lambda x: x[0]))
    members = os.path.join(top, MEMBERS_FILE)
    try:
        st = os.lstat(members)
    except OSError:
        return found
    if (st.st_mode & 0o170000) in (0o100000, 0o120000):  # a file, or a link refused when read
        found.append((members, st))
    return found


def build(files: list[Path], root: Path | None, listed: list[tuple[str, os.stat_result]] | None = None,
          cache: Cache | None = None) -> CorpusIndex:
    """Index the corpus under `root` plus `files`; unreadable files are simply left out.
    `listed` is scan(root) when the caller has it already.

    Files are only skimmed for body, number and adopted; a file that cannot be skimmed is parsed in
    full (and kept, when it is one of `files`, for `check` to reuse). With a cache that is on, a
    file is read whole (the digest of its bytes keys its results) unless the cache's row for it
    is still good, and what was read is recorded for the next run.
    """
    # The corpus listing comes as absolute path strings already; files named by the user as Paths.
    named = [p if isinstance(p, str) else os.path.abspath(p) for p in files]
    checked = set(named)
    stats: dict[str, os.stat_result | None] = {}
    if listed is None:
        listed = scan(root) if root else []
    for p, st in listed:
        stats.setdefault(p, st)
    for p in named:  # in order: of two files with one number, the later one is indexed
        stats.setdefault(p, None)
    caching = cache is not None and cache.enabled
    here = os.path.join(os.getcwd(), "")
    sig = _signature(stats, here) if caching else None
    if sig is not None:
        idx = _from_snapshot(cache, sig, named, stats)
        if idx is not None:
            return idx
    idx = CorpusIndex()
    trusted = [sig is not None]  # whether every file's row is trusted: the index may be kept whole
    for p, st in stats.items():
        shown = p[len(here):] if p.startswith(here) else display(Path(p))  # display(), without a Path
        if caching:
            head = _cached_head(idx, cache, p, shown, st, p in checked, trusted)
        else:
            try:
                path = Path(p)
                head = _head_of(idx, _read_head(path, shown), path, shown, p in checked, None)
            except InputError:
                continue
        if head:
            body, number, adopted = head
            idx.bodies.add(body)
            idx.entries[(body, str(number))] = Entry(body, number, tuple(adopted), shown)
    if trusted[0]:
        cache.store_snapshot(sig, json.dumps([idx.digest(), sorted(idx.bodies), [
            [e.body, e.number, list(e.adopted), e.path] for e in idx.entries.values()]], ensure_ascii=False))
    return idx


def _signature(stats: dict[str, os.stat_result | None], here: str) -> str | None:
    """A digest of every file's path and stat data (and of the folder paths are shown from):
    the key of the index kept whole. None when a file cannot be stat'ed."""
    parts = [here]
    for p, st in stats.items():
        if st is None:
            try:
                st = stats[p] = os.stat(p)
            except OSError:
                return None
        parts.append(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
    return digest("\n".join(parts))


def _from_snapshot(cache: Cache, sig: str, named: list[str], stats) -> CorpusIndex | None:
    """The index as a run kept it whole when every file's stat data are what they were then and
    every file was trusted (racy-clean, see cache.py), so that a run checking one file reads one
    row for the index and one row per file it checks, not one row per corpus file. None when there
    is none, or a checked file's own row is gone (then the index is built file by file)."""
    text = cache.snapshot(sig)
    if text is None:
        return None
    try:
        known, bodies, entries = json.loads(text)
        idx = CorpusIndex(known_digest=known)
        idx.bodies.update(bodies)
        for body, number, adopted, shown in entries:
            idx.entries[(body, str(number))] = Entry(body, number, tuple(adopted), shown)
    except (ValueError, TypeError):
        return None
    facts = cache.facts if len(named) > 64 else cache.facts_of  # all rows at once, or one each
    for p in named:
        found = facts(p, Stat.of(stats[p]))
        if found is None:
            return None
        idx.digests[p] = found.digest
    return idx


def _head_of(idx: CorpusIndex, raw: bytes, path: Path, shown: str, checked: bool, known: str | None):
    """(body, number, adopted) of a file, skimmed, else parsed (the whole file is read then, and
    kept when it is to be checked); None when it is no resolution."""
    head = skim(raw)
    if head is not None:
        return head
    if known is None:  # only the start was read
        raw = read_bytes(path, shown)
        known = digest(raw)
    parsed = parse(raw, shown)
    if checked:
        idx.parsed[shown] = (known, parsed)
    m = parsed.model
    return (m.body, m.number, tuple(m.adopted)) if isinstance(m, Resolution) else None


def _cached_head(idx: CorpusIndex, cache: Cache, p: str, shown: str, st, checked: bool, trusted: list[bool]):
    """The index's view of one file through the cache: its row when the file is unchanged, else
    one read of the whole file, whose digest and view are recorded. `trusted[0]` is set false
    when the file's row is not trusted (racy, changed while read, unreadable)."""
    try:
        st = st or os.stat(p)
    except OSError:
        trusted[0] = False
        return None
    facts = cache.facts(p, Stat.of(st))
    if facts is not None:
        try:
            head = _decode_head(facts.head)
        except (ValueError, IndexError):
            pass  # a row this code did not write: read the file
        else:
            idx.digests[p] = facts.digest
            return head
    cache.before_read()
    try:
        with os.fdopen(open_nofollow(p), "rb") as f:  # a link: read_bytes in check says so
            before = os.fstat(f.fileno())
            raw = f.read()
            after = os.fstat(f.fileno())
    except OSError:
        trusted[0] = False
        return None  # unreadable: `check` says why
    d = digest(raw)
    idx.digests[p] = d
    try:
        head = _head_of(idx, raw, Path(p), shown, checked, d)
    except InputError:
        trusted[0] = False
        return None
    same = Stat.of(before) == Stat.of(after) == Stat.of(st)
    if not cache.store_facts(p, Stat.of(after) if same else None, Facts(d, _encode_head(head))):
        trusted[0] = False
    return head


def _encode_head(head) -> str:
    """(body, number, adopted) as the cache keeps it: quicker to read back than JSON."""
    if head is None:
        return ""
    body, number, adopted = head
    return "\t".join((body, ("i" if isinstance(number, int) else "s") + str(number), " ".join(adopted)))


def _decode_head(text: str):
    if not text:
        return None
    body, number, adopted = text.split("\t")
    return body, int(number[1:]) if number[0] == "i" else number[1:], tuple(adopted.split())


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
