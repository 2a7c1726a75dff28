"""`blame --lang`: who wrote each text of a language version, and whether it still translates the
English as it stands.

A translated text is credited to the commit that wrote its words as they stand (refolding the YAML
or a new fingerprint alone keeps the credit), found by replaying the language file's history as
blame replays the English. A text whose English changed since it was translated is marked stale;
a text with no translation has no entry and is listed in the warnings: nothing is shown from the
English in its place.
"""

from __future__ import annotations

from pathlib import Path

from finalacts import git
from finalacts.corpus.files import parse
from finalacts.corpus.findings import InputError, UsageError
from finalacts.corpus.languages import load_languages
from finalacts.corpus.layout import LANGUAGES, text_path, translation_relpath
from finalacts.corpus.model import Resolution
from finalacts.corpus.translation import Translation, describe, fingerprint, units
from finalacts.provenance.blame import Blame, Entry, Span, select
from finalacts.provenance.origins import Provenance

Words = dict  # address -> (words with white space collapsed, index of the origin that wrote them)


def _load(raw: bytes, shown: str) -> Translation | None:
    parsed = parse(raw, shown)
    return parsed.model if isinstance(parsed.model, Translation) and not parsed.findings else None


def _words(text: str) -> str:
    return " ".join(text.split())


def _replay(repo, commit: str, rel: str, prov: Provenance) -> tuple[Words, list, int]:
    """Per address, the words at `commit` and the index of the commit that wrote them; the origins;
    how many versions were read."""
    origins: list = []
    states: dict[str, Words] = {}
    for ch in git.file_changes(repo, commit, rel):
        if ch.blob == git.NULL_SHA or ch.blob in states:
            continue
        known = [states[b] for b in ch.parent_blobs if b is not None and b in states]
        t = _load(repo.blob_bytes(ch.blob), f"{ch.sha[:8]}:{ch.path}")
        if t is None:  # a version that does not load passes its parent's credit on
            states[ch.blob] = known[0] if known else {}
            continue
        who = len(origins)
        origins.append(prov.origin(ch))
        state: Words = {}
        for u in units(t.text):
            if u.text is None:
                continue
            words = _words(u.text)
            state[u.address] = next((p[u.address] for p in known if p.get(u.address, ("",))[0] == words),
                                    (words, who))
        states[ch.blob] = state
    return states.get(repo.at(commit).blob(rel), {}), origins, len(states)


def _english(snap, rel: str, ref: str) -> Resolution:
    raw = snap.read(rel)
    if raw is None:
        raise UsageError(f"no English text {rel} at {ref}: a language version translates the English file")
    parsed = parse(raw, f"{ref}:{rel}")
    if parsed.findings:
        raise InputError(parsed.findings[0])
    return parsed.model


def blame_translation(start: Path, text: str, lang: str, item: str | None = None, ref: str = "HEAD") -> Blame:
    """Every translated text of `text` in `lang` at `ref`, in the English order, with the commit that
    wrote it; stale texts marked, untranslated ones listed in the warnings."""
    if lang not in LANGUAGES:
        raise UsageError(f"--lang {lang!r}: use one of {', '.join(LANGUAGES)}")
    en_rel = text_path(text)
    key = en_rel[len("resolutions/"):-len(".yaml")]
    rel = translation_relpath(key, lang)
    repo = git.open_repo(start)
    commit = repo.resolve(ref)
    snap = repo.at(commit)
    blob = snap.blob(rel)
    if blob is None:
        raise UsageError(f"no {lang} version of {text} at {ref}: {rel} does not exist, so nothing of it is translated")
    en = _english(snap, en_rel, ref)
    shown = f"{ref}:{rel}"
    raw = repo.blob_bytes(blob)
    tr = _load(raw, shown)
    if tr is None:
        raise InputError(parse(raw, shown).findings[0])
    words, origins, versions = _replay(repo, commit, rel, Provenance(repo))
    if not origins:
        raise UsageError(f"no commit reachable from {ref} wrote {rel} as it stands there")
    mine = {u.address: u for u in units(tr.text)}
    entries: list[Entry] = []
    missing: list[str] = []
    stale: list[str] = []
    for u in units(en):
        if u.text is None:
            continue
        name = describe(u.address, en).replace("*", "")
        got = mine.get(u.address)
        if got is None or got.text is None or u.address not in words:
            missing.append(name)
            continue
        if tr.sources.get(u.address) != fingerprint(u.text):
            stale.append(name)
            name += " [stale: the English changed since this was translated]"
        node = got.node if u.address[0] != "footnote" else tr.text
        line = node.at(got.field).line if hasattr(node, "at") else 1
        who = words[u.address][1]
        labels = [a.split("#")[0] for a in u.address[1:-1]] if isinstance(u.address[0], int) else []
        is_item = bool(labels) and u.address[-1] == "text"
        heading = en.sections[u.address[0]].heading if isinstance(u.address[0], int) else ""
        entries.append(Entry(name, line, who, [Span(got.text, who)], labels[-1] if is_item else None,
                             item=is_item, alias=f"{heading} {labels[-1]}" if is_item else ""))
    if item is not None:
        entries = select(entries, item, rel, ref)
        names = {e.where.split(" [")[0] for e in entries}
        missing = [m for m in missing if m.startswith(tuple(names))]
        stale = [s for s in stale if s in names]
    warnings = []
    if missing:
        warnings.append(f"not translated into {lang} at {ref} ({len(missing)}): " + "; ".join(missing))
    if stale:
        warnings.append(f"stale in {lang} at {ref} ({len(stale)}), the English changed since: " + "; ".join(stale))
    used = sorted({e.origin for e in entries})
    renum = {old: new for new, old in enumerate(used)}
    for e in entries:
        e.origin = renum[e.origin]
        e.spans = [Span(s.text, renum[s.origin]) for s in e.spans]
    forms = load_languages().get(lang)
    return Blame(f"{text} ({lang})", rel, ref, commit, [origins[k] for k in used], entries, warnings, versions,
                 lang=forms.tag if forms else lang, rtl=bool(forms and forms.rtl))

