"""How blame, history and compare are shown: text (optionally coloured), JSON and HTML, registered
by name in VIEWS so that the command line offers exactly these formats."""

from __future__ import annotations

import html
import json
from dataclasses import asdict

from finalacts.provenance.blame import Blame
from finalacts.provenance.compare import Cell, Comparison
from finalacts.provenance.history import History
from finalacts.provenance.origins import Origin
from finalacts.redline import DEL, INS, MOVEFROM, MOVETO, Run

# ---------------------------------------------------------------- blame

_COLOURS = (33, 36, 35, 32, 34, 31, 93, 96, 95, 92, 94, 91)


def _tag(k: int) -> str:
    return f"[{k + 1}]"


def _origin_line(o: Origin) -> str:
    parts = [o.who]
    if o.action:
        parts.append(o.action)
    parts.append(f"edition {o.edition}" if o.edition else "in no edition yet")
    parts.append(f"commit {o.short} by {o.author} <{o.email}>, {o.date}, {o.signed}: {o.subject}")
    if o.note:
        parts.append(o.note)
    return "; ".join(parts)


def blame_text(b: Blame, colour: bool = False) -> str:
    """Terminal output: one line per paragraph, phrases marked [n] (and coloured), then the legend."""

    def paint(k: int, s: str) -> str:
        return f"\x1b[{_COLOURS[k % len(_COLOURS)]}m{s}\x1b[0m" if colour else s

    lines = [f"{b.text} ({b.path} at {b.ref}, {b.commit[:8]})"]
    for e in b.entries:
        ed = b.origins[e.origin].edition or "no edition yet"
        head = f"{b.path}:{e.line}: {e.where}: entered {paint(e.origin, _tag(e.origin))} ({ed})"
        for old, new, w in e.relabels:
            head += f"; relabelled {old} -> {new} by {paint(w, _tag(w))}"
        for w in e.moves:
            head += f"; moved by {paint(w, _tag(w))}"
        for w in e.cut:
            head += f"; words removed by {paint(w, _tag(w))}"
        lines.append(head)
        body = "".join(paint(s.origin, f"{_tag(s.origin)}{s.text}") for s in e.spans)
        lines.append(f"    {body}")
    lines.append("")
    lines.append("legend:")
    for k, o in enumerate(b.origins):
        lines.append(f"  {paint(k, _tag(k))} {_origin_line(o)}")
    return "\n".join(lines) + "\n"


def blame_json(b: Blame, colour: bool = False) -> str:
    """Machine output: origins by index, entries with spans."""
    data = {
        "text": b.text, "path": b.path, "ref": b.ref, "commit": b.commit, "warnings": b.warnings,
        "origins": [o.to_dict() for o in b.origins],
        "entries": [{"where": e.where, "line": e.line, "label": e.label, "origin": e.origin,
                     "relabels": [{"from": a, "to": c, "origin": w} for a, c, w in e.relabels],
                     "moves": e.moves, "removed_by": e.cut,
                     "spans": [{"text": s.text, "origin": s.origin} for s in e.spans]}
                    for e in b.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_CSS = """body{font-family:serif;max-width:60em;margin:2em auto;line-height:1.5}
.e{margin:.4em 0}.w{font-family:sans-serif;font-size:.8em;color:#555}
span.o{border-bottom:2px solid;cursor:help;padding:0 1px}
table{border-collapse:collapse;font-family:sans-serif;font-size:.85em}td{padding:.2em .5em;border-top:1px solid #ddd}
"""
_HUES = (30, 190, 290, 120, 220, 0, 60, 160, 260, 330, 90, 250)


def blame_html(b: Blame, colour: bool = False) -> str:
    """A self-contained page: every phrase coloured by origin; hovering shows who and why."""
    e_ = html.escape
    css = [_CSS] + [f".o{k}{{background:hsl({_HUES[k % len(_HUES)]},80%,90%);border-color:hsl({_HUES[k % len(_HUES)]},60%,45%)}}"
                    for k in range(len(b.origins))]
    # The page speaks English; the words blamed are in their own language (a language version's).
    lang = "" if b.lang == "en" else f' lang="{e_(b.lang, quote=True)}"' + (' dir="rtl"' if b.rtl else "")
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e_(f'blame {b.text} at {b.ref}')}</title><style>{''.join(css)}</style></head><body>",
           f"<h1>{e_(b.text)}</h1><p class=\"w\">{e_(b.path)} at {e_(b.ref)} ({e_(b.commit[:8])})</p>"]
    for w in b.warnings:
        out.append(f"<p><strong>{e_(w)}</strong></p>")
    for ent in b.entries:
        spans = "".join(f'<span class="o o{s.origin}" title="{e_(_origin_line(b.origins[s.origin]), quote=True)}">'
                        f"{e_(s.text)}</span>" for s in ent.spans)
        cut = "".join(f"; words removed by {e_(_tag(w))}" for w in ent.cut)
        out.append(f'<div class="e"><div class="w">{e_(ent.where)} (line {ent.line}; entered '
                   f'{e_(_tag(ent.origin))}{cut})</div>{f"<div{lang}>{spans}</div>" if lang else spans}</div>')
    out.append("<h2>Legend</h2><table>")
    for k, o in enumerate(b.origins):
        out.append(f'<tr><td><span class="o o{k}">{e_(_tag(k))}</span></td><td>{e_(_origin_line(o))}</td></tr>')
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- history


def history_text(h: History, colour: bool = False) -> str:
    """The lineage for a terminal."""
    lines = [f"{h.text} ({h.path})", f"adopted: {', '.join(h.adopted) or 'never (a draft)'}", "", "editions:"]
    for r in h.editions:
        where = "" if r.tagged else "  (no edition tag in this repository)"
        lines.append(f"  {r.edition:<9} {r.status}{where}")
    if not h.editions:
        lines.append("  none: the text is in no edition yet")
    lines += ["", "proposals:"]
    for p in h.proposals:
        state = _state(p)
        lines.append(f"  {p.id:<14} {p.action:<6} {p.target:<10} {p.conference:<7} {state}  — {p.submitter}")
        refs = ", ".join(p.refs[:3]) + (f" and {len(p.refs) - 3} more" if len(p.refs) > 3 else "")
        lines.append(f"      on: {refs}; commits: {', '.join(c[:8] for c in p.commits) or 'none'}")
    if not h.proposals:
        lines.append("  none on any branch or tag")
    return "\n".join(lines) + "\n"


def _state(p) -> str:
    """What became of a proposal: the recorded decision and its document, else where it was merged."""
    if p.outcome:
        at = f" at {p.conference}" if p.edition else f" at {p.conference} (not tagged yet)"
        return f"{p.status}{at}, {p.outcome.get('document')}"
    if p.edition:
        return f"merged into {p.edition} (no outcome recorded)"
    return p.status


def history_json(h: History, colour: bool = False) -> str:
    return json.dumps(asdict(h), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- compare


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


def compare_text(c: Comparison, colour: bool = False) -> str:
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


def compare_json(c: Comparison, colour: bool = False) -> str:
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


def compare_html(c: Comparison, colour: bool = False) -> str:
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


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def compare_markdown(c: Comparison, colour: bool = False) -> str:
    """A table for a pull request's job summary: each paragraph some proposal changes, each side's
    version in its column (~~deleted~~, **inserted**), clashes marked."""
    def mark(t: str, m: str) -> str:
        # Markdown emphasis may not start or end with a space: keep the spaces outside the marks.
        core = t.strip()
        return f"{t[:len(t) - len(t.lstrip())]}{m}{core}{m}{t[len(t.rstrip()):]}" if core else t

    def cell(x: Cell) -> str:
        runs = [mark(r.text, "~~") if r.change in (DEL, MOVEFROM) else mark(r.text, "**") if r.change in (INS, MOVETO)
                else r.text for r in x.label + [Run(" ")] + x.runs]
        return _md({"equal": "", "suppressed": "SUP"}.get(x.op, "".join(runs).strip()))

    n = len(c.clashes) + len(c.text_clashes)
    out = [f"#### {c.text}: {len(c.sides)} proposal(s) against {c.base}, {n} clash{'es' * (n != 1)}", ""]
    if c.text_clashes:
        out += [f"- **CLASH**: {_md(x)}" for x in c.text_clashes] + [""]
    if not c.sides:
        return "\n".join(out + ["No proposal changes this text.", ""])
    out += ["| | where | " + " | ".join(_md(s.name) for s in c.sides) + " |",
            "|---|---|" + "---|" * len(c.sides)]
    for r in c.rows:
        changed = [k for k, x in enumerate(r.cells) if x.op not in ("equal", "suppressed")]
        if changed or any(r.inserted):
            cells = [cell(r.cells[k]) + "".join(f"<br>added: {cell(i)}" for i in r.inserted[k])
                     for k in range(len(c.sides))]
            out.append(f"| {'⚠️' if r.clash else ''} | {_md(r.where)} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n\n"


# what -> format -> view(result, colour) -> text; `--format` of each command offers these names.
VIEWS = {
    "blame": {"text": blame_text, "json": blame_json, "html": blame_html},
    "history": {"text": history_text, "json": history_json},
    "compare": {"text": compare_text, "json": compare_json, "html": compare_html, "markdown": compare_markdown},
}
