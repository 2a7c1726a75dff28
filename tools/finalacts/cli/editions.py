"""`finalacts edition tag|number|list|show`: editions are annotated git tags."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from finalacts.cli import output
from finalacts.cli.app import choices, edition_app
from finalacts.workflows import editions

ShowFormat = choices("ShowFormat", ("yaml", "text"))


@edition_app.command("tag")
def edition_tag(conference: str = typer.Argument(..., help="Conference id, e.g. PP-18."),
                message: Optional[str] = typer.Option(None, "--message", "-m", help="Tag message.")):
    """Tag HEAD as the edition of CONFERENCE once it is consistent (adopted lists, no drafts)."""
    report = editions.tag(Path.cwd(), conference, message)
    if report.created:
        print(f"tagged {report.tag} ({report.files} texts)")
        raise typer.Exit(0)
    output.report(report.findings, report.files, "human")
    print(f"not tagged: HEAD is not yet a consistent {conference} edition", file=sys.stderr)
    raise typer.Exit(1)


@edition_app.command("number")
def edition_number(conference: str = typer.Argument(..., help="Conference id, e.g. PP-18."),
                   dry_run: bool = typer.Option(False, "--dry-run", help="Print the numbering, change nothing.")):
    """Give drafts (resolutions/pp/ACP-1.yaml) their final numbers and rewrite citations of [ACP-1]."""
    report = editions.number(Path.cwd(), conference, dry_run)
    if not report.mapping:
        print("no drafts to number")
    for old, n in report.mapping:
        output.say(f"{old} -> {n}")
    if report.applied:
        print(f"renamed {len(report.renamed)}, rewrote citations in {len(report.rewritten)} other file(s)")


@edition_app.command("list")
def edition_list():
    """Edition tags with ADD/MOD/SUP counts against the previous edition of the same body."""
    rows = editions.listing(Path.cwd())
    if not rows:
        print("no edition tags")
    for r in rows:
        print(f"{r.tag:<10} {r.date}  ADD {r.added:>3}  MOD {r.modified:>3}  SUP {r.suppressed:>3}  "
              f"texts {r.total:>3}  (against {r.previous or 'nothing'})")


@edition_app.command("show")
def edition_show(edition: str = typer.Argument(..., help="Edition tag or any ref, e.g. PP-14."),
                 text: str = typer.Argument(..., help="The text, e.g. pp/140."),
                 format: ShowFormat = typer.Option("yaml", "--format", "-f", help="yaml or text.")):
    """Print a text as it stood in an edition."""
    sys.stdout.write(editions.show(Path.cwd(), edition, text, format.value == "text"))
