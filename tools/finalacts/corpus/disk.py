"""The corpus on disk: finding it and its files, reading their bytes (never through a symbolic
link), writing files atomically. Reading a file into the model is files.py's; this module imports
no YAML loader, schema or model, so that a check whose results all come from the cache needs none."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from finalacts.corpus.findings import Finding, InputError, UsageError
from finalacts.corpus.layout import CORPUS_DIRS, MEMBERS_FILE


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
    """Every corpus file under root, in a stable order; and every symbolic link there (see
    yaml_files)."""
    out: list[Path] = []
    for d in CORPUS_DIRS:
        top = root / d
        if top.is_symlink():
            out.append(top)
        elif top.is_dir():
            out.extend(yaml_files(top))
    if (root / MEMBERS_FILE).is_symlink() or (root / MEMBERS_FILE).is_file():
        out.append(root / MEMBERS_FILE)  # refused when it is a link, as any file of the corpus
    return out


def yaml_files(folder: Path) -> list[Path]:
    """The *.yaml files under `folder`, sorted, with every symbolic link under it (to a file or a
    folder, whatever its name) in its place.

    A link is listed, never followed: reading it (read_bytes) refuses it, so a corpus that holds
    one says so instead of reading whatever on the machine the link points at, or skipping it."""
    out: list[Path] = []
    stack = [os.fspath(folder)]
    while stack:
        d = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue  # an unreadable folder holds nothing to check
        for e in entries:
            if e.is_symlink():
                out.append(Path(e.path))
            elif e.is_dir(follow_symlinks=False):
                stack.append(e.path)
            elif e.name.endswith(".yaml") and e.is_file(follow_symlinks=False):
                out.append(Path(e.path))
    return sorted(out)


def expand(paths: list[Path], root: Path | None) -> list[Path]:
    """Files named on the command line; folders expand to the YAML files inside them. A named file
    reached through a symbolic link to a folder of the corpus is replaced by that link, which
    reading then refuses (see linked_folder)."""
    if not paths:
        if root is None:
            raise UsageError(f"no corpus here: no resolutions/ folder in {Path.cwd()} or above; "
                             "name the files to check")
        return corpus_files(root)
    out: list[Path] = []
    links: set[Path] = set()
    for p in paths:
        if p.is_symlink():
            out.append(p)
        elif p.is_dir():
            out.extend(yaml_files(p))
        elif (link := linked_folder(p)) is None:
            out.append(p)
        elif link not in links:
            links.add(link)
            out.append(link)
    return out


def linked_folder(path: Path) -> Path | None:
    """The first symbolic link among the folders from the corpus folder (resolutions/ or
    proposals/) that holds `path` down to `path`'s own; None when there is none or `path` is not in
    a corpus folder. Folders above the corpus are the machine's business, not the corpus's."""
    parts = Path(os.path.abspath(path)).parts[:-1]
    top = max((i for i, part in enumerate(parts) if part in CORPUS_DIRS), default=None)
    if top is None:
        return None
    for i in range(top + 1, len(parts) + 1):
        d = Path(*parts[:i])
        if d.is_symlink():
            return d
    return None


def display(path: Path) -> str:
    """A path as shown in findings: relative to the current directory when below it.

    Symbolic links are not followed (resolving every path is a large part of a warm `check`): a
    file is shown by the path it was reached by."""
    full, here = os.path.abspath(path), os.path.join(os.getcwd(), "")
    return full[len(here):] if full.startswith(here) else str(path)


def kind_of(path: str, data) -> str:
    """'proposalset' for manifests under proposals/, 'translation' for language versions under
    translations/, 'members' for the members registry, otherwise 'resolution'."""
    # A label such as "proposals/pp-18/CHN-140:resolutions/pp/140.yaml" names a file at a git ref:
    # what counts is the path after the ref, and the corpus folder nearest to the file.
    parts = Path(path.rsplit(":", 1)[-1]).parts
    folder = next((p for p in reversed(parts) if p in CORPUS_DIRS), None)
    if folder == "proposals":
        return "proposalset"
    if folder == "translations":
        return "translation"
    if folder is None and parts and parts[-1] == MEMBERS_FILE:
        return "members"
    if folder is None and isinstance(data, dict) and "proposals" in data and "sections" not in data:
        return "proposalset"
    return "resolution"


# O_NONBLOCK: opening a FIFO would wait for a writer; it is refused below as not a regular file.
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = hasattr(os, "O_NOFOLLOW")


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a corpus file; InputError if it cannot be read, is not a regular file or is a
    symbolic link, which is never followed (input-symlink)."""
    def unreadable(message: str, hint: str = "check permissions") -> InputError:
        return InputError(Finding(shown, 1, 1, "input-unreadable", "error", message, hint))

    if not _NOFOLLOW and os.path.islink(path):
        raise symlink_error(path, shown)
    try:
        fd = os.open(path, _OPEN)
    except OSError as e:
        if os.path.islink(path):  # O_NOFOLLOW on a link: ELOOP (EMLINK on some systems); or dangling
            raise symlink_error(path, shown) from None
        if isinstance(e, FileNotFoundError):
            raise unreadable("no such file", "check the path") from None
        raise unreadable(f"cannot read file: {e.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise unreadable("is a folder, not a file", "name a .yaml file")
        if not stat.S_ISREG(mode):
            raise unreadable("not a regular file", "name a .yaml file")
        with os.fdopen(fd, "rb") as f:
            fd = -1
            return f.read()
    except OSError as e:
        raise unreadable(f"cannot read file: {e.strerror}") from None
    finally:
        if fd >= 0:
            os.close(fd)


def open_nofollow(path) -> int:
    """A file descriptor for reading `path`; OSError for a symbolic link instead of following it
    (and for a FIFO, no wait for a writer)."""
    return os.open(path, _OPEN)


def symlink_error(path: Path, shown: str) -> InputError:
    """The refusal of a symbolic link in the corpus."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return InputError(Finding(shown, 1, 1, "input-symlink", "error",
                              f"a symbolic link (to {target}), which is never followed",
                              "commit the file itself, not a link to it"))


def _new_temp(path: Path, mode: int) -> tuple[int, str]:
    """A new, empty file next to `path`, created with `mode` less the umask, opened for writing;
    and its name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{os.urandom(4).hex()}.tmp")
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
    if path.is_symlink():
        # Replacing the link with a file would publish what it points at.
        raise UsageError(f"cannot write {path}: it is a symbolic link (to {os.readlink(path)}); left untouched")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        keep = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        keep = None
    tmp = None
    try:
        # A file being replaced: the copy is private until it has the file's own mode, before any text.
        fd, tmp = _new_temp(path, 0o666 if keep is None else 0o600)
        if keep is not None:
            os.chmod(tmp, keep)
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(e, OSError):
            # A full disk, a read-only folder, a file-size limit: the old file is still whole.
            raise UsageError(f"cannot write {path}: {e.strerror or e}; "
                             f"{'the file is unchanged' if keep is not None else 'nothing was written'}") from None
        raise
