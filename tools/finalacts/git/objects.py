"""Objects read straight from git's database: many of them in one `git cat-file --batch`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from finalacts.git.names import FULL_SHA


def read_objects(git_dir: Path, shas: list[str]) -> dict[str, tuple[bytes, bytes]]:
    """(kind, bytes) of each object named, in one `git cat-file --batch` for all of them; objects
    git does not have are left out, and nothing is given when git fails."""
    shas = [s for s in dict.fromkeys(shas) if FULL_SHA.match(s)]
    if not shas:
        return {}
    proc = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "--batch"],
                          input="".join(f"{s}\n" for s in shas).encode(), capture_output=True, check=False)
    if proc.returncode != 0:
        return {}
    out: dict[str, tuple[bytes, bytes]] = {}
    data, at = proc.stdout, 0
    for sha in shas:
        end = data.find(b"\n", at)
        if end < 0:
            break
        fields = data[at:end].split()
        if len(fields) != 3 or not fields[2].isdigit():
            at = end + 1  # "<sha> missing": no body follows
            continue
        size = int(fields[2])
        out[sha] = (fields[1], data[end + 1:end + 1 + size])
        at = end + 1 + size + 1
    return out
