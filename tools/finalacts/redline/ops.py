"""The operations every renderer draws: paragraphs and tables whose runs carry change marks."""

from __future__ import annotations

from dataclasses import dataclass, field

INS, DEL, MOVEFROM, MOVETO = "ins", "del", "movefrom", "moveto"
# Changes that vanish when all revisions are accepted / rejected.
GONE_ON_ACCEPT = frozenset({DEL, MOVEFROM})
GONE_ON_REJECT = frozenset({INS, MOVETO})


@dataclass(frozen=True)
class Run:
    """A stretch of words with one change mark; `note` makes it a footnote reference."""

    text: str
    change: str = ""
    italic: bool = False
    note: str | None = None
    note_body: tuple[Run, ...] = ()
    bold: bool = False


@dataclass
class Para:
    """One paragraph operation. `op`: equal, modify, insert, delete, move-from, move-to."""

    style: str
    runs: list[Run] = field(default_factory=list)
    label: list[Run] = field(default_factory=list)
    op: str = "equal"
    where: str = ""
    note: str = ""
    region: str | None = None
    move: str | None = None

    @property
    def mark(self) -> str:
        """Change of the paragraph mark itself: the whole paragraph inserted, deleted or moved."""
        return {"insert": INS, "delete": DEL, "move-from": MOVEFROM, "move-to": MOVETO}.get(self.op, "")


@dataclass
class Row:
    cells: list[list[Run]]
    op: str = "equal"


@dataclass
class Table:
    rows: list[Row]
    op: str = "equal"
    where: str = ""
    region: str | None = None


Op = Para | Table
