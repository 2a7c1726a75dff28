"""What a check may trust: the members registry and the corpus settings as the target branch holds
them, never as the branch under review says.

The target is the branch a proposal is to be merged into (`--target`, in CI the pull request's
base branch); without one, the first of main, origin/main, master and origin/master that exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from finalacts.corpus.files import parse
from finalacts.corpus.findings import InputError, UsageError
from finalacts.corpus.layout import MEMBERS_FILE
from finalacts.corpus.members import Members

DEFAULT_TARGETS = ("main", "origin/main", "master", "origin/master")


@dataclass(frozen=True)
class Trusted:
    """The ref whose registry and settings a check trusts: as named, and its commit."""

    name: str
    sha: str


def trusted_ref(repo, target: str | None) -> Trusted | None:
    """The target named (UsageError if it does not resolve), else the first default that exists."""
    if target is not None:
        return Trusted(target, repo.resolve(target))
    for name in DEFAULT_TARGETS:
        try:
            return Trusted(name, repo.resolve(name))
        except UsageError:
            continue
    return None


def members_at(repo, ref: str, shown: str | None = None) -> Members | None:
    """The registry at `ref`; None when it holds no members.yaml; InputError when it cannot be read."""
    raw = repo.read_at(ref, MEMBERS_FILE)
    if raw is None:
        return None
    parsed = parse(raw, shown or f"{ref}:{MEMBERS_FILE}")
    if parsed.findings:
        raise InputError(parsed.findings[0])
    return parsed.model
