"""The commit-msg hook: on a proposal branch, a commit touching resolutions/ names its proposal.

A trailer `Proposal: ACP/64A1/3` (one per proposal the commit serves) must name a proposal of the
branch's manifest, and each staged file under resolutions/ must be the target of a named
proposal, so that `git blame` leads from a line to the proposal that changed it. Off a proposal
branch (or on a detached HEAD, as during a rebase) the hook has nothing to say, nor on a merge
commit ("Update branch" from main): what it brings is the target's, which the gate ignores.
"""

from __future__ import annotations

from pathlib import Path

from finalacts import git
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.layout import trailers


def _manifest_for(repo, branch: str) -> tuple[str, dict, bytes] | None:
    """The staged manifest (index content) whose `branch` is `branch`, with its bytes."""
    for rel, raw in repo.staged_files("proposals").items():
        from finalacts.corpus import yamlfile  # the YAML loader: only where a manifest is staged

        try:
            d = yamlfile.load(raw, rel).data
        except InputError:
            continue
        if isinstance(d, dict) and d.get("branch") == branch:
            return rel, d, raw
    return None


def _message(message_file: Path) -> str:
    try:
        return Path(message_file).read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        raise UsageError(f"cannot read the commit message {message_file}: {e.strerror or e}") from None


def commit_msg(message_file: Path, start: Path | None = None) -> list[Finding]:
    """Findings against the commit about to be made (none when it may go ahead)."""
    message = _message(message_file)
    # The work tree's few facts, asked of git without GitPython (git/worktree.py): this runs at every commit.
    repo = git.open_worktree(start or Path.cwd())
    branch = repo.branch()
    if branch is None or repo.merging():
        return []
    found = _manifest_for(repo, branch)
    if found is None:
        return []
    rel, manifest, raw = found
    touched = [p for p in repo.staged_paths() if p.startswith("resolutions/")]
    if not touched:
        return []
    # Proposals are named by the manifest's numbers and targets: only a manifest the schema
    # accepts has them (`proposals: 5` has none to name).
    from finalacts.corpus.files import parse

    problems = parse(raw, rel).findings
    if problems:
        return problems
    set_id = manifest.get("id", "")
    by_id = {f"{set_id}/{p.get('number')}": p for p in manifest.get("proposals") or [] if isinstance(p, dict)}
    shown = str(message_file)
    named = trailers(message)
    example = next(iter(by_id), f"{set_id}/1")
    if not named:
        return [Finding(shown, 1, 1, "hook-no-trailer", "error",
                        f"commit touches {touched[0]} on proposal branch {branch} but names no proposal",
                        f"add a trailer line such as `Proposal: {example}` (proposals are listed in {rel})")]
    problems = [Finding(shown, 1, 1, "hook-unknown-proposal", "error",
                        f"trailer `Proposal: {n}` names no proposal of {rel}",
                        f"name one of: {', '.join(by_id) or 'none yet (finalacts proposal add)'}")
                for n in named if n not in by_id]
    targets = {f"resolutions/{by_id[n].get('target')}.yaml" for n in named if n in by_id}
    for path in touched:
        if path not in targets:
            problems.append(Finding(path, 1, 1, "hook-untargeted", "error",
                                    "changed, but no proposal the commit names targets this text",
                                    "name its proposal in a `Proposal:` trailer or commit it separately"))
    return problems
