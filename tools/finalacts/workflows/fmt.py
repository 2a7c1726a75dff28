"""`finalacts fmt`: rewrite corpus files into the canonical layout, losslessly."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from finalacts.checks import workers
from finalacts.checks.cache import Cache
from finalacts.corpus import yamlfile
from finalacts.corpus.disk import display, expand, kind_of, read_bytes, write_atomic
from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.schemas import validate
from finalacts.workflows import canonical


def format_text(text: str, path: str, transform=None) -> str:
    """The canonical layout of `text`; raises InputError if it cannot be parsed or kept whole.

    `transform(data, kind, path)`, if given, returns the data to write instead (`--renumber`).
    """
    loaded, comments = yamlfile.find_comments(text, path)
    if not isinstance(loaded.data, dict):
        raise InputError(Finding(path, 1, 1, "input-not-mapping", "error", "top level is not a mapping"))
    kind = kind_of(path, loaded.data)
    if transform is not None:
        # A transform reads the structure (labels are strings, sections a list): only of a file
        # the schema accepts; the layout alone can be made canonical for any file.
        problems = validate(kind, loaded.data, loaded.positions, loaded.key_positions, path)
        if problems:
            raise InputError(problems[0])
    data = transform(loaded.data, kind, path) if transform else loaded.data
    # The lines each folded text had stay where its words did: an edit changes only its own lines.
    out = yamlfile.dump(data, kind, comments, yamlfile.line_breaks(text, loaded))
    if out == text and transform is None:
        return out  # already canonical: loading it again would give what was just loaded
    # Proof of losslessness before anything is written: same data, every comment kept.
    again, again_comments = yamlfile.find_comments(out, path)
    if not same(again.data, data) or again_comments.count() != comments.count():
        raise InputError(Finding(path, 1, 1, "input-syntax", "error",
                                 "cannot format this file without changing it; left untouched",
                                 "report this file to the finalacts maintainers"))
    return out


def same(a, b) -> bool:
    """Equal data, where a NaN (`.nan`) equals a NaN: a float that never equals itself."""
    if a == b:
        return True
    if isinstance(a, float) and isinstance(b, float):
        return a != a and b != b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return False


@dataclass
class FmtReport:
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    findings: list[Finding] = field(default_factory=list)


def run(paths: list[Path], root: Path | None, check_only: bool, transform=None,
        cache: Cache | None = None, jobs: int | None = None) -> FmtReport:
    """Format (or with check_only, only compare) each file; unreadable files are reported, not touched.
    With a cache (and no transform), what is found in the canonical layout is recorded there
    (canonical.py). Many files are formatted by forked workers (`jobs`, default all cores), each
    file on its own as before; a transform runs in this process, since it gathers notes."""
    report = FmtReport()
    keep = cache is not None and cache.enabled and transform is None
    files = expand(paths, root)
    work = [(path, check_only, transform, keep) for path in files]
    for path, (shown, outcome, detail) in zip(files, _each(work, jobs if transform is None else 1)):
        if outcome == "unreadable":
            report.findings.append(detail)
            continue
        if outcome == "unchanged":
            report.unchanged += 1
        else:
            report.changed.append(shown)
        if detail is not None:  # the canonical key of what the file now holds
            canonical.record(cache, path, detail)
    if keep:
        cache.save(whole_corpus=False)
    return report


def _format_file(job) -> tuple[str, str, object]:
    """(shown path, "unchanged" | "changed" | "unreadable", what to record): for a file found or
    written in the canonical layout, its canonical key when it is to be recorded, else None; for
    an unreadable file its finding. The file itself is written here (check_only aside)."""
    path, check_only, transform, keep = job
    shown = display(path)
    try:
        raw = read_bytes(path, shown)
        text = yamlfile.decode(raw, shown)
        new = format_text(text, shown, transform)
    except InputError as e:
        return shown, "unreadable", e.finding
    if new == text:
        return shown, "unchanged", canonical.key(shown, raw) if keep else None
    if check_only:
        return shown, "changed", None
    write_atomic(path, new)
    return shown, "changed", canonical.key(shown, new.encode("utf-8")) if keep and _stays(new, shown) else None


_CHUNK = 8  # files a worker is given at a time


def _each(work: list, jobs: int | None):
    """_format_file of each job, in order: in forked workers when there are many."""
    forked = workers.pool(jobs, len(work))
    if forked is None:
        return map(_format_file, work)
    canonical.key("", b"")  # the code's digest, worked out once before the workers fork

    def results():
        with forked[0] as executor:
            yield from executor.map(_format_file, work, chunksize=_CHUNK)
    return results()


def _stays(text: str, shown: str) -> bool:
    """Whether formatting `text` (as fmt just wrote it) leaves it as it is: only then is it recorded
    as in the canonical layout."""
    try:
        return format_text(text, shown) == text
    except InputError:
        return False
