"""The proposal gate: what a branch changed agrees with its manifests, proposal by proposal.

What a branch changed is the diff from its merge-base with the branch it goes to (the target,
`origin/main` by default): on a pull request's merge ref, on a branch updated from main and on the
branch head alike, that is the branch's own work, never what main did since. What a MOD changes in
a text is still compared with the base edition. Only manifests the branch added or changed are in
play. Without a target the diff runs from each manifest's base edition.

Its rules (the gate family) are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field, replace

from finalacts import git
from finalacts.checks.config import Config, parse_config
from finalacts.checks.context import Context
from finalacts.checks.runner import check_parsed
from finalacts.checks.suppress import unsuppressed
from finalacts.corpus import yamlfile
from finalacts.corpus.files import parse
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.model import NOWHERE, Proposal, ProposalSet, Resolution
from finalacts.corpus.registry import load_registry
from finalacts.corpus.textpos import Source
from finalacts.corpus.textpos import locate as locate_in_source
from finalacts.language.citations import Citation, locate, parse_many
from finalacts.workflows import ownership, readiness


@dataclass
class Gate:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    manifests: list[str] = field(default_factory=list)
    fatal: bool = False
    notes: list[str] = field(default_factory=list)  # what the gate did not do, and why
    target: str | None = None  # the branch the work goes to, as named
    fork: str | None = None  # the merge-base with it: what the branch changed is the diff from here
    # A finding about one proposal that is located outside its manifest (in the text the proposal
    # targets, or in a text citing it), with that proposal: whose `ignore:` silences it.
    subjects: dict[Finding, tuple[ProposalSet, Proposal]] = field(default_factory=dict, repr=False)

    def about(self, ps: ProposalSet, p: Proposal, finding: Finding) -> None:
        """Report `finding`, which is about proposal `p` of `ps` but located in another file."""
        self.findings.append(finding)
        self.subjects[finding] = (ps, p)


_WORD = re.compile(r"\w+", re.UNICODE)


def words(value) -> list:
    """The structure of a text with every string reduced to its lower-cased words."""
    if isinstance(value, str):
        return [w.lower() for w in _WORD.findall(value)]
    if isinstance(value, list):
        return [words(v) for v in value]
    if isinstance(value, dict):
        return {k: words(v) for k, v in value.items()}
    return value


def is_editorial(old: dict, new: dict) -> bool:
    """True when `new` differs from `old` only in punctuation, case and whitespace (adopted aside)."""
    strip = lambda d: {k: v for k, v in d.items() if k != "adopted"}  # noqa: E731
    return words(strip(old)) == words(strip(new))


# The citation kinds gate-sup-cited looks at (parse_many then skips the patterns of other kinds).
_RESOLUTIONS = frozenset({"resolution"})


def _cites(c: Citation, number: int, body: str, own: str | None, reg) -> bool:
    """Whether citation `c`, in a text of body `own`, cites Resolution `number` of `body`."""
    return c.kind == "resolution" and c.number == str(number) and _cited_body(c, own, reg) == body


def _cited_body(c: Citation, own: str | None, reg) -> str | None:
    """The body whose text `c` cites: the one it names, else the one whose conference its edition
    names, else (no body, "of this conference") the citing text's own."""
    if c.this_conference:
        return own
    if c.body:
        return c.body
    if c.edition is not None and c.edition.ok:
        conf = locate(reg, c.edition, None, own).conference
        if conf is not None:
            return conf.body
    return own


def _strings(value, path: tuple = ()):
    """(path, string) for every string in `value`, path as in yamlfile positions."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))


def _link(repo, ref: str, rel: str) -> Finding | None:
    """The refusal of `rel` if it is a symbolic link at `ref`: git holds the path it points at,
    which a checkout turns into a link to anywhere on the machine that runs the tools."""
    snap = repo.at(ref)
    if not snap.is_link(rel):
        return None
    target = (snap.read(rel) or b"").decode("utf-8", "replace")
    return Finding(rel, 1, 1, "input-symlink", "error", f"a symbolic link (to {target}), which is never followed",
                   "commit the file itself, not a link to it")


def _load_manifest(repo, ref: str, rel: str, gate: Gate) -> ProposalSet | None:
    link = _link(repo, ref, rel)
    if link is not None:
        gate.findings.append(link)
        gate.fatal = True
        return None
    raw = repo.read_at(ref, rel)
    line = git.conflict_line(raw)
    if line:
        gate.findings.append(Finding(rel, line, 1, "gate-conflict", "error",
                                     "merge conflict marker left in the manifest", "resolve the conflict"))
        gate.fatal = True
        return None
    # A target that leaves resolutions/ is refused before anything else looks at it.
    try:
        data = yamlfile.load(raw, rel)
    except InputError as e:
        gate.findings.append(e.finding)
        gate.fatal = True
        return None
    listed = data.data.get("proposals")
    for i, p in enumerate(listed if isinstance(listed, list) else []):  # else the schema says so below
        t = p.get("target") if isinstance(p, dict) else None
        if isinstance(t, str) and (".." in t or t.startswith("/") or "\\" in t or t.startswith("-")):
            pos = data.positions.get(("proposals", i, "target"), NOWHERE)
            gate.findings.append(Finding(rel, pos.line, pos.col, "gate-target", "error",
                                         f"target {t!r} points outside resolutions/",
                                         "name a text as body/number, e.g. pp/11"))
            gate.fatal = True
    if gate.fatal:
        return None
    parsed = parse(raw, rel)
    if parsed.findings:
        gate.findings.extend(parsed.findings)
        gate.fatal = True
        return None
    return parsed.model


def manifests_in_play(repo, head: str, fork: str | None = None) -> list[str]:
    """Manifests the branch added or changed since `fork` (its merge-base with the target); without
    a fork, those at `head` that differ from their own base edition (or are new there)."""
    if fork is not None:
        return sorted(c.path for c in repo.changes(fork, head)
                      if c.status != "D" and c.path.startswith("proposals/") and c.path.endswith(".yaml"))
    out = []
    for rel in repo.at(head).list("proposals"):
        raw = repo.read_at(head, rel)
        try:
            base = yamlfile.load(raw, rel).data.get("base")
        except InputError:
            out.append(rel)  # unreadable: in play, so the reader hears about it
            continue
        try:
            before = repo.read_at(base, rel) if isinstance(base, str) else None
        except UsageError:
            before = None
        if before != raw:
            out.append(rel)
    return out


def _manifests_of_branch(repo, head: str, target: str) -> list[str]:
    """The manifests at `head` whose `branch` is `target` (origin/ and the like aside)."""
    out = []
    for rel, raw in repo.at(head).read_all("proposals").items():
        try:
            branch = yamlfile.load(raw, rel).data.get("branch")
        except (InputError, AttributeError):
            continue
        if isinstance(branch, str) and (target == branch or target.endswith("/" + branch)):
            out.append(rel)
    return sorted(out)


# CI variables naming the branch a pull request goes to: GitHub's, then GitLab's.
_CI_TARGETS = (("GITHUB_BASE_REF", "origin/{}"), ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "origin/{}"))


def default_target(repo, env: dict[str, str]) -> str | None:
    """The branch a pull request goes to: the CI's own variables, else origin/main, else main; None
    when there is none (then the gate diffs from the base edition)."""
    sha = env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA")  # GitLab gives the merge-base itself
    names = [sha] if sha else []
    names += [form.format(env[var]) for var, form in _CI_TARGETS if env.get(var)]
    names += ["origin/main", "main"]
    for name in names:
        try:
            repo.resolve(name)
        except UsageError:
            continue
        return name
    return None


def run(repo, head: str = "HEAD", base: str | None = None, manifest: str | None = None,
        target: str | None = None) -> Gate:
    """Check every manifest in play at `head`: what the branch changed since its merge-base with
    `target` against the manifests, each MOD's text against its base edition (or `base`), and who
    made its commits against the members registry of `target` (workflows/ownership.py)."""
    reg = load_registry()
    repo.require_full_history()
    head = repo.resolve(head)  # one lookup; every later read uses the id
    if base is not None:
        repo.resolve(base)
    gate = Gate(target=target)
    if target is not None:
        gate.fork = repo.merge_base(target, head)
        if gate.fork == head and head != repo.resolve(target):
            gate.fork = None  # the target holds the whole branch already: judge it from its base edition
    rels = [manifest] if manifest else manifests_in_play(repo, head, gate.fork)
    if not rels and target is not None:
        # A pull request to a proposal branch (a member's edit to its group's set): that set is in play.
        rels = _manifests_of_branch(repo, head, target)
    if not rels:
        since = f"its merge-base with {target} ({gate.fork[:12]})" if gate.fork else "its base edition"
        raise UsageError(f"no proposal manifest under proposals/ was added or changed at {head[:12]} since {since}")
    sets = []
    for rel in rels:
        if repo.read_at(head, rel) is None:
            raise UsageError(f"{rel} does not exist at {head}")
        ps = _load_manifest(repo, head, rel, gate)
        gate.manifests.append(rel)
        if ps is not None:
            sets.append(ps)
            gate.findings.extend(readiness.check(ps))
    if gate.fatal:
        return gate
    bases = {base or ps.base for ps in sets}
    changed: dict[str, tuple[str, str]] = {}  # path -> (status, where the change is read from)
    owners: dict[str, list[str]] = {}
    for b in sorted(bases):
        group = [ps for ps in sets if (base or ps.base) == b]
        for path, seen in _check_group(repo, reg, head, b, group, owners, gate).items():
            changed.setdefault(path, seen)
    # Groups of different bases see some of the same files changed: each is counted once, and
    # belongs to exactly one proposal of any of the sets.
    gate.files = len(changed)
    if not gate.fatal:
        _check_owners(repo, head, changed, owners, gate)
    # `ignore:` in a manifest (whole set or one proposal) silences a rule there, as in texts, and
    # in what the gate says about one of its proposals in another file.
    for ps in sets:
        mine = [f for f in gate.findings if f.path == ps.path]
        kept = unsuppressed(mine, ps)
        gate.findings = [f for f in gate.findings if f.path != ps.path or f in kept]
    gate.findings = [f for f in gate.findings if not _waived(f, gate.subjects.get(f))]
    config = _config_at(repo, head)
    if config is not None and not gate.fatal:  # what stops the gate is never silenced
        gate.findings = config.apply(gate.findings)
    if not gate.fatal:
        # After the manifest's `ignore:` and the branch's own configuration: neither may silence these.
        owners = ownership.check(repo, head, sets, target)
        gate.findings.extend(owners.findings)
        if owners.unchecked:
            gate.notes.append(owners.unchecked)
    gate.findings.sort()
    return gate


def _waived(f: Finding, subject: tuple[ProposalSet, Proposal] | None) -> bool:
    """Whether the `ignore:` of the proposal `f` is about, or of its set, names f's rule."""
    return subject is not None and (f.rule in subject[0].ignore or f.rule in subject[1].ignore)


def _config_at(repo, head: str) -> Config | None:
    """The corpus configuration ([tool.finalacts] in pyproject.toml at the corpus root, which is the
    repository's) as it stands at `head`, where the gate reads everything else."""
    if repo.at(head).is_link("pyproject.toml"):
        raise UsageError("pyproject.toml: a symbolic link, which is never followed")
    raw = repo.read_at(head, "pyproject.toml")
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UsageError(f"pyproject.toml: cannot read: {e}") from None
    return parse_config(text, "pyproject.toml")


def _check_group(repo, reg, head: str, base: str, sets: list[ProposalSet], owners, gate: Gate) -> dict:
    """The manifests of one base against what the branch changed; returns those changes as
    path -> (status, the commit the change is read from)."""
    try:
        base_sha = repo.resolve(base)
    except UsageError as e:
        # The manifest comes with the pull request: its `base` is untrusted and never reaches git
        # as an option (the git wall refuses it first).
        for ps in sets:
            at = ps.at("base")
            gate.findings.append(Finding(ps.path, at.line, at.col, "gate-base", "error",
                                         f"base edition: {e}",
                                         "fetch the tags (git fetch --tags) or correct `base`"))
        return {}
    _check_base(repo, reg, head, base, sets, gate)
    # What the branch itself changed: from its merge-base with the target when that holds the base
    # edition (merges from the target bring nothing of the branch's own), else from the base.
    since = gate.fork if gate.fork and repo.is_ancestor(base_sha, gate.fork) else base_sha
    changes = [c for c in repo.changes(since, head) if c.path.startswith("resolutions/")]
    changed = {c.path: c.status for c in changes}
    for c in changes:
        link = _link(repo, head, c.path) if c.status != "D" else None
        if link is not None:
            gate.findings.append(link)
            gate.fatal = True
            continue
        if c.status != "D":
            line = git.conflict_line(repo.read_at(head, c.path) or b"")
            if line:
                gate.findings.append(Finding(c.path, line, 1, "gate-conflict", "error",
                                             "merge conflict marker left in the file",
                                             "resolve the conflict and commit again"))
                gate.fatal = True
    if not gate.fatal:
        for ps in sets:
            _check_set(repo, reg, head, base, base_sha, since, ps, changed, owners, gate)
    return {path: (status, since) for path, status in changed.items()}


def _check_owners(repo, head: str, changed: dict, owners: dict, gate: Gate) -> None:
    """Every file the branch changed belongs to exactly one proposal."""
    for path, (status, since) in sorted(changed.items()):
        who = owners.get(path, [])
        line = first_changed_line(repo.read_at(since, path), repo.read_at(head, path))
        if not who:
            verb = {"A": "added", "D": "removed"}.get(status, "changed")
            gate.findings.append(Finding(path, line, 1, "gate-unannounced", "error",
                                         f"file {verb} on the branch but no proposal names it",
                                         "add a proposal for it (finalacts proposal add) or undo the change"))
        elif len(who) > 1:
            gate.findings.append(Finding(path, line, 1, "gate-unannounced", "error",
                                         f"file belongs to several proposals: {', '.join(who)}",
                                         "keep one proposal per text"))


def first_changed_line(old: bytes | None, new: bytes | None) -> int:
    """The first line of `new` that differs from `old` (1 for a file added or removed)."""
    if old is None or new is None:
        return 1
    a, b = old.splitlines(), new.splitlines()
    for k, (x, y) in enumerate(zip(a, b), start=1):
        if x != y:
            return k
    # One is a prefix of the other: lines were added at the end, or the last ones removed.
    return len(a) + 1 if len(b) > len(a) else max(len(b), 1)


def _command(*args: str) -> str:
    """A command line for a hint, each argument quoted for the shell: a manifest's `branch` or a
    file's name comes with the pull request and may hold `;`, `$(...)` or a newline."""
    return " ".join(a if a in _PLACEHOLDERS else shlex.quote(a) for a in args)


_PLACEHOLDERS = frozenset({"<branch>", "<old-base>"})  # what the reader fills in


def _check_base(repo, reg, head, base, sets, gate) -> None:
    ps = sets[0]
    at = ps.at("base")
    branch = ps.branch or "<branch>"
    if not repo.is_ancestor(base, head):
        mb = repo.merge_base(base, head)
        fork = mb[:12] if mb else "<old-base>"
        gate.findings.append(Finding(ps.path, at.line, at.col, "gate-base", "error",
                                     f"the branch is not based on {base}: {base} is not in its history",
                                     _command("git", "rebase", "--onto", base, fork, branch)))
        return
    conf = reg.get(base)
    if conf is None:
        return
    names = set(repo.tags())
    target = reg.get(ps.conference)
    newer = [c.id for c in reg.by_body[conf.body]
             if c.year > conf.year and c.id in names and (target is None or c.year < target.year)]
    if newer:
        gate.findings.append(Finding(ps.path, at.line, at.col, "gate-base", "warning",
                                     f"base {base} is stale: edition {newer[-1]} is out",
                                     f"{_command('git', 'rebase', '--onto', newer[-1], base, branch)}, "
                                     f"then set base: {newer[-1]}"))


def _data_at(repo, ref, rel, gate: Gate | None = None, ps=None, p=None):
    """The loaded text at `ref`; None if absent or unreadable (said in `gate`, when given, as a
    finding about proposal `p`: a proposed text that is not valid YAML never passes)."""
    raw = repo.read_at(ref, rel)
    if raw is None:
        return None
    try:
        return yamlfile.load(raw, rel)
    except InputError as e:
        if gate is not None:
            gate.about(ps, p, e.finding)
        return None


def _check_set(repo, reg, head, base, base_sha, since, ps: ProposalSet, changed, owners, gate) -> None:
    """One manifest's proposals; `base` names the edition in messages, `base_sha` is read, `since`
    is where the branch's own changes start (`changed` holds them)."""
    f = gate.findings
    path = ps.path
    seen_targets: dict[str, int] = {}
    for i, p in enumerate(ps.proposals, start=1):
        pid = f"{ps.id}/{p.number}"
        if p.number != i:
            at = p.at("number")
            f.append(Finding(path, at.line, at.col, "gate-numbering", "error",
                             f"proposal number {p.number} where {i} was expected: numbers run 1..N in order",
                             f"renumber it {i}"))
        if p.action in ("SUP", "NOC") and not (p.reasons or "").strip():
            at = p.at()
            f.append(Finding(path, at.line, at.col, "gate-reasons", "error",
                             f"{p.action} {pid} has no reasons", "add `reasons:` saying why"))
        at = p.at("target")
        if p.target in seen_targets:
            f.append(Finding(path, at.line, at.col, "gate-target", "error",
                             f"{pid} names {p.target}, already named by {ps.id}/{seen_targets[p.target]}",
                             "keep one proposal per text"))
            continue
        seen_targets[p.target] = p.number
        if "/" not in p.target:
            if p.action != "NOC":
                f.append(Finding(path, at.line, at.col, "gate-target", "error",
                                 f"{p.action} {pid} needs a resolution such as pp/11 "
                                 f"(or body/placeholder for ADD), not {p.target!r}",
                                 "name the text as body/number"))
            continue
        rel = f"resolutions/{p.target}.yaml"
        owners.setdefault(rel, []).append(pid)
        old_raw = repo.read_at(base_sha, rel)
        new_raw = repo.read_at(head, rel)
        if p.action == "ADD":
            _check_add(repo, head, ps, p, pid, rel, old_raw, new_raw, gate)
            continue
        if old_raw is None:
            f.append(Finding(path, at.line, at.col, "gate-target", "error",
                             f"{pid}: {rel} is not in the base edition {base}",
                             "name a text in force, or use ADD for a new one"))
            continue
        if p.action == "NOC":
            if rel in changed:
                line = first_changed_line(repo.read_at(since, rel), new_raw)
                gate.about(ps, p, Finding(rel, line, 1, "gate-noc-changed", "error",
                                          f"NOC {pid} keeps this text unchanged, but the branch changes it",
                                          _command("git", "checkout", base, "--", rel)))
        elif p.action == "SUP":
            if new_raw is not None:
                f.append(Finding(path, at.line, at.col, "gate-sup-present", "error",
                                 f"SUP {pid}: {rel} is still present", _command("git", "rm", rel)))
            else:
                _check_sup_cited(repo, reg, head, ps, p, pid, rel, old_raw, gate)
        else:  # MOD, (MOD)
            if new_raw is None:
                f.append(Finding(path, at.line, at.col, "gate-target", "error",
                                 f"{p.action} {pid}: {rel} was removed", "restore it, or propose SUP"))
                continue
            # Unchanged by the branch itself (main may have changed it since the base edition);
            # a member's pull request to the set's own branch need not touch every text of the set.
            mine = gate.target is not None and ps.branch and (gate.target == ps.branch
                                                              or gate.target.endswith("/" + ps.branch))
            if new_raw == old_raw or (rel not in changed and not mine):
                f.append(Finding(path, at.line, at.col, "gate-mod-unchanged", "error",
                                 f"{p.action} {pid}: {rel} is unchanged"
                                 + ("" if new_raw == old_raw else " on the branch"), "edit the text, or propose NOC"))
                continue
            new = _data_at(repo, head, rel, gate, ps, p)
            old = _data_at(repo, since, rel)
            if new is None or old is None:
                continue  # `finalacts check` reports unreadable texts
            adopted = new.data.get("adopted")
            ap = new.positions.get(("adopted",), NOWHERE)
            if adopted is not None and not isinstance(adopted, list):  # `adopted: 7`, `adopted: {a: 1}`
                gate.about(ps, p, Finding(
                    rel, ap.line, ap.col, "gate-mod-adopted", "error",
                    f"{p.action} {pid}: `adopted` is not a list of conferences",
                    f"write the conferences as a list ending with {ps.conference}, e.g. [PP-14, {ps.conference}]"))
                continue
            if not adopted or adopted[-1] != ps.conference:
                gate.about(ps, p, Finding(
                    rel, ap.line, ap.col, "gate-mod-adopted", "error",
                    f"{p.action} {pid}: `adopted` does not end with {ps.conference}",
                    f"append {ps.conference} to `adopted` (finalacts proposal add does this)"))
            if p.action == "(MOD)" and not is_editorial(old.data, new.data):
                gate.about(ps, p, Finding(
                    rel, first_changed_line(old.text.encode(), new.text.encode()), 1, "gate-editorial", "error",
                    f"(MOD) {pid} changes words or structure, not only punctuation, case or spacing",
                    "make it a MOD proposal"))


def _check_add(repo, head, ps, p, pid, rel, old_raw, new_raw, gate) -> None:
    f = gate.findings
    at = p.at("target")
    placeholder = p.target.split("/", 1)[1]
    if old_raw is not None or new_raw is None:
        f.append(Finding(ps.path, at.line, at.col, "gate-add", "error",
                         f"ADD {pid}: {rel} must be a new file on the branch",
                         "create it with finalacts proposal add ADD <body> --placeholder <ID>"))
        return
    new = _data_at(repo, head, rel, gate, ps, p)
    if new is None:
        return
    if new.data.get("number") != placeholder:
        np_ = new.positions.get(("number",), NOWHERE)
        gate.about(ps, p, Finding(rel, np_.line, np_.col, "gate-add", "error",
                                  f"ADD {pid}: number is {new.data.get('number')!r}, expected the placeholder "
                                  f"{placeholder}", f"set number: {placeholder}"))
    _check_draft_as_adopted(repo, head, ps, p, rel, gate)
    others = [o for o in repo.at(head).list("resolutions")
              if o != rel and o.rsplit("/", 1)[-1] == f"{placeholder}.yaml"]
    if others:
        f.append(Finding(ps.path, at.line, at.col, "gate-add", "error",
                         f"ADD {pid}: placeholder {placeholder} is also used by {others[0]}",
                         "choose a placeholder of your own set, e.g. ACP-2"))


# What a draft says of "this conference" is read as the conference will read it once adopted.
_AS_ADOPTED = frozenset({"citation-this-conference"})


def _check_draft_as_adopted(repo, head: str, ps: ProposalSet, p: Proposal, rel: str, gate: Gate) -> None:
    """Check the draft of an ADD as a text of the conference it goes to: "Resolution 71 (Rev. Busan,
    2014) of this conference" in a draft to PP-18 will be wrong once PP-18 adopts it."""
    parsed = parse(repo.read_at(head, rel), rel)
    if not isinstance(parsed.model, Resolution) or parsed.findings or load_registry().get(ps.conference) is None:
        return  # `finalacts check` reports what does not load
    # A number no text has: a draft's own placeholder keeps the rules from reading it as adopted.
    adopted = replace(parsed.model, number=0, adopted=[ps.conference])
    ctx = Context(registry=load_registry())
    for f in check_parsed(replace(parsed, model=adopted), ctx):
        if f.rule in _AS_ADOPTED:
            gate.about(ps, p, replace(f, message=f"{f.message} (as {ps.conference} will adopt this draft)"))


def _check_sup_cited(repo, reg, head, ps, p, pid, rel, old_raw, gate) -> None:
    try:
        old = yamlfile.load(old_raw, rel).data
    except InputError:
        return
    number, body = old.get("number"), old.get("body")
    if not isinstance(number, int) or not isinstance(body, str) or body not in reg.bodies:
        return
    for other, raw in sorted(repo.at(head).read_all("resolutions").items()):
        try:
            d = yamlfile.load(raw, other)
        except InputError:
            continue
        own = d.data.get("body")
        found = list(_strings({k: v for k, v in d.data.items() if k not in ("body", "number", "adopted")}))
        source = Source(d.text)
        for (path, s), cites in zip(found, parse_many([s for _, s in found], _RESOLUTIONS)):
            for c in cites:
                if not _cites(c, number, body, own, reg):
                    continue
                at = locate_in_source(source, d.positions.get(path, NOWHERE), s, c.start)
                gate.about(ps, p, Finding(other, at.line, at.col, "gate-sup-cited", "warning",
                                          f"'{' '.join(c.text.split())}' cites Resolution {number}, "
                                          f"which SUP {pid} suppresses",
                                          "update the citation, or propose a MOD of this text too"))
