"""fmt: deterministic, idempotent, lossless (data and comments), and local to the edited item."""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from finalacts.corpus import yamlfile
from finalacts.corpus.model import Item, Resolution, Section, resolution_to_data
from finalacts.workflows.fmt import format_text

PATH = "resolutions/pp/1.yaml"

# Texts that stress the emitter: YAML indicators, quotes, colons, hashes, numbers, non-ASCII
# letters, typographic spaces and hyphens, control characters, long unbroken words.
ALPHABET = st.sampled_from(list(
    "abcdefghijklmnopqrstuvwxyz ABCDEFXYZ 0123456789 .,;:!?'\"()[]{}#&*-–‑_/\\|>%@`~=<+"
    "éüçñ§ ابت 中文 \u00a0\u2009\t\n\x07\x00\u2028\ufeff"
))
TEXT = st.text(ALPHABET, min_size=1, max_size=250) | st.text(st.sampled_from("ab "), min_size=1, max_size=400)
LABEL = st.sampled_from(["a)", "b)", "1", "2", "5.1", "i)", "–", "•", "10", "true", "null", "-", "#1", "a: b"])


@st.composite
def items(draw, depth=0):
    sub = draw(st.lists(items(depth + 1), max_size=2)) if depth < 2 else []
    return Item(num=draw(st.none() | LABEL), text=draw(TEXT), items=sub,
                after=draw(st.none() | TEXT) if sub else None)


@st.composite
def resolutions(draw):
    sections = [Section(heading=draw(TEXT), text=draw(st.none() | TEXT), items=draw(st.lists(items(), max_size=4)))
                for _ in range(draw(st.integers(1, 4)))]
    footnotes = draw(st.dictionaries(st.sampled_from(["1", "2", "*", "**"]), TEXT, max_size=2))
    return Resolution(body="PP", number=draw(st.integers(1, 999) | st.sampled_from(["ACP-1", "EUR-12"])),
                      title=draw(TEXT), adopted=draw(st.lists(st.sampled_from(["PP-06", "PP-10", "PP-14"]),
                                                               unique=True)),
                      sections=sections, footnotes=footnotes)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(resolutions())
def test_dump_is_lossless_deterministic_and_idempotent(res):
    data = resolution_to_data(res)
    text = yamlfile.dump(data, "resolution")
    assert yamlfile.load(text.encode(), PATH).data == data
    assert yamlfile.dump(data, "resolution") == text
    assert format_text(text, PATH) == text


def _subtree_lines(loaded, path: tuple) -> tuple[int, int]:
    """First line of the node at `path` and first line after it (1-based, end exclusive)."""
    inside = [p.line for k, p in loaded.positions.items() if k[:len(path)] == path]
    start = min(inside)
    after = [p.line for k, p in loaded.positions.items() if k[:len(path)] != path and p.line > max(inside)]
    return start, min(after) if after else 10**9


@SETTINGS
@given(resolutions(), st.data())
def test_editing_one_item_changes_only_that_items_lines(res, data):
    targets = [(i, j) for i, s in enumerate(res.sections) for j in range(len(s.items))]
    if not targets:
        return
    i, j = data.draw(st.sampled_from(targets))
    before = yamlfile.dump(resolution_to_data(res), "resolution")
    res.sections[i].items[j].text = data.draw(TEXT)
    after = yamlfile.dump(resolution_to_data(res), "resolution")
    path = ("sections", i, "items", j)
    b_start, b_end = _subtree_lines(yamlfile.load(before.encode(), PATH), path)
    a_start, a_end = _subtree_lines(yamlfile.load(after.encode(), PATH), path)
    old, new = before.split("\n"), after.split("\n")
    assert old[:b_start - 1] == new[:a_start - 1]
    if b_end < 10**9:
        assert old[b_end - 1:] == new[a_end - 1:]


@SETTINGS
@given(resolutions(), st.data())
def test_comments_survive_anywhere_between_entries(res, data):
    text = yamlfile.dump(resolution_to_data(res), "resolution")
    lines = text.split("\n")
    loaded = yamlfile.load(text.encode(), PATH)
    # Entry lines (keys, list elements) are safe places for a full-line comment before them.
    starts = sorted({p.line for k, p in loaded.key_positions.items()})
    at = data.draw(st.sampled_from(starts))
    indent = len(lines[at - 1]) - len(lines[at - 1].lstrip(" -"))
    lines.insert(at - 1, " " * indent + "# note: keep me")
    commented = "\n".join(lines)
    out = format_text(commented, PATH)
    assert out.count("# note: keep me") == 1
    assert yamlfile.load(out.encode(), PATH).data == loaded.data
    assert format_text(out, PATH) == out


MESSY = """\
# leading comment
number: 140   # the number
body: PP
adopted:
- PP-06
- PP-10   # revised
title: "ITU's role in implementing the outcomes"
sections:
- {heading: recalling, items: [{text: 'Resolution 73 (Minneapolis, 1998);', num: a)}]}
  # before the second section
- heading: resolves
  text: >-  # folded on purpose
    to follow,
    as soon as possible
footnotes:
  1: These include the least developed countries.
# trailing comment
"""


def test_messy_file_gets_the_canonical_layout_with_every_comment():
    out = format_text(MESSY, PATH)
    assert out == """\
# leading comment
body: PP
adopted: [PP-06, PP-10]  # revised
number: 140  # the number
title: ITU's role in implementing the outcomes
sections:
  - heading: recalling
    items:
      - num: a)
        text: Resolution 73 (Minneapolis, 1998);
  # before the second section
  - heading: resolves
    text: to follow, as soon as possible  # folded on purpose
footnotes:
  "1": These include the least developed countries.
# trailing comment
"""
    assert format_text(out, PATH) == out


LONG = ("that the Union, in its venue selection process for ITU TELECOM events, shall ensure an open and "
        "transparent bidding process, and that the events are held in a manner that is efficient and of "
        "benefit to the membership and to developing countries in particular")


def _changed(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    gone, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        (gone if line.startswith("- ") else added if line.startswith("+ ") else []).append(line[2:])
    return gone, added


def test_an_edit_changes_only_the_lines_it_touches_not_the_rest_of_the_paragraph():
    before = format_text(yamlfile.dump({"body": "PP", "adopted": [], "number": 1, "title": "T",
                                        "sections": [{"heading": "resolves", "text": LONG}]}, "resolution"), PATH)
    assert before.count("\n    ") >= 2  # folded over three lines
    # A phrase that pushes its line over 100 columns splits that line; the others stay.
    grown = before.replace("open and\n", "open, fair and\n").replace("bidding process,", "bidding process, "
                                                                                        "decided in advance,")
    gone, added = _changed(before, format_text(grown, PATH))
    assert len(gone) == 1 and len(added) == 2, (gone, added)
    # A word taken out shortens its line and nothing else.
    gone, added = _changed(before, format_text(before.replace(" in particular", ""), PATH))
    assert len(gone) == len(added) == 1


def test_lines_folded_by_hand_are_kept_while_they_fit():
    text = "body: PP\nadopted: []\nnumber: 1\ntitle: T\nsections:\n  - heading: resolves\n    text: >-\n" + "".join(
        f"      {line}\n" for line in ["that the Union, in its venue selection process,", "shall ensure an open and "
                                       "transparent bidding process;"])
    assert format_text(text, PATH) == text


def test_adopted_stands_two_lines_away_from_the_title():
    out = format_text(MESSY, PATH).splitlines()
    assert out.index("number: 140  # the number") == out.index("adopted: [PP-06, PP-10]  # revised") + 1
    assert out[out.index("number: 140  # the number") + 1].startswith("title:")


@SETTINGS
@given(resolutions(), st.data())
def test_refolding_after_a_word_is_replaced_touches_one_line_or_splits_it(res, data):
    folded = [(i, j) for i, s in enumerate(res.sections) for j, it in enumerate(s.items)
              if it.text and len(it.text) > 120 and yamlfile._foldable(it.text) and " " in it.text.strip()]
    if not folded:
        return
    i, j = data.draw(st.sampled_from(folded))
    before = yamlfile.dump(resolution_to_data(res), "resolution")
    item = res.sections[i].items[j]
    words = item.text.split(" ")
    k = data.draw(st.integers(0, len(words) - 1))
    if not words[k]:
        return
    words[k] = data.draw(st.sampled_from(["x", "a longer replacement", "word"]))
    item.text = " ".join(words)
    loaded, comments = yamlfile.find_comments(before, PATH)
    after = yamlfile.dump(resolution_to_data(res), "resolution", None, yamlfile.line_breaks(before, loaded))
    assert yamlfile.load(after.encode(), PATH).data == resolution_to_data(res)
    assert format_text(after, PATH) == after
    gone, added = _changed(before, after)
    assert len(gone) <= 1 and len(added) <= 3, (gone, added)


def test_shipped_resolution_140_is_canonical():
    text = (REPO / "resolutions/pp/140.yaml").read_text(encoding="utf-8")
    assert format_text(text, PATH) == text


def test_fmt_check_and_rewrite(corpus_copy, run_cli):
    target = corpus_copy / "resolutions/pp/140.yaml"
    canonical = target.read_text(encoding="utf-8")
    target.write_text(canonical.replace("body: PP\nadopted:", "adopted:", 1).replace("number: 140\n",
                                                                                  "number: 140\nbody: PP\n"),
                      encoding="utf-8")
    code, out, _ = run_cli("fmt", "--check")
    assert code == 1 and "would reformat resolutions/pp/140.yaml" in out
    assert target.read_text(encoding="utf-8") != canonical  # --check changes nothing
    code, out, _ = run_cli("fmt", "resolutions/pp/140.yaml")
    assert code == 1 and "reformatted resolutions/pp/140.yaml" in out
    assert target.read_text(encoding="utf-8") == canonical
    code, out, _ = run_cli("fmt", "--check")
    assert code == 0 and "0 files would reformat" in out


def test_failed_write_leaves_the_old_file_whole(tmp_path):
    from finalacts.corpus.disk import write_atomic

    target = tmp_path / "140.yaml"
    target.write_text("body: PP\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "body: PP\n" * 1000 + "\udcff")  # fails half-way through encoding
    assert target.read_text(encoding="utf-8") == "body: PP\n"
    assert [p.name for p in tmp_path.iterdir()] == ["140.yaml"]


def test_printable_scan_agrees_with_the_per_character_test():
    """The emitter decides plain vs quoted with one regex scan; it must refuse exactly what
    _printable refuses, for every code point."""
    from finalacts.corpus.yamlfile import _all_printable, _printable

    differ = [hex(c) for c in range(0x110000) if _printable(chr(c)) != _all_printable(chr(c))]
    assert not differ
    assert not _all_printable("a\u2028b") and _all_printable("Résolution 71 – “Busan”")


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("mask", [0o022, 0o002])
def test_a_new_file_gets_the_mode_open_gives_under_the_umask(tmp_path, mask):
    from finalacts.corpus.disk import write_atomic

    with umask(mask):
        write_atomic(tmp_path / "new.yaml", "body: PP\n")
        (tmp_path / "opened.yaml").write_text("body: PP\n", encoding="utf-8")
    mode = stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "opened.yaml").stat().st_mode) == 0o666 & ~mask, oct(mode)


@pytest.mark.parametrize("mask", [0o022, 0o002])
def test_an_existing_file_keeps_its_mode(tmp_path, mask):
    from finalacts.corpus.disk import write_atomic

    target = tmp_path / "140.yaml"
    target.write_text("body: PP\n", encoding="utf-8")
    target.chmod(0o640)
    with umask(mask):
        write_atomic(target, "body: WTDC\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "body: WTDC\n"


def test_fmt_leaves_bytes_it_laid_out_before_alone_and_never_a_changed_file(tmp_path, monkeypatch, run_cli):
    """fmt records in the check cache the bytes it finds (or writes) in the canonical layout, and
    leaves exactly those alone next time without formatting them; any other bytes are formatted,
    and what fmt says and writes is what it says and writes without the cache."""
    import shutil

    from finalacts.workflows import fmt as formatter

    monkeypatch.delenv("FINALACTS_NO_CACHE", raising=False)
    shutil.copytree(REPO / "resolutions", tmp_path / "resolutions")
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "resolutions/pp/140.yaml"
    tidy = target.read_text(encoding="utf-8")
    untidy = tidy.replace("title: ", "title:   ", 1)
    formatted: list[str] = []
    real = formatter.format_text
    monkeypatch.setattr(formatter, "format_text", lambda text, path, *a: formatted.append(path) or real(text, path, *a))

    def fmt(*args):
        formatted.clear()
        return run_cli("fmt", *args, "resolutions/pp/140.yaml")

    target.write_text(untidy, encoding="utf-8")
    first = fmt()
    assert first[0] == 1 and "1 file reformatted" in first[1] and target.read_text(encoding="utf-8") == tidy
    assert len(formatted) == 2  # formatted, then what it wrote formatted again: unchanged, recorded
    assert fmt() == (0, "0 files reformatted, 1 unchanged\n", "") and formatted == []
    assert fmt("--check")[0] == 0 and formatted == []
    target.write_text(untidy, encoding="utf-8")  # other bytes: formatted, as without the cache
    checked = fmt("--check")
    assert checked[0] == 1 and "1 file would reformat, 0 unchanged" in checked[1]
    assert formatted and target.read_text(encoding="utf-8") == untidy
    cached = fmt()
    monkeypatch.setenv("FINALACTS_NO_CACHE", "1")
    target.write_text(untidy, encoding="utf-8")
    assert fmt() == cached and target.read_text(encoding="utf-8") == tidy


def test_fmt_in_workers_says_writes_and_records_what_it_does_in_one_process(tmp_path, monkeypatch, run_cli):
    """A corpus is formatted by forked workers: the same report, exit code and files as one file
    after another, an unreadable file reported in its place, and what the workers found or wrote
    in the canonical layout recorded, so that the next run formats nothing."""
    import shutil

    from finalacts.workflows import canonical

    monkeypatch.delenv("FINALACTS_NO_CACHE", raising=False)
    runs = {}
    for jobs in ("1", "2"):
        root = tmp_path / jobs
        shutil.copytree(REPO / "resolutions", root / "resolutions")
        files = sorted((root / "resolutions").rglob("*.yaml"))
        assert len(files) >= 16  # enough for workers
        for f in files[::5]:
            f.write_text(f.read_text(encoding="utf-8").replace("title: ", "title:   ", 1), encoding="utf-8")
        files[3].write_text("body: [unclosed\n", encoding="utf-8")
        monkeypatch.chdir(root)
        checked = run_cli("fmt", "--check", "--jobs", jobs)
        written = run_cli("fmt", "--jobs", jobs)
        cache = canonical.cache_for(root)
        todo, known = canonical.sort_out([], root, cache)
        runs[jobs] = (checked, written, {f.name: f.read_bytes() for f in files}, [p.name for p in todo], known)
    assert runs["1"] == runs["2"]
    (code, out, err), (wcode, wout, _), _, todo, known = runs["2"]
    assert code == wcode == 2 and "would reformat" in out and "reformatted" in wout
    assert "input-syntax" in err and "1 unreadable" in out
    assert todo == [files[3].name] and known == len(files) - 1  # all but the unreadable one recorded
