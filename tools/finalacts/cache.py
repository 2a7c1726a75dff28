"""A content-addressed cache of per-file check results.

Never stale: an entry's key digests everything its findings depend on (the file's bytes and shown
path, the corpus index, the configuration, and the finalacts code and data in use), so a change
to any of them simply misses. Safe under concurrent runs: each entry is one file written under a
temporary name and renamed into place, so a reader sees a whole entry or none.
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
    pkg = Path(__file__).resolve().parent
    parts = []
    for p in sorted([*pkg.rglob("*.py"), *(pkg / "schemas").resolve().glob("*")]):
        st = p.stat()
        parts.append(f"{p.relative_to(p.parents[1]) if p.is_relative_to(pkg.parent) else p.name}"
                     f":{st.st_size}:{st.st_mtime_ns}")
    return digest(*parts)


class Cache:
    """Entries under <corpus root>/.finalacts-cache; a no-op when there is no root or it is off."""

    def __init__(self, root: Path | None, enabled: bool = True):
        self.dir = (root / DIRNAME) if (root is not None and enabled) else None

    def get(self, key: str):
        if self.dir is None:
            return None
        try:
            return json.loads((self.dir / key[:2] / key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value) -> None:
        if self.dir is None:
            return
        folder = self.dir / key[:2]
        try:
            if not self.dir.exists():
                self.dir.mkdir(parents=True, exist_ok=True)
                # Keep the cache out of git without touching the corpus's own .gitignore.
                (self.dir / ".gitignore").write_text("*\n", encoding="utf-8")
            folder.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(value, f, ensure_ascii=False)
            os.replace(tmp, folder / key)
        except OSError:
            pass  # a cache that cannot be written only costs time
