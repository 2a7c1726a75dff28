"""A text's lineage: the editions that adopted or revised it, and every proposal on any reachable
branch or tag that touched it, with its action and what the conference decided on it.

Editions come from the edition tags of the text's own body (and the text's own `adopted` list, for
conferences older than the repository); proposals from the manifests at every branch and tag tip.
A proposal's outcome is the one its manifest records (adopted, adopted with modifications, not
adopted, withdrawn, noted, with the deciding document); a proposal without one counts as merged
into the first edition that holds a commit carrying its `Proposal:` trailer (or, for a proposal
without commits such as a NOC, the first edition whose manifests list it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from finalacts import git
from finalacts.corpus import yamlfile
from finalacts.corpus.findings import InputError, UsageError
from finalacts.corpus.layout import key_of, text_path
from finalacts.corpus.registry import load_registry
from finalacts.provenance.origins import Provenance


@dataclass
class EditionRow:
    edition: str
    status: str  # adopted, revised, unchanged, suppressed, or adopted before this repository
    tagged: bool
    path: str | None = None


@dataclass
class ProposalRow:
    id: str
    action: str
    target: str
    submitter: str
    conference: str
    status: str  # the decision recorded, else merged, merged in no edition yet, not merged
    edition: str | None = None
    outcome: dict | None = None  # decision, document (and text, date) as the manifest records them
    refs: list[str] = field(default_factory=list)
    commits: list[str] = field(default_factory=list)
    summary: str | None = None
    reasons: str | None = None


@dataclass
class History:
    text: str
    path: str
    adopted: list[str]
    editions: list[EditionRow]
    proposals: list[ProposalRow]
    warnings: list[str] = field(default_factory=list)


def _adopted_at(repo, ref: str, rel: str) -> tuple[list[str], bool]:
    """The text's `adopted` at ref, and whether it says it has earlier editions."""
    raw = repo.read_at(ref, rel)
    try:
        d = yamlfile.load(raw, rel).data if raw is not None else None
    except InputError:
        return [], False
    if not isinstance(d, dict):
        return [], False
    return [a for a in (d.get("adopted") or []) if isinstance(a, str)], d.get("earlier_editions") is True


def history(start: Path, text: str, ref: str = "HEAD") -> History:
    """The lineage of `text` (`pp/140`) as seen from `ref` and every branch and tag."""
    repo = git.open_repo(start)
    rel = text_path(text)
    prov = Provenance(repo)
    warnings = []
    if repo.is_shallow():
        warnings.append("shallow clone: commits, tags and proposals older than the clone's depth are "
                        "missing from this history; run `git fetch --unshallow --tags`")
    commit = repo.resolve(ref)
    names = [rel]
    if repo.at(commit).blob(rel) is not None:
        names = list(dict.fromkeys([c.path for c in git.file_changes(repo, commit, rel)] + [rel]))
    editions, adopted = _editions(repo, prov, rel)
    if not editions and repo.at(commit).blob(rel) is None and not any(
            repo.at(sha).blob(rel) for _, sha in repo.ref_names()):
        raise UsageError(f"unknown text {text}: {rel} exists at no branch, tag or edition")
    keys = {key_of(p) for p in names}
    return History(text, rel, adopted, editions, _proposals(repo, prov, keys), warnings)


def _editions(repo, prov: Provenance, rel: str) -> tuple[list[EditionRow], list[str]]:
    reg = load_registry()
    # Only the editions of the text's own body: a WTSA edition also holds the PP texts, unchanged.
    folder = rel.split("/")[1] if rel.count("/") >= 2 else ""
    own = next((b.id for b in reg.bodies.values() if b.dir == folder), None)
    tags = [t for t, _ in prov.editions() if own is None or reg.conferences[t].body == own]
    rows: list[EditionRow] = []
    prev_blob = None
    adopted: list[str] = []
    earlier = False
    body = None
    for t in tags:
        blob = repo.at(t).blob(rel)
        if blob is None:
            if prev_blob is not None:
                rows.append(EditionRow(t, "suppressed", True))
            prev_blob = None
            continue
        at_tag, earlier_at_tag = _adopted_at(repo, t, rel)
        adopted, earlier = at_tag or adopted, earlier_at_tag or earlier
        body = reg.conferences[t].body
        if prev_blob is None:
            status = "revised" if adopted and adopted[-1] == t and (len(adopted) > 1 or earlier) else "adopted"
            if adopted and adopted[-1] != t:
                status = "in force"
        else:
            status = "revised" if blob != prev_blob else "unchanged"
        rows.append(EditionRow(t, status, True, rel))
        prev_blob = blob
    head_adopted, head_earlier = _adopted_at(repo, "HEAD", rel)
    adopted, earlier = head_adopted or adopted, head_earlier or earlier
    tagged = {r.edition for r in rows}
    older = [EditionRow(a, "adopted" if k == 0 and not earlier else "revised", False) for k, a in enumerate(adopted)
             if a not in tagged]
    rows = older + rows
    order = {c.id: (c.year, c.id) for c in reg.conferences.values()}
    rows.sort(key=lambda r: order.get(r.edition, (9999, r.edition)))
    if body:
        rows = [r for r in rows if r.edition not in reg.conferences or reg.conferences[r.edition].body == body]
    return rows, adopted


def _proposals(repo, prov: Provenance, keys: set[str]) -> list[ProposalRow]:
    found: dict[str, ProposalRow] = {}
    refs = repo.ref_names()
    for name, sha in refs:
        for set_id, m in prov.manifests(sha).items():
            for p in m.get("proposals") or []:
                if not isinstance(p, dict) or p.get("target") not in keys:
                    continue
                pid = f"{set_id}/{p.get('number')}"
                row = found.get(pid)
                if row is None:
                    row = found[pid] = ProposalRow(pid, str(p.get("action")), str(p.get("target")),
                                                   str(m.get("submitter")), str(m.get("conference")),
                                                   "not merged", summary=p.get("summary"), reasons=p.get("reasons"))
                if m.get("branch") == name:  # the set's own branch says best what it proposes
                    row.action, row.target = str(p.get("action")), str(p.get("target"))
                if isinstance(p.get("outcome"), dict) and (row.outcome is None or m.get("branch") == name):
                    row.outcome = p["outcome"]
                row.refs.append(name)
    shas = sorted({sha for _, sha in refs})
    head = repo.resolve("HEAD")
    on_head = None
    for row in found.values():
        row.commits = repo.commits_with_trailer(shas, row.id)
        if row.commits:
            eds = [prov.edition_of(c) for c in row.commits]
            row.edition = next((t for t, _ in prov.editions() if t in eds), None)
        else:
            row.edition = next((t for t, _ in prov.editions() if t in row.refs), None)
        if row.outcome is not None:
            row.status = str(row.outcome.get("decision"))
            # An edition holds what the conference decided only once that conference is tagged.
            row.edition = row.conference if any(t == row.conference for t, _ in prov.editions()) else None
        elif row.edition:
            row.status = "merged"
        else:
            if on_head is None:
                on_head = repo.reachable(head)
            main_refs = [r for r in row.refs if not r.startswith("proposals/") and "/proposals/" not in r]
            if (row.commits and all(c in on_head for c in row.commits)) or (not row.commits and main_refs):
                row.status = "merged, in no edition yet"
    return sorted(found.values(), key=lambda r: (r.conference, r.id))
