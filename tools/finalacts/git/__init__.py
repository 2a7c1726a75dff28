"""Everything that touches git: opening the repository, resolving refs, reading files at a ref,
tags (editions), branches (proposal sets) and diffs between two commits.

Refs and paths often come from users and from manifests, so nothing here hands such text to git
where it could be read as an option: names are checked with the rules of `git check-ref-format`
(no leading '-', among others), and commands that take them get `--end-of-options` or `--`.
Reading files goes through git's object database (gitpython's tree walk), not the work tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

import git
from git import Commit, Repo

from finalacts.corpus.findings import UsageError

# What `git check-ref-format` refuses anywhere in a name (plus whitespace and control characters).
_BAD_REF_CHARS = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")
# Revision suffixes we accept after a ref name: PP-14~1, HEAD^, HEAD^2, main~3.
_REV_SUFFIX = re.compile(r"((~|\^)[0-9]*)*$")
_SHA = re.compile(r"^[0-9a-fA-F]{7,40}$")
_FULL_SHA = re.compile(r"^[0-9a-f]{40}$")


def check_ref_name(name: str, what: str = "ref") -> str:
    """`name` if it is a well-formed ref name (git check-ref-format rules); UsageError otherwise.

    Beyond git's rules, a name starting with '-' is refused so it can never pass for an option.
    """
    problem = _ref_problem(name)
    if problem:
        raise UsageError(f"{what} {name!r} is not a valid name: {problem}")
    return name


def _ref_problem(name: str) -> str | None:
    if not name:
        return "it is empty"
    if name.startswith("-"):
        return "it starts with '-' and could be read as an option"
    if _BAD_REF_CHARS.search(name):
        return "it contains a space, a control character or one of ~ ^ : ? * [ \\"
    if ".." in name or "@{" in name or "//" in name:
        return "it contains '..', '@{' or '//'"
    if name == "@":
        return "'@' alone is not a name"
    if name.startswith("/") or name.endswith("/") or name.endswith("."):
        return "it starts or ends with '/' or ends with '.'"
    for part in name.split("/"):
        if part.startswith(".") or part.endswith(".lock"):
            return "a component starts with '.' or ends with '.lock'"
    return None


def _check_rev(ref: str) -> str:
    """A revision we are willing to pass to git: a ref name or hex id, with optional ~N / ^N."""
    if not isinstance(ref, str) or not ref:
        raise UsageError("empty ref")
    if ref.startswith("-"):
        raise UsageError(f"ref {ref!r} starts with '-' and could be read as an option; refused")
    m = _REV_SUFFIX.search(ref)
    base = ref[:m.start()] if m else ref
    if base in ("HEAD", "FETCH_HEAD", "ORIG_HEAD", "MERGE_HEAD") or _SHA.match(base):
        return ref
    problem = _ref_problem(base)
    if problem:
        raise UsageError(f"ref {ref!r} is not a valid name: {problem}")
    return ref


def open_repo(start: Path) -> Repo:
    """The git repository holding `start` (searching parent folders); UsageError if there is none."""
    start = Path(start)
    try:
        return Repo(start, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"not a git repository: {start} (nor any parent folder)") from None


def resolve(repo: Repo, ref: str) -> Commit:
    """The commit `ref` names (tag, branch, HEAD, id, with ~N/^N); UsageError if unknown or option-like."""
    _check_rev(ref)
    if _FULL_SHA.match(ref):
        # A full id needs no rev-parse process: look the object up directly (callers that read many
        # files at one commit pass its hexsha).
        try:
            repo.odb.info(bytes.fromhex(ref))  # raises for an id the repository does not hold
            obj = repo.rev_parse(ref)
            while obj.type == "tag":
                obj = obj.object
            if obj.type == "commit":
                return obj
        except (ValueError, git.BadName, git.BadObject):
            pass
        raise UsageError(f"unknown ref {ref!r}: no such commit in {repo.working_dir}")
    try:
        sha = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").strip()
    except git.GitCommandError:
        sha = ""
    if not sha:
        raise UsageError(f"unknown ref {ref!r}: no such tag, branch or commit in {repo.working_dir}")
    return repo.commit(sha)


def _check_relpath(relpath: str) -> str:
    p = PurePosixPath(str(relpath).replace("\\", "/"))
    if p.is_absolute() or ".." in p.parts or not p.parts or str(relpath).startswith("-"):
        raise UsageError(f"path {relpath!r} is outside the repository")
    return str(p)


def _tree_entry(repo: Repo, ref: str, relpath: str):
    tree = resolve(repo, ref).tree
    try:
        return tree / _check_relpath(relpath)
    except KeyError:
        return None


def read_at(repo: Repo, ref: str, relpath: str) -> bytes | None:
    """Bytes of the file at `relpath` (from the repository top) as it is at `ref`; None if absent."""
    entry = _tree_entry(repo, ref, relpath)
    if entry is None or entry.type != "blob":
        return None
    return entry.data_stream.read()


def list_at(repo: Repo, ref: str, folder: str = "resolutions") -> list[str]:
    """Paths (from the repository top, sorted) of the *.yaml files under `folder` at `ref`."""
    entry = _tree_entry(repo, ref, folder)
    if entry is None or entry.type != "tree":
        return []
    return sorted(b.path for b in entry.traverse() if b.type == "blob" and b.path.endswith(".yaml"))


def read_all(repo: Repo, ref: str, folder: str = "resolutions") -> dict[str, bytes]:
    """Every *.yaml file under `folder` at `ref`, path -> bytes, in one walk of the tree."""
    entry = _tree_entry(repo, ref, folder)
    if entry is None or entry.type != "tree":
        return {}
    return {b.path: b.data_stream.read() for b in entry.traverse()
            if b.type == "blob" and b.path.endswith(".yaml")}


def commit_date(repo: Repo, ref: str) -> datetime:
    """When the commit `ref` names was committed (timezone-aware)."""
    return resolve(repo, ref).committed_datetime


# ---------------------------------------------------------------- state of the work tree


def top(repo: Repo) -> Path:
    """The top folder of the work tree."""
    if repo.working_tree_dir is None:
        raise UsageError(f"{repo.git_dir} is a bare repository; run this in a clone with a work tree")
    return Path(repo.working_tree_dir)


def is_shallow(repo: Repo) -> bool:
    return (Path(repo.git_dir) / "shallow").exists()


def require_full_history(repo: Repo) -> None:
    """UsageError for a shallow clone: edition tags and merge bases need the whole history."""
    if is_shallow(repo):
        raise UsageError("this is a shallow clone; run `git fetch --unshallow --tags` "
                         "(in CI: fetch-depth: 0) and try again")


def current_branch(repo: Repo) -> str:
    """The checked-out branch name; UsageError on a detached HEAD."""
    if repo.head.is_detached:
        raise UsageError("HEAD is detached; check out a branch first (git switch <branch>)")
    return repo.active_branch.name


def uncommitted(repo: Repo) -> list[str]:
    """Paths with staged or unstaged changes to tracked files (untracked files do not count)."""
    out = repo.git.status("--porcelain=v1", "-z", "--untracked-files=no")
    paths = []
    for entry in out.split("\0"):
        if len(entry) > 3:
            paths.append(entry[3:])
    return paths


def require_clean(repo: Repo, folders: tuple[str, ...] = ("resolutions", "proposals")) -> None:
    """UsageError if tracked files under `folders` have uncommitted changes."""
    dirty = [p for p in uncommitted(repo) if p.split("/", 1)[0] in folders]
    if dirty:
        more = f" and {len(dirty) - 1} more" if len(dirty) > 1 else ""
        raise UsageError(f"uncommitted changes in {dirty[0]}{more}; commit or stash them first")


CONFLICT_MARKER = re.compile(rb"^(<{7}|>{7})( |$)", re.M)


def conflict_line(data: bytes) -> int | None:
    """1-based line of the first merge-conflict marker (<<<<<<< or >>>>>>>) in `data`, if any."""
    m = CONFLICT_MARKER.search(data)
    return data.count(b"\n", 0, m.start()) + 1 if m else None


# ---------------------------------------------------------------- tags, branches, history


def tags(repo: Repo) -> list[git.TagReference]:
    return list(repo.tags)


def tag_exists(repo: Repo, name: str) -> bool:
    check_ref_name(name, "tag")
    return f"refs/tags/{name}" in {t.path for t in repo.tags}


def create_tag(repo: Repo, name: str, message: str, ref: str = "HEAD") -> git.TagReference:
    """An annotated tag `name` at `ref`; UsageError if it exists already."""
    check_ref_name(name, "tag")
    if tag_exists(repo, name):
        raise UsageError(f"tag {name} exists already; delete it first if you mean to move it")
    return repo.create_tag(name, ref=resolve(repo, ref), message=message)


def branch_exists(repo: Repo, name: str) -> bool:
    check_ref_name(name, "branch")
    return f"refs/heads/{name}" in {h.path for h in repo.heads}


def create_branch(repo: Repo, name: str, at: str, checkout: bool = True) -> None:
    """A new branch `name` at `at`, checked out when asked; UsageError if it exists already."""
    check_ref_name(name, "branch")
    if branch_exists(repo, name):
        raise UsageError(f"branch {name} exists already; check it out with `git switch {name}`")
    commit = resolve(repo, at)
    head = repo.create_head(name, commit)
    if checkout:
        head.checkout()


def is_ancestor(repo: Repo, older: str, newer: str) -> bool:
    """True when `older` is reachable from `newer`."""
    a, b = resolve(repo, older).hexsha, resolve(repo, newer).hexsha
    try:
        repo.git.merge_base("--is-ancestor", "--end-of-options", a, b)
        return True
    except git.GitCommandError:
        return False


def merge_base(repo: Repo, a: str, b: str) -> str | None:
    x, y = resolve(repo, a).hexsha, resolve(repo, b).hexsha
    try:
        return repo.git.merge_base("--end-of-options", x, y).strip() or None
    except git.GitCommandError:
        return None


@dataclass(frozen=True)
class Change:
    """One file changed between two commits: status A, M, D (renames are split into D + A)."""

    status: str
    path: str


def changes(repo: Repo, base: str, head: str) -> list[Change]:
    """Files added, modified or deleted from `base` to `head` (no rename detection)."""
    a, b = resolve(repo, base).hexsha, resolve(repo, head).hexsha
    out = repo.git.diff("--name-status", "--no-renames", "-z", a, b, "--")
    parts = [p for p in out.split("\0") if p]
    result = []
    for status, path in zip(parts[0::2], parts[1::2]):
        s = status[0]
        if s == "T":
            s = "M"
        result.append(Change(s, path))
    return result


def history(repo: Repo, ref: str, relpath: str) -> list[Commit]:
    """Commits reachable from `ref` that touched `relpath`, newest first."""
    _check_relpath(relpath)
    return list(repo.iter_commits(resolve(repo, ref).hexsha, paths=[relpath]))


# ---------------------------------------------------------------- one file's changes (blame, history)

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


def _rename_source(repo: Repo, parent: str, sha: str, relpath: str) -> tuple[str, str] | None:
    """(old path, blob) when `relpath` at `sha` is, by git's rename detection, a file of `parent`."""
    out = repo.git.diff("--raw", "-M", "--no-abbrev", "-z", "--diff-filter=R", parent, sha, "--")
    parts = out.split("\0")
    k = 0
    while k + 2 < len(parts):
        meta, old, new = parts[k], parts[k + 1], parts[k + 2]
        k += 3
        if new == relpath:
            return old, meta.split()[2]
    return None


def file_changes(repo: Repo, ref: str, relpath: str, _seen: set | None = None) -> list[FileChange]:
    """Every commit reachable from `ref` that changed the file now at `relpath`, parents before children.

    Follows the file through renames (a draft ACP-1.yaml numbered 209.yaml), also where a merge
    brings in a branch that still holds the old name; `git log --follow` cannot do that across
    merges. History simplification is git's own: a side branch whose change to the file did not
    survive the merge is left out, as `git blame` leaves it out.
    """
    relpath = _check_relpath(relpath)
    seen = _seen if _seen is not None else set()
    head = resolve(repo, ref).hexsha
    if (head, relpath) in seen:
        return []
    seen.add((head, relpath))
    out = repo.git.log("-c", "--raw", "--no-abbrev", "--no-renames", "--topo-order", "--reverse",
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


def blob_bytes(repo: Repo, sha: str) -> bytes:
    """The content of the blob `sha` (read through git's persistent cat-file process)."""
    return repo.odb.stream(bytes.fromhex(sha)).read()


def blob_at(repo: Repo, ref: str, relpath: str) -> str | None:
    """The blob id of `relpath` at `ref`, or None if the file is absent there."""
    entry = _tree_entry(repo, ref, relpath)
    return entry.hexsha if entry is not None and entry.type == "blob" else None


def reachable(repo: Repo, ref: str) -> set[str]:
    """Ids of every commit reachable from `ref` (one `git rev-list`)."""
    return set(repo.git.rev_list(resolve(repo, ref).hexsha).split())


def shallow_boundary(repo: Repo) -> list[str]:
    """Commit ids whose parents a shallow clone lacks (empty for a full clone)."""
    p = Path(repo.git_dir) / "shallow"
    return p.read_text().split() if p.exists() else []


def ref_names(repo: Repo) -> list[tuple[str, str]]:
    """(short name, commit id) of every local branch, remote-tracking branch and tag."""
    out = repo.git.for_each_ref("--format=%(refname:short)%00%(objectname)%00%(*objectname)",
                                "refs/heads", "refs/remotes", "refs/tags")
    rows = []
    for line in out.splitlines():
        name, obj, peeled = line.split("\0")
        if name.endswith("/HEAD"):
            continue
        rows.append((name, peeled or obj))
    return rows


def commits_with_trailer(repo: Repo, refs: list[str], value: str) -> list[str]:
    """Ids of commits reachable from `refs` whose message has the trailer line `Proposal: <value>`."""
    if not refs:
        return []
    pattern = "^Proposal:[ \t]*" + re.escape(value) + "[ \t]*$"
    shas = [resolve(repo, r).hexsha for r in refs]
    out = repo.git.log("--format=%H", "-i", "-E", f"--grep={pattern}", *shas, "--")
    return out.split()
