"""Assembling conference documents from texts, and reading those texts from git refs.

A `Doc` is the renderer-neutral document: metadata plus the paragraph operations of
`redline`. Three kinds are built here: one text compared between two refs, a proposal set
(cover block, then per proposal its summary, marker and number, text and reasons), and the
clean Final Acts of an edition. The functions at the bottom are the I/O edge: they read files at
refs through `gitrefs`, build the Doc and write the chosen format.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path

from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.model import Resolution, walk_items
from finalacts.redline import Op, Para, Run, Table, clean, compare, plain_runs

FORMATS = ("docx", "html", "pdf", "text")
END_LINE = "______________"
COVER_TITLE = "PROPOSALS FOR THE WORK OF THE CONFERENCE"


@dataclass
class Doc:
    """A document ready for any renderer."""

    title: str
    author: str
    date: datetime
    ops: list[Op] = field(default_factory=list)
    language: str = "en-GB"


# ---------------------------------------------------------------- characters no document can hold

# XML 1.0 (and so .docx and HTML) cannot hold C0 controls other than tab, newline and carriage
# return, nor lone surrogates or U+FFFE/U+FFFF; YAML's "\a"-style escapes can still produce them.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _bad_char(text: str | None) -> str | None:
    m = FORBIDDEN.search(text or "")
    return f"U+{ord(m.group()):04X}" if m else None


def check_resolution_chars(res: Resolution) -> None:
    """InputError at the first value holding a character a Word or HTML document cannot store."""
    def fail(node, name: str, ch: str):
        pos = node.at(name)
        raise InputError(Finding(res.path or res.key, pos.line, pos.col, "render-forbidden-char", "error",
                                 f"{name or 'text'} contains the control character {ch}, which a Word or "
                                 "HTML document cannot hold", "delete it or replace it with a visible character"))

    if ch := _bad_char(res.title):
        fail(res, "title", ch)
    for s in res.sections:
        for name in ("heading", "text", "after"):
            if ch := _bad_char(getattr(s, name)):
                fail(s, name, ch)
        for it, _ in walk_items(s.items):
            for name in ("num", "text", "after"):
                if ch := _bad_char(getattr(it, name)):
                    fail(it, name, ch)
    for k, v in res.footnotes.items():
        if ch := _bad_char(v) or _bad_char(k):
            pos = res.pos.get(f"footnotes.{k}") or res.at("footnotes")
            raise InputError(Finding(res.path or res.key, pos.line, pos.col, "render-forbidden-char", "error",
                                     f"footnote {k} contains the control character {ch}, which a Word or HTML "
                                     "document cannot hold", "delete it or replace it with a visible character"))
    for a in res.annexes:
        if ch := _bad_char(a.heading):
            fail(a, "heading", ch)
        for b in a.blocks:
            for name in ("num", "heading", "text"):
                if ch := _bad_char(getattr(b, name)):
                    fail(b, name, ch)
            for row in b.table or []:
                for cell in row:
                    if ch := _bad_char(cell):
                        fail(b, "table", ch)
            for it, _ in walk_items(b.items):
                for name in ("num", "text", "after"):
                    if ch := _bad_char(getattr(it, name)):
                        fail(it, name, ch)


def check_chars(doc: Doc) -> None:
    """Last guard before writing: UsageError naming the paragraph that holds a forbidden character."""
    for ch in (_bad_char(doc.title), _bad_char(doc.author)):
        if ch:
            raise UsageError(f"document title or author contains the control character {ch}")
    for op in doc.ops:
        runs = [r for row in op.rows for c in row.cells for r in c] if isinstance(op, Table) else \
            [*op.label, *op.runs]
        for r in runs:
            for t in (r.text, r.note, *(x.text for x in r.note_body)):
                if ch := _bad_char(t):
                    raise UsageError(f"{op.where or 'document'}: contains the control character {ch}, "
                                     "which a Word or HTML document cannot hold")


# ---------------------------------------------------------------- regions (verified texts)

def region_name(mode: str, key: str, conference: str | None = None) -> str:
    """Hidden bookmark name for one text: `_fa_mod_pp_140`, `_fa_clean_pp_ACP_1__PP_18`.

    A draft's preamble names the conference it is written for, so that conference is part of
    the name and `verify-docx` can rebuild the same text.
    """
    body, _, number = key.partition("/")
    name = f"_fa_{mode}_{body}_{number.replace('-', '_')}"
    return name + (f"__{conference.replace('-', '_')}" if conference else "")


def _dash(s: str) -> str:
    if s.isdigit():
        return s
    head, _, tail = s.rpartition("_")
    return f"{head}-{tail}"


def parse_region(name: str) -> tuple[str, str, str | None] | None:
    """(mode, corpus key, conference) of a region bookmark, or None for any other bookmark."""
    m = re.fullmatch(r"_fa_(mod|clean)_([a-z]+)_([A-Za-z0-9]+(?:_[0-9]+)?)(?:__([A-Z]+_[0-9]+))?", name)
    if not m:
        return None
    conference = _dash(m.group(4)) if m.group(4) else None
    return m.group(1), f"{m.group(2)}/{_dash(m.group(3))}", conference


# ---------------------------------------------------------------- building documents

def _p(style: str, text: str | None, bold: bool = False, label: str | None = None) -> Para:
    runs = [Run(r.text, r.change, r.italic, r.note, r.note_body, bold) for r in plain_runs(text)]
    return Para(style, runs, [Run(label, bold=True)] if label else [])


def resolution_doc(old: Resolution, new: Resolution, registry, author: str, when: datetime) -> Doc:
    """One text compared between two versions, with revision marks."""
    for r in (old, new):
        check_resolution_chars(r)
    ops = compare(old, new, registry, region=region_name("mod", new.key))
    ops.append(_p("Endline", END_LINE))
    title = registry.title_line(new.body, new.number, new.adopted)
    return Doc(title, author, when, ops)


def clean_doc(res: Resolution, registry, author: str, when: datetime) -> Doc:
    """One text as it stands, without revision marks."""
    check_resolution_chars(res)
    ops = clean(res, registry, region=region_name("clean", res.key))
    ops.append(_p("Endline", END_LINE))
    return Doc(registry.title_line(res.body, res.number, res.adopted), author, when, ops)


def _long_date(iso: str | None) -> str | None:
    if not iso:
        return None
    d = Date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _cover(conf, registry, symbol: str | None, iso_date: str | None, language: str | None,
           source: str, title: str) -> list[Op]:
    body = registry.bodies.get(conf.body) if conf else None
    ops: list[Op] = []
    if conf is not None:
        ops.append(_p("Conference", f"{conf.name or body.name} ({conf.id})"))
        ops.append(_p("Conference", conf.place))
    for line in (symbol, _long_date(iso_date), f"Original: {language}" if language else None):
        if line:
            ops.append(_p("Docnumber", line))
    ops.append(_p("Source", source))
    ops.append(_p("Title1", title))
    return ops


def _heading_only(res: Resolution, registry) -> list[Op]:
    return [_p("ResNo", registry.title_line(res.body, res.number, res.adopted)), _p("Restitle", res.title)]


def proposal_doc(pset, texts: dict[int, tuple[Resolution | None, Resolution | None]], registry,
                 when: datetime) -> Doc:
    """The proposal set as submitted: cover block, then each proposal with its text and reasons.

    `texts` maps a proposal number to its target (base version, head version); either may be None
    only where the action allows it (ADD has no base, SUP none at the head).
    """
    conf = registry.get(pset.conference)
    ops = _cover(conf, registry, pset.symbol, pset.date, pset.language, pset.submitter, COVER_TITLE)
    for prop in pset.proposals:
        old, new = texts.get(prop.number, (None, None))
        for r in (old, new):
            if r is not None:
                check_resolution_chars(r)
        if prop.summary:
            ops.append(_p("Headingb", "Summary:"))
            ops.append(_p("Summary", prop.summary))
        if prop.introduction:
            ops.append(_p("Headingb", "Introduction"))
            ops.append(_p("Summary", prop.introduction))
        marker = Para("Proposal", [Run(f"{pset.id}/{prop.number}", bold=True)], [Run(prop.action, bold=True)])
        ops.append(marker)
        if prop.action in ("MOD", "(MOD)") and old is not None and new is not None:
            ops.extend(compare(old, new, registry, region=region_name("mod", new.key)))
        elif prop.action == "ADD" and new is not None:
            conference = pset.conference if not new.adopted else None
            ops.extend(clean(new, registry, region=region_name("clean", new.key, conference),
                             conference=conference))
        elif old is not None or new is not None:
            ops.extend(_heading_only(old or new, registry))
        else:
            ops.append(_p("ResNo", (prop.title or prop.target).upper()))
        if prop.reasons:
            ops.append(_p("Reasons", prop.reasons, label="Reasons:"))
    ops.append(_p("Endline", END_LINE))
    return Doc(f"{pset.symbol or pset.id}: {COVER_TITLE.capitalize()}", pset.submitter, when, ops,
               )


def final_acts_doc(conf, entries: list[tuple[str, Resolution]], registry, when: datetime) -> Doc:
    """The Final Acts of an edition: each ADDed, MODified or SUPpressed text, clean, with its symbol."""
    body = registry.bodies[conf.body]
    title = f"FINAL ACTS OF THE {(conf.name or body.name).upper()} ({conf.place.upper()})"
    ops: list[Op] = [_p("Conference", f"{conf.name or body.name} ({conf.id})"), _p("Conference", conf.place),
                     _p("Source", "International Telecommunication Union"), _p("Title1", title)]
    for action, res in entries:
        check_resolution_chars(res)
        ops.append(_p("MarginSymbol", action))
        if action == "SUP":
            ops.extend(_heading_only(res, registry))
        else:
            ops.extend(clean(res, registry, region=region_name("clean", res.key)))
    ops.append(_p("Endline", END_LINE))
    return Doc(title.title(), "International Telecommunication Union", when, ops)


# ---------------------------------------------------------------- formats

def to_bytes(doc: Doc, fmt: str, reference: Path | None = None, timeout: float | None = None) -> bytes:
    """The document in one of docx, html, pdf (text is built from models; see `render_target`)."""
    if fmt == "docx":
        from finalacts.render.docx import render_docx

        return render_docx(doc, reference)
    if fmt == "html":
        from finalacts.render.html import render_html

        return render_html(doc).encode("utf-8")
    if fmt == "pdf":
        from finalacts.render.docx import render_docx
        from finalacts.render.pdf import docx_to_pdf

        data = render_docx(doc, reference)
        # LibreOffice needs about a second per 100 pages; large Final Acts get more time.
        return docx_to_pdf(data, timeout=timeout or 180 + len(data) / 10_000)
    if fmt == "text":
        return doc_text(doc).encode("utf-8")
    raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def doc_text(doc: Doc) -> str:
    """Plain text of a document, changes shown as [-deleted-] and {+inserted+}."""
    def show(runs) -> str:
        out = []
        for r in runs:
            t = f"[^{r.note}]" if r.note is not None else r.text
            if r.change in ("del", "movefrom"):
                t = f"[-{t}-]"
            elif r.change in ("ins", "moveto"):
                t = f"{{+{t}+}}"
            out.append(t)
        return "".join(out)

    lines: list[str] = []
    for op in doc.ops:
        if isinstance(op, Table):
            lines.extend(" | ".join(show(c) for c in row.cells) for row in op.rows)
            continue
        if op.style in ("ResNo", "Call", "Proposal", "Source", "Title1", "AnnexNo", "Summary", "Reasons",
                        "Headingb", "Annexheading", "MarginSymbol") and lines:
            lines.append("")
        label = show(op.label)
        text = (f"{label}\t" if label else "") + show(op.runs)
        if op.note:
            text += f"  ({op.note})"
        lines.append(text)
    return "\n".join(lines) + "\n"


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` whole, or leave it untouched."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: no folder {path.parent}")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------- reading texts at refs (I/O edge)

KEY = re.compile(r"^[a-z]+/[A-Za-z0-9-]+$")


def build_date(repo=None, ref: str | None = None, fallback: datetime | None = None) -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the commit's date, else `fallback`."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    if repo is not None and ref is not None:
        from finalacts import git

        return repo.commit(ref).date
    return fallback or datetime.now(timezone.utc)


def _parse(raw: bytes, shown: str):
    from finalacts.corpus.files import parse

    parsed = parse(raw, shown)
    if parsed.findings:
        raise InputError(parsed.findings[0])
    return parsed.model


def resolution_at(repo, ref: str, key: str) -> Resolution | None:
    """The resolution `key` (e.g. pp/140) as it is at `ref`; None if the file is not there."""
    from finalacts import git

    rel = f"resolutions/{key}.yaml"
    raw = repo.read_at(ref, rel)
    if raw is None:
        return None
    model = _parse(raw, f"{ref}:{rel}")
    if not isinstance(model, Resolution):
        raise InputError(Finding(f"{ref}:{rel}", 1, 1, "input-not-mapping", "error", "not a resolution file"))
    return model


def _repo_key(path: Path, repo) -> str | None:
    """The corpus key of a resolution file path (resolutions/pp/140.yaml -> pp/140)."""
    from finalacts import git

    try:
        rel = path.resolve().relative_to(repo.top.resolve())
    except ValueError:
        return None
    parts = rel.with_suffix("").parts
    if len(parts) == 3 and parts[0] == "resolutions":
        return f"{parts[1]}/{parts[2]}"
    return None


@dataclass
class Rendered:
    data: bytes
    summary: str


def render_target(target: str | None, base: str | None, head: str | None, final_acts: str | None,
                  fmt: str, reference: Path | None = None, cwd: Path | None = None) -> Rendered:
    """Everything `finalacts render` does short of writing the file."""
    from finalacts.corpus.registry import load_registry

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if reference is not None and not Path(reference).is_file():
        raise UsageError(f"--reference-docx {reference}: no such file")
    registry = load_registry()
    cwd = Path(cwd or Path.cwd())
    if final_acts:
        if target:
            raise UsageError("give either a target or --final-acts, not both")
        return _final_acts(final_acts, head, fmt, reference, registry, cwd)
    if not target:
        raise UsageError("name what to render: a proposal manifest, a key such as pp/140, or a .yaml file")
    path = Path(target)
    is_file = target.endswith(".yaml") or path.is_file()
    if is_file and "proposals" in path.parts:
        return _proposals(path, base, head, fmt, reference, registry, cwd)
    if is_file and base is None and head is None:
        from finalacts.corpus.files import display, read_bytes

        shown = display(path)
        res = _parse(read_bytes(path, shown), shown)
        if not isinstance(res, Resolution):
            raise UsageError(f"{shown}: not a resolution file")
        check_resolution_chars(res)
        if fmt == "text":
            from finalacts.render.text import render_text

            return Rendered(render_text(res, registry).encode("utf-8"), f"{res.key}, clean")
        when = build_date(fallback=datetime.fromtimestamp(int(path.stat().st_mtime), timezone.utc))
        doc = clean_doc(res, registry, "finalacts", when)
        return Rendered(to_bytes(doc, fmt, reference), f"{res.key}, clean")
    from finalacts import git

    repo = git.open_repo(cwd)
    key = _repo_key(path, repo) if is_file else target
    if key is None or not KEY.match(key):
        raise UsageError(f"{target!r} is neither a resolution key such as pp/140 nor a file under resolutions/")
    if base is None:
        raise UsageError(f"rendering {key} from git needs --base REF (the edition to compare with)")
    head = head or "HEAD"
    old, new = resolution_at(repo, base, key), resolution_at(repo, head, key)
    if new is None and old is None:
        raise UsageError(f"resolutions/{key}.yaml exists neither at {base!r} nor at {head!r}")
    when = build_date(repo, head)
    author = _author(repo, head)
    if old is None or new is None:
        res = new or old
        doc = clean_doc(res, registry, author, when)
        what = "new at head" if old is None else "suppressed at head"
    else:
        doc = resolution_doc(old, new, registry, author, when)
        what = f"{base} -> {head}"
    if fmt == "text" and old is not None and new is not None and old == new:
        from finalacts.render.text import render_text

        return Rendered(render_text(new, registry).encode("utf-8"), f"{key}: unchanged")
    return Rendered(to_bytes(doc, fmt, reference), f"{key}: {what}")


def _author(repo, ref: str) -> str:
    from finalacts import git

    return repo.commit(ref).author or "finalacts"


def _proposals(path: Path, base: str | None, head: str | None, fmt: str, reference, registry, cwd) -> Rendered:
    from finalacts import git
    from finalacts.corpus.files import display, read_bytes
    from finalacts.corpus.model import ProposalSet

    repo = git.open_repo(cwd)
    head = head or "HEAD"
    rel = None
    try:
        rel = path.resolve().relative_to(repo.top.resolve()).as_posix()
    except ValueError:
        pass
    raw = repo.read_at(head, rel) if rel else None
    shown = display(path)
    if raw is None:  # not committed yet at head: the manifest on disk
        raw = read_bytes(path, shown)
    pset = _parse(raw, shown)
    if not isinstance(pset, ProposalSet):
        raise UsageError(f"{shown}: not a proposal manifest")
    base = base or pset.base
    repo.resolve(base)
    texts: dict[int, tuple[Resolution | None, Resolution | None]] = {}
    for prop in pset.proposals:
        if "/" not in prop.target:
            texts[prop.number] = (None, None)
            continue
        old = resolution_at(repo, base, prop.target)
        new = resolution_at(repo, head, prop.target)
        need_old = prop.action in ("MOD", "(MOD)", "SUP", "NOC")
        need_new = prop.action in ("MOD", "(MOD)", "ADD", "NOC")
        pos = prop.at("target")
        where = f"{pset.id}/{prop.number} {prop.action} {prop.target}"
        if need_old and old is None:
            raise InputError(Finding(shown, pos.line, pos.col, "render-target-missing", "error",
                                     f"{where}: resolutions/{prop.target}.yaml does not exist at base {base!r}",
                                     "fix the target or the manifest's base edition"))
        if need_new and new is None:
            raise InputError(Finding(shown, pos.line, pos.col, "render-target-missing", "error",
                                     f"{where}: resolutions/{prop.target}.yaml does not exist at head {head!r}",
                                     "commit the text on the proposal branch or fix the target"))
        texts[prop.number] = (old, new)
    when = build_date(repo, head)
    doc = proposal_doc(pset, texts, registry, when)
    n = len(pset.proposals)
    return Rendered(to_bytes(doc, fmt, reference), f"{pset.id}: {n} proposal{'s' * (n != 1)}, {base} -> {head}")


def _final_acts(conf_id: str, head: str | None, fmt: str, reference, registry, cwd) -> Rendered:
    from finalacts import git

    conf = registry.get(conf_id)
    if conf is None:
        raise UsageError(f"unknown conference {conf_id!r}: not in schemas/conferences.yaml")
    repo = git.open_repo(cwd)
    ref = head or conf_id
    repo.resolve(ref)
    earlier = [c.id for c in registry.by_body[conf.body][:registry.order(conf_id)]]
    prev = next((c for c in reversed(earlier) if repo.tag_exists(c)), None)
    folder = f"resolutions/{registry.bodies[conf.body].dir}"
    now_paths = repo.at(ref).list(folder)
    prev_paths = repo.at(prev).list(folder) if prev else []

    def key(p: str) -> str:
        return p[len("resolutions/"):-len(".yaml")]

    entries: list[tuple[str, Resolution]] = []
    prev_keys = {key(p) for p in prev_paths}
    for p in now_paths:
        raw = repo.read_at(ref, p)
        if prev is not None and key(p) in prev_keys and repo.read_at(prev, p) == raw:
            continue  # the same bytes: unchanged since the previous edition, nothing to parse
        new = resolution_at(repo, ref, key(p))
        if new is None or new.is_draft:
            continue
        if prev is None:
            # No earlier edition in this repository: the texts this conference adopted or revised.
            if conf_id in new.adopted:
                entries.append(("ADD" if len(new.adopted) == 1 else "MOD", new))
            continue
        if key(p) not in prev_keys:
            entries.append(("ADD", new))
            continue
        old = resolution_at(repo, prev, key(p))
        if old != new:
            entries.append(("MOD", new))
    now_keys = {key(p) for p in now_paths}
    for p in prev_paths:
        if key(p) not in now_keys:
            old = resolution_at(repo, prev, key(p))
            if old is not None and not old.is_draft:
                entries.append(("SUP", old))
    entries.sort(key=lambda e: (isinstance(e[1].number, str), e[1].number if isinstance(e[1].number, int) else 0))
    doc = final_acts_doc(conf, entries, registry, build_date(repo, ref))
    counts = {a: sum(1 for x, _ in entries if x == a) for a in ("ADD", "MOD", "SUP")}
    summary = f"Final Acts {conf_id} ({'since ' + prev if prev else 'texts adopted there'}): " + \
        ", ".join(f"{n} {a}" for a, n in counts.items())
    return Rendered(to_bytes(doc, fmt, reference), summary)


def render_file(target: str | None, base: str | None, head: str | None, final_acts: str | None,
                fmt: str | None, out: Path | None, reference: Path | None = None) -> Rendered:
    """`finalacts render`: build the document and write it to `out` whole (or leave it for stdout).

    The format defaults to the output file's extension, then to text.
    """
    if fmt is None:
        suffix = out.suffix.lower().lstrip(".") if out else ""
        fmt = suffix if suffix in FORMATS else ("text" if suffix in ("", "txt") else None)
        if fmt is None:
            raise UsageError(f"cannot tell the format from {out.name}: give --format docx|html|pdf|text")
    if out is None and fmt in ("docx", "pdf"):
        raise UsageError(f"--format {fmt} needs -o FILE")
    rendered = render_target(target, base, head, final_acts, fmt, reference)
    if out is not None:
        write_bytes_atomic(out, rendered.data)
    return rendered
