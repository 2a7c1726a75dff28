"""The `finalacts` command line: parse options, call one function, print, map to an exit code."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False,
                  help="ITU conference texts as schema-validated YAML in git.")


def _print_version(value: bool) -> None:
    if value:
        from finalacts import __version__

        print(f"finalacts {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")):
    pass


class Format(str, Enum):
    human = "human"
    json = "json"
    github = "github"
    sarif = "sarif"


def _default_format() -> Format:
    import os

    return Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.human


@app.command()
def check(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders (default: the whole corpus)."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="human, json, github or sarif."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail too."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse results of unchanged files."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Processes (default: all cores)."),
    edition: Optional[str] = typer.Option(None, "--edition", help="Check as the edition of this conference "
                                          "(e.g. PP-14 at its tag): no text may claim a later one."),
):
    """Validate corpus files: schema, layout and every rule; exit 0 clean, 1 findings, 2 unreadable."""
    from finalacts.checks import runner, reporters
    from finalacts.corpus.files import find_root
    from finalacts.corpus.findings import exit_code

    report = runner.run(paths or [], find_root(), use_cache=cache, jobs=jobs, edition=edition)
    text = reporters.render((format or _default_format()).value, report.findings, report.files)
    if text:
        print(text)
    raise typer.Exit(exit_code(report.findings, strict))


@app.command()
def fmt(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders (default: the whole corpus)."),
    check_only: bool = typer.Option(False, "--check", help="Change nothing; exit 1 if a file would change."),
    renumber: bool = typer.Option(False, "--renumber", help="Relabel lists in sequence and fix the references to them."),
):
    """Rewrite files into the canonical layout (deterministic, lossless, comments kept)."""
    from finalacts.workflows import fmt as formatter
    from finalacts.corpus.files import find_root
    from finalacts.corpus.findings import exit_code

    notes: list = []  # references --renumber could not follow
    transform = None
    if renumber:
        from finalacts.workflows.renumber import transform as renumbering

        transform = renumbering(notes)
    report = formatter.run(paths or [], find_root(), check_only, transform)
    for f in notes:
        print(f"{f.path}: {f.severity} {f.rule} {f.message}", file=sys.stderr)
    for f in report.findings:
        print(f"{f.path}:{f.line}:{f.col}: {f.severity} {f.rule} {f.message}", file=sys.stderr)
    verb = "would reformat" if check_only else "reformatted"
    for path in report.changed:
        print(f"{verb} {path}")
    n = len(report.changed)
    print(f"{n} file{'s' * (n != 1)} {verb}, {report.unchanged} unchanged"
          + (f", {len(report.findings)} unreadable" if report.findings else ""))
    if report.findings:
        raise typer.Exit(exit_code(report.findings))
    raise typer.Exit(1 if report.changed else 0)


edition_app = typer.Typer(no_args_is_help=True, help="Editions: the texts in force after a conference, as git tags.")
proposal_app = typer.Typer(no_args_is_help=True, help="Proposal sets: a branch plus a manifest under proposals/.")
hook_app = typer.Typer(no_args_is_help=True, help="Git hooks (run by pre-commit).")
app.add_typer(edition_app, name="edition")
app.add_typer(proposal_app, name="proposal")
app.add_typer(hook_app, name="hook")


@edition_app.command("tag")
def edition_tag(conference: str = typer.Argument(..., help="Conference id, e.g. PP-18."),
                message: Optional[str] = typer.Option(None, "--message", "-m", help="Tag message.")):
    """Tag HEAD as the edition of CONFERENCE once it is consistent (adopted lists, no drafts)."""
    from finalacts.workflows import editions
    from finalacts.checks import reporters

    report = editions.tag(Path.cwd(), conference, message)
    if report.created:
        print(f"tagged {report.tag} ({report.files} texts)")
        raise typer.Exit(0)
    print(reporters.render("human", report.findings, report.files))
    print(f"not tagged: HEAD is not yet a consistent {conference} edition", file=sys.stderr)
    raise typer.Exit(1)


@edition_app.command("number")
def edition_number(conference: str = typer.Argument(..., help="Conference id, e.g. PP-18."),
                   dry_run: bool = typer.Option(False, "--dry-run", help="Print the numbering, change nothing.")):
    """Give drafts (resolutions/pp/ACP-1.yaml) their final numbers and rewrite citations of [ACP-1]."""
    from finalacts.workflows import editions

    report = editions.number(Path.cwd(), conference, dry_run)
    if not report.mapping:
        print("no drafts to number")
    for old, n in report.mapping:
        print(f"{old} -> {n}")
    if report.applied:
        print(f"renamed {len(report.renamed)}, rewrote citations in {len(report.rewritten)} other file(s)")


@edition_app.command("list")
def edition_list():
    """Edition tags with ADD/MOD/SUP counts against the previous edition of the same body."""
    from finalacts.workflows import editions

    rows = editions.listing(Path.cwd())
    if not rows:
        print("no edition tags")
    for r in rows:
        print(f"{r.tag:<10} {r.date}  ADD {r.added:>3}  MOD {r.modified:>3}  SUP {r.suppressed:>3}  "
              f"texts {r.total:>3}  (against {r.previous or 'nothing'})")


class ShowFormat(str, Enum):
    yaml = "yaml"
    text = "text"


@edition_app.command("show")
def edition_show(edition: str = typer.Argument(..., help="Edition tag or any ref, e.g. PP-14."),
                 text: str = typer.Argument(..., help="The text, e.g. pp/140."),
                 format: ShowFormat = typer.Option(ShowFormat.yaml, "--format", "-f", help="yaml or text.")):
    """Print a text as it stood in an edition."""
    from finalacts.workflows import editions

    sys.stdout.write(editions.show(Path.cwd(), edition, text, format == ShowFormat.text))


@proposal_app.command("new")
def proposal_new(set_id: str = typer.Argument(..., help="Proposal set id, e.g. ACP/64A1."),
                 conference: str = typer.Option(..., "--conference", help="Conference id, e.g. PP-18."),
                 base: str = typer.Option(..., "--base", help="Edition tag the proposals modify, e.g. PP-14."),
                 submitter: str = typer.Option(..., "--submitter", help="Who submits, as printed."),
                 symbol: Optional[str] = typer.Option(None, "--symbol", help="e.g. 'Addendum 1 to Document 64-E'."),
                 language: Optional[str] = typer.Option(None, "--language", help="Original language."),
                 branch: Optional[str] = typer.Option(None, "--branch", help="Branch name (default proposals/<conf>/<set>).")):
    """Create the proposal branch at the base edition and its manifest."""
    from finalacts.workflows import proposals

    r = proposals.new(Path.cwd(), set_id, conference, base, submitter, symbol, language, branch)
    print(f"on new branch {r.branch}; wrote {r.manifest}")


@proposal_app.command("add")
def proposal_add(action: str = typer.Argument(..., help="MOD, (MOD), ADD, SUP or NOC."),
                 target: str = typer.Argument(..., help="pp/11; for ADD the body folder, e.g. pp."),
                 placeholder: Optional[str] = typer.Option(None, "--placeholder", help="ADD: draft number, e.g. ACP-1."),
                 reasons: Optional[str] = typer.Option(None, "--reasons", help="Reasons (required for SUP and NOC)."),
                 summary: Optional[str] = typer.Option(None, "--summary", help="Summary shown before the proposal."),
                 title: Optional[str] = typer.Option(None, "--title", help="Heading for a target outside the corpus."),
                 manifest: Optional[Path] = typer.Option(None, "--manifest", help="Manifest (default: the current branch's).")):
    """Append a proposal to the manifest and start its edit."""
    from finalacts.workflows import proposals

    r = proposals.add(Path.cwd(), action, target, placeholder, reasons, summary, title, manifest)
    print(f"{r.action} {r.proposal_id} -> {r.target} (in {r.manifest})")
    for p in r.written[1:]:
        print(f"wrote {p}")
    for p in r.removed:
        print(f"removed {p}")


@proposal_app.command("check")
def proposal_check(base: Optional[str] = typer.Option(None, "--base", help="Base ref (default: each manifest's base)."),
                   head: str = typer.Option("HEAD", "--head", help="Head ref."),
                   manifest: Optional[str] = typer.Option(None, "--manifest", help="Manifest path (default: those changed)."),
                   format: Optional[Format] = typer.Option(None, "--format", "-f", help="human, json or github."),
                   strict: bool = typer.Option(False, "--strict", help="Warnings fail too.")):
    """The CI gate: the diff from the base edition agrees with the manifest, proposal by proposal."""
    from finalacts import git
    from finalacts.checks import reporters
    from finalacts.workflows import gate
    from finalacts.corpus.findings import exit_code

    repo = git.open_repo(Path.cwd())
    if head == "HEAD":
        git.require_clean(repo)
    report = gate.run(repo, head, base, manifest)
    text = reporters.render((format or _default_format()).value, report.findings, report.files)
    if text:
        print(text)
    raise typer.Exit(2 if report.fatal else exit_code(report.findings, strict))


@hook_app.command("commit-msg")
def hook_commit_msg(message_file: Path = typer.Argument(..., help="The commit message file git passes.")):
    """Refuse a commit on a proposal branch that touches resolutions/ without a `Proposal:` trailer."""
    from finalacts.workflows import hooks

    problems = hooks.commit_msg(message_file)
    for p in problems:
        print(f"finalacts commit-msg: {p}", file=sys.stderr)
    raise typer.Exit(1 if problems else 0)


@app.command()
def render(
    target: Optional[str] = typer.Argument(None, help="Proposal manifest, key such as pp/140, or a .yaml file."),
    base: Optional[str] = typer.Option(None, "--base", help="Ref of the old text (default: the manifest's base)."),
    head: Optional[str] = typer.Option(None, "--head", help="Ref of the new text (default: HEAD)."),
    final_acts: Optional[str] = typer.Option(None, "--final-acts", help="Compile the Final Acts of an edition, e.g. PP-18."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output for text and html)."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="docx, html, pdf or text (default: from -o)."),
    reference_docx: Optional[Path] = typer.Option(None, "--reference-docx", help="Word template whose styles and page to use."),
):
    """Render the conference document (Word with tracked changes, HTML, PDF or text) from git refs."""
    from finalacts.render.document import render_file

    rendered = render_file(target, base, head, final_acts, format, output, reference_docx)
    if output is None:
        sys.stdout.write(rendered.data.decode("utf-8"))
    else:
        print(f"wrote {output} ({rendered.summary})", file=sys.stderr)
    raise typer.Exit(0)


@app.command("verify-docx")
def verify_docx(
    file: Path = typer.Argument(..., help="A .docx made by finalacts render."),
    old: str = typer.Option(..., "--old", help="Ref (or .yaml file) of the old text."),
    new: str = typer.Option(..., "--new", help="Ref (or .yaml file) of the new text."),
):
    """Prove a .docx: accepting all changes gives the new text, rejecting all gives the old text."""
    from finalacts.render.verify import verify_docx as verify

    problems = verify(file, old, new)
    for p in problems:
        print(f"{file}: {p}", file=sys.stderr)
    if not problems:
        print(f"{file}: accept-all matches {new}, reject-all matches {old}")
    raise typer.Exit(1 if problems else 0)


@app.command()
def demo(
    folder: Path = typer.Argument(Path("finalacts-demo"), help="Where to build the demo repository (must be new or empty)."),
    force: bool = typer.Option(False, "--force", help="Replace FOLDER if it holds a previous demo."),
):
    """Build a git repository from the example corpus and run the whole cycle on it, with a report."""
    from finalacts.workflows import demo as demo_run

    result = demo_run.run(folder, force, say=lambda line: print(line, flush=True))
    raise typer.Exit(0 if result.proved else 1)


class RulesFormat(str, Enum):
    text = "text"
    markdown = "markdown"


@app.command()
def rules(format: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="text or markdown (docs/rules.md).")):
    """List every rule: id, severity, what it checks, a passing and a failing example."""
    from finalacts.corpus import catalog

    if format == RulesFormat.markdown:
        sys.stdout.write(catalog.as_markdown())
    else:
        print(catalog.as_text())


import_app = typer.Typer(no_args_is_help=True, help="Import existing ITU texts (.txt, Markdown-like, .docx).")
app.add_typer(import_app, name="import")


class ImportVersion(str, Enum):
    before = "before"
    after = "after"


def _print_import(outcome) -> None:
    for f in outcome.findings:
        print(f"{f.path}:{f.line}:{f.col}: {f.severity} {f.rule} {f.message}", file=sys.stderr)
    if outcome.stdout is not None:
        sys.stdout.write(outcome.stdout)
    for w in outcome.written:
        print(f"wrote {w}", file=sys.stderr)
    if outcome.unplaced:
        print(f"{outcome.unplaced} unplaced line(s): see the import-unplaced findings", file=sys.stderr)


@import_app.command("resolution")
def import_resolution(
    file: Path = typer.Argument(..., help="Plain text, Markdown-like text or .docx holding one resolution."),
    body: Optional[str] = typer.Option(None, "--body", help="PP, WTDC, WTSA, RA... (default: from the preamble)."),
    version: Optional[ImportVersion] = typer.Option(None, "--version", help="before or after, where the input holds both (tracked changes)."),
    adopted: Optional[str] = typer.Option(None, "--adopted", help="Conferences that adopted the text, e.g. PP-06,PP-10,PP-14."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="File to write, or - for stdout (default: resolutions/<body>/<number>.yaml)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing corpus file."),
):
    """Import one resolution; warnings name each flattened revision mark and unplaced line."""
    from finalacts.importer.output import import_resolution as run

    outcome = run(file, body, version.value if version else None,
                  [a.strip() for a in adopted.split(",") if a.strip()] if adopted else None, output, force)
    _print_import(outcome)
    raise typer.Exit(0)


@import_app.command("proposals")
def import_proposals(
    file: Path = typer.Argument(..., help="A proposal document as plain text (e.g. APT's ACP/64A1)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Folder to write under (default: the corpus root)."),
    conference: Optional[str] = typer.Option(None, "--conference", help="Conference id, e.g. PP-18 (default: from the texts)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing manifest."),
):
    """Split a proposal document: manifest under proposals/, each text under imported/ for review."""
    from finalacts.importer.output import import_proposals as run

    outcome = run(file, output, conference, force)
    _print_import(outcome)
    raise typer.Exit(0)


class BlameFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


def _colour() -> bool:
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@app.command()
def blame(text: str = typer.Argument(..., help="The text, e.g. pp/140."),
          item: Optional[str] = typer.Option(None, "--item", help="One item, e.g. 'resolves 3'."),
          at: str = typer.Option("HEAD", "--at", help="Ref to blame (tag, branch, commit)."),
          format: BlameFormat = typer.Option(BlameFormat.text, "--format", "-f", help="text, json or html.")):
    """Who proposed each phrase: proposal, submitter, edition, commit and author, through renumbering and renames."""
    from finalacts.provenance import blame as blamemod

    b = blamemod.blame(Path.cwd(), text, item, at)
    for w in b.warnings:
        print(f"finalacts: {w}", file=sys.stderr)
    out = {BlameFormat.json: blamemod.as_json, BlameFormat.html: blamemod.as_html}.get(format)
    sys.stdout.write(out(b) if out else blamemod.as_text(b, _colour()))


class HistoryFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def history(text: str = typer.Argument(..., help="The text, e.g. pp/140."),
            format: HistoryFormat = typer.Option(HistoryFormat.text, "--format", "-f", help="text or json.")):
    """A text's lineage: the editions that adopted or revised it, every proposal on any branch that touched it."""
    from finalacts.provenance import history as historymod

    h = historymod.history(Path.cwd(), text)
    for w in h.warnings:
        print(f"finalacts: {w}", file=sys.stderr)
    sys.stdout.write(historymod.as_json(h) if format == HistoryFormat.json else historymod.as_text(h))


@app.command()
def compare(text: str = typer.Argument(..., help="The text, e.g. pp/140."),
            proposals: Optional[List[str]] = typer.Option(None, "--proposals", help="Refs to compare, repeated or comma-separated (default: every proposal branch no edition holds yet)."),
            format: BlameFormat = typer.Option(BlameFormat.text, "--format", "-f", help="text, json or html.")):
    """Every group's proposed change to one text, item by item, with clashes marked."""
    from finalacts.provenance import compare as comparemod

    c = comparemod.compare(Path.cwd(), text, [r for v in proposals or [] for r in v.split(",") if r])
    out = {BlameFormat.json: comparemod.as_json, BlameFormat.html: comparemod.as_html}.get(format)
    sys.stdout.write(out(c) if out else comparemod.as_text(c, _colour()))


def main(argv: list[str] | None = None) -> int:
    """Entry point: expected failures are one line and exit 2; anything else exit 3 with a log."""
    from finalacts.corpus.findings import InputError, UsageError

    try:
        rc = app(args=argv, standalone_mode=False)
    except typer.Exit as e:
        return e.exit_code
    except (UsageError, InputError) as e:
        print(f"finalacts: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - the last guard: no traceback for users
        try:  # typer >= 0.20 carries its own copy of click, even where click is installed too
            from typer import Abort
            from typer._click.exceptions import ClickException
        except ImportError:
            from click.exceptions import Abort, ClickException

        if isinstance(e, ClickException):
            e.show()
            return 2
        if isinstance(e, Abort):
            return 130
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="finalacts-crash-", suffix=".log", delete=False) as log:
            traceback.print_exc(file=log)
        print(f"finalacts: internal error: {type(e).__name__}: {e} (details in {log.name})", file=sys.stderr)
        return 3
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":
    sys.exit(main())
