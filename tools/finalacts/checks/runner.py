"""Running the rule families over corpus files.

Each family is a module of checks/rules/ with a `check(model, ctx)` generator of Findings; the
rules themselves are described in the catalog. `ignore: [rule-id]` on a node silences a rule
inside that node (suppress.py); then the corpus configuration ([tool.finalacts] in pyproject.toml)
re-grades severities. A disabled rule does not run: a family none of whose rules is on is skipped,
and a family with several rules asks `ctx.runs(rule)` before each (the configuration still drops
the findings of disabled rules, so that a family that does not ask changes nothing).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from finalacts.checks.cache import Cache, code_salt, digest
from finalacts.checks.config import load_config
from finalacts.checks.context import Context
from finalacts.checks.index import build as build_index
from finalacts.checks.index import scan as scan_corpus
from finalacts.checks.rules import (
    characters,
    citations,
    conventions,
    editions,
    languages,
    layout,
    merge,
    numbering,
    owner,
    references,
)
from finalacts.checks.suppress import unsuppressed
from finalacts.corpus.disk import display, expand, read_bytes
from finalacts.corpus.files import Parsed, parse
from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.layout import source_relpath
from finalacts.corpus.model import Resolution, texts
from finalacts.corpus.registry import load_registry
from finalacts.corpus.schemas import fast_gate
from finalacts.corpus.textpos import Source

# The rule families, in the order their findings are listed for one file.
FAMILIES = (characters, layout, numbering, references, conventions, citations, editions, owner, languages)


@dataclass
class Report:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)


def check_parsed(parsed: Parsed, ctx: Context) -> list[Finding]:
    """Findings for one parsed file: its load/schema findings, then every rule family's."""
    found = list(parsed.findings)
    if parsed.loaded is not None:
        # Conflicts a merge left, even in a value the schema refuses.
        found.extend(merge.conflict_findings(parsed.loaded, parsed.path))
    if parsed.model is not None:
        if parsed.loaded is not None and ctx.source is None:
            ctx = replace(ctx, source=Source(parsed.loaded.text))
        if isinstance(parsed.model, Resolution):
            ctx = replace(ctx, texts=tuple(texts(parsed.model)))
        for family in FAMILIES:
            if any(map(ctx.runs, family.RULES)):  # a family whose rules are all off is not run
                found.extend(family.check(parsed.model, ctx))
        if parsed.loaded is None or any(k[-1] == "ignore" for k in parsed.loaded.key_positions):
            found = unsuppressed(found, parsed.model)  # spans of every node: only where one ignores
    if ctx.config is not None:
        found = ctx.config.apply(found)
    return sorted(found)


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


def run(paths: list[Path], root: Path | None, *, use_cache: bool = True, jobs: int | None = None,
        edition: str | None = None, earlier=None) -> Report:
    """Check files (the whole corpus when `paths` is empty); one broken file never stops the rest.
    All the findings at once: see `stream` for them as they come."""
    s = stream(paths, root, use_cache=use_cache, jobs=jobs, edition=edition, earlier=earlier)
    return Report(files=s.files, findings=list(s.findings))


@dataclass
class Stream:
    """A check's findings file by file, in the files' order, as they are found or read from the
    cache, so that no more than a few files' findings are held at once whatever their number.
    Read them once, to the end: the cache is completed then."""

    files: int
    findings: Iterator[Finding]


def stream(paths: list[Path], root: Path | None, *, use_cache: bool = True, jobs: int | None = None,
           edition: str | None = None, earlier=None) -> Stream:
    """Check files (the whole corpus when `paths` is empty); one broken file never stops the rest.

    The corpus is indexed and the configuration read here (a usage error is raised now); the
    files are checked as the findings are read. Results are cached per file (see cache.py) and
    files that miss are checked on all cores; neither changes a finding, which a test holds to.
    """
    if not paths and root is None:
        expand(paths, root)  # raises the usage error: no corpus here
    listed = scan_corpus(root) if root is not None else []
    files = [p for p, _ in listed] if not paths else expand(paths, root)
    cache = Cache(root, use_cache and not os.environ.get("FINALACTS_NO_CACHE"))
    index = build_index(files, root, listed, cache)
    config = load_config(root)

    @lru_cache(maxsize=None)
    def context() -> Context:
        """The rules' context, made when a file is to be checked: a run whose results all come from
        the cache never reads the registry."""
        return Context(registry=load_registry(), root=root, config=config, index=index, edition=edition,
                       earlier=earlier)
    settings = repr((sorted(config.disable), sorted(config.severity.items()))) if config else ""
    salt = digest(code_salt(), index.digest(), settings, edition or "")

    here = os.path.join(os.getcwd(), "")
    keys: list[tuple[str, str, str | None]] = []
    for given in files:
        path = given if not paths else os.path.abspath(given)  # the corpus listing is absolute
        shown = path[len(here):] if path.startswith(here) else display(Path(given))  # display(), quicker
        known = index.digests.get(path)
        keys.append((path, shown, _key(salt, shown, known, root) if known else None))
    held = cache.has_many([k for *_, k in keys if k])
    todo = [(i, path, shown, salt) for i, (path, shown, key) in enumerate(keys) if key not in held]
    whole = {p for p, _ in listed} if not paths else None
    return Stream(len(files), _findings(keys, held, todo, cache, context, jobs, whole, salt))


_READ_AHEAD = 256  # cached results read per query


def _findings(keys, held: set[str], todo, cache: Cache, context, jobs: int | None, whole: set[str] | None,
              salt: str):
    """The findings of each file in turn: from the cache where it holds them, else checked.
    The cycle collector is off while files are checked, not while the caller reads findings."""
    checked = _check_many(todo, context, jobs)
    ahead: dict[str, list] = {}
    collecting = gc.isenabled()
    for i, (path, shown, key) in enumerate(keys):
        gc.disable()  # as _without_cycle_collector, without a context manager per file
        try:
            hit = None
            if key in held:
                if key not in ahead:
                    ahead = cache.get_many([k for _, _, k in keys[i:i + _READ_AHEAD] if k in held])
                hit = ahead.get(key)
            if hit is not None:
                found = [Finding(*row) for row in hit]
            else:
                if key in held:  # gone since it was found (another run pruned it): check the file after all
                    found_key, found = next(_check_many([(i, path, shown, salt)], context, 1))
                else:
                    found_key, found = next(checked)
                if found_key:
                    cache.put(found_key, [list(f.__dict__.values()) for f in found])
        finally:
            if collecting:
                gc.enable()
        yield from found
    with _without_cycle_collector():
        cache.save(whole_corpus=whole is not None, paths=whole)


_CTX: Context | None = None


def _check_one(job) -> tuple[str, list[Finding]]:
    """(cache key of the bytes actually checked, findings): the file is read here, once, and its
    findings are keyed by the digest of exactly those bytes (a file that changed since the index
    read it is checked, and keyed, as it is now). Read here, not passed in, so that a parallel run
    never holds the whole corpus in memory."""
    _, path, shown, salt = job
    try:
        raw = read_bytes(Path(path), shown)
    except InputError as e:
        return "", [e.finding]
    d = digest(raw)
    kept = _CTX.index.parsed.get(shown)
    parsed = kept[1] if kept is not None and kept[0] == d else parse(raw, shown)
    return _key(salt, shown, d, _CTX.root), check_parsed(parsed, _CTX)


def _key(salt: str, shown: str, content: str, root: Path | None) -> str:
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


def _check_many(todo, context, jobs: int | None):
    """(key, findings) for each job, in order, as they are done; forked workers share the context
    (`context()`) when there is much to do."""
    global _CTX
    if not todo:
        return
    _CTX = context()
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(todo) < 16:
        yield from map(_check_one, todo)
        return
    # Imported only here, where there is enough to do for workers: a one-file check never needs them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        mp = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: check serially
        yield from map(_check_one, todo)
        return
    # Compiled once, before the workers fork: the schema gates.
    fast_gate("resolution"), fast_gate("proposalset")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp) as pool:
        # Small chunks, so that no worker is left with a long last one while the others idle.
        yield from pool.map(_check_one, todo, chunksize=max(1, len(todo) // (jobs * 16)))


def run_changed(changed: list[Path], root: Path | None, **options) -> Report:
    """Check only the corpus files in `changed` (what a pull request brings), each against the
    index of the whole corpus, so that a pull request fails on what it brings, not on defects it
    did not touch."""
    files = [p for p in changed if p.suffix == ".yaml" and p.is_file() and _in_corpus(p, root)]
    if not files:
        return Report(files=0)
    return run(files, root, **options)


def _in_corpus(path: Path, root: Path | None) -> bool:
    """Whether `path` lies under the corpus's resolutions/, proposals/ or translations/."""
    if root is None:
        return True
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        return False
    return bool(parts) and parts[0] in ("resolutions", "proposals", "translations")
