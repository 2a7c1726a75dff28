"""Importing the Markdown-like form of seed 001: word for word, and equal to resolutions/pp/140.yaml."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from finalacts.corpus.registry import load_registry
from finalacts.importer import import_file, sniff
from finalacts.importer.lossless import compare
from finalacts.render.text import render_text

REPO = Path(__file__).resolve().parents[1]
SEED = next((REPO / "tests" / "fixtures" / "seeds").glob("001_*.txt"))
COMMITTED = REPO / "resolutions" / "pp" / "140.yaml"
HISTORY = ["PP-06", "PP-10", "PP-14"]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], capture_output=True, text=True,
                          cwd=cwd, env=dict(os.environ, GITHUB_ACTIONS=""))


def test_seed_001_is_sniffed_as_markdown():
    assert sniff(SEED.read_bytes(), SEED) == "markdown"


def test_seed_001_word_for_word():
    result = import_file(SEED, SEED.name, load_registry(), body="PP", adopted=HISTORY)
    rendered = render_text(result.resolution, load_registry())
    assert compare(SEED.read_text(encoding="utf-8"), result, rendered, markdown=True) == []
    # The only line not rendered as written is the title line, whose capitals the registry sets.
    assert [(d.line, d.source, d.derived) for d in result.derived] == [
        (3, "RESOLUTION 140 (REV. BUSAN, 2014)", "RESOLUTION 140 (Rev. Busan, 2014)")]
    assert result.unplaced == []
    assert result.findings == []


def test_seed_001_structure():
    res = import_file(SEED, SEED.name, load_registry(), body="PP", adopted=HISTORY).resolution
    headings = [s.heading for s in res.sections]
    assert headings[:3] == ["recalling", "recalling further", "considering"]
    assert headings[-1] == "resolves to express" and len(headings) == 16
    considering = res.sections[2].items
    assert [i.num for i in considering] == [chr(c) + ")" for c in range(ord("a"), ord("o") + 1)]
    assert considering[10].text.startswith("that ITU has, *inter alia*, specific responsibility")
    further = res.sections[3].items
    assert further[2].text.startswith("the needs of developing countries[^1], including")
    assert [i.num for i in further] == [chr(c) + ")" for c in range(ord("a"), ord("k") + 1)]
    resolves = next(s for s in res.sections if s.heading == "resolves")
    assert [i.num for i in resolves.items[10].items] == ["\u2013", "\u2013"]
    one_para = next(s for s in res.sections if s.heading == "instructs the Directors of the Bureaux")
    assert one_para.text.startswith("to ensure that concrete objectives") and one_para.items == []
    assert res.footnotes == {"1": "These include the least developed countries, small island developing "
                                  "states, landlocked developing countries and countries with economies in "
                                  "transition."}


@pytest.mark.skipif(not COMMITTED.is_file(), reason="resolutions/pp/140.yaml not in this checkout")
def as_imported(committed) -> str:
    """The committed text less what an editor added after the import: the `ignore:` lines that keep
    the text as printed (WG-PL/9, "in 2015,") and their comments (examples/NOTES.md, section 7)."""
    lines = committed.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(ln for ln in lines if not re.match(r"^ +(# |ignore: \[(citation-draft|item-punctuation)\]$)", ln))


def test_cli_regenerates_committed_140_in_the_repository(tmp_path):
    """The brief's command, run in the repository: the corpus supplies the earlier editions."""
    out = tmp_path / "140.yaml"
    proc = run_cli("import", "resolution", str(SEED.relative_to(REPO)), "--body", "PP", "-o", str(out), cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    fmt = run_cli("fmt", str(out), cwd=tmp_path)
    assert fmt.returncode in (0, 1), fmt.stdout + fmt.stderr
    assert out.read_text(encoding="utf-8") == as_imported(COMMITTED)


@pytest.mark.skipif(not COMMITTED.is_file(), reason="resolutions/pp/140.yaml not in this checkout")
def test_cli_regenerates_140_in_an_empty_corpus(tmp_path):
    """Without the committed file to lean on: the history given with --adopted, same result."""
    (tmp_path / "resolutions").mkdir()
    proc = run_cli("import", "resolution", str(SEED), "--body", "PP", "--adopted", ",".join(HISTORY),
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "resolutions" / "pp" / "140.yaml"
    assert run_cli("fmt", "--check", str(out), cwd=tmp_path).returncode == 0  # already canonical
    assert out.read_text(encoding="utf-8") == as_imported(COMMITTED)
