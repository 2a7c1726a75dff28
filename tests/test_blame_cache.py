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
