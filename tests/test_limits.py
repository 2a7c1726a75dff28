"""Input a pull request can supply that once crashed or misled a command: numbers too long to print,
nesting too deep to walk, structures `--renumber` cannot read, line breaks editors do not count,
values `fmt` could not write back, a disk that fills, a folder that cannot be written."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from finalacts.corpus import yamlfile
from finalacts.corpus.files import parse
from finalacts.workflows.fmt import format_text, same

GOOD = (REPO / "resolutions" / "pp" / "11.yaml").read_text(encoding="utf-8")
NUMBER_LINE = GOOD.split("\n").index("number: 11") + 1


def finalacts(root: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=root, capture_output=True, text=True, **kw)


def one_line_exit(proc: subprocess.CompletedProcess, code: int) -> str:
    """The output of a process that exited `code` without a traceback."""
    out = proc.stdout + proc.stderr
    assert proc.returncode == code, out
    assert "Traceback" not in out and "internal error" not in out, out
    return out


def _deep(levels: int) -> str:
    """Resolution 11's header with one item nested `levels` deep under *resolves*."""
    lines = ["body: PP", "number: 11", "title: Deep", "adopted: [PP-14]", "sections:",
             "  - heading: resolves", "    items:"]
    indent = 6
    for _ in range(levels):
        lines += [" " * indent + '- num: "1"', " " * indent + "  text: to go deeper;", " " * indent + "  items:"]
        indent += 4
    lines += [" " * indent + '- num: "1"', " " * indent + "  text: the end."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- limits of the format


def test_a_number_of_5000_digits_is_refused_where_it_is(corpus_copy):
    target = corpus_copy / "resolutions" / "pp" / "11.yaml"
    target.write_text(GOOD.replace("number: 11", "number: " + "9" * 5000, 1), encoding="utf-8")
    before = target.read_bytes()
    for args in (["check"], ["check", "resolutions/pp/11.yaml"], ["fmt", "resolutions/pp/11.yaml"],
                 ["fmt", "--renumber", "resolutions/pp/11.yaml"]):
        out = one_line_exit(finalacts(corpus_copy, *args), 2)
        assert f"resolutions/pp/11.yaml:{NUMBER_LINE}:9: error input-limit a number of 5,000 digits" in out, args
    assert target.read_bytes() == before


def test_hex_and_long_numbers_below_the_limit_are_read():
    assert yamlfile.load(b"a: 0x" + b"f" * 90 + b"\nb: " + b"1" * 100 + b"\n", "x.yaml").data["b"] == int("1" * 100)


def test_items_nested_350_deep_are_refused_by_check_and_fmt(corpus_copy):
    target = corpus_copy / "resolutions" / "pp" / "11.yaml"
    target.write_text(_deep(350), encoding="utf-8")
    for args in (["check", "resolutions/pp/11.yaml"], ["fmt", "resolutions/pp/11.yaml"],
                 ["fmt", "--renumber", "resolutions/pp/11.yaml"]):
        out = one_line_exit(finalacts(corpus_copy, *args), 2)
        assert "error input-limit nesting deeper than 64 levels" in out, args


def test_nesting_within_the_limit_is_checked_and_formatted_losslessly():
    text = _deep(28)  # 2 levels per item and 3 above them: 59 levels of YAML
    parsed = parse(text.encode(), "resolutions/pp/11.yaml")
    assert parsed.model is not None and not parsed.findings
    out = format_text(text, "resolutions/pp/11.yaml")
    assert yamlfile.load(out.encode(), "x.yaml").data == yamlfile.load(text.encode(), "x.yaml").data
    nested = "a: " + "[" * 63 + "1" + "]" * 63 + "\n"
    out = format_text(nested, "proposals/x.yaml")
    assert yamlfile.load(out.encode(), "x.yaml").data == yamlfile.load(nested.encode(), "x.yaml").data


@pytest.mark.parametrize("old,new,where", [
    ("num: a)", "num: 1", "num must be a string"),
    ("sections:\n", "sections: 5\nxsections:\n", "sections must be a list"),
])
def test_renumber_reads_only_what_the_schema_accepts(corpus_copy, old, new, where):
    target = corpus_copy / "resolutions" / "pp" / "11.yaml"
    target.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    before = target.read_bytes()
    out = one_line_exit(finalacts(corpus_copy, "fmt", "--renumber", "resolutions/pp/11.yaml"), 1)
    assert "error schema-" in out and where in out
    assert target.read_bytes() == before


# ---------------------------------------------------------------- values fmt once refused


@pytest.mark.parametrize("value,back", [(".inf", float("inf")), ("-.inf", float("-inf")), (".nan", None),
                                        ("1e400", float("inf")), ("1e16", 1e16), ("0x1F", 31), ("+7", 7)])
def test_fmt_writes_back_every_number_check_reads(value, back):
    text = f"b: {value}\nlist: [{value}, x]\n"
    loaded = yamlfile.load(text.encode(), "proposals/x.yaml").data
    out = format_text(text, "proposals/x.yaml")
    again = yamlfile.load(out.encode(), "proposals/x.yaml").data
    assert same(again, loaded)
    assert back is None and again["b"] != again["b"] or again["b"] == back
    assert format_text(out, "proposals/x.yaml") == out


def test_comments_on_flow_list_entries_stay_on_their_entries():
    text = ("body: PP\nnumber: 11\ntitle: x\nadopted: [PP-98,  # first\n  # about the second\n  PP-10, PP-14]\n"
            "sections: []\n")
    out = format_text(text, "resolutions/pp/11.yaml")
    assert "  - PP-98  # first\n  # about the second\n  - PP-10\n" in out, out
    _, before = yamlfile.find_comments(text, "x")
    _, after = yamlfile.find_comments(out, "x")
    assert (before.lead, before.eol) == (after.lead, after.eol)
    # A comment after the last entry reads back there: the list stays on one line.
    kept = "adopted: [PP-98, PP-10]  # revised\n"
    assert kept in format_text("body: PP\n" + kept, "resolutions/pp/11.yaml")


# ---------------------------------------------------------------- positions


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85", "\r"])
def test_line_breaks_editors_do_not_count_do_not_shift_positions(brk):
    lines = GOOD.split("\n")
    t = next(i for i, ln in enumerate(lines) if ln.startswith("title:"))
    lines[t] = f'title: "ITU{brk}TELECOM events"'
    doubled = next(i for i, ln in enumerate(lines) if ln.strip().startswith("text:") and i > t)
    lines[doubled] = lines[doubled].replace("text: ", "text: x;; ", 1)
    text = "\n".join(lines)
    parsed = parse(text.encode(), "resolutions/pp/11.yaml")
    assert parsed.model is not None, parsed.findings
    assert parsed.model.at("sections") == parse(GOOD.encode(), "resolutions/pp/11.yaml").model.at("sections")
    from finalacts.checks.context import Context
    from finalacts.checks.rules import conventions
    from finalacts.corpus.registry import load_registry
    from finalacts.corpus.textpos import Source

    ctx = Context(registry=load_registry(), source=Source(text))
    found = [f for f in conventions.check(parsed.model, ctx) if f.rule == "punctuation-doubled"]
    assert [f.line for f in found] == [doubled + 1]
    assert found[0].col == lines[doubled].index(";;") + 1
    # and an error after one is where an editor shows it
    bad = text.replace("sections:", "sections: [", 1)
    (f,) = parse(bad.encode(), "x.yaml").findings
    assert f.rule == "input-syntax" and f.line > t + 1


def test_comments_after_an_unusual_line_break_stay_in_place():
    text = 'body: PP\ntitle: "a\u2028b"  # after the title\nnumber: 11  # the number\n'
    out = format_text(text, "resolutions/pp/11.yaml")
    assert 'title: "a\\u2028b"  # after the title' in out and "number: 11  # the number" in out, out


# ---------------------------------------------------------------- writing that fails


def _messy(text: str) -> str:
    """`text` out of the canonical layout (spaces fmt takes out), the same data."""
    messy = text.replace("body: PP\n", "body:    PP\n", 1)
    assert messy != text
    return messy


def _limit_file_size(limit: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_full_disk_leaves_every_file_whole(corpus_copy):
    """A write that fails part way (here: the file-size limit, which fails the write as a full disk
    does) leaves the old file and no temporary one; one line, exit 2."""
    target = corpus_copy / "resolutions" / "pp" / "140.yaml"
    messy = _messy(target.read_text(encoding="utf-8"))
    target.write_text(messy, encoding="utf-8")
    proc = finalacts(corpus_copy, "fmt", "resolutions/pp/140.yaml", preexec_fn=_limit_file_size(4096))
    out = one_line_exit(proc, 2)
    assert "cannot write" in out and "the file is unchanged" in out
    assert target.read_text(encoding="utf-8") == messy
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(
        p.name for p in (REPO / "resolutions" / "pp").iterdir())


def test_a_read_only_folder_is_one_line_and_nothing_changes(corpus_copy):
    target = corpus_copy / "resolutions" / "pp" / "140.yaml"
    messy = _messy(target.read_text(encoding="utf-8"))
    target.write_text(messy, encoding="utf-8")
    command = [sys.executable, "-m", "finalacts", "fmt", "resolutions/pp/140.yaml"]
    if os.geteuid() == 0:
        # root writes into any folder: drop the capabilities that let it, as a user has none.
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv (util-linux): no folder is read-only")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", *command]
    target.parent.chmod(0o555)
    try:
        proc = subprocess.run(command, cwd=corpus_copy, capture_output=True, text=True)
    finally:
        target.parent.chmod(0o755)
    out = one_line_exit(proc, 2)
    assert "cannot write" in out and "Permission denied" in out and "the file is unchanged" in out
    assert target.read_text(encoding="utf-8") == messy


def test_write_atomic_refuses_to_replace_a_symbolic_link(tmp_path):
    from finalacts.corpus.disk import write_atomic
    from finalacts.corpus.findings import UsageError

    (tmp_path / "target.yaml").write_text("kept\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "target.yaml")
    with pytest.raises(UsageError, match="symbolic link"):
        write_atomic(tmp_path / "link.yaml", "new\n")
    assert (tmp_path / "link.yaml").is_symlink() and (tmp_path / "target.yaml").read_text() == "kept\n"
