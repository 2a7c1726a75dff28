"""`finalacts diff` and `textconv`: corpus files as git shows them once `finalacts setup-git` has
set them up (the redline in `git diff`, one paragraph per line in `git log -p` and `git show`).
Kept apart from the merge driver so that git's many textconv calls start quickly."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

import typer

from finalacts.cli.app import app
from finalacts.corpus.findings import UsageError
from finalacts.render import changes


def _side(name: str) -> bytes | None:
    if name in ("/dev/null", "nul", "NUL"):
        return None
    try:
        return Path(name).read_bytes()
    except OSError as e:
        raise UsageError(f"cannot read {name}: {e.strerror}") from None


@app.command("diff")
def diff(args: List[str] = typer.Argument(..., help="OLD NEW [PATH], or the seven arguments git gives a diff "
                                                     "driver (path old-file old-hex old-mode new-file new-hex "
                                                     "new-mode).")):
    """The item-level, word-level redline of two versions of a corpus file (git's diff driver for
    `git diff`, set up by `finalacts setup-git`)."""
    if len(args) in (7, 9):
        path, old, new = args[0], args[1], args[4]
        if len(args) == 9:
            path = args[7]
    elif len(args) in (2, 3):
        old, new = args[0], args[1]
        path = args[2] if len(args) == 3 else new
    elif len(args) == 1:
        print(f"* Unmerged path {args[0]}")
        return
    else:
        raise UsageError(f"diff takes OLD NEW [PATH] or git's seven arguments, not {len(args)}")
    sys.stdout.write(changes.redline(_side(old), _side(new), path))


@app.command("textconv")
def textconv(file: Path = typer.Argument(..., help="A resolution or manifest file.")):
    """The file as one line per paragraph, each named by where it stands (what `git log -p` and `git
    show` diff, set up by `finalacts setup-git`)."""
    raw = _side(str(file))
    sys.stdout.write(changes.textconv(raw or b"", str(file)))
