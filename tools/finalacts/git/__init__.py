"""The one place that talks to git. No other module imports GitPython or runs `git`.

- `Repository.open(start)` finds the repository; `at(ref)` is a `Snapshot` of one commit (resolved
  once: read, list, read-all); tags, branches, the index and the work tree's state;
- `commit_all`, `merge` and `create_tag` take an explicit `Identity`, passed to git for that call;
- `merge_file` is git's own line-based merge (what the merge driver falls back on);
- `file_changes` is one file's history through renames and merges (blame, history);
  `folder_trees` a folder's tree id, `signed_commits` whether a commit is signed, at many commits
  in one look-up, and `blob_contents` many blobs' bytes in one read;
- `names` holds the rules every ref and path obeys before it reaches git;
- `signing.Keyring` lays out registered public keys where git verifies with them, and
  `signature_status`, `verify_tag` ask git for its verdict (nothing here reads a signature).
"""

from finalacts.git.history import (
    NULL_SHA,
    FileChange,
    blob_contents,
    file_changes,
    folder_trees,
    signed_commits,
)
from finalacts.git.names import check_ref_name, check_relpath, conflict_line
from finalacts.git.repository import (
                                      BranchCommit,
                                      Change,
                                      CommitInfo,
                                      Identity,
                                      Repository,
                                      Snapshot,
                                      TagInfo,
                                      merge_file,
)
from finalacts.git.signing import STATUS, Keyring

open_repo = Repository.open

__all__ = ["NULL_SHA", "STATUS", "BranchCommit", "Change", "CommitInfo", "FileChange", "Identity", "Keyring",
           "Repository", "Snapshot", "TagInfo", "blob_contents", "check_ref_name", "check_relpath", "conflict_line",
           "file_changes", "folder_trees", "merge_file", "open_repo", "signed_commits"]
