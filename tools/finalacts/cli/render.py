"""`finalacts render` and `verify-docx`: conference documents from git refs, and their proof."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from finalacts.cli.app import app, choices, listed
from finalacts.cli.output import notes, say
from finalacts.render.formats import FORMATS
from finalacts.render.sources import Refused, render_file
from finalacts.render.verify import verify_docx as verify

DocFormat = choices("DocFormat", FORMATS)


@app.command()
def render(
    target: Optional[str] = typer.Argument(None, help="Proposal manifest, key such as pp/140, or a .yaml file."),
    base: Optional[str] = typer.Option(None, "--base", help="Ref of the old text (default: the manifest's base)."),
    head: Optional[str] = typer.Option(None, "--head", help="Ref of the new text (default: HEAD)."),
    final_acts: Optional[str] = typer.Option(None, "--final-acts", help="Compile the Final Acts of an edition, e.g. PP-18."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output for text and html)."),
    format: Optional[DocFormat] = typer.Option(None, "--format", "-f", help=f"{listed(FORMATS)} (default: from -o)."),
    reference_docx: Optional[Path] = typer.Option(None, "--reference-docx", help="Word template whose styles and page to use."),
    require_signed: bool = typer.Option(False, "--require-signed", help="With --final-acts: refuse unless the edition "
                                        "tag verifies (finalacts edition verify)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="The language of the document: ar, zh, fr, ru or es "
                                       "(default English); refused when a unit has no translation."),
    partial: bool = typer.Option(False, "--partial", help="With --lang: write the document all the same, each "
                                 "untranslated unit marked in it."),
):
    """Render the conference document (Word with tracked changes, HTML, PDF or text) from git refs."""
    try:
        rendered = render_file(target, base, head, final_acts, format.value if format else None, output,
                               reference_docx, require_signed, lang, partial)
    except Refused as e:  # the edition has errors: say which, exit 1 as `check` does
        notes(e.findings)
        say(f"finalacts: {e}", err=True)
        raise typer.Exit(1) from None
    for w in rendered.warnings:
        say(f"finalacts: warning: {w}", err=True)
    if output is None:
        sys.stdout.write(rendered.data.decode("utf-8"))
    else:
        say(f"wrote {output} ({rendered.summary})", err=True)
    raise typer.Exit(0)


@app.command("verify-docx")
def verify_docx(
    file: Path = typer.Argument(..., help="A .docx made by finalacts render."),
    old: str = typer.Option(..., "--old", help="Ref (or .yaml file) of the old text."),
    new: str = typer.Option(..., "--new", help="Ref (or .yaml file) of the new text."),
):
    """Prove a .docx: accepting all changes gives the new text, rejecting all gives the old text."""
    problems = verify(file, old, new)
    for p in problems:
        say(f"{file}: {p}", err=True)
    if not problems:
        say(f"{file}: accept-all matches {new}, reject-all matches {old}")
    raise typer.Exit(1 if problems else 0)
