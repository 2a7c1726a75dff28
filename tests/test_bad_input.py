"""Each way a corpus file can be broken gives one exact finding, and nothing else is lost."""

from __future__ import annotations

import re
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
    (b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n", "input-limit", 1, 4 + 63),  # at the 64th level
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


# ---------------------------------------------------------------- explicit tags, wherever they stand


def _tagged():
    """(name, text, line, col): Resolution 140 with one explicit tag, and where the tag is written."""
    n = line_of("number:")
    for tag in ("!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!foo",
                "!<tag:yaml.org,2002:str>", "!"):
        yield f"value {tag}", replace_line(n, f"number: {tag} 140"), n + 1, 9
    yield "key", replace_line(n, "!!str number: 140"), n + 1, 1
    a = line_of("adopted:")
    yield "flow sequence entry", replace_line(a, "adopted: [PP-06, !!str PP-10, PP-14]"), a + 1, 18
    yield "flow sequence", replace_line(a, "adopted: !!seq [PP-06, PP-10, PP-14]"), a + 1, 10
    s = line_of("sections:")
    yield "block sequence", replace_line(s, "sections: !!seq"), s + 1, 11
    h = line_of("- heading: recalling")
    yield "block mapping in a sequence", replace_line(h, "  - !!map\n    heading: recalling"), h + 1, 5
    t = _text_in_resolves()
    indent = LINES[t].index("text:")
    yield "block scalar", replace_line(t, " " * indent + "text: !!str >-"), t + 1, indent + 7
    f = line_of("footnotes:")
    words = '"' + " ".join(ln.strip() for ln in LINES[f + 2:f + 4]) + '"'
    note = 'footnotes: {"1": !!str ' + words + "}"
    yield "flow mapping value", "\n".join(LINES[:f] + [note] + LINES[f + 4:]), f + 1, 18
    note = 'footnotes: {!!str "1": ' + words + "}"
    yield "flow mapping key", "\n".join(LINES[:f] + [note] + LINES[f + 4:]), f + 1, 13


TAGGED = list(_tagged())


def test_the_tag_cases_change_only_the_tag():
    """Without its tag, each case is the intact file again (so the tag is all they test)."""
    good = parse(GOOD.encode(), "resolutions/pp/140.yaml")
    assert not good.findings
    for name, text, line, col in TAGGED:
        src = text.split("\n")[line - 1]
        tag = re.match(r"!<[^>]*>|!\S*", src[col - 1:])[0]
        untagged = "\n".join(text.split("\n")[:line - 1] + [src[:col - 1] + src[col - 1 + len(tag):].lstrip(" ")]
                             + text.split("\n")[line:])
        again = parse(untagged.encode(), "resolutions/pp/140.yaml")
        assert again.model == good.model, name


@pytest.mark.parametrize("name,text,line,col", TAGGED, ids=[c[0] for c in TAGGED])
def test_an_explicit_tag_is_refused_where_it_is_written(name, text, line, col):
    parsed = parse(text.encode(), "resolutions/pp/140.yaml")
    assert [(f.rule, f.line, f.col) for f in parsed.findings] == [("input-tag", line, col)]
    assert parsed.model is None
    f = parsed.findings[0]
    assert "\n" not in f.message and f.hint


def test_a_tag_is_named_as_written():
    (f,) = parse(replace_line(line_of("number:"), "number: !!str 140").encode(), "x.yaml").findings
    assert f.message == "tag !!str is not allowed"
    (f,) = parse(replace_line(line_of("number:"), "number: !foo 140").encode(), "x.yaml").findings
    assert f.message == "tag !foo is not allowed"


@pytest.mark.parametrize("name,text,line,col", TAGGED[:1] + TAGGED[-2:], ids=[c[0] for c in TAGGED[:1] + TAGGED[-2:]])
def test_check_and_fmt_refuse_a_tagged_file(corpus_copy, name, text, line, col):
    target = corpus_copy / "resolutions" / "pp" / "140.yaml"
    target.write_text(text, encoding="utf-8")
    before = target.read_bytes()
    for args in (["check", "resolutions/pp/140.yaml"], ["fmt", "resolutions/pp/140.yaml"],
                 ["fmt", "--check", "resolutions/pp/140.yaml"]):
        proc = subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=corpus_copy,
                              capture_output=True, text=True)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert f"resolutions/pp/140.yaml:{line}:{col}: error input-tag " in proc.stdout + proc.stderr, args
        assert "Traceback" not in proc.stdout + proc.stderr
        assert target.read_bytes() == before, args


# ---------------------------------------------------------------- the catalog's examples of reading


def _reading_examples():
    """(rule, failing snippet) for each reading rule whose documented failing example is YAML."""
    from finalacts.corpus.catalog import RULES

    for r in RULES.values():
        if r.family != "reading":
            continue
        for ex in r.failing:
            m = re.fullmatch(r"`([^`]+)`", ex)
            if m:
                yield r.id, m[1], next((p[1:-1] for p in r.passing if re.fullmatch(r"`[^`]+`", p)), None)


READING = list(_reading_examples())


def _example_file(snippet: str, passing: str | None) -> tuple[str, int]:
    """Resolution 140 with the line holding the passing example replaced by the failing one, or the
    failing example alone when the file has no such line; and the line the snippet is on."""
    for i, ln in enumerate(LINES):
        body = ln.lstrip(" ")
        lead = ln[:len(ln) - len(body)] + ("- " if body.startswith("- ") else "")
        if passing is not None and ln[len(lead):] == passing:
            return replace_line(i, lead + snippet) + "\n", i + 1
    return snippet + "\n", 1


def test_reading_examples_are_found():
    assert {rule for rule, _, _ in READING} >= {"input-syntax", "input-alias", "input-tag",
                                               "input-not-mapping", "schema-type", "schema-value"}


@pytest.mark.parametrize("rule,snippet,passing", READING, ids=[r[0] for r in READING])
def test_each_documented_failing_example_of_reading_fails_so(corpus_copy, run_cli, rule, snippet, passing):
    import json

    from finalacts.corpus.catalog import UNREADABLE

    text, line = _example_file(snippet, passing)
    target = corpus_copy / "resolutions" / "pp" / "140.yaml"
    target.write_text(text, encoding="utf-8")
    code, out, _ = run_cli("check", "--no-cache", "--format", "json", "resolutions/pp/140.yaml")
    findings = json.loads(out)["findings"]
    assert rule in [f["rule"] for f in findings], (snippet, findings)
    assert code == (2 if rule in UNREADABLE else 1), (snippet, findings)
    if text != snippet + "\n":
        # Put into an intact file, the example is the file's one problem, on its line.
        assert [(f["rule"], f["line"]) for f in findings] == [(rule, line)], findings
