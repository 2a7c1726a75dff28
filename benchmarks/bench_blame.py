"""Benchmark (not a test): `finalacts blame` against plain `git blame --porcelain`, same file, same run.

  python benchmarks/bench_blame.py [--commits 300] [--corpus 5000] [--repeat 3]
  python benchmarks/bench_blame.py --tiny          # a few seconds; what CI may run at most

Builds two histories in a tmp dir with `git fast-import`:
  (1) one resolution (Resolution 140's size) revised by --commits commits, each a proposal
      commit with a `Proposal:` trailer, some inserting words, some adding an item (renumbering
      the rest), merged back to main now and then;
  (2) a corpus history of --corpus commits over 200 resolutions, in which the same resolution
      is touched by --commits of them.
For each it times our blame of the whole text in-process (median of --repeat; peak Python heap by
tracemalloc, peak resident set by getrusage) and `git blame --porcelain` of the same file as a
process, and prints the ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE / "tests"))

from finalacts.corpus.model import Item, walk_items  # noqa: E402
from finalacts.provenance import blame as blamemod  # noqa: E402
from redline_fixtures import base_140, yaml_text  # noqa: E402

WORDS = ("digital", "inclusive", "sustainable", "regional", "annual", "transparent", "open", "effective",
         "coordinated", "all", "relevant", "further", "appropriate", "timely")
PATH = "resolutions/pp/140.yaml"


def _data(s: str) -> str:
    b = s.encode("utf-8")
    return f"data {len(b)}\n{s}\n"


class Stream:
    """A `git fast-import` stream written as we go."""

    def __init__(self):
        self.parts: list[str] = []
        self.mark = 0
        self.t = 1_400_000_000

    def commit(self, branch: str, message: str, files: dict[str, str], parents: list[int],
               author: str = "Editor <editor@example.org>") -> int:
        self.mark += 1
        self.t += 3600
        p = [f"commit refs/heads/{branch}\n", f"mark :{self.mark}\n",
             f"author {author} {self.t} +0000\n", f"committer {author} {self.t} +0000\n", _data(message)]
        if parents:
            p.append(f"from :{parents[0]}\n")
            p.extend(f"merge :{x}\n" for x in parents[1:])
        for path, text in files.items():
            p.append(f"M 100644 inline {path}\n{_data(text)}")
        self.parts.append("".join(p))
        return self.mark

    def load(self, root: Path) -> None:
        subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
        subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input="".join(self.parts).encode(), check=True)
        subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)


def _evolve(res, rng: random.Random) -> None:
    """One proposal's edit: a few words inserted into one item, or now and then a new item."""
    sections = [s for s in res.sections if s.items]
    sec = rng.choice(sections)
    if rng.random() < 0.1:
        at = rng.randrange(len(sec.items) + 1)
        sec.items.insert(at, Item(num="x", text=f"to take {rng.choice(WORDS)} measures."))
        for k, it in enumerate(sec.items):
            if it.num and it.num[0].isdigit():
                it.num = str(k + 1)
        return
    items = [it for it, _ in walk_items(sec.items) if it.text]
    it = rng.choice(items)
    words = it.text.split(" ")
    words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
    it.text = " ".join(words)


def build(root: Path, commits: int, corpus: int, seed: int = 1) -> None:
    """The history described in the module docstring: `corpus` commits, `commits` of them on pp/140."""
    rng = random.Random(seed)
    res = base_140()
    s = Stream()
    others = {f"resolutions/pp/{n}.yaml": f"body: PP\nnumber: {n}\ntitle: Text {n}\nadopted: [PP-14]\n"
              f"sections:\n  - heading: resolves\n    items:\n      - num: \"1\"\n        text: to act {n}.\n"
              for n in range(1, 202) if n != 140}
    numbers = sorted(int(Path(p).stem) for p in others)
    head = s.commit("main", "PP-14 edition", {PATH: yaml_text(res), **others}, [])
    total = max(corpus, commits)
    on_140 = set(rng.sample(range(1, total), min(commits, total - 1)))
    branch_tip = None
    for k in range(1, total):
        if k in on_140:
            _evolve(res, rng)
            pid = f"ACP/{k}A1/1"
            msg = f"Proposal {k}\n\nProposal: {pid}\n"
            if k % 10 == 0:
                # Now and then the edit arrives from a proposal branch, merged without fast-forward.
                branch_tip = s.commit(f"proposals/pp-18/p{k}", msg, {PATH: yaml_text(res)}, [head])
                head = s.commit("main", f"Merge proposal {k}", {PATH: yaml_text(res)}, [head, branch_tip])
            else:
                head = s.commit("main", msg, {PATH: yaml_text(res)}, [head])
        else:
            n = rng.choice(numbers)
            rel = f"resolutions/pp/{n}.yaml"
            others[rel] = others[rel].replace(".\n", f" {rng.choice(WORDS)}.\n", 1)
            head = s.commit("main", f"Edit {n}", {rel: others[rel]}, [head], author="Other <o@example.org>")
    s.load(root)


def _ours(root: Path, repeat: int) -> tuple[float, float, float, int]:
    """(first run, median of the next `repeat` runs, peak Python heap MiB of one more run, versions)."""
    from finalacts import git

    def once(trace: bool = False) -> tuple[float, int]:
        repo = git.open_repo(root)  # a fresh repository object each time: no warm cat-file process
        t = time.perf_counter()
        out = blamemod.attributed(repo, "HEAD", "pp/140")
        dt = time.perf_counter() - t
        return dt, out[3]

    first, versions = once()  # pays for imports, the registry and the compiled schema once
    times = [once()[0] for _ in range(repeat)]
    tracemalloc.start()
    once()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return first, statistics.median(times), peak / 2**20, versions


def _git_blame(root: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(["git", "blame", "--porcelain", "HEAD", "--", PATH], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--commits", type=int, default=300)
    ap.add_argument("--corpus", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tiny", action="store_true", help="20 commits, a 200-commit corpus, one run")
    a = ap.parse_args()
    if a.tiny:
        a.commits, a.corpus, a.repeat = 20, 200, 1
    os.environ.setdefault("GIT_CONFIG_NOSYSTEM", "1")
    print(f"finalacts blame vs git blame --porcelain; {PATH}, median of {a.repeat}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, commits, corpus in (("one resolution", a.commits, a.commits),
                                      ("corpus history", a.commits, a.corpus)):
            root = Path(tmp) / name.replace(" ", "-")
            t = time.perf_counter()
            build(root, commits, corpus)
            built = time.perf_counter() - t
            n = int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True,
                                   text=True, check=True).stdout)
            first, ours, heap, versions = _ours(root, a.repeat)
            theirs = _git_blame(root, a.repeat)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            lines = len((root / PATH).read_text().splitlines())
            print(f"{name}: {n} commits, {versions} versions of a {lines}-line file (built in {built:.1f}s)")
            print(f"  finalacts blame  {ours * 1000:8.0f} ms   (first run in this process {first * 1000:.0f} ms)   "
                  f"peak heap {heap:6.1f} MiB   process peak RSS so far {rss:6.1f} MiB")
            print(f"  git blame        {theirs * 1000:8.0f} ms")
            print(f"  ratio            {ours / theirs:8.1f}x")


if __name__ == "__main__":
    main()
