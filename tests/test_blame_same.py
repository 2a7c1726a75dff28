"""blame's fast paths change no byte of what it prints.

The fast paths: a section or annex whose data is unchanged is the very object of the previous
version and keeps its credit without being looked into; every version's data and every
paragraph's word diff are kept in the cache by blob id and by text; all blobs are read in one git
process; only the version shown is parsed with its positions. The files under
tests/fixtures/blame/ were written by the replay before any of these existed (every version
parsed, validated and aligned in full), on the history `build` makes: fixed dates, so the same
commits on every run. Each is compared byte for byte with what blame prints now, from a cold
cache and from a warm one.

  python tests/test_blame_same.py DIR    # rebuilds the history in DIR and rewrites the fixtures
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gitcorpus import IDENTITY, cli_ok, commit, edit, isolate  # noqa: E402
from test_blame import DAY, build_lineage  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "blame"
WHEN = "2026-01-05T10:00:00+00:00"

# (text, ref, extra options) blamed; each in the three formats
CASES = [
    ("pp/140", "HEAD", ()),            # renumbered, moved, MOD in two editions, merges, no-proposal edit
    ("pp/140", "PP-18", ()),
    ("pp/140", "HEAD", ("--item", "resolves 2")),
    ("pp/201", "HEAD", ()),            # ADD as a draft (ARB-1), numbered 201 before the edition
    ("pp/11", "HEAD", ()),             # MOD at PP-26, in a commit that also suppresses Res 185 (SUP)
    ("pp/185", "PP-22", ()),           # the suppressed text, as it stood
    ("pp/71", "HEAD", ()),
]
FORMATS = ("text", "json", "html")


def build(root: Path) -> None:
    """build_lineage (pp/140 through PP-18 and PP-22), then a PP-26 cycle: ARB/77A1 adds a text
    (a draft, edited, numbered), modifies pp/11 and suppresses pp/185, a broken commit of pp/11
    between two good ones, and the edition tag."""
    repo = build_lineage(root)
    cli_ok(root, "proposal", "new", "ARB/77A1", "--conference", "PP-26", "--base", "PP-22",
           "--submitter", "Arab States", "--date", DAY)
    cli_ok(root, "proposal", "add", "ADD", "pp", "--placeholder", "ARB-1", "--reasons", "A new field.")
    edit(root, "resolutions/pp/ARB-1.yaml", "Title of the new resolution", "Digital public goods")
    commit(repo, "New resolution on digital public goods\n\nProposal: ARB/77A1/1")
    cli_ok(root, "proposal", "add", "MOD", "pp/11", "--reasons", "Open events.")
    edit(root, "resolutions/pp/11.yaml", "in an open manner", "in an open manner,\n          with remote participation")
    commit(repo, "Remote participation\n\nProposal: ARB/77A1/2")
    p = root / "resolutions/pp/11.yaml"
    good = p.read_text(encoding="utf-8")
    p.write_text(good.replace("sections:", "sections: [unclosed", 1), encoding="utf-8")
    commit(repo, "A broken intermediate version")
    p.write_text(good.replace("remote participation", "remote and hybrid participation"), encoding="utf-8")
    commit(repo, "Hybrid participation\n\nProposal: ARB/77A1/2")
    cli_ok(root, "proposal", "add", "SUP", "pp/185", "--reasons", "Its work is done.")
    commit(repo, "Suppress Res 185\n\nProposal: ARB/77A1/3")
    repo.git.switch("main")
    repo.git.merge("--no-ff", "-q", "-m", "Merge ARB/77A1 into the PP-26 edition", "proposals/pp-26/ARB-77A1")
    cli_ok(root, "edition", "number", "PP-26")
    commit(repo, "Number the PP-26 drafts")
    repo.git.tag("-a", "PP-26", "-m", "Final Acts (Doha, 2026)")


def name(text: str, ref: str, extra: tuple, fmt: str) -> str:
    tail = "-item" if extra else ""
    return f"{text.replace('/', '_')}@{ref}{tail}.{fmt}"


def outputs(root: Path) -> dict[str, str]:
    """What `finalacts blame` prints (stdout, then stderr and the exit code) for every case."""
    out = {}
    for text, ref, extra in CASES:
        for fmt in FORMATS:
            r = subprocess.run([sys.executable, "-m", "finalacts", "blame", text, "--at", ref, "-f", fmt, *extra],
                               cwd=root, capture_output=True, text=True, env=dict(os.environ))
            out[name(text, ref, extra, fmt)] = f"{r.stdout}\n--- stderr\n{r.stderr}--- exit {r.returncode}\n"
    return out


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    base = tmp_path_factory.mktemp("same")
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, base)
        mp.setenv("GIT_AUTHOR_DATE", WHEN)
        mp.setenv("GIT_COMMITTER_DATE", WHEN)
        mp.chdir(base)
        build(base / "corpus")
        yield base / "corpus", mp


def test_the_history_is_the_one_the_fixtures_were_written_on(history):
    root, _ = history
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
    assert head.stdout.strip() == (FIXTURES / "HEAD").read_text(encoding="utf-8").strip()


def test_blame_prints_what_the_full_replay_printed(history):
    root, _ = history
    cache = root / ".finalacts-cache"
    shutil.rmtree(cache, ignore_errors=True)
    cold = outputs(root)
    assert (cache / "blame.sqlite3").exists()  # versions' data and word diffs, kept
    warm = outputs(root)
    for key, want in sorted(_fixtures().items()):
        assert cold[key] == want, key
        assert warm[key] == want, key
    assert set(cold) == set(_fixtures())


def test_the_fixtures_hold_what_the_cases_are_about():
    """So that comparing with them can fail: every one attributes to several commits."""
    f = _fixtures()
    assert "ARB/77A1/1" in f["pp_201@HEAD.text"] and "ARB/77A1/2" in f["pp_11@HEAD.text"]
    assert "A broken intermediate version" not in f["pp_11@HEAD.text"]  # its version does not load
    for p in ("ACP/64A1/1", "EUR/16A1/1", "ARB/50A1/1", "no proposal"):
        assert p in f["pp_140@HEAD.text"], p
    assert "ARB/50A1/1" not in f["pp_140@PP-18.text"]
    assert all(v.endswith("--- exit 0\n") for v in f.values())


def _fixtures() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in FIXTURES.iterdir() if p.name != "HEAD"}


if __name__ == "__main__":
    dest = Path(sys.argv[1])
    env = {**IDENTITY, "GIT_AUTHOR_DATE": WHEN, "GIT_COMMITTER_DATE": WHEN,
           "HOME": str(dest / "home"), "GIT_CONFIG_GLOBAL": str(dest / "home" / ".gitconfig")}
    (dest / "home").mkdir(parents=True)
    os.environ.update(env)
    os.chdir(dest)
    build(dest / "corpus")
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for key, text in outputs(dest / "corpus").items():
        (FIXTURES / key).write_text(text, encoding="utf-8")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=dest / "corpus", capture_output=True, text=True)
    (FIXTURES / "HEAD").write_text(head.stdout, encoding="utf-8")
