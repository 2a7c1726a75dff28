"""`finalacts setup-git`, and the merge driver git runs once it is set up (`merge-driver`)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Optional

import typer

from finalacts.cli import output
from finalacts.cli.app import app
from finalacts.workflows import merge


@app.command("setup-git")
def setup_git(command: Optional[str] = typer.Option(
        None, "--command", help="How git should run finalacts (default: this installation, "
                                "by the full path of its Python).")):
    """Merge resolutions and manifests by structure, and show their diffs as a redline, in this clone:
    writes .gitattributes (commit it) and the merge.finalacts / diff.finalacts git settings."""
    run = command or f"{shlex.quote(sys.executable)} -m finalacts"
    done = merge.setup(Path.cwd(), run)
    if done.changed_attributes:
        print("wrote .gitattributes: resolutions/ and proposals/ merged and diffed by finalacts (commit it)")
    else:
        print(".gitattributes already names the finalacts merge and diff drivers")
    for (section, name), value in done.config.items():
        print(f"git config {section.replace(' ', '.').replace(chr(34), '')}.{name} {shlex.quote(value)}")


@app.command("merge-driver")
def merge_driver(base: Path = typer.Argument(..., help="%O: the common ancestor's version."),
                 ours: Path = typer.Argument(..., help="%A: ours; the result is written here."),
                 theirs: Path = typer.Argument(..., help="%B: theirs."),
                 path: str = typer.Argument(..., help="%P: the file's path in the repository.")):
    """git's merge driver for corpus files (set up by `finalacts setup-git`): exit 0 merged, 1 conflicts
    left in the file, where `finalacts check` reports them."""
    merged = merge.merge_files(base, ours, theirs, path)
    output.notes(merged.conflicts)
    if merged.conflicts:
        how = "by lines" if merged.fallback else "by structure"
        n = len(merged.conflicts)
        print(f"finalacts: {path}: merged {how}, {n} conflict{'s' * (n != 1)} left", file=sys.stderr)
        raise typer.Exit(1)
