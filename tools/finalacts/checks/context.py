"""What a rule may consult besides the file itself, and how it says where a finding is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from finalacts.checks.config import Config
from finalacts.checks.index import CorpusIndex
from finalacts.corpus.model import Node, Pos, texts
from finalacts.corpus.registry import Registry
from finalacts.corpus.textpos import Source, locate


@dataclass
class Context:
    """What rules may consult besides the file itself."""

    registry: Registry
    root: Path | None = None
    # The text of the file being checked, so rules can point inside a value.
    source: Source | None = None
    # Per-corpus settings from [tool.finalacts] in pyproject.toml, if any.
    config: Config | None = None
    # What the corpus holds, for rules about citations of other texts.
    index: CorpusIndex | None = None
    # The edition being checked (a conference id such as PP-14) when checking at a git tag.
    edition: str | None = None
    # The file's model.texts() of every kind, listed once for all the rule families that read them.
    texts: tuple | None = None
    # An English text as it was when a translation recorded its fingerprint: (English file, fingerprint)
    # -> the text, or None. Given by the command line from the repository's history (languages rules).
    earlier: Callable[[str, str], str | None] | None = None
    # The registry of texts in force (corpus/texts.py), read when first asked; None: load_texts().
    in_force: Callable[[], object] | None = None

    def runs(self, rule: str) -> bool:
        """Whether `rule` is to run: not disabled by [tool.finalacts] (a rule that is off is not
        run and then dropped, it is not run at all)."""
        return self.config is None or rule not in self.config.disable


def where(ctx: Context, node: Node, name: str = "", offset: int | None = None) -> Pos:
    """Position of field `name` of `node`, or of character `offset` of that field's text."""
    start = node.at(name)
    value = getattr(node, name, None) if name else None
    if offset is None or not isinstance(value, str) or name not in node.pos:
        return start
    return locate(ctx.source, start, value, offset)


def texts_of(model, ctx: Context | None, kinds: frozenset[str]) -> list[tuple]:
    """(node, field, text) for the texts of `kinds` of the resolution (corpus/walk.py), from the
    listing the context holds when it does."""
    listed = ctx.texts if ctx is not None and ctx.texts is not None else texts(model)
    return [(node, name, text) for kind, node, name, text in listed if kind in kinds]
