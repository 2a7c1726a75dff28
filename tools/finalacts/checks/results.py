"""A check's results, file by file: from the cache where it holds them, from a checker for the rest.

Results are cached per file (see cache.py) under a key that digests everything they depend on.
This module works out the keys, asks the cache which it holds and reads those back. Reading,
indexing and checking files is the checker's (runner.Checker): `stream` is given a factory for
one and calls it only when the corpus index is to be built from the files or some file's result
is not cached. A run whose every result the cache holds (the pre-commit hook's usual run, a warm
`finalacts check`) so needs neither the YAML loader nor the schema gates nor the rules, and the
command line imports them only when the factory is called.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from finalacts.checks import reporters, snapshot
from finalacts.checks.cache import Cache, code_salt, digest
from finalacts.checks.config import Config, load_config
from finalacts.corpus.disk import display, expand
from finalacts.corpus.findings import Finding
from finalacts.corpus.layout import source_relpath

Shown = reporters.Shown


@dataclass
class Stream:
    """A check's results file by file, in the files' order, as they are found or read from the
    cache, so that no more than a few files' findings are held at once whatever their number.
    Read them once, one way, to the end: the cache is completed then."""

    files: int
    _read: Callable[[bool], Iterator]  # per file: its findings, or (True) its reporters.Shown

    @property
    def findings(self) -> Iterator[Finding]:
        for found in self._read(False):
            yield from found

    def shown(self) -> Iterator[Shown]:
        """Each file's findings as the human format prints them; a file whose result is cached is
        not made into findings at all."""
        return self._read(True)


@dataclass(frozen=True)
class Run:
    """What one check is about, as a checker is made for it."""

    files: list                                # absolute path strings (the corpus listing) or Paths named
    root: Path | None
    listed: list[tuple[str, os.stat_result]]   # snapshot.scan(root)
    cache: Cache
    seen: snapshot.Seen | None                 # with the cache on
    config: Config | None
    edition: str | None


# checker(run) -> an object with `index` (the corpus index: `digest()` and `digests`) and
# `check(todo, jobs=None)`, an iterator of (cache key, findings) per job, in order.
CheckerFactory = Callable[[Run], object]


def stream(paths: list[Path], root: Path | None, *, checker: CheckerFactory, use_cache: bool = True,
           edition: str | None = None) -> Stream:
    """Check files (the whole corpus when `paths` is empty); one broken file never stops the rest.

    The corpus is listed and the configuration read here (a usage error is raised now), and the
    checker made, once, if it is needed at all; the files are checked as the findings are read.
    """
    if not paths and root is None:
        expand(paths, root)  # raises the usage error: no corpus here
    listed = snapshot.scan(root) if root is not None else []
    files = [p for p, _ in listed] if not paths else expand(paths, root)
    cache = Cache(root, use_cache and not os.environ.get("FINALACTS_NO_CACHE"))
    here = os.path.join(os.getcwd(), "")
    seen = snapshot.look(files, listed, cache, here) if cache.enabled else None
    config = load_config(root)

    @lru_cache(maxsize=None)
    def checking():
        """The checker, made once if at all."""
        return checker(Run(files, root, listed, cache, seen, config, edition))
    if seen is not None and seen.current:  # every file as the last run saw it: nothing is read
        index_digest, digests = seen.kept[4], seen.digests()
    else:
        index = checking().index
        index_digest, digests = index.digest(), index.digests
    settings = repr((sorted(config.disable), sorted(config.severity.items()))) if config else ""
    salt = digest(code_salt(), index_digest, settings, edition or "")

    keys: list[tuple[str, str, str | None]] = []
    for given in files:
        path = given if not paths else os.path.abspath(given)  # the corpus listing is absolute
        shown = path[len(here):] if path.startswith(here) else display(Path(given))  # display(), quicker
        known = digests.get(path)
        keys.append((path, shown, cache_key(salt, shown, known, root) if known else None))
    kept = cache.complete() if seen is not None and seen.current and not paths else None
    if kept is not None and kept[0] == salt and len(kept[1]) == len(keys):
        # The whole corpus as the last whole run saw it, which kept every file's results with this
        # salt: the keys are that run's, held without asking for each (one gone since, pruned by
        # another run, is checked where it is read).
        held = cache.held_as_kept([k for *_, k in keys], kept[1])
    else:
        held = cache.has_many([k for *_, k in keys if k])
    todo = [(i, path, shown, salt) for i, (path, shown, key) in enumerate(keys) if key not in held]
    if todo:
        checking()  # made now, before any finding is written (the CLI's looks into git for translations)
    whole = {p for p, _ in listed} if not paths else None
    return Stream(len(files), lambda as_shown: _per_file(keys, held, todo, cache, checking, whole, salt, as_shown))


def cache_key(salt: str, shown: str, content: str, root: Path | None) -> str:
    """A file's cache key: everything its findings depend on (the salt digests the rest); for a
    language version also the bytes of the English text it is checked against."""
    source = source_relpath(shown)
    if source is None or root is None:
        return f"{salt}:{content}:{shown}"
    try:
        other = digest((root / source).read_bytes())
    except OSError:
        other = ""
    return f"{salt}:{content}:{other}:{shown}"


_READ_AHEAD = 256  # cached results read per query


def _per_file(keys, held: set[str], todo, cache: Cache, checking, whole: set[str] | None, salt: str,
              as_shown: bool):
    """The findings of each file in turn (as_shown: as reporters.Shown): from the cache where it
    holds them, else checked. The cycle collector is off while files are checked, not while the
    caller reads findings."""
    checked = checking().check(todo) if todo else iter(())
    ahead: dict[str, list] = {}
    collecting = gc.isenabled()
    kept_all = True  # every file's results are in the cache when the run ends
    empty = bytearray()  # 1 for each file without findings
    for i, (path, shown, key) in enumerate(keys):
        gc.disable()  # as _without_cycle_collector, without a context manager per file
        try:
            hit = None
            if key in held:
                if key not in ahead:
                    ahead = cache.get_many([k for _, _, k in keys[i:i + _READ_AHEAD] if k in held], as_shown)
                hit = ahead.get(key)
            if hit is not None:
                found = Shown(shown, *hit) if as_shown else [Finding(*row) for row in hit]
            else:
                if key in held:  # gone since it was found (another run pruned it): check the file after all
                    found_key, found = next(checking().check([(i, path, shown, salt)], jobs=1))
                else:
                    found_key, found = next(checked)
                if found_key or as_shown:
                    block = reporters.shown(shown, found)
                if found_key:
                    cache.put(found_key, [list(f.__dict__.values()) for f in found], block.lines, block.counts,
                              block.kinds)
                else:
                    kept_all = False
                if as_shown:
                    found = block
            empty.append(found.counts == (0, 0, 0) if as_shown else not found)
        finally:
            if collecting:
                gc.enable()
        yield found
    if whole is not None and kept_all:
        cache.keep_complete(salt, bytes(empty))
    with _without_cycle_collector():
        cache.save(whole_corpus=whole is not None, paths=whole)


@contextmanager
def _without_cycle_collector():
    """Checking makes millions of small objects that form no reference cycles (yamlfile breaks the
    one it made), so the cycle collector would only scan them: about 8% of a cold check."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
