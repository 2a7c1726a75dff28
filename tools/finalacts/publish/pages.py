"""The site's HTML: one page layout, the text of a resolution with an anchor on every section and
item, pagination, and the small scripts. Every piece of text goes through `escape`; links are
relative, so the site reads the same from a web server, under any path, and from a folder.

The look is the rendered documents' own (render/html.py's stylesheet), with navigation around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from finalacts.corpus.model import Resolution
from finalacts.publish.identity import Names
from finalacts.redline import DEL, INS, MOVEFROM, MOVETO, Para, Run, Table, clean, segments
from finalacts.render.html import CSS as DOC_CSS

PAGE_SIZE = 100  # rows per listing page: a body of 500 texts is five pages, never one long one

SITE_CSS = (
    DOC_CSS
    + """
body { max-width: 60em; }
a { color: #0645ad; }
a:visited { color: #551a8b; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1em; top: 1em; background: #fff; padding: .3em; }
header.site { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; border-bottom: 1px solid #000;
              padding-bottom: .4em; display: flex; flex-wrap: wrap; gap: .5em 1.5em; align-items: center; }
header.site .brand { font-weight: bold; text-decoration: none; color: #000; }
header.site ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1em; flex-wrap: wrap; }
header.site form { margin-left: auto; }
nav.crumbs ol { list-style: none; padding: 0; margin: .6em 0; font-family: Arial, Helvetica, sans-serif;
                font-size: 10pt; display: flex; flex-wrap: wrap; }
nav.crumbs li + li::before { content: "›"; padding: 0 .4em; color: #555; }
nav.tabs ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em 1em;
              font-family: Arial, Helvetica, sans-serif; font-size: 10.5pt; border-bottom: 1px solid #999; }
nav.tabs a[aria-current] { font-weight: bold; color: #000; text-decoration: none; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.5em; }
.meta, .lead { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #333; }
table.list { border-collapse: collapse; width: 100%; font-family: Arial, Helvetica, sans-serif; font-size: 10pt; }
table.list th, table.list td { border: 0; border-bottom: 1px solid #ccc; text-align: left; padding: .3em .5em;
                               vertical-align: top; }
table.list th { border-bottom: 2px solid #000; }
.pager { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; margin: 1em 0; }
.pager a, .pager span { margin-right: .6em; }
.item-anchor { scroll-margin-top: 1em; }
:target { background: #fff6cc; }
.o { border-bottom: 2px solid; text-decoration: none; color: inherit; }
.clash td { background: #fdeaea; }
.badge { font-family: Arial, Helvetica, sans-serif; font-size: 8.5pt; border: 1px solid #555; border-radius: 3px;
         padding: 0 .3em; white-space: nowrap; }
.doc { border: 1px solid #ccc; padding: 1em 2em; margin: 1em 0; }
#results li { margin: .8em 0; }
#results mark { background: #fff0a0; }
footer { font-family: Arial, Helvetica, sans-serif; font-size: 9pt; color: #444; border-top: 1px solid #ccc;
         margin-top: 3em; padding-top: .5em; }
input[type=search] { font-size: 11pt; padding: .15em .3em; }
@media print {
  header.site, nav.crumbs, nav.tabs, footer, .pager, .noprint { display: none; }
  a { color: #000; text-decoration: none; }
  :target { background: none; }
}
"""
)

SEARCH_JS = r"""// Full-text search with the Pagefind index built with the site; the page reads ?q= as a form does.
(async () => {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-q');
  const out = document.getElementById('results');
  const status = document.getElementById('search-status');
  const q = new URLSearchParams(location.search).get('q') || '';
  input.value = q;
  document.getElementById('nojs').hidden = true;
  if (!q.trim()) { status.textContent = 'Type words to find in the texts, editions and proposals.'; return; }
  status.textContent = 'Searching…';
  let pagefind;
  try {
    pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
    await pagefind.options({ baseUrl: new URL('../', location.href).pathname });
  } catch (e) {
    status.textContent = 'The search index could not be loaded here; open the site through a web server ' +
      '(for example: python -m http.server) or browse the lists instead.';
    return;
  }
  const search = await pagefind.search(q);
  const found = await Promise.all(search.results.slice(0, 50).map(r => r.data()));
  status.textContent = `${search.results.length} result${search.results.length === 1 ? '' : 's'} for “${q}”` +
    (search.results.length > 50 ? ' (the first 50 shown)' : '');
  for (const d of found) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = d.url; a.textContent = d.meta.title || d.url;
    li.appendChild(a);
    if (d.filters && d.filters.kind) {
      const k = document.createElement('span'); k.className = 'badge'; k.textContent = d.filters.kind.join(', ');
      li.appendChild(document.createTextNode(' ')); li.appendChild(k);
    }
    const p = document.createElement('p'); p.className = 'meta';
    p.innerHTML = d.excerpt;  // Pagefind escapes the page text and adds only <mark>
    li.appendChild(p);
    out.appendChild(li);
  }
})();
"""

PICK_JS = r"""// Two editions picked from the lists open the redline between them (the links below work without it).
document.querySelectorAll('form.pick').forEach(f => {
  f.hidden = false;
  f.addEventListener('submit', ev => {
    ev.preventDefault();
    const a = f.elements.from.value, b = f.elements.to.value;
    const msg = f.querySelector('.msg');
    const link = document.querySelector(`a[data-pair="${a}..${b}"]`);
    if (link) { location.href = link.href; } else { msg.textContent = a === b ? 'Pick two different editions.' :
      'These two versions are the same text, or the pair is not listed.'; }
  });
});
"""


def e(s) -> str:
    return escape("" if s is None else str(s), quote=True)


@dataclass
class Page:
    """One page: where it lives (relative to the site root), its title and its main content."""

    path: str  # e.g. "pp/140/index.html"
    title: str
    body: str
    crumbs: tuple[tuple[str, str | None], ...] = ()  # (label, target path or None)
    index: str | None = None  # search kind when the page is indexed (text, edition, proposal)
    search_title: str | None = None  # the title search results show (default: the page title)
    scripts: tuple[str, ...] = ()

    @property
    def root(self) -> str:
        return "../" * self.path.count("/")


def link(page: Page, target: str) -> str:
    """A relative href from `page` to the site path `target` (which may carry a #fragment)."""
    return page.root + target


def layout(page: Page, nav: list[tuple[str, str]], footer: str) -> str:
    r = page.root
    items = "".join(f'<li><a href="{r}{e(t)}">{e(label)}</a></li>' for label, t in nav)
    crumbs = ""
    if page.crumbs:
        lis = []
        for label, t in page.crumbs:
            lis.append(
                f'<li><a href="{r}{e(t)}">{e(label)}</a></li>' if t else f'<li aria-current="page">{e(label)}</li>'
            )
        crumbs = f'<nav class="crumbs" aria-label="Breadcrumb"><ol>{"".join(lis)}</ol></nav>'
    index = ""
    if page.index:
        index = (
            f' data-pagefind-body><span hidden data-pagefind-filter="kind">{e(page.index)}</span>'
            f'<span hidden data-pagefind-meta="title" data-pagefind-ignore>{e(page.search_title or page.title)}</span'
        )
    scripts = "".join(f'<script src="{r}assets/{s}" defer></script>' for s in page.scripts)
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{e(page.title)}</title>\n<link rel="icon" href="data:,">\n'
        f'<link rel="stylesheet" href="{r}assets/site.css">{scripts}\n</head>\n<body>\n'
        f'<a class="skip" href="#main">Skip to the content</a>\n'
        f'<header class="site"><a class="brand" href="{r}index.html">Resolutions</a>'
        f'<nav aria-label="Site"><ul>{items}</ul></nav>'
        f'<form role="search" action="{r}search/index.html" method="get">'
        f'<label for="site-q">Search </label><input id="site-q" name="q" type="search">'
        f' <button type="submit">Search</button></form></header>\n{crumbs}\n'
        f'<main id="main"{index}>\n{page.body}\n</main>\n<footer>{footer}</footer>\n</body>\n</html>\n'
    )


def pager(page_no: int, pages: int, href) -> str:
    """Links to the other pages of a listing; `href(n)` is the path of page n (1-based)."""
    if pages <= 1:
        return ""
    parts = []
    for n in range(1, pages + 1):
        parts.append(f'<span aria-current="page">{n}</span>' if n == page_no else f'<a href="{e(href(n))}">{n}</a>')
    return f'<nav class="pager" aria-label="Pages">Page {" ".join(parts)}</nav>'


def chunks(rows: list, size: int = PAGE_SIZE) -> list[list]:
    return [rows[k : k + size] for k in range(0, len(rows), size)] or [[]]


# ---------------------------------------------------------------- runs and paragraphs

_WRAP = {INS: "ins", DEL: "del", MOVEFROM: 'span class="movefrom"', MOVETO: 'span class="moveto"'}


class Runs:
    """Runs to HTML, collecting footnotes as the document renderer does."""

    def __init__(self):
        self.notes: list[str] = []

    def html(self, runs) -> str:
        out = []
        for r in runs:
            if r.note is not None:
                n = len(self.notes) + 1
                self.notes.append(f'<p id="fn{n}"><a href="#fr{n}">{e(r.note)}</a> {self.html(r.note_body)}</p>')
                piece = f'<sup id="fr{n}"><a href="#fn{n}" aria-label="footnote {e(r.note)}">{e(r.note)}</a></sup>'
            else:
                piece = e(r.text).replace("\n", "<br>")
                if r.italic:
                    piece = f"<i>{piece}</i>"
                if r.bold:
                    piece = f"<b>{piece}</b>"
            if r.change:
                tag = _WRAP[r.change]
                piece = f"<{tag}>{piece}</{tag.split()[0]}>"
            out.append(piece)
        return "".join(out)

    def footer(self) -> str:
        return (
            f'<section class="footnotes" aria-label="Footnotes">{"".join(self.notes)}</section>' if self.notes else ""
        )


def text_html(res: Resolution, names: Names, registry) -> str:
    """The clean text with every section, item, annex and clause of an annex addressable: `id` is
    its stable name, and a second anchor carries its name from today's labels when that differs
    and is free. A node `names` does not name (an annex of a language version, which holds none of
    its own) has no address."""
    anchors = [(where, styles, names.stable[id(n)], names.current[id(n)])
               for n, where, styles in _anchored(res) if id(n) in names.stable]
    stable_all = set(names.stable.values())
    r = Runs()
    out = []
    k = 0
    used: set[str] = set()
    for op in clean(res, registry):
        if isinstance(op, Table):
            rows = "".join("<tr>" + "".join(f"<td>{r.html(c)}</td>" for c in row.cells) + "</tr>" for row in op.rows)
            out.append(f"<table>{rows}</table>")
            continue
        attrs = alias = ""
        if k < len(anchors) and op.where == anchors[k][0] and op.style.startswith(anchors[k][1]):
            _, _, stable, current = anchors[k]
            k += 1
            attrs = f' id="{e(stable)}"'
            used.add(stable)
            if current != stable and current not in stable_all and current not in used:
                used.add(current)
                alias = f'<span id="{e(current)}" class="item-anchor"></span>'
        body = f'<span class="lbl">{r.html(op.label)}</span> ' if op.label else ""
        body += r.html(op.runs)
        tag = "h1" if op.style == "Restitle" and op.where == "title" else "p"
        out.append(f'<{tag} class="{e(op.style)}"{attrs}>{alias}{body}</{tag}>')
    return "\n".join(out) + "\n" + r.footer()


def _anchored(res: Resolution) -> list[tuple[object, str, tuple[str, ...]]]:
    """Each section, item, annex, block of an annex and item of a block, in document order, with the `where`
    the redline gives its paragraph and the styles that paragraph may have."""
    out: list[tuple[object, str, tuple[str, ...]]] = []

    def items(lst, where):
        for it in lst:
            w = f"{where} {it.num or ''}".strip()
            out.append((it, w, ("Call", "enumlev")))
            items(it.items, w)

    for s in res.sections:
        out.append((s, s.heading, ("Call", "enumlev")))
        items(s.items, s.heading)
    for a in res.annexes:
        out.append((a, a.heading, ("AnnexNo",)))
        for b in a.blocks:
            if b.heading is not None or b.text is not None:  # its first paragraph: heading, else text
                out.append((b, a.heading, ("Annexheading",) if b.heading is not None else ("Normal",)))
            items(b.items, a.heading)
    return out


def doc_body(html_page: str) -> str:
    """The content of a page render/html.py wrote (what sits between <body> and </body>)."""
    m = re.search(r"<body>\n?(.*)</body>", html_page, re.S)
    return m.group(1) if m else ""


def runs_html(runs: list[Run]) -> str:
    return Runs().html(runs)


def markup_html(text: str) -> str:
    """Inline markup (`*italic*`, `[^1]`) of a phrase as HTML."""
    out = []
    for seg in segments(text):
        if seg.note is not None:
            out.append(f"<sup>{e(seg.note)}</sup>")
        else:
            out.append(f"<i>{e(seg.text)}</i>" if seg.italic else e(seg.text))
    return "".join(out)


def para_text(p: Para) -> str:
    return "".join(r.text for r in p.runs)
