"""The fuzz suite on a small budget: hostile inputs (tests/hostile.py) through `check`, `fmt`,
`fmt --renumber`, the gate and the commit-msg hook, `import` and `verify-docx`, each asserting
the invariants listed there. `python tests/fuzz/run.py --budget SECONDS` runs the same targets
for longer and prints how many inputs it tried."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

import hostile
from gitcorpus import _built  # noqa: F401

# Examples per target: about 40 s for all of them on two busy cores.
BUDGET = {"check": 14, "fmt": 40, "renumber": 25, "gate": 10, "import": 15, "docx": 20, "names": 300}


@pytest.fixture(scope="module")
def work(tmp_path_factory, _built) -> Path:
    work = tmp_path_factory.mktemp("fuzz")
    hostile.prepare(work, _built)
    return work


def _settings(target: str):
    # No shrinking: a failure is reported as found (shrinking a corpus file can take minutes).
    return settings(max_examples=BUDGET[target], deadline=None, database=None, derandomize=True,
                    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("target", sorted(BUDGET))
def test_hostile_inputs_keep_every_invariant(target, work):
    strategy, run = hostile.TARGETS[target]

    @_settings(target)
    @given(strategy)
    def fuzz(case):
        run(case, work)

    fuzz()


# ---------------------------------------------------------------- the known cases fixed elsewhere


IN_CLOSE_NOWRITE, IN_OPEN = 0x10, 0x20


def _masks(buf: bytes):
    """The event masks in a buffer read from an inotify descriptor (struct inotify_event)."""
    import struct

    at = 0
    while at + 16 <= len(buf):
        _, mask, _, size = struct.unpack_from("iIII", buf, at)
        yield mask
        at += 16 + size


def _inotify():
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if not hasattr(libc, "inotify_init1"):
        pytest.skip("no inotify on this system")
    return libc


def test_a_file_changed_while_check_runs_leaves_no_stale_cache(tmp_path):
    """The file is changed right after `check` first read it (inotify says when), while the rest
    of the corpus is indexed; the next cached run must equal --no-cache."""
    libc = _inotify()
    src = (hostile.REPO / "resolutions" / "pp" / "140.yaml").read_text(encoding="utf-8")
    # Block-style `adopted:` is no canonical layout: the index parses the file in full.
    layout = src.replace("adopted: [PP-06, PP-10, PP-14]", "adopted:\n  - PP-06\n  - PP-10\n  - PP-14")
    assert layout != src
    root = tmp_path / "corpus"
    (root / "resolutions" / "pp").mkdir(parents=True)
    target = root / "resolutions" / "pp" / "1.yaml"
    target.write_text(layout.replace("number: 140", "number: 1"), encoding="utf-8")
    for n in range(2, 60):
        (root / "resolutions" / "pp" / f"{n}.yaml").write_text(layout.replace("number: 140", f"number: {n}"),
                                                             encoding="utf-8")
    broken = target.read_text(encoding="utf-8").replace("- num: b)", "- num: q)", 1)
    fd = libc.inotify_init1(os.O_CLOEXEC)
    assert fd >= 0 and libc.inotify_add_watch(fd, str(target).encode(), IN_OPEN | IN_CLOSE_NOWRITE) >= 0
    proc = subprocess.Popen([sys.executable, "-m", "finalacts", "check", "--format", "json"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # Today the index reads the file twice (its head, then all of it) and the check a third
        # time: change it after the second read. A run that reads it once is given 3 s.
        closes, wait = 0, 120
        while closes < 2:
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                assert closes, "check never read the file"
                break
            closes += sum(1 for mask in _masks(os.read(fd, 4096)) if mask & IN_CLOSE_NOWRITE)
            wait = 3
        target.write_text(broken, encoding="utf-8")
    finally:
        os.close(fd)
        proc.communicate(timeout=300)
    fresh = subprocess.run([sys.executable, "-m", "finalacts", "check", "--no-cache", "--format", "json",
                            "resolutions/pp/1.yaml"], cwd=root, capture_output=True, text=True)
    cached = subprocess.run([sys.executable, "-m", "finalacts", "check", "--format", "json", "resolutions/pp/1.yaml"],
                            cwd=root, capture_output=True, text=True)
    assert "numbering-" in fresh.stdout
    assert cached.stdout == fresh.stdout


def test_a_text_of_thousands_of_doubled_words_is_checked_without_hanging(tmp_path):
    """8,000 doubled words in one 64 KB title: 16,000 findings, a second when positions take time
    linear in the text, a minute and more when quadratic. Only a hang exceeds the timeout."""
    src = (hostile.REPO / "resolutions" / "pp" / "11.yaml").read_text(encoding="utf-8")
    lines = src.split("\n")
    t = next(i for i, ln in enumerate(lines) if ln.startswith("title:"))
    lines[t] = "title: " + " ".join(["the the"] * 8000)
    root = tmp_path / "corpus"
    (root / "resolutions" / "pp").mkdir(parents=True)
    (root / "resolutions" / "pp" / "11.yaml").write_text("\n".join(lines), encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "-m", "finalacts", "check", "--no-cache", "--strict"], cwd=root,
                              capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("check did not finish within 10 s")
    assert proc.returncode == 1 and proc.stdout.count("word-doubled") >= 8000
