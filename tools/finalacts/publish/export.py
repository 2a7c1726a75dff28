"""`finalacts export akn`: every text of the corpus as Akoma Ntoso, as it stands at HEAD and as it
stood at each edition, with item names (wId) kept through renumbering across those versions, each
file validated against the official XSD before it is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from finalacts import git
from finalacts.corpus.disk import write_atomic
from finalacts.corpus.findings import UsageError
from finalacts.corpus.registry import load_registry
from finalacts.publish import akn
from finalacts.publish.versions import HEAD, Reader


@dataclass
class Exported:
    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    linked: int = 0
    unlinked: int = 0


def export_akn(start: Path, out: Path, ref: str = HEAD, editions: bool = True) -> Exported:
    """Write `out/<body>/<number>/<number>.akn.xml` (at `ref`) and `…/<EDITION>/<number>.akn.xml`
    (`decision-<number>` for a decision)."""
    repo = git.open_repo(start)
    reg = load_registry()
    result = Exported()
    reader = Reader(repo, reg, result.left_out)
    repo.resolve(ref)
    texts = reader.texts(reader.editions() if editions else [], ref)
    if not texts:
        raise UsageError(f"no text under resolutions/ at {ref} or at any edition tag")
    works = akn.Works.of([t.latest.res for t in texts.values()], reg)
    for info in texts.values():
        for v, names in zip(info.versions, info.names):
            if v.res.is_draft or not v.res.adopted:
                result.left_out.append(
                    f"{info.key} at {v.edition}: a draft has no Akoma Ntoso work until it is "
                    "numbered and adopted (left out)"
                )
                continue
            sub = info.key if v.edition == HEAD else f"{info.key}/{v.edition}"
            path = Path(out) / sub / f"{v.res.stem}.akn.xml"
            w = akn.to_akn(v.res, reg, works, names)
            result.linked += w.linked
            result.unlinked += w.unlinked
            found = akn.problems(w.xml, str(path))
            result.problems += found
            if not found:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, w.xml)
                result.files.append(path)
    return result


def validate_files(paths: list[Path]) -> list[str]:
    """Every XSD problem of the AKN files given (strict schema), as 'path:line:col: message'."""
    out = []
    for p in paths:
        try:
            data = Path(p).read_bytes()
        except OSError as err:
            raise UsageError(f"{p}: cannot read: {err.strerror}") from None
        out += akn.problems(data, str(p))
    return out
