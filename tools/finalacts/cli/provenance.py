"""`finalacts blame`, `history` and `compare`: who proposed which words, and what each group proposes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from finalacts.cli import output, plain
from finalacts.cli.app import app, choices, listed
from finalacts.provenance import compare as comparing
from finalacts.provenance import history as lineage
from finalacts.provenance.views import VIEWS

BlameFormat = choices("BlameFormat", VIEWS["blame"])
HistoryFormat = choices("HistoryFormat", VIEWS["history"])
CompareFormat = choices("CompareFormat", VIEWS["compare"])


@app.command()
def blame(text: str = typer.Argument(..., help="The text, e.g. pp/140."),
          item: Optional[str] = typer.Option(None, "--item", help="One item, e.g. 'resolves 3'."),
          at: str = typer.Option("HEAD", "--at", help="Ref to blame (tag, branch, commit)."),
          format: BlameFormat = typer.Option("text", "--format", "-f", help=f"{listed(VIEWS['blame'])}."),
          lang: Optional[str] = typer.Option(None, "--lang", help="A language version (ar, zh, fr, ru, es): "
                                             "who translated each text, and which are stale or missing.")):
    """Who proposed each phrase: proposal, submitter, edition, commit and author, through renumbering and renames."""
    plain.blame(text, item, at, format.value, lang)


@app.command()
def history(text: str = typer.Argument(..., help="The text, e.g. pp/140."),
            format: HistoryFormat = typer.Option("text", "--format", "-f", help=f"{listed(VIEWS['history'])}.")):
    """A text's lineage: the editions that adopted or revised it, every proposal on any branch that touched it."""
    h = lineage.history(Path.cwd(), text)
    plain.warn(h.warnings)
    sys.stdout.write(VIEWS["history"][format.value](plain.shown(h, format.value), output.colour()))


@app.command()
def compare(text: str = typer.Argument(..., help="The text, e.g. pp/140."),
            proposals: Optional[List[str]] = typer.Option(None, "--proposals", help="Refs to compare, repeated or comma-separated (default: every proposal branch no edition holds yet)."),
            format: CompareFormat = typer.Option("text", "--format", "-f", help=f"{listed(VIEWS['compare'])}.")):
    """Every group's proposed change to one text, item by item, with clashes marked; exit 1 on a clash."""
    c = comparing.compare(Path.cwd(), text, [r for v in proposals or [] for r in v.split(",") if r])
    sys.stdout.write(VIEWS["compare"][format.value](plain.shown(c, format.value), output.colour()))
    raise typer.Exit(1 if c.clashes or c.text_clashes else 0)
