"""Every message that quotes a file's words, keys, labels or name escapes what could forge output:
a newline cannot add a finding line or a workflow command, ESC cannot reach the terminal, and JSON
and SARIF stay exact and valid."""

from __future__ import annotations

import json
import re

from finalacts.checks import reporters
from finalacts.corpus.findings import Finding

NASTY = "a\nresolutions/pp/1.yaml:1:1: error forged-rule forged\r::error::forged\x1b[2J\x85\u2028\u202e\x9b"
LINE = re.compile(r"^\S.*:\d+:\d+: (error|warning|info) [a-z-]+ .*$")


def test_every_format_keeps_one_finding_a_line():
    f = Finding("resolutions/pp/" + NASTY + ".yaml", 3, 4, "text-control-char", "error", NASTY, NASTY)
    human = reporters.human([f], 1).split("\n")
    assert len(human) == 2 and LINE.match(human[0]) and human[1].startswith("1 file checked")
    assert len(human[0].splitlines()) == 1 and "\x1b" not in human[0]
    assert "\\n" in human[0] and "\\x1b[2J" in human[0] and "\\u202e" in human[0]
    gh = reporters.github([f], 1)
    assert len(gh.splitlines()) == 1 and gh.startswith("::error file=") and "\x1b" not in gh
    for fmt in ("json", "sarif"):
        text = reporters.render(fmt, [f], 1)
        assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", text.replace("\n", ""))
        data = json.loads(text)
        msg = data["findings"][0]["message"] if fmt == "json" else data["runs"][0]["results"][0]["message"]["text"]
        assert msg.startswith(NASTY)  # the data itself is exact
        if fmt == "sarif":  # a file name is a URI there: percent-encoded, no line break
            uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert uri.startswith("resolutions/pp/a%0Aresolutions/pp/1.yaml%3A1%3A1%3A%20error") and "\n" not in uri


def test_a_newline_in_a_key_or_label_cannot_forge_a_finding(corpus_copy, run_cli):
    pp = corpus_copy / "resolutions" / "pp"
    text = (pp / "11.yaml").read_text(encoding="utf-8")
    (pp / "11.yaml").write_text(text.replace(
        "num: a)", 'num: "a)\\nresolutions/pp/11.yaml:1:1: error forged-rule all is well"', 1), encoding="utf-8")
    text = (pp / "140.yaml").read_text(encoding="utf-8")
    (pp / "140.yaml").write_text(text.replace("sections:", '"x\\n::error::forged-key": 1\nsections:', 1),
                                 encoding="utf-8")
    for fmt in ("human", "github"):
        code, out, err = run_cli("check", "--no-cache", "--format", fmt)
        assert code == 1
        assert "forged-rule" in out and "forged-key" in out  # quoted, inside a real finding
        for line in out.splitlines():
            assert not line.startswith(("resolutions/pp/11.yaml:1:1: error forged", "::error::forged")), out


def test_command_lines_quote_what_they_print(corpus_copy, run_cli):
    pp = corpus_copy / "resolutions" / "pp"
    text = (pp / "11.yaml").read_text(encoding="utf-8")
    (pp / "11.yaml").unlink()
    (pp / "x\x1b[31m.yaml").write_text(text.replace("body: PP\n", "body:    PP\n", 1), "utf-8")
    code, out, err = run_cli("fmt", "--check")
    assert "\x1b" not in out + err and "x\\x1b[31m.yaml" in out + err
    code, out, err = run_cli("check", "--no-cache", "resolutions/pp/x\x1b[31m.yaml")
    assert "\x1b" not in out + err and "git mv 'resolutions/pp/x\\x1b[31m.yaml'" in out

