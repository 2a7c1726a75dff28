"""The one place that talks to git. No other module imports GitPython or runs `git`.

- `Repository.open(start)` finds the repository; `at(ref)` is a `Snapshot` of one commit (resolved
  once: read, list, read-all); tags, branches, the index and the work tree's state;
- `commit_all`, `merge` and `create_tag` take an explicit `Identity`, passed to git for that call;
- `file_changes` is one file's history through renames and merges (blame, history);
  `folder_trees` a folder's tree id at many commits in one look-up;
- `names` holds the rules every ref and path obeys before it reaches git.
"""

from finalacts.git.history import NULL_SHA, FileChange, file_changes, folder_trees
from finalacts.git.names import check_ref_name, check_relpath, conflict_line
from finalacts.git.repository import Change, CommitInfo, Identity, Repository, Snapshot

open_repo = Repository.open

__all__ = ["NULL_SHA", "Change", "CommitInfo", "FileChange", "Identity", "Repository", "Snapshot",
           "check_ref_name", "check_relpath", "conflict_line", "file_changes", "folder_trees", "open_repo"]
