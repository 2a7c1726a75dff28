"""Shared fixtures: the repository root, the seeds, a throwaway copy of the shipped corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def corpus_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped resolutions/ and proposals/ in a tmp dir, which is made the cwd."""
    for d in ("resolutions", "proposals"):
        if (REPO / d).is_dir():
            shutil.copytree(REPO / d, tmp_path / d)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run_cli(capsys):
    """Run `finalacts ARGS...` in-process; returns (exit code, stdout, stderr)."""
    from finalacts.cli import main

    def run(*args: str):
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
