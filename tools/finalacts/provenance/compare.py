"""The synoptic view of one text: every proposal branch's change to it, paragraph by paragraph,
against one base, with clashes (two proposals changing the same paragraph differently) marked.

Each side is a redline of the base against that branch's text (the redline engine's alignment, so
a renumbered item is one paragraph with a new label, not a deletion and an insertion). Rejecting
every change of a redline gives the base text, so the base paragraphs line up across all sides;
insertions sit after the base paragraph they follow.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from finalacts import git
from finalacts.corpus.files import parse
from finalacts.corpus.findings import InputError, UsageError
from finalacts.corpus.layout import key_of, text_path
from finalacts.corpus.model import Resolution
from finalacts.corpus.registry import load_registry
from finalacts.provenance.blame import Provenance
from finalacts.redline import DEL, GONE_ON_ACCEPT, INS, MOVEFROM, MOVETO, Para, Run, Table, markup
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
    if base is None:
        bases = Counter(s.base for s in sides if s.base)
        base = bases.most_common(1)[0][0] if bases else None
        if base is None:
            if not sides:
                raise UsageError("no proposal branches here; name the refs to compare with --proposals")
            base = repo.merge_base("HEAD", sides[0].commit) or "HEAD"
        for s in sides:
            if s.base and s.base != base:
                notes.append(f"{s.name} is based on {s.base}; shown against {base}")
    old = _load(repo, base, rel)
    if old is None:
        raise UsageError(f"unknown text {text}: {rel} does not exist at the base {base}")
    reg = load_registry()
    kept: list[tuple[Side, list]] = []
    for s in sides:
        new = _load(repo, s.commit, rel)
        if new is None:
            s.present = False
            kept.append((s, []))
        elif new != old or refs:
            kept.append((s, redline(old, new, reg)))
    if not refs:
        # By default only the branches that change this text, or propose something for it (a NOC).
        kept = [(s, ops) for s, ops in kept if s.action or not s.present or any(
            isinstance(o, Para) and o.op != "equal" and o.where not in _DERIVED for o in ops)]
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


# ---------------------------------------------------------------- output


def _marked(runs: list[Run], colour: bool) -> str:
    out = []
    for r in runs:
        t = f"[^{r.note}]" if r.note is not None else r.text
        if r.change in (INS, MOVETO):
            out.append(f"\x1b[32;4m{t}\x1b[0m" if colour else "{+" + t + "+}")
        elif r.change in (DEL, MOVEFROM):
            out.append(f"\x1b[31;9m{t}\x1b[0m" if colour else "[-" + t + "-]")
        else:
            out.append(t)
    return "".join(out)


def _cell_text(c: Cell, colour: bool) -> str:
    lab = _marked(c.label, colour)
    body = _marked(c.runs, colour)
    shown = f"{lab} {body}".strip() if lab else body
    if c.op == "suppressed":
        return "SUP: the whole text is suppressed"
    if c.op == "delete":
        return f"deleted: {shown}"
    if c.op == "move":
        return f"moved away ({c.note})" if c.note else "moved away"
    if c.op == "moved here":
        return f"moved here ({c.note}): {shown}" if c.note else f"moved here: {shown}"
    if c.op == "insert":
        return f"added: {shown}"
    return shown


def as_text(c: Comparison, colour: bool = False) -> str:
    """Paragraphs some proposal changes, each with every side's version; clashes marked '!'."""
    width = max([len(s.name) for s in c.sides] + [4])
    lines = [f"{c.text} ({c.path}): {len(c.sides)} proposal(s) against {c.base}"]
    for s in c.sides:
        lines.append(f"  {s.name:<{width}}  {s.action or '-':<6} {s.submitter or '(no manifest)'}  [{s.ref}]")
    lines += c.notes
    lines += [f"! CLASH: {x}" for x in c.text_clashes]
    for r in c.rows:
        changed = [k for k, x in enumerate(r.cells) if x.op not in ("equal", "suppressed")]
        added = [k for k, x in enumerate(r.inserted) if x]
        if not changed and not added:
            continue
        mark = "! " if r.clash else "  "
        lines.append("")
        lines.append(f"{mark}{r.where}" + (" — CLASH: " + ", ".join(c.sides[k].name for k in r.clash)
                                           + " change it differently" if r.clash else ""))
        lines.append(f"    {'base':<{width}}  {(r.label + ' ') if r.label else ''}{r.text}")
        for k, s in enumerate(c.sides):
            if r.cells[k].op not in ("equal", "suppressed"):
                lines.append(f"    {s.name:<{width}}  {_cell_text(r.cells[k], colour)}")
        for k in added:
            for cell in r.inserted[k]:
                lines.append(f"    {c.sides[k].name:<{width}}  {_cell_text(cell, colour)}")
    if not c.sides:
        lines.append("no proposal changes this text")
    n = len(c.clashes) + len(c.text_clashes)
    lines.append("")
    lines.append(f"{n} clash{'es' * (n != 1)}")
    return "\n".join(lines) + "\n"


def _runs_json(runs: list[Run]) -> list[dict]:
    return [{"text": f"[^{r.note}]" if r.note is not None else r.text, "change": r.change} for r in runs]


def as_json(c: Comparison) -> str:
    cell = lambda x: {"op": x.op, "result": x.result, "label": _runs_json(x.label),  # noqa: E731
                      "runs": _runs_json(x.runs), "note": x.note}
    data = {"text": c.text, "path": c.path, "base": c.base, "notes": c.notes, "text_clashes": c.text_clashes,
            "sides": [{"name": s.name, "ref": s.ref, "commit": s.commit, "submitter": s.submitter,
                       "action": s.action, "base": s.base, "present": s.present} for s in c.sides],
            "rows": [{"where": r.where, "label": r.label, "text": r.text, "clash": [c.sides[k].name for k in r.clash],
                      "cells": [cell(x) for x in r.cells],
                      "inserted": [[cell(x) for x in ins] for ins in r.inserted]} for r in c.rows]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _runs_html(runs: list[Run]) -> str:
    out = []
    for r in runs:
        t = html.escape(f"[^{r.note}]" if r.note is not None else r.text)
        if r.change in (INS, MOVETO):
            out.append(f"<ins>{t}</ins>")
        elif r.change in (DEL, MOVEFROM):
            out.append(f"<del>{t}</del>")
        else:
            out.append(t)
    return "".join(out)


def as_html(c: Comparison) -> str:
    """A self-contained page: one column per proposal, one row per paragraph, clashes highlighted."""
    e = html.escape
    head = "".join(f"<th>{e(s.name)}<br><small>{e(s.submitter or s.ref)}</small></th>" for s in c.sides)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(f'compare {c.text}')}</title><style>"
           "body{font-family:serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
           "padding:.3em .5em;vertical-align:top}tr.clash td{background:#fee}ins{color:#060}del{color:#a00}"
           "</style></head><body>",
           f"<h1>{e(c.text)}</h1><p>against {e(c.base)}; {len(c.clashes) + len(c.text_clashes)} clash(es)</p>",
           *(f"<p><strong>CLASH: {e(x)}</strong></p>" for x in c.text_clashes),
           f"<table><tr><th>paragraph</th><th>base</th>{head}</tr>"]
    for r in c.rows:
        cells = []
        for k in range(len(c.sides)):
            x = r.cells[k]
            body = "" if x.op == "equal" else e(x.op) + ": " + _runs_html(x.label) + " " + _runs_html(x.runs)
            body += "".join(f"<br>{e(i.op)}: {_runs_html(i.label)} {_runs_html(i.runs)}" for i in r.inserted[k])
            cells.append(f"<td>{body}</td>")
        cls = ' class="clash"' if r.clash else ""
        out.append(f"<tr{cls}><td>{e(r.where)}</td><td>{e(r.label)} {e(r.text)}</td>{''.join(cells)}</tr>")
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"
