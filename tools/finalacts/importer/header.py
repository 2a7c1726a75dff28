"""The head of a resolution: title line, title, history line and preamble sentence.

The title line gives the number and, through the registry, the conferences that adopted the text
(`adopted`); the title line, the history line and the preamble are derived from those, so what
the source says there is compared with what will be rendered and reported where they differ.
"""

from __future__ import annotations

import re
from pathlib import Path

from finalacts.corpus.files import load_resolution
from finalacts.corpus.findings import InputError
from finalacts.importer import marks
from finalacts.importer.paras import Builder, Para, clean

TITLE_RX = re.compile(
    r"^\s*(?:(?P<action>MOD|ADD|SUP|NOC|\(MOD\))\s+)?(?P<draft>draft\s+new\s+)?resolution\s+"
    r"(?P<num>\[[^\]]+\]|(?:ITU[-\u2011]R\s+)?[A-Za-z0-9/-]+)\s*(?:\((?P<place>[^)]*)\))?\s*$", re.I)
HISTORY_RX = re.compile(r"^\s*\((?=.*\b(19|20)\d\d\b)[^()]*\)\s*$")


def places(place: str, body: str, registry):
    """Conferences of `body` named in a place string, by city and year, or by year alone."""
    low = re.sub(r"[-\s]+", " ", place.lower())
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", low)]
    confs = registry.by_body.get(body, [])
    found = []
    for y in dict.fromkeys(years):
        by_city = [c for c in confs if c.year == y and re.sub(r"[-\s]+", " ", c.city.lower()) in low]
        found += by_city or [c for c in confs if c.year == y and c.held]
    return sorted(dict.fromkeys(found), key=lambda c: (c.year, c.id))


def body_from_preamble(text: str, registry) -> str | None:
    t = clean(text).lower()
    for b in registry.bodies.values():
        head = b.preamble.split(" ({city}")[0].rstrip(",").lower()
        if t.startswith(head):
            return b.id
    return None


def existing_adopted(root: Path | None, body: str, number, registry) -> list[str] | None:
    if root is None:
        return None
    path = Path(root) / "resolutions" / registry.bodies[body].dir / f"{number}.yaml"
    if not path.is_file():
        return None

    try:
        return list(load_resolution(path).adopted)
    except InputError:
        return None


def read_numbers(b: Builder, tp: Para, m: re.Match, body: str, version: str, given: list[str] | None,
            root: Path | None, history: Para | None = None):
    """Number and adopted list from the title line, the corpus and the registry."""
    registry = b.registry
    raw = m.group("num").strip("[]")
    raw = re.sub(r"^ITU[-\u2011]R\s+", "", raw)
    draft = bool(m.group("draft")) or not raw.isdigit()
    if m.group("action"):
        b.warn(tp.line, 1, "import-derived",
               f"action {m.group('action')} on the title line belongs to the proposal, not the text; "
               "not imported", "record it in the proposal manifest", "info")
    if draft:
        number = raw if re.fullmatch(r"[A-Z][A-Za-z]*-[0-9]+", raw) else "DRAFT-1"
        if number != raw:
            b.warn(tp.line, 1, "import-derived", f"draft label {raw!r} is not of the form ACP-1; "
                   f"imported as {number}", "rename the draft number", "warning")
        return number, list(given or [])
    number = int(raw)
    place = m.group("place") or ""
    rev = bool(re.match(r"\s*rev\b", place, re.I))
    confs = places(place, body, registry)
    clean_place = re.fullmatch(r"\s*(Rev\.\s*)?[A-Z][\w\u00c0-\u017f .'-]*, (19|20)\d\d\s*", place, re.I)
    if given:
        return number, list(given)
    if not confs:
        b.warn(tp.line, 1, "import-adopted", f"no {body} conference found in {place!r}",
               "give the history with --adopted, e.g. --adopted PP-10,PP-14")
        return number, []
    chosen = confs[0] if version == "before" else confs[-1]
    if len(confs) > 1 or not clean_place:
        b.warn(tp.line, 1, marks.RULE,
               f"title line place {place.strip()!r} holds more than one reading "
               f"({', '.join(c.id for c in confs)}); took the {version} reading {chosen.id}",
               "use --version before|after, or --adopted")
    existing = existing_adopted(root, body, number, registry)
    if existing:
        order = registry.order(chosen.id)
        older = [a for a in existing if a in registry.conferences and registry.order(a) < order
                 and registry.conferences[a].body == body]
        return number, older + [chosen.id]
    if history is not None:
        order = registry.order(chosen.id)
        older = [c.id for c in places(clean(history.text), body, registry) if registry.order(c.id) < order]
        return number, older + [chosen.id]
    if rev:
        b.warn(tp.line, 1, "import-adopted",
               f"revised text, but the conferences before {chosen.id} are not known; adopted lists "
               f"only {chosen.id}", "add them to `adopted` (or pass --adopted)")
    return number, [chosen.id]
