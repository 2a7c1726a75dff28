"""The `finalacts` command line: parse options, call one function, print, map to an exit code."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="ITU conference texts as schema-validated YAML in git.")


class Format(str, Enum):
    human = "human"
    json = "json"
    github = "github"


def _default_format() -> Format:
    import os

    return Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.human


@app.command()
def check(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders (default: the whole corpus)."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="human, json or github."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail too."),
):
    """Validate corpus files: schema, layout and every rule; exit 0 clean, 1 findings, 2 unreadable."""
    from . import checks, reporters
    from .corpus import find_root
    from .findings import exit_code

    report = checks.run(paths or [], find_root())
    text = reporters.render((format or _default_format()).value, report.findings, report.files)
    if text:
        print(text)
    raise typer.Exit(exit_code(report.findings, strict))


@app.command()
def fmt(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders (default: the whole corpus)."),
    check_only: bool = typer.Option(False, "--check", help="Change nothing; exit 1 if a file would change."),
):
    """Rewrite files into the canonical layout (deterministic, lossless, comments kept)."""
    from . import fmt as formatter
    from .corpus import find_root
    from .findings import exit_code

    report = formatter.run(paths or [], find_root(), check_only)
    for f in report.findings:
        print(f"{f.path}:{f.line}:{f.col}: {f.severity} {f.rule} {f.message}", file=sys.stderr)
    verb = "would reformat" if check_only else "reformatted"
    for path in report.changed:
        print(f"{verb} {path}")
    n = len(report.changed)
    print(f"{n} file{'s' * (n != 1)} {verb}, {report.unchanged} unchanged"
          + (f", {len(report.findings)} unreadable" if report.findings else ""))
    if report.findings:
        raise typer.Exit(exit_code(report.findings))
    raise typer.Exit(1 if report.changed else 0)


def main(argv: list[str] | None = None) -> int:
    """Entry point: expected failures are one line and exit 2; anything else exit 3 with a log."""
    from .findings import InputError, UsageError

    try:
        rc = app(args=argv, standalone_mode=False)
    except typer.Exit as e:
        return e.exit_code
    except (UsageError, InputError) as e:
        print(f"finalacts: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - the last guard: no traceback for users
        import click

        if isinstance(e, click.exceptions.ClickException):
            e.show()
            return 2
        if isinstance(e, click.exceptions.Abort):
            return 130
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="finalacts-crash-", suffix=".log", delete=False) as log:
            traceback.print_exc(file=log)
        print(f"finalacts: internal error: {type(e).__name__}: {e} (details in {log.name})", file=sys.stderr)
        return 3
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":
    sys.exit(main())
