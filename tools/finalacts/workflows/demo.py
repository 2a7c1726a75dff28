"""`finalacts demo`: the whole cycle on the shipped example corpus, in a fresh git repository.

The repository is built from the files of this project (resolutions/, proposals/ and the proposed
texts under examples/proposed/): the base texts committed and tagged as editions (PP-14, WTDC-17,
WTSA-20), each proposal set on its own branch with one commit per proposal, authored as its
submitter. Then the same library functions the commands use run on it: check, proposal check,
render (docx, html, pdf), the docx proof, an adoption at PP-18 with its Final Acts, and the
redline-fidelity figure against the human editor's flattened document (seed 000).

Everything is reproducible: commit and tag dates are fixed, so two runs give the same commits.
The module prints nothing; progress lines go to the `say` callback the command line passes.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from finalacts.corpus.findings import Finding, UsageError

MARKER = ".finalacts-demo"  # written into a demo folder so that --force knows it may remove it
OUT = "out"
# Invented, stable identities: the .invalid domain can never be a real address.
SECRETARIAT = ("Conference Secretariat", "secretariat@editions.invalid")
EDITIONS = (  # (conference, body folder, tag message): committed and tagged in this order on main
    ("PP-14", "pp", "Final Acts of the Plenipotentiary Conference (Busan, 2014)"),
    ("WTDC-17", "wtdc", "Resolutions of the World Telecommunication Development Conference (Buenos Aires, 2017)"),
    ("WTSA-20", "wtsa", "Resolutions of the World Telecommunication Standardization Assembly (Geneva, 2022)"),
)
# Manifests of the shipped corpus, in the order their branches are made.
SETS = ("proposals/pp-18/ACP-64A1.yaml", "proposals/pp-18/CHN-140.yaml",
        "proposals/wtdc-21/WTDC-30.yaml", "proposals/wtsa-24/WTSA-75.yaml")
ADOPT = ("PP-18", ("ACP/64A1", "CHN/140"))
EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
# Rules whose findings are about this small corpus, not about the texts (a cited text not held).
NOT_DEFECTS = {"citation-missing": "texts cited but not held by this small corpus (not defects)"}
FIDELITY_SEED = "tests/fixtures/seeds/000_43c449ac4a075b0d.txt"
FIDELITY_SET = "CHN/140"
FIDELITY_START = re.compile(r"RESOLUTION\s+140\b")  # \s: the seed has a no-break space there

Say = Callable[[str], None]


# ---------------------------------------------------------------- where the example corpus is


def source_root() -> Path:
    """The folder that holds the example corpus: the copy a wheel carries (finalacts/examples/, laid out
    as in the repository; setup.py makes it), else the package's own clone (an editable install)."""
    package = Path(__file__).resolve().parents[1]
    for cand in (package / "examples", package.parents[1], Path.cwd()):
        if all((cand / d).is_dir() for d in ("resolutions", "proposals", "examples/proposed")):
            return cand
    raise UsageError("this copy of finalacts has no example corpus (finalacts/examples/); install it from a "
                     "wheel built with `pip install .` in a clone of the project, or run the demo from that clone")


# ---------------------------------------------------------------- the folder


def prepare(dest: Path, force: bool) -> Path:
    """An empty folder for the demo; UsageError for a non-empty one unless it is a previous demo and `force`."""
    dest = Path(dest).absolute()
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()):
        if not force:
            raise UsageError(f"{dest} exists and is not empty; choose another folder, or pass --force to "
                             "replace a previous demo")
        if not (dest / MARKER).is_file():
            raise UsageError(f"{dest} is not a previous demo (it has no {MARKER} file); refusing to remove it")
        shutil.rmtree(dest)
    dest.mkdir(parents=True, exist_ok=True)
    return dest


# ---------------------------------------------------------------- git with fixed identities and dates


class _Clock:
    """Fixed, increasing timestamps: one minute per commit, so every run gives the same commits."""

    def __init__(self):
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return (EPOCH + timedelta(minutes=self.n)).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _identity_env(name: str, email: str, when: str) -> dict[str, str]:
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": when}


@contextmanager
def _environ(values: dict[str, str]):
    """os.environ with `values` for the duration (library calls open their own repository objects)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _commit(repo, message: str, who: tuple[str, str], when: str) -> str:
    repo.git.add("-A")  # the marker and out/ are in .git/info/exclude
    repo.git.commit("-q", "--no-verify", "--allow-empty", "-m", message, env=_identity_env(*who, when))
    return repo.head.commit.hexsha


def _init(dest: Path):
    import git

    repo = git.Repo.init(dest, initial_branch="main")
    with repo.config_writer() as cw:
        # The user's own settings must not sign, hook or rename anything in the demo repository.
        cw.set_value("user", "name", SECRETARIAT[0])
        cw.set_value("user", "email", SECRETARIAT[1])
        cw.set_value("commit", "gpgsign", "false")
        cw.set_value("tag", "gpgsign", "false")
    exclude = Path(repo.git_dir) / "info" / "exclude"
    exclude.parent.mkdir(parents=True, exist_ok=True)
    exclude.write_text(f"/{MARKER}\n/{OUT}/\n", encoding="utf-8")
    (dest / MARKER).write_text("A repository made by `finalacts demo`; `finalacts demo --force` may replace it.\n",
                               encoding="utf-8")
    return repo


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def _tag(dest: Path, conference: str, message: str, when: str) -> None:
    from finalacts.workflows import editions

    with _environ(_identity_env(*SECRETARIAT, when)):
        report = editions.tag(dest, conference, message)
    if not report.created:
        first = report.findings[0]
        raise UsageError(f"cannot tag {conference}: {first.path}:{first.line}:{first.col}: {first.message}")


# ---------------------------------------------------------------- manifests, one proposal at a time


def manifest_steps(text: str, branch: str) -> list[str]:
    """The manifest as it stands after each proposal: header plus the first k entries, k = 1..N.

    The shipped manifests are in canonical layout (`finalacts fmt --check` holds), so each entry
    starts at a line `  - number: N`; the branch the set lives on is added before `ignore`/`proposals`.
    """
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, ln in enumerate(lines) if ln.rstrip() == "proposals:")
    except StopIteration:
        raise UsageError("a shipped manifest has no `proposals:` list") from None
    header = lines[:start + 1]
    if not any(ln.startswith("branch:") for ln in header):
        at = next(i for i, ln in enumerate(header) if ln.startswith(("ignore:", "proposals:")))
        header.insert(at, f"branch: {branch}\n")
    starts = [i for i in range(start + 1, len(lines)) if lines[i].startswith("  - number:")]
    if not starts or starts[0] != start + 1:
        raise UsageError("a shipped manifest is not in canonical layout; run `finalacts fmt` on it")
    bounds = starts + [len(lines)]
    return ["".join(header + lines[start + 1:bounds[k + 1]]) for k in range(len(starts))]


@dataclass
class Branch:
    set_id: str
    branch: str
    manifest: str
    base: str
    conference: str
    submitter: str
    email: str
    commits: list[tuple[str, str]] = field(default_factory=list)  # (proposal id, commit sha)
    slug: str = ""


def _build_branch(repo, dest: Path, src: Path, manifest_rel: str, clock: _Clock) -> Branch:
    from finalacts import git
    from finalacts.workflows import proposals
    from finalacts.corpus import yamlfile

    text = (src / manifest_rel).read_text(encoding="utf-8")
    data = yamlfile.load(text.encode("utf-8"), manifest_rel).data
    set_id, conference, base = data["id"], data["conference"], data["base"]
    slug = proposals.slug(set_id)
    branch = proposals.branch_name(conference, set_id)
    email = f"{slug.split('-')[0].lower()}@proposals.invalid"
    b = Branch(set_id, branch, manifest_rel, base, conference, data["submitter"], email, slug=slug)
    git.create_branch(repo, branch, base, checkout=True)
    proposed = src / "examples" / "proposed" / slug
    for step, prop in zip(manifest_steps(text, branch), data["proposals"]):
        (dest / manifest_rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / manifest_rel).write_text(step, encoding="utf-8")
        action, target = prop["action"], prop["target"]
        rel = f"resolutions/{target}.yaml" if "/" in target else None
        if action in ("MOD", "(MOD)", "ADD"):
            _copy(proposed / rel, dest / rel)
        elif action == "SUP":
            (dest / rel).unlink()
        pid = f"{set_id}/{prop['number']}"
        sha = _commit(repo, f"{action} {target}\n\nProposal: {pid}\n", (b.submitter, email), clock.next())
        b.commits.append((pid, sha))
    return b


# ---------------------------------------------------------------- check, gate, render, verify


@dataclass
class Checked:
    files: int = 0
    findings: list[tuple[str, Finding]] = field(default_factory=list)  # (branch, finding), de-duplicated

    def by_rule(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, f in self.findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _relative(f: Finding, dest: Path) -> Finding:
    from dataclasses import replace

    try:
        return replace(f, path=(Path.cwd() / f.path).resolve().relative_to(dest.resolve()).as_posix())
    except ValueError:
        return f


def check_branches(repo, dest: Path, branches: list[str]) -> Checked:
    """`finalacts check` on the work tree of each branch; a finding seen on several branches counts once."""
    from finalacts.checks import runner

    out = Checked()
    seen: set[tuple] = set()
    files: set[tuple[str, bytes]] = set()
    for name in branches:
        repo.git.checkout("-q", name)
        report = runner.run([], dest)
        for p in (dest / "resolutions").rglob("*.yaml"):
            files.add((p.relative_to(dest).as_posix(), p.read_bytes()))
        for f in report.findings:
            f = _relative(f, dest)
            key = (f.path, f.line, f.col, f.rule, f.message)
            if key not in seen:
                seen.add(key)
                out.findings.append((name, f))
    out.files = len(files)
    return out


@dataclass
class Output:
    name: str
    files: list[Path]
    summary: str
    old: str | None = None
    new: str | None = None
    proof: list[str] | None = None  # None: not verified; [] holds; else the problems
    pdf_error: str | None = None  # why LibreOffice gave no PDF, when it did not


def render_outputs(dest: Path, name: str, target: str | None, base: str | None, head: str | None,
                   final_acts: str | None) -> Output:
    """docx and html of one document into DIR/out (the pdfs come after, from the docx: `add_pdfs`)."""
    from finalacts.render.document import render_target, write_bytes_atomic

    out = dest / OUT
    out.mkdir(exist_ok=True)
    docx = render_target(target, base, head, final_acts, "docx", cwd=dest)
    html = render_target(target, base, head, final_acts, "html", cwd=dest)
    files = [out / f"{name}.docx", out / f"{name}.html"]
    write_bytes_atomic(files[0], docx.data)
    write_bytes_atomic(files[1], html.data)
    return Output(name, files, docx.summary)


def add_pdfs(outputs: list[Output]) -> None:
    """PDFs of every rendered docx, two LibreOffice conversions at a time (each has its own profile)."""
    from concurrent.futures import ThreadPoolExecutor

    from finalacts.render.document import write_bytes_atomic
    from finalacts.render.pdf import docx_to_pdf

    def one(o: Output) -> None:
        pdf = o.files[0].with_suffix(".pdf")
        try:
            write_bytes_atomic(pdf, docx_to_pdf(o.files[0].read_bytes()))
        except UsageError as e:  # a conversion that fails or times out costs its PDF, not the demo
            o.pdf_error = str(e)
            return
        o.files.append(pdf)

    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in pool.map(one, outputs):
            pass


def prove(dest: Path, o: Output, old: str, new: str) -> None:
    """The docx proof: accepting every change gives `new`, rejecting every change gives `old`."""
    from finalacts.render.verify import verify_docx

    o.old, o.new = old, new
    o.proof = verify_docx(o.files[0], old, new, cwd=dest)


def have_soffice() -> bool:
    from finalacts.render.pdf import soffice

    try:
        soffice()
        return True
    except UsageError:
        return False


# ---------------------------------------------------------------- redline fidelity


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WORD = re.compile(r"\w+", re.UNICODE)


def flatten_docx(path: Path) -> list[str]:
    """Each body paragraph's text with every revision kept and no marks: deleted and inserted words
    in document order, as a plain-text extraction of a tracked-changes Word file gives them."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{_W}p"):
        parts = []
        for el in p.iter(f"{_W}t", f"{_W}delText", f"{_W}tab"):
            parts.append("\t" if el.tag == f"{_W}tab" else (el.text or ""))
        out.append("".join(parts))
    return out


def resolution_part(paragraphs: list[str], start: re.Pattern = FIDELITY_START) -> str:
    """The paragraphs from the title line of the resolution to the end of its text."""
    from finalacts.render.document import END_LINE

    first = next((i for i, p in enumerate(paragraphs) if start.match(p.upper())), None)
    if first is None:
        return ""
    part = []
    for p in paragraphs[first:]:
        if p.strip() == END_LINE or p.startswith("Reasons"):
            break
        part.append(p)
    return "\n".join(part)


def words(text: str) -> list[str]:
    """Words for the comparison: letters and digits, case folded (the seed sets some words in capitals)."""
    return [w.casefold() for w in _WORD.findall(text)]


def fidelity(flattened: str, human: str) -> float:
    """difflib's ratio of the two word sequences: 1.0 when the redline marks exactly what the human did."""
    return difflib.SequenceMatcher(None, words(flattened), words(human), autojunk=False).ratio()


def seed_annex(seed_text: str, start: re.Pattern = FIDELITY_START) -> str:
    """Seed 000's annex from the title line of the resolution (the MOD marker and cover pages left out)."""
    lines = seed_text.splitlines()
    first = next((i for i, ln in enumerate(lines) if start.match(ln.strip().upper())), None)
    if first is None:
        raise UsageError(f"{FIDELITY_SEED}: no line matches {start.pattern!r}")
    # "[bookmark: _Toc…]" is the extraction's, not the editor's (examples/NOTES.md drops it too).
    return re.sub(r"\[bookmark: [^\]]*\]", "", "\n".join(lines[first:]))


# ---------------------------------------------------------------- adoption


@dataclass
class Adoption:
    conference: str
    merged: list[str] = field(default_factory=list)
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # branch -> conflicted paths (not adopted)
    numbered: list[tuple[str, int]] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)
    tagged: bool = False
    findings: list[Finding] = field(default_factory=list)


def adopt(repo, dest: Path, conference: str, branches: list[Branch], clock: _Clock) -> Adoption:
    """Merge the adopted sets into main (a set that conflicts is left out and named), number the
    drafts, commit, and tag the edition."""
    import git

    from finalacts.workflows import editions

    result = Adoption(conference)
    repo.git.checkout("-q", "main")
    for b in branches:
        when = clock.next()
        try:
            repo.git.merge("-q", "--no-ff", "--no-verify", "-m", f"Adopt {b.set_id} at {conference}", b.branch,
                           env=_identity_env(*SECRETARIAT, when))
            result.merged.append(b.branch)
        except git.GitCommandError:
            conflicted = repo.git.diff("--name-only", "--diff-filter=U").split()
            repo.git.merge("--abort")
            result.conflicts[b.branch] = conflicted
    numbering = editions.number(dest, conference)
    result.numbered = [(old, n) for old, n in numbering.mapping]
    result.rewritten = numbering.rewritten
    if numbering.applied:
        names = ", ".join(f"{Path(old).stem} -> {n}" for old, n in numbering.mapping)
        _commit(repo, f"{conference}: number the new resolutions ({names})", SECRETARIAT, clock.next())
    with _environ(_identity_env(*SECRETARIAT, clock.next())):
        report = editions.tag(dest, conference)
    result.tagged = report.created
    result.findings = report.findings
    return result


# ---------------------------------------------------------------- the whole run


@dataclass
class Fidelity:
    """The redline's word-level similarity to the human editor's flattened document, with two
    baselines: the new text alone and the old text alone (what a redline that lost every deleted,
    or every inserted, word would score)."""

    ratio: float
    new_only: float
    old_only: float


@dataclass
class DemoResult:
    root: Path
    branches: list[Branch] = field(default_factory=list)
    checked: Checked | None = None
    gates: dict[str, list[Finding]] = field(default_factory=dict)  # branch -> gate findings
    outputs: list[Output] = field(default_factory=list)
    adoption: Adoption | None = None
    fidelity: Fidelity | None = None
    pdf: bool = False
    seconds: float = 0.0

    @property
    def proved(self) -> bool:
        """Every rendered docx passed its accept/reject proof."""
        return all(o.proof == [] for o in self.outputs)


def measure_fidelity(dest: Path, src: Path, docx: Path, base: str, head: str, key: str = "pp/140") -> Fidelity:
    """Flatten the rendered MOD like seed 000 was flattened and compare it with the seed's annex."""
    from finalacts import git
    from finalacts.redline import text_lines
    from finalacts.corpus.registry import load_registry
    from finalacts.render.document import resolution_at

    human = seed_annex((src / FIDELITY_SEED).read_text(encoding="utf-8"))
    repo = git.open_repo(dest)
    reg = load_registry()
    old, new = resolution_at(repo, base, key), resolution_at(repo, head, key)
    return Fidelity(fidelity(resolution_part(flatten_docx(docx)), human),
                    fidelity("\n".join(text_lines(new, reg)), human),
                    fidelity("\n".join(text_lines(old, reg)), human))


def build(dest: Path, src: Path) -> tuple[object, list[Branch], _Clock]:
    """The repository: edition commits and tags on main, then one branch per proposal set."""
    clock = _Clock()
    repo = _init(dest)
    for conference, folder, message in EDITIONS:
        for p in sorted((src / "resolutions" / folder).glob("*.yaml")):
            _copy(p, dest / "resolutions" / folder / p.name)
        _commit(repo, f"{conference}: {message}", SECRETARIAT, clock.next())
        _tag(dest, conference, message, clock.next())
    branches = []
    for manifest in SETS:
        branches.append(_build_branch(repo, dest, src, manifest, clock))
        repo.git.checkout("-q", "main")
    return repo, branches, clock


def run(dest: Path, force: bool = False, say: Say = lambda s: None) -> DemoResult:
    """Build the demo repository in `dest`, run the cycle on it, and report through `say`."""
    from finalacts.workflows import gate

    t0 = time.monotonic()
    src = source_root()
    dest = prepare(dest, force)
    result = DemoResult(dest)
    say(f"finalacts demo: a fresh repository in {dest}, built from the example corpus in {src}")
    say("")
    repo, result.branches, clock = build(dest, src)
    _say_repository(dest, result, say)

    result.checked = check_branches(repo, dest, ["main"] + [b.branch for b in result.branches])
    repo.git.checkout("-q", "main")
    _say_check(result.checked, say)

    for b in result.branches:
        result.gates[b.branch] = gate.run(repo, b.branch, None, b.manifest).findings
    _say_gate(dest, result, say)

    result.pdf = have_soffice()
    for b in result.branches:
        # The branch's last commit by id: a branch name such as proposals/pp-18/CHN-140 inside a
        # "ref:path" label would be taken for a manifest by the parser's kind detection.
        head = b.commits[-1][1]
        o = render_outputs(dest, b.slug, str(dest / b.manifest), None, head, None)
        prove(dest, o, b.base, head)
        o.new, o.summary = b.branch, o.summary.replace(head, b.branch)
        result.outputs.append(o)
    chn = next(b for b in result.branches if b.set_id == FIDELITY_SET)
    if (src / FIDELITY_SEED).is_file():
        result.fidelity = measure_fidelity(dest, src, dest / OUT / f"{chn.slug}.docx", chn.base,
                                           chn.commits[-1][1])

    conference, adopted_ids = ADOPT
    result.adoption = adopt(repo, dest, conference, [b for b in result.branches if b.set_id in adopted_ids], clock)
    final = render_outputs(dest, f"Final-Acts-{conference}", None, None, None, conference)
    prove(dest, final, conference, conference)
    result.outputs.append(final)
    if result.pdf:
        add_pdfs(result.outputs)
    _say_render(dest, result, say)
    _say_adoption(dest, result, final, say)
    _say_blame(dest, say)

    result.seconds = time.monotonic() - t0
    _say_next(dest, result, say)
    return result


# ---------------------------------------------------------------- the report


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _say_repository(dest: Path, result: DemoResult, say: Say) -> None:
    say("1. Repository")
    parts = []
    for conference, folder, _ in EDITIONS:
        n = len(list((dest / "resolutions" / folder).glob("*.yaml")))
        parts.append(f"{conference} ({_plural(n, folder.upper() + ' text')})")
    say("   main: " + ", ".join(parts) + ", each committed and tagged as an edition")
    for b in result.branches:
        ids = ", ".join(pid.rsplit("/", 1)[1] for pid, _ in b.commits)
        say(f"   {b.branch}: from {b.base}, {_plural(len(b.commits), 'commit')} (one per proposal, "
            f"{b.set_id}/{ids}), author {b.submitter} <{b.email}>")
    say("")


def _say_check(checked: Checked, say: Say) -> None:
    errors = sum(1 for _, f in checked.findings if f.severity == "error")
    warnings = sum(1 for _, f in checked.findings if f.severity == "warning")
    say(f"2. finalacts check, on main and on each proposal branch: {_plural(checked.files, 'distinct text')}, "
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
    counts = checked.by_rule()
    say("   " + ", ".join(f"{r} {n}" for r, n in counts.items() if r not in NOT_DEFECTS))
    for r, why in NOT_DEFECTS.items():
        if r in counts:
            say(f"   and {r} {counts[r]}: {why}")
    say("   for example:")
    shown: set[str] = set()
    ranked = sorted(((f.severity != "error", i, br, f) for i, (br, f) in enumerate(checked.findings)
                     if f.rule not in NOT_DEFECTS), key=lambda x: (x[0], x[1]))
    for _, _, br, f in ranked:
        if f.rule in shown or len(shown) >= 6:
            continue
        shown.add(f.rule)
        say(f"     [{br}] {f.path}:{f.line}:{f.col}: {f.rule} {f.message}")
    say("   each one a defect of the source documents, kept on purpose (examples/NOTES.md, section 7)")
    say("")


def _say_gate(dest: Path, result: DemoResult, say: Say) -> None:
    from finalacts.corpus import yamlfile

    say("3. finalacts proposal check, on each branch")
    for b in result.branches:
        findings = result.gates[b.branch]
        errs = sum(1 for f in findings if f.severity == "error")
        data = yamlfile.load((dest / b.manifest).read_bytes() if (dest / b.manifest).is_file() else
                             _manifest_at(dest, b), b.manifest).data
        waived = set(data.get("ignore") or [])
        say(f"   {b.branch}: {'passes' if not errs else 'fails'}: "
            f"{_plural(len(b.commits), 'proposal')} against the diff from {b.base}, "
            f"{_plural(errs, 'error')}, {_plural(len(findings) - errs, 'warning')}")
        for f in findings[:3]:
            note = " (the manifest lists it under `ignore:`, which the gate does not apply)" if f.rule in waived else ""
            say(f"     {f.path}:{f.line}:{f.col}: {f.severity} {f.rule} {f.message}{note}")
    say("")


def _manifest_at(dest: Path, b: Branch) -> bytes:
    from finalacts import git

    return git.read_at(git.open_repo(dest), b.commits[-1][1], b.manifest) or b""


def _say_outputs(dest: Path, o: Output, say: Say) -> None:
    if o.proof == []:
        proof = ("proof holds: a clean text, no revision marks" if o.old == o.new else
                 f"proof holds: accept-all = {o.new}, reject-all = {o.old}")
    else:
        proof = "PROOF FAILS: " + "; ".join(o.proof[:2])
    say(f"   {', '.join(_rel(f, dest) for f in o.files)}")
    say(f"     {o.summary}; {proof}")
    if o.pdf_error:
        say(f"     no pdf: {o.pdf_error}")


def _say_render(dest: Path, result: DemoResult, say: Say) -> None:
    kinds = "docx with tracked changes authored by the submitter, html" + \
        (", pdf through LibreOffice" if result.pdf else "; no pdf: LibreOffice (soffice) is not installed")
    say(f"4. finalacts render, each proposal document into {OUT}/ ({kinds}), and the docx proof")
    for o in result.outputs[:-1]:
        _say_outputs(dest, o, say)
    fid = result.fidelity
    if fid is None:
        say(f"   redline fidelity: not measured, {FIDELITY_SEED} is not in this copy")
        say("")
        return
    say("   redline fidelity: the China MOD, flattened as seed 000 was (deleted then inserted words, no marks),")
    say(f"     matches the human editor's annex at {fid.ratio:.3f} (difflib ratio over words; the new text alone "
        f"scores {fid.new_only:.3f}, the old alone {fid.old_only:.3f}; examples/NOTES.md, section 8)")
    say("")


def _say_adoption(dest: Path, result: DemoResult, final: Output, say: Say) -> None:
    a = result.adoption
    say(f"5. Adoption at {a.conference}")
    for br in a.merged:
        say(f"   merged {br} into main (no conflict)")
    for br, paths in a.conflicts.items():
        say(f"   NOT adopted: {br} conflicts with what was merged before it, in {', '.join(paths)}")
    for old, n in a.numbered:
        say(f"   finalacts edition number {a.conference}: {old} -> resolutions/{Path(old).parent.name}/{n}.yaml "
            "(the next number after the highest this small corpus holds)")
    if a.tagged:
        say(f"   finalacts edition tag {a.conference}: tagged")
    else:
        say(f"   {a.conference} NOT tagged: " + "; ".join(f"{f.path}: {f.message}" for f in a.findings[:3]))
    say(f"   finalacts render --final-acts {a.conference}:")
    _say_outputs(dest, final, say)
    for b in result.branches:
        if b.set_id in ADOPT[1]:
            continue
        why = ("its conference never met (WTDC-21 became WTDC-22, Kigali)" if b.conference == "WTDC-21"
               else f"{b.conference} is not part of this demo")
        say(f"   not adopted: {b.set_id} to {b.conference}: {why}")
    say("")


BLAME = ("pp/140", "resolves 3", ADOPT[0])  # a Busan item China extended: two origins in one paragraph


def _say_blame(dest: Path, say: Say) -> None:
    try:
        from finalacts.provenance import blame
    except ImportError:  # a copy of finalacts without blame: nothing to show
        return
    text, item, ref = BLAME
    say(f"6. finalacts blame {text} --item '{item}' --at {ref}: who wrote which words")
    try:
        out = blame.as_text(blame.blame(dest, text, item, ref))
    except UsageError as e:
        say(f"   blame failed: {e}")
    else:
        for line in out.rstrip("\n").splitlines():
            say(f"   {line}" if line else "")
    say("")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _command() -> str:
    """How to call finalacts from the demo folder: plain `finalacts` when it is on PATH, else its path
    (the README's first line installs it in .venv/bin without activating the venv)."""
    import sys

    here = Path(sys.executable).parent / "finalacts"
    found = shutil.which("finalacts")
    if found and (not here.exists() or Path(found).resolve() == here.resolve()):
        return "finalacts"
    return str(here) if here.exists() else "finalacts"


def _say_next(dest: Path, result: DemoResult, say: Say) -> None:
    here: Path = dest
    try:
        here = dest.relative_to(Path.cwd())
    except ValueError:
        pass
    chn = next(b for b in result.branches if b.set_id == FIDELITY_SET)
    apt = result.branches[0]
    fa = _command()
    say(f"Done in {result.seconds:.0f} s. The repository is {dest}; the documents are in {dest / OUT}.")
    say("Try next:")
    say(f"   cd {here}")
    say("   git log --graph --all --format='%h %an: %s%d'")
    say(f"   {fa} edition list")
    say(f"   {fa} edition show PP-18 pp/140 --format text")
    say(f"   {fa} blame pp/11 --at PP-18")
    # PP-18 holds China's pp/140 exactly as proposed, so the proof also shows what was adopted.
    say(f"   {fa} verify-docx {OUT}/{chn.slug}.docx --old {chn.base} --new {ADOPT[0]}")
    say(f"   git switch {apt.branch} && {fa} proposal check --manifest {apt.manifest}")
