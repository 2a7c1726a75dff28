"""Reading a rendered .docx back: accepting every change must give the new text, rejecting every
change the old text. This is the proof `finalacts verify-docx` and the tests run.

The .docx is read as XML, independently of how it was written: paragraphs and table rows in
order, revisions (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`, on runs, paragraph marks and table
rows), italics, tabs, and footnotes with their custom marks. Each text is found by the hidden
bookmark the renderer puts around it (`_fa_mod_pp_140`), so one document may hold many texts.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from finalacts import git
from finalacts.corpus import archive
from finalacts.corpus.files import load_resolution
from finalacts.corpus.findings import UsageError
from finalacts.corpus.registry import load_registry
from finalacts.redline import GONE_ON_ACCEPT, GONE_ON_REJECT, Table, Tok, markup, text_lines
from finalacts.render.document import parse_region
from finalacts.render.sources import build_doc, resolution_at

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
GONE = {True: {"del", "moveFrom"}, False: {"ins", "moveTo"}}
REVISION_TAGS = {f"{W}{t}": t for t in ("ins", "del", "moveFrom", "moveTo")}


@dataclass
class Region:
    """One text inside the document, read both ways."""

    name: str
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    revisions: int = 0


def _change(el, stop) -> str | None:
    """The revision wrapping `el` (nearest w:ins/w:del/w:moveFrom/w:moveTo below `stop`)."""
    node = el.getparent()
    while node is not None and node is not stop:
        t = REVISION_TAGS.get(node.tag)
        if t:
            return t
        node = node.getparent()
    return None


def _mark_change(p) -> str | None:
    rpr = p.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return None
    for child in rpr:
        if child.tag in REVISION_TAGS:
            return REVISION_TAGS[child.tag]
    return None


def _italic(run) -> bool:
    i = run.find(f"{W}rPr/{W}i")
    return i is not None and i.get(f"{W}val", "true") not in ("0", "false", "off")


def _in_field_result(run, state: dict) -> bool:
    """Whether `run` shows a field's result (a page number, a PAGEREF): computed by the word
    processor, never part of the text. `state` follows w:fldChar begin/separate/end in order."""
    shown = state.get("result", 0) > 0
    for fc in run.iter(f"{W}fldChar"):
        kind = fc.get(f"{W}fldCharType")
        if kind == "begin":
            state["depth"] = state.get("depth", 0) + 1
        elif kind == "separate":
            state["result"] = state.get("result", 0) + 1
        elif kind == "end":
            state["depth"] = max(0, state.get("depth", 0) - 1)
            state["result"] = max(0, state.get("result", 0) - 1)
    return shown or any(a.tag == f"{W}fldSimple" for a in run.iterancestors())


def _note_style(run) -> bool:
    """The footnote's own mark inside the note: w:footnoteRef (Word's form, ours) or a run in a
    footnote character style (what LibreOffice writes when it saves: the custom mark as text)."""
    if run.find(f"{W}footnoteRef") is not None:
        return True
    st = run.find(f"{W}rPr/{W}rStyle")
    return st is not None and "footnote" in (st.get(f"{W}val") or "").lower()


def _tokens(p, accept: bool, notes: dict[str, etree._Element], sink: list, in_note: bool = False) -> list[Tok]:
    """The text of one paragraph on one side, as tokens (text, italic, footnote marker); each
    footnote referenced on that side goes to `sink` as (mark, text)."""
    out: list[Tok] = []
    gone = GONE[accept]
    state: dict = {}
    leading = in_note
    for run in p.iter(f"{W}r"):
        if _in_field_result(run, state) or _change(run, p) in gone:
            continue
        if leading and _note_style(run):
            continue
        ref = run.find(f"{W}footnoteReference")
        if ref is not None:
            mark = "".join(t.text or "" for t in run if t.tag in (f"{W}t", f"{W}delText"))
            out.append(Tok("", note=mark))
            body = notes.get(ref.get(f"{W}id"))
            sink.append((mark, _note_text(body, accept) if body is not None else ""))
            continue
        italic = _italic(run)
        for child in run:
            if child.tag in (f"{W}t", f"{W}delText"):
                if child.text:
                    leading = False
                out.append(Tok(child.text or "", italic))
            elif child.tag == f"{W}tab":
                if leading:  # the tab after the note's own mark
                    leading = False
                    continue
                out.append(Tok("\t", italic))
            elif child.tag in (f"{W}br", f"{W}cr"):
                out.append(Tok("\n", italic))
            elif child.tag in _CHARS:  # how LibreOffice saves U+2011 and U+00AD
                out.append(Tok(_CHARS[child.tag], italic))
    return out


_CHARS = {f"{W}noBreakHyphen": "\u2011", f"{W}softHyphen": "\u00ad"}


def _note_text(fn, accept: bool) -> str:
    return "\n".join(markup(_tokens(p, accept, {}, [], in_note=k == 0)) for k, p in enumerate(fn.iter(f"{W}p")))


@dataclass
class Paragraph:
    """One body paragraph (or table row) read both ways: None where that side has no paragraph."""

    accepted: str | None
    rejected: str | None
    regions: tuple[str, ...]
    revisions: int
    notes: dict[bool, list[tuple[str, str]]]


@dataclass
class Read:
    paragraphs: list[Paragraph]
    regions: dict[str, Region]
    recipe: dict[str, str]


_RUNS = {f"{W}{t}" for t in ("r", "ins", "del", "moveFrom", "moveTo", "hyperlink", "fldSimple", "smartTag", "sdt")}


def _bookmarks_around(el) -> tuple[list, list, list, list]:
    """The bookmark starts and ends of a body element, as (starts, ends before its text, ends, starts
    after its text). LibreOffice, saving again, writes the end of a bookmark that closed at the end
    of a paragraph at the start of the next one, and may open one at the end of the paragraph
    before: such marks belong to the neighbouring paragraph, not this one."""
    starts = list(el.iter(f"{W}bookmarkStart"))
    ends = list(el.iter(f"{W}bookmarkEnd"))
    if el.tag != f"{W}p":
        return starts, [], ends, []
    kids = list(el)
    runs = [k for k, c in enumerate(kids) if c.tag in _RUNS and "".join(c.itertext()).strip()]
    if not runs:
        return starts, [], ends, []
    first, last = runs[0], runs[-1]
    pos = {id(c): k for k, c in enumerate(kids)}
    early = [b for b in ends if pos.get(id(b), first + 1) < first]
    late = [b for b in starts if pos.get(id(b), last - 1) > last]
    return ([b for b in starts if b not in late], early, [b for b in ends if b not in early], late)


def _recipe(z: zipfile.ZipFile) -> dict[str, str]:
    if "docProps/custom.xml" not in z.namelist():
        return {}
    out = {}
    for prop in archive.read_xml(z, "docProps/custom.xml"):
        name = prop.get("name") or ""
        if name.startswith("finalacts."):
            out[name[len("finalacts."):]] = "".join(prop.itertext())
    return out


def read_docx(path: Path) -> Read:
    """Every body paragraph of a .docx, accepted and rejected, with the texts (bookmarked
    regions) it belongs to; UsageError if it is not a .docx.

    Tolerant of what LibreOffice writes when it saves the document again: a bookmark written
    twice (the second one empty), a footnote's mark as plain text in a character style.
    """
    # The file may come from anyone: sizes are capped and the XML read without entities (archive).
    try:
        with archive.open_zip(path) as z:
            doc = archive.read_xml(z, "word/document.xml")
            notes_root = archive.read_xml(z, "word/footnotes.xml") if "word/footnotes.xml" in z.namelist() else None
            recipe = _recipe(z)
    except archive.PackageError as e:
        raise UsageError(f"{path}: not a readable .docx ({e})") from None
    body = doc.find(f"{W}body")
    if body is None:
        raise UsageError(f"{path}: not a readable .docx (word/document.xml has no body)")
    notes: dict[str, etree._Element] = {}
    if notes_root is not None:
        for fn in notes_root.iter(f"{W}footnote"):
            notes[fn.get(f"{W}id")] = fn
    out = Read([], {}, recipe)
    open_ids: dict[str, str] = {}

    named: dict[str, str] = {}  # bookmark id -> name, duplicates included

    def starts(marks):
        for bm in marks:
            name = bm.get(f"{W}name", "")
            if name.startswith("_fa_"):
                named[bm.get(f"{W}id")] = name
                if name not in open_ids.values():
                    open_ids[bm.get(f"{W}id")] = name
                    out.regions.setdefault(name, Region(name))

    def ends(marks):
        # LibreOffice, saving again, writes a second start of the same bookmark at its last paragraph
        # and only that one's end: the end of any start of a name closes the text of that name.
        for bm in marks:
            name = named.get(bm.get(f"{W}id"))
            for oid, oname in list(open_ids.items()):
                if oname == name:
                    del open_ids[oid]

    carry = {True: "", False: ""}  # text of a paragraph whose mark is gone joins the next one
    for el in body:
        first_starts, early_ends, last_ends, late_starts = _bookmarks_around(el)
        ends(early_ends)
        starts(first_starts)
        active = tuple(open_ids.values())
        if el.tag == f"{W}p":
            texts: dict[bool, str | None] = {}
            sinks: dict[bool, list] = {True: [], False: []}
            for side in (True, False):
                text = carry[side] + markup(_tokens(el, side, notes, sinks[side]))
                if _mark_change(el) in GONE[side]:
                    carry[side] = text
                    texts[side] = None
                else:
                    carry[side] = ""
                    texts[side] = text
            revs = sum(1 for x in el.iter() if x.tag in REVISION_TAGS)
            out.paragraphs.append(Paragraph(texts[True], texts[False], active, revs, sinks))
        elif el.tag == f"{W}tbl":
            for tr in el.iter(f"{W}tr"):
                trpr = tr.find(f"{W}trPr")
                row_change = None
                if trpr is not None:
                    row_change = next((REVISION_TAGS[c.tag] for c in trpr if c.tag in REVISION_TAGS), None)
                texts, sinks = {}, {True: [], False: []}
                for side in (True, False):
                    if row_change in GONE[side]:
                        texts[side] = None
                        continue
                    cells = ["\n".join(markup(_tokens(p, side, notes, sinks[side])) for p in tc.iter(f"{W}p"))
                             for tc in tr.iter(f"{W}tc")]
                    texts[side] = " | ".join(cells)
                revs = sum(1 for x in tr.iter() if x.tag in REVISION_TAGS)
                out.paragraphs.append(Paragraph(texts[True], texts[False], active, revs, sinks))
        ends(last_ends)
        starts(late_starts)
    for para in out.paragraphs:
        for name in para.regions:
            reg = out.regions[name]
            reg.revisions += para.revisions
            for side, target in ((True, reg.accepted), (False, reg.rejected)):
                text = para.accepted if side else para.rejected
                if text is not None:
                    target.append(text)
    # Each text's footnotes after it, once per mark, in order of first reference.
    for name, reg in out.regions.items():
        for side, target in ((True, reg.accepted), (False, reg.rejected)):
            seen: dict[str, str] = {}
            for para in out.paragraphs:
                if name in para.regions:
                    for mark, text in para.notes[side]:
                        seen.setdefault(mark, text)
            target.extend(f"[^{m}] {t}" for m, t in seen.items())
    return out


def read_regions(path: Path) -> dict[str, Region]:
    """Every bookmarked text of a .docx, accepted and rejected; UsageError if it is not a .docx."""
    return read_docx(path).regions


def verify_docx(path: Path, old_ref: str | None, new_ref: str | None, cwd: Path | None = None) -> list[str]:
    """Problems found (empty when the proof holds): per text, accept-all vs new, reject-all vs old;
    then, for a document `render` made, every paragraph of it (cover, headings, summaries,
    introductions, reasons, contents, texts) against the same document built again from the refs.

    `old_ref`/`new_ref` are git refs, or paths of .yaml files when the document holds one text.
    """

    registry = load_registry()
    read = read_docx(Path(path))
    regions = read.regions
    if not regions and not read.recipe:
        return [f"{path}: holds no text marked for verification (was it made by finalacts render?)"]
    cwd = Path(cwd or Path.cwd())
    loader = _Loader(cwd, len(regions))
    for ref in (old_ref, new_ref):
        loader.check(ref)
    problems: list[str] = []
    for name, reg in regions.items():
        parsed = parse_region(name)
        if parsed is None:
            continue
        mode, key, conference = parsed
        new = loader.load(new_ref, key)
        if new is None:
            problems.append(f"{key}: not found at {new_ref!r}")
            continue
        want_new = text_lines(new, registry, conference)
        if mode == "clean":
            if reg.revisions:
                problems.append(f"{key}: a clean text carries {reg.revisions} revision marks")
            want_old = want_new
        else:
            old = loader.load(old_ref, key)
            if old is None:
                problems.append(f"{key}: not found at {old_ref!r}")
                continue
            want_old = text_lines(old, registry)
        problems.extend(_compare(key, "accepting all changes", "new", reg.accepted, want_new))
        problems.extend(_compare(key, "rejecting all changes", "old", reg.rejected, want_old))
    if read.recipe:
        problems.extend(_whole(read, _rebuild(read.recipe, old_ref, new_ref, cwd, loader)))
    return problems


def _rebuild(recipe: dict[str, str], old_ref: str, new_ref: str, cwd: Path, loader: _Loader):
    """The document `render` makes of the same sources at the refs given."""
    kind, target = recipe.get("kind"), recipe.get("target", "")
    if kind == "final-acts":
        return build_doc(None, None, new_ref, target, cwd).doc
    if kind == "proposals":
        return build_doc(str(loader.repository().top / target), old_ref, new_ref, None, cwd).doc
    if kind == "text":
        return build_doc(target, old_ref, new_ref, None, cwd).doc
    if kind == "file":
        return build_doc(new_ref, None, None, None, cwd).doc
    raise UsageError(f"the document says it was built as {kind!r}, which this finalacts does not know")


def _expected(doc, accept: bool) -> tuple[list[str], list[tuple[str, str]]]:
    gone = GONE_ON_ACCEPT if accept else GONE_ON_REJECT
    body: list[str] = []
    notes: list[tuple[str, str]] = []

    def collect(runs):
        for r in runs:
            if r.note is not None and r.change not in gone:
                notes.append((r.note, markup([x for x in r.note_body if x.change not in gone])))

    for op in doc.ops:
        if isinstance(op, Table):
            for row in op.rows:
                if row.op == ("delete" if accept else "insert"):
                    continue
                body.append(" | ".join(markup([r for r in c if r.change not in gone]) for c in row.cells))
                for c in row.cells:
                    collect(c)
            continue
        if op.mark in gone:
            continue
        label = markup([r for r in op.label if r.change not in gone])
        text = markup([r for r in op.runs if r.change not in gone])
        body.append(f"{label}\t{text}" if label else text)
        collect(op.runs)
    return body, notes


def _whole(read: Read, doc) -> list[str]:
    """Every paragraph and footnote of the document, both ways, against the rebuilt document."""
    problems = []
    for accept, how, side in ((True, "accepting all changes", "new"), (False, "rejecting all changes", "old")):
        want, want_notes = _expected(doc, accept)
        got = [p.accepted if accept else p.rejected for p in read.paragraphs]
        got = [g.rstrip("\t") for g in got if g is not None]
        want = [w.rstrip("\t") for w in want]
        got_notes = [n for p in read.paragraphs for n in p.notes[accept]
                     if (p.accepted if accept else p.rejected) is not None]
        problems.extend(_compare("document", how, side, got, want))
        if got_notes != want_notes:
            k = next((k for k, (g, w) in enumerate(zip(got_notes, want_notes)) if g != w),
                     min(len(got_notes), len(want_notes)))
            problems.append(f"document: {how}, footnote {k + 1} differs from the {side} document: "
                            f"got {got_notes[k:k + 1]}, expected {want_notes[k:k + 1]}")
    return problems


def _compare(key: str, how: str, side: str, got: list[str], want: list[str]) -> list[str]:
    if got == want:
        return []
    for k, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return [f"{key}: {how} differs from the {side} text at paragraph {k + 1}: got {g[:80]!r}, "
                    f"expected {w[:80]!r}"]
    return [f"{key}: {how} gives {len(got)} paragraphs, the {side} text has {len(want)}"]


class _Loader:
    def __init__(self, cwd: Path, count: int):
        self.cwd = cwd
        self.count = count
        self.repo = None

    def load(self, ref: str | None, key: str):
        if ref is None:
            raise UsageError("give --old and --new (git refs, or .yaml files)")
        if ref.endswith(".yaml") and Path(ref).is_file():
            if self.count != 1:
                raise UsageError("--old/--new as files need a document holding one text; use refs")
            return load_resolution(Path(ref))

        return resolution_at(self.repository(), ref, key)

    def repository(self):
        if self.repo is None:
            self.repo = git.open_repo(self.cwd)
        return self.repo

    def check(self, ref: str | None) -> None:
        """UsageError for a ref the repository does not know (rather than 'matches no-such-ref')."""
        if ref is None:
            raise UsageError("give --old and --new (git refs, or .yaml files)")
        if ref.endswith(".yaml") and Path(ref).is_file():
            return
        if ref.endswith(".yaml"):
            raise UsageError(f"{ref}: no such file")
        self.repository().resolve(ref)
