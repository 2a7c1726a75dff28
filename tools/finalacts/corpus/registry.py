"""The conference registry (schemas/conferences.yaml): bodies, conferences, derived title lines."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from finalacts.corpus import yamlfile
from finalacts.corpus.findings import InputError
from finalacts.corpus.schemas import schema_dir, validate


@dataclass(frozen=True)
class Conference:
    id: str
    body: str
    city: str
    year: int
    name: str | None = None
    held: bool = True
    became: str | None = None
    verified: bool = True

    @property
    def place(self) -> str:
        """As cited in texts: 'Busan, 2014'."""
        return f"{self.city}, {self.year}"


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    dir: str
    preamble: str
    cited_as: str
    number_prefix: str | None = None
    history_line: bool = False
    title_by_id: bool = False  # "RESOLUTION 40 (WRC-15)", "RESOLUTION 28 (Rev.WRC-15)"


class Registry:
    """Conferences by id and by body, oldest first."""

    def __init__(self, bodies: dict[str, Body], conferences: list[Conference]):
        self.bodies = bodies
        self.conferences = {c.id: c for c in conferences}
        self.by_body: dict[str, list[Conference]] = {}
        for c in sorted(conferences, key=lambda c: (c.year, c.id)):
            self.by_body.setdefault(c.body, []).append(c)

    def get(self, conf_id: str) -> Conference | None:
        return self.conferences.get(conf_id)

    def order(self, conf_id: str) -> int:
        c = self.conferences[conf_id]
        return self.by_body[c.body].index(c)

    def find_place(self, city: str, year: int, body: str | None = None) -> Conference | None:
        for c in self.conferences.values():
            if c.city.lower() == city.lower() and c.year == year and (body is None or c.body == body):
                return c
        return None

    def label(self, number, body: str) -> str:
        b = self.bodies[body]
        if isinstance(number, str):
            return f"[{number}]"
        return f"{b.number_prefix} {number}" if b.number_prefix else str(number)

    def title_line(self, body: str, number, adopted: list[str], earlier: bool = False,
                   kind: str = "resolution") -> str:
        """'RESOLUTION 140 (Rev. Busan, 2014)', 'DECISION 11 (Rev. Dubai, 2018)', 'RESOLUTION 209
        (Busan, 2014)' or 'DRAFT NEW RESOLUTION [ACP-1]'.
        `earlier`: editions before the first of `adopted` exist (its `earlier_editions`)."""
        word = kind.upper()
        if isinstance(number, str) or not adopted:
            return f"DRAFT NEW {word} {self.label(number, body)}"
        last = self.conferences[adopted[-1]]
        revised = len(adopted) > 1 or earlier
        if self.bodies[body].title_by_id:
            return f"{word} {self.label(number, body)} ({'Rev.' if revised else ''}{last.id})"
        return f"{word} {self.label(number, body)} ({'Rev. ' if revised else ''}{last.place})"

    def title_of(self, res) -> str:
        """A resolution's title line (see title_line)."""
        return self.title_line(res.body, res.number, res.adopted, res.earlier_editions, res.kind)

    def preamble(self, body: str, adopted: list[str], conference: str | None = None) -> str:
        """The preamble sentence, at the latest adopting conference (or the one given)."""
        conf = self.conferences.get(conference or (adopted[-1] if adopted else ""))
        text = self.bodies[body].preamble
        if conf is None:
            return text.replace(" ({city}, {year})", "")
        return text.format(city=conf.city, year=conf.year)

    def history_line(self, body: str, adopted: list[str]) -> str | None:
        """'(Johannesburg, 2008; Dubai, 2012; ...)' for bodies whose texts carry one."""
        if not self.bodies[body].history_line or not adopted:
            return None
        return "(" + "; ".join(self.conferences[a].place for a in adopted if a in self.conferences) + ")"


def registry_path():
    return schema_dir() / "conferences.yaml"


@lru_cache(maxsize=None)
def load_registry(path=None) -> Registry:
    """The registry (by default the one shipped with finalacts), validated against its schema."""
    path = path or registry_path()
    return registry_of(registry_data(path.read_bytes(), str(path)))


def registry_data(raw: bytes, shown: str) -> dict:
    """The registry's data as these bytes hold it, validated against its schema (InputError if not):
    plain values, which a check may keep (checks/shipped.py) and give to `registry_of` again."""
    loaded = yamlfile.load(raw, shown)
    problems = validate("conferences", loaded.data, loaded.positions, loaded.key_positions, shown)
    if problems:
        raise InputError(problems[0])
    return loaded.data


def registry_of(d: dict) -> Registry:
    bodies = {k: Body(id=k, **v) for k, v in d["bodies"].items()}
    confs = [Conference(**c) for c in d["conferences"]]
    return Registry(bodies, confs)
