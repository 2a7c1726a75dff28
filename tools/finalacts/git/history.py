"""One file's history: every commit that changed it, through renames and merges (for blame and history)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

from finalacts.git.names import FULL_SHA, check_relpath
from finalacts.git.objects import read_objects
from finalacts.git.repository import Repository

NULL_SHA = "0" * 40


@dataclass(frozen=True)
class FileChange:
    """One commit that changed a file: its blob after the commit and the file's blob in each parent.

    `parent_blobs[k]` is None where parent k did not hold the file (under this path or, after
    rename detection, under the path it had there).
    """

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    time: int
    message: str
    path: str
    blob: str
    parent_blobs: tuple[str | None, ...]


def _raw_entries(block: str) -> dict[str, tuple[list[str], str]]:
    """path -> (blob per parent, new blob) from the --raw (and combined -c) lines of one commit."""
    out: dict[str, tuple[list[str], str]] = {}
    for line in block.splitlines():
        if not line.startswith(":"):
            continue
        meta, _, paths = line.partition("\t")
        colons = len(meta) - len(meta.lstrip(":"))
        fields = meta.lstrip(":").split()
        shas = fields[colons + 1:colons + 1 + colons + 1]
        path = paths.split("\t")[-1]
        out[path] = (shas[:-1], shas[-1])
    return out


def _rename_source(repo: Repository, parent: str, sha: str, relpath: str) -> tuple[str, str] | None:
    """(old path, blob) when `relpath` at `sha` is, by git's rename detection, a file of `parent`."""
    out = repo.diff("--raw", "-M", "--no-abbrev", "-z", "--diff-filter=R", parent, sha, "--")
    parts = out.split("\0")
    k = 0
    while k + 2 < len(parts):
        meta, old, new = parts[k], parts[k + 1], parts[k + 2]
        k += 3
        if new == relpath:
            return old, meta.split()[2]
    return None


def file_changes(repo: Repository, ref: str, relpath: str, _seen: set | None = None) -> list[FileChange]:
    """Every commit reachable from `ref` that changed the file now at `relpath`, parents before children.

    Follows the file through renames (a draft ACP-1.yaml numbered 209.yaml), also where a merge
    brings in a branch that still holds the old name; `git log --follow` cannot do that across
    merges. History simplification is git's own: a side branch whose change to the file did not
    survive the merge is left out, as `git blame` leaves it out.
    """
    relpath = check_relpath(relpath)
    seen = _seen if _seen is not None else set()
    head = repo.resolve(ref)
    if (head, relpath) in seen:
        return []
    seen.add((head, relpath))
    out = repo.log("-c", "--raw", "--no-abbrev", "--no-renames", "--topo-order", "--reverse",
                       "--format=%x1e%H%x00%P%x00%an%x00%ae%x00%at%x00%B%x00", head, "--", relpath)
    older: list[FileChange] = []
    mine: list[FileChange] = []
    for rec in out.split("\x1e")[1:]:
        sha, parents, author, email, when, message, rest = rec.split("\x00", 6)
        entry = _raw_entries(rest).get(relpath)
        if entry is None:
            continue
        plist = tuple(parents.split())
        before, blob = entry
        blobs: list[str | None] = []
        for k, p in enumerate(plist):
            b = before[k] if k < len(before) else None
            if b is None or b == NULL_SHA:
                src = _rename_source(repo, p, sha, relpath)
                if src is not None:
                    older.extend(file_changes(repo, p, src[0], seen))
                    b = src[1]
                else:
                    b = None
            blobs.append(b)
        mine.append(FileChange(sha, plist, author, email, int(when), message.strip(), relpath,
                               blob if blob != NULL_SHA else NULL_SHA, tuple(blobs)))
    done: set[tuple[str, str]] = set()
    result = []
    for c in older + mine:
        if (c.sha, c.path) not in done:
            done.add((c.sha, c.path))
            result.append(c)
    return result


def folder_trees(repo: Repository, shas: list[str], folder: str) -> dict[str, str | None]:
    """The tree id of `folder` at each commit (None where the commit has no such folder), in one
    `git cat-file --batch-check` for all of them instead of a look-up per commit."""
    folder = check_relpath(folder)
    shas = [s for s in dict.fromkeys(shas) if FULL_SHA.match(s)]
    if not shas:
        return {}
    lines = "".join(f"{s}:{folder}\n" for s in shas)
    proc = subprocess.run(["git", "--git-dir", str(repo.git_dir), "cat-file",
                           "--batch-check=%(objectname) %(objecttype)"],
                          input=lines, capture_output=True, text=True, check=False)
    out: dict[str, str | None] = {}
    answers = proc.stdout.splitlines()
    if proc.returncode != 0 or len(answers) != len(shas):
        return {}  # the caller looks each commit up itself
    for sha, answer in zip(shas, answers):
        obj, _, kind = answer.partition(" ")
        out[sha] = obj if kind == "tree" else None
    return out


def signed_commits(repo: Repository, shas: list[str]) -> dict[str, bool]:
    """Whether each commit carries a signature (a `gpgsig` header; git verifies it, this only says
    it is there), in one `git cat-file --batch` for all of them. Empty when git cannot say."""
    got = read_objects(repo.git_dir, shas)
    wanted = [s for s in dict.fromkeys(shas) if FULL_SHA.match(s)]
    if any(s not in got or got[s][0] != b"commit" for s in wanted):
        return {}
    return {s: any(line.startswith(b"gpgsig ") for line in got[s][1].split(b"\n\n", 1)[0].split(b"\n"))
            for s in wanted}


def blob_contents(repo: Repository, blobs: list[str]) -> dict[str, bytes]:
    """The bytes of each blob, in one `git cat-file --batch` for all of them instead of a read per
    blob. Blobs git does not have (or cannot give) are left out: the caller reads those itself."""
    return {b: body for b, (kind, body) in read_objects(repo.git_dir, blobs).items() if kind == b"blob"}
