"""`finalacts translate status|export|import`: language versions and the translators' XLIFF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from finalacts.cli.app import app
from finalacts.cli.output import notes
from finalacts.corpus.disk import require_root, write_atomic
from finalacts.corpus.findings import exit_code
from finalacts.corpus.layout import LANGUAGES, translation_relpath
from finalacts.workflows import translate as workflow

translate_app = typer.Typer(no_args_is_help=True, help="Language versions: what each lacks, XLIFF 2.0 for translators.")
app.add_typer(translate_app, name="translate")

LANG_HELP = f"The language: {', '.join(LANGUAGES)}."


@translate_app.command("status")
def status(
    lang: str = typer.Option(..., "--lang", help=LANG_HELP),
    texts: Optional[List[str]] = typer.Argument(None, help="Texts such as pp/140 (default: every text)."),
):
    """What the language versions lack: texts never translated and those whose English changed since."""
    st = workflow.status(require_root(), workflow.check_lang(lang), texts or None)
    for t in st.todo:
        change = f": {workflow.word_redline(t.earlier_source, t.unit.text)}" if t.earlier_source else ""
        print(f"{translation_relpath(t.key, lang)}: {t.state} {t.name}{change}")
    for key in st.absent:
        print(f"{translation_relpath(key, lang)}: no {lang} version of {key} yet")
    print(f"{lang}: {st.translated} of {st.units} texts in {st.texts} resolutions translated and up to date; "
          f"{sum(t.state == 'new' for t in st.todo)} new, {sum(t.state == 'stale' for t in st.todo)} stale")
    raise typer.Exit(1 if st.todo else 0)


@translate_app.command("export")
def export(
    lang: str = typer.Option(..., "--lang", help=LANG_HELP),
    since: Optional[str] = typer.Option(None, "--since", help="Only what the English changed since this ref "
                                        "(e.g. PP-18)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The .xlf file to write "
                                          "(default: standard output)."),
    texts: Optional[List[str]] = typer.Argument(None, help="Texts such as pp/140 (default: every text)."),
):
    """Write XLIFF 2.0 with exactly the units to translate (new or stale, with context notes)."""
    data, st = workflow.export_xliff(require_root(), workflow.check_lang(lang), texts or None, since)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        write_atomic(output, data)
    new = sum(t.state == "new" for t in st.todo)
    print(f"{len(st.todo)} units to translate into {lang} ({new} new, {len(st.todo) - new} stale)"
          + (f" since {since}" if since else "") + (f": wrote {output}" if output else ""), file=sys.stderr)
    raise typer.Exit(0)


@translate_app.command("import")
def import_(
    file: Path = typer.Argument(..., help="The XLIFF file a translator filled in."),
    lang: str = typer.Option(..., "--lang", help=LANG_HELP),
):
    """Take a translated XLIFF file back, checked, into the language files."""
    done = workflow.import_xliff(require_root(), workflow.check_lang(lang), file)
    notes(done.findings)
    for rel in done.written:
        print(f"wrote {rel}")
    if not done.written and not done.findings:
        print(f"{file}: no unit has a target: nothing to take in", file=sys.stderr)
    print(f"{done.units} units taken in" + (f", {len(done.findings)} findings" if done.findings else ""),
          file=sys.stderr)
    code = exit_code(done.findings)
    raise typer.Exit(code if code else (0 if done.units else 1))
