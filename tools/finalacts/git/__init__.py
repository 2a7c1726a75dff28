"""The one place that talks to git. No other module imports GitPython or runs `git`.

- `Repository.open(start)` finds the repository; `at(ref)` is a `Snapshot` of one commit (resolved
  once: read, list, read-all); tags, branches, the index and the work tree's state;
- `commit_all`, `merge` and `create_tag` take an explicit `Identity`, passed to git for that call;
- `merge_file` is git's own line-based merge (what the merge driver falls back on);
- `file_changes` is one file's history through renames and merges (blame, history);
  `folder_trees` a folder's tree id, `signed_commits` whether a commit is signed, at many commits
  in one look-up, and `blob_contents` many blobs' bytes in one read;
- `open_worktree(start)` is a `WorkTree`: the branch checked out, a merge under way and the index,
  asked of git directly, for the commit-msg hook;
- `names` holds the rules every ref and path obeys before it reaches git;
- `signing.Keyring` lays out registered public keys where git verifies with them, and
  `signature_status`, `verify_tag` ask git for its verdict (nothing here reads a signature).
"""

from importlib import import_module

from finalacts.git.names import check_ref_name, check_relpath, conflict_line
from finalacts.git.worktree import WorkTree

open_worktree = WorkTree.open

# GitPython takes ~60 ms to import, more than the commit-msg hook's whole work: repository.py
# imports it only when a repository is asked what git's own commands do not answer, and its names
# are loaded when first used (PEP 562), so that importing this package is cheap.
# So are the signing names: signing.py reads members.yaml into the model, which the hook never needs.
_LAZY = {
    **dict.fromkeys(("STATUS", "Keyring"), "finalacts.git.signing"),
    **dict.fromkeys(("NULL_SHA", "FileChange", "blob_contents", "file_changes", "folder_trees", "signed_commits"),
                    "finalacts.git.history"),
    **dict.fromkeys(("BranchCommit", "Change", "CommitInfo", "Identity", "Repository", "Snapshot", "TagInfo",
                     "merge_file"), "finalacts.git.repository"),
}


def __getattr__(name: str):
    if name == "open_repo":
        value = __getattr__("Repository").open
    elif name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = ["NULL_SHA", "STATUS", "BranchCommit", "Change", "CommitInfo", "FileChange", "Identity", "Keyring",
           "Repository", "Snapshot", "TagInfo", "WorkTree", "blob_contents", "check_ref_name", "check_relpath",
           "conflict_line", "file_changes", "folder_trees", "merge_file", "open_repo", "open_worktree",
           "signed_commits"]
