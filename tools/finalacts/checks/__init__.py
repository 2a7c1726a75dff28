"""Running the rule families over corpus files.

Each family is a module in this package with a `check(model, ctx)` generator of Findings; its
docstring documents its rules with passing and failing examples.

A finding says which node it is about by where it points: `ignore: [rule-id]` on a resolution,
section, item, block or annex silences that rule for findings located inside that node's part of
the file, so a rule needs no suppression code of its own. Then the corpus configuration
([tool.finalacts] in pyproject.toml) drops disabled rules and re-grades severities.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from ..corpus import Parsed, display, parse, read_bytes
from ..findings import Finding, InputError
from ..model import Node, Pos

FAMILIES = ("layout", "numbering", "references", "conventions", "citations", "editions")


@dataclass
class Context:
    """What rules may consult besides the file itself."""

    registry: object
    root: Path | None = None
    # The text of the file being checked (a textpos.Source), so rules can point inside a value.
    source: object = None
    # Per-corpus settings from [tool.finalacts] in pyproject.toml (a config.Config), if any.
    config: object = None
    # What the corpus holds (an index.CorpusIndex), for rules about citations of other texts.
    index: object = None
    # The edition being checked (a conference id such as PP-14) when checking at a git tag.
    edition: str | None = None
    # The file's model.texts(), listed once for all the rule families that read them.
    texts: tuple | None = None


@dataclass
class Report:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)


def where(ctx: Context, node: Node, name: str = "", offset: int | None = None) -> Pos:
    """Position of field `name` of `node`, or of character `offset` of that field's text."""
    start = node.at(name)
    value = getattr(node, name, None) if name else None
    if offset is None or not isinstance(value, str) or name not in node.pos:
        return start
    from ..textpos import locate

    return locate(ctx.source, start, value, offset)


def texts_of(model, ctx: Context | None = None):
    """model.texts(model), as listed once in the context when it is."""
    from ..model import texts

    return ctx.texts if ctx is not None and ctx.texts is not None else texts(model)


def _families():
    return [import_module(f"{__name__}.{name}") for name in FAMILIES]


def check_parsed(parsed: Parsed, ctx: Context) -> list[Finding]:
    """Findings for one parsed file: its load/schema findings, then every rule family's."""
    found = list(parsed.findings)
    if parsed.model is not None:
        from dataclasses import replace

        from ..model import Resolution, texts

        if parsed.loaded is not None and ctx.source is None:
            from ..textpos import Source

            ctx = replace(ctx, source=Source(parsed.loaded.text))
        if isinstance(parsed.model, Resolution):
            ctx = replace(ctx, texts=tuple(texts(parsed.model)))
        for fam in _families():
            found.extend(fam.check(parsed.model, ctx))
        if found:
            spans = ignore_spans(parsed.model)
            found = [f for f in found if not _ignored(f, spans)]
    if ctx.config is not None:
        found = ctx.config.apply(found)
    return sorted(found)


_END = Pos(10**9, 0)


def ignore_spans(model: Node) -> list[tuple[Pos, Pos, frozenset]]:
    """(start, end, rules) for the model and every node in it that carries an `ignore` list.

    A node reaches from its own start to the start of whatever follows it in the file (its next
    sibling, or the next field of its parent), so a finding anywhere inside an item, its text or its
    sub-items is silenced by that item's `ignore`, and by nothing else's.
    """
    out = []
    if getattr(model, "ignore", None):
        out.append((Pos(0, 0), _END, frozenset(model.ignore)))
    _child_spans(model, _END, out)
    return out


def _child_spans(node: Node, end: Pos, out: list) -> None:
    from dataclasses import fields

    own = sorted(p for p in node.pos.values() if p != node.at())
    for f in fields(node):
        kids = getattr(node, f.name)
        if not (isinstance(kids, list) and kids and isinstance(kids[0], Node)):
            continue
        for i, kid in enumerate(kids):
            start = kid.at()
            if i + 1 < len(kids):
                stop = kids[i + 1].at()
            else:
                stop = min([p for p in own if p > start] + [end])
            if getattr(kid, "ignore", None):
                out.append((start, stop, frozenset(kid.ignore)))
            _child_spans(kid, stop, out)


def _ignored(f: Finding, spans) -> bool:
    at = (f.line, f.col)
    return any(f.rule in rules and start <= at < stop for start, stop, rules in spans)


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
    import os

    from ..cache import Cache, code_salt, digest
    from ..config import load_config
    from ..corpus import expand
    from ..index import build as build_index
    from ..registry import load_registry

    files = expand(paths, root)
    index = build_index(files, root, listed=None if paths else files)
    config = load_config(root)
    ctx = Context(registry=load_registry(), root=root, config=config, index=index, edition=edition)
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
        hit = cache.get(digest(salt, shown, raw))
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


def _check_one(job) -> tuple[str, list[Finding]]:
    """(cache key of the bytes actually checked, findings); the file is read here, not passed in,
    so that a parallel run never holds the whole corpus in memory."""
    from ..cache import digest

    _, path, shown, salt = job
    try:
        raw = read_bytes(path, shown)
    except InputError as e:
        return "", [e.finding]
    parsed = _CTX.index.parsed.get(shown) or parse(raw, shown)
    return digest(salt, shown, raw), check_parsed(parsed, _CTX)


def _check_many(todo, ctx: Context, jobs: int | None):
    """(key, findings) for each job, in order; forked workers share the context when there is much to do."""
    import os

    global _CTX
    _CTX = ctx
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(todo) < 16:
        return [_check_one(job) for job in todo]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        mp = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: check serially
        return [_check_one(job) for job in todo]
    from ..jsonschemas import fast_gate

    # Imported, compiled and generated once, before the workers fork: the rule families and
    # their patterns, the schema gates.
    _families()
    fast_gate("resolution"), fast_gate("proposalset")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp) as pool:
        # Small chunks, so that no worker is left with a long last one while the others idle.
        return list(pool.map(_check_one, todo, chunksize=max(1, len(todo) // (jobs * 16))))
