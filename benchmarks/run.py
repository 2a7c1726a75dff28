"""The speed benchmark: finalacts against its peers, in one run, on the same files.

  python benchmarks/run.py [--sizes 500,5000] [--corpora project,heavy,real] [--repeat 5]
                           [--out benchmarks/RESULTS.md]

For each size and each kind of corpus it generates a corpus (gen_corpus.py: the project's own
synthetic texts, a findings-heavy one like a freshly imported legacy corpus, and the shipped real
texts replicated), then times every row of `rows()` as a whole process, in --repeat rounds that
each run every row once (so that a row and its peer are timed minutes apart at most one round,
on a machine whose speed changes), and reports the median of the rounds:
wall time, CPU time (user + system of the process and every child it waited for, so forked
workers count) and peak memory (resident set, summed over the process and its children while it
runs). Wall time depends on what else the machine runs, CPU time much less: the load average is
recorded before and after each corpus, and verdicts on ratios to a peer are given for both. The peers
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
import re
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
    project_only: bool = False       # measured on the project corpus only
    smallest_only: bool = False      # measured at the smallest size only (it scales as the files)
    must_pass: bool = False          # exit 0 only (a commit: exit 1 is a refusal, not findings)
    warm: bool = False               # timed on the cache its own untimed run leaves just before
                                     # (the cold rows clear it between rounds)


@dataclass
class Result:
    seconds: float | None = None
    mib: float | None = None
    note: str = ""
    runs: list[float] = field(default_factory=list)
    cpu: float | None = None         # median CPU seconds


# ----------------------------------------------------------------- the corpus and the repositories

class Setup:
    """The folders a size's rows run in: the corpus, a 300-commit history, a 25-proposal set."""

    def __init__(self, tmp: Path, n: int, seed: int, commits: int, kind: str = "project", smallest: bool = True):
        self.kind, self.smallest = kind, smallest
        self.large_rows: set[str] | None = None  # the rows measured above the smallest size (None: all)
        self.corpus = tmp / "corpus"
        made = gen_corpus.KINDS[kind](self.corpus, n, seed)
        self.files = [str(p.relative_to(self.corpus)) for p in made]
        self.one = self.files[0]
        self.mb = sum((self.corpus / f).stat().st_size for f in self.files) / 1e6
        if kind != "project":
            return
        self.blame = tmp / "blame"
        self.commits, self.blamed = commits, blame_repo(self.blame, commits, seed)
        self.render = tmp / "render"
        render_repo(self.render)
        self.hooked = tmp / "hooked"
        hooks_repo(self.hooked, self.corpus)
        self.hooked_noop = tmp / "hooked-noop"
        hooks_repo(self.hooked_noop, self.corpus, NOOP_HOOKS)
        self._edits = 0
        self._title_of: str | None = None  # the text staged edits start from

    def folder(self, where: str) -> Path:
        return getattr(self, where)

    def clear_cache(self) -> None:
        """Cold: no cache left from an earlier run (the cache lives at the corpus root)."""
        shutil.rmtree(self.corpus / ".finalacts-cache", ignore_errors=True)

    def stage_edit(self, repo: Path | None = None) -> None:
        """A few words added to one text's title, laid out by `finalacts fmt` and staged, as a person
        makes before `git commit`. Laid out so that the fmt hook lets the commit go on to the check
        and commit-msg hooks: an edit fmt rewrites is refused at the first hook (and the row then
        timed the refusal)."""
        repo = repo or self.hooked
        self._edits += 1
        path = repo / self.files[0]
        if self._title_of is None:
            self._title_of = path.read_text(encoding="utf-8")
        # After `title: ` or, for a folded title, after `title: >-` and the indent of its first line.
        text = re.sub(r"^title: (>-\n +)?", lambda m: f"{m.group(0)}Revision {self._edits} of ", self._title_of,
                      count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
        subprocess.run(finalacts() + ["fmt", str(path)], cwd=repo, capture_output=True, check=False)
        gen_corpus._git(repo, "add", "-A")

    def stage_edit_noop(self) -> None:
        self.stage_edit(self.hooked_noop)


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


HOOKS_CONFIG = HERE.parent / ".pre-commit-config.yaml"
# The same three hooks, on the same files and stages, each running `true`: what pre-commit and git
# cost a commit by themselves, beside which the commit through finalacts' hooks is read.
NOOP_HOOKS = """repos:
  - repo: local
    hooks:
      - {id: noop-fmt, name: no-op, entry: "true", language: system, files: '^resolutions/.*\\.yaml$'}
      - {id: noop-check, name: no-op, entry: "true", language: system, files: '^resolutions/.*\\.yaml$'}
      - {id: noop-commit-msg, name: no-op, entry: "true", language: system, stages: [commit-msg], always_run: true}
"""


def hooks_repo(root: Path, corpus: Path, config: str | None = None) -> None:
    """A git repository of the corpus with the three hooks installed by real pre-commit (the
    repository's own configuration: the published hooks' commands, from this environment; or the
    `config` given)."""
    shutil.copytree(corpus, root)
    if config is None:
        shutil.copy(HOOKS_CONFIG, root / ".pre-commit-config.yaml")
    else:
        (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    gen_corpus._git(root, "init", "-q", "-b", "main")
    gen_corpus._git(root, "config", "user.name", "Editor")
    gen_corpus._git(root, "config", "user.email", "editor@example.invalid")
    gen_corpus._git(root, "add", "-A")
    gen_corpus._git(root, "commit", "-q", "--no-verify", "-m", "The texts in force")
    subprocess.run([sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-commit",
                    "--hook-type", "commit-msg"], cwd=root, capture_output=True, check=False)


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
    pre_commit = tool("pre-commit")
    out = [
        # finalacts, each with the peer it is compared with
        Row("check, cold", fa + ["check"], peer="check-jsonschema", before=s.clear_cache),
        Row("check, cold, one process", fa + ["check", "--jobs", "1"], peer="check-jsonschema",
            before=s.clear_cache),
        Row("check, warm", fa + ["check"], warm=True),
        Row("check one file (pre-commit)", fa + ["check", s.one], peer="check-jsonschema, one file", warm=True),
        Row("check one file, no cache yet", fa + ["check", s.one], peer="check-jsonschema, one file",
            before=s.clear_cache),
        Row("fmt --check", fa + ["fmt", "--check"], peer="check, cold", project_only=True, before=s.clear_cache),
        Row("render {n}-proposal set (docx)".format(n=RENDER_PROPOSALS),
            fa + ["render", "proposals/pp-18/ACP-64A1.yaml", "--head", "PP-18", "-o", "acp.docx"], where="render",
            project_only=True),
        Row(f"blame of one text, {getattr(s, 'commits', 0)} commits", fa + ["blame", text_id(getattr(s, "blamed", ""))],
            where="blame", peer="git blame --porcelain", project_only=True),
        Row("git commit through the three hooks", pre_commit and ["git", "commit", "-q", "-m", "Revise one text"],
            where="hooked", before=getattr(s, "stage_edit", None), project_only=True, must_pass=True),
        Row("git commit through three no-op hooks (pre-commit and git alone)",
            pre_commit and ["git", "commit", "-q", "-m", "Revise one text"], where="hooked_noop",
            before=getattr(s, "stage_edit_noop", None), project_only=True, must_pass=True),
        # the peers, on the same files (None: not installed)
        Row("check-jsonschema", cjs and cjs + ["--schemafile", schema, *s.files]),
        Row("check-jsonschema, one file", cjs and cjs + ["--schemafile", schema, s.one]),
        Row("yamllint -d relaxed", ylint and ylint + ["-d", "relaxed", *s.files], project_only=True,
            smallest_only=True),
        Row("libyaml parse (floor, in-process)", floor),
        Row("git blame --porcelain", ["git", "blame", "--porcelain", getattr(s, "blamed", "")], where="blame",
            project_only=True),
    ]
    return [r for r in out if (s.kind == "project" or not r.project_only) and (s.smallest or not r.smallest_only)
            and (s.smallest or s.large_rows is None or r.name in s.large_rows)]


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


def run_once(cmd: list[str], cwd: Path) -> tuple[float, float, int, str, float]:
    """Wall seconds, peak MiB, exit code, the end of stderr and CPU seconds of one process.

    CPU time is user + system time of the process and of every descendant it waited for (as
    wait4 reports them), so `check`'s worker processes are counted.

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
    cpu = usage.ru_utime + usage.ru_stime
    return (dt, max(peak[0], own) / 1024, os.waitstatus_to_exitcode(status), err.decode(errors="replace")[-300:],
            cpu)


def measure(row: Row, s: Setup, repeat: int) -> Result:
    """One row timed `repeat` times (see measure_rounds)."""
    return measure_rounds([row], s, repeat)[row.name]


def measure_rounds(rows: list[Row], s: Setup, repeat: int, log=lambda line: None) -> dict[str, Result]:
    """Every row timed `repeat` times, in rounds: each round runs every row once, in order. A
    shared machine speeds up and slows down while a benchmark runs; timed row after row, a row and
    its peer could be minutes apart, and their ratio would measure the machine. In rounds, each
    ratio compares runs made within one round, and the median of the rounds is reported."""
    results = {row.name: Result() for row in rows}
    mibs: dict[str, list[float]] = {row.name: [] for row in rows}
    cpus: dict[str, list[float]] = {row.name: [] for row in rows}
    active = []
    for row in rows:
        if row.cmd is None:
            results[row.name] = Result(note="not installed (pip install -e '.[bench]')")
            continue
        if not callable(row.cmd) and not row.warm:
            # Warm-up: page cache, pre-commit's first start.
            if row.before and row.where.startswith("hooked"):
                row.before()
            if row.before is None or row.where.startswith("hooked"):
                run_once(row.cmd, s.folder(row.where))
        active.append(row)
    for k in range(repeat):
        log(f"  round {k + 1} of {repeat}")
        for row in list(active):
            res = results[row.name]
            if row.before:
                row.before()
            if callable(row.cmd):
                t, c = time.perf_counter(), time.process_time()
                row.cmd()
                res.runs.append(time.perf_counter() - t)
                cpus[row.name].append(time.process_time() - c)
            else:
                if row.warm:
                    run_once(row.cmd, s.folder(row.where))
                dt, mib, code, err, cpu = run_once(row.cmd, s.folder(row.where))
                # 1 means "findings" for every tool here; 2 and above mean it did not run.
                if code not in ((0,) if row.must_pass else (0, 1)):
                    last = err.strip().splitlines()[-1] if err.strip() else ""
                    results[row.name] = Result(note=f"failed (exit {code}): {last}")
                    active.remove(row)
                    log(f"    {row.name}: {results[row.name].note}")
                    continue
                res.runs.append(dt)
                mibs[row.name].append(mib)
                cpus[row.name].append(cpu)
            log(f"    {row.name}: {res.runs[-1]:.3f} s wall, {cpus[row.name][-1]:.3f} s CPU")
            if res.runs[-1] > LONG:
                active.remove(row)  # one run of a long row says enough
    for row in rows:
        res = results[row.name]
        if res.runs:
            res.seconds = statistics.median(res.runs)
            res.cpu = statistics.median(cpus[row.name])
            res.mib = max(mibs[row.name]) if mibs[row.name] else None
    return results


# ----------------------------------------------------------------- targets and report

# (our row, peer row or None, limit, what): ours / peer <= limit (wall or cpu), or ours <= limit
# seconds without a peer; `sizes` None: at every size, else only at those.
TARGETS = [
    ("check, cold", "check-jsonschema", 0.3, "wall"),
    ("check, cold", "check-jsonschema", 0.6, "cpu"),
    ("check, cold", "libyaml parse (floor, in-process)", 2.0, "cpu"),
    ("check, warm", None, 0.15, "wall"),
    ("check one file (pre-commit)", None, 0.12, "wall"),
    ("fmt --check", "check, cold", 2.0, "wall"),
    ("blame of one text, {commits} commits", "git blame --porcelain", 10.0, "wall"),
    ("git commit through the three hooks", None, 0.6, "wall"),
]
MEMORY_LIMIT_MIB = 150  # peak of any `check`
ONE_FILE_MIB = 60       # peak of the one-file check pre-commit runs


def targets(results: dict[str, Result], commits: int = 0) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of the issue this corpus has rows for."""
    out = []
    for ours, peer, limit, what in TARGETS:
        ours = ours.format(commits=commits)
        if ours not in results or (peer and peer not in results):
            continue
        a, b = _value(results[ours], what), _value(results[peer], what) if peer else 1.0
        label = f"{ours} <= {limit}x {peer} ({what})" if peer else f"{ours} <= {limit} s ({what})"
        if a is None or b is None or not b:
            out.append((label, "n/a", "not measured"))
            continue
        value = a / b
        out.append((label, f"{value:.2f}x" if peer else f"{a:.3f} s", "met" if value <= limit else "MISSED"))
    for name, r in results.items():
        if not name.startswith("check") or name.startswith("check-jsonschema") or r.mib is None:
            continue
        limit = ONE_FILE_MIB if name == "check one file (pre-commit)" else MEMORY_LIMIT_MIB
        out.append((f"peak memory of {name} <= {limit} MiB", f"{r.mib:.0f} MiB", "met" if r.mib <= limit else "MISSED"))
    return out


def _value(r: Result, what: str) -> float | None:
    return r.cpu if what == "cpu" else r.seconds


def table(s: Setup, rs: list[Row], results: dict[str, Result]) -> list[str]:
    lines = ["| | median wall s | median CPU s | runs | peak MiB | compared with | wall ratio | CPU ratio |",
             "|---|---:|---:|---:|---:|---|---:|---:|"]
    for row in rs:
        r = results[row.name]
        if r.seconds is None:
            lines.append(f"| {row.name} | {r.note} | | | | | | |")
            continue
        p = results.get(row.peer) if row.peer else None
        ratio = f"{r.seconds / p.seconds:.2f}x" if p and p.seconds else ""
        cratio = f"{r.cpu / p.cpu:.2f}x" if p and p.cpu and r.cpu is not None else ""
        mib = f"{r.mib:.0f}" if r.mib is not None else "–"
        cpu = f"{r.cpu:.3f}" if r.cpu is not None else "–"
        lines.append(f"| {row.name} | {r.seconds:.3f} | {cpu} | {len(r.runs)} | {mib} | {row.peer or ''} | "
                     f"{ratio} | {cratio} |")
    return lines


def load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


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


KIND_NAMES = {"project": "the project's generated corpus", "heavy": "findings-heavy corpus (about 100 a file)",
              "real": "the shipped real texts, replicated"}


def bench_size(n: int, repeat: int, seed: int, commits: int, log, kind: str = "project", smallest: bool = True,
               large_rows: set[str] | None = None) -> tuple[list[str], dict[str, Result]]:
    """Generate a corpus of n texts, time every row; the section of the report and the results."""
    with tempfile.TemporaryDirectory(prefix="finalacts-bench-") as tmp:
        log(f"generating {n} resolutions ({kind}) ...")
        s = Setup(Path(tmp), n, seed, commits, kind, smallest)
        s.large_rows = large_rows
        rs = rows(s)
        before = load()
        results = measure_rounds(rs, s, repeat, log)
        heading = (f"## {n} resolutions, {KIND_NAMES[kind]} ({s.mb:.1f} MB of YAML), median of {repeat} rounds "
                   f"(each row once a round; one run of a row that takes over {LONG:.0f} s)")
        out = [heading, "", f"Load average (1/5/15 min) before: {before}, after: {load()} (2 cores: a load above "
               "2 means other work competed for them, which wall time shows more than CPU time).", ""]
        out += table(s, rs, results)
        out += ["", "| target | measured | |", "|---|---:|---|"]
        out += [f"| {a} | {b} | {c} |" for a, b, c in targets(results, commits)]
        return out + [""], results


def scaling(sizes: list[int], by_size: list[dict[str, Result]], what: str = "") -> list[str]:
    """Each row's time and memory at the largest size over the smallest: linear cost grows as the size."""
    small, large = by_size[0], by_size[-1]
    factor = sizes[-1] / sizes[0]
    out = [f"## Scaling: {sizes[-1]} over {sizes[0]} resolutions ({factor:g}x the files){', ' + what if what else ''}",
           "", "| | wall growth | CPU growth | memory growth |", "|---|---:|---:|---:|"]
    for name, a in small.items():
        b = large.get(name)
        if b and a.seconds and b.seconds:
            mem = f"{b.mib / a.mib:.1f}x" if a.mib and b.mib else ""
            cpu = f"{b.cpu / a.cpu:.1f}x" if a.cpu and b.cpu else ""
            out.append(f"| {name} | {b.seconds / a.seconds:.1f}x | {cpu} | {mem} |")
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
    ap.add_argument("--corpora", default="project,heavy,real",
                    help="kinds of corpus, comma-separated: project, heavy, real (default all three)")
    ap.add_argument("--repeat", type=int, default=5,
                    help="rounds, each running every row once; the median is reported (default 5)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--blame-commits", type=int, default=300, help="length of the blamed history (default 300)")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md",
                    help="Markdown report (default benchmarks/RESULTS.md)")
    ap.add_argument("--large-rows", default=None, metavar="ROW;ROW",
                    help="rows measured above the smallest size, separated by ';' (default all): the size "
                         "targets need only the checks, and the peers scale as their files")
    a = ap.parse_args(argv)
    large = {r.strip() for r in a.large_rows.split(";") if r.strip()} if a.large_rows else None
    sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
    kinds = [k.strip() for k in a.corpora.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in gen_corpus.KINDS]
    if unknown:
        ap.error(f"unknown corpus kind {unknown[0]} (known: {', '.join(gen_corpus.KINDS)})")
    # The hooks pre-commit runs call `finalacts` by name, as in a user's shell.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    rows_opt = f" --large-rows '{a.large_rows}'" if a.large_rows else ""
    command = (f"`python benchmarks/run.py --sizes {a.sizes} --corpora {a.corpora} --repeat {a.repeat} "
               f"--blame-commits {a.blame_commits}{rows_opt}` on {time.strftime('%Y-%m-%d', time.gmtime())}:")
    compiled = byte_compile()
    note = ("Every figure is a whole process (start-up included) run on the same generated files, except "
            "the libyaml floor, which is timed in-process. CPU time is user + system time of the process "
            "and the children it waited for (check's workers included). Peak memory is the resident set "
            "of the process and its children together. The machine may be shared (other test suites run "
            "beside the benchmark): the load average is given for each corpus, and where it is above the "
            "number of cores, wall times and their ratios say more about the machine than about the "
            "tools, CPU times much less. " + compiled).rstrip()
    report = ["# Benchmark results", "", command, "", *machine(), "", note, ""]
    by_size: dict[str, list[dict[str, Result]]] = {k: [] for k in kinds}
    for n in sizes:
        for kind in kinds:
            section, results = bench_size(n, a.repeat, a.seed, a.blame_commits, log, kind, n == min(sizes),
                                          large)
            report += section
            by_size[kind].append(results)
    if len(sizes) > 1:
        for kind in kinds:
            report += scaling(sizes, by_size[kind], KIND_NAMES[kind])
    text = "\n".join(report)
    print(text)
    kept = others(a.out.read_text(encoding="utf-8")) if a.out.exists() else ""
    a.out.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
    return 0


def others(old: str) -> str:
    """The sections of an earlier report that other benchmarks wrote (the site's, the merges'),
    kept below this run's: a section is this script's when its heading is one it writes."""
    out, mine = [], True
    for line in old.splitlines(keepends=True):
        if line.startswith("## "):
            mine = bool(re.match(r"## (\d+ resolutions|Scaling:|Targets)", line))
        elif line.startswith("# "):
            mine = True
        if not mine:
            out.append(line)
    return "".join(out)


if __name__ == "__main__":
    sys.exit(main())
