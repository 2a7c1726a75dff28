"""What git shows of a corpus file: one line per paragraph (textconv, for `git log -p` and `git
show`), and the item-level, word-level redline of two versions (the diff driver, for `git diff`).

textconv gives each paragraph of a resolution on its own line, named by where it stands
("*resolves* 3: that ..."), so git's line diff is a diff of paragraphs and `--word-diff` one of
words. The redline prints only what changed, words marked as `[-deleted-]` and `{+inserted+}`:

    ~ *resolves* 3: that the Union shall [-preferably-] hold ...
    + *considering* f): the new text
    - *recalling* b): the text taken out

A file that cannot be read (a syntax error, git's own conflict lines) is shown as it is.
"""

from __future__ import annotations

import difflib
import re

from finalacts.corpus.files import parse
from finalacts.corpus.model import ProposalSet, Resolution
from finalacts.corpus.registry import load_registry
from finalacts.redline import DEL, INS, MOVEFROM, MOVETO, Para, Table, compare, markup, word_diff
from finalacts.redline.align import align

_DERIVED = {"title line", "history line", "preamble"}  # derived from body, number and adopted
_PLAIN = _DERIVED | {"title"}
_CONTEXT = 60  # characters of unchanged words kept around a change in a long paragraph


def _model(raw: bytes | None, path: str):
    if raw is None:
        return None
    parsed = parse(raw, path)
    return None if parsed.findings else parsed.model


_LABELS = re.compile(r"(?:\s+(?:[0-9]+(?:\.[0-9]+)*|[a-z]{1,4}\)|[–•-]))+$")


def _where(op: Para, label: str | None = None) -> str:
    """`*resolves* 3`, `*considering* a)`, `*resolves* 5 5.1`: the heading in italics as texts cite
    it, then the labels; `label` (a label with its change marked) stands for the last one."""
    if op.where in _PLAIN:
        return op.where
    m = _LABELS.search(op.where) if op.label or op.style.startswith("enumlev") else None
    head, labels = (op.where[:m.start()], op.where[m.start():].split()) if m else (op.where, [])
    if label is not None:
        labels = labels[:-1] + [label]
    return " ".join([f"*{head}*" if head else ""] + labels).strip()


def textconv(raw: bytes, path: str) -> str:
    """The file as one line per paragraph, each named by where it stands."""
    model = _model(raw, path)
    if isinstance(model, Resolution):
        reg = load_registry()
        out = []
        for op in compare(model, model, reg):
            if isinstance(op, Table):
                out.extend(f"{op.where} | " + " | ".join(markup(c) for c in row.cells) for row in op.rows)
            elif op.style == "Call":
                out.append(_where(op))
            elif op.where in _DERIVED:
                out.append(markup(op.runs))
            else:
                out.append(f"{_where(op)}: {markup(op.runs)}")
        out.append(f"adopted: {', '.join(model.adopted)}")
        out.extend(f"footnote {m}: {t}" for m, t in model.footnotes.items())
        return "\n".join(out) + "\n"
    if isinstance(model, ProposalSet):
        return "\n".join(_manifest_lines(model)) + "\n"
    return raw.decode("utf-8", "replace")


_MANIFEST = ("id", "conference", "base", "submitter", "symbol", "date", "language", "branch")
_PROPOSAL = ("title", "summary", "introduction", "reasons")


def _proposal_name(p) -> str:
    return f"proposal {p.number} {p.action} {p.target}"


def _manifest_lines(s: ProposalSet) -> list[str]:
    out = [f"{k}: {getattr(s, k)}" for k in _MANIFEST if getattr(s, k) is not None]
    for p in s.proposals:
        out.append(_proposal_name(p))
        out.extend(f"{_proposal_name(p)} ({k}): {_one_line(getattr(p, k))}" for k in _PROPOSAL
                   if getattr(p, k) is not None)
    return out


def _one_line(text: str) -> str:
    return text.replace("\n", " ¶ ")


def _show(runs) -> str:
    out = []
    for r in runs:
        t = f"[^{r.note}]" if r.note is not None else r.text
        if r.italic and t:
            t = f"*{t}*"
        if r.change in (DEL, MOVEFROM):
            t = f"[-{t}-]"
        elif r.change in (INS, MOVETO):
            t = f"{{+{t}+}}"
        out.append(t)
    return _shorten("".join(out))


_MARKED = re.compile(r"\[-.*?-\]|\{\+.*?\+\}", re.S)


def _shorten(text: str) -> str:
    """A long paragraph with its unchanged stretches cut down to the words around each change."""
    if len(text) <= 3 * _CONTEXT or not _MARKED.search(text):
        return text
    parts, last = [], 0
    for m in _MARKED.finditer(text):
        parts.append((text[last:m.start()], False))
        parts.append((m.group(), True))
        last = m.end()
    parts.append((text[last:], False))
    out = []
    for k, (piece, changed) in enumerate(parts):
        if changed or len(piece) <= 2 * _CONTEXT:
            out.append(piece)
        elif k == 0:
            out.append("… " + piece[-_CONTEXT:].split(" ", 1)[-1])
        elif k == len(parts) - 1:
            out.append(piece[:_CONTEXT].rsplit(" ", 1)[0] + " …")
        else:
            out.append(piece[:_CONTEXT].rsplit(" ", 1)[0] + " … " + piece[-_CONTEXT:].split(" ", 1)[-1])
    return "".join(out)


_SIGN = {"modify": "~", "insert": "+", "delete": "-", "move-from": "<", "move-to": ">"}


def redline(old: bytes | None, new: bytes | None, path: str) -> str:
    """What changed from `old` to `new` (None: the file did not exist), paragraph by paragraph."""
    a, b = _model(old, path), _model(new, path)
    head = f"diff --finalacts a/{path} b/{path}"
    if (old is not None and a is None) or (new is not None and b is None) or (a is None and b is None):
        return _lines_diff(old, new, path, head)
    if a is None or b is None:
        verb, model, raw = ("new file", b, new) if a is None else ("deleted file", a, old)
        sign = "+" if a is None else "-"
        body = textconv(raw, path).splitlines()
        return "\n".join([head, f"{verb} {path}"] + [f"{sign} {ln}" for ln in body]) + "\n"
    if isinstance(a, Resolution) and isinstance(b, Resolution):
        lines = _resolution_changes(a, b)
    elif isinstance(a, ProposalSet) and isinstance(b, ProposalSet):
        lines = _manifest_changes(a, b)
    else:
        return _lines_diff(old, new, path, head)
    return "\n".join([head] + (lines or ["(only the layout changed)"])) + "\n"


def _resolution_changes(a: Resolution, b: Resolution) -> list[str]:
    out = []
    for op in compare(a, b, load_registry()):
        if isinstance(op, Table):
            if op.op != "equal":
                out.extend(f"{_SIGN.get(row.op, '~')} {op.where} | " + " | ".join(_show(c) for c in row.cells)
                           for row in op.rows if row.op != "equal")
            continue
        if op.op == "equal":
            continue
        relabelled = op.op == "modify" and any(r.change for r in op.label)
        where = _where(op, _show(op.label) if relabelled else None)
        note = f" ({op.note})" if op.note else ""
        text = _show(op.runs) if op.op == "modify" else markup(op.runs)
        if relabelled and not any(r.change for r in op.runs) and len(text) > _CONTEXT:
            text = text[:_CONTEXT].rsplit(" ", 1)[0] + " …"  # only the label changed
        out.append(f"{_SIGN[op.op]} {where}: {text}{note}" if op.style != "Call" or op.op == "modify"
                   else f"{_SIGN[op.op]} {where}")
    if a.adopted != b.adopted:
        out.append(f"~ adopted: {_show(word_diff(', '.join(a.adopted), ', '.join(b.adopted)))}")
    for m in dict.fromkeys([*a.footnotes, *b.footnotes]):
        x, y = a.footnotes.get(m), b.footnotes.get(m)
        if x == y:
            continue
        if x is None or y is None:
            out.append(f"{'+' if x is None else '-'} footnote {m}: {y if x is None else x}")
        else:
            out.append(f"~ footnote {m}: {_show(word_diff(x, y))}")
    return out


def _manifest_changes(a: ProposalSet, b: ProposalSet) -> list[str]:
    out = []
    for k in _MANIFEST:
        x, y = getattr(a, k), getattr(b, k)
        if x != y:
            out.append(f"~ {k}: {_show(word_diff(str(x or ''), str(y or '')))}")
    steps = align(a.proposals, b.proposals, lambda p: p.number, lambda p: f"{p.action} {p.target}",
                  threshold=2.0, move_threshold=2.0)
    for s in steps:
        if s.i is None:
            p = b.proposals[s.j]
            out.append(f"+ {_proposal_name(p)}")
            out.extend(f"+ {_proposal_name(p)} ({k}): {_one_line(getattr(p, k))}" for k in _PROPOSAL
                       if getattr(p, k) is not None)
        elif s.j is None:
            out.append(f"- {_proposal_name(a.proposals[s.i])}")
        else:
            p, q = a.proposals[s.i], b.proposals[s.j]
            if (p.action, p.target) != (q.action, q.target):
                change = word_diff(f"{p.action} {p.target}", f"{q.action} {q.target}")
                out.append(f"~ proposal {q.number}: {_show(change)}")
            for k in _PROPOSAL:
                x, y = getattr(p, k), getattr(q, k)
                if x != y:
                    out.append(f"~ {_proposal_name(q)} ({k}): {_one_line(_show(word_diff(x or '', y or '')))}")
    return out


def _lines_diff(old: bytes | None, new: bytes | None, path: str, head: str) -> str:
    x = (old or b"").decode("utf-8", "replace").splitlines(keepends=True)
    y = (new or b"").decode("utf-8", "replace").splitlines(keepends=True)
    body = "".join(difflib.unified_diff(x, y, f"a/{path}", f"b/{path}"))
    return f"{head}\n{body}" if body else f"{head}\n"

