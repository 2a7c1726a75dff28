"""No fast path changes a result: cache cold and warm, serial and parallel, fast schema gate."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import REPO
from finalacts.checks import runner
from finalacts.corpus import yamlfile
from finalacts.corpus.findings import InputError, exit_code
from finalacts.corpus.schemas import is_valid, validator
from test_bad_input import CASES


@pytest.fixture
def planted(tmp_path, monkeypatch):
    """40 copies of the shipped texts, with the corruptions of test_bad_input planted among them."""
    monkeypatch.delenv("FINALACTS_NO_CACHE", raising=False)
    shutil.copytree(REPO / "resolutions", tmp_path / "resolutions")
    src = (REPO / "resolutions/pp/140.yaml").read_text(encoding="utf-8")
    for n in range(1000, 1030):
        text = src.replace("number: 140\n", f"number: {n}\n")
        if n % 3 == 0:  # a real defect a rule finds: a duplicate label
            text = text.replace("num: b)", "num: a)", 1)
        (tmp_path / f"resolutions/pp/{n}.yaml").write_text(text, encoding="utf-8")
    for name, raw, *_ in CASES:
        (tmp_path / f"resolutions/pp/{name}.yaml").write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_same_findings_every_way(planted):
    serial = runner.run([], planted, use_cache=False, jobs=1).findings
    assert any(f.rule == "numbering-duplicate" for f in serial)
    assert any(f.rule == "input-syntax" for f in serial)
    parallel = runner.run([], planted, use_cache=False, jobs=2).findings
    cold = runner.run([], planted, use_cache=True, jobs=2).findings
    assert (planted / ".finalacts-cache").is_dir()
    warm = runner.run([], planted, use_cache=True, jobs=2).findings
    assert serial == parallel == cold == warm


def test_same_findings_every_way_on_a_findings_heavy_corpus(tmp_path, monkeypatch):
    """As a freshly imported legacy corpus: about 100 findings a file, many inside one text."""
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    import gen_corpus

    monkeypatch.delenv("FINALACTS_NO_CACHE", raising=False)
    gen_corpus.generate_heavy(tmp_path, 24, seed=3)
    monkeypatch.chdir(tmp_path)
    serial = runner.run([], tmp_path, use_cache=False, jobs=1).findings
    assert len(serial) > 24 * 60
    parallel = runner.run([], tmp_path, use_cache=False, jobs=2).findings
    cold = runner.run([], tmp_path, use_cache=True, jobs=2).findings
    warm = runner.run([], tmp_path, use_cache=True, jobs=2).findings
    one = runner.run([tmp_path / "resolutions/pp/3.yaml"], tmp_path).findings
    assert serial == parallel == cold == warm
    assert one == [f for f in serial if f.path == "resolutions/pp/3.yaml"] and one


def _heavy(root: Path) -> Path:
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    import gen_corpus

    gen_corpus.generate_heavy(root, 12, seed=4)
    return root


@pytest.mark.parametrize("corpus", ["planted", "heavy"])
def test_check_prints_the_same_from_the_cache_without_formatting_a_finding(corpus, request, tmp_path,
                                                                            monkeypatch, run_cli):
    """The human report of a warm check is the cache's copy of each file's lines: byte for byte
    what the findings give (checked without a cache, serially, and rendered at once), with the
    same exit code, strict or not, and not one finding formatted on the way."""
    from finalacts.checks import reporters

    monkeypatch.delenv("FINALACTS_NO_CACHE", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    root = request.getfixturevalue("planted") if corpus == "planted" else _heavy(tmp_path)
    monkeypatch.chdir(root)
    report = runner.run([], root, use_cache=False, jobs=1)
    expected = reporters.render("human", report.findings, report.files) + "\n"
    assert report.findings and len(expected.splitlines()) == len(report.findings) + 1
    code, strict = exit_code(report.findings), exit_code(report.findings, strict=True)
    assert code == (2 if corpus == "planted" else 1) and strict in (1, 2)  # planted holds unreadable files
    one = "resolutions/pp/1002.yaml" if corpus == "planted" else "resolutions/pp/3.yaml"
    expected_one = reporters.render("human", [f for f in report.findings if f.path == one], 1) + "\n"
    assert len(expected_one.splitlines()) > 1
    assert run_cli("check", "--no-cache") == (code, expected, "")
    assert run_cli("check") == (code, expected, "")  # cold: the cache is written
    formatted = []
    monkeypatch.setattr(reporters, "line", lambda f: formatted.append(f) or "")
    assert run_cli("check") == (code, expected, "")
    assert run_cli("check", "--strict") == (strict, expected, "")
    assert not formatted  # every line came from the cache
    assert run_cli("check", one) == (exit_code([f for f in report.findings if f.path == one]), expected_one, "")
    assert not formatted
    monkeypatch.undo()


def test_parallel_check_keeps_only_a_few_chunks_under_way(planted, monkeypatch):
    """Results done ahead of the one being read wait in memory: the workers are given a few chunks
    at a time, not the whole corpus at once (which let a findings-heavy corpus pile up)."""
    from concurrent.futures import ProcessPoolExecutor

    submitted = []
    real_submit = ProcessPoolExecutor.submit
    monkeypatch.setattr(ProcessPoolExecutor, "submit",
                        lambda self, fn, *a, **k: submitted.append(len(a[0])) or real_submit(self, fn, *a, **k))
    stream = runner.stream([], planted, use_cache=False, jobs=2)
    findings = stream.findings
    next(findings)
    # The first file is checked before the workers fork, so that what the rules build at their first
    # use is built once: nothing is submitted yet.
    assert not submitted
    while not submitted:
        next(findings)
    assert 0 < len(submitted) <= 2 * runner._AHEAD and max(submitted) <= runner._CHUNK
    assert list(findings) and sum(submitted) == stream.files - 1
    assert len(submitted) > 2 * runner._AHEAD  # more chunks than are ever under way at once


def test_cache_is_never_stale(planted):
    target = planted / "resolutions/pp/1001.yaml"
    before = runner.run([target], planted).findings
    assert not [f for f in before if f.rule == "numbering-duplicate"]
    target.write_text(target.read_text(encoding="utf-8").replace("num: b)", "num: a)", 1), encoding="utf-8")
    after = runner.run([target], planted).findings
    assert [f.rule for f in after if f.rule == "numbering-duplicate"] == ["numbering-duplicate"]
    assert runner.run([target], planted, use_cache=False).findings == after
    # Findings that depend on other files follow them: 140 cites Resolution 71, absent until now.
    res140 = planted / "resolutions/pp/140.yaml"
    missing = [f for f in runner.run([res140], planted).findings if "Resolution 71" in f.message]
    assert missing and missing[0].rule == "citation-not-held"  # a real text the registry knows
    (planted / "resolutions/pp/71.yaml").write_text(
        "body: PP\nnumber: 71\ntitle: Strategic plan\nadopted: [PP-10, PP-14]\nsections: []\n", encoding="utf-8")
    assert not [f for f in runner.run([res140], planted).findings if "Resolution 71" in f.message]


def test_a_corrupt_cache_entry_is_a_miss(planted):
    first = runner.run([], planted).findings
    for entry in (planted / ".finalacts-cache").rglob("*"):
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_text("{not json", encoding="utf-8")
    assert runner.run([], planted).findings == first


def _result_keys(root: Path) -> set[str]:
    import sqlite3

    db = sqlite3.connect(root / ".finalacts-cache/cache.sqlite3")
    try:
        return {k for (k,) in db.execute("SELECT key FROM results")}
    finally:
        db.close()


def test_cache_keeps_what_the_last_whole_run_used(planted):
    runner.run([], planted)
    first = _result_keys(planted)
    assert 30 < len(first) <= len(list((planted / "resolutions").rglob("*.yaml")))
    target = planted / "resolutions/pp/1001.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("num: b)", "num: a)", 1), encoding="utf-8")
    runner.run([target], planted)  # one file: its new entry joins the others
    second = _result_keys(planted)
    assert first < second and len(second) == len(first) + 1
    runner.run([], planted)  # the whole corpus: the entry of the old 1001.yaml is dropped
    third = _result_keys(planted)
    assert len(third) == len(first) and third < second


def _age(path: Path, seconds: float = 10) -> None:
    """Make a file look older than any run to come, as a file untouched for a while is."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(seconds * 1e9)))


def test_a_file_changed_in_the_same_tick_as_a_cached_run_is_read_again(planted):
    """Racy clean: a file written just before a run and changed again just after it, keeping its
    size, inode and modification time (a coarse file-system clock does that within one tick),
    looks unchanged to `stat`; the run that cached it could not know, so it did not trust it."""
    target = planted / "resolutions/pp/1001.yaml"
    clean = target.read_bytes()
    broken = clean.replace(b"num: b)", b"num: a)", 1)
    assert len(broken) == len(clean)
    # The file's time as a clock with whole seconds records it when the run starts in the same
    # second: not older than the run (here a second ahead, so that a fine clock agrees).
    tick = (time.time_ns() // 10**9 + 1) * 10**9
    os.utime(target, ns=(tick, tick))
    before = runner.run([], planted).findings
    assert not [f for f in before if f.path.endswith("1001.yaml") and f.rule == "numbering-duplicate"]
    assert _trusted(planted, target) is False  # too new to be trusted by its stat data
    with open(target, "r+b") as f:  # in place: same inode, same size
        f.write(broken)
    os.utime(target, ns=(tick, tick))  # same modification time
    after = runner.run([], planted).findings
    assert [f.rule for f in after if f.path.endswith("1001.yaml") and f.rule == "numbering-duplicate"] \
        == ["numbering-duplicate"]
    assert after == runner.run([], planted, use_cache=False).findings


def _trusted(root: Path, path: Path) -> bool | None:
    import sqlite3

    db = sqlite3.connect(root / ".finalacts-cache/cache.sqlite3")
    try:
        row = db.execute("SELECT trusted FROM files WHERE path = ?", (str(path.resolve()),)).fetchone()
    finally:
        db.close()
    return None if row is None else bool(row[0])


def _reads(run) -> int:
    """How many files `run()` read (skimmed for the index)."""
    import sys

    from finalacts.checks import index

    count = [0]

    def hook(frame, event, arg):
        if event == "call" and frame.f_code is index.skim.__code__:
            count[0] += 1
    sys.setprofile(hook)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count[0]


def test_an_old_unchanged_file_is_not_read_again_and_a_changed_one_is(planted):
    for p in (planted / "resolutions").rglob("*.yaml"):
        _age(p)
    time.sleep(0.05)  # past the tick of the change times just set
    first = runner.run([], planted).findings
    target = planted / "resolutions/pp/1001.yaml"
    assert _trusted(planted, target) is True
    assert _reads(lambda: runner.run([], planted)) == 0  # every file trusted by its stat data
    # A change that keeps size and modification time still changes the change time (ctime).
    mtime = target.stat().st_mtime_ns
    target.write_bytes(target.read_bytes().replace(b"num: b)", b"num: a)", 1))
    os.utime(target, ns=(mtime, mtime))
    found: list = []
    assert _reads(lambda: found.extend(runner.run([], planted).findings)) == 1
    assert "numbering-duplicate" in [f.rule for f in found if f.path.endswith("1001.yaml")]
    assert found != first


def test_one_file_check_reads_the_index_whole_and_still_sees_a_change(planted):
    """A run over a corpus whose every file is trusted keeps the index whole; a one-file check then
    asks for the files' rows one by one only for the files it checks, and gets the same index (and
    findings) as one built file by file. A change anywhere in the corpus is a different index."""
    import sys

    from finalacts.checks import cache as cache_mod
    from finalacts.checks import index

    for p in (planted / "resolutions").rglob("*.yaml"):
        _age(p)
    time.sleep(0.05)
    runner.run([], planted)
    one = planted / "resolutions/pp/140.yaml"
    bulk = [0]

    def hook(frame, event, arg):
        if event == "call" and frame.f_code is cache_mod.Cache.facts.__code__:
            bulk[0] += 1
    sys.setprofile(hook)
    try:
        found = runner.run([one], planted).findings
    finally:
        sys.setprofile(None)
    assert bulk[0] == 0  # no row per corpus file was read
    assert found == runner.run([one], planted, use_cache=False).findings
    cached = index.build([one], planted, cache=cache_mod.Cache(planted))
    assert cached.known_digest is not None  # the kept index
    built = index.build([one], planted)
    assert (cached.entries, cached.bodies, cached.digest()) == (built.entries, built.bodies, built.digest())
    # Resolution 71 appears: 140's citation of it is now held, in the one-file check too.
    (planted / "resolutions/pp/71.yaml").write_text(
        "body: PP\nnumber: 71\ntitle: Strategic plan\nadopted: [PP-10, PP-14]\nsections: []\n", encoding="utf-8")
    after = runner.run([one], planted).findings
    assert after == runner.run([one], planted, use_cache=False).findings
    assert [f for f in found if "Resolution 71" in f.message] and not [f for f in after if "Resolution 71" in f.message]


def test_a_file_changing_while_check_runs_never_leaves_a_stale_result(tmp_path, monkeypatch):
    """One file flips between a clean and a broken version while `check` runs, many times over,
    at many moments of the run: whatever a run stored, the next cached run says what an uncached
    one says."""
    import random
    import threading

    monkeypatch.delenv("FINALACTS_NO_CACHE", raising=False)
    (tmp_path / "resolutions/pp").mkdir(parents=True)
    src = (REPO / "resolutions/pp/140.yaml").read_text(encoding="utf-8")
    for n in (1, 2, 3):
        (tmp_path / f"resolutions/pp/{n}.yaml").write_text(src.replace("number: 140\n", f"number: {n}\n"),
                                                           encoding="utf-8")
    target = tmp_path / "resolutions/pp/2.yaml"
    clean = target.read_text(encoding="utf-8")
    # Quoted keys: the index cannot skim this file and parses it in full (the path that went stale).
    quoted = clean.replace("body: PP\n", "\"body\": PP\n")
    pairs = [(quoted, quoted.replace("num: b)", "num: a)", 1)), (clean, clean.replace("num: b)", "num: a)", 1))]
    monkeypatch.chdir(tmp_path)
    rng = random.Random(3)
    for trial in range(32):
        stop = threading.Event()
        pause = rng.choice([0, 0.0002, 0.001, 0.004])
        versions = pairs[trial % 4 // 3]

        def flip():
            k = trial
            while not stop.is_set():
                target.write_text(versions[k % 2], encoding="utf-8")
                k += 1
                time.sleep(pause)
        writer = threading.Thread(target=flip)
        writer.start()
        try:
            runner.run([] if trial % 2 else [target], tmp_path, jobs=1)
        finally:
            stop.set()
            writer.join()
        cached = runner.run([], tmp_path, jobs=1).findings
        assert cached == runner.run([], tmp_path, use_cache=False, jobs=1).findings, trial


def _loadable():
    from finalacts.corpus.findings import InputError, exit_code

    for name, raw, *_ in CASES:
        try:
            yield name, yamlfile.load(raw, "x.yaml").data
        except InputError:
            continue  # unreadable files never reach the schema


@pytest.mark.parametrize("name,data", list(_loadable()))
def test_fast_schema_gate_agrees_with_jsonschema(name, data):
    assert is_valid("resolution", data) == (not list(validator("resolution").iter_errors(data)))


def test_fast_gate_agrees_on_every_shipped_file():
    for path in [*REPO.glob("resolutions/**/*.yaml"), *REPO.glob("examples/proposed/**/*.yaml")]:
        data = yamlfile.load(path.read_bytes(), str(path)).data
        assert is_valid("resolution", data) == (not list(validator("resolution").iter_errors(data))), path


def test_generated_gates_are_those_of_the_schemas():
    """finalacts/corpus/gates/ holds fastjsonschema's code for the current schemas; after a schema
    changes, `python -m finalacts.corpus.schemas` writes it anew."""
    from importlib import import_module

    import fastjsonschema

    from finalacts.corpus import schemas

    for kind in schemas.SCHEMA_FILES:
        gate = import_module(f"finalacts.corpus.gates.{kind}")
        assert gate.SCHEMA_DIGEST == schemas._gate_digest(kind), \
            f"gates/{kind}.py is stale: run `python -m finalacts.corpus.schemas`"
        assert schemas.fast_gate(kind) is gate.validate
        if gate.VERSION == fastjsonschema.VERSION:
            assert Path(gate.__file__).read_text(encoding="utf-8") == schemas.gate_source(kind)


def test_fast_gate_compiles_the_schema_when_the_generated_one_is_stale(monkeypatch):
    from finalacts.corpus import schemas

    monkeypatch.setattr(schemas, "_gate_digest", lambda kind: "another schema")
    schemas.fast_gate.cache_clear()
    try:
        gate = schemas.fast_gate("resolution")
        assert gate.__module__ != "finalacts.corpus.gates.resolution"
        for name, data in _loadable():
            assert is_valid("resolution", data) == (not list(validator("resolution").iter_errors(data))), name
    finally:
        schemas.fast_gate.cache_clear()


def test_fast_resolver_reads_scalars_as_yaml_1_2_does():
    from datetime import date

    from ruamel.yaml import YAML

    src = ("a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: yes\ng: 2018-01-02\nh: text 1\ni: '1'\nj: .inf\n"
           "k:\nl: No\nm: -3\nn: 0x1F\no: Null\np: False\nq: 0o17\nr: 1_000\ns: to 5.1\nt: .5\n"
           "u: TRUE\nv: tRUE\nw: NULL\nx: nuLL\ny: Y\nz: OFF\naa: \"true\"\n")
    # ruamel's number patterns match some digit-less words; those must stay text, not crash.
    assert yamlfile.load(b"a: +_\nb: ._\nc: -007\n", "x").data == {"a": "+_", "b": "._", "c": -7}
    ours = yamlfile.load(src.encode(), "x").data
    theirs = {k: v.isoformat() if isinstance(v, date) else v  # dates stay text in the corpus
              for k, v in YAML(typ="safe", pure=False).load(src).items()}
    assert ours == theirs
    assert ours["u"] is True and ours["w"] is None and ours["v"] == "tRUE" and ours["aa"] == "true"
    # A tag written in the file is refused, even one that names the type the value has anyway.
    for tagged in (b"ab: ! 12\n", b"ac: !!str 12\n"):
        with pytest.raises(InputError) as e:
            yamlfile.load(tagged, "x")
        assert e.value.finding.rule == "input-tag"
    assert ours["a"] == 1 and ours["f"] == "yes" and ours["s"] == "to 5.1" and ours["k"] is None


def _called(run) -> tuple[set, set]:
    """(Python functions entered, patterns (their text) searched with finditer or tried with match)
    while `run()` runs."""
    import sys

    entered, searched = set(), set()

    def hook(frame, event, arg):
        if event == "call":
            entered.add(frame.f_code)
        elif event == "c_call" and getattr(arg, "__name__", "") in ("finditer", "match"):
            searched.add(getattr(getattr(arg, "__self__", None), "pattern", None))
    sys.setprofile(hook)
    try:
        run()
    finally:
        sys.setprofile(None)
    return entered, searched


def test_disabled_rules_do_not_run(planted):
    from finalacts.checks.rules import citations, conventions
    from finalacts.corpus import catalog

    doubled = next(rx.pattern for rule, rx, *_ in conventions._TEXT_RULES if rule == "word-doubled")
    target = planted / "resolutions/pp/1001.yaml"
    # A doubled word (a rule turned off below) and a doubled space (a rule left on).
    text = target.read_text(encoding="utf-8").replace(" the ", " the the ", 1).replace(" of ", "  of ", 1)
    target.write_text(text, encoding="utf-8")
    entered, searched = _called(lambda: runner.run([target], planted, use_cache=False))
    assert citations.check.__code__ in entered and doubled in searched  # on by default: they run

    off = sorted(catalog.family("citations")) + ["word-doubled"]
    (planted / "pyproject.toml").write_text(f"[tool.finalacts]\ndisable = {off!r}\n", encoding="utf-8")
    found: list = []
    entered, searched = _called(lambda: found.extend(runner.run([target], planted, use_cache=False).findings))
    assert citations.check.__code__ not in entered
    assert doubled not in searched
    assert conventions.check.__code__ in entered  # the family's other rules still run
    assert found and not [f for f in found if f.rule in off]
    assert "space-extra" in {f.rule for f in found}


@pytest.mark.parametrize("fmt", ["human", "json", "github", "sarif"])
def test_findings_written_as_they_come_read_as_when_written_at_once(planted, fmt):
    """`check` writes its report while it checks (a corpus with many findings never holds them
    all); the text is the one the whole list gives, in every format, with findings or none."""
    from finalacts.checks import reporters

    report = runner.run([], planted, use_cache=False)
    assert report.findings
    for findings in (report.findings, []):
        whole = reporters.render(fmt, findings, report.files)
        streamed = "".join(reporters.stream(fmt, iter(findings), report.files))
        assert streamed == (whole + "\n" if whole else "")


def test_findings_of_a_findings_heavy_corpus_are_the_recorded_ones(tmp_path, monkeypatch):
    """Every finding (path, line, column, rule, severity, message, hint) of ten findings-heavy
    texts is the one the check gave before its per-text and per-finding work was made faster
    (position look-up, rule scanning): tests/fixtures/heavy_findings.json.gz holds the texts, as
    `gen_corpus.generate_heavy(root, 10, seed=5)` wrote them, and the findings then found."""
    import gzip
    import json

    from finalacts.corpus.findings import Finding

    recorded = json.loads(gzip.decompress((REPO / "tests/fixtures/heavy_findings.json.gz").read_bytes()))
    for name, text in recorded["files"].items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = [Finding(*row) for row in recorded["findings"]]
    assert len(expected) > 1000 and len({f.rule for f in expected}) >= 8
    for jobs in (1, 2):
        found = runner.run([], tmp_path, use_cache=False, jobs=jobs).findings
        if found != expected:
            lost, new = sorted(set(expected) - set(found))[:3], sorted(set(found) - set(expected))[:3]
            pytest.fail(f"with --jobs {jobs}: lost {lost}, new {new}")


def test_one_file_check_after_another_file_changed_reads_that_file_only(planted):
    """The kept index is reused for every file whose stat data are unchanged: a text edited
    elsewhere in the corpus is read again (and what it now holds is seen), no other file is."""
    for p in (planted / "resolutions").rglob("*.yaml"):
        _age(p)
    time.sleep(0.05)
    runner.run([], planted)
    one = planted / "resolutions/pp/140.yaml"
    before = runner.run([one], planted).findings
    assert [f for f in before if "Resolution 71" in f.message]
    other = planted / "resolutions/pp/1002.yaml"  # now Resolution 71, which 140 cites
    other.write_text(other.read_text(encoding="utf-8").replace("number: 1002\n", "number: 71\n"), encoding="utf-8")
    found: list = []
    assert _reads(lambda: found.extend(runner.run([one], planted).findings)) == 1
    assert found == runner.run([one], planted, use_cache=False).findings
    assert not [f for f in found if "Resolution 71" in f.message]


def test_an_edit_that_keeps_what_the_index_takes_keeps_the_kept_index(planted):
    """A text edited anywhere but its body, number, adopted or earlier_editions (a commit's usual
    edit): the index is the kept one, digest and all, not put together again; it is the index
    built file by file, and an edit that changes what the index takes is seen."""
    from finalacts.checks import cache as cache_mod
    from finalacts.checks import index

    for p in (planted / "resolutions").rglob("*.yaml"):
        _age(p)
    time.sleep(0.05)
    runner.run([], planted)
    one = planted / "resolutions/pp/140.yaml"
    one.write_text(one.read_text(encoding="utf-8").replace("ITU's role", "The role of ITU", 1), encoding="utf-8")
    cached = index.build([one], planted, cache=cache_mod.Cache(planted))
    assert cached.known_digest is not None  # the kept index, with the edited file's new digest
    built = index.build([one], planted)
    assert (cached.entries, cached.bodies, cached.digest()) == (built.entries, built.bodies, built.digest())
    assert cached.digests[str(one)] == cache_mod.digest(one.read_bytes())
    found = runner.run([one], planted).findings
    assert found == runner.run([one], planted, use_cache=False).findings
    assert [f for f in found if "Resolution 71" in f.message]
    # Another text becomes Resolution 71: the index changes, and 140's citation of it is held.
    other = planted / "resolutions/pp/1002.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("number: 1002\n", "number: 71\n"), encoding="utf-8")
    changed = index.build([one], planted, cache=cache_mod.Cache(planted))
    assert changed.known_digest is None
    built = index.build([one], planted)
    assert (changed.entries, changed.digest()) == (built.entries, built.digest()) and changed.get("PP", 71)
    after = runner.run([one], planted).findings
    assert after == runner.run([one], planted, use_cache=False).findings
    assert not [f for f in after if "Resolution 71" in f.message]


def _snapshot_rows(root: Path) -> dict[str, bytes]:
    import sqlite3

    db = sqlite3.connect(root / ".finalacts-cache/cache.sqlite3")
    try:
        return {sig.rsplit(":", 1)[-1] if sig.endswith(":changes") else "whole": data
                for sig, data in db.execute("SELECT sig, index_data FROM snapshot")}
    finally:
        db.close()


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_an_edit_that_keeps_the_index_is_kept_as_changes_and_read_back_with_it(planted, monkeypatch):
    """After such an edit the kept index is not written whole again: the edited file's stat data
    and digest are kept beside it, and a later run applies them (it finds the index current and
    reads nothing). An edit that changes the index writes it whole, and the changes are gone."""
    from finalacts.checks import results, snapshot

    for p in (planted / "resolutions").rglob("*.yaml"):
        _age(p)
    time.sleep(0.05)
    runner.run([], planted)
    whole = _snapshot_rows(planted)["whole"]
    one, other = planted / "resolutions/pp/140.yaml", planted / "resolutions/pp/1002.yaml"
    _edit(one, "ITU's role", "The role of ITU")
    time.sleep(0.05)  # the edit older than the run that keeps it: trusted (racy-clean)
    found = runner.run([one], planted).findings
    rows = _snapshot_rows(planted)
    assert rows["whole"] == whole and "changes" in rows
    assert found == runner.run([one], planted, use_cache=False).findings
    with monkeypatch.context() as m:  # current, with the changes: no checker is made
        m.setattr(results, "Run", lambda *a: pytest.fail("a checker was made"))
        assert _reads(lambda: runner.run([other], planted)) == 0
    seen = snapshot.look([str(one)], snapshot.scan(planted), results.Cache(planted), os.path.join(os.getcwd(), ""))
    assert seen.current and seen.digests()[str(one)] == results.digest(one.read_bytes())
    # What the index takes changes: written whole, the changes dropped; the findings are the new ones.
    _edit(other, "number: 1002\n", "number: 71\n")
    after = runner.run([one], planted).findings
    rows = _snapshot_rows(planted)
    assert rows["whole"] != whole and "changes" not in rows
    assert after == runner.run([one], planted, use_cache=False).findings != found


def test_changes_kept_for_another_index_are_never_applied(planted, monkeypatch):
    """Changes name the index they were kept for: beside an index written whole since (by a run that
    saw a text change what it holds), old changes are ignored, and a file they describe is read."""
    import sqlite3

    from finalacts.checks import snapshot

    for p in (planted / "resolutions").rglob("*.yaml"):
        _age(p)
    time.sleep(0.05)
    runner.run([], planted)
    one = planted / "resolutions/pp/140.yaml"
    _edit(one, "ITU's role", "The role of ITU")
    time.sleep(0.05)
    runner.run([one], planted)
    old = _snapshot_rows(planted)["changes"]
    # 140 changes back and forth (the index takes the new number, then the old again): whole twice.
    _edit(one, "number: 140\n", "number: 1400\n")
    runner.run([one], planted)
    _edit(one, "number: 1400\n", "number: 140\n")
    runner.run([one], planted)
    db = sqlite3.connect(planted / ".finalacts-cache/cache.sqlite3")
    sig = next(s for (s,) in db.execute("SELECT sig FROM snapshot"))
    db.execute("INSERT OR REPLACE INTO snapshot VALUES (?, ?)", (sig + ":changes", old))
    db.commit()
    db.close()
    kept, token, changes = snapshot.read(results_cache(planted), os.path.join(os.getcwd(), ""))
    assert changes == {} and token != __import__("marshal").loads(old)[0]
    assert runner.run([one], planted).findings == runner.run([one], planted, use_cache=False).findings
    # More files changed than are kept as changes: the index is written whole again.
    monkeypatch.setattr(snapshot, "_CHANGES_KEPT", 1)
    for n in (1003, 1004):
        _edit(planted / f"resolutions/pp/{n}.yaml", "ITU's role", "The role of ITU")
        runner.run([one], planted)
    assert "changes" not in _snapshot_rows(planted)


def results_cache(root: Path):
    from finalacts.checks.cache import Cache

    return Cache(root)


def test_the_shipped_registries_are_kept_parsed_and_an_edited_one_is_parsed_again(tmp_path, monkeypatch):
    """A check reads the conference registry and the texts in force through its cache: parsed and
    validated once, read back as they were parsed; an edited registry (other bytes) is parsed again
    and what it now says is what the check gets."""
    from finalacts.checks import shipped
    from finalacts.checks.cache import Cache
    from finalacts.corpus import registry, texts

    monkeypatch.delenv("FINALACTS_NO_CACHE", raising=False)
    shipped_registry, shipped_texts = registry.load_registry(), texts.load_texts()
    parsed: list[str] = []
    for module, name in ((registry, "registry_data"), (texts, "texts_data")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda raw, shown, real=real: parsed.append(shown) or real(raw, shown))

    def read():
        cache = Cache(tmp_path)
        got = shipped.registry(cache), shipped.texts(cache)
        cache.save(whole_corpus=False)
        return got

    read()
    assert len(parsed) == 2
    conferences, in_force = read()
    assert len(parsed) == 2  # read back from the cache
    assert (conferences.bodies, conferences.conferences, conferences.by_body) == \
        (shipped_registry.bodies, shipped_registry.conferences, shipped_registry.by_body)
    assert in_force.entries == shipped_texts.entries and in_force.entries
    edited = tmp_path / "conferences.yaml"
    edited.write_text(registry.registry_path().read_text(encoding="utf-8").replace(
        "{id: PP-14, body: PP, city: Busan,", "{id: PP-14, body: PP, city: Pusan,"), encoding="utf-8")
    monkeypatch.setattr(registry, "registry_path", lambda: edited)
    conferences, _ = read()
    assert len(parsed) == 3 and conferences.get("PP-14").city == "Pusan"
    assert read()[0].get("PP-14").city == "Pusan" and len(parsed) == 3
    assert shipped.registry(Cache(tmp_path, enabled=False)) is shipped_registry  # no cache: as before
