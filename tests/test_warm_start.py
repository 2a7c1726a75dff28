"""A check whose every result the cache holds (the pre-commit hook's usual `finalacts check FILE`,
a warm `finalacts check`) starts without what reading and checking files needs: no YAML loader,
schema gate, model, rule, registry or git (issue 22). Each is imported only once a file is to be
read or checked (checks/results.py makes the runner's Checker then), and the output is the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import FIXTURES

# What a fully cached run must not import: the modules that read files into the model and check
# them, and the slow third-party ones behind them.
NOT_WHEN_CACHED = (
    "ruamel", "_ruamel_yaml", "jsonschema", "fastjsonschema", "typer", "click", "git", "multiprocessing",
    "concurrent", "secrets", "importlib.resources",
    "finalacts.checks.runner", "finalacts.checks.rules", "finalacts.checks.index", "finalacts.checks.context",
    "finalacts.checks.suppress", "finalacts.corpus.files", "finalacts.corpus.yamlfile", "finalacts.corpus.model",
    "finalacts.corpus.schemas", "finalacts.corpus.gates", "finalacts.corpus.registry", "finalacts.corpus.members",
    "finalacts.corpus.translation", "finalacts.corpus.textpos", "finalacts.language", "finalacts.git",
    "finalacts.workflows",
)

# The console script's entry, then which of those it imported, as the last line of standard output.
RUN = f"""
import json, sys
from finalacts.cli import main
rc = main(sys.argv[1:])
names = sorted(m for m in sys.modules if any(m == n or m.startswith(n + ".") for n in {NOT_WHEN_CACHED!r}))
print(json.dumps([rc, names]))
"""


def _check(root, *args: str):
    """(exit code, output, errors, the modules of NOT_WHEN_CACHED imported) of `finalacts check ARGS`."""
    env = {k: v for k, v in os.environ.items() if k not in ("FINALACTS_NO_CACHE", "GITHUB_ACTIONS")}
    out = subprocess.run([sys.executable, "-c", RUN, "check", *args], cwd=root, env=env, capture_output=True,
                         text=True, check=False)
    *lines, last = out.stdout.splitlines()
    rc, names = json.loads(last)
    return rc, "\n".join(lines), out.stderr, names


@pytest.fixture
def languages_corpus(tmp_path):
    """A corpus with language versions: keying their results reads the English too."""
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "languages" / "corpus", root)
    return root


@pytest.mark.parametrize("args", [[], ["resolutions/pp/140.yaml"], ["resolutions/pp"]],
                         ids=["corpus", "one file", "a folder"])
def test_a_fully_cached_check_imports_nothing_that_reads_or_checks_files(corpus_copy, args):
    time.sleep(0.05)  # the copied files older than the first run, which trusts them then (racy-clean)
    cold = _check(corpus_copy, *args)
    assert "finalacts.checks.runner" in cold[3] and "ruamel" in cold[3]  # the first run checks the files
    warm = _check(corpus_copy, *args)
    assert warm[3] == [], warm[3]
    assert warm[:3] == cold[:3]


def test_with_language_versions_too(languages_corpus):
    assert (languages_corpus / "translations").is_dir()
    time.sleep(0.05)
    cold = _check(languages_corpus)
    assert "finalacts.checks.runner" in cold[3]
    warm = _check(languages_corpus)
    assert warm[3] == [], warm[3]
    assert warm[:3] == cold[:3]


def test_an_edited_file_is_read_and_checked_again(corpus_copy):
    time.sleep(0.05)
    _check(corpus_copy)
    _check(corpus_copy, "resolutions/pp/140.yaml")
    target = corpus_copy / "resolutions/pp/140.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("num: b)", "num: a)", 1), encoding="utf-8")
    rc, out, _, names = _check(corpus_copy, "resolutions/pp/140.yaml")
    assert "finalacts.checks.runner" in names and "numbering-duplicate" in out and rc == 1


def test_the_listing_is_in_the_order_of_corpus_files(tmp_path):
    """snapshot.scan, which a cached run lists the corpus with, lists what disk.corpus_files does,
    in the same order (of two files with one number, the index takes the later one)."""
    from finalacts.checks.snapshot import scan
    from finalacts.corpus.disk import corpus_files

    for rel in ("resolutions/pp/1.yaml", "resolutions/pp/10.yaml", "resolutions/pp/2.yaml",
                "resolutions/pp/a.yaml", "resolutions/pp/a/1.yaml", "resolutions/pp/a-b.yaml",
                "resolutions/pp/a/b/c.yaml", "resolutions/PP/2.yaml", "resolutions/pp/Z.yaml",
                "resolutions/pp/notes.txt", "proposals/pp-18/ACP-1.yaml", "translations/es/pp/1.yaml",
                "members.yaml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("body: PP\n", encoding="utf-8")
    os.symlink(tmp_path / "resolutions/pp/1.yaml", tmp_path / "resolutions/pp/link.yaml")
    os.symlink(tmp_path / "resolutions/pp/a", tmp_path / "resolutions/pp/a0")
    listed = [p for p, _ in scan(tmp_path)]
    assert listed == [str(p) for p in corpus_files(tmp_path)]
    assert len(listed) == 14


def _asks(root, *args: str) -> tuple[int, str, list[str]]:
    """(exit code, output, the cache queries that ask which keys it holds) of `finalacts check ARGS`."""
    code = ("import json, sys\nfrom finalacts.checks.cache import Cache\nasked = []\nreal = Cache.has_many\n"
            "Cache.has_many = lambda self, keys: asked.append(len(keys)) or real(self, keys)\n"
            "from finalacts.cli import main\nrc = main(sys.argv[1:])\nprint(json.dumps([rc, asked]))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("FINALACTS_NO_CACHE", "GITHUB_ACTIONS")}
    out = subprocess.run([sys.executable, "-c", code, "check", *args], cwd=root, env=env, capture_output=True,
                         text=True, check=False)
    *lines, last = out.stdout.splitlines()
    rc, asked = json.loads(last)
    return rc, "\n".join(lines), asked


def test_a_warm_run_after_a_whole_run_that_kept_everything_asks_for_no_key(corpus_copy):
    """A whole run that kept every file's results says so in the cache; the next whole run that
    finds every file as it was takes them as held without asking for each key, and says the same.
    A result gone from the cache since (another run pruned it) is checked again where it is read;
    a run that follows only a one-file run asks, and checks what the cache lacks."""
    import sqlite3

    time.sleep(0.05)
    cold = _asks(corpus_copy)
    assert cold[2]  # nothing known yet: asked
    warm = _asks(corpus_copy)
    assert warm[2] == [] and warm[:2] == cold[:2]
    db = sqlite3.connect(corpus_copy / ".finalacts-cache/cache.sqlite3")
    with db:
        gone = db.execute("DELETE FROM results WHERE rowid IN (SELECT rowid FROM results WHERE "
                          "errors + warnings + infos > 0 LIMIT 3)").rowcount
    db.close()
    assert gone == 3
    assert _asks(corpus_copy)[:2] == cold[:2]  # the three files checked again: the same findings
    shutil.rmtree(corpus_copy / ".finalacts-cache")
    _asks(corpus_copy, "resolutions/pp/140.yaml")  # a one-file run keeps one file's results only
    after_one = _asks(corpus_copy)
    assert after_one[2] and after_one[:2] == cold[:2]
    assert _asks(corpus_copy)[2] == []
    # findings as rows (JSON) read back the same way
    as_json = _asks(corpus_copy, "--format", "json")
    assert as_json[2] == [] and json.loads(as_json[1]) == json.loads(_run_without_cache(corpus_copy))


def _run_without_cache(root) -> str:
    env = {**os.environ, "FINALACTS_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "finalacts", "check", "--format", "json"], cwd=root, env=env,
                          capture_output=True, text=True, check=False).stdout


def test_a_warm_run_over_a_complete_cache_writes_nothing(corpus_copy):
    """Reading every result back, a whole run leaves the cache file as it was (no transaction)."""
    time.sleep(0.05)
    _asks(corpus_copy)
    _asks(corpus_copy)
    db = corpus_copy / ".finalacts-cache/cache.sqlite3"
    before = (db.stat().st_mtime_ns, db.read_bytes())
    assert _asks(corpus_copy)[2] == []
    assert (db.stat().st_mtime_ns, db.read_bytes()) == before
