"""A content-addressed cache of per-file check results, read per entry.

Never stale: a result's key digests everything its findings depend on (the digest of the file's
bytes and its shown path, the corpus index, the configuration, and the finalacts code and data in
use), so a change to any of them simply misses.

Everything lives in one SQLite database, `.finalacts-cache/cache.sqlite3`, read per entry, so a
run that checks one file reads one result however large the corpus and however many findings the
others have:

- `files`: what one read of each corpus file found (the digest of its bytes and what the corpus
  index takes from it), with the file's size, modification and change times and inode at that
  read. A later run trusts those the way git trusts its index: a file whose stat data are
  unchanged is not read again. The racy-clean rule keeps that safe: a row is trusted only when
  the file's times are older than the run that wrote it (the modification time of
  `.finalacts-cache/stamp`, written before any file was read), since a file changed again within
  the same tick of the file system's clock would keep its stat data. Such a file is read and
  digested again, and its row rewritten, until it is old enough.
- `results`: findings by key, and beside them the same findings as the human format prints them
  (their lines, the number of each severity and the (rule, severity) pairs: reporters.Shown),
  which a run whose results are cached writes as they are.
- `snapshot`: the corpus index kept whole, and the changes kept since (snapshot.py).
- `shipped`: the registries finalacts ships, as parsed and validated, one row each, keyed by the
  digest of their bytes and of the code (shipped.py).
- `formatted`: per file, the key of the bytes `finalacts fmt` last found in the canonical layout
  (workflows/canonical.py).

A run writes its new rows in one transaction at the end; a reader sees the previous state or the
new one. A run over the whole corpus also drops the rows it did not use, so old ones do not pile
up. A database that cannot be read or written is set aside: the cache only ever costs time.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

try:  # hashlib's own blake2b, without loading OpenSSL (2-3 ms of every check's start) for it
    from _blake2 import blake2b
except ImportError:  # a Python without the module
    from hashlib import blake2b

DIRNAME = ".finalacts-cache"
DBNAME = "cache.sqlite3"
_VERSION = 9
_FLUSH_BYTES = 8 << 20  # results written once this much is waiting
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER,
                                  ino INTEGER, trusted INTEGER, digest TEXT, head TEXT);
CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, errors INTEGER, warnings INTEGER, infos INTEGER,
                                    kinds TEXT, lines BLOB, findings TEXT);
CREATE TABLE IF NOT EXISTS snapshot (sig TEXT PRIMARY KEY, index_data TEXT);
CREATE TABLE IF NOT EXISTS shipped (name TEXT PRIMARY KEY, key TEXT, data BLOB);
CREATE TABLE IF NOT EXISTS formatted (path TEXT PRIMARY KEY, key TEXT);
CREATE TABLE IF NOT EXISTS complete (salt TEXT, empty BLOB);
"""


def digest(*parts: bytes | str) -> str:
    h = blake2b(digest_size=20)
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


@lru_cache(maxsize=None)
def code_salt() -> str:
    """A digest of the installed finalacts code and data (paths, sizes, modification times).
    Listed with os.scandir: a start-up cost of every check, which pathlib's rglob doubles."""
    pkg = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    data = os.path.join(pkg, "corpus", "data")
    parts = []

    def walk(folder: str, rel: str) -> None:
        for e in os.scandir(folder):
            if e.is_dir(follow_symlinks=False):
                if e.name != "__pycache__":
                    walk(e.path, f"{rel}/{e.name}")
            elif e.name.endswith(".py") or folder == data:
                st = e.stat()
                parts.append(f"{rel}/{e.name}:{st.st_size}:{st.st_mtime_ns}")
    walk(pkg, "finalacts")
    return digest(*sorted(parts))


@dataclass(frozen=True)
class Stat:
    """The stat data a file's row is trusted by."""

    size: int
    mtime: int
    ctime: int
    ino: int

    @classmethod
    def of(cls, st: os.stat_result) -> Stat:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@dataclass(frozen=True)
class Facts:
    """What one read of a file found: the digest of its bytes and the index's view of it (a JSON
    text, or "" when the index takes nothing from the file)."""

    digest: str
    head: str


class Cache:
    """<corpus root>/.finalacts-cache/cache.sqlite3; a no-op when there is no root or it is off."""

    def __init__(self, root: Path | None, enabled: bool = True):
        self.dir = (root / DIRNAME) if (root is not None and enabled) else None
        self._db: sqlite3.Connection | None = None
        self._rows: dict[str, tuple] | None = None
        self._stamp: int | None = None
        self._new_files: dict[str, tuple] = {}
        self._new_results: dict[str, tuple] = {}
        self._used: set[str] = set()
        self._empty: set[str] = set()  # keys held with no findings, as has_many saw them
        self._broken = False  # the file there is no database of ours: replaced when saving
        self._pending = 0     # bytes of results not written yet
        self._paths: set[str] = set()
        self._new_snapshot: tuple[str, bytes] | None = None
        self._new_changes: tuple[str, bytes] | None = None
        self._new_shipped: dict[str, tuple[str, bytes]] = {}
        self._new_formatted: dict[str, str] = {}
        self._new_complete: tuple[str, bytes] | None = None
        self._complete: tuple[str, bytes] | None = None  # the record complete() read

    @property
    def enabled(self) -> bool:
        return self.dir is not None

    # ------------------------------------------------------------ opening

    def _open(self) -> sqlite3.Connection | None:
        if self._db is None and self.dir is not None:
            path = self.dir / DBNAME
            if not path.exists():
                return None  # nothing cached yet; created when there is something to save
            try:
                db = sqlite3.connect(path, timeout=5, isolation_level=None)
                if db.execute("PRAGMA user_version").fetchone()[0] != _VERSION:
                    db.close()
                    self._broken = True
                    return None
                db.execute("SELECT 1 FROM files LIMIT 1").fetchall()
                db.execute("SELECT 1 FROM results LIMIT 1").fetchall()
                db.execute("SELECT 1 FROM snapshot LIMIT 1").fetchall()
                db.execute("SELECT 1 FROM shipped LIMIT 1").fetchall()
                db.execute("SELECT 1 FROM formatted LIMIT 1").fetchall()
                db.execute("SELECT 1 FROM complete LIMIT 1").fetchall()
            except sqlite3.OperationalError as e:
                # Busy past the timeout (another run is writing): a miss this time. Anything else:
                # not a database of ours.
                self._broken = "locked" not in str(e) and "busy" not in str(e)
                return None
            except sqlite3.Error:
                self._broken = True  # not a database, or another version's: a miss, replaced when saving
                return None
            self._db = db
        return self._db

    def _query(self, sql: str, args: tuple = ()) -> list:
        db = self._open()
        if db is None:
            return []
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.Error:
            return []

    # ------------------------------------------------------------ the files

    def facts(self, path: str, stat: Stat) -> Facts | None:
        """What the last read of `path` found, when its stat data say it has not changed since."""
        if self._rows is None:
            self._rows = {r[0]: r[1:] for r in self._query("SELECT * FROM files")}
        row = self._rows.get(path)
        return self._trusted(row, stat)

    def facts_of(self, path: str, stat: Stat) -> Facts | None:
        """`facts` for a run that asks about a few files: one query each, not one for all rows."""
        if self._rows is not None:
            return self.facts(path, stat)
        rows = self._query("SELECT * FROM files WHERE path = ?", (path,))
        return self._trusted(rows[0][1:] if rows else None, stat)

    @staticmethod
    def _trusted(row, stat: Stat) -> Facts | None:
        if row is None or not row[4] or tuple(row[:4]) != (stat.size, stat.mtime, stat.ctime, stat.ino):
            return None
        return Facts(row[5], row[6])

    def snapshots(self, *sigs: str) -> dict[str, bytes]:
        """The rows of the corpus index a run kept whole for exactly these files' stat data, and
        of the changes kept since, by signature (see snapshot.py)."""
        if self.dir is None:
            return {}
        return dict(self._query(f"SELECT sig, index_data FROM snapshot WHERE sig IN ({','.join('?' * len(sigs))})",
                                sigs))

    def store_snapshot(self, sig: str, data: bytes) -> None:
        """Keep the index whole (one row: the last one stored replaces the others, changes too)."""
        if self.dir is not None:
            self._new_snapshot, self._new_changes = (sig, data), None

    def store_snapshot_changes(self, sig: str, data: bytes) -> None:
        """Keep the changes to the index kept whole (their row replaces the last changes only)."""
        if self.dir is not None and self._new_snapshot is None:
            self._new_changes = (sig, data)

    def before_read(self) -> None:
        """Call before reading a file whose facts will be stored: the time it is trusted against."""
        if self._stamp is not None or self.dir is None:
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            stamp = self.dir / "stamp"
            stamp.write_bytes(b"")
            self._stamp = stamp.stat().st_mtime_ns
        except OSError:
            self._stamp = -1  # nothing will be trusted

    def store_facts(self, path: str, stat: Stat | None, facts: Facts) -> bool:
        """Record what a read of `path` found; `stat` is None when the file changed during the read.
        The row is trusted only when the file's times are older than this run (racy-clean); whether
        it is is returned."""
        if self.dir is None:
            return False
        trusted = stat is not None and self._stamp is not None and max(stat.mtime, stat.ctime) < self._stamp
        s = stat or Stat(-1, -1, -1, -1)
        row = (s.size, s.mtime, s.ctime, s.ino, int(trusted), facts.digest, facts.head)
        if self._rows is None or self._rows.get(path) != row:
            self._new_files[path] = row
        return trusted

    # ------------------------------------------------------------ the registries shipped

    def shipped(self, name: str, key: str) -> bytes | None:
        """A registry finalacts ships as parsed from the bytes and code of `key` (see shipped.py)."""
        if self.dir is None:
            return None
        rows = self._query("SELECT data FROM shipped WHERE name = ? AND key = ?", (name, key))
        return rows[0][0] if rows else None

    def keep_shipped(self, name: str, key: str, data: bytes) -> None:
        """Keep a registry as parsed (one row per registry: the last one kept replaces the other)."""
        if self.dir is not None:
            self._new_shipped[name] = (key, data)

    # ------------------------------------------------------------ the layout

    def formatted(self, paths: list[str]) -> dict[str, str]:
        """path -> the key of the bytes `finalacts fmt` last found in the canonical layout there."""
        if self.dir is None or not paths:
            return {}
        found: dict[str, str] = {}
        for k in range(0, len(paths), 500):
            chunk = paths[k:k + 500]
            found.update(self._query(f"SELECT path, key FROM formatted WHERE path IN ({','.join('?' * len(chunk))})",
                                     tuple(chunk)))
        return found

    def keep_formatted(self, path: str, key: str) -> None:
        if self.dir is not None:
            self._new_formatted[path] = key

    # ------------------------------------------------------------ the results

    def complete(self) -> tuple[str, bytes] | None:
        """(salt, which files had no findings) of the last run over the whole corpus that kept
        every file's results (see keep_complete), if any."""
        if self.dir is None:
            return None
        rows = self._query("SELECT salt, empty FROM complete LIMIT 1")
        self._complete = (rows[0][0], rows[0][1]) if rows and isinstance(rows[0][1], bytes) else None
        return self._complete

    def keep_complete(self, salt: str, empty: bytes) -> None:
        """This run, over the whole corpus, kept the results of every file it listed, with this
        salt; `empty` has a 1 for each file, in the listing's order, that had no findings. The
        next run that finds every file as this one saw it, with the same salt, knows what the cache
        holds without asking for each key (held_as_kept). A warm run that read this very record
        writes nothing."""
        if self.dir is not None and (salt, empty) != self._complete:
            self._new_complete = (salt, empty)

    def held_as_kept(self, keys: list[str | None], empty: bytes) -> set[str]:
        """The keys of the files of a complete run (see keep_complete) as held, those without
        findings known as such, without a query."""
        self._empty.update(k for k, e in zip(keys, empty) if k and e)
        return {k for k in keys if k}

    def has_many(self, keys: list[str]) -> set[str]:
        """Which of these keys the cache holds results for. Their findings are not read, only
        whether there are any: most files have none, and get_many answers for those without
        looking them up again."""
        if self.dir is None or not keys:
            return set()
        found: set[str] = set()
        for k in range(0, len(keys), 500):
            chunk = keys[k:k + 500]
            # SQLite reads a row's columns in order, a long one page by page: the counts come
            # first, then the lines, which the human format reads, then the findings.
            for key, empty in self._query(f"SELECT key, errors + warnings + infos = 0 FROM results WHERE key IN "
                                          f"({','.join('?' * len(chunk))})", tuple(chunk)):
                found.add(key)
                if empty:
                    self._empty.add(key)
        self._used.update(found)
        return found

    def get_many(self, keys: list[str], shown: bool = False) -> dict:
        """The entries found for these keys (a few queries for all of them): the findings as rows,
        or with `shown` what `put` was given beside them, (lines, counts, kinds)."""
        if self.dir is None or not keys:
            return {}
        found = {key: (b"", (0, 0, 0), "") if shown else [] for key in keys if key in self._empty}
        keys = [key for key in keys if key not in found]
        for k in range(0, len(keys), 500):
            chunk = keys[k:k + 500]
            marks = ",".join("?" * len(chunk))
            if shown:
                for key, lines, e, w, i, kinds in self._query(
                        f"SELECT key, lines, errors, warnings, infos, kinds FROM results WHERE key IN ({marks})",
                        tuple(chunk)):
                    found[key] = (lines, (e, w, i), kinds)
                continue
            for key, text in self._query(f"SELECT key, findings FROM results WHERE key IN ({marks})", tuple(chunk)):
                try:
                    found[key] = json.loads(text)
                except (ValueError, TypeError):
                    continue
        self._used.update(found)
        return found

    def put(self, key: str, rows: list, lines: bytes, counts: tuple[int, int, int], kinds: str) -> None:
        """Keep a file's findings (as rows), and the same as the human format prints them: their
        lines, the number of each severity (errors, warnings, info) and their kinds (reporters.Shown)."""
        if self.dir is not None:
            dump = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
            self._new_results[key] = (*counts, kinds, lines, dump)
            self._used.add(key)
            self._pending += len(dump) + len(lines)
            if self._pending > _FLUSH_BYTES:
                self._write(prune=False)  # a run with many findings holds few of them at once

    # ------------------------------------------------------------ saving

    def save(self, whole_corpus: bool, paths: set[str] | None = None) -> None:
        """Write this run's new rows. After a run over the whole corpus (whose files are `paths`)
        only the rows it used are kept."""
        if self.dir is None:
            return
        self._paths = paths or set()
        self._write(prune=whole_corpus and self._stale(self._paths))

    def _write(self, prune: bool) -> None:
        """Write the rows made since the last write, in one transaction. Rows are valid on their
        own (a result is keyed by all it depends on), so a run may write them in several."""
        if not (self._new_files or self._new_results or self._new_snapshot or self._new_changes
                or self._new_shipped or self._new_formatted or self._new_complete or prune):
            return
        try:
            db = self._open()
            if db is None:
                if (self.dir / DBNAME).exists() and not self._broken:
                    return  # there, but busy: this run's rows are not kept
                db = self._create()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [(p, *row) for p, row in self._new_files.items()])
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [(k, *v) for k, v in self._new_results.items()])
                if self._new_snapshot is not None:
                    db.execute("DELETE FROM snapshot")
                    db.execute("INSERT INTO snapshot VALUES (?, ?)", self._new_snapshot)
                elif self._new_changes is not None:
                    db.execute("INSERT OR REPLACE INTO snapshot VALUES (?, ?)", self._new_changes)
                db.executemany("INSERT OR REPLACE INTO shipped VALUES (?, ?, ?)",
                               [(name, *row) for name, row in self._new_shipped.items()])
                db.executemany("INSERT OR REPLACE INTO formatted VALUES (?, ?)", list(self._new_formatted.items()))
                if self._new_complete is not None:
                    db.execute("DELETE FROM complete")
                    db.execute("INSERT INTO complete VALUES (?, ?)", self._new_complete)
                if prune:
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (v TEXT PRIMARY KEY)")
                    db.execute("DELETE FROM keep")
                    db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in self._used))
                    db.execute("DELETE FROM results WHERE key NOT IN (SELECT v FROM keep)")
                    db.execute("DELETE FROM keep")
                    db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((p,) for p in self._paths))
                    db.execute("DELETE FROM files WHERE path NOT IN (SELECT v FROM keep)")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except (OSError, sqlite3.Error):
            pass  # a cache that cannot be written only costs time
        self._new_files, self._new_results, self._pending, self._new_snapshot = {}, {}, 0, None
        self._new_changes, self._new_shipped, self._new_formatted, self._new_complete = None, {}, {}, None

    def _stale(self, paths: set[str]) -> bool:
        """Whether the database holds rows this run over the whole corpus did not use."""
        if self._open() is None:
            return False
        rows = self._rows if self._rows is not None else {}
        counted = self._query("SELECT COUNT(*) FROM results")
        return bool(counted and counted[0][0] > len(self._used)) or any(p not in paths for p in rows)

    def _create(self) -> sqlite3.Connection:
        """A new database in place of whatever was there (nothing, a broken file, an old version)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        gitignore = self.dir / ".gitignore"
        if not gitignore.exists():
            # Keep the cache out of git without touching the corpus's own .gitignore.
            gitignore.write_text("*\n", encoding="utf-8")
        for old in (self.dir / DBNAME, self.dir / "entries.json"):
            if old.exists():
                old.unlink()
        db = sqlite3.connect(self.dir / DBNAME, timeout=5, isolation_level=None)
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA user_version = {_VERSION}")
        self._db = db
        return db
