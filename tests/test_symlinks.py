"""A symbolic link in the corpus is refused, never followed and never replaced: a pull request can
add `resolutions/pp/X.yaml -> /etc/passwd` (git stores the link, a checkout makes it), and a
check that followed it would quote the target in its findings, which CI publishes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "api_key: s3cr3t-value-never-shown\npassword: hunter2\n"


def finalacts(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=root, capture_output=True, text=True)


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the corpus that looks like YAML, as a credentials file does."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "credentials.yaml").write_text(SECRET, encoding="utf-8")
    (outside / "11.yaml").write_text((Path(__file__).parents[1] / "resolutions/pp/11.yaml").read_text(), "utf-8")
    return outside / "credentials.yaml"


def _never_shown(proc: subprocess.CompletedProcess) -> str:
    out = proc.stdout + proc.stderr
    assert "s3cr3t" not in out and "hunter2" not in out and "api_key" not in out, out
    assert "Traceback" not in out
    return out


def test_check_refuses_a_linked_file_and_never_reads_it(corpus_copy, secret):
    link = corpus_copy / "resolutions" / "pp" / "X.yaml"
    link.symlink_to(secret)
    for args in (["check"], ["check", "resolutions/pp/X.yaml"], ["check", "resolutions"],
                 ["check", "--format", "github"], ["check", "--format", "json"]):
        proc = finalacts(corpus_copy, *args)
        out = _never_shown(proc)
        assert proc.returncode == 2, (args, out)
        assert "resolutions/pp/X.yaml" in out and "input-symlink" in out, (args, out)
    findings = json.loads(finalacts(corpus_copy, "check", "--format", "json").stdout)["findings"]
    (f,) = [f for f in findings if f["rule"] == "input-symlink"]
    assert (f["path"], f["line"], f["col"]) == ("resolutions/pp/X.yaml", 1, 1)
    assert "never followed" in f["message"] and str(secret) in f["message"]


def test_a_cached_run_still_refuses_the_link(corpus_copy, secret):
    assert finalacts(corpus_copy, "check").returncode in (0, 1)  # fills the cache
    (corpus_copy / "resolutions" / "pp" / "X.yaml").symlink_to(secret)
    proc = finalacts(corpus_copy, "check")
    assert proc.returncode == 2 and "input-symlink" in _never_shown(proc)


def test_a_linked_folder_and_a_linked_corpus_folder_are_refused(corpus_copy, secret):
    (corpus_copy / "resolutions" / "ra").symlink_to(secret.parent, target_is_directory=True)
    proc = finalacts(corpus_copy, "check")
    out = _never_shown(proc)
    assert proc.returncode == 2 and "resolutions/ra:1:1: error input-symlink" in out, out
    # A file named through the linked folder is refused by the link's name, not read.
    proc = finalacts(corpus_copy, "check", "resolutions/ra/11.yaml", "resolutions/ra/credentials.yaml")
    out = _never_shown(proc)
    assert proc.returncode == 2 and out.count("resolutions/ra:1:1: error input-symlink") == 1, out
    (corpus_copy / "resolutions" / "ra").unlink()
    (corpus_copy / "proposals").rename(corpus_copy / "elsewhere")
    (corpus_copy / "proposals").symlink_to(corpus_copy / "elsewhere", target_is_directory=True)
    proc = finalacts(corpus_copy, "check")
    assert proc.returncode == 2 and "proposals:1:1: error input-symlink" in _never_shown(proc)


def test_a_dangling_link_is_refused_as_a_link(corpus_copy, tmp_path):
    (corpus_copy / "resolutions" / "pp" / "X.yaml").symlink_to(tmp_path / "nothing-here.yaml")
    proc = finalacts(corpus_copy, "check")
    assert proc.returncode == 2 and "resolutions/pp/X.yaml:1:1: error input-symlink" in _never_shown(proc)


def test_fmt_never_replaces_a_link_nor_writes_its_target(corpus_copy, secret):
    link = corpus_copy / "resolutions" / "pp" / "X.yaml"
    link.symlink_to(secret)
    messy = secret.parent / "11.yaml"
    (corpus_copy / "resolutions" / "pp" / "11.yaml").unlink()
    (corpus_copy / "resolutions" / "pp" / "11.yaml").symlink_to(messy)
    before = {p: p.read_bytes() for p in secret.parent.iterdir()}
    for args in (["fmt"], ["fmt", "resolutions/pp/X.yaml", "resolutions/pp/11.yaml"], ["fmt", "--renumber"]):
        proc = finalacts(corpus_copy, *args)
        out = _never_shown(proc)
        assert proc.returncode == 2 and out.count("input-symlink") == 2, (args, out)
        assert "2 unreadable" in out
    assert link.is_symlink() and (corpus_copy / "resolutions" / "pp" / "11.yaml").is_symlink()
    assert {p: p.read_bytes() for p in secret.parent.iterdir()} == before


def test_a_linked_configuration_is_refused(corpus_copy, secret):
    (corpus_copy / "pyproject.toml").symlink_to(secret)
    proc = finalacts(corpus_copy, "check")
    out = _never_shown(proc)
    assert proc.returncode == 2 and "pyproject.toml: a symbolic link" in out


def test_reading_a_fifo_does_not_wait_for_a_writer(corpus_copy):
    import os

    os.mkfifo(corpus_copy / "resolutions" / "pp" / "fifo.yaml")
    proc = subprocess.run([sys.executable, "-m", "finalacts", "check", "resolutions/pp/fifo.yaml"], cwd=corpus_copy,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "not a regular file" in proc.stdout, proc.stdout + proc.stderr
