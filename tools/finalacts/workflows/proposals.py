"""Proposal sets: `proposal new` (branch + manifest) and `proposal add` (one entry + the edit it starts).

A proposal set `ACP/64A1` for conference PP-18 lives on the branch `proposals/pp-18/ACP-64A1`
with its manifest at `proposals/pp-18/ACP-64A1.yaml` (the branch name is stored in the manifest,
so `proposal add` and the commit-msg hook find the manifest from the checked-out branch).
Targets: `pp/11` names resolutions/pp/11.yaml; an ADD names its new file by placeholder,
`pp/ACP-1`; a NOC may name a text kept outside the corpus, such as `constitution`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from finalacts import git
from finalacts.corpus import yamlfile
from finalacts.corpus.files import parse, write_atomic
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.layout import (
    ACTIONS,
    PLACEHOLDER,
    SET_ID,
    branch_name,
    check_target,
    manifest_relpath,
    target_relpath,
)
from finalacts.corpus.members import MEMBERS_FILE
from finalacts.corpus.registry import load_registry
from finalacts.git.trusted import members_at, trusted_ref

# ---------------------------------------------------------------- editing YAML keeping comments


def edit_yaml(path: Path, kind: str, change) -> str:
    """The canonical text of `path` after `change(data)` mutates its data; comments are kept.

    Raises InputError if the file cannot be read (including a merge conflict left in it).
    """
    shown = str(path)
    raw = path.read_bytes()
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


def find_manifest(root: Path, branch: str) -> Located:
    """The manifest in the work tree whose `branch` is `branch`; UsageError if none or several."""
    found = []
    for p in sorted((root / "proposals").rglob("*.yaml")) if (root / "proposals").is_dir() else []:
        try:
            d = yamlfile.load(p.read_bytes(), str(p)).data
        except InputError:
            continue
        if isinstance(d, dict) and d.get("branch") == branch:
            found.append(Located(p, p.relative_to(root).as_posix(), d))
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
        symbol: str | None = None, language: str | None = None, branch: str | None = None) -> NewResult:
    """Create the proposal branch at `base` and write its manifest there (uncommitted)."""
    if not SET_ID.match(set_id):
        raise UsageError(f"proposal set id {set_id!r} is not of the form ACP/64A1")
    reg = load_registry()
    if reg.get(conference) is None:
        raise UsageError(f"unknown conference {conference!r}; see schemas/conferences.yaml")
    if not submitter.strip():
        raise UsageError("--submitter is empty")
    repo = git.open_repo(start)
    root = repo.top
    repo.require_full_history()
    git.check_ref_name(base, "base")
    repo.resolve(base)
    if base not in repo.tags():
        raise UsageError(f"base {base!r} is not an edition tag; name the edition the proposals modify, e.g. PP-14")
    branch = branch or branch_name(conference, set_id)
    git.check_ref_name(branch, "branch")
    if repo.branch_exists(branch):
        raise UsageError(f"branch {branch} exists already; check it out with `git switch {branch}`")
    rel = manifest_relpath(conference, set_id)
    if repo.read_at(base, rel) is not None:
        raise UsageError(f"{rel} exists already at {base}")
    if repo.uncommitted():
        raise UsageError(f"uncommitted changes in {repo.uncommitted()[0]}; commit or stash them first")
    data = {"id": set_id, "conference": conference, "base": base, "submitter": submitter}
    if symbol:
        data["symbol"] = symbol
    data["date"] = date.today().isoformat()
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
        loc = Located(mpath, mrel, yamlfile.load(mpath.read_bytes(), mrel).data)
    else:
        loc = find_manifest(root, repo.current_branch())
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
                    if not adopted or adopted[-1] != conference:
                        adopted.append(conference)
                writes.append((path, edit_yaml(path, "resolution", bump)))
            elif action == "SUP":
                removes.append(path)
            elif action == "NOC":
                raw = path.read_bytes()
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
    found = []
    for p in sorted((root / "proposals").rglob("*.yaml")) if (root / "proposals").is_dir() else []:
        try:
            d = yamlfile.load(p.read_bytes(), str(p)).data
        except InputError:
            continue
        if isinstance(d, dict) and d.get("id") == set_id:
            found.append(Located(p, p.relative_to(root).as_posix(), d))
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
        parsed = parse((root / MEMBERS_FILE).read_bytes(), MEMBERS_FILE)
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
