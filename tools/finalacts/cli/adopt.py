"""`finalacts adopt`: the secretariat's step, from recorded outcomes to the tagged edition."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from finalacts import git
from finalacts.cli import output
from finalacts.cli.app import app
from finalacts.git import Identity
from finalacts.workflows import adopt as adoption
from finalacts.workflows.editions import parse_order

_STOPPED = {
    "outcomes": "nothing merged: record the missing outcomes on the proposal branches, then run it again",
    "merge": "nothing merged: every merge of this run was undone",
    "tag": "merged and numbered, not tagged: fix what is said above and run `finalacts adopt {conf}` again",
}


@app.command()
def adopt(conference: str = typer.Argument(..., help="Conference id, e.g. PP-18."),
          order: Optional[str] = typer.Option(None, "--order", help="Numbering of the drafts, e.g. 'ECP-1,ACP-1' or "
                                              "'ACP-1=205' (default: placeholder order, the next free numbers)."),
          message: Optional[str] = typer.Option(None, "--message", "-m", help="Tag message."),
          known_defects: Optional[str] = typer.Option(None, "--known-defects", help="Tag although `check --edition` "
                                                      "finds errors, saying why (kept in the tag).")):
    """Apply the recorded outcomes of every proposal set to CONFERENCE: merge, number the drafts, tag the edition."""
    repo = git.open_repo(Path.cwd())
    who = repo.identity()
    report = adoption.adopt(Path.cwd(), conference, Identity(*who), parse_order(order), message, known_defects)
    for set_id in report.held:
        print(f"{set_id}: held already")
    for set_id in report.merged:
        print(f"{set_id}: merged")
    for a in report.applied:
        print(f"  {a.proposal:<14} {a.action:<5} {a.target:<14} {a.decision} ({a.document})")
    for old, n in report.numbered:
        print(f"{old} -> {n}")
    if report.tagged:
        print(f"tagged {conference} ({report.files} texts)")
        raise typer.Exit(0)
    output.report(report.findings, report.files, "human")
    print(f"finalacts: {conference} not adopted: " + _STOPPED[report.stage].format(conf=conference), file=sys.stderr)
    raise typer.Exit(1)
