"""Finding the corpus and its files; reading them into the model; writing files atomically."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from finalacts.corpus import yamlfile
from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.layout import CORPUS_DIRS
from finalacts.corpus.members import MEMBERS_FILE, Members, members_from_data
from finalacts.corpus.model import ProposalSet, Resolution, proposalset_from_data, resolution_from_data
from finalacts.corpus.schemas import validate


def find_root(start: Path | None = None) -> Path | None:
    """The nearest directory at or above `start` that holds a resolutions/ folder."""
    start = (start or Path.cwd()).resolve()
    for d in (start, *start.parents):
        if (d / "resolutions").is_dir():
            return d
    return None


def require_root(start: Path | None = None) -> Path:
    root = find_root(start)
    if root is None:
        raise UsageError(f"no corpus here: no resolutions/ folder in {Path.cwd()} or above")
    return root


def corpus_files(root: Path) -> list[Path]:
    """Every corpus file under root, in a stable order."""
    out: list[Path] = []
    for d in CORPUS_DIRS:
        if (root / d).is_dir():
            out.extend(sorted(p for p in (root / d).rglob("*.yaml") if p.is_file()))
    if (root / MEMBERS_FILE).is_file():
        out.append(root / MEMBERS_FILE)
    return out


def expand(paths: list[Path], root: Path | None) -> list[Path]:
    """Files named on the command line; folders expand to the YAML files inside them."""
    if not paths:
        if root is None:
            raise UsageError(f"no corpus here: no resolutions/ folder in {Path.cwd()} or above; "
                             "name the files to check")
        return corpus_files(root)
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*.yaml") if x.is_file()))
        else:
            out.append(p)
    return out


def display(path: Path) -> str:
    """A path as shown in findings: relative to the current directory when below it.

    Symbolic links are not followed (resolving every path is a large part of a warm `check`): a
    file is shown by the path it was reached by."""
    full, here = os.path.abspath(path), os.path.join(os.getcwd(), "")
    return full[len(here):] if full.startswith(here) else str(path)


def kind_of(path: str, data) -> str:
    """'proposalset' for manifests under proposals/, 'members' for the members registry, otherwise
    'resolution'."""
    # A label such as "proposals/pp-18/CHN-140:resolutions/pp/140.yaml" names a file at a git ref:
    # what counts is the path after the ref, and the corpus folder nearest to the file.
    parts = Path(path.rsplit(":", 1)[-1]).parts
    folder = next((p for p in reversed(parts) if p in CORPUS_DIRS), None)
    if folder == "proposals":
        return "proposalset"
    if folder is None and parts and parts[-1] == MEMBERS_FILE:
        return "members"
    if folder is None and isinstance(data, dict) and "proposals" in data and "sections" not in data:
        return "proposalset"
    return "resolution"


def read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(Finding(shown, 1, 1, "input-unreadable", "error", "no such file",
                                 "check the path")) from None
    except OSError as e:
        raise InputError(Finding(shown, 1, 1, "input-unreadable", "error",
                                 f"cannot read file: {e.strerror}", "check permissions")) from None


@dataclass
class Parsed:
    """One corpus file read as far as it could be: findings say where it stopped."""

    path: str
    kind: str
    model: Resolution | ProposalSet | Members | None = None
    findings: list[Finding] = field(default_factory=list)
    loaded: yamlfile.Loaded | None = None


def parse(raw: bytes, shown: str) -> Parsed:
    """Load, schema-validate and model one file; never raises for bad content."""
    try:
        loaded = yamlfile.load(raw, shown)
    except InputError as e:
        return Parsed(shown, kind_of(shown, None), findings=[e.finding])
    kind = kind_of(shown, loaded.data)
    problems = validate(kind, loaded.data, loaded.positions, loaded.key_positions, shown)
    if problems:
        return Parsed(shown, kind, findings=problems, loaded=loaded)
    build = {"resolution": resolution_from_data, "proposalset": proposalset_from_data,
             "members": members_from_data}[kind]
    return Parsed(shown, kind, build(loaded.data, loaded.positions, shown), loaded=loaded)


def load_resolution(path: Path) -> Resolution:
    """A resolution file as a model; raises InputError with the first problem."""
    shown = display(path)
    parsed = parse(read_bytes(path, shown), shown)
    if parsed.findings:
        raise InputError(parsed.findings[0])
    if not isinstance(parsed.model, Resolution):
        raise InputError(Finding(shown, 1, 1, "input-not-mapping", "error", "not a resolution file"))
    return parsed.model


def _new_temp(path: Path, mode: int) -> tuple[int, str]:
    """A new, empty file next to `path`, created with `mode` less the umask, opened for writing;
    and its name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {path}")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Replace `path` with `data` (text is written as UTF-8 with \\n line ends) so that a crash
    leaves either the old or the new file, whole.

    An existing file keeps its mode; a new one gets the mode open() would give it (0o666 less the
    umask; tempfile.mkstemp would give 0o600 whatever the umask)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: no folder {path.parent}")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        keep = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        keep = None
    # A file being replaced: the copy is private until it has the file's own mode, before any text.
    fd, tmp = _new_temp(path, 0o666 if keep is None else 0o600)
    try:
        if keep is not None:
            os.chmod(tmp, keep)
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
