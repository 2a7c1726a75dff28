"""The commands the pre-commit hooks run with no option (`finalacts check FILE…`, `fmt FILE…`,
`hook commit-msg FILE`), and `blame TEXT`, start without typer; each must say and exit exactly
what the command parsed by typer says and exits."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import finalacts.cli as cli
from finalacts.cli import plain
from finalacts.cli.check import check, fmt
from finalacts.cli.proposals import hook_commit_msg
from finalacts.cli.provenance import blame
from gitcorpus import _built, corpus, edit  # noqa: F401

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


def _both(run_cli, monkeypatch, args, command=("check",)):
    fast = run_cli(*command, *args)
    with monkeypatch.context() as m:
        m.setattr(cli, "_plain", lambda argv: None)  # what typer makes of the same command line
        parsed = run_cli(*command, *args)
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


FMT_CASES = [["resolutions/pp/140.yaml"], ["resolutions/pp/1001.yaml", "resolutions/pp/broken.yaml"],
             ["resolutions/pp/missing.yaml"]]


@pytest.mark.parametrize("args", FMT_CASES, ids=lambda a: " ".join(a))
def test_a_plain_fmt_says_and_exits_what_the_parsed_command_does(planted, run_cli, monkeypatch, args):
    untidy = (planted / "resolutions/pp/1001.yaml").read_text(encoding="utf-8").replace("title: ", "title:   ", 1)
    for _ in range(2):
        (planted / "resolutions/pp/1001.yaml").write_text(untidy, encoding="utf-8")
        fast = run_cli("fmt", *args)
        after = {p.name: p.read_bytes() for p in (planted / "resolutions/pp").iterdir()}
        (planted / "resolutions/pp/1001.yaml").write_text(untidy, encoding="utf-8")
        with monkeypatch.context() as m:
            m.setattr(cli, "_plain", lambda argv: None)
            parsed = run_cli("fmt", *args)
        assert fast == parsed
        assert after == {p.name: p.read_bytes() for p in (planted / "resolutions/pp").iterdir()}


def test_a_plain_commit_msg_hook_says_and_exits_what_the_parsed_command_does(corpus, tmp_path, run_cli, monkeypatch):
    """On a proposal branch with a staged text (gitcorpus), for each kind of message."""
    import git

    edit(corpus, "resolutions/pp/11.yaml", "transparent", "transparent and inclusive")
    git.Repo(corpus).git.add("resolutions/pp/11.yaml")
    monkeypatch.chdir(corpus)
    codes = set()
    for text in ("Edit 11\n", "Edit 11\n\nProposal: ACP/64A1/7\n", "Edit 11\n\nProposal: ACP/64A1/3\n", None):
        message = tmp_path / "COMMIT_EDITMSG"
        message.unlink(missing_ok=True)
        if text is not None:  # none: the file cannot be read, a usage error
            message.write_text(text, encoding="utf-8")
        fast, parsed = _both(run_cli, monkeypatch, [str(message)], ("hook", "commit-msg"))
        assert fast == parsed, text
        codes.add(fast[0])
    assert codes == {0, 1, 2}


def test_a_plain_blame_says_and_exits_what_the_parsed_command_does(corpus, run_cli, monkeypatch):
    """On the built history (gitcorpus): a text with proposals on it, and a text that is not there."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    fast, parsed = _both(run_cli, monkeypatch, ["pp/11"], ("blame",))
    assert fast == parsed and fast[0] == 0 and "resolutions/pp/11.yaml" in fast[1]
    fast, parsed = _both(run_cli, monkeypatch, ["pp/9999"], ("blame",))
    assert fast == parsed and fast[0] == 2 and "unknown text pp/9999" in fast[2]


def test_any_option_goes_through_typer():
    for argv in (["check", "--strict", "a.yaml"], ["check", "a.yaml", "-f", "json"], ["check", "--help"],
                 ["fmt", "--check", "a.yaml"], ["--version"], [], ["check", "--", "a.yaml"], ["render", "a.yaml"],
                 ["hook", "commit-msg"], ["hook", "commit-msg", "a", "b"], ["hook", "commit-msg", "--help"],
                 ["blame"], ["blame", "pp/1", "pp/2"], ["blame", "--at", "PP-14", "pp/1"],
                 ["blame", "pp/1", "-f", "json"]):
        assert cli._plain(argv) is None, argv
    for argv in (["check", "a.yaml"], ["check"], ["fmt", "a.yaml"], ["hook", "commit-msg", "MSG"],
                 ["blame", "pp/1"]):
        assert cli._plain(argv) is not None, argv


@pytest.mark.parametrize("command,function", [(check, plain.check), (fmt, plain.fmt),
                                              (hook_commit_msg, plain.commit_msg), (blame, plain.blame)])
def test_the_plain_commands_run_with_the_options_defaults(command, function):
    """The plain functions' defaults are those the commands' options declare."""
    declared = {name: p.default.default for name, p in inspect.signature(command).parameters.items()}
    defaults = {name: p.default for name, p in inspect.signature(function).parameters.items()}
    assert declared.keys() == defaults.keys()
    assert {k: v for k, v in declared.items() if v is not ...} == {k: v for k, v in defaults.items()
                                                                  if v is not inspect.Parameter.empty}


def test_a_plain_check_does_not_import_typer(planted):
    code = ("import sys\nfrom finalacts.cli import main\nrc = main(['check', 'resolutions/pp/140.yaml'])\n"
            "print(rc, 'typer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=planted, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "0 False"


def test_a_plain_blame_does_not_import_typer(corpus):
    code = ("import sys\nfrom finalacts.cli import main\nrc = main(['blame', 'pp/11'])\n"
            "print(rc, 'typer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=corpus, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "0 False"


# What the commit-msg hook off a proposal branch, and `fmt FILE`, must not import: the check's
# cache and results, the YAML loader and model (commit-msg), the signing keys and members.yaml,
# and --renumber's reference rewriting; nor the check of a changed file in a corpus with no
# pyproject.toml: hashlib (OpenSSL, for digests Python's own BLAKE2b makes) or a TOML parser.
_MODULES = ("'finalacts.checks.results', 'finalacts.checks.cache', 'finalacts.corpus.yamlfile', "
            "'finalacts.corpus.model', 'finalacts.git.signing', 'finalacts.corpus.members', "
            "'finalacts.workflows.renumber', 'ruamel', 'typer', 'hashlib', 'tomllib'")


def _imported(cwd, *argv: str) -> tuple[int, list[str]]:
    code = ("import sys\nfrom finalacts.cli import main\n"
            f"rc = main({list(argv)!r})\n"
            f"print(rc, sorted(m for m in ({_MODULES}) if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    rc, names = out.stdout.splitlines()[-1].split(" ", 1)
    return int(rc), eval(names)  # noqa: S307 - our own print of a list of names


def test_the_commit_msg_hook_off_a_proposal_branch_reads_no_yaml(tmp_path):
    subprocess.run(["git", "init", "-q", "-b", "main", str(tmp_path)], check=True)
    (tmp_path / "MSG").write_text("Revise one text\n", encoding="utf-8")
    assert _imported(tmp_path, "hook", "commit-msg", "MSG") == (0, [])


def test_a_plain_fmt_of_a_file_it_laid_out_before_loads_no_yaml(planted):
    """The first fmt reads the file (and records its bytes as laid out, in the check cache); the
    next leaves those same bytes alone without the YAML loader. Neither imports the check's results
    or --renumber's rewriting."""
    rc, names = _imported(planted, "fmt", "resolutions/pp/140.yaml")
    assert rc == 0 and names == ["finalacts.checks.cache", "finalacts.corpus.model", "finalacts.corpus.yamlfile",
                                 "ruamel"]
    rc, names = _imported(planted, "fmt", "resolutions/pp/140.yaml")
    assert rc == 0 and names == ["finalacts.checks.cache"]


def test_a_plain_check_of_a_changed_file_loads_neither_openssl_nor_a_toml_parser(planted):
    target = planted / "resolutions/pp/140.yaml"
    _imported(planted, "check", "resolutions/pp/140.yaml")
    target.write_text(target.read_text(encoding="utf-8").replace("ITU's role", "The role of ITU", 1), encoding="utf-8")
    rc, names = _imported(planted, "check", "resolutions/pp/140.yaml")
    assert rc in (0, 1) and "hashlib" not in names and "tomllib" not in names
    assert "finalacts.corpus.yamlfile" in names  # the file was read and checked


def test_digests_are_hashlib_s_blake2b():
    import hashlib

    from finalacts.checks.cache import digest
    from finalacts.corpus import schemas

    h = hashlib.blake2b(digest_size=20)
    for part in (b"body: PP\n", b""):
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    assert digest("body: PP\n", b"") == h.hexdigest()
    assert schemas._blake2b is hashlib.blake2b
