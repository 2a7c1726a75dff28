"""Importing ITU plain-text extractions (seeds 000, 002, 004): nothing lost, every flattened mark named.

Each seed is imported, rendered back with render_text and compared word by word with the source
span the importer read; the only text left out is what the import reports as unplaced, and the
only text replaced is the header lines it reports as derived (asserted exactly below).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from finalacts.corpus import yamlfile
from finalacts.corpus.files import parse
from finalacts.corpus.model import resolution_to_data
from finalacts.corpus.registry import load_registry
from finalacts.importer import import_file, import_text
from finalacts.importer.lossless import compare
from finalacts.render.text import render_text

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
REPO = Path(__file__).resolve().parents[1]


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GITHUB_ACTIONS="")
    return subprocess.run([sys.executable, "-m", "finalacts", *args], capture_output=True, text=True,
                          cwd=cwd, env=env)


def imported(prefix: str):
    path = seed(prefix)
    return path, import_file(path, path.name, load_registry(), root=None)


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_seed_is_lossless(prefix):
    path, result = imported(prefix)
    rendered = render_text(result.resolution, load_registry())
    assert compare(path.read_text(encoding="utf-8"), result, rendered) == []
    # The import is a valid resolution file.
    text = yamlfile.dump(resolution_to_data(result.resolution), "resolution")
    assert parse(text.encode(), f"resolutions/{result.resolution.key}.yaml").findings == []


def flattened(result) -> set[tuple[int, int]]:
    return {(f.line, f.col) for f in result.findings if f.rule == "import-flattened-marks"}


def test_seed_000_structure_and_reports():
    _, result = imported("000")
    res = result.resolution
    # The registry of texts in force knows the Antalya, 2006 edition (seed 000 cites it), so "Rev." is kept.
    assert (res.body, res.number, res.adopted) == ("PP", 140, ["PP-06", "PP-14"])
    assert [s.heading for s in res.sections][:4] == ["recalling", "recalling further", "considering",
                                                     "considering further"]
    assert [s.heading for s in res.sections][-1] == "resolves to express"
    # The covering note before the title line is unplaced, line by line, and reported once.
    assert [u.line for u in result.unplaced] == [1, 2, 4, 5, 9, 11, 12, 13, 14, 16, 17, 24, 25]
    assert any(f.rule == "import-unplaced" and f.line == 1 and "lines 1-25" in f.message for f in result.findings)
    # The two header lines with flattened marks are replaced by their derived form, and said so.
    # Without the corpus or --adopted, the earlier editions come from the registry of texts in force.
    assert not any(f.rule == "import-adopted" for f in result.findings)
    assert any(f.rule == "import-derived" and f.line == 26 and "texts in force: PP-06" in f.message
               for f in result.findings)
    assert [(d.line, d.source, d.derived) for d in result.derived] == [
        (26, "RESOLUTION 140 (Rev. BusanDUBAI, 20142018)", "RESOLUTION 140 (Rev. Busan, 2014)"),
        (29, "The Plenipotentiary Conference of the International Telecommunication Union (BusanDUBAI, 20142018),",
         "The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),"),
    ]
    # Flattened marks: at their source line and column, with the reason, kept as they are.
    marks = flattened(result)
    assert {(26, 22), (26, 34), (35, 1), (110, 1), (117, 1), (117, 146)} <= marks
    msg = {(f.line, f.col): f.message for f in result.findings if f.rule == "import-flattened-marks"}
    assert "'BusanDUBAI'" in msg[(26, 22)] and "cannot be split automatically" in msg[(26, 22)]
    assert "'20142018': two years run together" in msg[(26, 34)]
    assert "label 'ed)' looks like e) renumbered d)" in msg[(35, 1)]
    assert "label '1310' looks like 13 renumbered 10" in msg[(110, 1)]
    recalling = res.sections[0].items
    assert [i.num for i in recalling] == ["a)", "b)", "c)", "d)", "ed)"]
    resolves = next(s for s in res.sections if s.heading == "resolves")
    assert "1310" in [i.num for i in resolves.items]
    eleven = next(i for i in resolves.items if i.num == "11")
    assert [(i.num, i.text) for i in eleven.items] == [
        ("\u2013", "WSIS+10 Statement on the Implementation of WSIS Outcomes;"),
        ("\u2013", "WSIS+10 Vision for WSIS Beyond 2015;")]
    assert res.footnotes["1"].startswith("These include the least developed countries")


def test_seed_000_with_known_history_keeps_rev():
    path = seed("000")
    result = import_file(path, path.name, load_registry(), adopted=["PP-06", "PP-10", "PP-14"])
    assert result.derived[0].derived == "RESOLUTION 140 (Rev. Busan, 2014)"
    assert not any(f.rule == "import-adopted" for f in result.findings)
    assert compare(path.read_text(encoding="utf-8"), result, render_text(result.resolution, load_registry())) == []
    # --version after reads the inserted conference of the flattened title line.
    after = import_file(path, path.name, load_registry(), version="after", adopted=None, root=None)
    assert after.resolution.adopted == ["PP-06", "PP-14", "PP-18"]


def test_seed_002_sub_items_and_section_text():
    _, result = imported("002")
    res = result.resolution
    assert (res.body, res.number) == ("WTDC", 30)
    assert res.adopted[-1] == "WTDC-17"
    rec = next(s for s in res.sections if s.heading == "recognizing")
    assert rec.text.startswith("that WSIS stated that the core competencies of ITU")
    invite = next(s for s in res.sections if s.heading.startswith("resolves to invite"))
    eleven = invite.items[-1]
    assert eleven.num == "11" and [i.num for i in eleven.items] == ["i)", "ii)", "iii)"]
    # "i)<TAB>... on" continues on the next line: one item, not two.
    recalling = res.sections[0].items
    i_item = next(i for i in recalling if i.num == "i)")
    assert i_item.text.endswith("on measuring ICTs to build an integrating and inclusive information society;")
    assert (18, 1) in flattened(result)  # lh)
    assert [u.line for u in result.unplaced] == [94]  # the footnote rule line at the end


def test_seed_004_history_line_and_roman_sub_items():
    _, result = imported("004")
    res = result.resolution
    assert (res.body, res.number) == ("WTSA", 75)
    assert res.adopted == ["WTSA-08", "WTSA-12", "WTSA-16", "WTSA-20"]
    first = res.sections[0]
    assert first.heading == "consideringrecalling"
    eb = next(i for i in first.items if i.num == "eb)")
    assert [i.num for i in eb.items] == ["i)", "ii)", "iii)", "iv)", "v)", "vi)", "vii)", "viii)", "ix)", "x)"]
    assert (17, 1) in flattened(result)  # consideringrecalling
    assert {(24, 1), (36, 1), (81, 1)} <= flattened(result)  # eb), fc), 23
    assert not any(f.line == 34 and f.rule == "import-flattened-marks" for f in result.findings)  # ix) is fine
    assert [u.line for u in result.unplaced] == [1, 2, 4, 5, 6, 7, 96]


def test_unplaced_text_is_reported_not_dropped():
    text = ("RESOLUTION 11 (Rev. Busan, 2014)\nITU TELECOM events\n"
            "The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),\n"
            "A stray paragraph before any heading.\n"
            "considering\na)\tthat the purposes of the Union;\n"
            "* * * * * * *\nSomething after the end.\n")
    result = import_text(text, "x.txt", load_registry(), adopted=["PP-10", "PP-14"])
    assert [(u.line, u.text) for u in result.unplaced] == [
        (4, "A stray paragraph before any heading."), (7, "* * * * * * *"), (8, "Something after the end.")]
    assert sum(f.rule == "import-unplaced" for f in result.findings) == 3
    rendered = render_text(result.resolution, load_registry())
    assert "stray" not in rendered
    assert compare(text, result, rendered) == []


def test_cli_stdout_and_warnings_with_source_lines(tmp_path):
    proc = run_cli("import", "resolution", str(seed("000")), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("body: PP\nadopted: [PP-06, PP-14]\nnumber: 140\n")
    name = str(seed("000"))
    assert f"{name}:26:22: warning import-flattened-marks 'BusanDUBAI'" in proc.stderr
    assert f"{name}:110:1: warning import-flattened-marks label '1310'" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_into_the_corpus_and_refuses_to_overwrite(tmp_path):
    (tmp_path / "resolutions").mkdir()
    proc = run_cli("import", "resolution", str(seed("002")), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "resolutions" / "wtdc" / "30.yaml"
    assert out.read_text().startswith("body: WTDC\nadopted: [WTDC-14, WTDC-17]\nnumber: 30\n")
    assert "wrote resolutions/wtdc/30.yaml" in proc.stderr
    before = out.read_bytes()
    again = run_cli("import", "resolution", str(seed("002")), cwd=tmp_path)
    assert again.returncode == 2 and "exists; use --force" in again.stderr
    assert out.read_bytes() == before
    forced = run_cli("import", "resolution", str(seed("002")), "--force", cwd=tmp_path)
    assert forced.returncode == 0


@pytest.mark.parametrize("mask", [0o022, 0o002])
def test_imported_files_get_the_mode_of_the_umask(tmp_path, mask):
    """As any file the user creates: 0644 under umask 022, 0664 under 002 (mkstemp alone gives 0600)."""
    (tmp_path / "resolutions").mkdir()
    old = os.umask(mask)
    try:
        into = run_cli("import", "resolution", str(seed("002")), cwd=tmp_path)
        elsewhere = run_cli("import", "resolution", str(seed("000")), "-o", "r.yaml", cwd=tmp_path)
        (tmp_path / "opened.txt").write_text("x", encoding="utf-8")
    finally:
        os.umask(old)
    assert into.returncode == 0 and elsewhere.returncode == 0, (into.stderr, elsewhere.stderr)
    want = os.stat(tmp_path / "opened.txt").st_mode & 0o777
    assert want == 0o666 & ~mask
    for written in (tmp_path / "resolutions" / "wtdc" / "30.yaml", tmp_path / "r.yaml"):
        assert oct(os.stat(written).st_mode & 0o777) == oct(want), written


# --- bad input: one line naming the file and the reason, exit 2, nothing written -------------------

def _bad(tmp_path: Path, name: str, content: bytes | None, reason: str, size: int | None = None):
    bad = tmp_path / name
    if size is not None:
        with open(bad, "wb") as f:
            f.truncate(size)
    else:
        bad.write_bytes(content)
    outdir = tmp_path / "out"
    outdir.mkdir()
    proc = run_cli("import", "resolution", str(bad), "-o", str(outdir / "r.yaml"), cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"finalacts: {name}:") and reason in lines[0]
    assert "Traceback" not in proc.stderr
    assert list(outdir.iterdir()) == []  # no output, no temporary file left behind


def test_bad_random_text(tmp_path):
    _bad(tmp_path, "notes.txt", b"Shopping list\neggs, milk and bread\nremember the keys\n",
         "no RESOLUTION title line found")


def test_bad_empty_file(tmp_path):
    _bad(tmp_path, "empty.txt", b"", "file is empty")


def test_bad_whitespace_only(tmp_path):
    _bad(tmp_path, "blank.txt", b"\n\n   \n", "file is empty")


def test_bad_binary_text(tmp_path):
    _bad(tmp_path, "junk.txt", bytes(range(128, 256)) * 10, "not UTF-8 text")


def test_bad_50_mb_file(tmp_path):
    _bad(tmp_path, "huge.txt", None, "over the 20,971,520-byte limit", size=50 * 1024 * 1024)


def test_bad_title_without_title(tmp_path):
    _bad(tmp_path, "short.txt", b"RESOLUTION 11 (Rev. Busan, 2014)\n", "not followed by a title")


def test_missing_file(tmp_path):
    proc = run_cli("import", "resolution", str(tmp_path / "nope.txt"), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 2 and "nope.txt" in proc.stderr and "no such file" in proc.stderr
