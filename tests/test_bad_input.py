"""Each way a corpus file can be broken gives one exact finding, and nothing else is lost."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from finalacts.corpus.files import parse
from finalacts.corpus.yamlfile import MAX_BYTES

GOOD = (REPO / "resolutions" / "pp" / "140.yaml").read_text(encoding="utf-8")
LINES = GOOD.split("\n")


def line_of(prefix: str, after: int = 0) -> int:
    """0-based index of the first line (at or after `after`) that starts with `prefix` once stripped."""
    return next(i for i, ln in enumerate(LINES) if i >= after and ln.strip().startswith(prefix))


def replace_line(i: int, new: str) -> str:
    return "\n".join(LINES[:i] + [new] + LINES[i + 1:])


def _title():
    return line_of("title:")


def _num_c():
    # 'considering further' c): a label deep inside the text
    start = line_of("- heading: considering further")
    return line_of("- num: c)", start)


def _text_in_resolves():
    start = line_of("- heading: resolves")
    return line_of("text:", start)


def _corruptions():
    """(name, bytes, rule, line, col): each a copy of Resolution 140 broken in one way."""
    t = _title()
    indent_t = LINES[t].index("title:")
    yield ("invalid-utf8", replace_line(t, "title: \udcff").encode("utf-8", "surrogateescape"),
           "input-encoding", t + 1, 8)
    yield ("syntax", replace_line(0, "body: PP: x").encode(), "input-syntax", 1, 9)
    n = line_of("number:")
    yield ("duplicate-key", ("\n".join(LINES[:n + 1] + ["number: 141"] + LINES[n + 1:])).encode(),
           "input-duplicate-key", n + 2, 1)
    s = line_of("- heading:")
    yield ("tab-indent", replace_line(s, "\t" + LINES[s].lstrip(" ")).encode(), "input-tab", s + 1, 1)
    yield ("anchor", replace_line(t, " " * indent_t + "title: &t ITU's role").encode(), "input-alias", t + 1, 8)
    yield ("alias", (GOOD + "extra: *t\n").replace("title: ", "title: ", 1).encode(),
           "input-alias", len(LINES), 8)
    yield ("python-tag", replace_line(n, "number: !!python/object/apply:os.system [echo pwned]").encode(),
           "input-tag", n + 1, 9)
    yield ("empty", b"", "input-empty", 1, 1)
    yield ("top-level-list", b"- body: PP\n- number: 140\n", "input-not-mapping", 1, 1)
    yield ("too-large", GOOD.encode() + b"#" * MAX_BYTES, "input-too-large", 1, 1)
    c = _num_c()
    col = LINES[c].index("c)") + 1
    yield ("wrong-type-deep", replace_line(c, LINES[c].replace("c)", "3")).encode(), "schema-type", c + 1, col)
    r = _text_in_resolves()
    col = LINES[r].index("text:") + 1
    yield ("unknown-key", replace_line(r, LINES[r].replace("text:", "txet:")).encode(),
           "schema-unknown-key", r + 1, col)


CASES = list(_corruptions())


@pytest.mark.parametrize("name,raw,rule,line,col", CASES, ids=[c[0] for c in CASES])
def test_each_corruption_is_one_exact_finding(name, raw, rule, line, col):
    parsed = parse(raw, f"resolutions/pp/{name}.yaml")
    assert [(f.rule, f.line, f.col) for f in parsed.findings] == [(rule, line, col)], parsed.findings
    assert parsed.model is None
    f = parsed.findings[0]
    assert "\n" not in f.message and f.message and f.hint


def test_unknown_key_suggests_the_right_one():
    (_, raw, *_), = [c for c in CASES if c[0] == "unknown-key"]
    (f,) = parse(raw, "x.yaml").findings
    assert "'txet'" in f.message and "did you mean 'text'?" == f.hint


def test_deep_wrong_type_says_what_to_write():
    (_, raw, *_), = [c for c in CASES if c[0] == "wrong-type-deep"]
    (f,) = parse(raw, "x.yaml").findings
    assert "must be a string, not integer 3" in f.message and f.hint == 'quote it: "3"'


def test_alias_bomb_is_refused_quickly_without_expanding():
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    start = time.perf_counter()
    parsed = parse(("\n".join(rows) + "\n").encode(), "bomb.yaml")
    assert time.perf_counter() - start < 5  # 10**10 leaves if it were expanded
    assert [f.rule for f in parsed.findings] == ["input-alias"]
    assert (parsed.findings[0].line, parsed.findings[0].col) == (1, 4)


def test_alias_without_anchor_text_is_refused():
    raw = b"body: PP\nnumber: 140\ntitle: [a]\nadopted: []\nsections: []\n"
    good = parse(raw, "x.yaml")
    assert good.findings  # title is not a string
    shared = b"x: &shared [1]\ny: *shared\n"
    assert [f.rule for f in parse(shared, "y.yaml").findings] == ["input-alias"]


# A file with several problems: the one reported is a YAML error anywhere in the file first (an
# alias to no anchor, an anchor defined twice and a second document count as such), then the first
# anchor, then the first other refusal (tag, duplicate key, key that is no word, nesting too deep).
SEVERAL = [
    (b"body: PP\nbody: PP\nnumber: [\n", "input-syntax", 4, 1),
    (b"a: !!binary x\nb: [\n", "input-syntax", 3, 1),
    (b"a: &x 1\nb: [\n", "input-syntax", 3, 1),
    (b"a: 1\na: 2\n---\nc: 3\n", "input-syntax", 3, 1),
    (b"a: 1\n? [x]\n: 2\nb: [\n", "input-syntax", 5, 1),
    (b"a: " + b"[" * 3000 + b"\n", "input-syntax", 2, 1),
    (b"a: !!binary x\nb: &y 1\n", "input-alias", 2, 4),
    (b"a: 1\na: 2\nb: &y 1\n", "input-alias", 3, 4),
    (b"a: 1\na: 2\nb: *zz\n", "input-alias", 3, 4),
    (b"a: &x 1\nb: &x 2\n", "input-alias", 2, 4),
    (b"*a : 1\n", "input-alias", 1, 1),
    (b"? &a {x: 1}\n: v\n", "input-alias", 1, 3),
    (b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n", "input-syntax", 1, 1),
    (b"a: 1\na: !!binary x\n", "input-duplicate-key", 2, 1),
]


@pytest.mark.parametrize("raw,rule,line,col", SEVERAL)
def test_of_several_problems_the_same_one_is_reported_as_ever(raw, rule, line, col):
    findings = parse(raw, "x.yaml").findings
    assert [(f.rule, f.line, f.col) for f in findings] == [(rule, line, col)]


def test_python_tag_is_never_executed(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    raw = f"title: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    assert [f.rule for f in parse(raw, "t.yaml").findings] == ["input-tag"]
    assert not marker.exists()


@pytest.fixture
def broken_corpus(corpus_copy):
    folder = corpus_copy / "resolutions" / "pp"
    for name, raw, *_ in CASES:
        (folder / f"{name}.yaml").write_bytes(raw)
    return corpus_copy


def test_check_reports_every_broken_file_and_still_checks_the_good_one(broken_corpus, run_cli):
    code, out, err = run_cli("check", "--format", "json")
    import json

    report = json.loads(out)
    assert code == 2
    by_file, severities = {}, {}
    for f in report["findings"]:
        by_file.setdefault(Path(f["path"]).stem, []).append((f["rule"], f["line"], f["col"]))
        severities.setdefault(Path(f["path"]).stem, set()).add(f["severity"])
    for name, _, rule, line, col in CASES:
        assert (rule, line, col) in by_file[name], name
    # The intact file, checked alongside, has no error (warnings about texts the corpus lacks are fine).
    assert "error" not in severities.get("140", set())
    assert report["files"] >= len(CASES) + 1


def test_human_output_is_one_line_per_finding(broken_corpus, run_cli):
    code, out, _ = run_cli("check", "resolutions/pp/syntax.yaml")
    assert code == 2
    first = out.splitlines()[0]
    assert first.startswith("resolutions/pp/syntax.yaml:1:9: error input-syntax ")
    assert "(fix: " in first


def test_github_annotations(broken_corpus, run_cli):
    code, out, _ = run_cli("check", "--format", "github", "resolutions/pp/unknown-key.yaml")
    assert code == 1
    assert out.startswith("::error file=resolutions/pp/unknown-key.yaml,line=")
    assert "title=schema-unknown-key::unknown key 'txet'" in out


def test_fmt_never_touches_a_file_it_cannot_parse(broken_corpus, run_cli):
    before = {p: p.read_bytes() for p in (broken_corpus / "resolutions").rglob("*.yaml")}
    code, out, err = run_cli("fmt")
    assert code == 2
    for p, raw in before.items():
        assert p.read_bytes() == raw, p
    assert "resolutions/pp/syntax.yaml:1:9: error input-syntax" in err


def test_no_traceback_for_users(broken_corpus):
    proc = subprocess.run([sys.executable, "-m", "finalacts", "check"], cwd=broken_corpus,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr


def test_missing_file_is_an_input_error_and_the_rest_is_checked(corpus_copy, run_cli):
    code, out, _ = run_cli("check", "resolutions/pp/140.yaml", "resolutions/pp/nope.yaml")
    assert code == 2
    assert "resolutions/pp/nope.yaml:1:1: error input-unreadable no such file" in out
    assert "2 files checked" in out


def test_no_corpus_is_a_usage_error(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check")
    assert code == 2 and err.startswith("finalacts: no corpus here") and len(err.splitlines()) == 1
