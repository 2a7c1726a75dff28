"""`finalacts proposal new|add|check` and the git hooks that keep proposal branches honest."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from finalacts import git
from finalacts.checks.reporters import REPORTERS
from finalacts.cli import output, plain
from finalacts.cli.app import choices, default_report_format, hook_app, listed, proposal_app
from finalacts.corpus.findings import exit_code
from finalacts.corpus.layout import ACTIONS
from finalacts.workflows import gate, proposals

ReportFormat = choices("ReportFormat", REPORTERS)


@proposal_app.command("new")
def proposal_new(set_id: str = typer.Argument(..., help="Proposal set id, e.g. ACP/64A1."),
                 conference: str = typer.Option(..., "--conference", help="Conference id, e.g. PP-18."),
                 base: str = typer.Option(..., "--base", help="Edition tag the proposals modify, e.g. PP-14."),
                 submitter: str = typer.Option(..., "--submitter", help="Who submits, as printed."),
                 symbol: Optional[str] = typer.Option(None, "--symbol", help="e.g. 'Addendum 1 to Document 64-E'."),
                 language: Optional[str] = typer.Option(None, "--language", help="Original language."),
                 branch: Optional[str] = typer.Option(None, "--branch", help="Branch name (default proposals/<conf>/<set>)."),
                 dated: Optional[str] = typer.Option(None, "--date", help="Date of the document, YYYY-MM-DD (default today).")):
    """Create the proposal branch at the base edition and its manifest."""
    r = proposals.new(Path.cwd(), set_id, conference, base, submitter, symbol, language, branch, dated)
    output.say(f"on new branch {r.branch}; wrote {r.manifest}")


@proposal_app.command("add")
def proposal_add(action: str = typer.Argument(..., help=f"{listed(ACTIONS)}."),
                 target: str = typer.Argument(..., help="pp/11; for ADD the body folder, e.g. pp."),
                 placeholder: Optional[str] = typer.Option(None, "--placeholder", help="ADD: draft number, e.g. ACP-1."),
                 reasons: Optional[str] = typer.Option(None, "--reasons", help="Reasons (required for SUP and NOC)."),
                 summary: Optional[str] = typer.Option(None, "--summary", help="Summary shown before the proposal."),
                 title: Optional[str] = typer.Option(None, "--title", help="Heading for a target outside the corpus."),
                 manifest: Optional[Path] = typer.Option(None, "--manifest", help="Manifest (default: the current branch's).")):
    """Append a proposal to the manifest and start its edit."""
    r = proposals.add(Path.cwd(), action, target, placeholder, reasons, summary, title, manifest)
    output.say(f"{r.action} {r.proposal_id} -> {r.target} (in {r.manifest})")
    for p in r.written[1:]:
        output.say(f"wrote {p}")
    for p in r.removed:
        output.say(f"removed {p}")


@proposal_app.command("check")
def proposal_check(base: Optional[str] = typer.Option(None, "--base", help="Base ref (default: each manifest's base)."),
                   head: str = typer.Option("HEAD", "--head", help="Head ref."),
                   target: Optional[str] = typer.Option(
                       None, "--target", help="The branch the work goes to; what the branch changed is the diff from "
                       "its merge-base with it, and whose members.yaml and settings decide who may change what (default: the "
                       "CI's target branch, else origin/main, else main)."),
                   manifest: Optional[str] = typer.Option(None, "--manifest", help="Manifest path (default: those changed)."),
                   format: Optional[ReportFormat] = typer.Option(None, "--format", "-f", help=f"{listed(REPORTERS)}."),
                   strict: bool = typer.Option(False, "--strict", help="Warnings fail too."),
                   report_to: Optional[List[str]] = typer.Option(
                       None, "--report", help="Also write the findings as FORMAT:PATH, e.g. codequality:gate.json "
                       "(repeatable).")):
    """The CI gate: what the branch changed agrees with its manifests, proposal by proposal."""
    extra = output.report_files(report_to)
    repo = git.open_repo(Path.cwd())
    if head == "HEAD":
        repo.require_clean()
    if target is not None:
        repo.resolve(target)
    else:
        target = gate.default_target(repo, dict(os.environ))
    report = gate.run(repo, head, base, manifest, target)
    output.write_reports(extra, report.findings, report.files)
    output.report(report.findings, report.files, format.value if format else default_report_format())
    for note in report.notes:
        print(f"finalacts: {note}", file=sys.stderr)
    raise typer.Exit(2 if report.fatal else exit_code(report.findings, strict))


@proposal_app.command("support")
def proposal_support(proposal_ids: list[str] = typer.Argument(..., help="Proposals of one set, e.g. ACP/64A1/3."),
                     member: Optional[str] = typer.Option(None, "--member", help="The member you support them for "
                                                          "(default: the one your git user.email acts for)."),
                     sign: Optional[bool] = typer.Option(None, "--sign/--no-sign", help="Sign the commit "
                                                         "(default: as git's commit.gpgsign says).")):
    """Record your member's support for proposals: its id in each `support:`, in a commit of yours."""
    r = proposals.support(Path.cwd(), proposal_ids, member, sign)
    for pid in r.already:
        print(f"{r.manifest} already listed {r.member} for {pid}: this commit backs it")
    print(f"support of {r.member} for {', '.join(r.proposals)} recorded in {r.commit[:12]} ({r.manifest})")


@proposal_app.command("outcome")
def proposal_outcome(number: str = typer.Argument(..., help="The proposal: 3, or ACP/64A1/3."),
                     decision: str = typer.Argument(..., help=f"{listed(proposals.OUTCOMES)}."),
                     document: str = typer.Option(..., "--document",
                                                  help="The plenary or committee document that decided it."),
                     text: Optional[str] = typer.Option(None, "--text", help="Adopted with modifications: the ref "
                                                        "holding the text as adopted."),
                     when: Optional[str] = typer.Option(None, "--date", help="Date of the decision (2018-11-15)."),
                     manifest: Optional[Path] = typer.Option(None, "--manifest",
                                                             help="Manifest (default: the current branch's).")):
    """Record what the conference decided on a proposal (finalacts adopt applies it)."""
    r = proposals.record_outcome(Path.cwd(), number, decision, document, text, when, manifest)
    print(f"{r.proposal_id}: {r.decision} (in {r.manifest})")


@proposal_app.command("rebase")
def proposal_rebase(onto: str = typer.Option(..., "--onto", help="The new edition, e.g. PP-22 (or a re-cut PP-18).")):
    """Move the current proposal branch onto a new edition: merge each proposal with the new texts,
    update `base:` and the `adopted:` lists; say which proposals now conflict (then nothing moves)."""
    r = proposals.rebase(Path.cwd(), onto)
    for row in r.rows:
        print(f"  {row.proposal:<14} {row.action:<5} {row.target:<14} {row.how}")
    if r.moved:
        print(f"{r.branch}: based on {r.new_base} (was {r.old_base}, at {r.was[:12]})")
        raise typer.Exit(0)
    output.report(r.findings, len(r.rows), "human")
    print(f"finalacts: {r.branch} not moved: the proposals above conflict with the texts of {r.new_base}",
          file=sys.stderr)
    raise typer.Exit(1)


@hook_app.command("commit-msg")
def hook_commit_msg(message_file: Path = typer.Argument(..., help="The commit message file git passes.")):
    """Refuse a commit on a proposal branch that touches resolutions/ without a `Proposal:` trailer."""
    raise typer.Exit(plain.commit_msg(message_file))
