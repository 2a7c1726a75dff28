"""Merge conflicts left in a file: where the merge driver wrote the three versions of some words.

The family and its rule, with examples, are described in the catalog (corpus/catalog.py). The
conflicts are found in the file's data as loaded, before the schema is consulted, so a conflict is
reported where it stands even in a value the schema refuses (a conflict over a draft's `number`).
"""

from __future__ import annotations

from finalacts.corpus import conflicts
from finalacts.corpus.catalog import family
from finalacts.corpus.findings import Finding
from finalacts.corpus.model import NOWHERE
from finalacts.corpus.textpos import Source, locate
from finalacts.corpus.yamlfile import Loaded

RULES = family("merge")
_SHOWN = 60


def conflict_findings(loaded: Loaded, path: str) -> list[Finding]:
    """A `merge-conflict` finding at each conflict in a loaded file (its text in `loaded.text`)."""
    if not conflicts.has(loaded.text):
        return []
    source = Source(loaded.text)
    out = []
    for p, text in conflicts.strings(loaded.data):
        start = loaded.positions.get(p, NOWHERE)
        for c in conflicts.find(text):
            at = locate(source, start, text, c.start)
            out.append(Finding(path, at.line, at.col, "merge-conflict", "error",
                               f"merge conflict in {describe(loaded.data, p)}: {_sides(c)}",
                               "keep the words meant and delete the rest, from <<<<<<< to >>>>>>> "
                               "(`finalacts compare` shows both sides)"))
    return out


def _quote(words: str) -> str:
    return f'"{words[:_SHOWN]}…"' if len(words) > _SHOWN else f'"{words}"'


def _sides(c: conflicts.Conflict) -> str:
    if c.deletes:
        kept = conflicts.THEIRS if c.deletes == conflicts.OURS else conflicts.OURS
        return f"{c.deletes} deleted it, {kept} changed it to {_quote(c.side(kept))}"
    return (f"ours has {_quote(c.ours) if c.ours else 'nothing'}, theirs "
            f"{_quote(c.theirs) if c.theirs else 'nothing'} (base: {_quote(c.base) if c.base else 'nothing'})")


def describe(data, path: tuple) -> str:
    """Where `path` is, in a reader's words: *resolves* 3, the title, footnote 1, proposal 3 (summary)."""
    where: list[str] = []
    node, parent = data, None
    for k in path:
        try:
            node = node[k]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(k, int):
            if parent == "sections":
                where = [f"*{node.get('heading', '')}*"]
            elif parent in ("items", "blocks") and node.get("num"):
                where.append(str(node["num"]))
            elif parent == "annexes":
                where = [f"annex {node['num']}" if node.get("num") else "the annex"]
            elif parent == "proposals":
                where = [f"proposal {node.get('number')}"]
        parent = k
    last = path[-1] if path else None
    if len(path) == 2 and path[0] == "footnotes":
        return f"footnote {last}"
    if len(path) == 1:
        return f"the {last}" if last == "title" else f"`{last}`"
    if isinstance(last, str) and last != "text":
        where.append(f"({last})")
    return " ".join(where) or f"`{'.'.join(map(str, path))}`"
