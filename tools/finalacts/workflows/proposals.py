"""Proposal sets: `proposal new` (branch + manifest) and `proposal add` (one entry + the edit it starts).

A proposal set `ACP/64A1` for conference PP-18 lives on the branch `proposals/pp-18/ACP-64A1`
with its manifest at `proposals/pp-18/ACP-64A1.yaml` (the branch name is stored in the manifest,
so `proposal add` and the commit-msg hook find the manifest from the checked-out branch).
Targets: `pp/11` names resolutions/pp/11.yaml; an ADD names its new file by placeholder,
`pp/ACP-1`; a NOC may name a text kept outside the corpus, such as `constitution`.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from finalacts import git
from finalacts.corpus import yamlfile
from finalacts.corpus.disk import read_bytes, write_atomic, yaml_files
from finalacts.corpus.files import parse
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.layout import (
    ACTIONS,
    MEMBERS_FILE,
    PLACEHOLDER,
    SET_ID,
    branch_name,
    check_target,
    manifest_relpath,
    target_relpath,
)
from finalacts.corpus.registry import load_registry
from finalacts.git.trusted import members_at, trusted_ref
from finalacts.workflows.gate import first_changed_line

# ---------------------------------------------------------------- editing YAML keeping comments


def edit_yaml(path: Path, kind: str, change) -> str:
    """The canonical text of `path` after `change(data)` mutates its data; comments are kept.

    Raises InputError if the file cannot be read (including a merge conflict left in it).
    """
    shown = str(path)
    raw = read_bytes(path, shown)
    line = git.conflict_line(raw)
    if line:
        raise InputError(Finding(shown, line, 1, "input-syntax", "error",
                                 "merge conflict marker left in the file",
                                 "resolve the conflict and remove the <<<<<<< ======= >>>>>>> lines"))
    text = yamlfile.decode(raw, shown)
    loaded, comments = yamlfile.find_comments(text, shown)
    if not isinstance(loaded.data, dict):
        raise InputError(Finding(shown, 1, 1, "input-not-mapping", "error", "top level is not a mapping"))
    breaks = yamlfile.line_breaks(text, loaded)
    change(loaded.data)
    return yamlfile.dump(loaded.data, kind, comments, breaks)


# ---------------------------------------------------------------- finding the manifest


@dataclass
class Located:
    path: Path
    relpath: str
    data: dict


def _manifests_with(root: Path, key: str, value: str) -> list[Located]:
    """The readable manifests in the work tree whose `key` is `value` (links never followed)."""
    found = []
    for p in yaml_files(root / "proposals") if (root / "proposals").is_dir() else []:
        try:
            d = yamlfile.load(read_bytes(p, str(p)), str(p)).data
        except InputError:
            continue
        if isinstance(d, dict) and d.get(key) == value:
            found.append(Located(p, p.relative_to(root).as_posix(), d))
    return found


def find_manifest(root: Path, branch: str) -> Located:
    """The manifest in the work tree whose `branch` is `branch`; UsageError if none or several."""
    found = _manifests_with(root, "branch", branch)
    if not found:
        raise UsageError(f"no manifest under proposals/ names the branch {branch!r}; "
                         "switch to a proposal branch or start one with `finalacts proposal new`")
    if len(found) > 1:
        raise UsageError(f"several manifests name the branch {branch!r}: "
                         + ", ".join(x.relpath for x in found))
    return found[0]


# ---------------------------------------------------------------- proposal new


@dataclass
class NewResult:
    branch: str
    manifest: str


def new(start: Path, set_id: str, conference: str, base: str, submitter: str,
        symbol: str | None = None, language: str | None = None, branch: str | None = None,
        dated: str | None = None) -> NewResult:
    """Create the proposal branch at `base` and write its manifest there (uncommitted), dated
    `dated` (YYYY-MM-DD) or today."""
    if not SET_ID.match(set_id):
        raise UsageError(f"proposal set id {set_id!r} is not of the form ACP/64A1")
    reg = load_registry()
    if reg.get(conference) is None:
        raise UsageError(f"unknown conference {conference!r}; see schemas/conferences.yaml")
    if not submitter.strip():
        raise UsageError("--submitter is empty")
    try:
        day = date.fromisoformat(dated) if dated is not None else date.today()
    except ValueError:
        raise UsageError(f"--date {dated!r} is not a date of the form 2026-12-03") from None
    repo = git.open_repo(start)
    root = repo.top
    repo.require_full_history()
    git.check_ref_name(base, "base")
    repo.resolve(base)
    if base not in repo.tags():
        raise UsageError(f"base {base!r} is not an edition tag; name the edition the proposals modify, e.g. PP-14")
    target, edition = reg.get(conference), reg.get(base)
    if edition is not None and edition.body != target.body:
        raise UsageError(f"base {base} is an edition of {edition.body}, but {conference} is a {target.body} "
                         f"conference; name an edition of {target.body}")
    if edition is not None and edition.year >= target.year:
        raise UsageError(f"base {base} is not earlier than {conference}; name the edition in force before it")
    branch = branch or branch_name(conference, set_id)
    git.check_ref_name(branch, "branch")
    if repo.branch_exists(branch):
        raise UsageError(f"branch {branch} exists already; check it out with `git switch {shlex.quote(branch)}`")
    rel = manifest_relpath(conference, set_id)
    if repo.read_at(base, rel) is not None:
        raise UsageError(f"{rel} exists already at {base}")
    if repo.uncommitted():
        raise UsageError(f"uncommitted changes in {repo.uncommitted()[0]}; commit or stash them first")
    data = {"id": set_id, "conference": conference, "base": base, "submitter": submitter}
    if symbol:
        data["symbol"] = symbol
    data["date"] = day.isoformat()
    if language:
        data["language"] = language
    data["branch"] = branch
    data["proposals"] = []
    text = yamlfile.dump(data, "proposalset")
    repo.create_branch(branch, base, checkout=True)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)
    return NewResult(branch, rel)


# ---------------------------------------------------------------- proposal add


@dataclass
class AddResult:
    proposal_id: str
    action: str
    target: str
    manifest: str
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _skeleton(body: str, placeholder: str) -> str:
    data = {
        "body": body,
        "number": placeholder,
        "title": "Title of the new resolution",
        "adopted": [],
        "sections": [
            {"heading": "considering", "items": [{"num": "a)", "text": "…;"}]},
            {"heading": "resolves", "items": [{"num": "1", "text": "…"}]},
        ],
    }
    return yamlfile.dump(data, "resolution")


def add(start: Path, action: str, target: str, placeholder: str | None = None, reasons: str | None = None,
        summary: str | None = None, title: str | None = None, manifest: Path | None = None) -> AddResult:
    """Append one proposal to the current branch's manifest and start its edit in the work tree.

    MOD and (MOD) append the conference to the target's `adopted`; ADD writes a draft skeleton
    resolutions/<body>/<placeholder>.yaml; SUP removes the target file; NOC changes no text.
    Everything is checked before the first file is written.
    """
    if action not in ACTIONS:
        raise UsageError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    check_target(target)
    repo = git.open_repo(start)
    root = repo.top
    if manifest is not None:
        mpath = Path(manifest).resolve()
        try:
            mrel = mpath.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(f"manifest {manifest} is outside the repository") from None
        loc = Located(mpath, mrel, yamlfile.load(read_bytes(mpath, mrel), mrel).data)
    else:
        loc = find_manifest(root, repo.current_branch())
    # What follows reads the manifest's proposals and their numbers: a manifest the schema refuses
    # (`proposals: 5`) is reported as it is.
    problems = parse(read_bytes(loc.path, loc.relpath), loc.relpath).findings
    if problems:
        raise InputError(problems[0])
    m = loc.data
    conference = m.get("conference")
    props = m.get("proposals") or []
    dirs = {b.dir: b.id for b in load_registry().bodies.values()}
    body_dir = target.split("/", 1)[0]
    if (reasons is None or not reasons.strip()) and action in ("SUP", "NOC"):
        raise UsageError(f"{action} needs --reasons (ITU rules: suppressions and NOC carry reasons)")

    writes: list[tuple[Path, str]] = []
    removes: list[Path] = []
    if action == "ADD":
        if body_dir not in dirs or "/" in target:
            raise UsageError(f"ADD takes a body folder such as pp, not {target!r}")
        if not placeholder or not PLACEHOLDER.match(placeholder):
            raise UsageError("ADD needs --placeholder such as ACP-1 (letters, '-', a number)")
        target = f"{body_dir}/{placeholder}"
        new_path = root / f"resolutions/{target}.yaml"
        if new_path.exists():
            raise UsageError(f"resolutions/{target}.yaml exists already; choose another placeholder")
        writes.append((new_path, _skeleton(dirs[body_dir], placeholder)))
    else:
        rel = target_relpath(target)
        if rel is None:
            if action != "NOC":
                raise UsageError(f"{action} needs a resolution such as pp/11; {target!r} is outside the corpus")
        else:
            if body_dir not in dirs:
                raise UsageError(f"unknown body folder {body_dir!r} in target {target!r}")
            path = root / rel
            if not path.is_file():
                raise UsageError(f"{rel} does not exist; {action} names a text in force")
            if action in ("MOD", "(MOD)"):
                def bump(d):
                    adopted = d.setdefault("adopted", [])
                    if not isinstance(adopted, list):
                        at = yamlfile.load(read_bytes(path, rel), rel).positions.get(("adopted",))
                        where = f"{rel}:{at.line}:{at.col}" if at else rel
                        raise UsageError(f"{where}: `adopted` is not a list of conferences; correct it first")
                    if not adopted or adopted[-1] != conference:
                        adopted.append(conference)
                writes.append((path, edit_yaml(path, "resolution", bump)))
            elif action == "SUP":
                removes.append(path)
            elif action == "NOC":
                raw = read_bytes(path, rel)
                if git.conflict_line(raw):
                    raise UsageError(f"{rel}:{git.conflict_line(raw)}: merge conflict marker left in the file")
    if any(p.get("target") == target for p in props):
        raise UsageError(f"{loc.relpath} already has a proposal for {target}")

    number = max((p.get("number", 0) for p in props if isinstance(p.get("number"), int)), default=0) + 1
    entry = {"number": number, "action": action, "target": target}
    if title:
        entry["title"] = title
    if summary:
        entry["summary"] = summary
    if reasons:
        entry["reasons"] = reasons

    def append(d):
        d.setdefault("proposals", []).append(entry)
    writes.insert(0, (loc.path, edit_yaml(loc.path, "proposalset", append)))

    result = AddResult(f"{m.get('id')}/{number}", action, target, loc.relpath)
    for path, text in writes:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
        result.written.append(path.relative_to(root).as_posix())
    for path in removes:
        os.unlink(path)
        result.removed.append(path.relative_to(root).as_posix())
    return result


# ---------------------------------------------------------------- proposal support


@dataclass
class SupportResult:
    member: str
    proposals: list[str]
    manifest: str
    commit: str
    already: list[str] = field(default_factory=list)  # proposals whose support list named the member already


def find_set(root: Path, set_id: str) -> Located:
    """The manifest of proposal set `set_id` in the work tree; UsageError if none or several."""
    found = _manifests_with(root, "id", set_id)
    if len(found) != 1:
        where = ", ".join(x.relpath for x in found)
        raise UsageError(f"several manifests hold the set {set_id}: {where}" if found else
                         f"no manifest under proposals/ holds the set {set_id}; switch to its branch")
    return found[0]


def _registry(repo, root: Path):
    """The registry the gate will judge by (the target branch's), else the work tree's."""
    trusted = trusted_ref(repo, None)
    members = members_at(repo, trusted.sha, f"{trusted.name}:{MEMBERS_FILE}") if trusted else None
    if members is None and (root / MEMBERS_FILE).is_file():
        parsed = parse(read_bytes(root / MEMBERS_FILE, MEMBERS_FILE), MEMBERS_FILE)
        if parsed.findings:
            raise InputError(parsed.findings[0])
        members = parsed.model
    if members is None:
        raise UsageError(f"no {MEMBERS_FILE} at {trusted.name if trusted else root}: support is recorded "
                         "for members of the registry")
    return members


def support(start: Path, proposal_ids: list[str], member: str | None = None, sign: bool | None = None) -> SupportResult:
    """Record, in one commit of the user's own, that a member supports proposals of one set.

    The member's id joins each proposal's `support:` in the manifest, and the commit carries the
    trailers `Supported-by: <member>` and `Proposal: <id>` for each; authored by the user git is set
    up for (and signed with their key, with `sign`), it is what the gate accepts as the record.
    """
    if not proposal_ids:
        raise UsageError("name the proposals to support, e.g. ACP/64A1/3")
    sets = {pid.rpartition("/")[0] for pid in proposal_ids}
    for pid in proposal_ids:
        set_id, _, num = pid.rpartition("/")
        if not SET_ID.match(set_id) or not num.isdigit():
            raise UsageError(f"{pid!r} is not a proposal id such as ACP/64A1/3")
    if len(sets) > 1:
        raise UsageError(f"one set at a time: {', '.join(sorted(sets))}")
    set_id = sets.pop()
    repo = git.open_repo(start)
    root = repo.top
    loc = find_set(root, set_id)
    if loc.relpath in repo.uncommitted():
        raise UsageError(f"{loc.relpath} has uncommitted changes; commit or stash them first")
    members = _registry(repo, root)
    _, email = repo.user()
    acting = members.acting_for(email)
    owner = members.owner_of(set_id)
    cosigners = loc.data.get("cosigners") or []
    if member is not None:
        if member not in acting:
            raise UsageError(f"{email} does not act for {member} in {MEMBERS_FILE} "
                             f"(it acts for {', '.join(acting) or 'no member'})")
    else:
        able = [m for m in acting if (owner is not None and members.belongs(m, owner.id)) or m in cosigners]
        if len(able) != 1:
            raise UsageError(f"{email} acts for {', '.join(able) or 'no member of ' + (owner.id if owner else set_id)}"
                             + ("; choose one with --member" if able else ""))
        member = able[0]
    numbers = {}
    for p in loc.data.get("proposals") or []:
        if isinstance(p, dict):
            numbers[f"{set_id}/{p.get('number')}"] = p
    missing = [pid for pid in proposal_ids if pid not in numbers]
    if missing:
        raise UsageError(f"{loc.relpath} has no proposal {missing[0]}")
    already = [pid for pid in proposal_ids if member in (numbers[pid].get("support") or [])]

    def record(d):
        for p in d.get("proposals") or []:
            if isinstance(p, dict) and f"{set_id}/{p.get('number')}" in proposal_ids:
                listed = p.setdefault("support", [])
                if member not in listed:
                    listed.append(member)
    write_atomic(loc.path, edit_yaml(loc.path, "proposalset", record))
    name = members.name_of(member)
    message = (f"Support of {name} for {', '.join(proposal_ids)}\n\nSupported-by: {member}\n"
               + "".join(f"Proposal: {pid}\n" for pid in proposal_ids))
    sha = repo.commit_paths([loc.relpath], message, sign)
    return SupportResult(member, list(proposal_ids), loc.relpath, sha, already)


# ---------------------------------------------------------------- proposal outcome


OUTCOMES = ("adopted", "adopted with modifications", "not adopted", "withdrawn", "noted")


@dataclass
class OutcomeResult:
    proposal_id: str
    decision: str
    manifest: str


def record_outcome(start: Path, number: str, decision: str, document: str, text: str | None = None,
                   when: str | None = None, manifest: Path | None = None) -> OutcomeResult:
    """Record in the manifest what the conference decided on proposal `number` (3 or ACP/64A1/3)."""
    if decision not in OUTCOMES:
        raise UsageError(f"unknown decision {decision!r}; use one of: {', '.join(OUTCOMES)}")
    if not document.strip():
        raise UsageError("--document is empty; name the plenary or committee document that decided it")
    if decision == "adopted with modifications" and not text:
        raise UsageError("adopted with modifications needs --text: the ref (branch, tag or commit) holding "
                         "the text as the conference adopted it")
    if text and decision != "adopted with modifications":
        raise UsageError("--text is for a proposal adopted with modifications")
    if when is not None:
        try:
            date.fromisoformat(when)
        except ValueError:
            raise UsageError(f"--date {when!r} is not a date such as 2018-11-15") from None
    repo = git.open_repo(start)
    root = repo.top
    if text:
        repo.resolve(text)
    if manifest is not None:
        mpath = Path(manifest).resolve()
        try:
            mrel = mpath.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(f"manifest {manifest} is outside the repository") from None
        loc = Located(mpath, mrel, yamlfile.load(mpath.read_bytes(), mrel).data)
    else:
        loc = find_manifest(root, repo.current_branch())
    set_id = loc.data.get("id")
    num = number.rpartition("/")[2] if "/" in number else number
    if "/" in number and number.rpartition("/")[0] != set_id:
        raise UsageError(f"{number} is not a proposal of {set_id} ({loc.relpath})")
    if not num.isdigit():
        raise UsageError(f"{number!r} is not a proposal number such as 3 or {set_id}/3")
    entries = [p for p in loc.data.get("proposals") or [] if isinstance(p, dict) and p.get("number") == int(num)]
    if not entries:
        raise UsageError(f"{loc.relpath} has no proposal {set_id}/{num}")
    outcome = {"decision": decision, "document": document}
    if text:
        outcome["text"] = text
    if when:
        outcome["date"] = when

    def put(d):
        for p in d.get("proposals") or []:
            if isinstance(p, dict) and p.get("number") == int(num):
                p["outcome"] = outcome
    write_atomic(loc.path, edit_yaml(loc.path, "proposalset", put))
    return OutcomeResult(f"{set_id}/{num}", decision, loc.relpath)


# ---------------------------------------------------------------- proposal rebase


@dataclass
class Rebased:
    proposal: str
    action: str
    target: str
    how: str  # what the new edition did to the target, and what became of the proposal


@dataclass
class RebaseReport:
    branch: str
    old_base: str
    new_base: str
    was: str  # the branch's commit before
    rows: list[Rebased] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # proposals that conflict with the new texts
    moved: bool = False


def _adopted_as(raw: bytes, adopted: list, shown: str) -> bytes:
    """`raw` with its `adopted` list replaced, in canonical layout (so that the three sides of a
    merge differ only where the texts do)."""
    loaded, comments = yamlfile.find_comments(yamlfile.decode(raw, shown), shown)
    if isinstance(loaded.data, dict):
        loaded.data["adopted"] = list(adopted)
    return yamlfile.dump(loaded.data, "resolution", comments).encode("utf-8")


def _adopted_of(raw: bytes | None, shown: str) -> list:
    if raw is None:
        return []
    try:
        d = yamlfile.load(raw, shown).data
    except InputError:
        return []
    return list(d.get("adopted") or []) if isinstance(d, dict) else []


def rebase(start: Path, onto: str, identity=None) -> RebaseReport:
    """Move the current proposal branch onto the edition `onto`: each proposal's change is merged
    with what that edition did to its text, `base:` and the `adopted:` lists are brought up to
    date, and a proposal whose text the edition changed in the same place is named, with nothing
    moved. Commits are remade one per proposal, each with its `Proposal:` trailer."""
    reg = load_registry()
    repo = git.open_repo(start)
    root = repo.top
    repo.require_full_history()
    repo.require_clean()
    repo.require_no_untracked("rebase commits the work tree")
    branch = repo.current_branch()
    loc = find_manifest(root, branch)
    m = loc.data
    conference, old_base, set_id = m.get("conference"), m.get("base"), m.get("id")
    git.check_ref_name(onto, "--onto")
    if onto not in repo.tags():
        raise UsageError(f"--onto {onto}: not an edition tag here (git fetch --tags --force)")
    new, target, old = reg.get(onto), reg.get(conference), reg.get(old_base)
    if new is None or target is None or new.body != target.body or new.year >= target.year:
        raise UsageError(f"--onto {onto}: name an edition of {target.body if target else 'the body'} held before "
                         f"{conference}")
    if old is not None and new.year < old.year:
        raise UsageError(f"--onto {onto} is older than the branch's base {old_base}")
    onto_sha = repo.resolve(onto)
    base_ref = old_base if isinstance(old_base, str) and old_base in repo.tags() else onto
    fork = repo.merge_base("HEAD", base_ref) or repo.merge_base("HEAD", onto)
    if fork is None:
        raise UsageError(f"{branch} shares no history with {onto}")
    head = repo.resolve("HEAD")
    report = RebaseReport(branch, str(old_base), onto, head)
    if repo.is_ancestor(onto_sha, head) and old_base == onto:
        raise UsageError(f"{branch} is based on {onto} already")
    changed = {c.path for c in repo.changes(fork, head) if c.path.startswith("resolutions/")}
    new_files: dict[str, bytes | None] = {}
    owner: dict[str, str] = {}
    for p in m.get("proposals") or []:
        if not isinstance(p, dict):
            continue
        pid, action, tgt = f"{set_id}/{p.get('number')}", str(p.get("action")), str(p.get("target"))
        rel = f"resolutions/{tgt}.yaml" if "/" in tgt else None
        if rel is None or rel not in changed and action != "SUP":
            report.rows.append(Rebased(pid, action, tgt, "no text changed"))
            continue
        owner[rel] = pid
        before, mine, theirs = (repo.read_at(fork, rel), repo.read_at(head, rel), repo.read_at(onto_sha, rel))
        if action == "ADD":
            if theirs is not None:
                report.findings.append(Finding(rel, 1, 1, "rebase-conflict", "error",
                                               f"ADD {pid}: {onto} holds {rel} already", "choose another placeholder"))
            new_files[rel] = mine
            report.rows.append(Rebased(pid, action, tgt, "a new text, carried over"))
            continue
        if theirs is None:
            gone = "suppressed it too" if action == "SUP" else "suppressed it"
            report.findings.append(Finding(rel, 1, 1, "rebase-conflict", "error",
                                           f"{action} {pid}: {onto} {gone}",
                                           "withdraw the proposal (remove it from the manifest)"))
            continue
        if action == "SUP":
            new_files[rel] = None
            report.rows.append(Rebased(pid, action, tgt, "suppressed" + (
                f", as {onto} revised it" if theirs != before else "")))
            continue
        adopted = _adopted_of(theirs, rel)
        mine_adopted = adopted + ([conference] if conference not in adopted else [])
        merged = repo.merge_texts(_adopted_as(before, adopted, rel) if before else b"",
                                  _adopted_as(mine, mine_adopted, rel), _adopted_as(theirs, adopted, rel))
        if merged is None:
            report.findings.append(Finding(rel, first_changed_line(before, theirs), 1, "rebase-conflict", "error",
                                           f"{action} {pid}: {onto} changed the same words of {tgt}",
                                           f"redo the proposal on the text of {onto}: git show {onto}:{rel}"))
            continue
        new_files[rel] = merged
        report.rows.append(Rebased(pid, action, tgt, "merged with the changes of " + onto
                                   if theirs != before else f"unchanged by {onto}"))
    for rel in sorted(changed - set(owner)):
        new_files[rel] = repo.read_at(head, rel)  # the gate reports what no proposal owns
    if report.findings:
        return report

    def rebase_manifest(d):
        d["base"] = onto
    manifest_text = edit_yaml(loc.path, "proposalset", rebase_manifest)
    who = identity or git.Identity(*repo.identity())
    by_pid: dict[str, list[str]] = {}
    for rel in new_files:
        by_pid.setdefault(owner.get(rel, ""), []).append(rel)
    repo.reset_hard(onto_sha)
    try:
        _write(loc.path, manifest_text.encode("utf-8"))
        repo.commit_all(f"{set_id}: based on {onto} (was {old_base})", who)
        for pid, rels in by_pid.items():
            for rel in rels:
                _write(root / rel, new_files[rel])
            trailer = f"\n\nProposal: {pid}" if pid else ""
            repo.commit_all(f"{', '.join(r.removeprefix('resolutions/').removesuffix('.yaml') for r in rels)} "
                            f"on {onto}{trailer}\n", who)
    except BaseException:
        repo.reset_hard(head)  # the branch as it was: a rebase half done is no rebase
        raise
    report.moved = True
    return report


def _write(path: Path, data: bytes | None) -> None:
    if data is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data.decode("utf-8"))

