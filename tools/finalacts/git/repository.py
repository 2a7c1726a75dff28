"""A repository as finalacts uses it: snapshots of refs, tags, branches, the index, commits.

Files are read through git's object database (a snapshot of one commit), never the work tree.
Everything that writes (commit, merge, tag) takes an explicit identity, which is passed to git
for that one call: nothing here or above changes `os.environ`.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from finalacts.corpus.findings import UsageError
from finalacts.git.names import FULL_SHA, check_ref_name, check_relpath, check_rev
from finalacts.git.objects import read_objects
from finalacts.git.worktree import WorkTree, rev_parse


class _GitPython:
    """GitPython, imported when first used: importing it costs ~60 ms, more than all the look-ups
    of a read-only command such as `blame` (which git answers through `Repository._run`)."""

    def __getattr__(self, name: str):
        import git

        return getattr(git, name)


gitpython = _GitPython()


class GitFailed(Exception):
    """`git` exited with an error (Repository._run)."""

LINK_MODE = 0o120000  # git's mode of a symbolic link


@dataclass(frozen=True)
class Identity:
    """Who a commit or tag is made by, and when (an ISO date git accepts; None: now)."""

    name: str
    email: str
    when: str | None = None

    def env(self) -> dict[str, str]:
        out = {"GIT_AUTHOR_NAME": self.name, "GIT_AUTHOR_EMAIL": self.email,
               "GIT_COMMITTER_NAME": self.name, "GIT_COMMITTER_EMAIL": self.email}
        if self.when:
            out.update(GIT_AUTHOR_DATE=self.when, GIT_COMMITTER_DATE=self.when)
        return out


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    author: str
    email: str
    date: datetime  # committed, timezone-aware
    message: str


@dataclass(frozen=True)
class BranchCommit:
    """A commit as the ownership checks see it: who authored it, what it says, what it changed
    against its first parent (every file, for a root commit)."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    message: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class TagInfo:
    """An annotated tag object as git reads it (the signature itself is git's to verify)."""

    ref: str            # the ref's own name, PP-18
    name: str           # the name written in the tag object
    commit: str         # the commit it names, peeled
    tree: str           # that commit's tree
    tagger: str
    email: str
    body: str           # the message below its first line, without the signature
    signed: bool = False  # whether the tag object carries a signature (git verifies it)


@dataclass(frozen=True)
class Change:
    """One file changed between two commits: status A, M, D (renames are split into D + A)."""

    status: str
    path: str


class Snapshot:
    """The tree of one commit, resolved once: read, list and read all of its files."""

    def __init__(self, repo: Repository, sha: str):
        self.repo = repo
        self.sha = sha
        self._loaded = None

    @property
    def _tree(self):
        if self._loaded is None:
            self._loaded = self.repo._git.commit(self.sha).tree
        return self._loaded

    @property
    def _direct(self) -> bool:
        """Whether to ask git itself (`git ls-tree`) rather than GitPython's tree objects: until
        GitPython is loaded, for the few look-ups of a read-only command (see `Repository._run`)."""
        return self._loaded is None and self.repo._handle is None

    def _ls(self, rel: str, recursive: bool = False) -> list[tuple[str, str, str, str]]:
        """(mode, type, id, path) of the entry `rel` (a checked path), or of the files under it."""
        out = self.repo._run("ls-tree", "-z", "--full-tree", *(["-r"] if recursive else []), self.sha, "--", rel)
        rows = []
        for entry in out.split("\0"):
            meta, _, path = entry.partition("\t")
            fields = meta.split()
            if len(fields) == 3 and path:
                rows.append((fields[0], fields[1], fields[2], path))
        return rows

    def _listed(self, relpath: str, kind: str) -> str | None:
        rel = check_relpath(relpath)
        return next((sha for _, t, sha, path in self._ls(rel) if path == rel and t == kind), None)

    def _entry(self, relpath: str):
        try:
            return self._tree / check_relpath(relpath)
        except KeyError:
            return None

    def read(self, relpath: str) -> bytes | None:
        """Bytes of the file at `relpath` (from the repository top); None if absent."""
        entry = self._entry(relpath)
        if entry is None or entry.type != "blob":
            return None
        return entry.data_stream.read()

    def is_link(self, relpath: str) -> bool:
        """Whether `relpath` is a symbolic link (mode 120000): git stores it as a blob holding the
        path it points at, which `read` returns like any file's bytes."""
        entry = self._entry(relpath)
        return entry is not None and entry.type == "blob" and entry.mode == LINK_MODE

    def links(self, folder: str) -> list[str]:
        """Paths (sorted) of every symbolic link under `folder` (or `folder` itself), whatever its name."""
        entry = self._entry(folder)
        if entry is None:
            return []
        if entry.type == "blob":
            return [entry.path] if entry.mode == LINK_MODE else []
        if entry.type != "tree":
            return []
        return sorted(b.path for b in entry.traverse() if b.type == "blob" and b.mode == LINK_MODE)

    def blob(self, relpath: str) -> str | None:
        """The blob id of `relpath`, or None if the file is absent."""
        if self._direct:
            return self._listed(relpath, "blob")
        entry = self._entry(relpath)
        return entry.hexsha if entry is not None and entry.type == "blob" else None

    def tree_id(self, folder: str) -> str | None:
        """The id of the tree `folder`, which changes exactly when something under it changes."""
        if self._direct:
            return self._listed(folder, "tree")
        entry = self._entry(folder)
        return entry.hexsha if entry is not None and entry.type == "tree" else None

    def _blobs(self, folder: str):
        entry = self._entry(folder)
        if entry is None or entry.type != "tree":
            return []
        return [b for b in entry.traverse() if b.type == "blob" and b.path.endswith(".yaml")]

    def list(self, folder: str = "resolutions") -> list[str]:
        """Paths (sorted) of the *.yaml files under `folder`."""
        return sorted(b.path for b in self._blobs(folder))

    def blobs(self, folder: str = "resolutions") -> dict[str, str]:
        """path -> blob id of the *.yaml files under `folder`."""
        return {b.path: b.hexsha for b in self._blobs(folder)}

    def read_all(self, folder: str = "resolutions") -> dict[str, bytes]:
        """Every *.yaml file under `folder`, path -> bytes, in one walk of the tree."""
        if self._direct:
            files = [(path, sha) for _, t, sha, path in self._ls(check_relpath(folder), recursive=True)
                     if t == "blob" and path.endswith(".yaml")]
            got = read_objects(self.repo.git_dir, [sha for _, sha in files])
            if all(sha in got for _, sha in files):
                return {path: got[sha][1] for path, sha in sorted(files)}
        return {b.path: b.data_stream.read() for b in self._blobs(folder)}


class Repository:
    """A git repository with a work tree (or bare, for reading only)."""

    def __init__(self, handle=None, *, top: Path | None = None, git_dir: Path | None = None):
        # GitPython's handle, made at first use (`_git`); the look-ups that `_run` asks git for
        # directly need only where the repository is.
        self._handle = handle
        self._top, self._dir = top, git_dir
        self._commits: set[str] = set()  # ids `resolve` found to be commits (an id names one for good)

    @property
    def _git(self):
        if self._handle is None:
            self._handle = gitpython.Repo(self._top or self._dir)
        return self._handle

    def _run(self, *args: str) -> str:
        """The output of `git ARGS` run where GitPython runs it (the work tree's top, else the git
        folder), less its last line break as GitPython gives it; GitFailed when git fails."""
        if self._handle is not None:
            try:
                return self._handle.git.execute(["git", *args])
            except gitpython.GitCommandError as e:
                raise GitFailed(str(e)) from None
        proc = subprocess.run(["git", *args], cwd=self._top or self._dir, capture_output=True, check=False)
        if proc.returncode != 0:
            raise GitFailed(proc.stderr.decode("utf-8", "replace").strip())
        out = proc.stdout.decode("utf-8", "replace")
        return out[:-1] if out.endswith("\n") else out

    # ------------------------------------------------------------ opening, where

    @classmethod
    def open(cls, start: Path) -> Repository:
        """The repository holding `start` (searching parent folders); UsageError if there is none."""
        start = Path(start)
        if start.is_dir():
            # Where git itself finds the repository, with no GitPython (see `_git`): a work tree,
            # else a bare repository; anything else is GitPython's to say.
            found = rev_parse(start, "--show-toplevel", "--absolute-git-dir")
            if found is not None and len(found) == 2:
                return cls(top=Path(found[0]), git_dir=Path(found[1]))
            found = rev_parse(start, "--is-bare-repository", "--absolute-git-dir")
            if found is not None and found[:1] == ["true"] and len(found) == 2:
                return cls(git_dir=Path(found[1]))
        try:
            return cls(gitpython.Repo(start, search_parent_directories=True))
        except (gitpython.InvalidGitRepositoryError, gitpython.NoSuchPathError):
            raise UsageError(f"not a git repository: {start} (nor any parent folder)") from None

    @classmethod
    def init(cls, dest: Path, branch: str, identity: Identity) -> Repository:
        """A new repository at `dest` whose own settings name `identity` and sign nothing."""
        repo = cls(gitpython.Repo.init(dest, initial_branch=check_ref_name(branch, "branch")))
        with repo._git.config_writer() as cw:
            cw.set_value("user", "name", identity.name)
            cw.set_value("user", "email", identity.email)
            cw.set_value("commit", "gpgsign", "false")
            cw.set_value("tag", "gpgsign", "false")
        return repo

    @property
    def top(self) -> Path:
        """The top folder of the work tree."""
        if self._handle is None and self._dir is not None:
            if self._top is None:
                raise UsageError(f"{self._dir} is a bare repository; run this in a clone with a work tree")
            return self._top
        if self._git.working_tree_dir is None:
            raise UsageError(f"{self._git.git_dir} is a bare repository; run this in a clone with a work tree")
        return Path(self._git.working_tree_dir)

    def identity(self) -> tuple[str, str]:
        """(name, email) git commits as here: the environment's, else the repository's settings."""
        try:
            ident = self._git.git.var("GIT_COMMITTER_IDENT")
        except gitpython.GitCommandError:
            raise UsageError("git does not know who you are: set user.name and user.email "
                             "(git config user.name '…'; git config user.email '…')") from None
        name, _, rest = ident.partition(" <")
        return name, rest.split(">", 1)[0]

    @property
    def git_dir(self) -> Path:
        return self._dir if self._handle is None and self._dir is not None else Path(self._git.git_dir)

    @property
    def where(self) -> str:
        if self._handle is None and self._dir is not None:
            return str(self._top or self._dir)
        return str(self._git.working_dir)

    def exclude(self, *patterns: str) -> None:
        """Keep `patterns` out of git in this clone only (.git/info/exclude)."""
        path = self.git_dir / "info" / "exclude"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{p}\n" for p in patterns), encoding="utf-8")

    # ------------------------------------------------------------ refs and commits

    def resolve(self, ref: str) -> str:
        """The id of the commit `ref` names (tag, branch, HEAD, id, with ~N/^N); UsageError if
        unknown or option-like."""
        check_rev(ref)
        if ref in self._commits:
            return ref  # callers that read many files at one commit pass its id
        if FULL_SHA.match(ref) and self._handle is not None:
            # A full id needs no rev-parse process once GitPython is loaded: look the object up.
            try:
                self._git.odb.info(bytes.fromhex(ref))  # raises for an id the repository does not hold
                obj = self._git.rev_parse(ref)
                while obj.type == "tag":
                    obj = obj.object
                if obj.type == "commit":
                    self._commits.add(obj.hexsha)
                    return obj.hexsha
            except (ValueError, gitpython.BadName, gitpython.BadObject):
                pass
            raise UsageError(f"unknown ref {ref!r}: no such commit in {self.where}")
        try:
            sha = self._run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").strip()
        except GitFailed:
            sha = ""
        if not sha:
            what = "commit" if FULL_SHA.match(ref) else "tag, branch or commit"
            raise UsageError(f"unknown ref {ref!r}: no such {what} in {self.where}")
        self._commits.add(sha)
        return sha

    def commit(self, ref: str) -> CommitInfo:
        c = self._git.commit(self.resolve(ref))
        return CommitInfo(c.hexsha, c.author.name or "", c.author.email or "", c.committed_datetime,
                          c.message)

    def at(self, ref: str) -> Snapshot:
        """The tree of the commit `ref` names, resolved once."""
        return Snapshot(self, self.resolve(ref))

    def read_at(self, ref: str, relpath: str) -> bytes | None:
        """Bytes of `relpath` at `ref`; None if absent (one file: use `at` for several)."""
        return self.at(ref).read(relpath)

    def blob_bytes(self, sha: str) -> bytes:
        """The content of the blob `sha` (read through git's persistent cat-file process)."""
        if self._handle is None:
            got = read_objects(self.git_dir, [sha])
            if sha in got:
                return got[sha][1]
        return self._git.odb.stream(bytes.fromhex(sha)).read()

    def is_ancestor(self, older: str, newer: str) -> bool:
        """True when `older` is reachable from `newer`."""
        a, b = self.resolve(older), self.resolve(newer)
        try:
            self._git.git.merge_base("--is-ancestor", "--end-of-options", a, b)
            return True
        except gitpython.GitCommandError:
            return False

    def merge_base(self, a: str, b: str) -> str | None:
        x, y = self.resolve(a), self.resolve(b)
        try:
            return self._git.git.merge_base("--end-of-options", x, y).strip() or None
        except gitpython.GitCommandError:
            return None

    def changes(self, base: str, head: str) -> list[Change]:
        """Files added, modified or deleted from `base` to `head` (no rename detection)."""
        a, b = self.resolve(base), self.resolve(head)
        out = self._git.git.diff("--name-status", "--no-renames", "-z", a, b, "--")
        parts = [p for p in out.split("\0") if p]
        return [Change("M" if s[0] == "T" else s[0], path) for s, path in zip(parts[0::2], parts[1::2])]

    def changed_since(self, ref: str) -> list[str]:
        """Paths the work tree adds or changes since its merge-base with `ref` (what a pull
        request going to `ref` brings, uncommitted and untracked files included; deleted ones not)."""
        fork = self.merge_base(ref, "HEAD") or self.resolve(ref)
        out = self._git.git.diff("--name-only", "--no-renames", "--diff-filter=d", "-z", fork, "--")
        new = self._git.git.ls_files("--others", "--exclude-standard", "-z")
        return sorted({p for p in (out + "\0" + new).split("\0") if p})

    def merge_texts(self, base: bytes, ours: bytes, theirs: bytes) -> bytes | None:
        """Three-way merge of one file's contents (`git merge-file`); None when the two sides
        change the same lines differently."""
        with tempfile.TemporaryDirectory(prefix="finalacts-merge-") as tmp:
            paths = []
            for name, data in (("ours", ours), ("base", base), ("theirs", theirs)):
                path = Path(tmp) / name
                path.write_bytes(data)
                paths.append(str(path))
            try:
                self._git.git.merge_file("-q", *paths)  # the result replaces `ours`
            except gitpython.GitCommandError as e:
                if isinstance(e.status, int) and 0 < e.status < 128:
                    return None  # the number of conflicts
                raise
            return Path(paths[0]).read_bytes()

    def reachable(self, ref: str) -> set[str]:
        """Ids of every commit reachable from `ref` (one `git rev-list`)."""
        return set(self._git.git.rev_list(self.resolve(ref)).split())

    def reachable_from(self, refs: list[str]) -> dict[str, set[str]]:
        """`reachable` of each of `refs` (names the repository holds, such as its tags), with two
        git processes for them all: one resolves them, one lists their history with its parents,
        which is walked here from each."""
        for ref in refs:
            check_rev(ref)  # none is option-like: rev-parse, given several, would echo an option back
        if not refs:
            return {}
        tips = self._run("rev-parse", *[f"{r}^{{commit}}" for r in refs]).split()
        parents: dict[str, list[str]] = {}
        for row in self._run("rev-list", "--parents", *dict.fromkeys(tips)).splitlines():
            sha, *up = row.split()
            parents[sha] = up
        out: dict[str, set[str]] = {}
        for ref, tip in zip(refs, tips):
            seen, todo = {tip}, [tip]
            while todo:
                for up in parents.get(todo.pop(), ()):
                    if up not in seen:
                        seen.add(up)
                        todo.append(up)
            out[ref] = seen
        return out

    def ref_names(self) -> list[tuple[str, str]]:
        """(short name, commit id) of every local branch, remote-tracking branch and tag."""
        out = self._git.git.for_each_ref("--format=%(refname:short)%00%(objectname)%00%(*objectname)",
                                         "refs/heads", "refs/remotes", "refs/tags")
        rows = []
        for line in out.splitlines():
            name, obj, peeled = line.split("\0")
            if not name.endswith("/HEAD"):
                rows.append((name, peeled or obj))
        return rows

    def commits_with_trailer(self, refs: list[str], value: str) -> list[str]:
        """Ids of commits reachable from `refs` whose message has the trailer `Proposal: <value>`."""
        if not refs:
            return []
        pattern = "^Proposal:[ \t]*" + re.escape(value) + "[ \t]*$"
        shas = [self.resolve(r) for r in refs]
        return self._git.git.log("--format=%H", "-i", "-E", f"--grep={pattern}", *shas, "--").split()

    def commits_with_trailer_key(self, ref: str, key: str) -> list[str]:
        """Ids of commits reachable from `ref` whose message has a line `<key>: ...` (any case)."""
        pattern = "^" + re.escape(key) + ":"
        return self._git.git.log("--format=%H", "-i", "-E", f"--grep={pattern}", self.resolve(ref), "--").split()

    def branch_commits(self, head: str, exclude: list[str]) -> list[BranchCommit]:
        """Commits reachable from `head` and from none of `exclude`, parents before children, each
        with the paths it changed against its first parent."""
        args = ["--reverse", "--topo-order", "--no-renames", "--diff-merges=first-parent", "--name-only", "-z",
                "--format=%x1e%H %P", self.resolve(head), *[f"^{self.resolve(x)}" for x in exclude], "--"]
        out = []
        for chunk in self._git.git.log(*args).split("\x1e")[1:]:
            header, _, rest = chunk.partition("\0")
            sha, *parents = header.split()
            paths = tuple(p.strip("\n") for p in rest.split("\0") if p.strip("\n"))
            c = self._git.commit(sha)
            out.append(BranchCommit(sha, tuple(parents), c.author.name or "", c.author.email or "", c.message, paths))
        return out

    def commit_identity(self, sha: str) -> tuple[str, str, str]:
        """(author name, author e-mail, message) of the commit `sha`."""
        c = self._git.commit(self.resolve(sha))
        return c.author.name or "", c.author.email or "", c.message

    def is_signed(self, sha: str) -> bool:
        """Whether the commit carries a signature at all (git verifies it; this only says it is there)."""
        return bool(getattr(self._git.commit(self.resolve(sha)), "gpgsig", None))

    def signature_status(self, shas: list[str], keyring) -> dict[str, str]:
        """git's verdict (%G?: G good, B bad, U/E unknown key, N none, ...) on each commit, with the
        keys of `keyring` (git/signing.py) as the only trusted ones."""
        if not shas:
            return {}
        ids = [self.resolve(s) for s in shas]
        out = self._git.git.execute(["git", *keyring.config(), "log", "--no-walk=unsorted", "--format=%H %G?",
                                     *ids, "--"], env=keyring.env(), with_stdout=True)
        verdict = {}
        for line in out.splitlines():
            sha, _, status = line.partition(" ")
            verdict[sha] = status.strip() or "N"
        return verdict

    def tag_info(self, name: str) -> TagInfo | None:
        """The annotated tag `name`; None when the ref is a lightweight tag or does not exist."""
        check_ref_name(name, "tag")
        fmt = ("%(objecttype)%00%(tag)%00%(*objectname)%00%(*tree)%00%(taggername)%00%(taggeremail)%00"
               "%(contents:signature)%00%(contents:body)")
        out = self._git.git.for_each_ref(f"--format={fmt}", f"refs/tags/{name}")
        if not out:
            return None
        kind, tag, commit, tree, tagger, email, signature, body = (out.split("\0", 7) + [""] * 8)[:8]
        if kind != "tag":
            return None
        return TagInfo(name, tag, commit, tree, tagger, email.strip("<>"), body, bool(signature.strip()))

    def verify_tag(self, name: str, keyring) -> bool:
        """Whether git verifies the signature of tag `name` as good with the keys of `keyring`."""
        check_ref_name(name, "tag")
        try:
            self._git.git.execute(["git", *keyring.config(), "verify-tag", "--end-of-options", name],
                                  env=keyring.env(), with_extended_output=True)
        except gitpython.GitCommandError:
            return False
        return True

    def user(self) -> tuple[str, str]:
        """(name, e-mail) git will record as the author of the next commit (its settings and the
        GIT_AUTHOR_* variables, as `git var GIT_AUTHOR_IDENT` says); UsageError if it has none."""
        try:
            ident = self._git.git.var("GIT_AUTHOR_IDENT")
        except gitpython.GitCommandError:
            raise UsageError("git knows no author here: set user.name and user.email") from None
        name, _, rest = ident.partition(" <")
        return name, rest.partition(">")[0]

    def log(self, *args: str) -> str:
        """`git log` output for the arguments given (callers build them from checked names only)."""
        return self._run("log", *args)

    def diff(self, *args: str) -> str:
        return self._run("diff", *args)

    # ------------------------------------------------------------ history depth

    def is_shallow(self) -> bool:
        return (self.git_dir / "shallow").exists()

    def require_full_history(self) -> None:
        """UsageError for a shallow clone: edition tags and merge bases need the whole history."""
        if self.is_shallow():
            raise UsageError("this is a shallow clone; run `git fetch --unshallow --tags` "
                             "(in CI: fetch-depth: 0) and try again")

    def shallow_boundary(self) -> list[str]:
        """Commit ids whose parents a shallow clone lacks (empty for a full clone)."""
        p = self.git_dir / "shallow"
        return p.read_text().split() if p.exists() else []

    # ------------------------------------------------------------ the work tree and the index

    @property
    def worktree(self) -> WorkTree:
        """The checked-out branch, a merge under way and the index, as the commit hook reads them
        (worktree.py, without GitPython): the methods below ask it, so the two never disagree."""
        return WorkTree(self.top, self.git_dir)

    def is_detached(self) -> bool:
        return self.worktree.is_detached()

    def merging(self) -> bool:
        """Whether a merge is under way (the commit being made is a merge commit)."""
        return self.worktree.merging()

    def current_branch(self) -> str:
        """The checked-out branch name; UsageError on a detached HEAD."""
        return self.worktree.current_branch()

    def uncommitted(self) -> list[str]:
        """Paths with staged or unstaged changes to tracked files (untracked files do not count)."""
        out = self._git.git.status("--porcelain=v1", "-z", "--untracked-files=no")
        return [entry[3:] for entry in out.split("\0") if len(entry) > 3]

    def require_no_untracked(self, why: str) -> None:
        """UsageError if the work tree holds files git does not track and does not ignore."""
        new = [p for p in self._git.git.ls_files("--others", "--exclude-standard", "-z").split("\0") if p]
        if new:
            more = f" and {len(new) - 1} more" if len(new) > 1 else ""
            raise UsageError(f"untracked file {new[0]}{more}: {why}; commit, remove or ignore it first")

    def require_clean(self, folders: tuple[str, ...] = ("resolutions", "proposals")) -> None:
        """UsageError if tracked files under `folders` have uncommitted changes."""
        dirty = [p for p in self.uncommitted() if p.split("/", 1)[0] in folders]
        if dirty:
            more = f" and {len(dirty) - 1} more" if len(dirty) > 1 else ""
            raise UsageError(f"uncommitted changes in {dirty[0]}{more}; commit or stash them first")

    def staged_paths(self) -> list[str]:
        """Paths the next commit changes (what `git diff --cached` lists)."""
        return self.worktree.staged_paths()

    def staged_files(self, folder: str) -> dict[str, bytes]:
        """path -> content in the index, for the *.yaml files under `folder`."""
        return self.worktree.staged_files(folder)

    def unmerged(self) -> dict[str, set[int]]:
        """Paths a merge, rebase or cherry-pick left unresolved, with the index stages they have
        (1 the common base, 2 ours, 3 theirs: a path lacking 2 or 3 was deleted on that side)."""
        out: dict[str, set[int]] = {}
        for entry in self._git.git.ls_files("-u", "-z").split("\0"):
            if "\t" in entry:
                meta, path = entry.split("\t", 1)
                out.setdefault(path, set()).add(int(meta.split()[2]))
        return out

    def set_config(self, values: dict[tuple[str, str], str]) -> None:
        """Write settings into this clone's own git configuration (.git/config): (section, name) ->
        value, the section as git spells it (`merge "finalacts"`)."""
        with self._git.config_writer() as cw:
            for (section, name), value in values.items():
                cw.set_value(section, name, value)

    def config(self, section: str, name: str) -> str | None:
        """A setting as git reads it for this repository (any level), or None."""
        try:
            return self._git.git.config("--get", f"{section}.{name}").strip() or None
        except gitpython.GitCommandError:
            return None

    def checkout(self, branch: str) -> None:
        self._git.git.checkout("-q", check_ref_name(branch, "branch"))

    # ------------------------------------------------------------ writing: commits, merges, tags

    def commit_paths(self, paths: list[str], message: str, sign: bool | None = None) -> str:
        """Commit exactly `paths` (nothing else staged goes with them; an empty commit when they are
        unchanged) as the user git is set up for: their hooks run, and with `sign` their signing key
        signs (None: as commit.gpgsign says). The new commit's id; UsageError when git refuses."""
        rels = [check_relpath(p) for p in paths]
        self._git.git.add("--", *rels)
        flag = [] if sign is None else (["-S"] if sign else ["--no-gpg-sign"])
        changed = bool(self._git.git.diff("--cached", "--name-only", "--", *rels).strip())
        if not changed and self.staged_paths():
            raise UsageError(f"other changes are staged ({self.staged_paths()[0]}); commit or unstage them first")
        args = ["-q", *flag, "-m", message] + (["--", *rels] if changed else ["--allow-empty"])
        try:
            self._git.git.commit(*args)
        except gitpython.GitCommandError as e:
            said = [line for line in (e.stderr or "").strip().splitlines() if line.strip()]
            raise UsageError(f"git did not commit: {said[-1].strip() if said else e}") from None
        return self._git.head.commit.hexsha

    def commit_all(self, message: str, identity: Identity, *, verify: bool = False) -> str:
        """Commit everything in the work tree as `identity`; the new commit's id."""
        self._git.git.add("-A")
        args = ["-q", "--allow-empty", "-m", message] + ([] if verify else ["--no-verify"])
        self._git.git.commit(*args, env=identity.env())
        return self._git.head.commit.hexsha

    def merge(self, branch: str, message: str, identity: Identity) -> list[str]:
        """Merge `branch` into the current branch (always a merge commit) as `identity`.

        Returns the conflicted paths, after aborting, when the merge does not go through."""
        try:
            self._git.git.merge("-q", "--no-ff", "--no-verify", "-m", message, "--end-of-options",
                                check_ref_name(branch, "branch"), env=identity.env())
        except gitpython.GitCommandError:
            conflicted = self._git.git.diff("--name-only", "--diff-filter=U").split()
            self._git.git.merge("--abort")
            return conflicted or ["(the merge did not start)"]
        return []

    def start_merge(self, ref: str, identity: Identity) -> list[str]:
        """Begin merging `ref` into the current branch without committing (a merge commit follows
        with `commit_all`); the paths left conflicted, with git's markers in them."""
        sha = self.resolve(ref)
        try:
            self._git.git.merge("-q", "--no-ff", "--no-commit", "--no-verify", "--end-of-options", sha,
                                env=identity.env())
        except gitpython.GitCommandError:
            if not self.merging():
                raise UsageError(f"git could not start merging {ref}") from None
        return [p for p in self._git.git.diff("--name-only", "--diff-filter=U", "-z").split("\0") if p]

    def abort_merge(self) -> None:
        if self.merging():
            self._git.git.merge("--abort")

    def reset_hard(self, sha: str) -> None:
        """Put the current branch, the index and the work tree back at `sha` (used to undo the
        commits a command made itself, on a work tree it found clean)."""
        self._git.git.reset("-q", "--hard", self.resolve(sha))  # a full id: never an option

    def tags(self) -> list[str]:
        """Names of every tag."""
        return self._run("for-each-ref", "--format=%(refname:strip=2)", "refs/tags").splitlines()

    def tag_exists(self, name: str) -> bool:
        check_ref_name(name, "tag")
        return name in self.tags()

    def create_tag(self, name: str, message: str, ref: str = "HEAD", identity: Identity | None = None,
                   sign: bool = False) -> None:
        """An annotated tag `name` at `ref`, by `identity` (else the repository's own), signed with the
        user's signing key when `sign`; UsageError if it exists already or git cannot sign."""
        check_ref_name(name, "tag")
        if self.tag_exists(name):
            raise UsageError(f"tag {name} exists already; delete it first if you mean to move it")
        sha = self.resolve(ref)
        env = identity.env() if identity else None
        try:
            self._git.git.tag("-s" if sign else "-a", "-m", message, "--end-of-options", name, sha, env=env)
        except gitpython.GitCommandError as e:
            said = (e.stderr or "").strip().splitlines()
            raise UsageError(f"git could not sign the tag {name}: {said[-1] if said else e}"
                             " (set user.signingkey, and gpg.format=ssh for an SSH key)") from None

    def delete_tag(self, name: str) -> None:
        check_ref_name(name, "tag")
        self._git.git.tag("-d", "--end-of-options", name)

    def tree_of(self, ref: str) -> str:
        """The id of the tree of the commit `ref` names."""
        return self._git.commit(self.resolve(ref)).tree.hexsha

    def tag_message(self, name: str) -> str:
        """The message of the annotated tag `name` ('' for a lightweight one)."""
        check_ref_name(name, "tag")
        tag = self._git.tags[name].tag
        return tag.message if tag is not None else ""

    def move_tag(self, name: str, message: str, ref: str = "HEAD", identity: Identity | None = None,
                 sign: bool = False) -> str:
        """Point the existing annotated tag `name` at `ref` with a new message (errata), signed with the
        user's signing key when `sign`. The id of the tag object it replaced, for `restore_tag`;
        UsageError when git cannot sign (the tag is then left as it was)."""
        check_ref_name(name, "tag")
        if not self.tag_exists(name):
            raise UsageError(f"tag {name} does not exist")
        before = self._git.git.rev_parse("--verify", "--end-of-options", f"refs/tags/{name}")
        sha = self.resolve(ref)
        env = identity.env() if identity else None
        try:
            self._git.git.tag("-f", "-s" if sign else "-a", "-m", message, "--end-of-options", name, sha, env=env)
        except gitpython.GitCommandError as e:
            said = (e.stderr or "").strip().splitlines()
            raise UsageError(f"git could not sign the tag {name}: {said[-1] if said else e}"
                             " (set user.signingkey, and gpg.format=ssh for an SSH key)") from None
        return before

    def restore_tag(self, name: str, tag_object: str) -> None:
        """Point refs/tags/`name` back at the tag object `move_tag` replaced."""
        check_ref_name(name, "tag")
        self._git.git.update_ref("--end-of-options", f"refs/tags/{name}", tag_object)

    def branch_exists(self, name: str) -> bool:
        check_ref_name(name, "branch")
        return f"refs/heads/{name}" in {h.path for h in self._git.heads}

    def create_branch(self, name: str, at: str, checkout: bool = True) -> None:
        """A new branch `name` at `at`, checked out when asked; UsageError if it exists already."""
        check_ref_name(name, "branch")
        if self.branch_exists(name):
            raise UsageError(f"branch {name} exists already; check it out with `git switch {shlex.quote(name)}`")
        head = self._git.create_head(name, self._git.commit(self.resolve(at)))
        if checkout:
            head.checkout()


def merge_file(ours: Path, base: Path, theirs: Path) -> bool:
    """git's own line-based three-way merge of three files, the result written into `ours` with
    conflict markers labelled ours, base and theirs; True when it merged without a conflict."""
    try:
        gitpython.Git().merge_file("-L", "ours", "-L", "base", "-L", "theirs", "--diff3", "--end-of-options",
                                   str(ours), str(base), str(theirs))
    except gitpython.GitCommandError as e:
        if e.status is not None and 0 < e.status < 128:  # the number of conflicts
            return False
        raise
    return True
