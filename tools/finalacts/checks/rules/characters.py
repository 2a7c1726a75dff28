"""Characters no conference document can hold: `check` refuses them where they are, so that no
renderer is the first to find them.

The rule, with its examples, is described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

from dataclasses import fields

from finalacts.corpus.catalog import family
from finalacts.corpus.characters import first_forbidden
from finalacts.corpus.findings import Finding
from finalacts.corpus.model import Node
from finalacts.corpus.textpos import locate

RULES = family("characters")


def check(model, ctx):
    # libyaml refuses such a character written as it is: only an escape in a double-quoted string
    # can make one, and a file without a backslash has none.
    if ctx.source is not None and "\\" not in ctx.source.text:
        return
    for node, name, value in _strings(model):
        offset = first_forbidden(value)
        if offset is None:
            continue
        start = node.at(name)
        at = locate(ctx.source, start, value, offset) if name in node.pos else start
        what = f"footnote {name.split('.', 1)[1]}" if name.startswith("footnotes.") else name
        yield Finding(model.path, at.line, at.col, "text-control-char", "error",
                      f"{what} holds the control character U+{ord(value[offset]):04X}, which no Word or HTML "
                      "document can hold", "delete it, or write the character it stands for")


def _strings(node: Node):
    """(node, field, string) for every string of a model: values, list entries, table cells and
    footnote markers, nested nodes included (a footnote's field is `footnotes.<marker>`)."""
    for f in fields(node):
        if f.name in ("pos", "path"):
            continue
        value = getattr(node, f.name)
        if isinstance(value, str):
            yield node, f.name, value
        elif isinstance(value, dict):
            for key, text in value.items():
                yield node, f"{f.name}.{key}", key
                if isinstance(text, str):
                    yield node, f"{f.name}.{key}", text
        elif isinstance(value, list):
            for x in value:
                if isinstance(x, Node):
                    yield from _strings(x)
                elif isinstance(x, str):
                    yield node, f.name, x
                elif isinstance(x, list):  # a table row
                    yield from ((node, f.name, cell) for cell in x if isinstance(cell, str))
