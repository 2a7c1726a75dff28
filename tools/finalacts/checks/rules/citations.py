"""Rules about citations of other texts: conferences, editions, "Rev.", UN symbols, draft labels.

The family and its rules, with their examples, are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

from finalacts.checks.context import texts_of
from finalacts.corpus import walk
from finalacts.corpus.catalog import family
from finalacts.corpus.findings import Finding
from finalacts.corpus.model import KINDS, ProposalSet, Resolution, stem_of
from finalacts.corpus.textpos import locate as locate_in_source
from finalacts.corpus.texts import load_texts
from finalacts.language.citations import Citation, locate, parse_many, place_key

RULES = family("citations")


def texts(model, ctx=None):
    """(text, node, field, exact) for every text of a resolution or proposal set.

    `exact` is False for table cells, whose positions the model does not keep.
    """
    if isinstance(model, ProposalSet):
        for p in model.proposals:
            for name in ("title", "summary", "introduction", "reasons"):
                yield getattr(p, name), p, name, True
        return
    for node, name, text in texts_of(model, ctx, walk.PROSE):
        yield text, node, name, True
    for node, name, text in texts_of(model, ctx, {walk.CELL}):
        yield text, node, name, False


def check(model, ctx):
    if not isinstance(model, (Resolution, ProposalSet)):
        return
    missing: set[str] = set()
    found = [t for t in texts(model, ctx) if t[0]]
    for (text, node, name, exact), cites in zip(found, parse_many([t[0] for t in found], _CHECKED)):
        for c in cites:
            for rule, message, hint in _problems(c, model, ctx):
                if rule in ("citation-missing", "citation-not-held"):
                    # A partial corpus misses the same text wherever it is cited: say it once.
                    key = message.split("': ", 1)[-1]
                    if key in missing:
                        continue
                    missing.add(key)
                p = node.at(name)
                if exact and name in node.pos:
                    p = locate_in_source(getattr(ctx, "source", None), p, text, c.start)
                yield Finding(model.path, p.line, p.col, rule, RULES[rule], message, hint)


# The kinds of citation _problems looks at.
_CHECKED = frozenset({"un", "draft", "resolution", "decision", "conference", "council"})


def _body_name(ctx, body: str | None) -> str:
    b = ctx.registry.bodies.get(body or "")
    return b.name if b else "ITU conference"


def _problems(c: Citation, model, ctx):
    """(rule, message, hint) for one citation in `model`."""
    reg = ctx.registry
    is_res = isinstance(model, Resolution)
    quoted = f"'{' '.join(c.text.split())}'"
    if c.kind == "un":
        if c.symbol and not c.recognised:
            yield ("citation-un-symbol",
                   f"{quoted}: {c.symbol} is not a UN resolution symbol",
                   f"write A/RES/{c.number} or \"UNGA Resolution {c.number}\"")
        return
    if c.kind == "draft":
        if not is_res:
            return
        label = c.number.strip("[]")
        index = getattr(ctx, "index", None)
        if c.number.startswith("[") and index is not None and index.find_number(label):
            return
        yield ("citation-draft",
               f"{quoted} cites a draft label ({c.number}), not an adopted text",
               "replace it with the number the text received when it was adopted")
        return
    if c.kind not in ("resolution", "decision", "conference", "council"):
        return
    ed = c.edition
    own = model.body if is_res else None
    body = own if (c.this_conference and is_res) else c.body
    if ed is not None and not ed.ok:
        if c.kind != "conference":
            yield ("citation-malformed",
                   f"{quoted}: '({ed.raw.strip()})' is not one edition",
                   "write one edition such as (Rev. Dubai, 2018); tracked changes flattened into "
                   "plain text leave the old and the new side by side")
        return
    if c.kind == "council":
        return
    if ed is None or (c.kind == "conference" and ed.conference):
        # No edition ("Resolution 139 of this conference") or a bare id ("WTDC-14"): only the
        # corpus can say something.
        if ed is None:
            yield from _in_corpus(c, body, None, quoted, ctx)
        return
    if body is not None and body not in reg.bodies:
        return                       # Council, UN: editions by year, not by conference
    if not ed.place and not ed.conference:
        return
    loc = locate(reg, ed, body, prefer=own)
    where_ = ed.place or ed.conference
    if loc.problem == "misspelt":
        yield ("citation-conference",
               f"{quoted}: no conference met in '{ed.city}'; did you mean {loc.suggestion}?",
               f"write {loc.suggestion}")
        return
    if loc.problem == "wrong-year":
        first = reg.by_body.get(body, [None])[0] if body else None
        if first is not None and ed.year < first.year:
            yield ("citation-unregistered",
                   f"{quoted}: {where_} is older than every {first.body} conference in the registry",
                   "add it to schemas/conferences.yaml (verified: false until checked)")
            return
        what = _body_name(ctx, body) if body else "ITU conference"
        held = [x.id for x in reg.conferences.values()
                if place_key(x.city) == place_key(ed.city) and (body is None or x.body == body)]
        msg = f"{quoted}: no {what} met in {ed.city} in {ed.year}"
        if held:
            msg += f" ({ed.city}: {', '.join(held)})"
        if loc.suggestion:
            msg += f"; the {ed.year} one met in {loc.suggestion.split(',')[0]}"
        yield ("citation-conference", msg,
               f"write {loc.suggestion}" if loc.suggestion else "correct the place or the year")
        return
    if loc.problem == "wrong-body":
        other = loc.conference
        msg = (f"{quoted}: {other.id} ({other.place}) was a {_body_name(ctx, other.body)}, "
               f"not a {_body_name(ctx, body)}")
        hint = (f"the {_body_name(ctx, body)} of {ed.year} met in {loc.suggestion}"
                if loc.suggestion else "correct the place or the body")
        yield ("citation-conference", msg, hint)
        return
    if loc.problem == "not-held":
        conf = loc.conference
        became = reg.get(conf.became) if conf.became else None
        yield ("citation-conference",
               f"{quoted}: {conf.id} ({conf.place}) never took place"
               + (f"; it was held as {became.id} ({became.place})" if became else ""),
               f"write {became.place}" if became else "cite an edition that was adopted")
        return
    if loc.problem == "unknown":
        if c.kind != "conference":
            yield ("citation-unregistered",
                   f"{quoted}: the registry knows no conference at {where_}",
                   "correct the citation, or add the conference to schemas/conferences.yaml "
                   "(verified: false until checked)")
        return
    conf = loc.conference
    if conf is None or c.kind == "conference":
        return
    if c.this_conference and is_res and model.adopted and not model.is_draft:
        latest = reg.get(model.adopted[-1])
        if conf.id != model.adopted[-1] and latest is not None:
            yield ("citation-this-conference",
                   f"{quoted}: 'this conference' is {latest.id} ({latest.place}) in a text last "
                   f"adopted there, but the citation names {conf.id} ({conf.place})",
                   f"write 'of the {_body_name(ctx, conf.body)}', or cite the {latest.place} edition")
            return
    if c.kind in KINDS:  # the kinds of text a corpus holds and the registry of texts in force knows
        yield from _in_corpus(c, body or conf.body, conf, quoted, ctx)


def _in_corpus(c: Citation, body: str | None, conf, quoted: str, ctx):
    """citation-missing, citation-not-held, citation-edition and citation-rev, when the corpus holds
    texts of the cited body: the corpus first, then the registry of texts in force."""
    index = getattr(ctx, "index", None)
    if index is None or c.kind not in KINDS or not body or not index.holds_body(body):
        return
    entry = index.get(body, c.number, c.kind)
    folder = ctx.registry.bodies[body].dir if body in ctx.registry.bodies else body.lower()
    key = f"{folder}/{stem_of(c.kind, c.number)}"  # pp/140, pp/decision-11
    word = c.kind.capitalize()
    if entry is None:
        yield from _in_force(c, body, conf, quoted, key, ctx)
        return
    if conf is None:
        return
    if conf.id not in entry.adopted:
        first_known = ctx.registry.get(entry.adopted[0]) if entry.earlier and entry.adopted else None
        if first_known is not None and first_known.body == conf.body and conf.year < first_known.year:
            # An edition older than the first the text records, which says there were some.
            yield ("citation-not-held",
                   f"{quoted}: {key} records its editions from {entry.adopted[0]} on, and "
                   f"says it has earlier ones (earlier_editions: true); its {conf.id} edition is not held "
                   "in this corpus", f"add the editions before {entry.adopted[0]} to its `adopted` when "
                   "a source shows them")
            return
        known = _texts_in_force(ctx).get(body, c.number, c.kind)
        if known is not None and conf.id in known.adopted:
            # The corpus holds another edition (an older corpus of one body, a newer text citing it).
            held = entry.adopted[-1] if entry.adopted else "?"
            yield ("citation-not-held",
                   f"{quoted}: {key} holds the text as adopted to {held}; "
                   f"its {conf.id} edition is a text in force recorded in the registry, not held in this corpus",
                   f"update {key} to its {conf.id} edition to hold it")
            return
        yield ("citation-missing",
               f"{quoted}: {key} lists no {conf.id} edition "
               f"(adopted: {', '.join(entry.adopted) or 'none'})",
               "correct the edition, or the `adopted` list of the cited text")
        return
    first = conf.id == entry.adopted[0] and not entry.earlier
    if first and c.rev:
        yield ("citation-rev",
               f"{quoted}: {conf.place} first adopted {body} {word} {c.number}; a first "
               "adoption is cited without 'Rev.'",
               f"write ({conf.place})")
    elif not first and not c.rev:
        yield ("citation-rev",
               f"{quoted}: {conf.place} revised {body} {word} {c.number} (first adopted at "
               f"{entry.adopted[0]}); a revision is cited with 'Rev.'",
               f"write (Rev. {conf.place})")


def _texts_in_force(ctx):
    """The registry of texts in force (corpus/texts.py): the context's, which a check reads through
    its cache when a citation first asks, else the one shipped."""
    read = getattr(ctx, "in_force", None)
    return read() if read is not None else load_texts()


def _in_force(c: Citation, body: str, conf, quoted: str, key: str, ctx):
    """A text this corpus does not hold: what the registry of texts in force knows of it."""
    reg = ctx.registry
    known = _texts_in_force(ctx).get(body, c.number, c.kind)
    word = c.kind.capitalize()
    if known is None:
        yield ("citation-missing",
               f"{quoted}: the corpus holds no {body} {word} {c.number} ({key}), and the "
               "registry of texts in force does not know it",
               "correct the number, or add the text to the corpus")
        return
    if conf is not None and known.suppressed and reg.order(conf.id) >= reg.order(known.suppressed):
        yield ("citation-edition",
               f"{quoted}: {body} {word} {c.number} was suppressed by {known.suppressed}, so it has no "
               f"{conf.id} edition", "cite the last edition in force, or drop the citation")
        return
    if conf is not None and conf.id not in known.adopted and known.complete_until \
            and reg.order(conf.id) <= reg.order(known.complete_until):
        yield ("citation-edition",
               f"{quoted}: {body} {word} {c.number} has no {conf.id} edition (its editions to "
               f"{known.complete_until}: {', '.join(known.adopted)})",
               f"cite one of its editions, e.g. ({reg.conferences[known.adopted[-1]].place})")
        return
    what = f"{body} {word} {c.number}" + (f" ({known.title})" if known.title else "")
    edition = ("" if conf is None else
               f"; its {conf.id} edition is recorded" if conf.id in known.adopted else
               f"; the registry does not record its {conf.id} edition (known: {', '.join(known.adopted)})")
    yield ("citation-not-held",
           f"{quoted}: {what} is a text in force not held in this corpus{edition}",
           f"add resolutions/{key}.yaml to hold it")
