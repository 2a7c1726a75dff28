"""`finalacts check FILE…` with no option (as the pre-commit hook runs it) starts without typer;
it must say and exit exactly what the command parsed by typer says and exits."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import finalacts.cli as cli
from finalacts.cli import checking
from finalacts.cli.check import check

CASES = [
    [],                                   # the whole corpus: findings planted below
    ["resolutions/pp/140.yaml"],          # clean
    ["resolutions/pp/1001.yaml"],         # findings
    ["resolutions/pp/broken.yaml"],       # unreadable: exit 2
    ["resolutions/pp/missing.yaml"],      # no such file
    ["resolutions/pp"],                   # a folder
    ["resolutions/pp/140.yaml", "resolutions/pp/1001.yaml"],
]


@pytest.fixture
def planted(corpus_copy, monkeypatch):
    monkeypatch.delenv("FINALACTS_NO_CACHE", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    text = (corpus_copy / "resolutions/pp/140.yaml").read_text(encoding="utf-8")
    (corpus_copy / "resolutions/pp/1001.yaml").write_text(
        text.replace("number: 140\n", "number: 1001\n").replace("num: b)", "num: a)", 1), encoding="utf-8")
    (corpus_copy / "resolutions/pp/broken.yaml").write_text("body: PP\nnumber: [\n", encoding="utf-8")
    return corpus_copy


def _both(run_cli, monkeypatch, args):
    fast = run_cli("check", *args)
    with monkeypatch.context() as m:
        m.setattr(cli, "_plain_check", lambda argv: None)  # what typer makes of the same command line
        parsed = run_cli("check", *args)
    return fast, parsed


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a) or "corpus")
def test_a_plain_check_says_and_exits_what_the_parsed_command_does(planted, run_cli, monkeypatch, args):
    for cached in (False, True):  # the first run fills the cache, the second reads it
        fast, parsed = _both(run_cli, monkeypatch, args)
        assert fast == parsed, cached
    assert fast[0] in (0, 1, 2) and (fast[1] or fast[2])


def test_a_plain_check_outside_a_corpus_is_the_same_usage_error(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fast, parsed = _both(run_cli, monkeypatch, [])
    assert fast == parsed and fast[0] == 2 and "finalacts:" in fast[2]


def test_any_option_goes_through_typer():
    for argv in (["check", "--strict", "a.yaml"], ["check", "a.yaml", "-f", "json"], ["check", "--help"],
                 ["fmt", "a.yaml"], ["--version"], [], ["check", "--", "a.yaml"]):
        assert cli._plain_check(argv) is None, argv
    assert cli._plain_check(["check", "a.yaml"]) is not None


def test_the_plain_check_runs_with_the_options_defaults():
    """checking.run's defaults are those the command's options declare."""
    declared = {name: p.default.default for name, p in inspect.signature(check).parameters.items()}
    defaults = {name: p.default for name, p in inspect.signature(checking.run).parameters.items()}
    assert declared.keys() == defaults.keys()
    assert declared == defaults


def test_a_plain_check_does_not_import_typer(planted):
    code = ("import sys\nfrom finalacts.cli import main\nrc = main(['check', 'resolutions/pp/140.yaml'])\n"
            "print(rc, 'typer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=planted, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "0 False"
