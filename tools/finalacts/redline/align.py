"""Aligning two lists (sections, items, blocks, table rows): identical keys first, then similar
texts in order, then moves. The redline, blame and the merge driver pair elements the same way."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable, Sequence

from finalacts.redline.tokens import similarity


@dataclass
class Step:
    """One element of an alignment: paired (i, j), deleted (i, None) or inserted (None, j).

    A moved element appears twice: deleted where it stood and inserted where it stands, each
    half naming the other in `partner`.
    """

    i: int | None
    j: int | None
    partner: int | None = None

    @property
    def moved(self) -> bool:
        return self.partner is not None


def align(old: Sequence, new: Sequence, key: Callable, text: Callable, threshold: float = 0.5,
          move_threshold: float = 0.8, same_place: Callable | None = None,
          similar: Callable[[str, str], float] = similarity) -> list[Step]:
    """Align two lists: identical keys first, then similar texts in order, then moves.

    Returns the steps in output order: deletions come where the old element stood, insertions
    where the new one stands. `same_place(a, b)` (same label) lowers the bar for pairing, since
    an item rewritten under its own label is read as an edit of that item. `similar` is
    `similarity`, or a caller's memo of it (blame keeps what it worked out).
    """
    ka, kb = [key(x) for x in old], [key(x) for x in new]
    pairs: list[tuple[int, int]] = []
    ai = bj = 0
    for a, b, size in _diagonal(ka, kb) or SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks():
        pairs.extend(_pair_gap(old, new, range(ai, a), range(bj, b), text, threshold, same_place, similar))
        pairs.extend((a + k, b + k) for k in range(size))
        ai, bj = a + size, b + size
    paired_a = {i for i, _ in pairs}
    paired_b = {j for _, j in pairs}
    lone_a = [i for i in range(len(old)) if i not in paired_a]
    lone_b = [j for j in range(len(new)) if j not in paired_b]
    moves: dict[int, int] = {}
    # Bounded: a rewrite of thousands of items is shown as deletions and insertions.
    if move_threshold <= 1.0 and lone_a and lone_b and len(lone_a) * len(lone_b) <= 40_000:
        taken: set[int] = set()
        for i in lone_a:
            best, best_j = move_threshold, None
            for j in lone_b:
                if j not in taken:
                    s = similar(text(old[i]), text(new[j]))
                    if s >= best:
                        best, best_j = s, j
            if best_j is not None:
                moves[i] = best_j
                taken.add(best_j)
    moved_from = {j: i for i, j in moves.items()}
    steps: list[Step] = []
    ai = bj = 0
    for i, j in pairs + [(len(old), len(new))]:
        steps.extend(Step(x, None, moves.get(x)) for x in range(ai, i))
        steps.extend(Step(None, y, moved_from.get(y)) for y in range(bj, j))
        if i < len(old) and j < len(new):
            steps.append(Step(i, j))
        ai, bj = i + 1, j + 1
    return steps


def _diagonal(ka: list, kb: list) -> list[tuple[int, int, int]] | None:
    """The matching blocks SequenceMatcher would find, without its work, where they can only be
    the runs of equal keys at equal places: two lists of one length, each of distinct keys, whose
    differing places hold no key of the other list (an edit of a few elements in place, what a
    commit or a proposal nearly always is). None for any other pair of lists.

    Each key then occurs at most once on each side, and a key of both sides at the same place,
    so every match SequenceMatcher can make is (i, i): its blocks are those runs, in order."""
    n = len(ka)
    if n != len(kb):
        return None
    differ = [i for i in range(n) if ka[i] != kb[i]]
    if len(set(ka)) != n or len(set(kb)) != n:
        return None
    if differ and not {ka[i] for i in differ}.isdisjoint(kb[i] for i in differ):
        return None
    blocks, start = [], 0
    for i in differ + [n]:
        if i > start:
            blocks.append((start, start, i - start))
        start = i + 1
    return blocks + [(n, n, 0)]


def _pair_gap(old, new, ra: range, rb: range, text: Callable, threshold: float,
              same_place: Callable | None = None, similar: Callable = similarity) -> list[tuple[int, int]]:
    """Order-keeping pairing of similar elements inside a gap between identical anchors."""
    if not ra or not rb:
        return []
    n, m = len(ra), len(rb)

    def weight(a, b) -> float:
        s = similar(text(a), text(b))
        return s + 0.25 if s > 0.1 and same_place is not None and same_place(a, b) else s

    if n * m > 40_000:  # too large to weigh every pair (seconds, not minutes): pair by position
        return [(ra[k], rb[k]) for k in range(min(n, m)) if weight(old[ra[k]], new[rb[k]]) >= threshold]
    sim = [[weight(old[ra[x]], new[rb[y]]) for y in range(m)] for x in range(n)]
    # Heaviest order-keeping matching (weights above the threshold only).
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            take = sim[x][y] + best[x + 1][y + 1] if sim[x][y] >= threshold else -1.0
            best[x][y] = max(take, best[x + 1][y], best[x][y + 1])
    out = []
    x = y = 0
    while x < n and y < m:
        if sim[x][y] >= threshold and best[x][y] == sim[x][y] + best[x + 1][y + 1]:
            out.append((ra[x], rb[y]))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return out
