"""Narrow suppression: `ignore: [rule-id]` on a node silences that rule inside that node's part of the file.

A finding says which node it is about by where it points, so a rule needs no suppression code of
its own: the spans of the nodes that carry an `ignore` list decide.
"""

from __future__ import annotations

from dataclasses import fields

from finalacts.corpus.findings import Finding
from finalacts.corpus.model import Node, Pos

_END = Pos(10**9, 0)


def ignore_spans(model: Node) -> list[tuple[Pos, Pos, frozenset]]:
    """(start, end, rules) for the model and every node in it that carries an `ignore` list.

    A node reaches from its own start to the start of whatever follows it in the file (its next
    sibling, or the next field of its parent), so a finding anywhere inside an item, its text or its
    sub-items is silenced by that item's `ignore`, and by nothing else's.
    """
    out = []
    if getattr(model, "ignore", None):
        out.append((Pos(0, 0), _END, frozenset(model.ignore)))
    _child_spans(model, _END, out)
    return out


def _child_spans(node: Node, end: Pos, out: list) -> None:
    own = sorted(p for p in node.pos.values() if p != node.at())
    for f in fields(node):
        kids = getattr(node, f.name)
        if not (isinstance(kids, list) and kids and isinstance(kids[0], Node)):
            continue
        for i, kid in enumerate(kids):
            start = kid.at()
            if i + 1 < len(kids):
                stop = kids[i + 1].at()
            else:
                stop = min([p for p in own if p > start] + [end])
            if getattr(kid, "ignore", None):
                out.append((start, stop, frozenset(kid.ignore)))
            _child_spans(kid, stop, out)


def ignored(f: Finding, spans) -> bool:
    at = (f.line, f.col)
    return any(f.rule in rules and start <= at < stop for start, stop, rules in spans)




def unsuppressed(findings: list[Finding], model: Node) -> list[Finding]:
    """The findings no `ignore` list of `model` silences."""
    if not findings:
        return findings
    spans = ignore_spans(model)
    return [f for f in findings if not ignored(f, spans)]
