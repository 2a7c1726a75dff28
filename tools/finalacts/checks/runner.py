"""Running the rule families over corpus files.

Each family is a module of checks/rules/ with a `check(model, ctx)` generator of Findings; the
rules themselves are described in the catalog. `ignore: [rule-id]` on a node silences a rule
inside that node (suppress.py); then the corpus configuration ([tool.finalacts] in pyproject.toml)
re-grades severities. A disabled rule does not run: a family none of whose rules is on is skipped,
and a family with several rules asks `ctx.runs(rule)` before each (the configuration still drops
the findings of disabled rules, so that a family that does not ask changes nothing).

Which files are to be checked at all is results.py's: a file whose result the cache holds is not
read, and a run whose every result it holds makes no Checker.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from finalacts.checks import results, shipped, workers
from finalacts.checks.cache import digest
from finalacts.checks.context import Context
from finalacts.checks.index import CorpusIndex
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
from finalacts.corpus.disk import read_bytes
from finalacts.corpus.files import Parsed, parse
from finalacts.corpus.findings import ORDER, Finding, InputError
from finalacts.corpus.model import Resolution, texts
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
    return sorted(found, key=ORDER)


def run(paths: list[Path], root: Path | None, *, use_cache: bool = True, jobs: int | None = None,
        edition: str | None = None, earlier=None) -> Report:
    """Check files (the whole corpus when `paths` is empty); one broken file never stops the rest.
    All the findings at once: see `stream` for them as they come."""
    s = stream(paths, root, use_cache=use_cache, jobs=jobs, edition=edition, earlier=earlier)
    return Report(files=s.files, findings=list(s.findings))


def stream(paths: list[Path], root: Path | None, *, use_cache: bool = True, jobs: int | None = None,
           edition: str | None = None, earlier=None) -> results.Stream:
    """Check files (the whole corpus when `paths` is empty); one broken file never stops the rest.

    The corpus is indexed and the configuration read here (a usage error is raised now); the
    files are checked as the findings are read. Results are cached per file (see results.py) and
    files that miss are checked on all cores; neither changes a finding, which a test holds to.
    """
    return results.stream(paths, root, use_cache=use_cache, edition=edition,
                          checker=lambda run: Checker(run, jobs, earlier))


class Checker:
    """What a check needs beyond the results the cache holds: the corpus index built from the
    files, and the rule families run over the files whose results are not cached. results.stream
    makes one only then."""

    def __init__(self, run: results.Run, jobs: int | None = None, earlier=None):
        self.run, self.jobs, self.earlier = run, jobs, earlier

    @cached_property
    def index(self) -> CorpusIndex:
        run = self.run
        return build_index(run.files, run.root, run.listed, run.cache, run.seen)

    @cached_property
    def context(self) -> Context:
        """The rules' context, made when a file is to be checked (the registry is read then, and
        the texts in force when a rule first asks: both through the cache, see shipped.py)."""
        run = self.run
        return Context(registry=shipped.registry(run.cache), root=run.root, config=run.config, index=self.index,
                       edition=run.edition, earlier=self.earlier, in_force=lru_cache(maxsize=1)(
                           lambda: shipped.texts(run.cache)))

    def check(self, todo, jobs: int | None = None):
        """(cache key, findings) for each job of `todo`, in order, as they are done."""
        return _check_many(todo, lambda: self.context, jobs or self.jobs)


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
    return results.cache_key(salt, shown, d, _CTX.root), check_parsed(parsed, _CTX)


def _check_many(todo, context, jobs: int | None):
    """(key, findings) for each job, in order, as they are done; forked workers share the context
    (`context()`) when there is much to do."""
    global _CTX
    if not todo:
        return
    _CTX = context()
    forked = workers.pool(jobs, len(todo))
    if forked is None:
        yield from map(_check_one, todo)
        return
    executor, jobs = forked
    # Compiled once, before the workers fork: the schema gates; and read once, the texts in force (a
    # worker never uses the parent's connection to the cache, which a forked process must not).
    fast_gate("resolution"), fast_gate("proposalset")
    if _CTX.in_force is not None:
        _CTX.in_force()
    # The first file is checked here, before the fork: the patterns and tables the rules build at
    # their first use are then built once and inherited, not once in every worker.
    yield _check_one(todo[0])
    todo = todo[1:]
    # Small chunks, so that no worker is left with a long last one while the others idle, and only
    # a few of them under way: results done ahead of the one the caller is reading wait in memory,
    # and a corpus with many findings would otherwise have them pile up (pool.map sends all at once).
    size = max(1, min(_CHUNK, len(todo) // (jobs * 16)))
    chunks = (todo[i:i + size] for i in range(0, len(todo), size))
    with executor as pool:
        under_way: deque = deque()
        for chunk in chunks:
            under_way.append(pool.submit(_check_chunk, chunk))
            if len(under_way) >= jobs * _AHEAD:
                yield from under_way.popleft().result()
        while under_way:
            yield from under_way.popleft().result()


_CHUNK = 16  # files a worker is given at a time
_AHEAD = 3   # chunks under way per worker


def _check_chunk(jobs: list) -> list[tuple[str, list[Finding]]]:
    return [_check_one(job) for job in jobs]


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
