"""`finalacts adopt PP-18`: the secretariat's step after the conference has decided.

Every proposal set to the conference (its branch, local or fetched from the hub) records in its
manifest the outcome of each proposal: adopted, adopted with modifications (with the ref holding
the text as adopted), not adopted, withdrawn or noted, and the document that decided it. `adopt`
merges each set into the current branch (its manifest comes along as the record), keeps the
adopted texts, takes the conference's text where it modified one, puts back what was not adopted,
numbers the drafts (in the order the secretariat gives, or the next free numbers), and tags the
edition, which `edition tag` refuses while `check --edition` finds errors. Nothing is merged while
an outcome is missing; a merge that cannot be resolved from the outcomes undoes every merge of the
run. The merges and the numbering stay when only the tag is refused: fix what it says and run
`adopt` again, which merges nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from finalacts import git
from finalacts.corpus import yamlfile
from finalacts.corpus.disk import read_bytes, write_atomic
from finalacts.corpus.files import parse
from finalacts.corpus.findings import Finding, UsageError
from finalacts.corpus.model import Proposal, ProposalSet
from finalacts.corpus.registry import load_registry
from finalacts.git import Identity
from finalacts.workflows import editions
from finalacts.workflows.proposals import edit_yaml

DECISIONS = ("adopted", "adopted with modifications", "not adopted", "withdrawn", "noted")
KEPT = ("adopted", "adopted with modifications")  # the decisions that put a proposal's text in force


@dataclass
class Candidate:
    ref: str
    sha: str
    model: ProposalSet


@dataclass
class Applied:
    proposal: str
    action: str
    target: str
    decision: str
    document: str


@dataclass
class AdoptReport:
    conference: str
    merged: list[str] = field(default_factory=list)  # set ids merged by this run
    held: list[str] = field(default_factory=list)  # set ids the branch held already
    applied: list[Applied] = field(default_factory=list)
    numbered: list[tuple[str, int]] = field(default_factory=list)
    tagged: bool = False
    findings: list[Finding] = field(default_factory=list)  # what stopped it
    stage: str = ""  # where it stopped: outcomes, merge, tag ('' when tagged)
    files: int = 0


def _candidates(repo, conf_id: str) -> dict[str, Candidate]:
    """Set id -> its branch tip: the set's own branch here or the hub's copy of it, whichever holds
    the other (the local branch when they have diverged)."""
    found: dict[str, Candidate] = {}
    for name, sha in repo.ref_names():
        snap = repo.at(sha)
        for rel, raw in snap.read_all("proposals").items() if snap.tree_id("proposals") else ():
            parsed = parse(raw, rel)
            ps = parsed.model
            if not isinstance(ps, ProposalSet) or ps.conference != conf_id or not ps.branch:
                continue
            own = name == ps.branch
            if not (own or name.endswith("/" + ps.branch)):
                continue
            seen = found.get(ps.id)
            if seen is None or _better(repo, Candidate(name, sha, ps), seen):
                found[ps.id] = Candidate(name, sha, ps)
    return dict(sorted(found.items()))


def _better(repo, new: Candidate, seen: Candidate) -> bool:
    """Whether `new` is the tip to adopt rather than `seen` (two refs of one set)."""
    if new.sha == seen.sha:
        return new.ref == new.model.branch
    if repo.is_ancestor(seen.sha, new.sha):
        return True
    if repo.is_ancestor(new.sha, seen.sha):
        return False
    return new.ref == new.model.branch


def _outcome_findings(repo, c: Candidate) -> list[Finding]:
    out = []
    ps = c.model
    for p in ps.proposals:
        pid = f"{ps.id}/{p.number}"
        at = p.at()
        o = p.outcome or {}
        if not o:
            out.append(Finding(ps.path, at.line, at.col, "adopt-outcome", "error",
                               f"{pid} has no outcome; the conference's decision is not recorded",
                               f"on {ps.branch}: finalacts proposal outcome {p.number} adopted --document '...'"))
            continue
        if o.get("decision") == "adopted with modifications" and p.action in ("MOD", "(MOD)", "ADD"):
            ref = o.get("text")
            if not ref:
                out.append(Finding(ps.path, at.line, at.col, "adopt-outcome", "error",
                                   f"{pid} was adopted with modifications but its outcome names no text",
                                   "add `text:` naming the ref that holds the text as adopted"))
                continue
            try:
                held = repo.read_at(ref, f"resolutions/{p.target}.yaml")
            except UsageError as e:
                out.append(Finding(ps.path, at.line, at.col, "adopt-outcome", "error", f"{pid}: {e}",
                                   "fetch that ref, or correct `text:`"))
                continue
            if held is None:
                out.append(Finding(ps.path, at.line, at.col, "adopt-outcome", "error",
                                   f"{pid}: resolutions/{p.target}.yaml does not exist at {ref}",
                                   "name the ref that holds the text as adopted"))
    return out


def _resolve(repo, root: Path, before: str, c: Candidate, conflicted: list[str],
             report: AdoptReport) -> list[Finding]:
    """Apply one merged set's outcomes to the work tree; findings for what they cannot resolve."""
    ps = c.model
    conf = ps.conference
    left = set(conflicted)
    problems = []
    for p in ps.proposals:
        o = p.outcome or {}
        decision = o.get("decision", "")
        report.applied.append(Applied(f"{ps.id}/{p.number}", p.action, p.target, decision, o.get("document", "")))
        if "/" not in p.target or p.action == "NOC":
            continue
        rel = f"resolutions/{p.target}.yaml"
        path = root / rel
        if decision == "adopted with modifications" and p.action != "SUP":
            _write(path, repo.read_at(o["text"], rel))
            _end_adopted(path, conf)
        elif decision not in KEPT:
            _write(path, repo.read_at(before, rel))  # as it stood before this merge
        elif rel in left:
            problems.append(_clash(ps, p, rel, "its text conflicts with a text adopted already"))
            continue
        left.discard(rel)
    for rel in sorted(left):
        problems.append(Finding(rel, 1, 1, "adopt-conflict", "error",
                                f"merging {ps.id} ({c.ref}) conflicts here and no outcome of it decides the text",
                                "record the text as adopted (decision: adopted with modifications, text: REF)"))
    return problems


def _clash(ps: ProposalSet, p: Proposal, rel: str, why: str) -> Finding:
    return Finding(rel, 1, 1, "adopt-conflict", "error", f"{ps.id}/{p.number} {p.action} {p.target}: {why}",
                   f"record the text the conference adopted: `finalacts proposal outcome {p.number} "
                   f"'adopted with modifications' --document ... --text REF` on {ps.branch}")


def _write(path: Path, raw: bytes | None) -> None:
    if raw is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, raw.decode("utf-8"))


def _end_adopted(path: Path, conf: str) -> None:
    """A text adopted with modifications is revised by the conference: `adopted` ends with it."""
    if not path.is_file():
        return
    data = yamlfile.load(read_bytes(path, str(path)), str(path)).data
    if not isinstance(data, dict) or isinstance(data.get("number"), str):
        return  # a draft gets `adopted` from its numbering
    if not isinstance(data.get("adopted", []), list):
        return  # `adopted: 7`: `check` reports it where it stands

    def bump(d):
        adopted = d.setdefault("adopted", [])
        if not adopted or adopted[-1] != conf:
            adopted.append(conf)
    write_atomic(path, edit_yaml(path, "resolution", bump))


def _message(c: Candidate, conf: str, applied: list[Applied]) -> str:
    ps = c.model
    counts: dict[str, int] = {}
    for a in applied:
        counts[a.decision] = counts.get(a.decision, 0) + 1
    summary = ", ".join(f"{n} {d}" for d, n in counts.items())
    lines = [f"Adopt {ps.id} at {conf} ({summary})", ""]
    lines += [f"{a.proposal} {a.action} {a.target}: {a.decision} ({a.document})" for a in applied]
    # The texts the conference modified are credited to the proposal they came from.
    modified = [a.proposal for a in applied if a.decision == "adopted with modifications"]
    if modified:
        lines.append("")
        lines += [f"Proposal: {pid}" for pid in modified]
    return "\n".join(lines) + "\n"


def adopt(start: Path, conf_id: str, identity: Identity, order: list[tuple[str, int | None]] | None = None,
          message: str | None = None, known_defects: str | None = None) -> AdoptReport:
    """Apply the recorded outcomes of every proposal set to `conf_id`, number the drafts, tag the edition."""
    reg = load_registry()
    conf = reg.get(conf_id)
    if conf is None:
        raise UsageError(f"unknown conference {conf_id!r}; see schemas/conferences.yaml")
    repo = git.open_repo(start)
    root = repo.top
    repo.require_full_history()
    branch = repo.current_branch()
    if repo.tag_exists(conf_id):
        raise UsageError(f"edition {conf_id} is tagged already; correct it with `finalacts edition recut {conf_id}`")
    repo.require_clean()
    repo.require_no_untracked("adopt commits the work tree as it merges")
    report = AdoptReport(conf_id)
    candidates = _candidates(repo, conf_id)
    if any(c.model.branch == branch for c in candidates.values()):
        raise UsageError(f"{branch} is a proposal branch of {conf_id}; run adopt on the branch the edition "
                         "is cut from (git switch main)")
    todo = []
    for set_id, c in candidates.items():
        if repo.is_ancestor(c.sha, "HEAD"):
            report.held.append(set_id)
        else:
            todo.append(c)
    if not candidates:
        raise UsageError(f"no proposal set to {conf_id} here: no branch holds a manifest with "
                         f"`conference: {conf_id}` (git fetch origin, to see the hub's)")
    for c in todo:
        report.findings.extend(_outcome_findings(repo, c))
    if report.findings:
        report.stage = "outcomes"
        return report

    start_sha = repo.resolve("HEAD")
    for c in todo:
        before = repo.resolve("HEAD")
        conflicted = repo.start_merge(c.sha, identity)
        applied_from = len(report.applied)
        problems = _resolve(repo, root, before, c, conflicted, report)
        if problems:
            repo.abort_merge()
            repo.reset_hard(start_sha)
            report.findings = problems
            report.stage = "merge"
            report.merged, report.applied = [], []
            return report
        repo.commit_all(_message(c, conf_id, report.applied[applied_from:]), identity)
        report.merged.append(c.model.id)

    numbering = editions.number(root, conf_id, order=order)
    report.numbered = list(numbering.mapping)
    if numbering.applied:
        names = ", ".join(f"{Path(old).stem} -> {n}" for old, n in numbering.mapping)
        repo.commit_all(f"{conf_id}: number the new resolutions ({names})", identity)
    tagged = editions.tag(root, conf_id, message, identity, known_defects=known_defects)
    report.files = tagged.files
    report.tagged = tagged.created
    if not tagged.created:
        report.findings = tagged.findings
        report.stage = "tag"
    return report
