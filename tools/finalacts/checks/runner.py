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
from finalacts.checks.index import scan as scan_corpus
from finalacts.checks.rules import citations, conventions, editions, layout, numbering, references
from finalacts.checks.suppress import unsuppressed
from finalacts.corpus.files import Parsed, display, expand, parse, read_bytes
from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.model import Resolution, texts
from finalacts.corpus.registry import load_registry
from finalacts.corpus.schemas import fast_gate
from finalacts.corpus.textpos import Source

# The rule families, in the order their findings are listed for one file.
FAMILIES = (layout, numbering, references, conventions, citations, editions)


@dataclass
class Report:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)


def check_parsed(parsed: Parsed, ctx: Context) -> list[Finding]:
    """Findings for one parsed file: its load/schema findings, then every rule family's."""
    found = list(parsed.findings)
    if parsed.model is not None:
        if parsed.loaded is not None and ctx.source is None:
            ctx = replace(ctx, source=Source(parsed.loaded.text))
        if isinstance(parsed.model, Resolution):
            ctx = replace(ctx, texts=tuple(texts(parsed.model)))
        for family in FAMILIES:
            if any(map(ctx.runs, family.RULES)):  # a family whose rules are all off is not run
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
        edition: str | None = None) -> Report:
    """Check files (the whole corpus when `paths` is empty); one broken file never stops the rest.

    Results are cached per file (see cache.py) and files that miss are checked on all cores;
    neither changes a finding, which a test holds to.
    """
    if not paths and root is None:
        expand(paths, root)  # raises the usage error: no corpus here
    listed = scan_corpus(root) if root is not None else []
    files = [p for p, _ in listed] if not paths else expand(paths, root)
    cache = Cache(root, use_cache and not os.environ.get("FINALACTS_NO_CACHE"))
    index = build_index(files, root, listed, cache)
    config = load_config(root)
    ctx = Context(registry=load_registry(), root=root, config=config, index=index, edition=edition)
    settings = repr((sorted(config.disable), sorted(config.severity.items()))) if config else ""
    salt = digest(code_salt(), index.digest(), settings, ctx.edition or "")

    report = Report(files=len(files))
    results: dict[int, list[Finding]] = {}
    todo: list[tuple[int, str, str, str]] = []
    here = os.path.join(os.getcwd(), "")
    keys: list[tuple[int, str, str, str | None]] = []
    for i, given in enumerate(files):
        path = given if not paths else os.path.abspath(given)  # the corpus listing is absolute
        shown = path[len(here):] if path.startswith(here) else display(Path(given))  # display(), quicker
        known = index.digests.get(path)
        keys.append((i, path, shown, _key(salt, shown, known) if known else None))
    hits = cache.get_many([k for *_, k in keys if k])
    for i, path, shown, key in keys:
        hit = hits.get(key) if key else None
        if hit is not None:
            results[i] = [Finding(*row) for row in hit]
        else:
            todo.append((i, path, shown, salt))

    for (i, *_), (key, found) in zip(todo, _check_many(todo, ctx, jobs)):
        results[i] = found
        if key:
            cache.put(key, [list(f.__dict__.values()) for f in found])
    cache.save(whole_corpus=not paths, paths={p for p, _ in listed})
    for i in range(len(files)):
        report.findings.extend(results.get(i, []))
    return report


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
    return _key(salt, shown, d), check_parsed(parsed, _CTX)


def _key(salt: str, shown: str, content: str) -> str:
    """A file's cache key: everything its findings depend on (the salt digests the rest)."""
    return f"{salt}:{content}:{shown}"


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
