"""The typer application, its command groups, and what several commands share: output choices
built from the registries, the default report format."""

from __future__ import annotations

from enum import Enum

import typer

from finalacts import __version__
from finalacts.cli.output import default_report_format  # noqa: F401 - the commands' default, kept in output.py

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False,
                  help="ITU conference texts as schema-validated YAML in git.")
edition_app = typer.Typer(no_args_is_help=True, help="Editions: the texts in force after a conference, as git tags.")
proposal_app = typer.Typer(no_args_is_help=True, help="Proposal sets: a branch plus a manifest under proposals/.")
hook_app = typer.Typer(no_args_is_help=True, help="Git hooks (run by pre-commit).")
import_app = typer.Typer(no_args_is_help=True,
                         help="Import existing ITU texts (.txt, Markdown-like, .docx, .pdf, Akoma Ntoso .xml).")
app.add_typer(edition_app, name="edition")
app.add_typer(proposal_app, name="proposal")
app.add_typer(hook_app, name="hook")
app.add_typer(import_app, name="import")


def _print_version(value: bool) -> None:
    if value:
        print(f"finalacts {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")):
    """ITU conference texts as schema-validated YAML in git."""


def choices(name: str, names) -> type[Enum]:
    """An option type offering exactly the names a registry holds."""
    return Enum(name, {n: n for n in names}, type=str)


def listed(names) -> str:
    """'a, b or c', for help texts built from a registry."""
    names = list(names)
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
