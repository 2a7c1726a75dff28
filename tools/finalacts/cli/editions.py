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
                message: Optional[str] = typer.Option(None, "--message", "-m", help="Tag message."),
                sign: bool = typer.Option(False, "--sign", "-s", help="Sign the tag with your key (user.signingkey); "
                                          "it must then verify against members.yaml."),
                registry_at: Optional[str] = typer.Option(None, "--registry-at", help="Ref whose members.yaml "
                                                          "vouches for the signature (default: main)."),
                known_defects: Optional[str] = typer.Option(None, "--known-defects", help="Tag although `check "
                                                            "--edition` finds errors, saying why (kept in the tag).")):
    """Tag HEAD as the edition of CONFERENCE once it is consistent (adopted lists, no drafts, check clean)."""
    report = editions.tag(Path.cwd(), conference, message, sign=sign, registry_at=registry_at,
                          known_defects=known_defects)
    if report.created:
        signed = f", signed by {report.verified.tagger} for {report.verified.signer}" if report.verified else ""
        print(f"tagged {report.tag} ({report.files} texts{signed})")
        if report.defects:
            n = len(report.defects)
            print(f"finalacts: {report.tag} is published with {n} error{'s' * (n != 1)} of "
                  f"`finalacts check --edition {report.tag}` (said in the tag): {known_defects}", file=sys.stderr)
        raise typer.Exit(0)
    output.report(report.findings, report.files, "human")
    if report.verified is not None:
        print(f"not tagged: the signed tag {conference} does not verify, so it was removed again", file=sys.stderr)
    else:
        print(f"not tagged: HEAD is not yet a consistent {conference} edition", file=sys.stderr)
    raise typer.Exit(1)


@edition_app.command("verify")
def edition_verify(tag: str = typer.Argument(..., help="Edition tag, e.g. PP-18."),
                   registry_at: Optional[str] = typer.Option(None, "--registry-at", help="Ref whose members.yaml "
                                                             "says who signs editions (default: main).")):
    """Check that an edition tag is signed, by a member members.yaml lets sign editions, for its tree."""
    check = editions.verify(Path.cwd(), tag, registry_at)
    if check.ok:
        print(f"{tag}: signed by {check.tagger} for {check.signer}; commit {check.commit[:12]}, "
              f"tree {check.tree[:12]} as recorded")
        raise typer.Exit(0)
    output.report(check.findings, 1, "human")
    raise typer.Exit(1)


@edition_app.command("recut")
def edition_recut(conference: str = typer.Argument(..., help="Conference id of the tagged edition, e.g. PP-18."),
                  reason: str = typer.Option(..., "--reason", help="What the erratum corrects (kept in the tag)."),
                  sign: bool = typer.Option(False, "--sign", "-s", help="Sign the re-cut tag with your key "
                                            "(required for a signed edition); it must verify against members.yaml."),
                  registry_at: Optional[str] = typer.Option(None, "--registry-at", help="Ref whose members.yaml "
                                                            "vouches for the signature (default: main).")):
    """Move an edition's tag to HEAD, which corrects it (errata), keeping the edition as it stood."""
    report = editions.recut(Path.cwd(), conference, reason, sign=sign, registry_at=registry_at)
    if report.created:
        signed = f", signed by {report.verified.tagger} for {report.verified.signer}" if report.verified else ""
        print(f"re-cut {report.tag} at HEAD (erratum {report.erratum}{signed}); it stood at "
              f"{report.previous[:12]}, kept as tag {report.record}")
        print("clones take the moved tag with `git fetch --tags --force`")
        raise typer.Exit(0)
    output.report(report.findings, report.files, "human")
    if report.verified is not None:
        print(f"not re-cut: the signed tag {conference} does not verify, so the edition was put back as it stood",
              file=sys.stderr)
    else:
        print(f"not re-cut: HEAD is not a consistent {conference} edition", file=sys.stderr)
    raise typer.Exit(1)


@edition_app.command("number")
def edition_number(conference: str = typer.Argument(..., help="Conference id, e.g. PP-18."),
                   dry_run: bool = typer.Option(False, "--dry-run", help="Print the numbering, change nothing."),
                   order: Optional[str] = typer.Option(None, "--order", help="The order the secretariat gives, "
                                                       "e.g. 'ECP-1,ACP-1' or 'ACP-1=205' (default: placeholder order, "
                                                       "the next free numbers).")):
    """Give drafts (resolutions/pp/ACP-1.yaml) their final numbers and rewrite citations of [ACP-1]."""
    report = editions.number(Path.cwd(), conference, dry_run, editions.parse_order(order))
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
