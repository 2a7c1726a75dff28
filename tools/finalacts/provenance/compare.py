"""The synoptic view of one text: every proposal branch's change to it, paragraph by paragraph,
against one base, with clashes (two proposals changing the same paragraph differently) marked.

Each side is a redline of the base against that branch's text (the redline engine's alignment, so
a renumbered item is one paragraph with a new label, not a deletion and an insertion). Rejecting
every change of a redline gives the base text, so the base paragraphs line up across all sides;
insertions sit after the base paragraph they follow.

During a merge that left conflicts in the text (corpus/conflicts.py), the two sides of the merge
are shown instead: ours and theirs against the base, each conflict a clash.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from finalacts import git
from finalacts.corpus import conflicts, yamlfile
from finalacts.corpus.files import parse
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.layout import key_of, text_path
from finalacts.corpus.model import Resolution, resolution_from_data
from finalacts.corpus.registry import load_registry
from finalacts.provenance.origins import Provenance
from finalacts.redline import GONE_ON_ACCEPT, Para, Run, Table, markup
from finalacts.redline import compare as redline

# Derived from body, number and adopted: every MOD changes them alike, so they say nothing here.
_DERIVED = {"title line", "history line", "preamble"}


@dataclass
class Side:
    ref: str
    commit: str
    name: str  # proposal ids, or the ref when no manifest names this text
    submitter: str | None
    action: str | None
    base: str
    present: bool = True


@dataclass
class Cell:
    """One side's change to one base paragraph: op is equal, modify, delete, move or suppressed."""

    op: str
    runs: list[Run] = field(default_factory=list)
    label: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def result(self) -> str:
        """The paragraph as this side would have it ('' when it goes)."""
        if self.op in ("delete", "suppressed", "move"):
            return ""
        lab = markup([r for r in self.label if r.change not in GONE_ON_ACCEPT])
        txt = markup([r for r in self.runs if r.change not in GONE_ON_ACCEPT])
        return f"{lab}\t{txt}" if lab else txt


@dataclass
class Row:
    where: str
    label: str
    text: str
    cells: list[Cell]
    inserted: list[list[Cell]] = field(default_factory=list)  # per side, paragraphs added after this one
    clash: list[int] = field(default_factory=list)  # sides that clash here


@dataclass
class Comparison:
    text: str
    path: str
    base: str
    sides: list[Side]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    text_clashes: list[str] = field(default_factory=list)  # a suppression against modifications

    @property
    def clashes(self) -> list[Row]:
        return [r for r in self.rows if r.clash]


def _load(repo, ref: str, rel: str) -> Resolution | None:
    raw = repo.read_at(ref, rel)
    if raw is None:
        return None
    parsed = parse(raw, f"{ref}:{rel}")
    if parsed.findings:
        raise InputError(parsed.findings[0])
    return parsed.model  # type: ignore[return-value]


def _proposal_branches(repo) -> list[tuple[str, str]]:
    return [(n, sha) for n, sha in repo.ref_names()
            if n.startswith("proposals/") or ("/proposals/" in n and not n.startswith("PP"))]


def _side(repo, prov: Provenance, ref: str, sha: str, key: str) -> Side:
    for m in prov.manifests(sha).values():
        if m.get("branch") not in (ref, ref.split("/", 1)[-1]):
            continue
        props = [p for p in m.get("proposals") or [] if isinstance(p, dict) and p.get("target") == key]
        if props:
            ids = ", ".join(f"{m['id']}/{p.get('number')}" for p in props)
            return Side(ref, sha, ids, m.get("submitter"), "/".join(str(p.get("action")) for p in props),
                        str(m.get("base") or ""))
        return Side(ref, sha, ref, m.get("submitter"), None, str(m.get("base") or ""))
    return Side(ref, sha, ref, None, None, "")


def compare(start: Path, text: str, refs: list[str], base: str | None = None) -> Comparison:
    """Each proposal's change to `text` (`pp/140`), paragraph by paragraph against one base edition."""
    repo = git.open_repo(start)
    rel = text_path(text)
    if not refs:
        merging = _conflict(repo, text, rel)
        if merging is not None:
            return merging
    key = key_of(rel)
    prov = Provenance(repo)
    if refs:
        chosen = [(r, repo.resolve(r)) for r in refs]
    else:
        # By default the live sets: proposal branches that no edition holds yet.
        chosen = [(r, sha) for r, sha in _proposal_branches(repo)
                  if not any(sha in held for _, held in prov.editions())]
    sides = [_side(repo, prov, r, sha, key) for r, sha in chosen]
    notes = []
    reg = load_registry()
    if not sides:
        raise UsageError("no proposal branches here; name the refs to compare with --proposals")
    if base is None:
        # The base is an edition of the text's own body: a WTSA set's base says nothing of a PP text.
        own = _body_of(reg, rel)
        mine = [s for s in sides if s.base and (own is None or _body_of_edition(reg, s.base) in (own, None))]
        bases = Counter(s.base for s in mine)
        base = bases.most_common(1)[0][0] if bases else None
        if base is None and own is not None:
            held = [t for t, _ in prov.editions() if reg.conferences[t].body == own]
            base = held[-1] if held else None
        if base is None:
            base = repo.merge_base("HEAD", sides[0].commit) or "HEAD"
        for s in mine:
            if s.base != base:
                notes.append(f"{s.name} is based on {s.base}; shown against {base}")
    old = _load(repo, base, rel)
    if old is None:
        raise UsageError(f"unknown text {text}: {rel} does not exist at the base {base}")
    kept: list[tuple[Side, list]] = []
    for s in sides:
        new = _load(repo, s.commit, rel)
        if new is None:
            s.present = False
            kept.append((s, []))
        elif new != old or refs:
            kept.append((s, redline(old, new, reg)))
    if not refs:
        # By default only the branches that change this text since their own base, or propose
        # something for it (a NOC): a branch cut before the base moved on did not revert it.
        kept = [(s, ops) for s, ops in kept if s.action or (_touches(repo, s, rel) and (not s.present or any(
            isinstance(o, Para) and o.op != "equal" and o.where not in _DERIVED for o in ops)))]
    return _comparison(text, rel, base, old, kept, notes, reg)


def _conflict(repo, text: str, rel: str) -> Comparison | None:
    """The two sides of a merge that left conflicts in the work tree's copy of the text, if it did."""
    path = repo.top / rel
    raw = path.read_bytes() if path.is_file() else b""
    if not conflicts.has(raw.decode("utf-8", "replace")):
        return None
    loaded = yamlfile.load(raw, rel)
    try:
        versions = {side: resolution_from_data(conflicts.resolve_data(loaded.data, side), None, rel)
                    for side in (conflicts.BASE, conflicts.OURS, conflicts.THEIRS)}
    except (KeyError, TypeError, ValueError):
        raise InputError(Finding(rel, 1, 1, "merge-conflict", "error",
                                 "the sides of the merge conflicts in this file cannot be read apart",
                                 "resolve the conflicts by hand (`finalacts check` lists them)")) from None
    reg = load_registry()
    old = versions[conflicts.BASE]
    kept = [(Side(side, "", side, None, None, "the merge base"), redline(old, versions[side], reg))
            for side in (conflicts.OURS, conflicts.THEIRS)]
    n = sum(len(conflicts.find(t)) for _, t in conflicts.strings(loaded.data))
    notes = [f"the two sides of the {n} merge conflict{'s' * (n != 1)} left in {rel}; elsewhere the text "
             "is merged"]
    return _comparison(text, rel, "the merge base", old, kept, notes, reg)


def _comparison(text: str, rel: str, base: str, old: Resolution, kept: list[tuple[Side, list]], notes: list[str],
                reg) -> Comparison:
    base_ops = redline(old, old, reg)
    rows = [Row(o.where, markup(o.label), markup(o.runs), []) for o in base_ops
            if isinstance(o, Para) and o.where not in _DERIVED]
    for s, ops in kept:
        _fill(rows, ops, s.present)
    for r in rows:
        changed = [k for k, c in enumerate(r.cells) if c.op not in ("equal", "suppressed")]
        results = {r.cells[k].result for k in changed}
        if len(changed) > 1 and len(results) > 1:
            r.clash = changed
    out = Comparison(text, rel, base, [s for s, _ in kept], rows, notes)
    gone = [s.name for s in out.sides if not s.present]
    changing = [s.name for s, ops in kept if s.present and any(
        isinstance(o, Para) and o.op != "equal" and o.where not in _DERIVED for o in ops)]
    if gone and changing:
        out.text_clashes.append(f"{', '.join(gone)} suppress{'es' * (len(gone) == 1)} the text that "
                                f"{', '.join(changing)} modif{'ies' if len(changing) == 1 else 'y'}")
    return out


def _touches(repo, s: Side, rel: str) -> bool:
    """Whether branch `s` changed `rel` since its own base (its manifest's, else its fork from HEAD)."""
    own = None
    if s.base:
        try:
            own = repo.resolve(s.base)
        except UsageError:
            own = None
    own = own or repo.merge_base("HEAD", s.commit)
    return own is None or repo.at(own).blob(rel) != repo.at(s.commit).blob(rel)


def _body_of(reg, rel: str) -> str | None:
    """The body whose folder holds `rel` (resolutions/pp/140.yaml -> PP)."""
    folder = rel.split("/")[1] if rel.count("/") >= 2 else ""
    return next((b.id for b in reg.bodies.values() if b.dir == folder), None)


def _body_of_edition(reg, edition: str) -> str | None:
    conf = reg.get(edition)
    return conf.body if conf is not None else None


def _fill(rows: list[Row], ops: list, present: bool) -> None:
    """Add one side's cells: one per base paragraph, and the paragraphs it inserts after each."""
    if not present:
        for r in rows:
            r.cells.append(Cell("suppressed"))
            r.inserted.append([])
        return
    k = -1
    cells: list[Cell] = []
    inserted: list[list[Cell]] = [[] for _ in range(len(rows) + 1)]
    for o in ops:
        if isinstance(o, Table) or o.where in _DERIVED:
            continue
        if o.op in ("insert", "move-to"):
            inserted[k + 1].append(Cell("insert" if o.op == "insert" else "moved here", o.runs, o.label, o.note))
            continue
        k += 1
        op = {"equal": "equal", "modify": "modify", "delete": "delete", "move-from": "move"}[o.op]
        cells.append(Cell(op, o.runs, o.label, o.note))
    for j, r in enumerate(rows):
        r.cells.append(cells[j] if j < len(cells) else Cell("equal"))
        r.inserted.append(inserted[j + 1])
