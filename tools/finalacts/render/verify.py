"""Reading a rendered .docx back: accepting every change must give the new text, rejecting every
change the old text. This is the proof `finalacts verify-docx` and the tests run.

The .docx is read as XML, independently of how it was written: paragraphs and table rows in
order, revisions (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`, on runs, paragraph marks and table
rows), italics, tabs, and footnotes with their custom marks. Each text is found by the hidden
bookmark the renderer puts around it (`_fa_mod_pp_140`), so one document may hold many texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from finalacts import git
from finalacts.corpus import archive
from finalacts.corpus.files import load_resolution
from finalacts.corpus.findings import UsageError
from finalacts.corpus.registry import load_registry
from finalacts.redline import Tok, markup, text_lines
from finalacts.render.document import parse_region
from finalacts.render.sources import resolution_at

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


def _tokens(p, accept: bool, notes: dict[str, etree._Element], collect: dict[str, str]) -> list[Tok]:
    """The text of one paragraph on one side, as tokens (text, italic, footnote marker)."""
    out: list[Tok] = []
    gone = GONE[accept]
    for run in p.iter(f"{W}r"):
        if _change(run, p) in gone:
            continue
        ref = run.find(f"{W}footnoteReference")
        if ref is not None:
            mark = "".join(t.text or "" for t in run if t.tag in (f"{W}t", f"{W}delText"))
            out.append(Tok("", note=mark))
            if mark not in collect:
                body = notes.get(ref.get(f"{W}id"))
                collect[mark] = _note_text(body, mark, accept) if body is not None else ""
            continue
        italic = _italic(run)
        for child in run:
            if child.tag in (f"{W}t", f"{W}delText"):
                out.append(Tok(child.text or "", italic))
            elif child.tag == f"{W}tab":
                out.append(Tok("\t", italic))
            elif child.tag in (f"{W}br", f"{W}cr"):
                out.append(Tok("\n", italic))
    return out


def _note_text(fn, mark: str, accept: bool) -> str:
    texts = [markup(_tokens(p, accept, {}, {})) for p in fn.iter(f"{W}p")]
    text = "\n".join(texts)
    prefix = f"{mark}\t"
    return text[len(prefix):] if text.startswith(prefix) else text


def _plain(p, accept: bool, notes, collect) -> str:
    return markup(_tokens(p, accept, notes, collect))


def read_regions(path: Path) -> dict[str, Region]:
    """Every bookmarked text of a .docx, accepted and rejected; UsageError if it is not a .docx."""
    # The file may come from anyone: sizes are capped and the XML read without entities (archive).
    try:
        with archive.open_zip(path) as z:
            doc = archive.read_xml(z, "word/document.xml")
            notes_root = archive.read_xml(z, "word/footnotes.xml") if "word/footnotes.xml" in z.namelist() else None
    except archive.PackageError as e:
        raise UsageError(f"{path}: not a readable .docx ({e})") from None
    notes: dict[str, etree._Element] = {}
    if notes_root is not None:
        for fn in notes_root.iter(f"{W}footnote"):
            notes[fn.get(f"{W}id")] = fn
    regions: dict[str, Region] = {}
    open_ids: dict[str, str] = {}
    body = doc.find(f"{W}body")
    if body is None:
        raise UsageError(f"{path}: not a readable .docx (word/document.xml has no body)")
    collect = {True: {}, False: {}}

    def active() -> list[Region]:
        return [regions[n] for n in open_ids.values()]

    def starts(el):
        for bm in el.iter(f"{W}bookmarkStart"):
            name = bm.get(f"{W}name", "")
            if name.startswith("_fa_"):
                open_ids[bm.get(f"{W}id")] = name
                regions[name] = Region(name)
                collect[True][name], collect[False][name] = {}, {}

    def ends(el):
        for bm in el.iter(f"{W}bookmarkEnd"):
            name = open_ids.pop(bm.get(f"{W}id"), None)
            if name:
                for side in (True, False):
                    target = regions[name].accepted if side else regions[name].rejected
                    target.extend(f"[^{m}] {t}" for m, t in collect[side][name].items())

    carry = {True: "", False: ""}  # text of a paragraph whose mark is gone joins the next one
    for el in body:
        starts(el)
        if el.tag == f"{W}p":
            for reg in active():
                reg.revisions += sum(1 for x in el.iter() if x.tag in REVISION_TAGS)
            for side in (True, False):
                for reg in active() or [None]:
                    sink = collect[side][reg.name] if reg else {}
                    text = carry[side] + _plain(el, side, notes, sink)
                    if _mark_change(el) in GONE[side]:
                        carry[side] = text
                        continue
                    if reg:
                        (reg.accepted if side else reg.rejected).append(text)
                if _mark_change(el) not in GONE[side]:
                    carry[side] = ""
        elif el.tag == f"{W}tbl":
            for tr in el.iter(f"{W}tr"):
                row_change = None
                trpr = tr.find(f"{W}trPr")
                if trpr is not None:
                    row_change = next((REVISION_TAGS[c.tag] for c in trpr if c.tag in REVISION_TAGS), None)
                for reg in active():
                    reg.revisions += sum(1 for x in tr.iter() if x.tag in REVISION_TAGS)
                    for side in (True, False):
                        if row_change in GONE[side]:
                            continue
                        cells = ["\n".join(_plain(p, side, notes, collect[side][reg.name])
                                           for p in tc.iter(f"{W}p")) for tc in tr.iter(f"{W}tc")]
                        (reg.accepted if side else reg.rejected).append(" | ".join(cells))
        ends(el)
    return regions


def verify_docx(path: Path, old_ref: str | None, new_ref: str | None, cwd: Path | None = None) -> list[str]:
    """Problems found (empty when the proof holds): per text, accept-all vs new, reject-all vs old.

    `old_ref`/`new_ref` are git refs, or paths of .yaml files when the document holds one text.
    """

    registry = load_registry()
    regions = read_regions(Path(path))
    if not regions:
        return [f"{path}: holds no text marked for verification (was it made by finalacts render?)"]
    loader = _Loader(cwd or Path.cwd(), len(regions))
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

        if self.repo is None:
            self.repo = git.open_repo(self.cwd)
        return resolution_at(self.repo, ref, key)
