"""blame's parse cache changes nothing: versions parsed again or read back from it, or from a
broken one. (test_blame.py holds the attributions themselves, with the unchanged parts of each
version taking their parent's credit without being aligned again.)"""

from __future__ import annotations

import shutil

import pytest

from finalacts.provenance import blame as blamemod
from gitcorpus import isolate
from test_blame import build_lineage


@pytest.fixture
def lineage(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)
    build_lineage(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path / "corpus")
    return tmp_path / "corpus"


def _all(b) -> list:
    return [(e.where, e.line, e.origin, [(s.text, s.origin) for s in e.spans], e.relabels, e.moves)
            for e in b.entries] + [o.to_dict() for o in b.origins]


def test_the_parse_cache_gives_the_same_blame(lineage):
    kept = lineage / ".finalacts-cache/blame.sqlite3"
    first = blamemod.blame(lineage, "pp/140")
    assert kept.exists()  # every version's parse, by blob id
    again = blamemod.blame(lineage, "pp/140")
    assert _all(again) == _all(first)
    assert _all(blamemod.blame(lineage, "pp/140", ref="PP-18")) != _all(first)
    kept.write_bytes(b"not a database")
    assert _all(blamemod.blame(lineage, "pp/140")) == _all(first)
    shutil.rmtree(lineage / ".finalacts-cache")
    assert _all(blamemod.blame(lineage, "pp/140")) == _all(first)


def test_signed_commits_in_one_look_up_say_what_each_commit_says(tmp_path):
    """blame asks whether each commit is signed once for all of them; the answer is the one the
    per-commit look-up gives, for a signed commit and for unsigned ones."""
    import subprocess

    from finalacts import git
    from owners import commit_as, person

    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    who = person(tmp_path, "apt", "Test Editor", "editor@example.org")
    shas = []
    for k, sign in enumerate((False, True, False)):
        (root / "a.txt").write_text(f"{k}\n", encoding="utf-8")
        shas.append(commit_as(root, who, f"commit {k}", sign=sign))
    repo = git.open_repo(root)
    found = git.signed_commits(repo, shas)
    assert found == {s: repo.is_signed(s) for s in shas} == dict(zip(shas, (False, True, False)))


def test_rows_this_code_did_not_write_are_worked_out_again(lineage):
    """Every kept version, word diff and similarity replaced by something else: the same blame."""
    import sqlite3

    first = blamemod.blame(lineage, "pp/140")
    db = sqlite3.connect(lineage / ".finalacts-cache/blame.sqlite3")
    with db:
        assert db.execute("SELECT count(*) FROM diffs").fetchone()[0] > 0  # word diffs are kept
        db.execute("UPDATE parsed SET value = 'not json' || char(10) || '1' WHERE value != ''")
        db.execute("UPDATE diffs SET value = '[[\"equal\", 0, 1, 0, 1]]'")
    db.close()
    assert _all(blamemod.blame(lineage, "pp/140")) == _all(first)
