"""A work tree as a commit hook sees it: the branch checked out, whether a merge is under way, and
what the index holds for the next commit.

These few questions are put to `git` directly, not through GitPython: importing GitPython costs
more (~40 ms) than asking them, and the commit-msg hook asks them at every commit.
`Repository` (repository.py) answers the same questions through this class.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from finalacts.corpus.findings import UsageError
from finalacts.git.objects import read_objects

_HEADS = "refs/heads/"


def rev_parse(where: Path, *asks: str) -> list[str] | None:
    """The lines `git rev-parse ASKS` answers in `where`; None when git refuses."""
    proc = subprocess.run(["git", "rev-parse", *asks], cwd=where, capture_output=True, check=False)
    return proc.stdout.decode("utf-8", "surrogateescape").splitlines() if proc.returncode == 0 else None


def _not_a_repository(start: Path) -> UsageError:
    return UsageError(f"not a git repository: {start} (nor any parent folder)")


@dataclass(frozen=True)
class WorkTree:
    """The work tree whose top folder is `top`, and its git folder (a linked worktree's own)."""

    top: Path
    git_dir: Path

    @classmethod
    def open(cls, start: Path) -> WorkTree:
        """The work tree holding `start` (searching parent folders); UsageError if there is none."""
        start = Path(start)
        where = start if start.is_dir() else start.parent
        if not where.is_dir():
            raise _not_a_repository(start)
        found = rev_parse(where, "--show-toplevel", "--absolute-git-dir")
        if found is not None and len(found) == 2:
            return cls(Path(found[0]), Path(found[1]))
        # Why not (asked only then): no repository, a bare one, or inside a git folder.
        found = rev_parse(where, "--absolute-git-dir", "--is-bare-repository")
        if found is None or len(found) != 2:
            raise _not_a_repository(start)
        if found[1] == "true":
            raise UsageError(f"{found[0]} is a bare repository; run this in a clone with a work tree")
        raise UsageError(f"{start} is inside the git folder {found[0]}; run this in the work tree")

    def _git(self, *args: str, ok: tuple[int, ...] = (0,)) -> tuple[int, str]:
        """(exit code, output) of `git ARGS` run at the top of the work tree, as git's hooks run;
        UsageError when git exits with a code not in `ok`."""
        proc = subprocess.run(["git", *args], cwd=self.top, capture_output=True, check=False)
        if proc.returncode not in ok:
            said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UsageError(f"git {args[0]} failed in {self.top}: {said[-1] if said else f'exit {proc.returncode}'}")
        return proc.returncode, proc.stdout.decode("utf-8", "surrogateescape")

    def branch(self) -> str | None:
        """The checked-out branch name (also a branch with no commit yet); None on a detached HEAD."""
        code, out = self._git("symbolic-ref", "-q", "HEAD", ok=(0, 1))
        ref = out.strip()
        return ref[len(_HEADS):] if code == 0 and ref.startswith(_HEADS) else None

    def is_detached(self) -> bool:
        return self.branch() is None

    def current_branch(self) -> str:
        """The checked-out branch name; UsageError on a detached HEAD."""
        name = self.branch()
        if name is None:
            raise UsageError("HEAD is detached; check out a branch first (git switch <branch>)")
        return name

    def merging(self) -> bool:
        """Whether a merge is under way (the commit being made is a merge commit)."""
        return (self.git_dir / "MERGE_HEAD").exists()

    def staged_paths(self) -> list[str]:
        """Paths the next commit changes (what `git diff --cached` lists)."""
        _, out = self._git("diff", "--cached", "--name-only", "--no-renames", "-z")
        return [p for p in out.split("\0") if p]

    def staged_files(self, folder: str) -> dict[str, bytes]:
        """path -> content in the index, for the *.yaml files under `folder`."""
        # git lists the folder's entries only (reading the whole index would grow with the corpus),
        # and one cat-file reads all their blobs.
        _, listed = self._git("ls-files", "-s", "-z", "--", folder.rstrip("/") + "/")
        entries = []
        for entry in listed.split("\0"):  # "mode sha stage\tpath", by path then stage
            meta, _, rel = entry.partition("\t")
            if rel.endswith(".yaml"):
                entries.append((rel, meta.split()[1]))
        blobs = read_objects(self.git_dir, [sha for _, sha in entries])
        out = {}
        for rel, sha in entries:  # a path in several stages (a merge): the last one, "theirs"
            if sha not in blobs:
                raise UsageError(f"git cannot read {rel} from the index of {self.top} (blob {sha})")
            out[rel] = blobs[sha][1]
        return out
