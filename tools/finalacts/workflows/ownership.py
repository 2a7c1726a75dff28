"""Who may change what on a proposal branch: the gate's authorship, signature and support checks.

A proposal set belongs to the member of members.yaml whose `prefixes` holds its prefix (APT for
ACP/64A1). Every commit of the branch (what `head` holds and the target does not) that changes
the set's manifest or one of its texts must be authored by an identity of that member or of a
co-signer the manifest listed before that commit; a member of the group may also commit its own
support record. With `require-signatures`, git must verify each such commit's signature as good
with a key registered for its author. Each member a proposal's `support:` lists must be backed by
a commit of that member naming the proposal.

What decides is read at the target branch: the registry and `require-signatures` (the branch may
only add to it). A branch cannot vouch for itself, and these findings are not subject to the
manifest's `ignore:` nor to the branch's own pyproject.toml. Merges that only bring in another
parent's files (the target's, when a branch is brought up to date) are exempt.

Its rules (the owner family) are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from finalacts import git
from finalacts.checks.config import Config, parse_config
from finalacts.corpus import yamlfile
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.layout import MEMBERS_FILE, supporters, trailers
from finalacts.corpus.members import Members
from finalacts.corpus.model import ProposalSet
from finalacts.git.trusted import Trusted, members_at, trusted_ref


def _config(repo, ref: str) -> Config | None:
    raw = repo.read_at(ref, "pyproject.toml")
    if raw is None:
        return None
    try:
        return parse_config(raw.decode("utf-8"), f"{ref}:pyproject.toml")
    except UnicodeDecodeError as e:
        raise UsageError(f"{ref}:pyproject.toml: cannot read: {e}") from None


def _manifest(repo, ref: str, rel: str) -> dict | None:
    raw = repo.read_at(ref, rel)
    if raw is None:
        return None
    try:
        d = yamlfile.load(raw, rel).data
    except InputError:
        return None
    return d if isinstance(d, dict) else None


def _prefix(manifest_path: str) -> str:
    """The set prefix a manifest's file is named for: ACP for proposals/pp-18/ACP-64A1.yaml."""
    return PurePosixPath(manifest_path).stem.split("-", 1)[0]


def _without(d: dict, member: str) -> dict:
    """Manifest data with `member` taken out of every proposal's support list."""
    out = dict(d)
    props = []
    for p in d.get("proposals") or []:
        if isinstance(p, dict):
            p = dict(p)
            kept = [m for m in p.get("support") or [] if m != member]
            if kept:
                p["support"] = kept
            else:
                p.pop("support", None)
        props.append(p)
    out["proposals"] = props
    return out


@dataclass
class _Set:
    """One manifest in play, as the checks need it."""

    ps: ProposalSet
    owner: str
    paths: dict[str, str] = field(default_factory=dict)  # path -> what it is, for messages

    def where(self, path: str):
        for p in self.ps.proposals:
            if f"resolutions/{p.target}.yaml" == path:
                return p.at()
        return self.ps.at("id")


class _Ownership:
    def __init__(self, repo, head: str, trusted: Trusted, members: Members, signed: bool):
        self.repo, self.head, self.trusted, self.members, self.signed = repo, head, trusted, members, signed
        self.findings: list[Finding] = []
        self.to_verify: dict[str, list[tuple[str, Finding]]] = {}  # email -> (sha, finding if not good)

    def add(self, path: str, at, rule: str, message: str, hint: str) -> None:
        self.findings.append(Finding(path, at.line, at.col, rule, "error", message, hint))

    # ------------------------------------------------------------ who is who

    def who(self, email: str) -> str:
        acting = self.members.acting_for(email)
        return ", ".join(acting) if acting else "no member of the registry"

    def cosigners_before(self, commit: git.BranchCommit, rel: str) -> list[str]:
        """The co-signers the manifest listed at the commit's first parent (none before it existed)."""
        if not commit.parents:
            return []
        d = _manifest(self.repo, commit.parents[0], rel)
        found = d.get("cosigners") if d else None
        return [c for c in found if isinstance(c, str)] if isinstance(found, list) else []

    def only_support(self, commit: git.BranchCommit, s: _Set, touched: list[str], member: str) -> bool:
        """Whether the commit changes nothing but `member`'s own entries in support lists."""
        if touched != [s.ps.path] or not commit.parents:
            return False
        before = _manifest(self.repo, commit.parents[0], s.ps.path)
        after = _manifest(self.repo, commit.sha, s.ps.path)
        return before is not None and after is not None and _without(before, member) == _without(after, member)

    def merged_in(self, commit: git.BranchCommit, touched: list[str]) -> bool:
        """A merge that only brings in files as another parent has them: nothing of its own."""
        if len(commit.parents) < 2:
            return False
        here = self.repo.at(commit.sha)
        others = [self.repo.at(p) for p in commit.parents[1:]]
        return all(any(o.blob(p) == here.blob(p) for o in others) for p in touched)

    # ------------------------------------------------------------ the checks

    def commits(self, sets: list[_Set], exclude: list[str]) -> int:
        """Check each commit of the branch; how many there were."""
        claimed = {p for s in sets for p in s.paths}
        commits = self.repo.branch_commits(self.head, exclude)
        others: dict[str, _Set] = {}
        for c in commits:
            stray = [p for p in c.paths if p.startswith("resolutions/") and p not in claimed]
            for s in sets:
                touched = [p for p in c.paths if p in s.paths] + stray
                if not touched or self.merged_in(c, touched):
                    continue
                self.authorship(c, s, touched)
            # Another member's manifest, removed or changed here though not in play: its owner, by the
            # prefix its file is named for, is the one who may.
            for p in c.paths:
                if p in claimed or not (p.startswith("proposals/") and p.endswith(".yaml")):
                    continue
                if p not in others:
                    owner = self.members.owner_of(_prefix(p) + "/")
                    if owner is None:
                        continue
                    others[p] = _Set(ProposalSet(id=PurePosixPath(p).stem.replace("-", "/", 1), path=p), owner.id,
                                     {p: "the manifest"})
                if not self.merged_in(c, [p]):
                    self.authorship(c, others[p], [p])
        return len(commits)

    def authorship(self, c: git.BranchCommit, s: _Set, touched: list[str]) -> None:
        acting = set(self.members.acting_for(c.email))
        allowed = {s.owner, *self.cosigners_before(c, s.ps.path)}
        what = ", ".join(f"{p} ({s.paths[p]})" if p in s.paths else p for p in touched)
        at = s.where(touched[0])
        if not acting & allowed:
            backing = [m for m in supporters(c.message) if m in acting and self.only_support(c, s, touched, m)]
            if not backing:
                listed = sorted(allowed - {s.owner})
                self.add(s.ps.path, at, "owner-author",
                         f"commit {c.sha[:12]} by {c.author} <{c.email}> changes {what}, but that identity acts "
                         f"for {self.who(c.email)}: not for {s.owner}, the submitter of {s.ps.id}"
                         + (f", nor a co-signer ({', '.join(listed)})" if listed else ", nor a listed co-signer"),
                         f"commit it as an identity of {s.owner} (members.yaml at {self.trusted.name} lists "
                         f"them), or have {s.owner} list that member in `cosigners`")
                return
        if self.signed:
            self.signature(c.sha, c.author, c.email, s, at, f"changes {what}")

    def signature(self, sha: str, author: str, email: str, s: _Set, at, doing: str) -> None:
        finding = Finding(s.ps.path, at.line, at.col, "owner-signature", "error",
                          f"commit {sha[:12]} by {author} <{email}> {doing} in {s.ps.id} and carries {{status}}",
                          f"sign it (git commit -S, or git rebase --exec 'git commit --amend --no-edit -S') "
                          f"with a key registered for {email} in members.yaml at {self.trusted.name}")
        self.to_verify.setdefault(email, []).append((sha, finding))

    def verify(self) -> dict[str, str]:
        """Ask git about every signature collected; add a finding for each that is not good."""
        verdicts: dict[str, str] = {}
        for email, items in sorted(self.to_verify.items()):
            keys = self.members.keys_of(email)
            if keys:
                with git.Keyring([(email, keys)]) as keyring:
                    verdicts.update(self.repo.signature_status([sha for sha, _ in items], keyring))
            for sha, f in items:
                status = verdicts.get(sha, "N")
                if status == "G":
                    continue
                said = git.STATUS.get(status, "a signature git cannot check")
                if not keys:
                    said = f"{git.STATUS['N'] if status == 'N' else said}; no key is registered for {email}"
                self.findings.append(Finding(f.path, f.line, f.col, f.rule, f.severity,
                                             f.message.format(status=said), f.hint))
        return verdicts

    def support(self, sets: list[_Set]) -> None:
        shas = self.repo.commits_with_trailer_key(self.head, "Supported-by")
        records: dict[tuple[str, str], list[tuple[str, str, str]]] = {}  # (member, pid) -> (sha, author, email)
        for sha in shas:
            author, email, message = self.repo.commit_identity(sha)
            acting = set(self.members.acting_for(email))
            for m in supporters(message):
                if m not in acting:
                    continue  # a claim in a message proves nothing: only the member's own commit counts
                for pid in trailers(message):
                    records.setdefault((m, pid), []).append((sha, author, email))
        pending: list[tuple[_Set, object, str, str, list[tuple[str, str, str]]]] = []
        for s in sets:
            cosigners = set(s.ps.cosigners)
            for p in s.ps.proposals:
                pid = f"{s.ps.id}/{p.number}"
                for m in p.support:
                    at = p.at("support")
                    if self.members.get(m) is None:
                        self.add(s.ps.path, at, "owner-unknown-member",
                                 f"{pid}: support names {m}, which members.yaml at {self.trusted.name} does not hold",
                                 "correct the id, or register the member")
                        continue
                    if not (self.members.belongs(m, s.owner) or m in cosigners):
                        self.add(s.ps.path, at, "owner-support",
                                 f"{pid}: support of {m}, which is neither a member of {s.owner} nor a co-signer",
                                 f"list {m} in `cosigners`, or in the members of {s.owner} in members.yaml")
                        continue
                    backing = records.get((m, pid), [])
                    if not backing:
                        self.add(s.ps.path, at, "owner-support",
                                 f"{pid}: support of {m} is backed by no commit of {m} (a commit authored by an "
                                 f"identity of {m} with the trailers `Supported-by: {m}` and `Proposal: {pid}`)",
                                 f"an identity of {m} records it: finalacts proposal support {pid}")
                        continue
                    if self.signed:
                        pending.append((s, p, pid, m, backing))
        if not pending:
            return
        by_email: dict[str, list[str]] = {}
        for *_, backing in pending:
            for sha, _, email in backing:
                by_email.setdefault(email, []).append(sha)
        verdicts: dict[str, str] = {}
        for email, shas in sorted(by_email.items()):
            keys = self.members.keys_of(email)
            if keys:
                with git.Keyring([(email, keys)]) as keyring:
                    verdicts.update(self.repo.signature_status(shas, keyring))
        for s, p, pid, m, backing in pending:
            if any(verdicts.get(sha) == "G" for sha, _, _ in backing):
                continue
            sha, author, email = backing[0]
            said = git.STATUS.get(verdicts.get(sha, "N"), "a signature git cannot check")
            self.add(s.ps.path, p.at("support"), "owner-support",
                     f"{pid}: support of {m} rests on commit {sha[:12]} by {author} <{email}>, which carries {said}",
                     f"record it again, signed: finalacts proposal support {pid} --sign")


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    unchecked: str | None = None  # why nobody's authorship was checked, said beside the findings
    signed: bool = False
    commits: int = 0


def check(repo, head: str, sets: list[ProposalSet], target: str | None = None) -> Result:
    """The ownership findings for the proposal sets in play at `head`, against the target branch."""
    head = repo.resolve(head)
    trusted = trusted_ref(repo, target)
    if trusted is None:
        return Result(unchecked="authorship not checked: no target branch (main, master) to read "
                                f"{MEMBERS_FILE} from; name it with --target")
    members = members_at(repo, trusted.sha, f"{trusted.name}:{MEMBERS_FILE}")
    if members is None:
        return Result(unchecked=f"authorship not checked: {trusted.name} holds no {MEMBERS_FILE}")
    config, own = _config(repo, trusted.sha), _config(repo, head)
    signed = bool((config and config.require_signatures) or (own and own.require_signatures))
    o = _Ownership(repo, head, trusted, members, signed)
    if repo.read_at(head, MEMBERS_FILE) not in (None, repo.read_at(trusted.sha, MEMBERS_FILE)):
        o.findings.append(Finding(MEMBERS_FILE, 1, 1, "owner-registry-changed", "warning",
                                  f"the branch changes {MEMBERS_FILE}; the gate uses the registry of "
                                  f"{trusted.name} until the change is reviewed and merged there",
                                  f"propose the change in its own pull request to {trusted.name}"))
    in_play = []
    for ps in sets:
        if _prefix(ps.path) != ps.id.split("/", 1)[0]:
            at = ps.at("id")
            o.add(ps.path, at, "owner-submitter",
                  f"{ps.path} holds the set {ps.id}, whose prefix is not the one its file is named for "
                  f"({_prefix(ps.path)}): the file's owner decides who may change it",
                  f"keep `id:` of the form {_prefix(ps.path)}/..., or propose the set in a file of its own")
        owner = members.owner_of(_prefix(ps.path) + "/")
        if owner is None:
            at = ps.at("id")
            o.add(ps.path, at, "owner-submitter",
                  f"no member of {MEMBERS_FILE} at {trusted.name} submits under the prefix "
                  f"{_prefix(ps.path)}, so nobody may change {ps.id}",
                  "add the prefix to the submitting member's `prefixes`")
            continue
        for c in ps.cosigners:
            if members.get(c) is None:
                at = ps.at("cosigners")
                o.add(ps.path, at, "owner-unknown-member",
                      f"co-signer {c} is not a member of {MEMBERS_FILE} at {trusted.name}",
                      "correct the id, or register the member")
        s = _Set(ps, owner.id, {ps.path: "the manifest"})
        for p in ps.proposals:
            if "/" in p.target:
                s.paths[f"resolutions/{p.target}.yaml"] = f"{p.action} {ps.id}/{p.number}"
        in_play.append(s)
    exclude = [trusted.sha]
    for ps in sets:
        try:
            exclude.append(repo.resolve(ps.base))
        except UsageError:
            pass  # the gate reports an unknown base (gate-base)
    n = o.commits(in_play, exclude)
    o.verify()
    o.support(in_play)
    if config is not None:
        o.findings = config.apply(o.findings)
    return Result(sorted(o.findings), None, signed, n)
