"""`finalacts site`: a static, searchable site of the corpus built from the repository's refs.

    index.html                         bodies, editions, proposal conferences, search
    pp/index.html (page-2/ …)          the texts of a body as they stand (HEAD), 100 a page
    pp/140/index.html#resolves-5       a text as it stands; every section and item has a stable id
    pp/140/PP-14/index.html            the text as it stood at an edition
    pp/140/editions/index.html         its editions, and the redline between any two versions
    pp/140/diff/PP-10..PP-14/index.html
    pp/140/history/ blame/ compare/    lineage, who proposed which words, the open proposals side by side
    pp/140/140.akn.xml, PP-14/140.akn.xml   Akoma Ntoso (AKN4UN), validated against the XSD
    editions/PP-14/index.html          the texts in force at an edition, with what it changed
    proposals/pp-18/ACP-64A1/index.html    a proposal set: its proposals and its document (HTML, .docx, PDF)
    search/index.html                  full-text search (Pagefind index built here; reading needs no script)

Texts come from git (edition tags and HEAD), never from the work tree, so a preview built in CI
shows exactly the commit under review. The library functions the commands use do the work:
render/ for documents and redlines, provenance/ for blame, history and compare.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from finalacts import git
from finalacts.corpus.files import parse
from finalacts.corpus.findings import InputError, UsageError
from finalacts.corpus.languages import load_languages
from finalacts.corpus.layout import LANGUAGES, translation_relpath
from finalacts.corpus.model import ProposalSet, Resolution
from finalacts.corpus.registry import load_registry
from finalacts.corpus.translation import Translation
from finalacts.provenance import blame as blaming
from finalacts.provenance import compare as comparing
from finalacts.provenance import history as lineage
from finalacts.provenance.compare import Comparison
from finalacts.publish import akn, pages
from finalacts.publish.identity import Names, walk
from finalacts.publish.pages import Page, chunks, e, layout, pager
from finalacts.publish.search import index_site
from finalacts.publish.versions import HEAD, Reader, TextInfo, Version
from finalacts.render.document import resolution_doc
from finalacts.render.html import render_html
from finalacts.render.languages import Gaps, LocalRegistry, localize
from finalacts.render.pdf import soffice
from finalacts.render.sources import build_date, render_target

MARKER = ".finalacts-site"  # in a built site: `finalacts site` may replace a folder that holds it
MAX_PAIRS_VERSIONS = 8  # all pairs of up to 8 distinct versions; beyond, each version against the next and the last

Say = Callable[[str], None]
# A text in Arabic or Chinese is set in the faces `.ci/run` installs, as the documents are (render/html.py).
LANG_CSS = (
    ':lang(ar) { font-family: "Noto Naskh Arabic", serif; }\n'
    ':lang(zh) { font-family: "Noto Serif CJK SC", serif; }\n'
)


@dataclass
class SiteReport:
    out: Path
    texts: int = 0
    editions: int = 0
    sets: int = 0
    pages: int = 0
    files: int = 0
    bytes: int = 0
    akn: int = 0
    languages: int = 0  # pages of a text in another language
    akn_problems: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    search: str = ""
    seconds: float = 0.0


@dataclass
class SetInfo:
    pset: ProposalSet
    ref: str
    sha: str
    rel: str

    @property
    def conf_dir(self) -> str:
        return self.pset.conference.lower()

    @property
    def slug(self) -> str:
        return self.pset.id.replace("/", "-")

    @property
    def path(self) -> str:
        return f"proposals/{self.conf_dir}/{self.slug}/index.html"


class _Site:
    def __init__(self, repo, out: Path, commit_url: str | None, pdf: bool, say: Say):
        self.repo, self.out, self.commit_url, self.pdf, self.say = repo, out, commit_url, pdf, say
        self.reg = load_registry()
        self.head = repo.resolve(HEAD)
        self.when = build_date(repo, HEAD)
        self.report = SiteReport(out)
        self.reader = Reader(repo, self.reg, self.report.left_out)
        self.footer = (
            f"Built from commit {e(self.head[:12])}, {self.when.strftime('%Y-%m-%d')}. "
            "Texts, editions and proposals as the repository holds them; "
            "the adopted Final Acts of each conference are authoritative."
        )
        self.nav: list[tuple[str, str]] = []
        self.histories: dict[str, object] = {}
        self.edition_ids: set[str] = set()
        self.set_paths: dict[str, str] = {}
        self.text_keys: set[str] = set()
        self.proposal_rows: dict[str, object] = {}
        self.snapshot = repo.at(self.head)

    # ------------------------------------------------------------ reading

    def proposal_sets(self) -> list[SetInfo]:
        seen: dict[str, SetInfo] = {}
        refs = self.repo.ref_names()
        tags = set(self.repo.tags())
        candidates = []
        for name, sha in refs:
            if name in tags:
                continue
            short = name.split("/", 1)[1] if not name.startswith("proposals/") and "/proposals/" in name else name
            if short.startswith("proposals/"):
                candidates.append((short, name, sha))
        candidates.sort(key=lambda c: (c[0], c[1] != c[0]))  # the local branch before a remote one
        for short, name, sha in candidates:
            if short in seen:
                continue
            info = self._set_at(name, sha, f"{short}.yaml")
            if info is not None:
                seen[short] = info
        # Sets merged and their branches gone: the manifests HEAD holds.
        for rel, blob in sorted(self.repo.at(HEAD).blobs("proposals").items()):
            branch = rel[: -len(".yaml")]
            if rel.endswith(".yaml") and branch not in seen and not any(s.rel == rel for s in seen.values()):
                info = self._set_at(HEAD, self.head, rel)
                if info is not None:
                    seen[branch] = info
        return sorted(seen.values(), key=lambda s: (s.pset.conference, s.pset.id))

    def _set_at(self, ref: str, sha: str, rel: str) -> SetInfo | None:
        raw = self.repo.at(sha).read(rel)
        if raw is None:
            return None
        parsed = parse(raw, f"{ref}:{rel}")
        if parsed.findings or not isinstance(parsed.model, ProposalSet):
            self.report.left_out.append(f"{ref}:{rel}: not a readable proposal manifest (left out of the site)")
            return None
        return SetInfo(parsed.model, ref, sha, rel)

    # ------------------------------------------------------------ writing

    def write(self, page: Page) -> None:
        data = layout(page, self.nav, self.footer).encode("utf-8")
        self.put(page.path, data)
        self.report.pages += 1

    def put(self, rel: str, data: bytes) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.report.files += 1
        self.report.bytes += len(data)

    # ------------------------------------------------------------ the build

    def build(self, search: bool) -> SiteReport:
        t0 = time.monotonic()
        editions = self.reader.editions()
        texts = self.reader.texts(editions)
        sets = self.proposal_sets()
        self.edition_ids, self.text_keys = set(editions), set(texts)
        self.set_paths = {s.pset.id: s.path for s in sets}
        bodies = [b for b in self.reg.bodies.values() if any(t.latest.res.body == b.id for t in texts.values())]
        self.nav = [(b.id, f"{b.dir}/index.html") for b in bodies] + [
            ("Editions", "editions/index.html"),
            ("Proposals", "proposals/index.html"),
        ]
        self.say(
            f"finalacts site: {len(texts)} texts, {len(editions)} editions, {len(sets)} proposal sets "
            f"from {self.repo.where} at {self.head[:8]}"
        )
        self.report.texts, self.report.editions, self.report.sets = len(texts), len(editions), len(sets)
        works = akn.Works.of([t.latest.res for t in texts.values()], self.reg)
        rows = {}
        for k, info in enumerate(texts.values()):
            rows[info.key] = self.text_pages(info, works, editions)
            if (k + 1) % 100 == 0:
                self.say(f"  {k + 1} texts")
        self.body_pages(bodies, texts)
        self.edition_pages(editions, texts)
        self.proposal_pages(sets, rows)
        self.home(bodies, editions, texts, sets)
        self.search_page()
        self.assets()
        if search:
            self.report.search = index_site(self.out)
        else:
            self.report.left_out.append("search index (--no-search): the search page says so")
        self.report.seconds = time.monotonic() - t0
        return self.report

    def assets(self) -> None:
        self.put("assets/site.css", (pages.SITE_CSS + LANG_CSS).encode())
        self.put("assets/search.js", pages.SEARCH_JS.encode())
        self.put("assets/pick.js", pages.PICK_JS.encode())
        self.put(MARKER, b"A site built by `finalacts site`; `finalacts site` may replace this folder.\n")
        self.put(".nojekyll", b"")  # GitHub Pages: serve the folders as they are

    def crumbs_text(self, info: TextInfo, *more) -> tuple:
        body = self.reg.bodies[info.latest.res.body]
        return (
            ("Home", "index.html"),
            (body.id, f"{body.dir}/index.html"),
            (self.label(info.latest.res), f"{info.dir}/index.html" if more else None),
            *more,
        )

    def label(self, res: Resolution) -> str:
        return f"{res.kind.capitalize()} {self.reg.label(res.number, res.body)}"

    def tabs(self, page: Page, info: TextInfo, current: str) -> str:
        d = info.dir
        tabs = [
            ("Text", f"{d}/index.html"),
            ("Editions", f"{d}/editions/index.html"),
            ("History", f"{d}/history/index.html"),
        ]
        if info.at_head:
            tabs += [("Blame", f"{d}/blame/index.html"), ("Compare proposals", f"{d}/compare/index.html")]
        lis = "".join(
            f'<li><a href="{pages.link(page, t)}"{" aria-current=page" if n == current else ""}>{e(n)}</a></li>'
            for n, t in tabs
        )
        return f'<nav class="tabs" aria-label="This text"><ul>{lis}</ul></nav>'

    # ------------------------------------------------------------ one text

    def text_pages(self, info: TextInfo, works: akn.Works, editions: list[str]) -> dict:
        res = info.latest.res
        d = info.dir
        in_force = [v.edition for v in info.versions if v.edition != HEAD]
        status = self.status(info)
        versions = self.language_pages(info) if info.at_head else []
        # the text as it stands, then as it stood at each edition
        for v, names in zip(info.versions, info.names):
            at_head = v.edition == HEAD
            path = f"{d}/index.html" if at_head else f"{d}/{v.edition}/index.html"
            first = next(x for x in info.versions if x.blob == v.blob)
            # One indexed page per distinct version: the latest page, or the edition that first had it.
            indexed = at_head or (v is first and v.blob != info.latest.blob) or (not info.at_head and v is info.latest)
            akn_name = self.akn_file(info, v, names, works, path)
            page = Page(
                path,
                f"{self.label(v.res)}: {v.res.title}"[:200],
                "",
                self.crumbs_text(info) if at_head else self.crumbs_text(info, (v.edition, None)),
                index=("text" if at_head else "edition") if indexed else None,
                search_title=f"{self.reg.title_of(v.res)}: {v.res.title}"
                + ("" if at_head else f" (as in force after {v.edition})"),
            )
            where = (
                "as it stands on the published branch"
                + (f" (in force since {in_force[-1]})" if in_force and info.versions[-2].blob == v.blob else "")
                if at_head
                else f"as in force after {v.edition}"
            )
            head = (
                f'<p class="meta">{e(where)}. {e(status)} '
                + (f'<a href="{e(akn_name)}">Akoma Ntoso (XML)</a>' if akn_name else "")
                + "</p>"
            )
            if at_head and versions:
                head += '<p class="meta">In other languages: ' + ", ".join(
                    f'<a href="{e(pages.link(page, target))}" lang="{e(code)}">{e(name)}</a>'
                    for code, name, target in versions) + "</p>"
            page.body = (
                self.tabs(page, info, "Text") + head + f'<article class="doc">'
                f"{pages.text_html(v.res, names, self.reg)}</article>"
            )
            self.write(page)
        self.editions_page(info)
        self.history_page(info)
        if info.at_head:
            self.blame_page(info)
            self.compare_page(info)
        return {"key": info.key, "title": res.title, "status": status, "editions": in_force}

    def language_pages(self, info: TextInfo) -> list[tuple[str, str, str]]:
        """The text as it stands in each language the corpus holds a version of: the translated
        words, the title line and preamble in the language's forms, every unit with no translation
        a visible placeholder (never the English) and listed above the text, stale ones listed too.
        (code, name, page path) of each page written."""
        snap = self.snapshot
        en, names = info.latest.res, info.names[-1]
        out = []
        for code in LANGUAGES:
            rel = translation_relpath(info.key, code)
            raw = snap.read(rel)
            if raw is None:
                continue
            parsed = parse(raw, rel)
            if parsed.findings or not isinstance(parsed.model, Translation):
                why = parsed.findings[0].message if parsed.findings else "not a translation file"
                self.report.left_out.append(f"{rel}: {why}; no {code} page of {info.key}")
                continue
            forms, gaps = load_languages().get(code), Gaps()
            res = localize(en, parsed.model, forms, gaps)
            mine = Names()
            for (s0, i0, _), (s1, i1, _) in zip(walk(en), walk(res)):
                a, b = (i0 if i0 is not None else s0), (i1 if i1 is not None else s1)
                mine.stable[id(b)], mine.current[id(b)] = names.stable[id(a)], names.current[id(a)]
            body = pages.text_html(res, mine, LocalRegistry(self.reg, forms, gaps))
            path = f"{info.dir}/{code}/index.html"
            page = Page(path, f"{self.label(en)} ({forms.english}): {res.title}"[:200], "",
                        self.crumbs_text(info, (forms.name, None)))
            notes = [f"In {forms.english}, as the language version {rel} holds it on the published branch."]
            if gaps.missing:
                notes.append(f"Not translated into {forms.english} ({len(gaps.missing)}), marked in the text: "
                             + "; ".join(m.split(": ", 1)[1].replace("*", "") for m in gaps.missing) + ".")
            if gaps.stale:
                notes.append(f"Translating an earlier English text ({len(gaps.stale)}): "
                             + "; ".join(m.split(": ", 1)[1].replace("*", "") for m in gaps.stale) + ".")
            if gaps.unverified:
                notes.append("Forms the language registry has not verified: "
                             + ", ".join(sorted(gaps.unverified)) + ".")
            direction = ' dir="rtl"' if forms.direction == "rtl" else ""
            page.body = (self.tabs(page, info, "") + "".join(f'<p class="meta">{e(n)}</p>' for n in notes)
                         + f'<article class="doc" lang="{e(forms.tag)}"{direction}>{body}</article>')
            self.write(page)
            self.report.languages += 1
            out.append((code, forms.name, path))
        return out

    def status(self, info: TextInfo) -> str:
        eds = [v.edition for v in info.versions if v.edition != HEAD]
        if not info.at_head:
            return f"Suppressed after {eds[-1]}." if eds else "No longer in the corpus."
        if info.latest.res.is_draft:
            return "A draft: in no edition yet."
        if not eds:
            return "Not yet in a tagged edition."
        return f"In {len(eds)} edition{'s' * (len(eds) != 1)} of this repository: {', '.join(eds)}."

    def akn_file(self, info: TextInfo, v: Version, names: Names, works: akn.Works, page_path: str) -> str | None:
        if v.res.is_draft or not v.res.adopted:
            return None
        w = akn.to_akn(v.res, self.reg, works, names)
        name = f"{v.res.stem}.akn.xml"
        rel = page_path.rsplit("/", 1)[0] + f"/{name}"
        self.report.akn_problems += akn.problems(w.xml, rel)
        self.put(rel, w.xml)
        self.report.akn += 1
        return name

    def pairs(self, info: TextInfo) -> list[tuple[Version, Version]]:
        distinct: list[Version] = []
        for v in info.versions:
            if not distinct or distinct[-1].blob != v.blob:
                distinct.append(v)
        if len(distinct) <= MAX_PAIRS_VERSIONS:
            return [(a, b) for k, a in enumerate(distinct) for b in distinct[k + 1 :]]
        out = list(zip(distinct, distinct[1:]))
        out += [(a, distinct[-1]) for a in distinct[:-2]]
        return out

    def editions_page(self, info: TextInfo) -> None:
        d = info.dir
        page = Page(
            f"{d}/editions/index.html",
            f"{self.label(info.latest.res)}: editions",
            "",
            self.crumbs_text(info, ("Editions", None)),
            scripts=("pick.js",),
        )
        rows = []
        prev = None
        for v in info.versions:
            target = f"{d}/index.html" if v.edition == HEAD else f"{d}/{v.edition}/index.html"
            what = "as it stands (HEAD)" if v.edition == HEAD else v.edition
            change = "first version here" if prev is None else ("unchanged" if prev.blob == v.blob else "revised")
            rows.append(
                f'<tr><td><a href="{pages.link(page, target)}">{e(what)}</a></td><td>{e(change)}</td>'
                f"<td>{e(self.reg.title_of(v.res))}</td></tr>"
            )
            prev = v
        pairs = self.pairs(info)
        links = []
        for a, b in pairs:
            path = f"{d}/diff/{a.edition}..{b.edition}/index.html"
            self.diff_page(info, a, b, path)
            links.append(
                f'<li><a data-pair="{e(a.edition)}..{e(b.edition)}" href="{pages.link(page, path)}">'
                f"{e(a.edition)} → {e(b.edition)}</a></li>"
            )
        opts = "".join(f'<option value="{e(v.edition)}">{e(v.edition)}</option>' for v in info.versions)
        pick = (
            (
                f'<form class="pick noprint" hidden><label>From <select name="from">{opts}</select></label> '
                f'<label>to <select name="to">{opts}</select></label> <button type="submit">Show the redline</button>'
                ' <span class="msg" role="status"></span></form>'
            )
            if len(pairs) > 1
            else ""
        )
        page.body = (
            self.tabs(page, info, "Editions") + f"<h1>{e(self.label(info.latest.res))}: editions</h1>"
            '<table class="list"><thead><tr><th scope="col">Edition</th><th scope="col">Change</th>'
            f'<th scope="col">Title line</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f"<h2>Redlines</h2>{pick}"
            + (f"<ul>{''.join(links)}</ul>" if links else "<p>Only one version: nothing to compare.</p>")
        )
        self.write(page)

    def diff_page(self, info: TextInfo, a: Version, b: Version, path: str) -> None:
        doc = resolution_doc(a.res, b.res, self.reg, "finalacts", self.when)
        page = Page(
            path,
            f"{self.label(b.res)}: {a.edition} → {b.edition}",
            "",
            self.crumbs_text(
                info, ("Editions", f"{info.dir}/editions/index.html"), (f"{a.edition} → {b.edition}", None)
            ),
        )
        page.body = (
            self.tabs(page, info, "Editions") + f"<h1>{e(a.edition)} → {e(b.edition)}</h1>"
            '<p class="meta">Words struck through were deleted, words underlined were inserted.</p>'
            f'<article class="doc">{pages.doc_body(render_html(doc))}</article>'
        )
        self.write(page)

    def history_page(self, info: TextInfo) -> None:
        page = Page(
            f"{info.dir}/history/index.html",
            f"{self.label(info.latest.res)}: history",
            "",
            self.crumbs_text(info, ("History", None)),
        )
        try:
            h = lineage.history(self.repo.top, info.key)
        except (UsageError, InputError) as err:
            page.body = self.tabs(page, info, "History") + f"<p>No history: {e(err)}</p>"
            self.write(page)
            return
        self.histories[info.key] = h
        eds = "".join(
            f"<tr><td>{self.edition_link(page, r.edition, r.tagged)}</td><td>{e(r.status)}</td></tr>"
            for r in h.editions
        )
        props = []
        for p in h.proposals:
            outcome = getattr(p, "outcome", None)
            state = f"merged into {p.edition}" if p.edition else p.status
            props.append(
                f"<tr><td>{self.proposal_link(page, p.id)}</td><td>{e(p.action)}</td><td>{e(p.conference)}</td>"
                f"<td>{e(p.submitter)}</td><td>{e(outcome or state)}</td><td>{e(p.summary or '')}</td></tr>"
            )
        page.body = (
            self.tabs(page, info, "History")
            + f"<h1>{e(self.label(info.latest.res))}: history</h1>"
            + "".join(f"<p><strong>{e(w)}</strong></p>" for w in h.warnings)
            + f'<p class="meta">Adopted: {e(", ".join(h.adopted) or "never (a draft)")}</p>'
            '<h2>Editions</h2><table class="list"><thead><tr><th scope="col">Edition</th>'
            f'<th scope="col">Status</th></tr></thead><tbody>{eds}</tbody></table>'
            "<h2>Proposals</h2>"
            + (
                '<table class="list"><thead><tr><th scope="col">Proposal</th><th scope="col">Action</th>'
                '<th scope="col">Conference</th><th scope="col">Submitter</th><th scope="col">Outcome</th>'
                f'<th scope="col">Summary</th></tr></thead><tbody>{"".join(props)}</tbody></table>'
                if props
                else "<p>No proposal on any branch or tag touched this text.</p>"
            )
        )
        self.write(page)

    def edition_link(self, page: Page, edition: str, tagged: bool = True) -> str:
        if tagged and edition in self.edition_ids:
            return f'<a href="{pages.link(page, f"editions/{edition}/index.html")}">{e(edition)}</a>'
        return e(edition) + ("" if tagged else " <span class='meta'>(before this repository)</span>")

    def proposal_link(self, page: Page, pid: str | None) -> str:
        if not pid:
            return ""
        set_id, _, num = pid.rpartition("/")
        target = self.set_paths.get(set_id)
        return f'<a href="{pages.link(page, target + "#p" + num)}">{e(pid)}</a>' if target else e(pid)

    def commit_link(self, sha: str) -> str:
        if self.commit_url:
            return f'<a href="{e(self.commit_url.replace("{sha}", sha))}"><code>{e(sha[:12])}</code></a>'
        return f"<code>{e(sha[:12])}</code>"

    def blame_page(self, info: TextInfo) -> None:
        page = Page(
            f"{info.dir}/blame/index.html",
            f"{self.label(info.latest.res)}: who proposed which words",
            "",
            self.crumbs_text(info, ("Blame", None)),
        )
        try:
            b = blaming.blame(self.repo.top, info.key, None, HEAD)
        except (UsageError, InputError) as err:
            page.body = self.tabs(page, info, "Blame") + f"<p>No blame: {e(err)}</p>"
            self.write(page)
            return
        hues = (30, 190, 290, 120, 220, 0, 60, 160, 260, 330, 90, 250)
        css = "".join(
            f".o{k}{{background:hsl({hues[k % len(hues)]},80%,92%);border-color:hsl({hues[k % len(hues)]},60%,35%)}}"
            for k in range(len(b.origins))
        )
        out = [f"<style>{css}</style>"]
        for ent in b.entries:
            spans = "".join(
                f'<a class="o o{s.origin}" href="#o{s.origin + 1}" title="{e(self.origin_title(b.origins[s.origin]))}">'
                f"{pages.markup_html(s.text)}</a>"
                for s in ent.spans
            )
            o = b.origins[ent.origin]
            out.append(
                f'<div class="e"><p class="meta">{e(ent.where)} — entered with '
                f'<a href="#o{ent.origin + 1}">[{ent.origin + 1}]</a> ({e(o.edition or "no edition yet")})</p>'
                f"<p>{spans}</p></div>"
            )
        legend = []
        for k, o in enumerate(b.origins):
            sub = self.submitter_link(page, o.submitter) if o.submitter else ""
            legend.append(
                f'<tr id="o{k + 1}"><td><span class="o o{k}">[{k + 1}]</span></td>'
                f"<td>{self.proposal_link(page, o.proposal) if o.proposal else 'no proposal'}"
                f"{(' ' + e(o.action)) if o.action else ''}</td><td>{sub}</td>"
                f"<td>{self.edition_link(page, o.edition) if o.edition else 'in no edition yet'}</td>"
                f"<td>{self.commit_link(o.commit)} by {e(o.author)}, {e(o.date)}: {e(o.subject)}"
                f"{(' — ' + e(o.note)) if o.note else ''}</td></tr>"
            )
        page.body = (
            self.tabs(page, info, "Blame")
            + f"<h1>{e(self.label(info.latest.res))}: who proposed which words</h1>"
            + "".join(f"<p><strong>{e(w)}</strong></p>" for w in b.warnings)
            + '<p class="meta">Each phrase links to the proposal, submitter, edition and commit that '
            "brought it in (the legend below).</p>"
            + "".join(out)
            + '<h2>Legend</h2><table class="list"><thead><tr><th scope="col">Mark</th><th scope="col">Proposal</th>'
            '<th scope="col">Submitter</th><th scope="col">Edition</th><th scope="col">Commit</th></tr></thead>'
            + f"<tbody>{''.join(legend)}</tbody></table>"
        )
        self.write(page)

    @staticmethod
    def origin_title(o) -> str:
        return f"{o.who}; {'edition ' + o.edition if o.edition else 'in no edition yet'}; commit {o.short}"

    def submitter_link(self, page: Page, who: str) -> str:
        return f'<a href="{pages.link(page, "proposals/submitters/index.html#" + _slug(who))}">{e(who)}</a>'

    def compare_page(self, info: TextInfo) -> None:
        page = Page(
            f"{info.dir}/compare/index.html",
            f"{self.label(info.latest.res)}: open proposals",
            "",
            self.crumbs_text(info, ("Compare proposals", None)),
        )
        try:
            c = comparing.compare(self.repo.top, info.key, [])
        except (UsageError, InputError) as err:
            page.body = self.tabs(page, info, "Compare proposals") + f"<p>No comparison: {e(err)}</p>"
            self.write(page)
            return
        page.body = (
            self.tabs(page, info, "Compare proposals")
            + f"<h1>{e(self.label(info.latest.res))}: open proposals side by side</h1>"
            + self.compare_table(page, c)
        )
        self.write(page)

    def compare_table(self, page: Page, c: Comparison) -> str:
        if not c.sides:
            return "<p>No open proposal changes this text.</p>"
        n = len(c.clashes) + len(c.text_clashes)
        head = "".join(
            f'<th scope="col">{self.proposal_link(page, s.name.split(",")[0]) if s.action else e(s.name)}'
            f"<br><small>{e(s.submitter or s.ref)}</small></th>"
            for s in c.sides
        )
        rows = []
        for r in c.rows:
            changed = any(x.op not in ("equal", "suppressed") for x in r.cells) or any(r.inserted)
            if not changed:
                continue
            cells = []
            for k in range(len(c.sides)):
                x = r.cells[k]
                body = (
                    "" if x.op == "equal" else e(x.op) + ": " + pages.runs_html(x.label) + " " + pages.runs_html(x.runs)
                )
                body += "".join(
                    f"<br>{e(i.op)}: {pages.runs_html(i.label)} {pages.runs_html(i.runs)}" for i in r.inserted[k]
                )
                cells.append(f"<td>{body}</td>")
            mark = ' class="clash"' if r.clash else ""
            flag = ' <strong class="badge">clash</strong>' if r.clash else ""
            rows.append(
                f'<tr{mark}><th scope="row">{e(r.where)}{flag}</th><td>{e(r.label)} {e(r.text)}</td>'
                f'{"".join(cells)}</tr>'
            )
        return (
            f'<p class="meta">Against {e(c.base)}; {n} clash{"es" * (n != 1)} '
            "(two proposals changing the same paragraph differently).</p>"
            + "".join(f"<p><strong>Clash: {e(x)}</strong></p>" for x in c.text_clashes)
            + "".join(f'<p class="meta">{e(x)}</p>' for x in c.notes)
            + '<div style="overflow-x:auto"><table><thead><tr><th scope="col">Paragraph</th>'
            f'<th scope="col">Base</th>{head}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    # ------------------------------------------------------------ listings

    def body_pages(self, bodies, texts: dict[str, TextInfo]) -> None:
        for b in bodies:
            mine = [t for t in texts.values() if t.latest.res.body == b.id]
            groups = chunks(mine)
            for n, group in enumerate(groups, 1):
                path = f"{b.dir}/index.html" if n == 1 else f"{b.dir}/page-{n}/index.html"
                page = Page(
                    path,
                    f"{b.name}: resolutions" + (f" (page {n})" if n > 1 else ""),
                    "",
                    (("Home", "index.html"), (b.id, None)),
                )
                rows = "".join(
                    f'<tr><td><a href="{pages.link(page, t.dir + "/index.html")}">'
                    f"{e(self.label(t.latest.res))}</a></td>"
                    f"<td>{e(t.latest.res.title)}</td><td>{e(self.status(t))}</td></tr>"
                    for t in group
                )
                href = lambda k, b=b, page=page: pages.link(
                    page, f"{b.dir}/index.html" if k == 1 else f"{b.dir}/page-{k}/index.html"
                )
                page.body = (
                    f"<h1>{e(b.name)}: resolutions</h1>"
                    f'<p class="meta">{len(mine)} texts as they stand on the published branch.</p>'
                    + pager(n, len(groups), href)
                    + '<table class="list"><thead><tr><th scope="col">Text</th><th scope="col">Title</th>'
                    f'<th scope="col">Status</th></tr></thead><tbody>{rows}</tbody></table>'
                    + pager(n, len(groups), href)
                )
                self.write(page)

    def edition_pages(self, editions: list[str], texts: dict[str, TextInfo]) -> None:
        self.edition_ids = set(editions)
        index = Page("editions/index.html", "Editions", "", (("Home", "index.html"), ("Editions", None)))
        lis = []
        for ed in editions:
            conf = self.reg.conferences[ed]
            body = self.reg.bodies[conf.body]
            held = [(t, t.version(ed)) for t in texts.values() if t.version(ed)]
            prev_ed = next(
                (x for x in reversed(editions[: editions.index(ed)]) if self.reg.conferences[x].body == conf.body), None
            )
            rows = []
            for t, (v, _) in held:
                before = t.version(prev_ed) if prev_ed else None
                change = (
                    ("new" if before is None else "revised" if before[0].blob != v.blob else "unchanged")
                    if prev_ed
                    else ("adopted" if v.res.adopted == [ed] and not v.res.earlier_editions else "in force")
                )
                rows.append((t, change))
            if prev_ed:
                for t in texts.values():
                    if t.version(prev_ed) and not t.version(ed):
                        rows.append((t, "suppressed"))
            groups = chunks(rows)
            for n, group in enumerate(groups, 1):
                path = f"editions/{ed}/index.html" if n == 1 else f"editions/{ed}/page-{n}/index.html"
                page = Page(
                    path,
                    f"{ed}: texts in force" + (f" (page {n})" if n > 1 else ""),
                    "",
                    (("Home", "index.html"), ("Editions", "editions/index.html"), (ed, None)),
                )
                trs = []
                for t, change in group:
                    v = t.version(ed) or t.version(prev_ed)
                    target = f"{t.dir}/{ed if t.version(ed) else prev_ed}/index.html"
                    trs.append(
                        f'<tr><td><a href="{pages.link(page, target)}">{e(self.label(v[0].res))}</a></td>'
                        f"<td>{e(v[0].res.title)}</td><td>{e(change)}</td></tr>"
                    )
                href = lambda k, ed=ed, page=page: pages.link(
                    page, f"editions/{ed}/index.html" if k == 1 else f"editions/{ed}/page-{k}/index.html"
                )
                counts = {c: sum(1 for _, x in rows if x == c) for c in ("new", "revised", "suppressed", "unchanged")}
                summary = ", ".join(f"{v} {k}" for k, v in counts.items() if v) if prev_ed else f"{len(rows)} texts"
                page.body = (
                    f"<h1>{e(conf.name or body.name)} ({e(conf.place)}): texts in force after {e(ed)}</h1>"
                    f'<p class="meta">{e(summary)}'
                    + (f" since {e(prev_ed)}" if prev_ed else "")
                    + ".</p>"
                    + pager(n, len(groups), href)
                    + '<table class="list"><thead><tr><th scope="col">Text</th><th scope="col">Title</th>'
                    f'<th scope="col">At this edition</th></tr></thead><tbody>{"".join(trs)}</tbody></table>'
                    + pager(n, len(groups), href)
                )
                self.write(page)
            lis.append(
                f'<li><a href="{pages.link(index, f"editions/{ed}/index.html")}">{e(ed)}</a> — '
                f"{e(conf.name or body.name)} ({e(conf.place)}), {len(held)} texts</li>"
            )
        index.body = "<h1>Editions</h1>" + (f"<ul>{''.join(lis)}</ul>" if lis else "<p>No edition tag yet.</p>")
        self.write(index)

    def proposal_pages(self, sets: list[SetInfo], rows: dict) -> None:
        for h in self.histories.values():
            for row in h.proposals:
                self.proposal_rows.setdefault(row.id, row)
        by_conf: dict[str, list[SetInfo]] = {}
        for s in sets:
            by_conf.setdefault(s.pset.conference, []).append(s)
        index = Page("proposals/index.html", "Proposals", "", (("Home", "index.html"), ("Proposals", None)))
        lis = []
        for conf_id, group in by_conf.items():
            conf = self.reg.get(conf_id)
            cdir = conf_id.lower()
            chunked = chunks(group)
            for n, chunk in enumerate(chunked, 1):
                path = f"proposals/{cdir}/index.html" if n == 1 else f"proposals/{cdir}/page-{n}/index.html"
                page = Page(
                    path,
                    f"Proposals to {conf_id}",
                    "",
                    (("Home", "index.html"), ("Proposals", "proposals/index.html"), (conf_id, None)),
                )
                trs = "".join(
                    f'<tr><td><a href="{pages.link(page, s.path)}">{e(s.pset.id)}</a></td>'
                    f"<td>{e(s.pset.submitter)}</td><td>{e(s.pset.symbol or '')}</td>"
                    f"<td>{len(s.pset.proposals)}</td><td><code>{e(s.ref)}</code></td></tr>"
                    for s in chunk
                )
                href = lambda k, cdir=cdir, page=page: pages.link(
                    page, f"proposals/{cdir}/index.html" if k == 1 else f"proposals/{cdir}/page-{k}/index.html"
                )
                where = f" ({conf.place})" if conf else ""
                page.body = (
                    f"<h1>Proposals to {e(conf_id)}{e(where)}</h1>"
                    + pager(n, len(chunked), href)
                    + '<table class="list"><thead><tr><th scope="col">Set</th><th scope="col">Submitter</th>'
                    '<th scope="col">Document</th><th scope="col">Proposals</th><th scope="col">Branch</th>'
                    f"</tr></thead><tbody>{trs}</tbody></table>" + pager(n, len(chunked), href)
                )
                self.write(page)
            lis.append(
                f'<li><a href="{pages.link(index, f"proposals/{cdir}/index.html")}">{e(conf_id)}</a>: '
                f"{len(group)} proposal set{'s' * (len(group) != 1)}</li>"
            )
        index.body = (
            "<h1>Proposals</h1>"
            + (f"<ul>{''.join(lis)}</ul>" if lis else "<p>No proposal set on any branch.</p>")
            + f'<p><a href="{pages.link(index, "proposals/submitters/index.html")}">By submitter</a></p>'
        )
        self.write(index)
        for s in sets:
            self.set_page(s)
        self.submitters_page(sets)

    def set_page(self, s: SetInfo) -> None:
        p = s.pset
        base = s.path.rsplit("/", 1)[0]
        page = Page(
            s.path,
            f"{p.id}: proposals to {p.conference}",
            "",
            (
                ("Home", "index.html"),
                ("Proposals", "proposals/index.html"),
                (p.conference, f"proposals/{s.conf_dir}/index.html"),
                (p.id, None),
            ),
            index="proposal",
        )
        downloads, doc_html = [], ""
        manifest = str(self.repo.top / s.rel)
        for fmt in ("html", "docx", "pdf"):
            if fmt == "pdf" and not self.pdf:
                continue
            try:
                r = render_target(manifest, None, s.sha, None, fmt, cwd=self.repo.top)
            except (UsageError, InputError) as err:
                self.report.left_out.append(f"{p.id}: the {fmt} document: {err}")
                continue
            if fmt == "html":
                doc_html = pages.doc_body(r.data.decode("utf-8"))
            self.put(f"{base}/{s.slug}.{fmt}", r.data)
            downloads.append(
                f'<a href="{e(s.slug)}.{fmt}" download>{fmt.upper() if fmt != "docx" else "Word (.docx)"}</a>'
            )
        props = []
        for q in p.proposals:
            pid = f"{p.id}/{q.number}"
            target = (
                f'<a href="{pages.link(page, q.target + "/index.html")}">{e(q.target)}</a>'
                if q.target in self.text_keys
                else e(q.target)
            )
            row = self.proposal_rows.get(pid)
            outcome = (
                (getattr(row, "outcome", None) or (f"merged into {row.edition}" if row.edition else row.status))
                if row is not None
                else ""
            )
            props.append(
                f'<tr id="p{q.number}"><td>{e(pid)}</td><td>{e(q.action)}</td><td>{target}</td>'
                f"<td>{e(outcome)}</td><td>{e(q.summary or '')}</td><td>{e(q.reasons or '')}</td></tr>"
            )
        page.search_title = f"{p.id}: proposals of {p.submitter} to {p.conference}"
        page.body = (
            f"<h1>{e(p.id)}" + (f" ({e(p.symbol)})" if p.symbol else "") + "</h1>"
            f'<p class="meta">Submitted by {self.submitter_link(page, p.submitter)} to {e(p.conference)}'
            f"{(', ' + e(p.date)) if p.date else ''}; base edition {self.edition_link(page, p.base)}; "
            f"branch <code>{e(s.ref)}</code> at {self.commit_link(s.sha)}.</p>"
            f'<p class="meta">The document: {" · ".join(downloads) or "could not be rendered"}.</p>'
            '<table class="list"><thead><tr><th scope="col">Proposal</th><th scope="col">Action</th>'
            '<th scope="col">Text</th><th scope="col">Outcome</th><th scope="col">Summary</th>'
            f'<th scope="col">Reasons</th></tr></thead><tbody>{"".join(props)}</tbody></table>'
            + (f'<h2>The document</h2><article class="doc">{doc_html}</article>' if doc_html else "")
        )
        self.write(page)

    def submitters_page(self, sets: list[SetInfo]) -> None:
        page = Page(
            "proposals/submitters/index.html",
            "Proposals by submitter",
            "",
            (("Home", "index.html"), ("Proposals", "proposals/index.html"), ("By submitter", None)),
        )
        by: dict[str, list[SetInfo]] = {}
        for s in sets:
            by.setdefault(s.pset.submitter, []).append(s)
        parts = []
        for who in sorted(by):
            lis = "".join(
                f'<li><a href="{pages.link(page, s.path)}">{e(s.pset.id)}</a> to {e(s.pset.conference)}</li>'
                for s in by[who]
            )
            parts.append(f'<h2 id="{e(_slug(who))}">{e(who)}</h2><ul>{lis}</ul>')
        page.body = "<h1>Proposals by submitter</h1>" + ("".join(parts) or "<p>No proposal set yet.</p>")
        self.write(page)

    def home(self, bodies, editions: list[str], texts: dict[str, TextInfo], sets: list[SetInfo]) -> None:
        page = Page("index.html", "Resolutions, editions and proposals", "")
        lis = []
        for b in bodies:
            n = sum(1 for t in texts.values() if t.latest.res.body == b.id and t.at_head)
            eds = [x for x in editions if self.reg.conferences[x].body == b.id]
            last = (
                f', latest edition <a href="{pages.link(page, f"editions/{eds[-1]}/index.html")}">{e(eds[-1])}</a>'
                if eds
                else ""
            )
            lis.append(f'<li><a href="{pages.link(page, b.dir + "/index.html")}">{e(b.name)}</a>: {n} texts{last}</li>')
        confs = {}
        for s in sets:
            confs[s.pset.conference] = confs.get(s.pset.conference, 0) + 1
        plis = "".join(
            f'<li><a href="{pages.link(page, f"proposals/{c.lower()}/index.html")}">{e(c)}</a>: '
            f"{n} proposal set{'s' * (n != 1)}</li>"
            for c, n in confs.items()
        )
        page.body = (
            "<h1>Resolutions, editions and proposals</h1>"
            '<p class="lead">The texts in force, what each conference changed, every proposal side by side, '
            "and who proposed which words.</p>"
            f"<h2>Texts</h2><ul>{''.join(lis)}</ul>"
            f'<h2>Editions</h2><p><a href="{pages.link(page, "editions/index.html")}">{len(editions)} editions</a>'
            " (one git tag each).</p>"
            f"<h2>Proposals</h2>" + (f"<ul>{plis}</ul>" if plis else "<p>No proposal set on any branch.</p>")
        )
        self.write(page)

    def search_page(self) -> None:
        page = Page(
            "search/index.html", "Search", "", (("Home", "index.html"), ("Search", None)), scripts=("search.js",)
        )
        page.body = (
            "<h1>Search</h1>"
            '<form id="search-form" role="search" method="get" action="index.html">'
            '<label for="search-q">Words to find</label> <input id="search-q" name="q" type="search"> '
            '<button type="submit">Search</button></form>'
            '<p id="nojs">Search needs JavaScript; every text, edition and proposal is also reachable from '
            f'the <a href="{pages.link(page, "index.html")}">lists</a>.</p>'
            '<p id="search-status" role="status" aria-live="polite"></p><ol id="results"></ol>'
        )
        self.write(page)


def _slug(s: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in s.lower()).strip("-") or "x"


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(
            f"{out} is not empty and is not a site built by finalacts (no {MARKER}); choose an empty or new folder"
        )


def build(
    start: Path,
    out: Path,
    *,
    commit_url: str | None = None,
    pdf: bool | None = None,
    search: bool = True,
    say: Say = lambda s: None,
) -> SiteReport:
    """Build the site of the repository at `start` into `out` (replaced whole once the build succeeded)."""
    out = Path(out).absolute()
    _prepare(out)
    repo = git.open_repo(start)
    why_no_pdf = None
    if pdf is None:
        try:
            soffice()
            pdf = True
        except UsageError as err:
            pdf, why_no_pdf = False, str(err)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=out.parent if out.parent.is_dir() else None))
    try:
        report = _Site(repo, tmp, commit_url, pdf, say).build(search)
        if not pdf:
            report.left_out.append(f"PDF documents: {why_no_pdf}" if why_no_pdf else "PDF documents (--no-pdf)")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
        report.out = out
        return report
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
