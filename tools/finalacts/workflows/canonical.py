"""Which files `finalacts fmt` need not format: those whose very bytes it found in the canonical
layout before, as the check cache records them.

A file's key digests the finalacts code and data in use, its shown path (which says what kind of
file it is) and its bytes, so that any change to them simply misses. It is recorded when fmt
finds a file unchanged, and when fmt writes a file and formatting what it wrote leaves it as it
is. fmt leaves a file it knows alone without loading it, so that the pre-commit hook on a text
laid out before the commit (as `finalacts fmt` leaves it) loads no YAML at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from finalacts.checks.cache import Cache, code_salt, digest
from finalacts.corpus.disk import display, expand, read_bytes
from finalacts.corpus.findings import InputError


def key(shown: str, raw: bytes) -> str:
    return digest(code_salt(), shown, raw)


def cache_for(root: Path | None) -> Cache:
    return Cache(root, not os.environ.get("FINALACTS_NO_CACHE"))


def sort_out(paths: list[Path], root: Path | None, cache: Cache) -> tuple[list[Path], int]:
    """(the files of `paths`, expanded as fmt expands them, that are to be formatted; how many are
    known to be in the canonical layout already)."""
    files = expand(paths, root)
    if not cache.enabled:
        return files, 0
    kept = cache.formatted([os.path.abspath(p) for p in files])
    todo, known = [], 0
    for path in files:
        was = kept.get(os.path.abspath(path))
        if was is not None:
            shown = display(path)
            try:
                if was == key(shown, read_bytes(path, shown)):
                    known += 1
                    continue
            except InputError:
                pass  # fmt says why
        todo.append(path)
    return todo, known


def record(cache: Cache, path: Path, known: str) -> None:
    """The bytes of `path` whose key is `known` are in the canonical layout (fmt found them so)."""
    cache.keep_formatted(os.path.abspath(path), known)
