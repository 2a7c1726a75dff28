"""Documents in a language other than English: each text with its translated words, and what the
English derives from the conference registry (title line, preamble, history line) in that
language's forms. What has no translation is never filled from the English silently: it is a
visible placeholder, and the render says which units they are (sources.py refuses by default).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from finalacts.corpus.languages import Forms
from finalacts.corpus.model import Resolution
from finalacts.corpus.translation import Translation, describe, fingerprint, node_at, units


@dataclass
class Gaps:
    """What a document in a language lacks: units with no translation, translations of an earlier
    English, and forms the language registry could not verify."""

    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unverified: set[str] = field(default_factory=set)


def localize(en: Resolution, tr: Translation | None, forms: Forms, gaps: Gaps) -> Resolution:
    """`en` with the words of its `forms.code` version; placeholders where there are none."""
    out = copy.deepcopy(en)
    mine = {u.address: u for u in units(tr.text)} if tr is not None else {}
    for u in units(en):
        if not u.text:
            continue
        have = mine.get(u.address)
        name = describe(u.address, en)
        if have is None or not have.text:
            gaps.missing.append(f"{en.key}: {name}")
            value = f"[not translated into {forms.english}: {name}]"
        else:
            value = have.text
            if tr.sources.get(u.address) != fingerprint(u.text):
                gaps.stale.append(f"{en.key}: {name}")
        if u.address[0] == "title":
            out.title = value
        elif u.address[0] == "footnote":
            out.footnotes[u.address[1]] = value
        else:
            setattr(node_at(out, u.address[:-1]), u.address[-1], value)
    return out


class LocalRegistry:
    """The conference registry, with the derived lines in one language's forms."""

    def __init__(self, registry, forms: Forms, gaps: Gaps):
        self._registry = registry
        self.forms = forms
        self.gaps = gaps

    def __getattr__(self, name):
        return getattr(self._registry, name)

    def title_line(self, body: str, number, adopted: list[str], earlier: bool = False,
                   kind: str = "resolution") -> str:
        line, unverified = self.forms.title_line(self._registry, body, number, adopted, earlier, kind)
        self.gaps.unverified.update(unverified)
        return line

    def title_of(self, res) -> str:
        return self.title_line(res.body, res.number, res.adopted, res.earlier_editions, res.kind)

    def preamble(self, body: str, adopted: list[str], conference: str | None = None) -> str:
        text, unverified = self.forms.preamble(self._registry, body, adopted, conference)
        self.gaps.unverified.update(unverified)
        return text

    def history_line(self, body: str, adopted: list[str]) -> str | None:
        if not self._registry.bodies[body].history_line or not adopted:
            return None
        places = []
        for a in adopted:
            conf = self._registry.conferences.get(a)
            if conf is None:
                continue
            city = self.forms.city(conf.city)
            if not city.verified:
                self.gaps.unverified.add(f"{self.forms.english} {conf.city}")
            places.append(f"{city.form}, {conf.year}")
        return "(" + "; ".join(places) + ")"
