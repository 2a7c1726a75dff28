"""The corpus as the last run saw it: every file's stat data, taken in one pass (`scan`), and the
corpus index that run kept whole for exactly those stat data (one row of the check cache).

For each file in the corpus's order the kept index holds its path, its stat data (None when they
were not trusted, see cache.py), the digest of its bytes and what it holds (body, number, adopted,
earlier_editions, kind and its shown path, or None), and then the index's digest. index.py builds and
writes it; this module lists the corpus and reads it back, and imports nothing that reads a file
into the model: a run whose files' stat data are all as kept (`Seen.current`) learns the index's
digest and every file's digest here, which is all its cached results are keyed by.

A run that finds only a few files changed, each still holding what the index takes from it (a
commit's usual edit: see index.py), keeps their new stat data and digests as a small second row,
the changes, instead of writing the whole index again; they are read back with it. The changes
name the kept index they apply to by its token (made anew whenever the whole index is written)
and each file by its path: changes left by another run, to another index, are never applied.

marshal: the quickest to read back of the standard library's formats, for 5,000 rows at every run.
"""

from __future__ import annotations

import marshal
import os
import sys
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from finalacts.checks.cache import Cache
from finalacts.corpus.layout import CORPUS_DIRS, MEMBERS_FILE

_SNAPSHOT = "index-3"
_CHANGES_KEPT = 64  # files changed since the index was written whole, beyond which it is written again


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


def read(cache: Cache, here: str) -> tuple[tuple, str, dict] | None:
    """((paths, stats, digests, heads, digest) as index.py stored them, with the changes kept since
    applied; the kept index's token; those changes by position); None for anything else."""
    sig = key(here)
    rows = cache.snapshots(sig, sig + ":changes")
    try:
        kept = marshal.loads(rows[sig])
    except (KeyError, ValueError, EOFError, TypeError):
        return None
    if not (isinstance(kept, tuple) and len(kept) == 6 and all(isinstance(x, list) for x in kept[:4])
            and len({len(x) for x in kept[:4]}) == 1 and isinstance(kept[4], str) and isinstance(kept[5], str)
            and all(h is None or (type(h) is tuple and len(h) == 6) for h in kept[3])):
        return None
    paths, stats, digests, heads, digest, token = kept
    changes = _changes(rows.get(sig + ":changes"), token, paths)
    for i, (_, st, d) in changes.items():
        stats[i], digests[i] = st, d
    return (paths, stats, digests, heads, digest), token, changes


def _changes(blob, token: str, paths: list[str]) -> dict[int, tuple]:
    """The changes kept for the index of this token, by position: (path, stat, digest), each for
    the file the index holds at that position; none for another index's, or anything else."""
    try:
        kept = marshal.loads(blob) if isinstance(blob, bytes) else None
    except (ValueError, EOFError, TypeError):
        return {}
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == token and isinstance(kept[1], list)):
        return {}
    out = {}
    for change in kept[1]:
        if not (type(change) is tuple and len(change) == 4 and type(change[0]) is int):
            return {}
        i, path, st, d = change
        if not (0 <= i < len(paths) and paths[i] == path and isinstance(d, str)
                and (st is None or (type(st) is tuple and len(st) == 4))):
            return {}
        out[i] = (path, st, d)
    return out


def store(cache: Cache, here: str, rows: tuple) -> None:
    """Keep the index whole: (paths, stats, digests, heads, digest), as `read` gives them back,
    under a new token (which the changes kept for the last one do not have)."""
    cache.store_snapshot(key(here), marshal.dumps((*rows, os.urandom(12).hex())))


def store_changes(cache: Cache, here: str, seen: Seen, rows: tuple, changed: dict[int, tuple]) -> None:
    """Keep `rows`, which differ from the index `seen` read (its heads and digest kept) only in the
    stat data and digests of the files at the positions `changed`: as the changes, when those
    since it was written whole are few, else whole."""
    paths, stats, digests = rows[:3]
    changes = {**seen.changes, **{i: (paths[i], stats[i], digests[i]) for i in changed}}
    if seen.token is None or len(changes) > _CHANGES_KEPT:
        store(cache, here, rows)
        return
    listed = [(i, *changes[i]) for i in sorted(changes)]
    cache.store_snapshot_changes(key(here) + ":changes", marshal.dumps((seen.token, listed)))


@dataclass
class Seen:
    """The files an index covers as this run sees them, and the index the last run kept (None when
    there is none, or no cache); index.py builds on it when it is not current."""

    stats: dict[str, os.stat_result | None]  # `listing`, with the stat data `stat_all` took
    paths: list[str]
    now: list[tuple | None]
    kept: tuple | None
    token: str | None = None   # the kept index's (see `read`)
    changes: dict[int, tuple] = field(default_factory=dict)  # kept since it was written whole

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
    found = read(cache, here)
    if found is None:
        return Seen(stats, paths, now, None)
    return Seen(stats, paths, now, *found)
