"""The one printer of findings: every command reports them through here."""

from __future__ import annotations

import dataclasses
import itertools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from finalacts.checks import reporters
from finalacts.corpus.disk import write_atomic
from finalacts.corpus.findings import Finding, UsageError

if TYPE_CHECKING:
    from finalacts.checks.results import Stream


def default_report_format() -> str:
    """GitHub Actions annotations under GitHub Actions, else the human format."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human"


def report(findings: list[Finding], files: int, fmt: str) -> None:
    """A command's result, in a registered format, on standard output."""
    text = reporters.render(fmt, findings, files)
    if text:
        print(text)


def report_stream(checked: Stream, fmt: str, more: list[Finding]) -> set[tuple[str, str]]:
    """`report` for a check's findings (then `more`), written as they come; returns the (rule,
    severity) pairs seen, which is all an exit code depends on. The human format writes each
    file's lines as the cache holds them."""
    write = sys.stdout.write
    if fmt == "human":
        out = sys.stdout
        if getattr(out, "buffer", None) is not None and (out.encoding or "").lower().replace("-", "") == "utf8":
            out.flush()
            write = out.buffer.write  # the lines as the cache holds them, not decoded and encoded again
        else:
            write = (lambda piece: out.write(piece.decode("utf-8")))
        words: set[str] = set()

        def noting_shown():
            for block in itertools.chain(checked.shown(), reporters.blocks(more)):
                if block.kinds:
                    words.update(block.kinds.split(" "))
                yield block
        for piece in reporters.human_lines(noting_shown(), checked.files):
            write(piece)
        out.flush()
        return reporters.kinds_of(words)
    seen: set[tuple[str, str]] = set()

    def noting():
        for f in itertools.chain(checked.findings, more):
            seen.add((f.rule, f.severity))
            yield f
    for piece in reporters.stream(fmt, noting(), checked.files):
        write(piece)
    return seen


def colour() -> bool:
    """Whether a view may colour its text: on a terminal, unless NO_COLOR is set."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def say(text: str, err: bool = False) -> None:
    """One line of a command's own output that may quote a file's name or words: printed with its
    control characters and line breaks escaped, so no file can add a line or move the cursor."""
    print(reporters.clean(text), file=sys.stderr if err else sys.stdout)


def printable(obj):
    """A copy of a result (dataclasses, lists, dicts, tuples of them) whose every string is clean:
    for a terminal view that quotes texts, commit subjects and author names, which come with a
    pull request and may hold escape sequences or line breaks. The view's own colours stay."""
    if isinstance(obj, str):
        return reporters.clean(obj)
    if isinstance(obj, list):
        return [printable(x) for x in obj]
    if isinstance(obj, dict):
        return {printable(k): printable(v) for k, v in obj.items()}
    if isinstance(obj, tuple):
        items = [printable(x) for x in obj]
        return type(obj)(*items) if hasattr(obj, "_fields") else tuple(items)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.replace(obj, **{f.name: printable(getattr(obj, f.name))
                                           for f in dataclasses.fields(obj) if f.init})
    return obj


def notes(findings: list[Finding]) -> None:
    """Findings beside a command's own output (fmt, import, hooks): one line each, on standard error."""
    for f in findings:
        print(reporters.line(f), file=sys.stderr)


def report_files(specs: list[str] | None) -> list[tuple[str, Path]]:
    """`--report FORMAT:PATH` options, checked before any work is done."""
    out = []
    for spec in specs or []:
        fmt, sep, path = spec.partition(":")
        if not sep or not path or fmt not in reporters.REPORTERS:
            raise UsageError(f"--report {spec!r}: give FORMAT:PATH with FORMAT one of "
                             f"{', '.join(reporters.REPORTERS)}, e.g. sarif:finalacts.sarif")
        out.append((fmt, Path(path)))
    return out


def write_reports(files: list[tuple[str, Path]], findings: list[Finding], checked: int) -> None:
    """The same findings written to each report file too (one run, several consumers)."""
    for fmt, path in files:
        write_atomic(path, reporters.render(fmt, findings, checked) + "\n")
