"""`fmt` loses nothing when it is killed part way (kill -9 at many moments) or when several run at
once on the same files: every file is always whole, either as it was or in its canonical layout."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO
from finalacts.workflows.fmt import format_text

FILES = 40


def _messy_corpus(root: Path) -> dict[Path, tuple[bytes, bytes]]:
    """FILES non-canonical copies of Resolution 140 (keys out of order, a comment); for each, its
    bytes as written and as fmt writes them."""
    canonical = (REPO / "resolutions" / "pp" / "140.yaml").read_text(encoding="utf-8")
    messy = canonical.replace("body: PP\n", "body:    PP  # spaced\n", 1)
    assert messy != canonical
    formatted = format_text(messy, "resolutions/pp/140.yaml")
    out = {}
    (root / "resolutions" / "pp").mkdir(parents=True)
    for n in range(1, FILES + 1):
        mine = messy.replace("number: 140", f"number: {n}", 1)
        path = root / "resolutions" / "pp" / f"{n}.yaml"
        path.write_text(mine, encoding="utf-8")
        out[path] = (mine.encode(), formatted.replace("number: 140", f"number: {n}", 1).encode())
    return out


def _fmt(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "finalacts", "fmt"], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _all_whole(files: dict[Path, tuple[bytes, bytes]]) -> tuple[int, int]:
    """(files as they were, files reformatted); fails on any other content."""
    old = new = 0
    for path, (before, after) in files.items():
        now = path.read_bytes()
        assert now in (before, after), f"{path.name} is neither the old nor the new file ({len(now)} bytes)"
        old += now == before
        new += now == after
    return old, new


def test_kill_9_at_any_moment_leaves_every_file_whole(tmp_path):
    # How long a whole run takes here, to spread the kills over it.
    probe = tmp_path / "probe"
    _messy_corpus(probe)
    start = time.monotonic()
    assert _fmt(probe).wait(timeout=300) == 1
    whole = time.monotonic() - start
    seen = set()
    kills = 8
    for k in range(kills):
        root = tmp_path / f"run{k}"
        files = _messy_corpus(root)
        proc = _fmt(root)
        time.sleep(whole * (k + 0.5) / kills)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        seen.add(_all_whole(files))
        # What a kill leaves is at most a hidden temporary file, which no command reads as a text.
        left = [p.name for p in (root / "resolutions" / "pp").iterdir() if not p.name.endswith(".yaml")]
        assert all(name.startswith(".") and name.endswith(".tmp") for name in left), left
    # A run after a kill finishes the job.
    _fmt(root).communicate(timeout=300)
    assert _all_whole(files) == (0, FILES)
    assert len(seen) >= 2, seen  # the kills fell at different moments: some files done, some not


def test_concurrent_runs_on_the_same_files_agree(tmp_path):
    files = _messy_corpus(tmp_path)
    procs = [_fmt(tmp_path) for _ in range(3)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode in (0, 1) and "Traceback" not in err, (out, err)
    assert _all_whole(files) == (0, FILES)
    left = [p.name for p in (tmp_path / "resolutions" / "pp").iterdir() if not p.name.endswith(".yaml")]
    assert left == []
    assert subprocess.run([sys.executable, "-m", "finalacts", "fmt", "--check"], cwd=tmp_path,
                          capture_output=True).returncode == 0
    assert os.listdir(tmp_path / "resolutions" / "pp").__len__() == FILES
