"""The benchmark harness works: the generator makes a clean, canonical, deterministic corpus with a
git history, and run.py measures every row on a tiny corpus and writes its report.

The benchmark itself is a script, not a timed test; here it runs once on five files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import gen_corpus  # noqa: E402
import run  # noqa: E402


def finalacts(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


def test_generator_is_deterministic_clean_and_canonical(tmp_path):
    a = gen_corpus.generate(tmp_path / "a", 12, seed=7, defects=0)
    b = gen_corpus.generate(tmp_path / "b", 12, seed=7, defects=0)
    c = gen_corpus.generate(tmp_path / "c", 12, seed=8, defects=0)
    assert len(a) == 12
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]
    sizes = [p.stat().st_size for p in a]
    assert 15_000 < sum(sizes) / len(sizes) < 40_000  # about 26 KB a file, like the shipped texts
    texts = [p.read_text(encoding="utf-8") for p in a]
    assert any("annexes:" in t for t in texts) and any("footnotes:" in t for t in texts)
    assert any("(Rev. " in t for t in texts)
    checked = finalacts(tmp_path / "a", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    formatted = finalacts(tmp_path / "a", "fmt", "--check")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def test_generator_plants_the_slips_asked_for(tmp_path):
    gen_corpus.generate(tmp_path, 12, seed=7, defects=1.0)
    checked = finalacts(tmp_path, "check", "--format", "json")
    assert checked.returncode == 1
    import json

    rules = {f["rule"] for f in json.loads(checked.stdout)["findings"]}
    assert rules <= {"word-doubled", "space-extra", "citation-conference", "citation-unregistered"}, rules
    assert len(rules) >= 2


def test_generator_makes_a_findings_heavy_corpus_and_a_real_one(tmp_path):
    import json

    gen_corpus.generate_heavy(tmp_path / "heavy", 6, seed=7)
    checked = finalacts(tmp_path / "heavy", "check", "--no-cache", "--format", "json")
    found = json.loads(checked.stdout)["findings"]
    assert 60 * 6 < len(found) < 160 * 6
    assert {"word-doubled", "space-extra", "space-missing", "item-punctuation"} <= {f["rule"] for f in found}
    real = gen_corpus.generate_real(tmp_path / "real", 7)
    assert len({p.read_text(encoding="utf-8").split("number: ")[1].split()[0] for p in real}) == 7
    checked = finalacts(tmp_path / "real", "check", "--no-cache")
    assert checked.returncode == 0 and "7 files checked" in checked.stdout, checked.stdout  # they check clean


def test_generator_builds_a_history_of_editions_and_proposal_branches(tmp_path):
    gen_corpus.generate(tmp_path, 3, seed=1, defects=0)
    gen_corpus.history(tmp_path, 10, seed=1)

    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True).stdout

    assert git("rev-list", "--count", "HEAD").strip() == "10"
    assert git("tag").split() == ["PP-14", "PP-18", "PP-22"]
    assert "Proposal: ACP/1/1" in git("log", "--format=%B")
    assert len(git("rev-list", "--merges", "HEAD").split()) == 3
    assert finalacts(tmp_path, "check").returncode == 0


def test_run_prints_every_row_and_writes_the_report(tmp_path):
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "5,6", "--repeat", "1",
                           "--blame-commits", "4", "--corpora", "project,heavy,real", "--out", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    report = out.read_text(encoding="utf-8")
    assert report.strip() == proc.stdout.strip()
    for kind in ("the project's generated corpus", "findings-heavy corpus", "the shipped real texts"):
        assert f"## 5 resolutions, {kind}" in report and f"## 6 resolutions, {kind}" in report
    assert "cores" in report and "Python " in report and "Load average" in report
    assert "## Scaling: 6 over 5 resolutions" in report
    assert "| check, cold | " in report.split("## Scaling")[1]
    names = ["check, cold", "check, cold, one process", "check, warm", "check one file (pre-commit)",
             "check one file, no cache yet", "fmt --check", "render 25-proposal set (docx)",
             "blame of one text, 4 commits", "git commit through the three hooks",
             "git commit through three no-op hooks (pre-commit and git alone)", "check-jsonschema",
             "check-jsonschema, one file", "yamllint -d relaxed",
             "libyaml parse (floor, in-process)", "git blame --porcelain"]
    lines = {line.split(" | ")[0].lstrip("| ") for line in report.splitlines() if line.startswith("| ")}
    assert set(names) <= lines
    # Ours must all have run (a peer that is not installed is reported as such, not as a failure).
    for line in report.split("## Scaling")[0].splitlines():
        if line.startswith("| ") and line.split(" | ")[0].lstrip("| ") in names[:10]:
            assert "failed" not in line and "not installed" not in line, line
            assert float(line.split(" | ")[1]) > 0 and float(line.split(" | ")[2]) > 0, line
    for target in ("<= 0.3x check-jsonschema (wall)", "<= 0.6x check-jsonschema (cpu)", "<= 2.0x libyaml",
                   "check, warm <= 0.15 s", "check one file (pre-commit) <= 0.12 s", "fmt --check <= 2.0x check, cold",
                   "<= 10.0x git blame", "git commit through the three hooks <= 0.6 s", "<= 150 MiB", "<= 60 MiB"):
        assert target in report, target


def test_the_report_keeps_the_other_benchmarks_sections():
    old = ("# Benchmark results\n\nold run\n\n## 500 resolutions, the project's generated corpus\n\n| a |\n\n"
           "## Scaling: 5000 over 500 resolutions\n\n| b |\n\n## The site (`finalacts site`)\n\n| site |\n\n"
           "## Merges\n\n| merge |\n")
    kept = run.others(old)
    assert kept.startswith("## The site") and "| site |" in kept and "| merge |" in kept
    assert "old run" not in kept and "| a |" not in kept and "| b |" not in kept


def test_above_the_smallest_size_only_the_rows_asked_for(tmp_path):
    s = run.Setup.__new__(run.Setup)
    s.corpus, s.files, s.one, s.kind = tmp_path, ["a.yaml"], "a.yaml", "heavy"
    s.smallest, s.large_rows = True, {"check, cold", "check, warm"}
    small = {r.name for r in run.rows(s)}
    s.smallest = False
    large = {r.name for r in run.rows(s)}
    assert large == {"check, cold", "check, warm"} and {"check-jsonschema", "check one file (pre-commit)"} <= small


def test_missing_peer_is_reported_not_fatal(tmp_path):
    s = run.Setup.__new__(run.Setup)
    s.corpus = tmp_path
    res = run.measure(run.Row("absent peer", None), s, 1)
    assert res.seconds is None and "not installed" in res.note


def test_rows_are_timed_in_rounds_and_a_warm_row_after_its_own_run(tmp_path, monkeypatch):
    """Each round runs every row once, so that a row and its peer are timed close together; a warm
    row is run untimed just before each timing (the cold rows clear the cache it needs); a row
    longer than LONG is timed once."""
    s = run.Setup.__new__(run.Setup)
    s.corpus = tmp_path
    order: list[str] = []
    log = tmp_path / "warm.log"
    rows = [run.Row("a", lambda: order.append("a")), run.Row("b", lambda: order.append("b")),
            run.Row("warm", ["sh", "-c", f"echo run >> {log}"], warm=True)]
    results = run.measure_rounds(rows, s, 3)
    assert order == ["a", "b"] * 3
    assert [len(results[n].runs) for n in ("a", "b", "warm")] == [3, 3, 3]
    assert log.read_text().count("run") == 6  # an untimed run before each of the three timed ones
    monkeypatch.setattr(run, "LONG", 0.0)
    order.clear()
    results = run.measure_rounds(rows[:2], s, 3)
    assert order == ["a", "b"] and len(results["a"].runs) == 1


@pytest.mark.parametrize("cmd, code", [(["false"], 1), (["sh", "-c", "exit 3"], 3)])
def test_a_tool_that_does_not_run_is_reported_as_failed(tmp_path, cmd, code):
    s = run.Setup.__new__(run.Setup)
    s.corpus = tmp_path
    res = run.measure(run.Row("x", cmd), s, 1)
    if code == 1:  # exit 1 is "findings" for every tool measured: timed as a run
        assert res.seconds is not None
    else:
        assert res.seconds is None and "exit 3" in res.note


def test_merge_benchmark_prints_the_three_rows_side_by_side(tmp_path):
    out = tmp_path / "merge.md"
    proc = subprocess.run([sys.executable, str(BENCH / "bench_merge.py"), "--tiny", "--out", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr
    report = out.read_text(encoding="utf-8")
    assert report == proc.stdout
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ")[1:] for line in report.splitlines()
            if line.startswith("| plain git") or line.startswith("| finalacts")}
    assert set(rows) == {"plain git, today's layout", "plain git, new layout", "finalacts merge driver"}
    for cells in rows.values():
        assert sum(int(c.strip(" |")) for c in cells) == 14  # every pair counted once per row
    assert rows["finalacts merge driver"][2].strip(" |") == "0"  # nothing silently wrong
    assert "every non-overlapping pair merges cleanly: 11 of 11 - met" in report
    assert "every overlapping pair conflicts, with a `check` finding at the right place: 3 of 3 - met" in report
    assert "canonical (`fmt --check` clean): yes" in report
