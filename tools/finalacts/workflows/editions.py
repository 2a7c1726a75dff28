"""Editions: the texts in force after a conference, cut as annotated git tags named for it (PP-18).

`tag` checks that HEAD is a consistent edition, and one that `check --edition` accepts, before
tagging; `recut` moves an edition's tag to a corrected HEAD (errata) and keeps a record of why;
`number` gives drafts their final numbers; `listing` counts ADD/MOD/SUP against the previous
edition; `show` reads a text at one. What `edition tag` reports before it tags is the tag family of
the catalog (corpus/catalog.py), then the findings of `check --edition`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from finalacts import git
from finalacts.corpus import walk, yamlfile
from finalacts.corpus.disk import read_bytes, write_atomic
from finalacts.corpus.files import parse
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.layout import target_relpath
from finalacts.corpus.registry import load_registry
from finalacts.git import Identity
from finalacts.git.signing import EditionCheck, edition_message, verify_edition
from finalacts.git.trusted import Trusted, members_at, trusted_ref
from finalacts.render.sources import edition_findings
from finalacts.render.text import render_text
from finalacts.workflows.proposals import edit_yaml


def _conference(conf_id: str):
    reg = load_registry()
    conf = reg.get(conf_id)
    if conf is None:
        raise UsageError(f"unknown conference {conf_id!r}; see schemas/conferences.yaml")
    return reg, conf


def _folder(reg, body: str) -> str:
    return f"resolutions/{reg.bodies[body].dir}"


def previous_edition(repo, reg, conf) -> str | None:
    """The latest edition tag of the same body held before `conf`, if any."""
    names = set(repo.tags())
    earlier = [c.id for c in reg.by_body[conf.body] if c.year < conf.year and c.id in names]
    return earlier[-1] if earlier else None


def _load(raw: bytes, shown: str) -> dict:
    line = git.conflict_line(raw)
    if line:
        raise InputError(Finding(shown, line, 1, "input-syntax", "error", "merge conflict marker left in the file",
                                 "resolve the conflict and remove the <<<<<<< ======= >>>>>>> lines"))
    return yamlfile.load(raw, shown).data


# ---------------------------------------------------------------- edition tag


def _content(raw: bytes | None, shown: str):
    """A text's data without `adopted`: what decides whether a conference revised it."""
    if raw is None:
        return None
    try:
        d = yamlfile.load(raw, shown).data
    except InputError:
        return raw
    return {k: v for k, v in d.items() if k != "adopted"} if isinstance(d, dict) else d


@dataclass
class TagReport:
    tag: str
    created: bool
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    verified: EditionCheck | None = None  # a signed tag, as `edition verify` sees it
    defects: list[Finding] = field(default_factory=list)  # errors of `check --edition`, said in the tag


def tag(start: Path, conf_id: str, message: str | None = None, identity: Identity | None = None,
        known_defects: str | None = None, sign: bool = False, registry_at: str | None = None) -> TagReport:
    """Tag HEAD as edition `conf_id` once it is consistent; findings say what stands in the way.

    Consistent means: no draft of the body is left; every text of the body added or changed since
    the previous edition ends its `adopted` with `conf_id` (in the body's first edition tagged in
    the repository, a text may instead end it with an earlier conference of the body: a text in
    force carried over); no unchanged text claims `conf_id`; and
    `check --edition conf_id` finds no error in the corpus. Only `known_defects` (why the edition is
    published as it is, such as a reconstruction that keeps the defects of the printed text) lets
    errors of `check` through, and the tag message then counts them and says why.
    With `sign` the tag is signed with the user's key, records the tree it names, and must verify
    against the members registry (at `registry_at`, default the target branch) or it is removed
    again, with the findings that say why.
    """
    reg, conf = _conference(conf_id)
    repo = git.open_repo(start)
    repo.require_full_history()
    if repo.tag_exists(conf_id):
        raise UsageError(f"tag {conf_id} exists already; to correct a published edition use "
                         f"`finalacts edition recut {conf_id} --reason ...`")
    repo.require_clean()
    if known_defects is not None and not known_defects.strip():
        raise UsageError("--known-defects is empty; say why the edition is published with them")
    report = consistency(repo, reg, conf)
    if report.findings and not (known_defects and all(f in report.defects for f in report.findings)):
        return report
    name = reg.bodies[conf.body].name
    text = message or f"Final Acts of the {name} ({conf.city}, {conf.year})"
    if report.defects:
        n = len(report.defects)
        text += (f"\n\nPublished with {n} error{'s' * (n != 1)} that `finalacts check --edition {conf_id}` "
                 f"reports: {known_defects}")
    if sign:
        text = edition_message(text, conf_id, repo.tree_of("HEAD"))
    repo.create_tag(conf_id, text, identity=identity, sign=sign)
    report.created = True
    if sign:
        report.verified = verify(start, conf_id, registry_at)
        if not report.verified.ok:
            repo.delete_tag(conf_id)
            report.created = False
            report.findings = report.verified.findings
    return report


def _carried(reg, conf, adopted: list) -> bool:
    """Whether `adopted` ends with an earlier conference of `conf`'s body: a text in force that
    `conf` left as it was. A repository started at `conf` holds it without any earlier tag to
    compare with, and its first edition carries it unchanged."""
    last = reg.conferences.get(adopted[-1]) if adopted and isinstance(adopted[-1], str) else None
    return last is not None and last.body == conf.body and last.year < conf.year


def consistency(repo, reg, conf) -> TagReport:
    """What stands in the way of tagging HEAD (with a clean work tree) as the edition `conf`."""
    conf_id = conf.id
    folder = _folder(reg, conf.body)
    prev = previous_edition(repo, reg, conf)
    before = {p: repo.read_at(prev, p) for p in repo.at(prev).list(folder)} if prev else {}
    paths = repo.at("HEAD").list(folder)
    report = TagReport(conf_id, False, files=len(paths))
    for p in paths:
        raw = repo.read_at("HEAD", p)
        loaded = yamlfile.load(raw, p) if not git.conflict_line(raw) else None
        if loaded is None:
            report.findings.append(Finding(p, git.conflict_line(raw), 1, "tag-conflict", "error",
                                           "merge conflict marker left in the file", "resolve the conflict"))
            continue
        d = loaded.data
        at = loaded.positions.get(("number",), (1, 1))
        adopted = d.get("adopted") or []
        apos = loaded.positions.get(("adopted",), (1, 1))
        if isinstance(d.get("number"), str):
            report.findings.append(Finding(p, at[0], at[1], "tag-draft", "error",
                                           f"draft [{d['number']}] has no final number",
                                           f"run `finalacts edition number {conf_id}`"))
            continue
        changed = _content(before.get(p), p) != _content(raw, p)
        carried = prev is None and _carried(reg, conf, adopted)
        if changed and not carried and (not adopted or adopted[-1] != conf_id):
            what = "added" if p not in before else "revised"
            report.findings.append(Finding(p, apos[0], apos[1], "tag-adopted", "error",
                                           f"text {what} since {prev or 'the start'} but `adopted` does not end "
                                           f"with {conf_id}", f"append {conf_id} to `adopted`"))
        elif not changed and conf_id in adopted:
            report.findings.append(Finding(p, apos[0], apos[1], "tag-adopted", "error",
                                           f"`adopted` lists {conf_id} but the text is unchanged since {prev}",
                                           f"remove {conf_id} from `adopted`, or revise the text"))
        later = [a for a in adopted if a in reg.conferences and reg.conferences[a].year > conf.year]
        if later:
            report.findings.append(Finding(p, apos[0], apos[1], "tag-adopted", "error",
                                           f"`adopted` lists {later[0]}, later than {conf_id}",
                                           "tag the editions in order"))
    if report.findings:
        return report
    # The edition as readers will get it: what `finalacts check --edition` rejects in the body's
    # texts is never tagged, by the same check that `render --final-acts` refuses an edition with.
    report.defects = edition_findings(repo, "HEAD", conf_id, folder)
    report.findings = list(report.defects)
    return report


# ---------------------------------------------------------------- edition recut (errata)


@dataclass
class RecutReport:
    tag: str
    created: bool
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    erratum: int = 0
    previous: str = ""  # the commit the edition stood at before
    record: str = ""  # the tag that keeps the edition as it stood before
    verified: EditionCheck | None = None  # the re-cut signed tag, as `edition verify` sees it


def recut(start: Path, conf_id: str, reason: str, identity: Identity | None = None, sign: bool = False,
          registry_at: str | None = None) -> RecutReport:
    """Move edition `conf_id` to HEAD, which corrects it (errata), once HEAD is consistent.

    The edition as it stood is kept as the tag `errata/<conf>/<n>-before`, and the moved tag's
    message says which erratum this is, why, and the commit it replaces; clones take the moved tag
    with `git fetch --tags --force`. A signed edition stays signed: it is re-cut only with `sign`,
    and the new tag must verify as `edition tag --sign` requires, or the edition is put back as it
    stood, signature and all.
    """
    reg, conf = _conference(conf_id)
    if not reason.strip():
        raise UsageError("--reason is empty; say what the erratum corrects")
    repo = git.open_repo(start)
    repo.require_full_history()
    if not repo.tag_exists(conf_id):
        raise UsageError(f"edition {conf_id} is not tagged yet; tag it with `finalacts edition tag {conf_id}`")
    repo.require_clean()
    before = repo.tag_info(conf_id)
    if before is not None and before.signed and not sign:
        raise UsageError(f"edition {conf_id} is signed; re-cut it with --sign so that the corrected edition "
                         "is signed too")
    old, head = repo.resolve(conf_id), repo.resolve("HEAD")
    if old == head:
        raise UsageError(f"HEAD is the edition {conf_id} already; commit the corrections first")
    if not repo.is_ancestor(old, head):
        raise UsageError(f"HEAD does not hold the edition {conf_id} ({old[:12]}): errata are commits on top of it")
    found = consistency(repo, reg, conf)
    n = 1 + sum(t.startswith(f"errata/{conf_id}/") for t in repo.tags())
    report = RecutReport(conf_id, False, found.findings, found.files, n, old, f"errata/{conf_id}/{n}-before")
    if report.findings:
        return report
    first = repo.tag_message(conf_id).split("\n\n", 1)[0].strip()
    history = [line for line in repo.tag_message(conf_id).splitlines() if line.startswith("Erratum ")]
    history.append(f"Erratum {n}: {reason} (replaces {old})")
    text = first + "\n\n" + "\n".join(history)
    if sign:
        text = edition_message(text, conf_id, repo.tree_of("HEAD"))
    replaced = repo.move_tag(conf_id, text, identity=identity, sign=sign)
    if sign:
        report.verified = verify(start, conf_id, registry_at)
        if not report.verified.ok:
            repo.restore_tag(conf_id, replaced)
            report.findings = report.verified.findings
            return report
    repo.create_tag(report.record, f"{conf_id} as it stood before erratum {n}: {reason}", ref=old,
                    identity=identity)
    report.created = True
    return report


# ---------------------------------------------------------------- edition verify


def registry_ref(repo, registry_at: str | None) -> Trusted:
    """Where an edition's signers are looked up: the ref named, else the target branch, else HEAD."""
    return trusted_ref(repo, registry_at) or Trusted("HEAD", repo.resolve("HEAD"))


def verify(start: Path, tag_name: str, registry_at: str | None = None) -> EditionCheck:
    """Whether edition tag `tag_name` is signed, by a member the registry lets sign editions, for the
    tree it names. `render --final-acts --require-signed` and `adopt` can require it."""
    repo = git.open_repo(start)
    git.check_ref_name(tag_name, "tag")
    trusted = registry_ref(repo, registry_at)
    members = members_at(repo, trusted.sha, f"{trusted.name}:members.yaml")
    return verify_edition(repo, tag_name, members, trusted.name)


# ---------------------------------------------------------------- edition number


@dataclass
class NumberReport:
    mapping: list[tuple[str, int]] = field(default_factory=list)  # (old path, new number)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)
    applied: bool = False


def _natural(s: str):
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", s)]


def _cite_numbers(data: dict, subs: dict[str, str]) -> None:
    """Rewrite the citations of placeholders ([ACP-1] -> 186) in every text of resolution data."""
    for t in walk.texts(data, walk.EVERYTHING - {walk.LABEL}):
        value = t.value
        for old, new in subs.items():
            value = value.replace(old, new)
        if value != t.value:
            walk.replace(t, value)


def parse_order(spec: str | None) -> list[tuple[str, int | None]]:
    """`ECP-1,ACP-1=205` -> [("ECP-1", None), ("ACP-1", 205)]: the order the secretariat gives."""
    out = []
    for part in (spec or "").split(","):
        part = part.strip()
        if not part:
            continue
        name, _, num = part.partition("=")
        if num and not num.strip().isdigit():
            raise UsageError(f"--order: {part!r} is not PLACEHOLDER or PLACEHOLDER=NUMBER, e.g. ACP-1=205")
        out.append((name.strip(), int(num) if num else None))
    return out


def used_numbers(repo, root: Path, reg, body: str) -> set[int]:
    """Every number the body has used: in the work tree and in every edition tag."""
    folder = _folder(reg, body)
    numbers = set()
    for p in (root / folder).glob("*.yaml") if (root / folder).is_dir() else []:
        if p.stem.isdigit():
            numbers.add(int(p.stem))
    editions = [t for t in repo.tags() if t in reg.conferences and reg.conferences[t].body == body]
    for t in editions:
        numbers.update(int(Path(p).stem) for p in repo.at(t).list(folder) if Path(p).stem.isdigit())
    return numbers


def number(start: Path, conf_id: str, dry_run: bool = False,
           order: list[tuple[str, int | None]] | None = None) -> NumberReport:
    """Give every draft of the conference's body its final number.

    Drafts are numbered in the `order` given (placeholders, each with the number it is to have or
    None for the next free one), then the rest in placeholder order, following the last number the
    body used; a number asked for must be free. Each draft `resolutions/pp/ACP-1.yaml` becomes
    `resolutions/pp/<n>.yaml` with `number: <n>` and `adopted: [<conf>]`, and every text citing
    `[ACP-1]` (alone or as `Resolution [ACP-1]`) is rewritten to cite `<n>`. All files are
    computed before the first one is written.
    """
    reg, conf = _conference(conf_id)
    repo = git.open_repo(start)
    root = repo.top
    repo.require_full_history()
    if not dry_run:
        repo.require_clean(("resolutions",))
    folder = root / _folder(reg, conf.body)
    drafts = []
    for p in sorted(folder.glob("*.yaml"), key=lambda p: _natural(p.stem)) if folder.is_dir() else []:
        rel = p.relative_to(root).as_posix()
        d = _load(read_bytes(p, rel), rel)
        if isinstance(d, dict) and isinstance(d.get("number"), str):
            drafts.append((p, d["number"]))
    by_name = {placeholder: p for p, placeholder in drafts}
    used = used_numbers(repo, root, reg, conf.body)
    asked: dict[str, int | None] = {}
    for name, num in order or []:
        if name not in by_name:
            raise UsageError(f"--order names {name}, which is no draft of {conf.body} here "
                             f"(drafts: {', '.join(by_name) or 'none'})")
        if name in asked:
            raise UsageError(f"--order names {name} twice")
        if num is not None and (num in used or num in asked.values()):
            raise UsageError(f"--order gives {name} the number {num}, which {conf.body} has used already")
        asked[name] = num
    drafts = [(by_name[n], n) for n in asked] + [(p, n) for p, n in drafts if n not in asked]
    report = NumberReport()
    taken = used | {n for n in asked.values() if n is not None}
    n = max(used, default=0)
    subs: dict[str, str] = {}
    for p, placeholder in drafts:
        num = asked.get(placeholder)
        if num is None:
            n += 1
            while n in taken:
                n += 1
            num = n
        report.mapping.append((p.relative_to(root).as_posix(), num))
        subs[f"[{placeholder}]"] = str(num)
    if not drafts or dry_run:
        return report

    outputs: dict[Path, str] = {}
    renames: dict[Path, Path] = {}
    for (p, placeholder), (_, num) in zip(drafts, report.mapping):
        def finalize(d, num=num):
            d["number"] = num
            if not d.get("adopted"):
                d["adopted"] = [conf_id]
            _cite_numbers(d, subs)
        target = p.with_name(f"{num}.yaml")
        if target.exists():
            raise UsageError(f"{target.relative_to(root)} exists already; cannot number {placeholder}")
        outputs[target] = edit_yaml(p, "resolution", finalize)
        renames[p] = target
    for p in sorted((root / "resolutions").rglob("*.yaml")):
        if p in renames:
            continue
        raw = read_bytes(p, p.relative_to(root).as_posix())
        if not any(k.encode() in raw for k in subs):
            continue
        outputs[p] = edit_yaml(p, "resolution", lambda d: _cite_numbers(d, subs))

    for path, text in outputs.items():
        write_atomic(path, text)
    for old, new in renames.items():
        os.unlink(old)
        report.renamed.append((old.relative_to(root).as_posix(), new.relative_to(root).as_posix()))
    report.rewritten = sorted(p.relative_to(root).as_posix() for p in outputs if p not in renames.values())
    report.applied = True
    return report


# ---------------------------------------------------------------- edition list / show


@dataclass
class EditionRow:
    tag: str
    date: str
    previous: str | None
    added: int
    modified: int
    suppressed: int
    total: int


def listing(start: Path) -> list[EditionRow]:
    """Every edition tag, oldest first per body, with ADD/MOD/SUP counts against the previous one."""
    reg = load_registry()
    repo = git.open_repo(start)
    names = set(repo.tags())
    rows = []
    for body, confs in reg.by_body.items():
        prev = None
        folder = _folder(reg, body)
        for c in confs:
            if c.id not in names:
                continue
            now = repo.at(c.id).blobs(folder)
            old = repo.at(prev).blobs(folder) if prev else {}
            rows.append(EditionRow(
                c.id, repo.commit(c.id).date.date().isoformat(), prev,
                added=sum(p not in old for p in now),
                modified=sum(p in old and old[p] != now[p] for p in now),
                suppressed=sum(p not in now for p in old), total=len(now)))
            prev = c.id
    return rows


def show(start: Path, edition: str, key: str, as_text: bool = False) -> str:
    """A text (`pp/140`) as it stood in `edition`: its YAML, or with as_text the rendered plain text."""
    rel = target_relpath(key)
    if rel is None:
        raise UsageError(f"{key!r} does not name a text; use body/number such as pp/140")
    repo = git.open_repo(start)
    raw = repo.read_at(edition, rel)
    if raw is None:
        raise UsageError(f"{rel} does not exist at {edition}")
    if not as_text:
        return raw.decode("utf-8")

    parsed = parse(raw, f"{edition}:{rel}")
    if parsed.findings:
        raise InputError(parsed.findings[0])
    text = render_text(parsed.model, load_registry())
    return text if text.endswith("\n") else text + "\n"
