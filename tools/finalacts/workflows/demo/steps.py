"""What the demo runs on its repository: check every branch, render and prove each document, adopt."""


from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from finalacts.checks import runner
from finalacts.corpus import yamlfile
from finalacts.corpus.disk import write_atomic
from finalacts.corpus.findings import Finding, UsageError
from finalacts.git import Identity
from finalacts.render.pdf import docx_to_pdf, soffice
from finalacts.render.sources import render_target
from finalacts.render.verify import verify_docx
from finalacts.workflows import adopt as adoption
from finalacts.workflows.demo.redline_fidelity import Fidelity
from finalacts.workflows.demo.repository import OUT, SECRETARIAT, Branch, _Clock, _commit, _copy
from finalacts.workflows.proposals import record_outcome

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
    try:
        return replace(f, path=(Path.cwd() / f.path).resolve().relative_to(dest.resolve()).as_posix())
    except ValueError:
        return f


def check_branches(repo, dest: Path, branches: list[str]) -> Checked:
    """`finalacts check` on the work tree of each branch; a finding seen on several branches counts once."""
    out = Checked()
    seen: set[tuple] = set()
    files: set[tuple[str, bytes]] = set()
    for name in branches:
        repo.checkout(name)
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
    refused: list[Finding] | None = None  # the errors for which the document was not made


def render_outputs(dest: Path, name: str, target: str | None, base: str | None, head: str | None,
                   final_acts: str | None) -> Output:
    """docx and html of one document into DIR/out (the pdfs come after, from the docx: `add_pdfs`)."""

    out = dest / OUT
    out.mkdir(exist_ok=True)
    docx = render_target(target, base, head, final_acts, "docx", cwd=dest)
    html = render_target(target, base, head, final_acts, "html", cwd=dest)
    files = [out / f"{name}.docx", out / f"{name}.html"]
    write_atomic(files[0], docx.data)
    write_atomic(files[1], html.data)
    return Output(name, files, docx.summary)


def add_pdfs(outputs: list[Output]) -> None:
    """PDFs of every rendered docx, two LibreOffice conversions at a time (each has its own profile)."""
    from concurrent.futures import ThreadPoolExecutor


    def one(o: Output) -> None:
        pdf = o.files[0].with_suffix(".pdf")
        try:
            write_atomic(pdf, docx_to_pdf(o.files[0].read_bytes()))
        except UsageError as e:  # a conversion that fails or times out costs its PDF, not the demo
            o.pdf_error = str(e)
            return
        o.files.append(pdf)

    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in pool.map(one, outputs):
            pass


def prove(dest: Path, o: Output, old: str, new: str) -> None:
    """The docx proof: accepting every change gives `new`, rejecting every change gives `old`."""
    o.old, o.new = old, new
    o.proof = verify_docx(o.files[0], old, new, cwd=dest)


def have_soffice() -> bool:
    try:
        soffice()
        return True
    except UsageError:
        return False


# ---------------------------------------------------------------- adoption


@dataclass
class Adoption:
    conference: str
    merged: list[str] = field(default_factory=list)
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # branch -> conflicted paths (not adopted)
    numbered: list[tuple[str, int]] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)  # proposals adopted with modifications
    rewritten: list[str] = field(default_factory=list)
    tagged: bool = False
    findings: list[Finding] = field(default_factory=list)


DECIDED_BY = "Plenary meeting (as recorded by the demo)"
# The texts as the conference adopted them where it modified a proposal (examples/adopted/<conference>/):
# the secretariat commits them on this branch, and the outcome names it.
AS_ADOPTED = "committee/{conference}/{slug}"


def adopt(repo, dest: Path, src: Path, conference: str, branches: list[Branch], clock: _Clock) -> Adoption:
    """Record on each adopted set's branch what the conference decided on each proposal (adopted,
    or adopted with modifications where examples/adopted/ holds the text as adopted), then run
    `finalacts adopt`: merge, take the conference's texts, number the drafts, tag the edition."""
    result = Adoption(conference)
    modified = src / "examples" / "adopted" / conference
    for b in branches:
        repo.checkout(b.branch)
        entries = yamlfile.load((dest / b.manifest).read_bytes(), b.manifest).data.get("proposals") or []
        changed = [e for e in entries if (modified / f"resolutions/{e['target']}.yaml").is_file()]
        ref = AS_ADOPTED.format(conference=conference.lower(), slug=b.slug)
        if changed:
            repo.create_branch(ref, b.branch, checkout=True)
            for e in changed:
                _copy(modified / f"resolutions/{e['target']}.yaml", dest / f"resolutions/{e['target']}.yaml")
            targets = ", ".join(e["target"] for e in changed)
            _commit(repo, f"{conference}: {targets} as the conference adopted it", SECRETARIAT, clock.next())
            result.modified.extend(f"{b.set_id}/{e['number']}" for e in changed)
        repo.checkout(b.branch)
        manifest = dest / b.manifest
        for e in entries:
            if e in changed:
                record_outcome(dest, str(e["number"]), "adopted with modifications", DECIDED_BY, text=ref,
                               manifest=manifest)
            else:
                record_outcome(dest, str(e["number"]), "adopted", DECIDED_BY, manifest=manifest)
        _commit(repo, f"{b.set_id}: outcomes at {conference}", SECRETARIAT, clock.next())
    repo.checkout("main")
    report = adoption.adopt(dest, conference, Identity(*SECRETARIAT, clock.next()))
    by_id = {b.set_id: b.branch for b in branches}
    result.merged = [by_id.get(s, s) for s in report.merged]
    if report.stage == "merge":
        for f in report.findings:
            result.conflicts.setdefault("the sets", []).append(f.path)
    result.numbered = list(report.numbered)
    result.tagged = report.tagged
    result.findings = report.findings
    return result


@dataclass
class DemoResult:
    root: Path
    branches: list[Branch] = field(default_factory=list)
    later: list[str] = field(default_factory=list)  # corpus texts of a later edition, left out
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
