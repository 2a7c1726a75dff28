"""What the commands the pre-commit hooks run do once their options are parsed, in a module that
does not import typer: `check`, `fmt` and `hook commit-msg`, and also `blame`.

The commands (cli/check.py, cli/proposals.py, cli/provenance.py) declare the options and call
these functions. The hooks run them with files and no option at all (`finalacts check FILE…`):
then there is nothing for the option parser to do, and `finalacts.cli.main` calls the function
with the options' defaults without importing typer, which costs more than checking one file. The
output and exit codes are the same either way (tested).
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

from finalacts.cli import output
from finalacts.corpus.disk import find_root
from finalacts.corpus.findings import UsageError, exit_code, kinds_exit_code
from finalacts.corpus.layout import FOLDER, LANGUAGES


def check(paths: list[Path] | None = None, format: str | None = None, strict: bool = False, cache: bool = True,
        jobs: int | None = None, edition: str | None = None, lang: str | None = None,
        changed_since: str | None = None, report_to: list[str] | None = None) -> int:
    """`finalacts check` with these options (the defaults are those of the command's options);
    the exit code."""
    if edition is not None:
        from finalacts.corpus.registry import load_registry  # with the YAML loader: only for this option

        if load_registry().get(edition) is None:
            raise UsageError(f"--edition {edition}: unknown conference; see schemas/conferences.yaml")
    extra = output.report_files(report_to)
    root = find_root()
    if lang is not None:
        if lang not in LANGUAGES:
            raise UsageError(f"--lang {lang!r}: use one of {', '.join(LANGUAGES)}")
        if changed_since is not None:
            raise UsageError("--lang checks every text of one language; it does not go with --changed-since")
        if root is None or not (root / FOLDER / lang).is_dir():
            raise UsageError(f"no {lang} versions here: no {FOLDER}/{lang}/ folder in the corpus")
        paths = [root / FOLDER / lang]
    if changed_since is None and not extra:
        # Findings written as they come: memory does not grow with their number. (Imported here:
        # with the cache and the configuration, which `fmt` and `hook commit-msg` do not need.)
        from finalacts.checks import results

        checked = results.stream(paths or [], root, use_cache=cache, edition=edition,
                                 checker=lambda run: _checker(run, jobs))
        kinds = output.report_stream(checked, format or output.default_report_format(), _unmerged(root, paths))
        return kinds_exit_code(kinds, strict)
    # --changed-since and --report: the whole check at once, through the runner (with the rules).
    from finalacts.checks import runner

    earlier = _history(root)
    if changed_since is not None:
        if paths:
            raise UsageError("--changed-since takes no PATHS: it checks the files the branch changed")
        from finalacts import git  # only this option needs git

        repo = git.open_repo(root or Path.cwd())
        repo.resolve(changed_since)
        changed = [repo.top / p for p in repo.changed_since(changed_since)]
        report = runner.run_changed(changed, root, use_cache=cache, jobs=jobs, edition=edition, earlier=earlier)
        if not report.files:
            print(f"finalacts: no corpus file is added or changed since {changed_since}", file=sys.stderr)
    else:  # --report: the same findings to each file, held for that
        report = runner.run(paths or [], root, use_cache=cache, jobs=jobs, edition=edition, earlier=earlier)
    findings = report.findings + _unmerged(root, paths)
    output.write_reports(extra, findings, report.files)
    output.report(findings, report.files, format or output.default_report_format())
    return exit_code(findings, strict)


def _checker(run, jobs: int | None):
    """What reads and checks the files whose results the cache does not hold, for results.stream,
    which asks for it only when there are such files. Imported here, late: a check whose every
    result is cached (the pre-commit hook's usual run) needs no YAML loader, schema gate or rule
    (tests/test_warm_start.py holds it to that)."""
    from finalacts.checks import runner

    return runner.Checker(run, jobs, earlier=_history(run.root))


def fmt(paths: list[Path] | None = None, check_only: bool = False, renumber: bool = False,
        jobs: int | None = None) -> int:
    """`finalacts fmt` with these options; the exit code."""
    # Each command's own modules are imported by it, so that `check` does not pay for them.
    from finalacts.workflows import canonical

    notes: list = []  # references --renumber could not follow
    root = find_root()
    if renumber:
        from finalacts.workflows import fmt as formatter
        from finalacts.workflows.renumber import transform as renumbering

        report = formatter.run(paths or [], root, check_only, renumbering(notes))
        changed, unchanged, findings = report.changed, report.unchanged, report.findings
    else:
        # Files whose very bytes fmt found in the canonical layout before are left alone without
        # importing the formatter (the YAML loader and emitter): the hook's usual run.
        cache = canonical.cache_for(root)
        todo, known = canonical.sort_out(paths or [], root, cache)
        changed, unchanged, findings = [], known, []
        if todo:
            from finalacts.workflows import fmt as formatter

            report = formatter.run(todo, root, check_only, cache=cache, jobs=jobs)
            changed, unchanged, findings = report.changed, report.unchanged + known, report.findings
    output.notes(notes + findings)
    verb = "would reformat" if check_only else "reformatted"
    for path in changed:
        output.say(f"{verb} {path}")
    n = len(changed)
    print(f"{n} file{'s' * (n != 1)} {verb}, {unchanged} unchanged"
          + (f", {len(findings)} unreadable" if findings else ""))
    if findings:
        return exit_code(findings)
    return 1 if changed else 0


def blame(text: str, item: str | None = None, at: str = "HEAD", format: str = "text", lang: str | None = None) -> int:
    """`finalacts blame TEXT` with these options; the exit code. Given only a text, it runs
    without typer, as the hooks' commands do, and does not pay for importing it."""
    from finalacts.provenance import blame as blaming
    from finalacts.provenance.views import VIEWS

    if lang is not None:
        from finalacts.provenance import translations

        b = translations.blame_translation(Path.cwd(), text, lang, item, at)
    else:
        b = blaming.blame(Path.cwd(), text, item, at)
    warn(b.warnings)
    sys.stdout.write(VIEWS["blame"][format](shown(b, format), output.colour()))
    return 0


def shown(result, fmt: str):
    """What a view shows: for the terminal, every quoted string escaped (JSON and HTML escape their own)."""
    return output.printable(result) if fmt == "text" else result


def warn(warnings: list[str]) -> None:
    for w in warnings:
        output.say(f"finalacts: {w}", err=True)


def commit_msg(message_file: Path) -> int:
    """`finalacts hook commit-msg MESSAGE_FILE`; the exit code."""
    from finalacts.workflows import hooks  # with git: imported by this command only

    problems = hooks.commit_msg(message_file)
    output.notes(problems)
    return 1 if problems else 0


_UNDER_WAY = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REBASE_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply")


def _unmerged(root: Path | None, paths: list[Path] | None) -> list:
    """During a merge, rebase or cherry-pick, the corpus files git left unmerged with no conflict
    written in them (one side suppressed a text the other changed). git is asked only when its
    folder shows one under way, so that a check at any other time (a pre-commit hook) does not pay
    for starting it."""
    top = next((d for d in ([root, *root.parents] if root else []) if (d / ".git").exists()), None)
    if top is None:
        return []
    dot = top / ".git"
    if dot.is_file():  # a linked worktree: "gitdir: <its own folder in the main repository>"
        line = dot.read_text(encoding="utf-8", errors="replace").strip()
        dot = (top / line[len("gitdir:"):].strip()) if line.startswith("gitdir:") else dot
    if not any((dot / name).exists() for name in _UNDER_WAY):
        return []
    from finalacts.workflows.merge import unmerged

    return unmerged(top, [p.resolve() for p in paths] if paths else None)


def _history(root):
    """Earlier English texts from git, for the redline of a stale translation; loaded only where the
    corpus holds language versions, so that checking a corpus without them never pays for git."""
    if root is None or not (root / FOLDER).is_dir():
        return None
    return import_module("finalacts.workflows.translate").history(root)
