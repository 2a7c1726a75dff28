"""Running the rule families over corpus files.

Each family is a module of checks/rules/ with a `check(model, ctx)` generator of Findings; the
rules themselves are described in the catalog. `ignore: [rule-id]` on a node silences a rule
inside that node (suppress.py); then the corpus configuration ([tool.finalacts] in pyproject.toml)
drops disabled rules and re-grades severities.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from finalacts.checks.cache import Cache, code_salt, digest
from finalacts.checks.config import load_config
from finalacts.checks.context import Context
from finalacts.checks.index import build as build_index
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
from finalacts.corpus.files import Parsed, display, expand, parse, read_bytes
from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.model import Resolution, texts
from finalacts.corpus.registry import load_registry
from finalacts.corpus.schemas import fast_gate
from finalacts.corpus.textpos import Source
from finalacts.corpus.translation import source_relpath

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
            found.extend(family.check(parsed.model, ctx))
        found = unsuppressed(found, parsed.model)
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


@_without_cycle_collector()
def run(paths: list[Path], root: Path | None, *, use_cache: bool = True, jobs: int | None = None,
        edition: str | None = None, earlier=None) -> Report:
    """Check files (the whole corpus when `paths` is empty); one broken file never stops the rest.

    Results are cached per file (see cache.py) and files that miss are checked on all cores;
    neither changes a finding, which a test holds to.
    """
    files = expand(paths, root)
    index = build_index(files, root, listed=None if paths else files)
    config = load_config(root)
    ctx = Context(registry=load_registry(), root=root, config=config, index=index, edition=edition,
                  earlier=earlier)
    cache = Cache(root, use_cache and not os.environ.get("FINALACTS_NO_CACHE"))
    settings = repr((sorted(config.disable), sorted(config.severity.items()))) if config else ""
    salt = digest(code_salt(), index.digest(), settings, ctx.edition or "")

    report = Report(files=len(files))
    results: dict[int, list[Finding]] = {}
    todo: list[tuple[int, Path, str, str]] = []
    lookup = not cache.empty()  # else every file misses: no need to read it here first
    for i, path in enumerate(files):
        shown = display(path)
        if not lookup:
            todo.append((i, path, shown, salt))
            continue
        try:
            raw = read_bytes(path, shown)
        except InputError as e:
            results[i] = [e.finding]
            continue
        hit = cache.get(_key(salt, shown, raw, root))
        if hit is not None:
            results[i] = [Finding(*row) for row in hit]
        else:
            todo.append((i, path, shown, salt))

    for (i, *_), (key, found) in zip(todo, _check_many(todo, ctx, jobs)):
        results[i] = found
        if key:
            cache.put(key, [list(f.__dict__.values()) for f in found])
    cache.save(whole_corpus=not paths)
    for i in range(len(files)):
        report.findings.extend(results.get(i, []))
    return report


_CTX: Context | None = None


def _key(salt: str, shown: str, raw: bytes, root: Path | None) -> str:
    """The cache key of a file's findings: its bytes, and for a language version also the bytes of
    the English text it is checked against."""
    source = source_relpath(shown)
    if source is None or root is None:
        return digest(salt, shown, raw)
    try:
        other = (root / source).read_bytes()
    except OSError:
        other = b""
    return digest(salt, shown, raw, other)


def _check_one(job) -> tuple[str, list[Finding]]:
    """(cache key of the bytes actually checked, findings); the file is read here, not passed in,
    so that a parallel run never holds the whole corpus in memory."""
    _, path, shown, salt = job
    try:
        raw = read_bytes(path, shown)
    except InputError as e:
        return "", [e.finding]
    parsed = _CTX.index.parsed.get(shown) or parse(raw, shown)
    return _key(salt, shown, raw, _CTX.root), check_parsed(parsed, _CTX)


def _check_many(todo, ctx: Context, jobs: int | None):
    """(key, findings) for each job, in order; forked workers share the context when there is much to do."""
    global _CTX
    _CTX = ctx
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(todo) < 16:
        return [_check_one(job) for job in todo]
    try:
        mp = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: check serially
        return [_check_one(job) for job in todo]
    # Compiled once, before the workers fork: the schema gates.
    fast_gate("resolution"), fast_gate("proposalset")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp) as pool:
        # Small chunks, so that no worker is left with a long last one while the others idle.
        return list(pool.map(_check_one, todo, chunksize=max(1, len(todo) // (jobs * 16))))


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
