"""The corpus index: which resolutions (and decisions) the corpus holds, by body, kind and number,
with their editions.

Built once per check run, so that citation rules can ask "does the corpus hold PP Resolution 71, and
which conferences adopted it?" without reading any file again. Files are skimmed, not parsed; with
the check cache, a file whose stat data are unchanged since it was last read is not read at all
(its row in the cache says what it holds), so that checking one staged file in a large corpus
costs a `stat` per file and one read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from finalacts.checks import snapshot
from finalacts.checks.cache import Cache, Facts, Stat, digest
from finalacts.corpus.disk import display, open_nofollow, read_bytes
from finalacts.corpus.files import Parsed, parse
from finalacts.corpus.findings import InputError
from finalacts.corpus.model import KINDS, Resolution, stem_of


class Entry(NamedTuple):
    """One resolution (or decision) file as the index sees it."""

    body: str
    number: int | str
    adopted: tuple[str, ...]
    earlier: bool  # its `earlier_editions`: editions before adopted[0] exist
    path: str
    kind: str = "resolution"


class CorpusIndex:
    """Texts by (body, file stem): `("PP", "140")`, `("PP", "decision-11")`; which bodies the corpus
    holds any file of."""

    def __init__(self, known_digest: str | None = None, heads: list | None = None):
        self._entries: dict[tuple[str, str], Entry] | None = None if heads is not None else {}
        self._bodies: set[str] = set()
        # What each file holds, in the corpus's order, until the entries are first asked for: a
        # run whose results all come from the cache never asks (see _from_snapshot).
        self._heads = heads
        # Files to be checked that could not be skimmed and were parsed in full, by shown path, with
        # the digest of the bytes parsed, for `check` to reuse when it reads the same bytes.
        self.parsed: dict[str, tuple[str, Parsed]] = {}
        # The digest of each file's bytes (by absolute path) where the cache knows it or it was read.
        self.digests: dict[str, str] = {}
        # digest() as a run that kept this index computed it (entries are not added to it then).
        self.known_digest = known_digest

    @property
    def entries(self) -> dict[tuple[str, str], Entry]:
        if self._entries is None:
            self._entries = {}
            for head in self._heads:
                if head is not None:
                    self._add(*head)
            self._heads = None
        return self._entries

    @property
    def bodies(self) -> set[str]:
        self.entries  # noqa: B018 - the bodies are those of the entries
        return self._bodies

    def _add(self, body: str, number, adopted, earlier: bool, kind: str, shown: str) -> None:
        """Of two files with one number, the later one is indexed."""
        self._bodies.add(body)
        self._entries[(body, stem_of(kind, number))] = Entry(body, number, tuple(adopted), earlier, shown, kind)

    def add(self, res: Resolution) -> None:
        self.entries  # noqa: B018
        self._add(res.body, res.number, res.adopted, res.earlier_editions, res.kind, res.path)

    def get(self, body: str | None, number, kind: str = "resolution") -> Entry | None:
        return self.entries.get((body or "", stem_of(kind, number)))

    def holds_body(self, body: str | None) -> bool:
        return body in self.bodies

    def digest(self) -> str:
        """A digest of what rules can learn from the index (for the check cache)."""
        if self.known_digest is not None:
            return self.known_digest
        return digest(repr(sorted(self.bodies)), "\n".join(
            f"{b}\t{n}\t{e.number!r}\t{' '.join(e.adopted)}\t{e.earlier:d}\t{e.path}\t{e.kind}"
            for (b, n), e in sorted(self.entries.items())))

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


def build(files: list[Path], root: Path | None, listed: list[tuple[str, os.stat_result]] | None = None,
          cache: Cache | None = None, seen: snapshot.Seen | None = None) -> CorpusIndex:
    """Index the corpus under `root` plus `files`; unreadable files are simply left out.
    `listed` is snapshot.scan(root), and `seen` snapshot.look(...) with the cache, when the caller
    has them already.

    Files are only skimmed for body, number and adopted; a file that cannot be skimmed is parsed in
    full (and kept, when it is one of `files`, for `check` to reuse). With a cache that is on, the
    index of the last run is reused for every file whose stat data are what they were then (see
    _cached), and a file is read whole (the digest of its bytes keys its results) only when it is
    not.
    """
    # The corpus listing comes as absolute path strings already; files named by the user as Paths.
    checked = {p if isinstance(p, str) else os.path.abspath(p) for p in files}
    if listed is None:
        listed = snapshot.scan(root) if root else []
    here = os.path.join(os.getcwd(), "")
    if cache is not None and cache.enabled:
        return _cached(seen or snapshot.look(files, listed, cache, here), here, checked, cache)
    stats = snapshot.listing(files, listed)
    idx = CorpusIndex()
    for p in stats:
        shown = p[len(here):] if p.startswith(here) else display(Path(p))  # display(), without a Path
        try:
            path = Path(p)
            head = _head_of(idx, _read_head(path, shown), path, shown, p in checked, None)
        except InputError:
            continue
        if head:
            idx._add(*head, shown)
    return idx


def _cached(seen: snapshot.Seen, here: str, checked: set[str], cache: Cache) -> CorpusIndex:
    """The index through the cache. The last run's index is kept whole with each file's stat data;
    when every file's are unchanged (and were trusted, racy-clean), it is this run's as it is, read
    in one row, and its entries are decoded only if a rule asks. Otherwise only the files whose
    stat data differ are looked up or read again (one row each, or all rows when many changed).
    When the corpus lists the same files and each of those holds what it held (a text edited
    anywhere but its body, number, adopted and earlier_editions: the usual commit), the index is
    the kept one, digest and all; else it is put together anew from what each file holds."""
    stats, paths, now, kept = seen.stats, seen.paths, seen.now, seen.kept
    if seen.current:
        _, _, digests, heads, known = kept
        idx = CorpusIndex(known_digest=known, heads=heads)
        idx.digests = dict(zip(paths, digests))
        return idx
    same_files = kept is not None and kept[0] == paths
    if same_files:  # by position: a kept stat of None (not trusted) differs from any
        again = [i for i, (old, st) in enumerate(zip(kept[1], now)) if st is None or old != st]
    else:
        before = {} if kept is None else {p: st for p, st in zip(kept[0], kept[1]) if st is not None}
        again = [i for i, (p, st) in enumerate(zip(paths, now)) if st is None or before.get(p) != st]
    facts = cache.facts if len(again) > 64 else cache.facts_of  # all rows at once, or one each
    idx = CorpusIndex()
    fresh = {}  # position -> (what the file holds now, with its shown path; trusted; digest)
    for i in again:
        p = paths[i]
        shown = p[len(here):] if p.startswith(here) else display(Path(p))  # display(), without a Path
        head, trusted = _cached_head(idx, cache, facts, p, shown, stats[p], p in checked)
        fresh[i] = (None if head is None else (*head, shown), trusted, idx.digests.get(p, ""))
    if same_files and all(kept[3][i] == head for i, (head, _, _) in fresh.items()):
        kept_stats, digests, heads, known = list(kept[1]), list(kept[2]), kept[3], kept[4]
        for i, (_, trusted, d) in fresh.items():
            kept_stats[i] = now[i] if trusted else None
            digests[i] = d
        kept_idx = CorpusIndex(known_digest=known, heads=heads)
        kept_idx.parsed = idx.parsed
        kept_idx.digests = {p: d for p, d in zip(paths, digests) if d}
        snapshot.store_changes(cache, here, seen, (paths, kept_stats, digests, heads, known), fresh)
        return kept_idx
    olds = {} if kept is None else {p: (st, d, h) for p, st, d, h in zip(*kept[:4]) if st is not None}
    kept_stats, digests, heads = [], [], []
    for i, (p, st) in enumerate(zip(paths, now)):
        if i in fresh:
            head, trusted, d = fresh[i]
        else:
            _, d, head = olds[p]
            trusted = True
        if d:
            idx.digests[p] = d
        if head is not None:
            idx._add(*head)
        kept_stats.append(st if trusted else None)
        digests.append(d)
        heads.append(head)
    snapshot.store(cache, here, (paths, kept_stats, digests, heads, idx.digest()))
    return idx


def _head_of(idx: CorpusIndex, raw: bytes, path: Path, shown: str, checked: bool, known: str | None):
    """(body, number, adopted, earlier, kind) of a file, skimmed, else parsed (the whole file is read then, and
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
    return (m.body, m.number, tuple(m.adopted), m.earlier_editions, m.kind) if isinstance(m, Resolution) else None


def _cached_head(idx: CorpusIndex, cache: Cache, facts, p: str, shown: str, st, checked: bool):
    """(the index's view of one file, whether its stat data may be trusted next time) through the
    cache: its row (`facts`) when the file is unchanged, else one read of the whole file, whose
    digest and view are recorded. Not trusted: racy, changed while read, unreadable."""
    try:
        st = st or os.stat(p)
    except OSError:
        return None, False
    found = facts(p, Stat.of(st))
    if found is not None:
        try:
            head = _decode_head(found.head)
        except (ValueError, IndexError):
            pass  # a row this code did not write: read the file
        else:
            idx.digests[p] = found.digest
            return head, True
    cache.before_read()
    try:
        with os.fdopen(open_nofollow(p), "rb") as f:  # a link: read_bytes in check says so
            before = os.fstat(f.fileno())
            raw = f.read()
            after = os.fstat(f.fileno())
    except OSError:
        return None, False  # unreadable: `check` says why
    d = digest(raw)
    idx.digests[p] = d
    try:
        head = _head_of(idx, raw, Path(p), shown, checked, d)
    except InputError:
        return None, False
    same = Stat.of(before) == Stat.of(after) == Stat.of(st)
    return head, cache.store_facts(p, Stat.of(after) if same else None, Facts(d, _encode_head(head)))


def _encode_head(head) -> str:
    """(body, number, adopted, earlier, kind) as the cache keeps it: quicker to read back than JSON."""
    if head is None:
        return ""
    body, number, adopted, earlier, kind = head
    return "\t".join((body, ("i" if isinstance(number, int) else "s") + str(number), " ".join(adopted),
                      "e" if earlier else "", kind))


def _decode_head(text: str):
    """The inverse of _encode_head; ValueError for a row in another format (the file is read again)."""
    if not text:
        return None
    body, number, adopted, earlier, kind = text.split("\t")
    if earlier not in ("", "e") or kind not in KINDS:
        raise ValueError(earlier)
    return body, int(number[1:]) if number[0] == "i" else number[1:], tuple(adopted.split()), earlier == "e", kind


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


_TOP = re.compile(r"^(body|kind|number|adopted|earlier_editions|proposals):[ \t]*(.*?)[ \t]*(?:[ \t]#.*)?$", re.M)
_ID = re.compile(r"[A-Z]+-(?:\d{2}|\d{4})")


def skim(raw: bytes) -> tuple[str, int | str, tuple[str, ...], bool, str] | None:
    """(body, number, adopted, earlier_editions, kind) read from a canonical resolution file's top-level lines.

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
    earlier = found.pop("earlier_editions", "false")
    kind = found.pop("kind", "resolution")
    if kind not in KINDS:
        return None
    if set(found) != {"body", "number", "adopted"} or earlier not in ("true", "false"):
        return None  # YAML's other spellings of a boolean are for the loader
    body, number, adopted = found["body"], found["number"], found["adopted"]
    if not re.fullmatch(r"[A-Z]+", body) or not (adopted.startswith("[") and adopted.endswith("]")):
        return None
    ids = [x.strip() for x in adopted[1:-1].split(",") if x.strip()]
    if not all(_ID.fullmatch(x) for x in ids):
        return None
    if re.fullmatch(r"[1-9]\d{0,17}", number):  # a longer one is for the loader to refuse
        return body, int(number), tuple(ids), earlier == "true", kind
    if re.fullmatch(r"[A-Z][A-Za-z]*-\d+", number):
        return body, number, tuple(ids), earlier == "true", kind
    return None
