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
        named = [d for (v,) in db.execute("SELECT value FROM versions WHERE value != ''") for d in v.split("\n")[2:]]
        # each section and annex kept once, however many versions share it
        assert 0 < db.execute("SELECT count(*) FROM parts").fetchone()[0] == len(set(named)) < len(named)
        db.execute("UPDATE versions SET value = 'not json' || char(10) || '1' WHERE value != '' AND rowid % 2")
        db.execute("UPDATE parts SET value = '{\"heading\": \"not what was written\"}' WHERE rowid % 2 = 0")
        db.execute("UPDATE diffs SET value = '[[\"equal\", 0, 1, 0, 1]]'")
    db.close()
    assert _all(blamemod.blame(lineage, "pp/140")) == _all(first)


def test_a_cache_an_older_blame_wrote_is_taken_over(lineage):
    """A cache that kept whole versions (table `parsed`, before parts were kept once) is used and
    brought up to date, not left aside for good."""
    import sqlite3

    first = blamemod.blame(lineage, "pp/140")
    kept = lineage / ".finalacts-cache/blame.sqlite3"
    kept.unlink()
    db = sqlite3.connect(kept)
    with db:
        db.execute("CREATE TABLE parsed (key TEXT PRIMARY KEY, value TEXT)")
        db.executemany("INSERT INTO parsed VALUES (?, ?)", ((f"key {k}", "a version " * 1000) for k in range(300)))
    db.close()
    before = kept.stat().st_size
    assert _all(blamemod.blame(lineage, "pp/140")) == _all(first)
    db = sqlite3.connect(kept)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert db.execute("SELECT count(*) FROM versions").fetchone()[0] > 0
    db.close()
    assert "parsed" not in tables and {"versions", "parts", "diffs"} <= tables
    assert kept.stat().st_size < before  # the space of the old table given back


def test_a_blame_of_an_unchanged_text_reads_no_yaml_and_says_the_same(lineage, monkeypatch):
    """The version shown is rebuilt from its kept data and positions (the lines printed): no version
    of the text is loaded from YAML (the manifests are), and the blame is the one its parse gives.
    Positions that do not read are worked out again."""
    import sqlite3

    from finalacts.corpus import yamlfile

    first = blamemod.blame(lineage, "pp/140")
    at_18 = blamemod.blame(lineage, "pp/140", ref="PP-18")
    loads = []
    real = yamlfile.load
    def load(raw, shown):
        if shown.endswith("resolutions/pp/140.yaml"):
            loads.append(shown)
        return real(raw, shown)

    monkeypatch.setattr(yamlfile, "load", load)
    assert _all(blamemod.blame(lineage, "pp/140")) == _all(first)
    assert _all(blamemod.blame(lineage, "pp/140", ref="PP-18")) == _all(at_18)
    assert loads == []
    db = sqlite3.connect(lineage / ".finalacts-cache/blame.sqlite3")
    with db:
        assert db.execute("SELECT count(*) FROM positions").fetchone()[0] == 2
        db.execute("UPDATE positions SET value = '[[\"sections\", 0, \"not a line\"]]'")
    db.close()
    assert _all(blamemod.blame(lineage, "pp/140")) == _all(first)
    assert len(loads) == 1
