"""The corpus as the last run saw it: every file's stat data, taken in one pass (`scan`), and the
corpus index that run kept whole for exactly those stat data (one row of the check cache).

For each file in the corpus's order the kept index holds its path, its stat data (None when they
were not trusted, see cache.py), the digest of its bytes and what it holds (body, number, adopted,
earlier_editions, kind and its shown path, or None), and then the index's digest. index.py builds and
writes it; this module lists the corpus and reads it back, and imports nothing that reads a file
into the model: a run whose files' stat data are all as kept (`Seen.current`) learns the index's
digest and every file's digest here, which is all its cached results are keyed by.

marshal: the quickest to read back of the standard library's formats, for 5,000 rows at every run.
"""

from __future__ import annotations

import marshal
import os
import sys
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from finalacts.checks.cache import Cache
from finalacts.corpus.layout import CORPUS_DIRS, MEMBERS_FILE

_SNAPSHOT = "index-2"


def scan(root: Path) -> list[tuple[str, os.stat_result]]:
    """(absolute path, stat) of every corpus file under root, in corpus_files' order: one
    directory listing and one stat per file, which is all a run that reads nothing pays."""

    def walk(folder: str, out: list) -> None:
        # Each folder's entries by name, a folder's files where its name falls: the order of
        # sorted paths, without sorting them whole.
        try:
            entries = sorted(os.scandir(folder), key=attrgetter("name"))
        except OSError:
            return
        for e in entries:
            try:
                if e.is_symlink():  # listed, never followed: reading it refuses it (as yaml_files)
                    out.append((e.path, e.stat(follow_symlinks=False)))
                elif e.is_dir(follow_symlinks=False):
                    walk(e.path, out)
                elif e.name.endswith(".yaml"):
                    st = e.stat(follow_symlinks=False)
                    if (st.st_mode & 0o170000) == 0o100000:  # what is_file() keeps
                        out.append((e.path, st))
            except OSError:
                continue

    top = os.path.abspath(root)
    found = []
    for d in CORPUS_DIRS:
        folder = os.path.join(top, d)
        if os.path.islink(folder):
            found.append((folder, os.lstat(folder)))
            continue
        walk(folder, found)
    members = os.path.join(top, MEMBERS_FILE)
    try:
        st = os.lstat(members)
    except OSError:
        return found
    if (st.st_mode & 0o170000) in (0o100000, 0o120000):  # a file, or a link refused when read
        found.append((members, st))
    return found


def listing(files: list, listed: list[tuple[str, os.stat_result]]) -> dict[str, os.stat_result | None]:
    """The files an index covers, by absolute path, each once: the corpus listing's (`scan`) with
    their stat data, then those of `files` outside it (None: not stat'ed yet), in that order."""
    stats: dict[str, os.stat_result | None] = {}
    for p, st in listed:
        stats.setdefault(p, st)
    for p in files:  # in order: of two files with one number, the later one is indexed
        # The corpus listing comes as absolute path strings already; files named by the user as Paths.
        stats.setdefault(p if isinstance(p, str) else os.path.abspath(p), None)
    return stats


def stat_all(stats: dict[str, os.stat_result | None]) -> tuple[list[str], list[tuple | None]]:
    """The paths of `listing` and their stat data as the kept index holds them (as cache.Stat); a
    file outside the listing is stat'ed here, its entry in `stats` filled in (None: it cannot be)."""
    for p, st in stats.items():
        if st is None:
            try:
                stats[p] = os.stat(p)
            except OSError:
                pass
    now = [None if st is None else (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
           for st in stats.values()]
    return list(stats), now


def key(here: str) -> str:
    """The kept index's row: shown paths are relative to the current folder, and marshal's format
    is Python's own."""
    return f"{_SNAPSHOT}:{sys.version_info[0]}.{sys.version_info[1]}:{here}"


def read(cache: Cache, here: str) -> tuple | None:
    """(paths, stats, digests, heads, digest) as index.py stored them; None for anything else."""
    blob = cache.snapshot(key(here))
    if not isinstance(blob, bytes):
        return None
    try:
        kept = marshal.loads(blob)
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(kept, tuple) and len(kept) == 5 and all(isinstance(x, list) for x in kept[:4])
            and len({len(x) for x in kept[:4]}) == 1 and isinstance(kept[4], str)
            and all(h is None or (type(h) is tuple and len(h) == 6) for h in kept[3])):
        return None
    return kept


def store(cache: Cache, here: str, rows: tuple) -> None:
    """Keep the index whole: (paths, stats, digests, heads, digest), as `read` gives them back."""
    cache.store_snapshot(key(here), marshal.dumps(rows))


@dataclass
class Seen:
    """The files an index covers as this run sees them, and the index the last run kept (None when
    there is none, or no cache); index.py builds on it when it is not current."""

    stats: dict[str, os.stat_result | None]  # `listing`, with the stat data `stat_all` took
    paths: list[str]
    now: list[tuple | None]
    kept: tuple | None

    @property
    def current(self) -> bool:
        """Whether the kept index is this run's as it is: the same files, every one's stat data as
        they were, and trusted then (racy-clean, see cache.py)."""
        kept = self.kept
        return kept is not None and kept[0] == self.paths and kept[1] == self.now and None not in self.now

    def digests(self) -> dict[str, str]:
        """The digest of each file's bytes, by absolute path, from a current kept index."""
        return dict(zip(self.paths, self.kept[2]))


def look(files: list, listed: list[tuple[str, os.stat_result]], cache: Cache, here: str) -> Seen:
    """The listing plus `files` with their stat data, and the index kept for the current folder."""
    stats = listing(files, listed)
    paths, now = stat_all(stats)
    return Seen(stats, paths, now, read(cache, here))
