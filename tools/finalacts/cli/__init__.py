"""The `finalacts` command line: parse options, call one function, print, map to an exit code.

One module per command group defines its commands on the typer app (cli/app.py). Only the
module of the command being run is imported, so that `finalacts check` in a pre-commit hook does
not pay for git, Word or LibreOffice support; `--help` and completion import them all.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path

from finalacts.cli import output
from finalacts.corpus.findings import InputError, UsageError

# command -> the module of cli/ that defines it
COMMANDS = {
    "check": "check", "fmt": "check", "rules": "check",
    "edition": "editions", "adopt": "adopt",
    "proposal": "proposals", "hook": "proposals",
    "render": "render", "verify-docx": "render",
    "import": "importing",
    "blame": "provenance", "history": "provenance", "compare": "provenance",
    "demo": "demo",
    "site": "publish", "export": "publish",
    "codeowners": "codeowners",
    "translate": "translate",
    "setup-git": "merging", "merge-driver": "merging", "diff": "gitdiff", "textconv": "gitdiff",
}


def _load(argv: list[str]) -> None:
    """Import the modules that define the command named in `argv` (all of them when none is)."""
    named = next((a for a in argv if not a.startswith("-")), None)
    for module in [COMMANDS[named]] if named in COMMANDS else dict.fromkeys(COMMANDS.values()):
        import_module(f"finalacts.cli.{module}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: expected failures are one line and exit 2; anything else exit 3 with a log."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        plain = _plain(argv)
        if plain is not None:
            return plain()
        return _typer_main(argv)
    except (UsageError, InputError) as e:
        output.say(f"finalacts: {e}", err=True)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - the last guard: no traceback for users
        import tempfile  # only a crash needs them: not imported by every command's start
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="finalacts-crash-", suffix=".log", delete=False) as log:
            traceback.print_exc(file=log)
        output.say(f"finalacts: internal error: {type(e).__name__}: {e} (details in {log.name})", err=True)
        return 3


def _plain(argv: list[str]):
    """The commands the pre-commit hooks run, `finalacts check|fmt [PATH…]` and `finalacts hook
    commit-msg FILE`, and `finalacts blame TEXT`, when given with no option at all: typer has
    nothing to parse then, and the command runs with its options' defaults without importing
    typer (cli/plain.py), as a function of no arguments. None for any other command line, which
    typer parses (a test holds both ways to the same output and exit code)."""
    if "_FINALACTS_COMPLETE" in os.environ:  # shell completion: typer's
        return None
    words = argv[2:] if argv[:2] == ["hook", "commit-msg"] else argv[1:]
    if not argv or any(a.startswith("-") for a in words):
        return None
    command = "commit_msg" if argv[:2] == ["hook", "commit-msg"] else argv[0]
    if command not in ("check", "fmt", "commit_msg", "blame") or (command in ("commit_msg", "blame")
                                                                 and len(words) != 1):
        return None
    from finalacts.cli import plain

    if command == "blame":
        return lambda: plain.blame(words[0])
    paths = [Path(a) for a in words] or None
    if command == "commit_msg":
        return lambda: plain.commit_msg(paths[0])
    return lambda: getattr(plain, command)(paths)


def _typer_main(argv: list[str]) -> int:
    """The command line parsed by typer: the modules of the command named are imported."""
    import typer

    from finalacts.cli.app import app

    _load(argv)
    try:
        rc = app(args=argv, prog_name="finalacts", standalone_mode=False)
    except typer.Exit as e:
        return e.exit_code
    except typer.Abort:
        return 130
    except _click_exception() as e:
        e.show()
        return 2
    return rc if isinstance(rc, int) else 0


def _click_exception() -> type:
    """click's ClickException: typer >= 0.20 carries its own copy of click."""
    try:
        from typer._click.exceptions import ClickException
    except ImportError:
        from click.exceptions import ClickException
    return ClickException


if __name__ == "__main__":
    sys.exit(main())
