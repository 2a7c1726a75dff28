"""`check` refuses, where they are written, the characters every renderer refuses: a text that passes
`check` renders."""

from __future__ import annotations

import json

import pytest

from conftest import REPO
from finalacts.corpus import characters
from finalacts.corpus.files import parse
from finalacts.render import document

GOOD = (REPO / "resolutions" / "pp" / "140.yaml").read_text(encoding="utf-8")
LINES = GOOD.split("\n")


def test_check_and_the_renderers_refuse_the_same_characters():
    assert document.FORBIDDEN is characters.FORBIDDEN
    for c in range(0x110000):
        ch = chr(c)
        assert (characters.first_forbidden(f"a{ch}") == 1) == bool(characters.FORBIDDEN.search(ch))


@pytest.mark.parametrize("escape,code", [("\\a", "0007"), ("\\e", "001B"), ("\\x7f", "007F"), ("\\0", "0000"),
                                         ("\\uFFFE", "FFFE"), ("\\b", "0008")])
def test_an_escaped_control_character_is_an_error_at_its_place(corpus_copy, run_cli, escape, code):
    i = next(n for n, ln in enumerate(LINES) if ln.strip().startswith("text:") and n > 10)
    indent = LINES[i].index("text:")
    LINES_ = LINES[:i] + [" " * indent + f'text: "two words{escape} here"'] + LINES[i + 1:]
    (corpus_copy / "resolutions" / "pp" / "140.yaml").write_text("\n".join(LINES_), encoding="utf-8")
    code_, out, _ = run_cli("check", "--no-cache", "--format", "json", "resolutions/pp/140.yaml")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "text-control-char"]
    assert code_ == 1
    assert [(f["line"], f["col"]) for f in found] == [(i + 1, indent + len('text: "two words') + 1)]
    assert f"U+{code}" in found[0]["message"] and found[0]["severity"] == "error"


def test_footnotes_table_cells_and_manifests_are_read_too(corpus_copy, run_cli):
    text = GOOD.replace("footnotes:\n", 'footnotes:\n  "2": "a note\\e with an escape."\n', 1)
    assert text != GOOD
    text += ("annexes:\n  - heading: Annex\n    blocks:\n      - table:\n          - [a, \"b\\x01\"]\n")
    (corpus_copy / "resolutions" / "pp" / "140.yaml").write_text(text, encoding="utf-8")
    manifest = next((corpus_copy / "proposals").rglob("*.yaml"))
    m = manifest.read_text(encoding="utf-8")
    manifest.write_text(m.replace("submitter: ", 'submitter: "\\e[31m" #', 1), encoding="utf-8")
    code, out, _ = run_cli("check", "--no-cache", "--format", "json")
    found = {(f["path"], f["message"].split(" holds")[0]) for f in json.loads(out)["findings"]
             if f["rule"] == "text-control-char"}
    rel = manifest.relative_to(corpus_copy).as_posix()
    assert found == {("resolutions/pp/140.yaml", "footnote 2"), ("resolutions/pp/140.yaml", "table"),
                     (rel, "submitter")}, found
    assert code == 1


def test_a_text_without_escapes_is_not_walked():
    parsed = parse(GOOD.encode(), "resolutions/pp/140.yaml")
    from finalacts.checks.context import Context
    from finalacts.checks.rules import characters as rule
    from finalacts.corpus.registry import load_registry
    from finalacts.corpus.textpos import Source

    # A control character in the model but no backslash in the source: the source is what counts.
    parsed.model.title += "\x07"
    assert list(rule.check(parsed.model, Context(registry=load_registry(), source=Source(GOOD)))) == []
    assert [f.rule for f in rule.check(parsed.model, Context(registry=load_registry()))] == ["text-control-char"]
