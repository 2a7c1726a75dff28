"""From a stream of paragraphs (whatever the input format) to a Resolution.

The parts are read in order: the title line, title, history line and preamble (header.py), then
the sections, items and annexes (body.py, annexes.py). What cannot be placed is listed as
unplaced, with the reason, never dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.model import Resolution, walk_items
from finalacts.importer.body import read_body
from finalacts.importer.header import EARLIER, HISTORY_RX, TITLE_RX, body_from_preamble, read_numbers
from finalacts.importer.paras import Builder, Derived, ImportResult, Para, clean, is_heading, split_label


def build(paras: list[Para], path: str, registry, footnotes: dict[str, str] | None = None,
          body: str | None = None, version: str = "before", adopted: list[str] | None = None,
          root: Path | None = None, texts=None) -> ImportResult:
    """Recognise one resolution in `paras`; raises InputError when there is none.

    `texts` is the registry of texts in force, which knows the editions of a text that its title
    line does not name."""
    b = Builder(path, registry, dict(footnotes or {}))
    start = next((i for i, p in enumerate(paras) if p.style == "resno" or TITLE_RX.match(clean(p.text))), None)
    if start is None:
        first = next((p for p in paras if clean(p.text)), None)
        raise InputError(Finding(path, first.line if first else 1, 1, "import-not-resolution", "error",
                                 "no RESOLUTION title line found: this is not a resolution text "
                                 f"({sum(1 for p in paras if clean(p.text))} paragraph(s) read, none a title line)",
                                 "the text must contain a line such as 'RESOLUTION 140 (Rev. Busan, 2014)'"))
    # A page heading that repeats the title line ("WTSA Resolution 22" above "WTSA RESOLUTION 22 (Rev.
    # Dubai, 2012)"): the last of the title lines in a row is the text's own.
    while True:
        nxt = next((k for k in range(start + 1, len(paras)) if clean(paras[k].text)), None)
        if nxt is None or not TITLE_RX.match(clean(paras[nxt].text)):
            break
        start = nxt
    before = [p for p in paras[:start] if clean(p.text)]
    for p in before:
        b.unplace(p, "before the RESOLUTION title line (not part of the resolution)")
    if before:
        where = (f"lines {before[0].line}-{before[-1].line}" if before[-1].line > before[0].line else
                 f"{clean(before[0].text)[:40]!r} on line {before[0].line}")
        b.warn(before[0].line, 1, "import-unplaced",
               f"{where} before the title line are not part of the resolution; not imported",
               "import them by hand if they belong to the text")

    tp = paras[start]
    m = TITLE_RX.match(clean(tp.text))
    if m is None:  # a ResNo style paragraph with an unusual wording
        raise InputError(Finding(path, tp.line, 1, "import-not-resolution", "error",
                                 f"cannot read the title line {clean(tp.text)!r}",
                                 "write it as 'RESOLUTION <number> (<place>, <year>)'"))
    b.placed.add(tp.line)
    i = start + 1
    title_paras: list[Para] = []
    history: Para | None = None
    preamble: Para | None = None
    # A preamble a few paragraphs on closes the title, whatever the lines between look like: a title
    # wrapped over lines ("Treatment of decisions," / "resolutions and recommendations") is not a heading.
    ahead = next((k for k in range(start + 1, min(len(paras), start + 10))
                  if _is_preamble(paras[k]) or split_label(paras[k].text)[0] is not None), None)
    if ahead is not None and _is_preamble(paras[ahead]) and ahead > start + 1:
        for p in paras[start + 1:ahead]:
            t = clean(p.text)
            if not t:
                continue
            if HISTORY_RX.match(t) and title_paras:
                history = p
            else:
                title_paras.append(p)
        preamble = paras[ahead]
        i = ahead + 1
    while preamble is None and i < len(paras) and len(title_paras) < 6:
        p = paras[i]
        t = clean(p.text)
        i += 1
        if not t:
            continue
        if _is_preamble(p):
            preamble = p
            break
        if HISTORY_RX.match(t) and title_paras:
            history = p
            continue
        if is_heading(t) or p.style in ("call", "enumlev1", "enumlev2", "enumlev3"):
            i -= 1
            break
        title_paras.append(p)
    if not title_paras:
        raise InputError(Finding(path, tp.line, 1, "import-not-resolution", "error",
                                 "the title line is not followed by a title", "add the title after it"))
    if preamble is None:
        i = start + 1 + len(title_paras)
    if not body and m.group("prefix") and not (preamble and body_from_preamble(preamble.text, registry)):
        body = m.group("prefix").strip().upper()
    body = body or (preamble and body_from_preamble(preamble.text, registry))
    if not body:
        raise InputError(Finding(path, tp.line, 1, "import-no-body", "error",
                                 "cannot tell which conference adopted this text",
                                 "name the body with --body PP (or WTDC, WTSA, RA, ...)"))
    if body not in registry.bodies:
        raise InputError(Finding(path, tp.line, 1, "import-no-body", "error", f"unknown body {body!r}",
                                 "use one of " + ", ".join(registry.bodies)))

    earlier = bool(adopted) and adopted[0] == EARLIER  # --adopted ...,PP-14,PP-18
    number, adopted = read_numbers(b, tp, m, body, version, adopted[1:] if earlier else adopted, root, history,
                                   preamble, texts)
    # A revised text ("Rev.") whose earlier editions are not known: it says it has some.
    earlier = earlier or (len(adopted) == 1 and bool(re.match(r"\s*rev\b", m.group("place") or "", re.I)))
    res = Resolution(body=body, number=number, title="", adopted=adopted, earlier_editions=earlier,
                     footnotes=dict(b.footnotes), path=path, kind=m.group("kind").lower())
    derived_title = registry.title_of(res)
    if clean(tp.text) != derived_title:
        b.derived.append(Derived(tp.line, clean(tp.text), derived_title))
        if clean(tp.text).lower() != derived_title.lower():
            b.warn(tp.line, 1, "import-derived", f"title line {clean(tp.text)!r} is derived from body, number "
                   f"and adopted as {derived_title!r}", "check `adopted` in the imported file", "info")
    b.scan(tp, tp.text)
    res.title = clean(" ".join(p.text for p in title_paras))
    for p in title_paras:
        b.placed.add(p.line)
        b.scan(p, p.text)
    if history is not None:
        b.placed.add(history.line)
        notes = HISTORY_RX.match(clean(history.text)).group("notes").strip()
        if notes:
            # The history line is derived and holds no mark: its footnotes go to the end of the title.
            res.title += notes
            b.warn(history.line, 1, "import-layout", f"footnote marks {notes!r} of the history line are put at "
                   "the end of the title (the history line is derived from adopted)",
                   "check where the footnotes belong", "info")
        want = registry.history_line(body, adopted) or ""
        if clean(history.text) != want:
            b.derived.append(Derived(history.line, clean(history.text), want))
            b.warn(history.line, 1, "import-derived",
                   f"history line {clean(history.text)!r} is derived from adopted as {want!r}",
                   "check `adopted` in the imported file", "info")
    if preamble is not None:
        b.placed.add(preamble.line)
        want = registry.preamble(body, adopted)
        got = clean(preamble.text)
        if re.sub(r"\(\s+", "(", got) != want:
            b.derived.append(Derived(preamble.line, got, want))
            b.warn(preamble.line, 1, "import-derived",
                   f"preamble {got!r} is derived from body and adopted as {want!r}",
                   "check `adopted` in the imported file", "info")
        b.scan(preamble, preamble.text)
    else:
        b.warn(tp.line, 1, "import-unplaced", "no preamble sentence ('The ... Conference ...,') after the title",
               "check the text around the title")

    read_body(b, paras[i:], res)
    for u in b.unplaced:
        if u.line > tp.line:
            b.warn(u.line, 1, "import-unplaced", f"{u.reason}: {clean(u.text)[:60]!r} not imported",
                   "check whether it belongs to the text")
    ends = {p.line: p.end for p in paras if p.end > p.line}
    last = max({ends.get(n, n) for n in b.placed} | {u.line for u in b.unplaced}, default=tp.line)
    result = ImportResult(path, res, b.findings, b.unplaced, b.derived, b.placed,
                          first_line=tp.line, last_line=last)
    _glued_marks(res, result, path, tp.line)
    missing = [k for k in res.footnotes if f"[^{k}]" not in _all_text(res)]
    for k in missing:
        result.findings.append(Finding(path, tp.line, 1, "import-unplaced", "warning",
                                       f"footnote {k} is not referenced in the text", "add [^" + k + "] or drop it"))
    result.findings.sort()
    return result


# After a word ("countries1,"), after a citation's closing year ("(Rev. Dubai, 2018)1;") or after an
# abbreviation in brackets ("total radiated power (TRP)1"); a star after a word or a closing bracket
# ("bands*", "Resolution 49 (WRC-97)*").
_GLUED = re.compile(r"(?:(?:(?<=[a-z]{3})|(?<=[0-9]{4}\))|(?<=[A-Z]\)))(?P<n>[0-9]{1,2})"
                    r"|(?:(?<=[a-z]{3})|(?<=\)))(?P<s>\*{1,3}))(?=[,;.:)]|\s|$)")


def _glued_marks(res: Resolution, result: ImportResult, path: str, line: int) -> None:
    """Footnote marks that an extraction glued to their word ("countries1,", "academia1 to"), in the
    title and the sections: made [^1] where the source gives footnote 1 and the text does not refer
    to it yet; otherwise said, and kept."""
    holders = [(res, ("title",))]
    for s in res.sections:
        holders += [(node, ("text", "after")) for node in [s] + [it for it, _ in walk_items(s.items)]]
    for node, attrs in holders:
        for attr in attrs:
            text = getattr(node, attr, None)
            if not text:
                continue
            for m in reversed(list(_GLUED.finditer(text))):  # from the end: a repair moves what follows
                k = m.group("n") or m.group("s")
                if m.group("s") and text.count("*", 0, m.start()) % 2:
                    continue                             # the star that closes *words in italics*
                word = text[max(0, m.start() - 12):m.end()].split()[-1]
                if k in res.footnotes and f"[^{k}]" not in _all_text(res):
                    text = text[:m.start()] + f"[^{k}]" + text[m.end():]
                    setattr(node, attr, text)
                    result.findings.append(Finding(path, line, 1, "import-layout", "info",
                                                   f"{word!r}: footnote mark {k} glued to its word, read as [^{k}]",
                                                   "check the footnote reference"))
                elif k not in res.footnotes:
                    result.findings.append(Finding(path, line, 1, "import-layout", "info",
                                                   f"{word!r} may hold a footnote mark glued to its word; the "
                                                   f"source gives no footnote {k}, so it is kept as printed",
                                                   f"write [^{k}] and the footnote text if it is one"))


def _is_preamble(p: Para) -> bool:
    return p.style == "preamble" or bool(re.match(r"^The .*(Conference|Assembly)\b.*,$", clean(p.text)))


def _all_text(res: Resolution) -> str:
    parts = [res.title]
    for s in res.sections:
        parts += [s.heading, s.text or "", s.after or ""]
        parts += [(it.text or "") + " " + (it.after or "") for it, _ in walk_items(s.items)]
    for a in res.annexes:
        parts.append(a.heading)
        for bl in a.blocks:
            parts += [bl.heading or "", bl.text or ""]
            parts += [it.text or "" for it, _ in walk_items(bl.items)]
            parts += [c for row in bl.table or [] for c in row]
    return "\n".join(parts)
