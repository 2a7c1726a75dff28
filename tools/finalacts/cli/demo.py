"""`finalacts demo`: the whole cycle on the shipped example corpus."""

from __future__ import annotations

from pathlib import Path

import typer

from finalacts.cli.app import app
from finalacts.workflows import demo as demo_run


@app.command()
def demo(
    folder: Path = typer.Argument(Path("finalacts-demo"), help="Where to build the demo repository (must be new or empty)."),
    force: bool = typer.Option(False, "--force", help="Replace FOLDER if it holds a previous demo."),
):
    """Build a git repository from the example corpus and run the whole cycle on it, with a report."""
    result = demo_run.run(folder, force, say=lambda line: print(line, flush=True))
    raise typer.Exit(0 if result.proved else 1)
