"""Per-corpus configuration ([tool.finalacts] in pyproject.toml), narrow `ignore:` suppression, --strict."""

from __future__ import annotations

import json

import pytest

from finalacts.checks.config import parse_config
from finalacts.corpus.findings import UsageError
from rulecase import items, write


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resolutions").mkdir()
    return tmp_path


def sloppy(corpus, **kw):
    """A file with one warning (word-doubled) and one error (numbering-duplicate)."""
    return write(corpus, [
        {"heading": "recalling", "items": items(("a)", "the the outcomes;"), ("a)", "the results,"))},
        {"heading": "resolves", "items": items(("1", "that ITU acts."))},
    ], **kw)


def rules(run_cli, *args):
    code, out, _ = run_cli("check", "-f", "json", *args)
    return code, sorted(f["rule"] for f in json.loads(out)["findings"])


def test_defaults_without_config(corpus, run_cli):
    sloppy(corpus)
    assert rules(run_cli) == (1, ["numbering-duplicate", "word-doubled"])


def test_disable_and_severity(corpus, run_cli):
    sloppy(corpus)
    (corpus / "pyproject.toml").write_text(
        '[project]\nname = "corpus"\n\n[tool.finalacts]\ndisable = ["numbering-duplicate"]\n\n'
        '[tool.finalacts.severity]\nword-doubled = "error"\n', encoding="utf-8")
    code, out, _ = run_cli("check", "-f", "json")
    found = json.loads(out)["findings"]
    assert [(f["rule"], f["severity"]) for f in found] == [("word-doubled", "error")]
    assert code == 1


def test_off_and_warning_only_passes_unless_strict(corpus, run_cli):
    sloppy(corpus)
    (corpus / "pyproject.toml").write_text(
        '[tool.finalacts.severity]\nnumbering-duplicate = "off"\n', encoding="utf-8")
    assert rules(run_cli) == (0, ["word-doubled"])
    assert rules(run_cli, "--strict") == (1, ["word-doubled"])


@pytest.mark.parametrize("toml, message", [
    ('[tool.finalacts]\ndisable = ["no-such-rule"]\n',
     "pyproject.toml:2: [tool.finalacts] disable: unknown rule 'no-such-rule'"),
    ('[tool.finalacts]\ndisabled = []\n', "pyproject.toml:2: [tool.finalacts] unknown setting 'disabled'"),
    ('[tool.finalacts.severity]\nword-doubled = "fatal"\n',
     "pyproject.toml:2: [tool.finalacts] severity of 'word-doubled' is 'fatal'"),
    ('[tool.finalacts]\ndisable = ["input-syntax"]\n', "'input-syntax' means the file could not be read"),
    ('[tool.finalacts\n', "pyproject.toml: invalid TOML"),
])
def test_bad_config_is_a_usage_error(corpus, run_cli, toml, message):
    sloppy(corpus)
    (corpus / "pyproject.toml").write_text(toml, encoding="utf-8")
    code, out, err = run_cli("check")
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_parse_config_directly():
    cfg = parse_config('[tool.finalacts]\ndisable = ["space-extra"]\n', "p.toml")
    assert cfg.disable == {"space-extra"}
    with pytest.raises(UsageError):
        parse_config('[tool.finalacts]\ndisable = "space-extra"\n', "p.toml")


def test_item_ignore_silences_only_that_item(corpus, run_cli):
    secs = [{"heading": "recalling", "items": items(("a)", "the the outcomes;"), ("b)", "and and results,"))},
            {"heading": "resolves", "items": items(("1", "that that is so;"), ("2", "to to act."))}]
    secs[0]["items"][0]["ignore"] = ["word-doubled"]
    write(corpus, secs)
    code, out, _ = run_cli("check", "-f", "json")
    found = json.loads(out)["findings"]
    # a) is silenced; b) and resolves 2 are not ("that that" is English).
    assert [(f["rule"], f["message"]) for f in found] == [("word-doubled", "word repeated: 'and and'"),
                                                         ("word-doubled", "word repeated: 'to to'")]


def test_section_ignore_covers_its_items_not_the_next_section(corpus, run_cli):
    secs = [{"heading": "recalling", "ignore": ["word-doubled"],
             "items": items(("a)", "the the outcomes;"), ("b)", "and and results,"))},
            {"heading": "resolves", "items": items(("1", "to to act."))}]
    write(corpus, secs)
    code, out, _ = run_cli("check", "-f", "json")
    assert [f["message"] for f in json.loads(out)["findings"]] == ["word repeated: 'to to'"]


def test_file_ignore_still_covers_everything(corpus, run_cli):
    sloppy(corpus, ignore=["word-doubled", "numbering-duplicate"])
    assert rules(run_cli) == (0, [])


def test_annex_block_ignore(corpus, run_cli):
    write(corpus, [{"heading": "resolves", "items": items(("1", "to apply Annex 1 to this resolution."))}],
          annexes=[{"heading": "Elements for evaluation", "blocks": [
              {"text": "first paragraph;; kept as adopted", "ignore": ["punctuation-doubled"]},
              {"text": "second paragraph;; reported"}]}])
    code, out, _ = run_cli("check", "-f", "json")
    found = json.loads(out)["findings"]
    assert [(f["rule"], f["message"]) for f in found] == [("punctuation-doubled", "doubled punctuation ';;'")]
    assert found[0]["line"] == (corpus / "resolutions/pp/140.yaml").read_text().split("\n").index(
        "      - text: second paragraph;; reported") + 1
