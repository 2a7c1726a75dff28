"""The edge of the importers: where imported files go, written whole or not at all."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from finalacts.corpus import yamlfile
from finalacts.corpus.disk import display, find_root, write_atomic
from finalacts.corpus.files import parse
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.model import proposalset_to_data, resolution_to_data
from finalacts.corpus.registry import load_registry
from finalacts.importer import docx, import_file, pdf
from finalacts.importer.header import EARLIER
from finalacts.importer.inputs import decode_text, read_input, sniff
from finalacts.importer.lossless import FLOOR, coverage
from finalacts.importer.proposals import split


def _incomplete(result, registry, shown: str, floor: float, what: str) -> tuple[Finding | None, tuple]:
    """import-incomplete when the import gives back less than `floor` of the source's words."""
    share, got, total = coverage(result, registry)
    if share >= floor:
        return None, (what, got, total)
    return Finding(shown, result.first_line, 1, "import-incomplete", "error",
                   f"{what}: the import gives back {got} of the {total} source words ({share:.1%}, under "
                   f"{floor:.0%}); nothing written",
                   "see the import-unplaced findings for what was not placed"), (what, got, total)


def _unplaced(result) -> int:
    """Lines of the text not imported; page furniture is said among the layout notes instead."""
    return sum(u.reason != "page furniture" for u in result.unplaced)


@dataclass
class Outcome:
    """What an import command did: findings to print, files written, text for stdout."""

    findings: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    stdout: str | None = None
    unplaced: int = 0
    coverage: list[tuple[str, int, int]] = field(default_factory=list)  # (text, words given back, source words)
    split: object | None = None               # proposals: the SplitResult, for a branch to be made of it
    authors: dict[int, str] = field(default_factory=dict)   # proposals: number -> tracked-change author

    @property
    def failed(self) -> bool:
        """An import that did less than asked (import-incomplete): nothing was written."""
        return any(f.severity == "error" for f in self.findings)


def _yaml(data: dict, kind: str, shown: str, source: str) -> str:
    """Canonical YAML for `data`, proven to load back as a schema-valid file."""
    text = yamlfile.dump(data, kind)
    parsed = parse(text.encode("utf-8"), shown)
    if parsed.findings:
        f = parsed.findings[0]
        raise InputError(Finding(source, 1, 1, "import-invalid", "error",
                                 f"the import does not make a valid {kind} file ({f.message})",
                                 "report this input to the finalacts maintainers"))
    return text


def _authors(result, changed_by: dict[int, list[str]]) -> dict[int, str]:
    """Proposal number -> the author of most tracked changes in its text (a .docx's w:ins/w:del)."""
    out: dict[int, str] = {}
    for t in result.texts:
        names = [a for line in range(t.first_line, t.last_line + 1) for a in changed_by.get(line, [])]
        if names:
            out[t.number] = Counter(names).most_common(1)[0][0]
    return out


def _refuse_existing(paths: list[Path], force: bool) -> None:
    for p in paths:
        if p.exists() and not force:
            raise UsageError(f"{display(p)} exists; use --force to replace it, or -o to write elsewhere")


def import_resolution(file: Path, body: str | None = None, version: str | None = None,
                      adopted: list[str] | None = None, output: str | None = None,
                      force: bool = False, floor: float = FLOOR) -> Outcome:
    """`finalacts import resolution`: import FILE and write it to the corpus, to -o PATH, or to stdout."""

    registry = load_registry()
    unknown = [a for k, a in enumerate(adopted or []) if a not in registry.conferences and (k or a != EARLIER)]
    if unknown:
        raise UsageError(f"--adopted: unknown conference {unknown[0]!r} (ids are in schemas/conferences.yaml)")
    if body is not None and body not in registry.bodies:
        raise UsageError(f"--body: unknown body {body!r}; use one of {', '.join(registry.bodies)}")
    if output not in (None, "-") and Path(output).is_dir():
        raise UsageError(f"-o {output}: is a directory; name the file to write")
    root = find_root()
    shown = display(file)
    result = import_file(file, shown, registry, body=body, version=version, adopted=adopted, root=root)
    res = result.resolution
    out = Outcome(findings=list(result.findings), unplaced=_unplaced(result))
    lost, figure = _incomplete(result, registry, shown, floor, f"{res.body} {res.kind.capitalize()} {res.number}")
    out.coverage.append(figure)
    if lost is not None:
        out.findings.append(lost)
        return out
    if output == "-":
        out.stdout = _yaml(resolution_to_data(res), "resolution", f"{res.key}.yaml", shown)
        return out
    if output:
        target = Path(output)
    else:
        if root is None:
            raise UsageError(f"no corpus here (no resolutions/ folder in {Path.cwd()} or above); "
                             "name the output with -o PATH, or -o - for stdout")
        target = root / "resolutions" / registry.bodies[res.body].dir / f"{res.stem}.yaml"
        _refuse_existing([target], force)
    text = _yaml(resolution_to_data(res), "resolution", str(target), shown)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text)
    out.written.append(display(target))
    return out


def import_proposals(file: Path, output: Path | None = None, conference: str | None = None,
                     force: bool = False, floor: float = FLOOR, write: bool = True) -> Outcome:
    """`finalacts import proposals`: the manifest under proposals/, each text under imported/.

    Layout below the output folder (default: the corpus root, else the current folder):
    proposals/<conference>/<SET>.yaml (e.g. proposals/pp-18/ACP-64A1.yaml) and
    imported/<conference>/<SET>/<n>.yaml, one resolution file per proposal text (<n>.txt for a text
    that is not a whole resolution, such as an annex alone). The texts are kept out of
    resolutions/ and proposals/ so that `finalacts check` does not mistake them for corpus files
    before an editor has reviewed them and moved them onto the proposal branch.
    """

    registry = load_registry()
    shown = display(file)
    raw = read_input(file, shown)
    kind = sniff(raw, file)
    changed_by: dict[int, list[str]] = {}
    if kind == "docx":
        # The "after" version (accept all): the texts as proposed; each paragraph's change authors.
        text = docx.as_lines(raw, shown, "after")
        changed_by = docx.change_authors(raw, shown)
    elif kind == "pdf":
        text, _ = pdf.as_text(raw, shown)
    else:
        text = decode_text(raw, shown)
    result = split(text, shown, registry, conference)
    if any(f.severity == "error" for f in result.findings):
        return Outcome(findings=sorted(result.findings))   # said what is wrong; nothing written
    authors = _authors(result, changed_by)
    base = Path(output) if output else (find_root() or Path.cwd())
    m = result.manifest
    conf_dir = m.conference.lower()
    set_name = m.id.replace("/", "-")
    manifest_path = base / "proposals" / conf_dir / f"{set_name}.yaml"
    text_dir = base / "imported" / conf_dir / set_name
    plans: list[tuple[Path, str]] = [(manifest_path, _yaml(proposalset_to_data(m), "proposalset",
                                                           str(manifest_path), shown))]
    out = Outcome(findings=list(result.findings), split=result, authors=authors)
    for t in result.texts:
        if t.result is not None:
            lost, figure = _incomplete(t.result, registry, shown, floor, f"proposal {m.id}/{t.number}")
            out.coverage.append(figure)
            if lost is not None:
                out.findings.append(lost)
            p = text_dir / f"{t.number}.yaml"
            plans.append((p, _yaml(resolution_to_data(t.result.resolution), "resolution",
                                   f"resolutions/{t.result.resolution.key}.yaml", shown)))
            out.findings.extend(t.result.findings)
            out.unplaced += _unplaced(t.result)
        elif t.target_kind == "excerpt":
            plans.append((text_dir / f"{t.number}.txt", t.text + "\n"))
    if not write:       # the caller makes a branch of it instead (workflows/import_branch.py)
        out.findings.sort()
        return out
    _refuse_existing([manifest_path], force)
    if out.failed:
        out.findings.sort()
        return out
    # Everything is built and checked before the first file is written.
    for path, content in plans:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, content)
        out.written.append(display(path))
    out.findings.sort()
    return out
