"""Where a document's texts come from, and `finalacts render` end to end: texts read at git refs
(or a file), the `Doc` built, the chosen format written whole. The I/O edge of rendering.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from finalacts import git
from finalacts.checks import runner
from finalacts.corpus.disk import display, find_root, read_bytes, write_atomic
from finalacts.corpus.files import parse
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.languages import load_languages
from finalacts.corpus.layout import LANGUAGES, translation_relpath
from finalacts.corpus.model import ProposalSet, Resolution
from finalacts.corpus.registry import load_registry
from finalacts.corpus.translation import Translation
from finalacts.git.signing import verify_edition
from finalacts.git.trusted import Trusted, members_at, trusted_ref
from finalacts.render.document import (
    Doc,
    check_resolution_chars,
    clean_doc,
    final_acts_doc,
    proposal_doc,
    resolution_doc,
)
from finalacts.render.formats import FORMATS, to_bytes
from finalacts.render.languages import Gaps, LocalRegistry, localize
from finalacts.render.pdf import font_warning
from finalacts.render.text import render_text

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

        return repo.commit(ref).date
    return fallback or datetime.now(timezone.utc)


def _parse(raw: bytes, shown: str):

    parsed = parse(raw, shown)
    if parsed.findings:
        raise InputError(parsed.findings[0])
    return parsed.model


def resolution_at(repo, ref: str, key: str) -> Resolution | None:
    """The resolution `key` (e.g. pp/140) as it is at `ref`; None if the file is not there."""

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
    warnings: list[str] = field(default_factory=list)  # what the document lacks, for the user to read


@dataclass
class Built:
    doc: Doc
    summary: str
    text: str | None = None  # the ITU plain text of one clean resolution, where that is what was asked
    warnings: list[str] = field(default_factory=list)  # what the document lacks (in another language)


class Refused(UsageError):
    """The edition a Final Acts was asked of is not one `check --edition` accepts: its findings."""

    def __init__(self, message: str, findings: list[Finding]):
        super().__init__(message)
        self.findings = findings


def render_target(target: str | None, base: str | None, head: str | None, final_acts: str | None,
                  fmt: str, reference: Path | None = None, cwd: Path | None = None,
                  require_signed: bool = False, lang: str | None = None, partial: bool = False) -> Rendered:
    """Everything `finalacts render` does short of writing the file."""

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if reference is not None and not Path(reference).is_file():
        raise UsageError(f"--reference-docx {reference}: no such file")
    built = build_doc(target, base, head, final_acts, cwd, require_signed, lang, partial)
    if fmt == "text" and built.text is not None:
        return Rendered(built.text.encode("utf-8"), built.summary)
    warning = font_warning(built.doc.language) if fmt == "pdf" else None
    return Rendered(to_bytes(built.doc, fmt, reference), built.summary,
                    built.warnings + ([warning] if warning else []))


@dataclass
class Language:
    """A document asked for in a language: its forms, where its translations are read, what it lacks."""

    code: str
    partial: bool = False
    gaps: Gaps = field(default_factory=Gaps)

    @property
    def forms(self):
        return load_languages().get(self.code)

    def text(self, res: Resolution | None, read) -> Resolution | None:
        """`res` in this language; `read(relpath)` gives a file's bytes where the text was read."""
        if res is None:
            return None
        rel = translation_relpath(res.key, self.code)
        raw = read(rel)
        tr = _parse(raw, rel) if raw is not None else None
        if tr is not None and not isinstance(tr, Translation):
            raise InputError(Finding(rel, 1, 1, "input-not-mapping", "error", "not a translation file"))
        return localize(res, tr, self.forms, self.gaps)

    def finish(self, built: Built) -> Built:
        """The built document in this language, or Refused listing the units it lacks."""
        g = self.gaps
        if g.missing and not self.partial:
            raise Refused(f"no {self.forms.english} translation of {len(g.missing)} units: "
                          "nothing written (--partial writes the document with them marked)",
                          [Finding(m.split(":", 1)[0], 1, 1, "translation-missing", "info",
                                   f"{m.split(': ', 1)[1]} is not translated into {self.forms.english}", "")
                           for m in g.missing])
        built.doc.language = self.forms.tag
        built.text = None
        notes = [f"{len(g.missing)} units not translated into {self.forms.english}, marked in the document: "
                 + "; ".join(g.missing)] if g.missing else []
        notes += [f"{m}: translates an earlier English text (translation-stale)" for m in g.stale]
        notes += [f"{', '.join(sorted(g.unverified))}: forms the language registry has not verified"] \
            if g.unverified else []
        built.warnings = built.warnings + notes
        return built


def build_doc(target: str | None, base: str | None, head: str | None, final_acts: str | None,
              cwd: Path | None = None, require_signed: bool = False, lang: str | None = None,
              partial: bool = False) -> Built:
    """The document `render` (and `verify-docx`, rebuilding it) makes of these sources."""
    if lang is None:
        if partial:
            raise UsageError("--partial goes with --lang")
        return _build_doc(target, base, head, final_acts, cwd, require_signed)
    if lang not in LANGUAGES:
        raise UsageError(f"--lang {lang!r}: use one of {', '.join(LANGUAGES)} (English is the default)")
    if final_acts:
        raise UsageError("--lang does not compile the Final Acts yet: render each text or proposal set")
    language = Language(lang, partial)
    return language.finish(_build_doc(target, base, head, final_acts, cwd, require_signed, language))


def _build_doc(target: str | None, base: str | None, head: str | None, final_acts: str | None,
               cwd: Path | None = None, require_signed: bool = False, language: Language | None = None) -> Built:
    registry = load_registry()
    if language is not None:
        registry = LocalRegistry(registry, language.forms, language.gaps)
    cwd = Path(cwd or Path.cwd())
    if final_acts:
        if target:
            raise UsageError("give either a target or --final-acts, not both")
        return _final_acts(final_acts, head, registry, cwd, require_signed)
    if require_signed:
        raise UsageError("--require-signed goes with --final-acts: it requires the edition tag to verify")
    if not target:
        raise UsageError("name what to render: a proposal manifest, a key such as pp/140, or a .yaml file")
    path = Path(target)
    is_file = target.endswith(".yaml") or path.is_file()
    if is_file and "proposals" in path.parts:
        return _proposals(path, base, head, registry, cwd, language)
    if is_file and base is None and head is None:

        shown = display(path)
        res = _parse(read_bytes(path, shown), shown)
        if not isinstance(res, Resolution):
            raise UsageError(f"{shown}: not a resolution file")
        if language is not None:
            root = find_root(path.resolve().parent)

            def on_disk(rel: str) -> bytes | None:
                p = root / rel if root else None
                return p.read_bytes() if p is not None and p.is_file() else None

            res = language.text(res, on_disk)
        check_resolution_chars(res)
        when = build_date(fallback=datetime.fromtimestamp(int(path.stat().st_mtime), timezone.utc))
        doc = clean_doc(res, registry, "finalacts", when)
        doc.recipe = {"kind": "file", "target": res.key}
        return Built(doc, f"{res.key}, clean", render_text(res, registry))

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
    if language is not None:
        old = language.text(old, lambda rel: repo.read_at(base, rel))
        new = language.text(new, lambda rel: repo.read_at(head, rel))
    when = build_date(repo, head)
    author = _author(repo, head)
    if old is None or new is None:
        res = new or old
        doc = clean_doc(res, registry, author, when)
        what = "new at head" if old is None else "suppressed at head"
    else:
        doc = resolution_doc(old, new, registry, author, when)
        what = f"{base} -> {head}"
    doc.recipe = {"kind": "text", "target": key}
    if old is not None and new is not None and old == new:
        return Built(doc, f"{key}: unchanged", render_text(new, registry))
    return Built(doc, f"{key}: {what}")


def _author(repo, ref: str) -> str:

    return repo.commit(ref).author or "finalacts"


def _proposals(path: Path, base: str | None, head: str | None, registry, cwd,
               language: Language | None = None) -> Built:

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
        if language is not None:
            old = language.text(old, lambda rel: repo.read_at(base, rel))
            new = language.text(new, lambda rel: repo.read_at(head, rel))
        texts[prop.number] = (old, new)
    when = build_date(repo, head)
    doc = proposal_doc(pset, texts, registry, when, _member_names(repo, head))
    doc.recipe = {"kind": "proposals", "target": rel or shown}
    n = len(pset.proposals)
    return Built(doc, f"{pset.id}: {n} proposal{'s' * (n != 1)}, {base} -> {head}")


def edition_findings(repo, ref: str, conf_id: str, folder: str) -> list[Finding]:
    """The errors `finalacts check --edition CONF resolutions/FOLDER` finds in the corpus as it is at
    `ref`: the texts and the configuration are read into a scratch folder and checked there (no
    cache: the scratch is new). Only the conference's own body is checked, the texts its Final Acts
    hold; the whole corpus is there to resolve citations."""
    snap = repo.at(ref)
    with tempfile.TemporaryDirectory(prefix="finalacts-edition-") as tmp:
        root = Path(tmp)
        for rel in ["pyproject.toml", *snap.list("resolutions")]:
            raw = snap.read(rel)
            if raw is not None:
                dest = root / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(raw)
        report = runner.run([root / folder], root, use_cache=False, jobs=1, edition=conf_id)
    return [replace(f, path=f"{ref}:{_under(f.path, root)}") for f in report.findings
            if f.severity == "error" or f.is_input_error]


def _under(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path



def require_verified(repo, tag: str) -> None:
    """UsageError unless edition tag `tag` verifies against the members registry of the target branch."""
    trusted = trusted_ref(repo, None) or Trusted("HEAD", repo.resolve("HEAD"))
    check = verify_edition(repo, tag, members_at(repo, trusted.sha, f"{trusted.name}:members.yaml"), trusted.name)
    if not check.ok:
        f = check.findings[0]
        n = len(check.findings) - 1
        more = f" (and {n} more; see finalacts edition verify {tag})" if n else ""
        raise UsageError(f"{tag} is not a verified edition: {f.message}{more}")


def _member_names(repo, ref: str) -> dict[str, str]:
    """Member id -> name as printed, from members.yaml at `ref` (none when it holds no readable one)."""
    try:
        members = members_at(repo, ref)
    except InputError:
        return {}
    return {m.id: m.name for m in members.members} if members else {}


def _final_acts(conf_id: str, head: str | None, registry, cwd, require_signed: bool = False) -> Built:
    conf = registry.get(conf_id)
    if conf is None:
        raise UsageError(f"unknown conference {conf_id!r}: not in schemas/conferences.yaml")
    repo = git.open_repo(cwd)
    ref = head or conf_id
    repo.resolve(ref)
    if require_signed:
        if head is not None and repo.resolve(head) != repo.resolve(conf_id):
            raise UsageError(f"--require-signed renders the edition as tagged: drop --head, or tag {head}")
        require_verified(repo, conf_id)
    folder = f"resolutions/{registry.bodies[conf.body].dir}"
    errors = edition_findings(repo, ref, conf_id, folder)
    if errors:
        raise Refused(f"no Final Acts of {conf_id} from {ref}: `finalacts check --edition {conf_id}` finds "
                      f"{len(errors)} error{'s' * (len(errors) != 1)} in the corpus there", errors)
    earlier = [c.id for c in registry.by_body[conf.body][:registry.order(conf_id)]]
    prev = next((c for c in reversed(earlier) if repo.tag_exists(c)), None)
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
                entries.append(("ADD" if len(new.adopted) == 1 and not new.earlier_editions else "MOD", new))
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
    doc.recipe = {"kind": "final-acts", "target": conf_id}
    counts = {a: sum(1 for x, _ in entries if x == a) for a in ("ADD", "MOD", "SUP")}
    summary = f"Final Acts {conf_id} ({'since ' + prev if prev else 'texts adopted there'}): " + \
        ", ".join(f"{n} {a}" for a, n in counts.items())
    return Built(doc, summary)


def render_file(target: str | None, base: str | None, head: str | None, final_acts: str | None,
                fmt: str | None, out: Path | None, reference: Path | None = None,
                require_signed: bool = False, lang: str | None = None, partial: bool = False) -> Rendered:
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
    rendered = render_target(target, base, head, final_acts, fmt, reference, require_signed=require_signed,
                             lang=lang, partial=partial)
    if out is not None:
        write_atomic(out, rendered.data)
    return rendered
