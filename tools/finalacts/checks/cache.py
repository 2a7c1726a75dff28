"""A content-addressed cache of per-file check results.

Never stale: an entry's key digests everything its findings depend on (the file's bytes and shown
path, the corpus index, the configuration, and the finalacts code and data in use), so a change
to any of them simply misses. All entries live in one file, read once and written once per run
(writing hundreds of small files cost more than checking them): a run that made new entries
writes the file anew under a temporary name and renames it into place, so a reader sees a whole
file or the previous one, and two concurrent runs can only lose each other's entries, never mix
them. A run over the whole corpus keeps only the entries it used, so old ones do not pile up.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

DIRNAME = ".finalacts-cache"


def digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


@lru_cache(maxsize=None)
def code_salt() -> str:
    """A digest of the installed finalacts code and data (paths, sizes, modification times)."""
    pkg = Path(__file__).resolve().parents[1]
    parts = []
    for p in sorted([*pkg.rglob("*.py"), *(pkg / "corpus" / "data").glob("*")]):
        st = p.stat()
        parts.append(f"{p.relative_to(p.parents[1]) if p.is_relative_to(pkg.parent) else p.name}"
                     f":{st.st_size}:{st.st_mtime_ns}")
    return digest(*parts)


class Cache:
    """<corpus root>/.finalacts-cache/entries.json; a no-op when there is no root or it is off."""

    def __init__(self, root: Path | None, enabled: bool = True):
        self.dir = (root / DIRNAME) if (root is not None and enabled) else None
        self._stored: dict | None = None  # what the file held, read at the first lookup
        self._used: dict = {}              # entries this run found or made
        self._made = False

    def _load(self) -> dict:
        try:
            stored = json.loads((self.dir / "entries.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return stored if isinstance(stored, dict) else {}

    def _entries(self) -> dict:
        if self._stored is None:
            self._stored = self._load()
        return self._stored

    def empty(self) -> bool:
        """Whether no lookup can hit: no cache, or nothing in it yet."""
        return self.dir is None or not self._entries()

    def get(self, key: str):
        if self.dir is None:
            return None
        hit = self._entries().get(key)
        if hit is not None:
            self._used[key] = hit
        return hit

    def put(self, key: str, value) -> None:
        if self.dir is not None:
            self._used[key] = value
            self._made = True

    def save(self, whole_corpus: bool) -> None:
        """Write the entries if this run made any, or left some unused after a run over the whole
        corpus: then only those it used, else those added to what the file held."""
        if self.dir is None:
            return
        unused = whole_corpus and self._stored is not None and len(self._stored) > len(self._used)
        if not (self._made or unused):
            return
        entries = self._used if whole_corpus else {**self._entries(), **self._used}
        try:
            if not self.dir.exists():
                self.dir.mkdir(parents=True, exist_ok=True)
                # Keep the cache out of git without touching the corpus's own .gitignore.
                (self.dir / ".gitignore").write_text("*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(entries, f, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, self.dir / "entries.json")
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a cache that cannot be written only costs time
