"""The language registry (corpus/data/languages.yaml): how each official language writes what the
English texts derive from the conference registry, each form with the ITU document it was read in.

`Forms` answers for one language: the title line, the preamble, a heading's translation, a city's
name, a margin symbol. Where the registry has no form, or only an unverified one, the answer says
so (`Form.verified`), so that a renderer can tell its reader rather than guess silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from finalacts.corpus import yamlfile
from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.layout import LANGUAGES
from finalacts.corpus.schemas import schema_dir, validate


@dataclass(frozen=True)
class Form:
    """One form and where it comes from: `source` (a document) and `quote`, or a `note` when unverified."""

    form: str
    verified: bool = True
    source: str | None = None
    quote: str | None = None
    note: str | None = None


def _form(d: dict) -> Form:
    return Form(d["form"], d.get("verified", True), d.get("source"), d.get("quote"), d.get("note"))


@dataclass
class Forms:
    """The forms of one language."""

    code: str
    name: str
    english: str
    tag: str
    direction: str
    font: str | None
    title_first: Form
    title_revised: Form
    resolution_word: Form
    decision_word: Form | None
    preambles: dict[str, Form] = field(default_factory=dict)
    headings: dict[str, Form] = field(default_factory=dict)
    cities: dict[str, Form] = field(default_factory=dict)
    margin: dict[str, Form] = field(default_factory=dict)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def city(self, english: str) -> Form:
        """The city as this language writes it; the English name, unverified, where none is known."""
        return self.cities.get(english) or Form(english, False, note=f"no {self.english} form of {english} is known")

    def heading(self, english: str) -> Form | None:
        return self.headings.get(english)

    def title_line(self, registry, body: str, number, adopted: list[str],
                   earlier: bool = False, kind: str = "resolution") -> tuple[str, list[str]]:
        """The title line in this language, and what in it is not verified."""
        english = registry.title_line(body, number, adopted, earlier, kind)
        if isinstance(number, str) or not adopted or adopted[-1] not in registry.conferences:
            return english, [f"{self.english} title line of a draft"]
        if registry.bodies[body].title_by_id:  # the conference's id in this language is not known
            return english, [f"{self.english} title line of a {body} text"]
        if kind != "resolution":  # the forms known are those of a resolution's title line
            return english, [f"{self.english} title line of a {kind}"]
        conf = registry.conferences[adopted[-1]]
        shape = self.title_revised if len(adopted) > 1 or earlier else self.title_first
        city = self.city(conf.city)
        label = registry.label(number, body)
        unverified = [w for w, f in ((f"{self.english} title line", shape), (f"{self.english} {conf.city}", city))
                      if not f.verified]
        return shape.form.format(number=label, city=city.form, year=conf.year), unverified

    def preamble(self, registry, body: str, adopted: list[str], conference: str | None = None) -> tuple[str, list[str]]:
        """The preamble sentence in this language, and what in it is not verified."""
        form = self.preambles.get(body)
        if form is None:
            return registry.preamble(body, adopted, conference), [f"{self.english} preamble of {body} texts"]
        conf = registry.conferences.get(conference or (adopted[-1] if adopted else ""))
        unverified = [] if form.verified else [f"{self.english} preamble of {body} texts"]
        if conf is None:
            return form.form.replace(" ({city}, {year})", ""), unverified
        city = self.city(conf.city)
        if not city.verified:
            unverified.append(f"{self.english} {conf.city}")
        return form.form.format(city=city.form, year=conf.year), unverified


@dataclass
class LanguageRegistry:
    documents: dict[str, dict]
    languages: dict[str, Forms]

    def get(self, code: str) -> Forms | None:
        return self.languages.get(code)


def registry_path():
    return schema_dir() / "languages.yaml"


@lru_cache(maxsize=None)
def load_languages(path=None) -> LanguageRegistry:
    """The language registry (by default the one shipped with finalacts), validated against its schema."""
    path = path or registry_path()
    loaded = yamlfile.load(path.read_bytes(), str(path))
    problems = validate("languages", loaded.data, loaded.positions, loaded.key_positions, str(path))
    if problems:
        raise InputError(problems[0])
    d = loaded.data
    langs = {}
    for code, v in d["languages"].items():
        langs[code] = Forms(
            code=code, name=v["name"], english=v["english"], tag=v["tag"], direction=v["direction"],
            font=v.get("font"), title_first=_form(v["title_line"]["first"]),
            title_revised=_form(v["title_line"]["revised"]), resolution_word=_form(v["resolution_word"]),
            decision_word=_form(v["decision_word"]) if "decision_word" in v else None,
            preambles={k: _form(x) for k, x in v["preambles"].items()},
            headings={k: _form(x) for k, x in v["headings"].items()},
            cities={k: _form(x) for k, x in v["cities"].items()},
            margin={k: _form(x) for k, x in v["margin"].items()})
    missing = [c for c in LANGUAGES if c not in langs]
    if missing:
        raise InputError(Finding(str(path), 1, 1, "schema-required", "error",
                                 f"no forms for {', '.join(missing)}", "add every official language"))
    return LanguageRegistry(d["documents"], langs)
