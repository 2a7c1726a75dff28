"""A proposal document in, as a branch: `finalacts import proposals DOC --branch`.

In a corpus repository that holds the base edition's tag, the imported proposal set becomes what
`proposal new` and `proposal add` would have made by hand: the branch proposals/<conf>/<set> from
the base edition, and one commit per proposal with the manifest as it stands after that proposal
and the proposed text (MOD, (MOD), ADD: the text as imported, for a .docx the "after" version; SUP:
the file removed; NOC: no text). Each commit carries the `Proposal:` trailer and is authored by
the author of the proposal's tracked changes (a .docx), else by the submitter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from finalacts import git
from finalacts.corpus import layout, yamlfile
from finalacts.corpus.disk import write_atomic
from finalacts.corpus.files import load_resolution
from finalacts.corpus.findings import UsageError
from finalacts.corpus.model import ProposalSet, proposalset_to_data, resolution_to_data
from finalacts.corpus.registry import load_registry


@dataclass
class Made:
    """What the branch holds: its name, and (proposal id, action, target, author, commit) per commit."""

    branch: str
    commits: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # why a proposal has no text of its own


def _email(name: str) -> str:
    """An address for an author known by name only (a Word change author): never a real one."""
    local = re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".") or "author"
    return f"{local}@proposal-import.invalid"


def make_branch(start: Path, split, authors: dict[int, str]) -> Made:
    """The branch and its commits, in the repository that holds `start`."""
    repo = git.open_repo(start)
    root = repo.top
    m: ProposalSet = split.manifest
    if m.base not in repo.tags():
        raise UsageError(f"--branch: the base edition {m.base} is not tagged in this repository; tag it "
                         f"(`finalacts edition tag {m.base}`) or import without --branch")
    if repo.uncommitted():
        raise UsageError(f"--branch: uncommitted changes in {repo.uncommitted()[0]}; commit or stash them first")
    branch = layout.branch_name(m.conference, m.id)
    if repo.branch_exists(branch):
        raise UsageError(f"--branch: branch {branch} exists already")
    registry = load_registry()
    texts = {t.number: t for t in split.texts if t.result is not None}
    made = Made(branch)
    previous = repo.current_branch()
    repo.create_branch(branch, m.base, checkout=True)
    try:
        rel = layout.manifest_relpath(m.conference, m.id)
        for k, p in enumerate(m.proposals, start=1):
            step = replace(m, proposals=m.proposals[:k], branch=branch)
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(root / rel, yamlfile.dump(proposalset_to_data(step), "proposalset"))
            target = f"resolutions/{p.target}.yaml" if "/" in p.target else None
            if p.action in ("MOD", "(MOD)", "ADD") and target:
                t = texts.get(p.number)
                if t is None:
                    made.skipped.append(f"{m.id}/{p.number}: no whole text imported; the manifest only")
                else:
                    res = t.result.resolution
                    if p.action != "ADD" and (root / target).is_file():
                        # The text in force gives the editions; the proposal adds its conference.
                        res.adopted = list(load_resolution(root / target).adopted) + [m.conference]
                    elif p.action == "ADD":
                        res.adopted = []
                    body_dir = registry.bodies[res.body].dir
                    target = f"resolutions/{body_dir}/{res.stem}.yaml"
                    (root / target).parent.mkdir(parents=True, exist_ok=True)
                    write_atomic(root / target, yamlfile.dump(resolution_to_data(res), "resolution"))
            elif p.action == "SUP" and target and (root / target).is_file():
                (root / target).unlink()
            pid = f"{m.id}/{p.number}"
            who = authors.get(p.number) or m.submitter
            sha = repo.commit_all(f"{p.action} {p.target}\n\nProposal: {pid}\n", git.Identity(who, _email(who)))
            made.commits.append((pid, p.action, p.target, who, sha))
    finally:
        repo.checkout(previous)
    return made
