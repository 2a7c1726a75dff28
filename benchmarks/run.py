"""The speed benchmark: finalacts against its peers, in one run, on the same files.

  python benchmarks/run.py [--sizes 500,5000] [--repeat 5] [--out benchmarks/RESULTS.md]

For each size it generates a corpus (gen_corpus.py), then times every row of `rows()` as a whole
process (median of --repeat runs) and records its peak memory (resident set, summed over the
process and its children while it runs, since `check` may fan out to worker processes). The peers
are the tools one would otherwise use on the same files: check-jsonschema with our schema,
yamllint, git blame, and the libyaml parse (PyYAML's CSafeLoader, timed in-process: the floor any
YAML tool pays). Each of ours is printed as a ratio to its peer and against the targets of the
speed issue. A peer that is not installed (`pip install -e '.[bench]'`) is reported as missing.
Results go to stdout and to a Markdown file with the machine's description.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

RENDER_PROPOSALS = 25
TIME = Path("/usr/bin/time")
LONG = 20.0  # seconds: a row whose run takes longer is timed once, not --repeat times


@dataclass
class Row:
    """One timed thing: a command run in `where` (or a function run in-process), and its peer."""

    name: str
    cmd: list[str] | Callable[[], None]
    where: str = "corpus"            # which folder of the Setup to run in
    peer: str | None = None          # the row it is compared with
    before: Callable[[], None] | None = None   # run before each timing, untimed


@dataclass
class Result:
    seconds: float | None = None
    mib: float | None = None
    note: str = ""
    runs: list[float] = field(default_factory=list)


# ----------------------------------------------------------------- the corpus and the repositories

class Setup:
    """The folders a size's rows run in: the corpus, a 300-commit history, a 25-proposal set."""

    def __init__(self, tmp: Path, n: int, seed: int, commits: int):
        self.corpus = tmp / "corpus"
        self.files = [str(p.relative_to(self.corpus)) for p in gen_corpus.generate(self.corpus, n, seed)]
        self.one = "resolutions/pp/1.yaml"
        self.mb = sum((self.corpus / f).stat().st_size for f in self.files) / 1e6
        self.blame = tmp / "blame"
        self.commits, self.blamed = commits, blame_repo(self.blame, commits, seed)
        self.render = tmp / "render"
        render_repo(self.render)

    def folder(self, where: str) -> Path:
        return getattr(self, where)

    def clear_cache(self) -> None:
        """Cold: no cache left from an earlier run (the cache lives at the corpus root)."""
        shutil.rmtree(self.corpus / ".finalacts-cache", ignore_errors=True)


def blame_repo(root: Path, commits: int, seed: int) -> str:
    """A history in which one text is revised by `commits` proposal commits; the text's path.
    bench_blame.py's history when it is there (the blame benchmark's own), else gen_corpus's."""
    try:
        import bench_blame
    except ImportError:
        gen_corpus.generate(root, 20, seed)
        gen_corpus.history(root, commits, seed)
        return "resolutions/pp/1.yaml"
    bench_blame.build(root, commits, commits, seed)
    return bench_blame.PATH


def render_repo(root: Path) -> None:
    """A repository like ACP/64A1: 25 texts the size of Resolution 140 at PP-14, all revised at PP-18,
    and a manifest of 25 MOD proposals (the texts come from bench_render.py)."""
    import bench_render

    pp = root / "resolutions" / "pp"
    pp.mkdir(parents=True)
    for k in range(1, RENDER_PROPOSALS + 1):
        (pp / f"{k}.yaml").write_text(bench_render.text_for(k, False), encoding="utf-8")
    gen_corpus._git(root, "init", "-q", "-b", "main")
    gen_corpus._git(root, "add", "-A")
    gen_corpus._git(root, "commit", "-q", "-m", "PP-14")
    gen_corpus._git(root, "tag", "PP-14")
    for k in range(1, RENDER_PROPOSALS + 1):
        (pp / f"{k}.yaml").write_text(bench_render.text_for(k, True), encoding="utf-8")
    props = "".join(f"  - number: {k}\n    action: MOD\n    target: pp/{k}\n    summary: Update text {k}.\n"
                    f"    reasons: To reflect the outcomes of WSIS+10.\n" for k in range(1, RENDER_PROPOSALS + 1))
    (root / "proposals" / "pp-18").mkdir(parents=True)
    (root / "proposals" / "pp-18" / "ACP-64A1.yaml").write_text(
        "id: ACP/64A1\nconference: PP-18\nbase: PP-14\nsubmitter: Asia-Pacific Telecommunity\n"
        f"proposals:\n{props}", encoding="utf-8")
    gen_corpus._git(root, "add", "-A")
    gen_corpus._git(root, "commit", "-q", "-m", "PP-18")
    gen_corpus._git(root, "tag", "PP-18")


# ----------------------------------------------------------------- the rows

def finalacts() -> list[str]:
    """The console script as pre-commit runs it (the one next to this Python), else the module."""
    script = Path(sys.executable).with_name("finalacts")
    return [str(script)] if script.exists() else [sys.executable, "-m", "finalacts"]


def tool(name: str) -> list[str] | None:
    script = Path(sys.executable).with_name(name)
    found = str(script) if script.exists() else shutil.which(name)
    return [found] if found else None


def libyaml_floor(s: Setup) -> Callable[[], None]:
    """Read and parse every file with libyaml, nothing else: the least any YAML checker pays."""
    import yaml

    def parse() -> None:
        for f in s.files:
            yaml.load((s.corpus / f).read_bytes(), Loader=yaml.CSafeLoader)
    return parse


def text_id(path: str) -> str:
    """resolutions/pp/140.yaml -> pp/140, as `finalacts blame` names a text."""
    return path.removeprefix("resolutions/").removesuffix(".yaml")


def rows(s: Setup) -> list[Row]:
    """What is timed, in the order printed."""
    fa = finalacts()
    from finalacts.corpus.schemas import schema_dir

    schema = str(schema_dir() / "resolution.schema.json")
    cjs, ylint = tool("check-jsonschema"), tool("yamllint")
    try:
        floor = libyaml_floor(s)
    except ImportError:
        floor = None
    return [
        # finalacts, each with the peer it is compared with
        Row("check, cold", fa + ["check"], peer="check-jsonschema", before=s.clear_cache),
        Row("check, warm", fa + ["check"]),
        Row("check one file (pre-commit)", fa + ["check", s.one], peer="check-jsonschema, one file"),
        Row("check one file, no cache yet", fa + ["check", s.one], peer="check-jsonschema, one file",
            before=s.clear_cache),
        Row("fmt --check", fa + ["fmt", "--check"], peer="check, cold"),
        Row(f"render {RENDER_PROPOSALS}-proposal set (docx)",
            fa + ["render", "proposals/pp-18/ACP-64A1.yaml", "--head", "PP-18", "-o", "acp.docx"], where="render"),
        Row(f"blame of one text, {s.commits} commits", fa + ["blame", text_id(s.blamed)], where="blame",
            peer="git blame --porcelain"),
        # the peers, on the same files (None: not installed)
        Row("check-jsonschema", cjs and cjs + ["--schemafile", schema, *s.files]),
        Row("check-jsonschema, one file", cjs and cjs + ["--schemafile", schema, s.one]),
        Row("yamllint -d relaxed", ylint and ylint + ["-d", "relaxed", *s.files]),
        Row("libyaml parse (floor, in-process)", floor),
        Row("git blame --porcelain", ["git", "blame", "--porcelain", s.blamed], where="blame"),
    ]


# ----------------------------------------------------------------- measuring

def tree_rss(pid: int) -> int:
    """Resident KiB of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            pass
    return total


def run_once(cmd: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall seconds, peak MiB, exit code and the end of stderr of one process.

    Peak memory is the larger of the process tree's resident set summed while it runs (sampled from
    /proc, so worker processes count together) and the largest single process's own peak as
    /usr/bin/time reports it. /usr/bin/time, a small C program, is there to fork the command: a
    Python parent's fork would carry the parent's own size into the child's peak."""
    peak = [0]
    timefile = None
    if TIME.exists():
        fd, timefile = tempfile.mkstemp(prefix="finalacts-bench-", suffix=".rss")
        os.close(fd)
        cmd = [str(TIME), "-f", "%M", "-o", timefile, *cmd]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], tree_rss(proc.pid))
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    dt = time.perf_counter() - t
    done.set()
    sampler.join()
    own = usage.ru_maxrss
    if timefile:
        text = Path(timefile).read_text().split()
        os.unlink(timefile)
        own = int(text[-1]) if text and text[-1].isdigit() else 0
    return dt, max(peak[0], own) / 1024, os.waitstatus_to_exitcode(status), err.decode(errors="replace")[-300:]


def measure(row: Row, s: Setup, repeat: int) -> Result:
    if row.cmd is None:
        return Result(note="not installed (pip install -e '.[bench]')")
    if row.before is None and not callable(row.cmd):
        run_once(row.cmd, s.folder(row.where))  # warm-up: page cache, and the check cache for "warm"
    res = Result()
    mibs = []
    for _ in range(repeat):
        if row.before:
            row.before()
        if callable(row.cmd):
            t = time.perf_counter()
            row.cmd()
            res.runs.append(time.perf_counter() - t)
            if res.runs[-1] > LONG:
                break
            continue
        dt, mib, code, err = run_once(row.cmd, s.folder(row.where))
        # 1 means "findings" for every tool here; 2 and above mean it did not run.
        if code not in (0, 1):
            return Result(note=f"failed (exit {code}): {err.strip().splitlines()[-1] if err.strip() else ''}")
        res.runs.append(dt)
        mibs.append(mib)
        if dt > LONG:
            break
    res.seconds = statistics.median(res.runs)
    res.mib = max(mibs) if mibs else None
    return res


# ----------------------------------------------------------------- targets and report

# (our row, peer row or None, limit): ours / peer <= limit, or ours <= limit seconds without a peer.
TARGETS = [
    ("check, cold", "check-jsonschema", 0.5),
    ("check, cold", "libyaml parse (floor, in-process)", 2.0),
    ("check, warm", None, 0.3),
    ("check one file (pre-commit)", None, 0.2),
    ("fmt --check", "check, cold", 2.0),
]
MEMORY_LIMIT_MIB = 250  # peak of a full `check`


def targets(results: dict[str, Result]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of the issue."""
    out = []
    for ours, peer, limit in TARGETS:
        a = results[ours].seconds
        b = results[peer].seconds if peer else 1.0
        what = f"{ours} <= {limit}x {peer}" if peer else f"{ours} < {limit} s"
        if a is None or b is None:
            out.append((what, "n/a", "not measured"))
            continue
        value = a / b
        out.append((what, f"{value:.2f}x" if peer else f"{a:.3f} s", "met" if value <= limit else "MISSED"))
    for name in ("check, cold", "check, warm"):
        mib = results[name].mib
        out.append((f"peak memory of {name} < {MEMORY_LIMIT_MIB} MiB", f"{mib:.0f} MiB" if mib else "n/a",
                    "met" if mib and mib < MEMORY_LIMIT_MIB else "MISSED" if mib else "not measured"))
    return out


def table(s: Setup, rs: list[Row], results: dict[str, Result]) -> list[str]:
    lines = ["| | median s | runs | peak MiB | compared with | ratio |", "|---|---:|---:|---:|---|---:|"]
    for row in rs:
        r = results[row.name]
        if r.seconds is None:
            lines.append(f"| {row.name} | {r.note} | | | | |")
            continue
        p = results.get(row.peer) if row.peer else None
        ratio = f"{r.seconds / p.seconds:.2f}x" if p and p.seconds else ""
        mib = f"{r.mib:.0f}" if r.mib is not None else "–"
        lines.append(f"| {row.name} | {r.seconds:.3f} | {len(r.runs)} | {mib} | {row.peer or ''} | {ratio} |")
    return lines


def machine() -> list[str]:
    """The machine, Python and package versions, as the report's opening lines."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        ram = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB RAM"
    except (ValueError, OSError):
        ram = "RAM unknown"
    versions = []
    for pkg in ("finalacts", "ruamel.yaml", "jsonschema", "check-jsonschema", "yamllint", "PyYAML"):
        try:
            versions.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{pkg} not installed")
    git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return [f"- {cpu}, {os.cpu_count()} cores, {ram}",
            f"- {platform.system()} {platform.release()}, Python {platform.python_version()}, {git}",
            f"- {', '.join(versions)}"]


def bench_size(n: int, repeat: int, seed: int, commits: int, log) -> tuple[list[str], dict[str, Result]]:
    """Generate a corpus of n texts, time every row; the section of the report and the results."""
    with tempfile.TemporaryDirectory(prefix="finalacts-bench-") as tmp:
        log(f"generating {n} resolutions ...")
        s = Setup(Path(tmp), n, seed, commits)
        rs = rows(s)
        results = {}
        for row in rs:
            log(f"  {row.name} ...")
            results[row.name] = measure(row, s, repeat)
            r = results[row.name]
            log(f"    {r.seconds:.3f} s" if r.seconds is not None else f"    {r.note}")
        heading = (f"## {n} resolutions ({s.mb:.1f} MB of YAML), median of {repeat} runs "
                   f"(of one when a run takes over {LONG:.0f} s)")
        out = [heading, ""]
        out += table(s, rs, results)
        out += ["", "| target (set for 500 resolutions) | measured | |", "|---|---:|---|"]
        out += [f"| {a} | {b} | {c} |" for a, b, c in targets(results)]
        return out + [""], results


def scaling(sizes: list[int], by_size: list[dict[str, Result]]) -> list[str]:
    """Each row's time and memory at the largest size over the smallest: linear cost grows as the size."""
    small, large = by_size[0], by_size[-1]
    factor = sizes[-1] / sizes[0]
    out = [f"## Scaling: {sizes[-1]} over {sizes[0]} resolutions ({factor:g}x the files)", "",
           "| | time growth | memory growth |", "|---|---:|---:|"]
    for name, a in small.items():
        b = large[name]
        if a.seconds and b.seconds:
            mem = f"{b.mib / a.mib:.1f}x" if a.mib and b.mib else ""
            out.append(f"| {name} | {b.seconds / a.seconds:.1f}x | {mem} |")
    return out + [""]


def byte_compile() -> str:
    """Compile finalacts's modules to bytecode, as pip does for the peers when it installs them: an
    editable install is compiled at its first import, or at every import where writing bytecode
    is off (PYTHONDONTWRITEBYTECODE). The report's note says which."""
    import compileall

    import finalacts

    compileall.compile_dir(str(Path(finalacts.__file__).parent), quiet=1)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return ("PYTHONDONTWRITEBYTECODE is set on this machine; finalacts's modules were compiled to "
                "bytecode first, as pip compiles the peers' when it installs them.")
    return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500", help="corpus sizes, comma-separated (default 500)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per row; the median is reported (default 5)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--blame-commits", type=int, default=300, help="length of the blamed history (default 300)")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="Markdown report (default benchmarks/RESULTS.md)")
    a = ap.parse_args(argv)
    sizes = [int(x) for x in a.sizes.split(",") if x.strip()]

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    command = (f"`python benchmarks/run.py --sizes {a.sizes} --repeat {a.repeat} --blame-commits "
               f"{a.blame_commits}` on {time.strftime('%Y-%m-%d', time.gmtime())}:")
    compiled = byte_compile()
    note = ("Every figure is a whole process (start-up included) run on the same generated files, except "
            "the libyaml floor, which is timed in-process. Peak memory is the resident set of the "
            "process and its children together. " + compiled).rstrip()
    report = ["# Benchmark results", "", command, "", *machine(), "", note, ""]
    by_size = []
    for n in sizes:
        section, results = bench_size(n, a.repeat, a.seed, a.blame_commits, log)
        report += section
        by_size.append(results)
    if len(sizes) > 1:
        report += scaling(sizes, by_size)
    text = "\n".join(report)
    print(text)
    a.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
