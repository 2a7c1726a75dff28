"""`finalacts proposal check`: the diff from a base edition to the head agrees with the manifest.

The manifests in play are those under proposals/ that differ between their own `base` edition
and the head. Each is checked proposal by proposal against `git diff base head` of resolutions/.
A manifest that cannot be read, names a target outside resolutions/, or a changed file with a
merge-conflict marker makes the gate unusable: `Gate.fatal` is set and the command exits 2.
Rule entries below follow the ruledocs format (id, severity, passing and failing examples).

`gate-numbering` (error): proposals are numbered 1..N in order, without gaps or duplicates.

    passing: numbers 1, 2, 3
    failing: numbers 1, 3 (a gap), or 1, 1 (a duplicate)

`gate-reasons` (error): SUP and NOC proposals carry `reasons`.

    passing: `{action: SUP, target: pp/185, reasons: Its work is done.}`
    failing: `{action: SUP, target: pp/185}`

`gate-target` (error): the target exists in the base edition (MOD, (MOD), SUP, NOC), a target
without a number is used only by NOC, and no two proposals name the same target.

    passing: `MOD pp/11` where resolutions/pp/11.yaml is in PP-14
    failing: `MOD pp/999`; `MOD pp/11` twice; `target: ../../etc/passwd` (exits 2)

`gate-mod-unchanged` (error): a MOD or (MOD) target is changed on the branch.

    passing: MOD pp/11 with resolves 1 reworded
    failing: MOD pp/140 with resolutions/pp/140.yaml as in the base edition

`gate-mod-adopted` (error): a MOD or (MOD) target ends its `adopted` with the conference, so
its title reads "(Rev. Dubai, 2018)".

    passing: `adopted: [PP-98, PP-14, PP-18]` for a proposal to PP-18
    failing: `adopted: [PP-98, PP-14]`

`gate-editorial` (error): a (MOD) changes nothing but editorial detail. Editorial, plainly:
every text keeps the same words in the same order and the same structure (sections, items,
labels, footnotes, annexes); only punctuation, letter case and spacing may differ.

    passing: "the Union; in particular," -> "the Union, in particular"
    failing: "the Union" -> "the Union and its Members"

`gate-noc-changed` (error): a NOC target is byte for byte as in the base edition.

    passing: NOC pp/200 with the file untouched
    failing: NOC pp/200 with "Connect 2020" changed to "Connect 2030"

`gate-sup-present` (error): a SUP target is removed on the branch.

    passing: SUP pp/185 with resolutions/pp/185.yaml deleted
    failing: SUP pp/185 with the file still there

`gate-sup-cited` (warning): another text in force at the head still cites a suppressed text.

    passing: no text cites Resolution 185 after its SUP
    failing: "Resolution 185 (Busan, 2014) of the Plenipotentiary Conference" in pp/71

`gate-add` (error): an ADD creates `resolutions/<body>/<placeholder>.yaml` whose `number` is
the placeholder, and no other text uses that placeholder.

    passing: `ADD pp/ACP-1` with a new resolutions/pp/ACP-1.yaml holding `number: ACP-1`
    failing: the file missing, `number: ACP-2` in it, or resolutions/wtdc/ACP-1.yaml as well

`gate-unannounced` (error): every file changed under resolutions/ belongs to exactly one proposal.

    passing: only the targets of the manifest's proposals change
    failing: resolutions/pp/71.yaml edited with no proposal naming pp/71

`gate-base` (error): the head contains the base edition, else the finding gives the exact
`git rebase --onto` command; a base older than the latest edition before the conference is
a warning with the command to move on.

    passing: a branch created by `finalacts proposal new ... --base PP-14`
    failing: PP-14 re-cut after the branch was made: `git rebase --onto PP-14 <fork> <branch>`

`gate-conflict` (error): no merge-conflict marker (<<<<<<<, >>>>>>>) is left in a changed file
or a manifest; the gate stops and exits 2.

    passing: a resolved merge
    failing: a line `<<<<<<< HEAD` in resolutions/pp/11.yaml
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import gitrefs, yamlfile
from ..corpus import parse
from ..findings import Finding, InputError, UsageError
from ..model import NOWHERE, ProposalSet


RULES = {
    "gate-numbering": "error", "gate-reasons": "error", "gate-target": "error",
    "gate-mod-unchanged": "error", "gate-mod-adopted": "error", "gate-editorial": "error",
    "gate-noc-changed": "error", "gate-sup-present": "error", "gate-sup-cited": "warning",
    "gate-add": "error", "gate-unannounced": "error", "gate-base": "error", "gate-conflict": "error",
}


@dataclass
class Gate:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    manifests: list[str] = field(default_factory=list)
    fatal: bool = False


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


def _cites(text: str, number: int, body: str, reg, same_body: bool) -> bool:
    """Whether `text` cites resolution `number` of `body` (by conference place or by body name)."""
    cited_as = reg.bodies[body].cited_as
    for m in re.finditer(rf"\bResolution {number}\b(?![./-]\d)", text):
        tail = text[m.end():m.end() + 120]
        place = re.match(r"\s*\((?:Rev\.\s*)?([^,()]+),\s*(\d{4})\)", tail)
        if place:
            conf = reg.find_place(place.group(1).strip(), int(place.group(2)))
            if conf is not None:
                if conf.body == body:
                    return True
                continue
        if cited_as and cited_as in tail[:90]:
            return True
        if same_body and " of the " not in tail[:90]:
            return True
    return False


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


def _load_manifest(repo, ref: str, rel: str, gate: Gate) -> ProposalSet | None:
    raw = gitrefs.read_at(repo, ref, rel)
    line = gitrefs.conflict_line(raw)
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
    for i, p in enumerate(data.data.get("proposals") or []):
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


def manifests_in_play(repo, head: str) -> list[str]:
    """Manifests at `head` that differ from their own base edition (or are new there)."""
    out = []
    for rel in gitrefs.list_at(repo, head, "proposals"):
        raw = gitrefs.read_at(repo, head, rel)
        try:
            base = yamlfile.load(raw, rel).data.get("base")
        except InputError:
            out.append(rel)  # unreadable: in play, so the reader hears about it
            continue
        try:
            before = gitrefs.read_at(repo, base, rel) if isinstance(base, str) else None
        except UsageError:
            before = None
        if before != raw:
            out.append(rel)
    return out


def run(repo, head: str = "HEAD", base: str | None = None, manifest: str | None = None) -> Gate:
    """Check every manifest in play at `head` against the diff from its base (or `base`)."""
    from ..registry import load_registry

    reg = load_registry()
    gitrefs.require_full_history(repo)
    head = gitrefs.resolve(repo, head).hexsha  # one lookup; every later read uses the id
    if base is not None:
        gitrefs.resolve(repo, base)
    gate = Gate()
    rels = [manifest] if manifest else manifests_in_play(repo, head)
    if not rels:
        raise UsageError(f"no proposal manifest under proposals/ differs from its base edition at {head}")
    sets = []
    for rel in rels:
        if gitrefs.read_at(repo, head, rel) is None:
            raise UsageError(f"{rel} does not exist at {head}")
        ps = _load_manifest(repo, head, rel, gate)
        gate.manifests.append(rel)
        if ps is not None:
            sets.append(ps)
    if gate.fatal:
        return gate
    bases = {base or ps.base for ps in sets}
    for b in sorted(bases):
        group = [ps for ps in sets if (base or ps.base) == b]
        _check_group(repo, reg, head, b, group, gate)
    # `ignore:` in a manifest (whole set or one proposal) silences a rule there, as in texts.
    from . import _ignored, ignore_spans

    for ps in sets:
        spans = ignore_spans(ps)
        gate.findings = [f for f in gate.findings if not (f.path == ps.path and _ignored(f, spans))]
    gate.findings.sort()
    return gate


def _check_group(repo, reg, head: str, base: str, sets: list[ProposalSet], gate: Gate) -> None:
    try:
        base_sha = gitrefs.resolve(repo, base).hexsha
    except UsageError as e:
        # The manifest comes with the pull request: its `base` is untrusted and never reaches git
        # as an option (gitrefs refuses it first).
        for ps in sets:
            at = ps.at("base")
            gate.findings.append(Finding(ps.path, at.line, at.col, "gate-base", "error",
                                         f"base edition: {e}",
                                         "fetch the tags (git fetch --tags) or correct `base`"))
        return
    _check_base(repo, reg, head, base, sets, gate)
    changes = [c for c in gitrefs.changes(repo, base_sha, head) if c.path.startswith("resolutions/")]
    changed = {c.path: c.status for c in changes}
    gate.files = len(changed)
    for c in changes:
        if c.status != "D":
            line = gitrefs.conflict_line(gitrefs.read_at(repo, head, c.path) or b"")
            if line:
                gate.findings.append(Finding(c.path, line, 1, "gate-conflict", "error",
                                             "merge conflict marker left in the file",
                                             "resolve the conflict and commit again"))
                gate.fatal = True
    if gate.fatal:
        return
    owners: dict[str, list[str]] = {}
    for ps in sets:
        _check_set(repo, reg, head, base, base_sha, ps, changed, owners, gate)
    for path, status in sorted(changed.items()):
        who = owners.get(path, [])
        if not who:
            verb = {"A": "added", "D": "removed"}.get(status, "changed")
            gate.findings.append(Finding(path, 1, 1, "gate-unannounced", "error",
                                         f"file {verb} on the branch but no proposal names it",
                                         "add a proposal for it (finalacts proposal add) or undo the change"))
        elif len(who) > 1:
            gate.findings.append(Finding(path, 1, 1, "gate-unannounced", "error",
                                         f"file belongs to several proposals: {', '.join(who)}",
                                         "keep one proposal per text"))


def _check_base(repo, reg, head, base, sets, gate) -> None:
    ps = sets[0]
    at = ps.at("base")
    branch = ps.branch or "<branch>"
    if not gitrefs.is_ancestor(repo, base, head):
        mb = gitrefs.merge_base(repo, base, head)
        fork = mb[:12] if mb else "<old-base>"
        gate.findings.append(Finding(ps.path, at.line, at.col, "gate-base", "error",
                                     f"the branch is not based on {base}: {base} is not in its history",
                                     f"git rebase --onto {base} {fork} {branch}"))
        return
    conf = reg.get(base)
    if conf is None:
        return
    names = {t.name for t in repo.tags}
    target = reg.get(ps.conference)
    newer = [c.id for c in reg.by_body[conf.body]
             if c.year > conf.year and c.id in names and (target is None or c.year < target.year)]
    if newer:
        gate.findings.append(Finding(ps.path, at.line, at.col, "gate-base", "warning",
                                     f"base {base} is stale: edition {newer[-1]} is out",
                                     f"git rebase --onto {newer[-1]} {base} {branch}, then set base: {newer[-1]}"))


def _data_at(repo, ref, rel):
    raw = gitrefs.read_at(repo, ref, rel)
    if raw is None:
        return None
    try:
        return yamlfile.load(raw, rel)
    except InputError:
        return None


def _check_set(repo, reg, head, base, base_sha, ps: ProposalSet, changed, owners, gate) -> None:
    """One manifest's proposals; `base` names the edition in messages, `base_sha` is read."""
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
        old_raw = gitrefs.read_at(repo, base_sha, rel)
        new_raw = gitrefs.read_at(repo, head, rel)
        if p.action == "ADD":
            _check_add(repo, head, ps, p, pid, rel, old_raw, new_raw, gate)
            continue
        if old_raw is None:
            f.append(Finding(path, at.line, at.col, "gate-target", "error",
                             f"{pid}: {rel} is not in the base edition {base}",
                             "name a text in force, or use ADD for a new one"))
            continue
        if p.action == "NOC":
            if new_raw != old_raw:
                f.append(Finding(rel, 1, 1, "gate-noc-changed", "error",
                                 f"NOC {pid} keeps this text unchanged, but the branch changes it",
                                 f"git checkout {base} -- {rel}"))
        elif p.action == "SUP":
            if new_raw is not None:
                f.append(Finding(path, at.line, at.col, "gate-sup-present", "error",
                                 f"SUP {pid}: {rel} is still present", f"git rm {rel}"))
            else:
                _check_sup_cited(repo, reg, head, p, pid, rel, old_raw, gate)
        else:  # MOD, (MOD)
            if new_raw is None:
                f.append(Finding(path, at.line, at.col, "gate-target", "error",
                                 f"{p.action} {pid}: {rel} was removed", "restore it, or propose SUP"))
                continue
            if new_raw == old_raw:
                f.append(Finding(path, at.line, at.col, "gate-mod-unchanged", "error",
                                 f"{p.action} {pid}: {rel} is unchanged", "edit the text, or propose NOC"))
                continue
            new = _data_at(repo, head, rel)
            old = _data_at(repo, base_sha, rel)
            if new is None or old is None:
                continue  # `finalacts check` reports unreadable texts
            adopted = new.data.get("adopted") or []
            if not adopted or adopted[-1] != ps.conference:
                ap = new.positions.get(("adopted",), NOWHERE)
                f.append(Finding(rel, ap.line, ap.col, "gate-mod-adopted", "error",
                                 f"{p.action} {pid}: `adopted` does not end with {ps.conference}",
                                 f"append {ps.conference} to `adopted` (finalacts proposal add does this)"))
            if p.action == "(MOD)" and not is_editorial(old.data, new.data):
                f.append(Finding(rel, 1, 1, "gate-editorial", "error",
                                 f"(MOD) {pid} changes words or structure, not only punctuation, case "
                                 "or spacing", "make it a MOD proposal"))


def _check_add(repo, head, ps, p, pid, rel, old_raw, new_raw, gate) -> None:
    f = gate.findings
    at = p.at("target")
    placeholder = p.target.split("/", 1)[1]
    if old_raw is not None or new_raw is None:
        f.append(Finding(ps.path, at.line, at.col, "gate-add", "error",
                         f"ADD {pid}: {rel} must be a new file on the branch",
                         "create it with finalacts proposal add ADD <body> --placeholder <ID>"))
        return
    new = _data_at(repo, head, rel)
    if new is None:
        return
    if new.data.get("number") != placeholder:
        np_ = new.positions.get(("number",), NOWHERE)
        f.append(Finding(rel, np_.line, np_.col, "gate-add", "error",
                         f"ADD {pid}: number is {new.data.get('number')!r}, expected the placeholder {placeholder}",
                         f"set number: {placeholder}"))
    others = [o for o in gitrefs.list_at(repo, head, "resolutions")
              if o != rel and o.rsplit("/", 1)[-1] == f"{placeholder}.yaml"]
    if others:
        f.append(Finding(ps.path, at.line, at.col, "gate-add", "error",
                         f"ADD {pid}: placeholder {placeholder} is also used by {others[0]}",
                         "choose a placeholder of your own set, e.g. ACP-2"))


def _check_sup_cited(repo, reg, head, p, pid, rel, old_raw, gate) -> None:
    try:
        old = yamlfile.load(old_raw, rel).data
    except InputError:
        return
    number, body = old.get("number"), old.get("body")
    if not isinstance(number, int) or body not in reg.bodies:
        return
    for other, raw in sorted(gitrefs.read_all(repo, head, "resolutions").items()):
        try:
            d = yamlfile.load(raw, other)
        except InputError:
            continue
        same = d.data.get("body") == body
        for path, s in _strings({k: v for k, v in d.data.items() if k not in ("body", "number", "adopted")}):
            if _cites(s, number, body, reg, same):
                at = d.positions.get(path, NOWHERE)
                gate.findings.append(Finding(other, at.line, at.col, "gate-sup-cited", "warning",
                                             f"cites Resolution {number}, which SUP {pid} suppresses",
                                             "update the citation, or propose a MOD of this text too"))
                break
