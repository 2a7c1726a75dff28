"""The registry of texts in force (corpus/data/texts.yaml): what each body adopted, as sources show it:
its resolutions and, for a plenipotentiary conference, its decisions.

A corpus holds some of a body's texts; its citations name many more. This registry says, for texts
a corpus may not hold, what is known of them: number, title, the conferences that adopted or
revised them, whether they were suppressed, and where each fact comes from. Citation checks read
it to tell a real text that is only not held here (info) from an edition that does not exist
(error). An entry whose `complete_until` names a conference lists every edition of the text up to
that conference; of the others only the editions a source shows are known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from finalacts.corpus import yamlfile
from finalacts.corpus.findings import InputError
from finalacts.corpus.schemas import schema_dir, validate


@dataclass(frozen=True)
class Text:
    body: str
    number: int
    adopted: tuple[str, ...]
    sources: tuple[str, ...]
    title: str | None = None
    complete_until: str | None = None
    suppressed: str | None = None
    kind: str = "resolution"  # or "decision"


@dataclass
class Texts:
    """Texts in force by (body, kind, number)."""

    entries: dict[tuple[str, str, int], Text] = field(default_factory=dict)

    def get(self, body: str, number, kind: str = "resolution") -> Text | None:
        try:
            return self.entries.get((body, kind, int(number)))
        except (TypeError, ValueError):
            return None

    def __len__(self) -> int:
        return len(self.entries)


def texts_path():
    return schema_dir() / "texts.yaml"


@lru_cache(maxsize=None)
def load_texts(path=None) -> Texts:
    """The registry shipped with finalacts (or the one at `path`), validated against its schema."""
    path = path or texts_path()
    return texts_of(texts_data(path.read_bytes(), str(path)))


def texts_data(raw: bytes, shown: str) -> dict:
    """The registry's data as these bytes hold it, validated against its schema (InputError if not):
    plain values, which a check may keep (checks/shipped.py) and give to `texts_of` again."""
    loaded = yamlfile.load(raw, shown)
    problems = validate("texts", loaded.data, loaded.positions, loaded.key_positions, shown)
    if problems:
        raise InputError(problems[0])
    return loaded.data


def texts_of(d: dict) -> Texts:
    out = Texts()
    for e in d["texts"]:
        t = Text(body=e["body"], number=e["number"], adopted=tuple(e["adopted"]), sources=tuple(e["sources"]),
                 title=e.get("title"), complete_until=e.get("complete_until"), suppressed=e.get("suppressed"),
                 kind=e.get("kind", "resolution"))
        out.entries[(t.body, t.kind, t.number)] = t
    return out
