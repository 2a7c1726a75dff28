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
from finalacts.corpus.model import stem_of
from finalacts.importer import marks
from finalacts.importer.paras import Builder, Para, clean

# "RESOLUTION 140 (Rev. Busan, 2014)", also as met in real documents: a body before it ("WTSA
# RESOLUTION 22"), an action ("MOD"), "DRAFT [NEW] RESOLUTION [SEN-1]", a provisional number
# ("PLEN/7"), a Radiocommunication number with its revision ("ITU-R 1-6"), a WRC place
# ("(Rev.WRC-12)"), and a DECISION (a text of its own kind, numbered apart).
TITLE_RX = re.compile(
    r"^\s*(?:(?P<action>MOD|ADD|SUP|NOC|\(MOD\))\s+)?(?P<prefix>(?:PP|WTDC|WTSA|RA|WRC)\s+)?"
    r"(?P<draft>draft\s+(?:new\s+)?)?(?P<kind>resolution|decision)\s+"
    r"(?P<num>\[[^\]]+\]|(?:ITU[-\u2011]R\s+)?[A-Za-z0-9/-]+)\s*(?:\((?P<place>[^)]*)\))?\s*$", re.I)
CONF_ID_RX = re.compile(r"\b(PP|WTDC|WTSA|RA|WRC|WCIT)[-\u2011](\d{2}|\d{4})\b", re.I)
# "(Florianópolis, 2004; Johannesburg, 2008)", with footnote marks after it ("(Hammamet, 2016)[^1]").
HISTORY_RX = re.compile(r"^\s*\((?=[^)]*\b(19|20)\d\d\b)[^()]*\)(?P<notes>(?:\s*,?\s*\[\^[^\]]+\])*)\s*$")


def places(place: str, body: str, registry):
    """Conferences of `body` named in a place string, by city and year, or by year alone."""
    found = [registry.conferences[i] for i in (f"{a.upper()}-{n}" for a, n in CONF_ID_RX.findall(place))
             if i in registry.conferences and registry.conferences[i].body == body]
    if found:  # "(Rev.WRC-12)", "(WRC-15)": the conference named by its id
        return sorted(dict.fromkeys(found), key=lambda c: (c.year, c.id))
    low = re.sub(r"[-\s]+", " ", place.lower())
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", low)]
    confs = registry.by_body.get(body, [])
    found = []
    for y in dict.fromkeys(years):
        by_city = [c for c in confs if c.year == y and re.sub(r"[-\s]+", " ", c.city.lower()) in low]
        found += by_city or [c for c in confs if c.year == y and c.held]
    return sorted(dict.fromkeys(found), key=lambda c: (c.year, c.id))


# The first entry of --adopted that says there were editions before the ones listed
# (`earlier_editions: true`): --adopted ...,PP-14,PP-18.
EARLIER = "..."


def body_from_preamble(text: str, registry) -> str | None:
    t = re.sub(r"[-\s]+", " ", clean(text).lower())
    for b in registry.bodies.values():
        head = re.sub(r"[-\s]+", " ", b.preamble.split(" ({city}")[0].rstrip(",").lower())
        if t.startswith(head):
            return b.id
    return None


def existing_adopted(root: Path | None, body: str, number, registry, kind: str = "resolution") -> list[str] | None:
    if root is None:
        return None
    path = Path(root) / "resolutions" / registry.bodies[body].dir / f"{stem_of(kind, number)}.yaml"
    if not path.is_file():
        return None

    try:
        return list(load_resolution(path).adopted)
    except InputError:
        return None


def read_numbers(b: Builder, tp: Para, m: re.Match, body: str, version: str, given: list[str] | None,
                 root: Path | None, history: Para | None = None, preamble: Para | None = None, texts=None):
    """Number and adopted list from the title line, the corpus, the texts in force and the registry."""
    registry = b.registry
    kind = m.group("kind").lower()
    raw = m.group("num").strip("[]")
    itu_r = re.match(r"^ITU[-\u2011]R\s+(\d+)-(\d+)$", raw)
    if itu_r:  # "ITU-R 1-6": Resolution ITU-R 1, in its sixth revision
        raw = itu_r.group(1)
        b.warn(tp.line, 1, "import-derived", f"'ITU-R {itu_r.group(1)}-{itu_r.group(2)}' read as Resolution "
               f"ITU-R {raw} (revision {itu_r.group(2)}); the revision count is not kept",
               "check `adopted` in the imported file", "info")
    raw = re.sub(r"^ITU[-\u2011]R\s+", "", raw)
    draft = bool(m.group("draft")) or not raw.isdigit()
    if m.group("action"):
        b.warn(tp.line, 1, "import-derived",
               f"action {m.group('action')} on the title line belongs to the proposal, not the text; "
               "not imported", "record it in the proposal manifest", "info")
    if draft:
        number = raw if re.fullmatch(r"[A-Z][A-Za-z]*-[0-9]+", raw) else "DRAFT-1"
        provisional = re.fullmatch(r"([A-Z][A-Za-z]*)/([0-9]+)", raw)
        if provisional:  # "PLEN/7": a file name cannot hold the "/", the number is kept
            number = f"{provisional.group(1)}-{provisional.group(2)}"
            b.warn(tp.line, 1, "import-derived", f"provisional number {raw!r} imported as {number} "
                   f"(shown as [{number}])", "rename the draft number when the text is adopted", "info")
        elif number != raw:
            b.warn(tp.line, 1, "import-derived", f"draft label {raw!r} is not of the form ACP-1; "
                   f"imported as {number}", "rename the draft number", "warning")
        return number, list(given or [])
    number = int(raw)
    place = m.group("place") or ""
    rev = bool(re.match(r"\s*rev\b", place, re.I))
    confs = places(place, body, registry)
    if not place.strip():
        # No place on the title line: the history line says where it was adopted and revised, else
        # the preamble says where.
        for src in (history, preamble):
            if src is not None and not confs:
                confs = places(clean(src.text), body, registry)
                if confs and src is history:
                    rev = len(confs) > 1
                    place = clean(src.text).strip("()")
                    if given:
                        return number, list(given)
                    b.warn(tp.line, 1, "import-derived", f"no place on the title line; adopted read from "
                           f"the history line as {', '.join(c.id for c in confs)}",
                           "check `adopted` in the imported file", "info")
                    return number, [c.id for c in confs]
                if confs:
                    place = f"{confs[-1].city}, {confs[-1].year}"
    in_force = texts.get(body, number, kind) if texts is not None else None
    clean_place = re.fullmatch(r"\s*(Rev\.\s*)?[A-Z][\w\u00c0-\u017f .'-]*, (19|20)\d\d\s*", place, re.I) or \
        re.fullmatch(r"\s*(Rev\.\s*)?" + CONF_ID_RX.pattern + r"\s*", place, re.I)
    if given:
        return number, list(given)
    if not confs:
        if in_force is not None and in_force.adopted:
            b.warn(tp.line, 1, "import-derived", f"no {body} conference found in {place!r}; adopted taken from "
                   f"the texts in force ({', '.join(in_force.adopted)})", "check `adopted`", "info")
            return number, list(in_force.adopted)
        b.warn(tp.line, 1, "import-adopted", f"no {body} conference found in {place!r}",
               "give the history with --adopted, e.g. --adopted PP-10,PP-14")
        return number, []
    chosen = confs[0] if version == "before" else confs[-1]
    if len(confs) > 1 or not clean_place:
        b.warn(tp.line, 1, marks.RULE,
               f"title line place {place.strip()!r} holds more than one reading "
               f"({', '.join(c.id for c in confs)}); took the {version} reading {chosen.id}",
               "use --version before|after, or --adopted")
    existing = existing_adopted(root, body, number, registry, kind)
    if existing:
        order = registry.order(chosen.id)
        older = [a for a in existing if a in registry.conferences and registry.order(a) < order
                 and registry.conferences[a].body == body]
        return number, older + [chosen.id]
    if history is not None:
        order = registry.order(chosen.id)
        older = [c.id for c in places(clean(history.text), body, registry) if registry.order(c.id) < order]
        return number, older + [chosen.id]
    if in_force is not None and chosen.id in in_force.adopted and (in_force.adopted.index(chosen.id) or not rev):
        # The registry of texts in force knows the editions before this one.
        older = list(in_force.adopted[:in_force.adopted.index(chosen.id)])
        if older:
            b.warn(tp.line, 1, "import-derived", f"the editions before {chosen.id} taken from the texts in force: "
                   f"{', '.join(older)}", "check `adopted` in the imported file", "info")
        return number, older + [chosen.id]
    if rev:
        b.warn(tp.line, 1, "import-derived",
               f"revised text ('Rev.'), but the conferences before {chosen.id} are not known: adopted lists "
               f"only {chosen.id}, with earlier_editions: true so that the title line keeps its 'Rev.'",
               "add the earlier editions to `adopted` when a source shows them", "info")
    return number, [chosen.id]
