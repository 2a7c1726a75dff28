"""`finalacts translate`: what each language version lacks, XLIFF 2.0 for translators, and taking
their work back in.

`export` writes one XLIFF 2.0 document with exactly the units to translate: the texts a language
version does not have yet, and those whose English changed since they were translated (with the
earlier English, the word change and the earlier translation as notes, for context). `import`
takes the file back: valid XLIFF 2.0 by the OASIS core schema, the language and texts it was made
for, each unit's source still the English as it stands; only then are the language files written,
each with the fingerprint of the English it now translates.

XLIFF is built and read with lxml and validated against the official XLIFF 2.0 core schema
(shipped in corpus/data/xliff/): the Python libraries that write XLIFF 2.0 place <notes> inside
<segment>, which that schema refuses (README, "Translations").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from finalacts import git
from finalacts.checks import runner
from finalacts.checks.rules.languages import word_redline
from finalacts.corpus import yamlfile
from finalacts.corpus.disk import display, read_bytes, write_atomic
from finalacts.corpus.files import parse
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.languages import load_languages
from finalacts.corpus.layout import LANGUAGES, key_of, translation_relpath
from finalacts.corpus.model import Resolution, resolution_from_data
from finalacts.corpus.schemas import schema_dir
from finalacts.corpus.translation import (
    Translation,
    Unit,
    describe,
    fingerprint,
    item_paths,
    node_at,
    set_text,
    skeleton,
    translation_to_data,
    units,
)

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
NOTE_MARK = re.compile(r"\[\^([^\]]+)\]")


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UsageError(f"--lang {lang!r}: use one of {', '.join(LANGUAGES)} (English is the source language)")
    return lang


# ---------------------------------------------------------------- the corpus, per language


def _english(root: Path) -> dict[str, Resolution]:
    out = {}
    folder = root / "resolutions"
    for p in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        shown = display(p)
        parsed = parse(read_bytes(p, shown), shown)
        if isinstance(parsed.model, Resolution) and not parsed.findings:
            out[key_of(p.relative_to(root).as_posix())] = parsed.model
    return out


def _translation(root: Path, key: str, lang: str) -> Translation | None:
    path = root / translation_relpath(key, lang)
    if not path.is_file():
        return None
    shown = display(path)
    parsed = parse(read_bytes(path, shown), shown)
    if parsed.findings:
        raise InputError(parsed.findings[0])
    return parsed.model


@dataclass
class Todo:
    """One text a language version needs: new (never translated) or stale (the English changed)."""

    key: str
    unit: Unit
    state: str  # "new" or "stale"
    previous: str | None = None  # the earlier translation
    earlier_source: str | None = None  # the English it translated
    name: str = ""  # as a reader names it: '*recalling* b)'


@dataclass
class Status:
    lang: str
    texts: int = 0
    units: int = 0
    translated: int = 0
    todo: list[Todo] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # texts with no file in this language


def history(root: Path):
    """(English file, fingerprint) -> the English text with that fingerprint in the file's history,
    read from the git repository holding `root` (None where there is no repository)."""
    try:
        top = git.open_worktree(root).top
    except UsageError:
        return None

    @lru_cache(maxsize=None)
    def repository():
        # Opened (GitPython imported) only when a stale translation asks for the English it
        # translated: a check of language versions that are up to date (a pre-commit hook) never is.
        return git.open_repo(top)

    @lru_cache(maxsize=None)
    def texts_of(rel: str) -> dict[str, str]:
        found: dict[str, str] = {}
        repo = repository()
        try:
            relpath = (root / rel).resolve().relative_to(top).as_posix()
            changes = git.file_changes(repo, "HEAD", relpath)
        except (UsageError, ValueError):
            return found
        for change in changes:
            if change.blob == git.NULL_SHA:
                continue
            try:
                loaded = yamlfile.load(repo.blob_bytes(change.blob), rel)
                res = resolution_from_data(loaded.data, None, rel)
            except (InputError, KeyError, TypeError):
                continue
            for u in units(res):
                if u.text:
                    found.setdefault(fingerprint(u.text), u.text)
        return found

    def earlier(rel: str, fp: str) -> str | None:
        return texts_of(rel).get(fp)

    return earlier


def status(root: Path, lang: str, keys: list[str] | None = None, since: dict[str, Resolution] | None = None,
           earlier=None) -> Status:
    """What the `lang` version of each text lacks: texts never translated, and those whose English
    changed since. With `since` (the texts at an earlier ref), only what changed since then."""
    check_lang(lang)
    out = Status(lang)
    earlier = earlier if earlier is not None else history(root)
    for key, en in _english(root).items():
        if keys and key not in keys:
            continue
        out.texts += 1
        tr = _translation(root, key, lang)
        if tr is None:
            out.absent.append(key)
        mine = {u.address: u for u in units(tr.text)} if tr else {}
        then = {u.address: u.text for u in units(since[key])} if since and key in since else {}
        for u in units(en):
            if not u.text:
                continue
            out.units += 1
            if since is not None and then.get(u.address) == u.text:
                if u.address in mine and mine[u.address].text:
                    out.translated += 1
                continue
            have = mine.get(u.address)
            fp = tr.sources.get(u.address) if tr else None
            name = describe(u.address, en)
            if have is None or not have.text:
                out.todo.append(Todo(key, u, "new", name=name))
            elif fp != fingerprint(u.text):
                before = earlier(en.path, fp) if earlier and fp else None
                out.todo.append(Todo(key, u, "stale", have.text, before, name))
            else:
                out.translated += 1
    return out


def texts_at(root: Path, ref: str) -> dict[str, Resolution]:
    """The English texts as they were at `ref` (for --since)."""
    repo = git.open_repo(root)
    snap = repo.at(ref)
    out = {}
    prefix = root.resolve().relative_to(repo.top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    for rel, raw in snap.read_all(f"{prefix}resolutions").items():
        rel = rel[len(prefix):]
        parsed = parse(raw, f"{ref}:{rel}")
        if isinstance(parsed.model, Resolution) and not parsed.findings:
            out[key_of(rel)] = parsed.model
    return out


# ---------------------------------------------------------------- XLIFF


def unit_id(address: tuple) -> str:
    """An address as an XLIFF unit id (an NMTOKEN): t, s2-h, s2-p, s0-a-t, s3-5-5.1-t, f-1."""
    if address[0] == "title":
        return "t"
    if address[0] == "footnote":
        return "f-" + _token(address[1])
    head, *labels, what = address
    return "-".join([f"s{head}", *(_token(x) for x in labels), {"heading": "h", "text": "t" if labels else "p",
                                                               "after": "a"}[what]])


def _token(label: str) -> str:
    label = label.replace("–", "dash").replace("•", "bullet").replace("#", "_")
    return re.sub(r"[^A-Za-z0-9._]", "", label) or "x"


def _with_marks(parent, text: str, ns: str) -> None:
    """`text` as element content, each footnote reference [^1] a <ph/> the translator keeps."""
    from lxml import etree

    pos, last, k = 0, None, 0
    for m in NOTE_MARK.finditer(text):
        chunk = text[pos:m.start()]
        if last is None:
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        k += 1
        last = etree.SubElement(parent, f"{{{ns}}}ph", id=f"n{k}", equiv=m.group(0), disp=m.group(0))
        pos = m.end()
    rest = text[pos:]
    if last is None:
        parent.text = (parent.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


def _read_marks(el) -> str:
    """Element content back to text: <ph equiv="[^1]"/> as [^1]."""
    out = [el.text or ""]
    for child in el:
        if child.tag == f"{{{XLIFF_NS}}}ph":
            out.append(child.get("equiv") or "")
        else:
            out.append(_read_marks(child))
        out.append(child.tail or "")
    return "".join(out)


def export_xliff(root: Path, lang: str, keys: list[str] | None = None,
                 since: str | None = None) -> tuple[bytes, Status]:
    """The XLIFF 2.0 document of what the `lang` versions need, and the status it was made from."""
    from lxml import etree

    check_lang(lang)
    then = texts_at(root, since) if since else None
    st = status(root, lang, keys, then)
    ns = XLIFF_NS
    top = etree.Element(f"{{{ns}}}xliff", nsmap={None: ns}, version="2.0", srcLang="en",
                        trgLang=load_languages().get(lang).tag)
    by_key: dict[str, list[Todo]] = {}
    for t in st.todo:
        by_key.setdefault(t.key, []).append(t)
    english = _english(root)
    for key, todos in by_key.items():
        f = etree.SubElement(top, f"{{{ns}}}file", id=_token(key.replace("/", "-")),
                             original=f"resolutions/{key}.yaml")
        notes = etree.SubElement(f, f"{{{ns}}}notes")
        n = etree.SubElement(notes, f"{{{ns}}}note", category="finalacts")
        n.text = (f"{key}: {len(todos)} texts for {translation_relpath(key, lang)}; keep each [^n] marker "
                  "where the sentence needs its footnote")
        for t in todos:
            u = etree.SubElement(f, f"{{{ns}}}unit", id=unit_id(t.unit.address),
                                 name=describe(t.unit.address, english[key]))
            extra = [("location", describe(t.unit.address, english[key]))]
            if t.state == "stale":
                if t.earlier_source:
                    extra.append(("previous-source", t.earlier_source))
                    extra.append(("change", word_redline(t.earlier_source, t.unit.text)))
                extra.append(("previous-translation", t.previous or ""))
            un = etree.SubElement(u, f"{{{ns}}}notes")
            for cat, text in extra:
                note = etree.SubElement(un, f"{{{ns}}}note", category=cat)
                note.text = text
            seg = etree.SubElement(u, f"{{{ns}}}segment", state="initial")
            _with_marks(etree.SubElement(seg, f"{{{ns}}}source"), t.unit.text, ns)
    data = etree.tostring(top, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    problems = validate_xliff(data)
    if problems:  # what we write must be what the schema accepts
        raise RuntimeError(f"export made invalid XLIFF: {problems[0]}")
    return data, st


@lru_cache(maxsize=1)
def _schema():
    from lxml import etree

    path = schema_dir() / "xliff" / "xliff_core_2.0.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def validate_xliff(data: bytes) -> list[str]:
    """'line N: message' for every way `data` is not XLIFF 2.0 by the OASIS core schema."""
    from lxml import etree

    try:
        doc = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        return [f"line {e.lineno}: {e.msg}"]
    schema = _schema()
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


@dataclass
class Imported:
    written: list[str] = field(default_factory=list)
    units: int = 0
    findings: list[Finding] = field(default_factory=list)


def import_xliff(root: Path, lang: str, path: Path) -> Imported:
    """Take a translator's XLIFF back: every problem is a finding at the file's line, and nothing is
    written unless the whole file can be taken in."""
    from lxml import etree

    check_lang(lang)
    shown = display(path)
    raw = read_bytes(path, shown)
    out = Imported()

    def bad(line: int, message: str, hint: str = "") -> None:
        out.findings.append(Finding(shown, line, 1, "translation-import", "error", message, hint))

    for p in validate_xliff(raw):
        line = int(p.split(":")[0].split()[1]) if p.startswith("line ") else 1
        bad(line, f"not XLIFF 2.0: {p.split(': ', 1)[-1]}", "give the file `translate export` wrote, filled in")
    if out.findings:
        return out
    doc = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))
    tag = load_languages().get(lang).tag
    if doc.get("srcLang") != "en" or doc.get("trgLang") not in (tag, lang):
        bad(doc.sourceline, f"this file is {doc.get('srcLang')} to {doc.get('trgLang')}, not en to {tag}",
            "import it with the --lang it was exported for")
        return out
    english = _english(root)
    changed: dict[str, Translation] = {}
    q = lambda name: f"{{{XLIFF_NS}}}{name}"  # noqa: E731
    for f in doc.iter(q("file")):
        key = key_of(f.get("original") or "")
        en = english.get(key)
        if en is None:
            bad(f.sourceline, f"file {f.get('id')}: {f.get('original')} is not a text of this corpus")
            continue
        by_id = {unit_id(u.address): u for u in units(en) if u.text}
        tr = changed.get(key) or _translation(root, key, lang)
        tr = _synced(tr, en, lang)
        for u in f.iter(q("unit")):
            segs = u.findall(q("segment"))
            target = segs[0].find(q("target")) if len(segs) == 1 else None
            if len(segs) != 1:
                bad(u.sourceline, f"unit {u.get('id')}: {len(segs)} segments; finalacts exports one per unit")
                continue
            if target is None:
                continue  # not translated yet: left as it is
            eng = by_id.get(u.get("id"))
            if eng is None:
                bad(u.sourceline, f"unit {u.get('id')} is not a text of {key}", "keep the unit ids the export wrote")
                continue
            source = _read_marks(segs[0].find(q("source")))
            if source != eng.text:
                bad(u.sourceline, f"unit {u.get('id')} ({describe(eng.address, en)}): its English changed since "
                    "this file was exported", f"export again: finalacts translate export --lang {lang}")
                continue
            text = " ".join(_read_marks(target).split())
            if not text:
                bad(target.sourceline, f"unit {u.get('id')}: empty target")
                continue
            if NOTE_MARK.findall(text) != NOTE_MARK.findall(eng.text):
                bad(target.sourceline, f"unit {u.get('id')}: the footnote markers of the English "
                    f"({', '.join(NOTE_MARK.findall(eng.text)) or 'none'}) are not all in the translation")
                continue
            set_text(tr, eng, text, eng.text)
            out.units += 1
        changed[key] = tr
    if out.findings:
        out.units = 0
        return out
    for key, tr in changed.items():
        rel = translation_relpath(key, lang)
        target_path = root / rel
        target_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target_path, yamlfile.dump(translation_to_data(tr), "translation"))
        out.written.append(rel)
    if out.written:
        report = runner.run([root / r for r in out.written], root, use_cache=False, earlier=history(root))
        out.findings = [f for f in report.findings if f.severity != "info"]
    return out


def _synced(tr: Translation | None, en: Resolution, lang: str) -> Translation:
    """The translation with the English text's structure: every section and label of the English,
    the texts already translated kept at their addresses. A translation whose structure differs
    from the English is refused (its texts could land on the wrong item)."""
    fresh = skeleton(en, lang)
    if tr is None:
        return fresh
    paths_en = [p for p, _ in item_paths(en)]
    paths_tr = [p for p, _ in item_paths(tr.text)]
    if paths_tr != paths_en[:len(paths_tr)] or len(tr.text.sections) > len(en.sections):
        raise UsageError(f"{translation_relpath(en.key, lang)}: its sections or labels differ from the English "
                         "text; fix them first (finalacts check), then import")
    mine = {u.address: u for u in units(tr.text)}
    for u in units(en):
        have = mine.get(u.address)
        if have is not None and have.text:
            if u.address[0] == "title":
                fresh.text.title = have.text
            elif u.address[0] == "footnote":
                fresh.text.footnotes[u.address[1]] = have.text
            else:
                node = node_at(fresh.text, u.address[:-1])
                setattr(node, u.address[-1], have.text)
            if u.address in tr.sources:
                fresh.sources[u.address] = tr.sources[u.address]
    fresh.ignore = list(tr.ignore)
    return fresh

