"""Which ref names and paths may reach git: the rules of `git check-ref-format`, and never an option.

Refs and paths often come from users and from manifests (a pull request's own files), so nothing
is handed to git where it could be read as an option: a name starting with '-' is refused, and
the commands that take names get `--end-of-options` or `--`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from finalacts.corpus.findings import UsageError

# What `git check-ref-format` refuses anywhere in a name (plus whitespace and control characters).
_BAD_REF_CHARS = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")
_SHA = re.compile(r"^[0-9a-fA-F]{7,40}$")
FULL_SHA = re.compile(r"^[0-9a-f]{40}$")
SPECIAL_REFS = ("HEAD", "FETCH_HEAD", "ORIG_HEAD", "MERGE_HEAD")
# git keeps a ref as a file (plus `.lock` while writing it), and a file name holds 255 bytes.
MAX_REF_BYTES = 250


def check_ref_name(name: str, what: str = "ref") -> str:
    """`name` if it is a well-formed ref name (git check-ref-format rules); UsageError otherwise.

    Beyond git's rules, a name starting with '-' is refused so it can never pass for an option.
    """
    problem = ref_problem(name)
    if problem:
        raise UsageError(f"{what} {shown(name)} is not a valid name: {problem}")
    return name


def ref_problem(name: str) -> str | None:
    """Why `name` is not a valid ref name, or None."""
    if not name:
        return "it is empty"
    if len(name.encode("utf-8", "surrogatepass")) > MAX_REF_BYTES:
        return f"it is over {MAX_REF_BYTES} bytes long"
    if name.startswith("-"):
        return "it starts with '-' and could be read as an option"
    if _BAD_REF_CHARS.search(name):
        return "it contains a space, a control character or one of ~ ^ : ? * [ \\"
    if ".." in name or "@{" in name or "//" in name:
        return "it contains '..', '@{' or '//'"
    if name == "@":
        return "'@' alone is not a name"
    if name.startswith("/") or name.endswith("/") or name.endswith("."):
        return "it starts or ends with '/' or ends with '.'"
    for part in name.split("/"):
        if part.startswith(".") or part.endswith(".lock"):
            return "a component starts with '.' or ends with '.lock'"
    return None


def check_rev(ref: str) -> str:
    """A revision we are willing to pass to git: a ref name or hex id, with optional ~N / ^N."""
    if not isinstance(ref, str) or not ref:
        raise UsageError("empty ref")
    if ref.startswith("-"):
        raise UsageError(f"ref {shown(ref)} starts with '-' and could be read as an option; refused")
    if len(ref) > MAX_REF_BYTES + 32:
        raise UsageError(f"ref {shown(ref)} is not a valid name: it is over {MAX_REF_BYTES} bytes long")
    base = _without_suffix(ref)
    if base in SPECIAL_REFS or _SHA.match(base):
        return ref
    problem = ref_problem(base)
    if problem:
        raise UsageError(f"ref {shown(ref)} is not a valid name: {problem}")
    return ref


def _without_suffix(ref: str) -> str:
    """`ref` less its ~N / ^N suffixes (PP-14~1 -> PP-14), in one pass from the end (a regular
    expression for this backtracks: quadratic in a long run of `~`)."""
    i = len(ref)
    while i and (ref[i - 1] in "~^" or ref[i - 1].isdigit()):
        i -= 1
    while i < len(ref) and ref[i].isdigit():  # digits right after the name belong to it
        i += 1
    return ref[:i]


def shown(name: str) -> str:
    """A name as quoted in a message: repr (so control characters are escaped), cut when long."""
    return repr(name if len(name) <= 80 else name[:60] + "...")


def check_relpath(relpath: str) -> str:
    """A path inside the repository, as git spells it; UsageError for one that leaves it."""
    p = PurePosixPath(str(relpath).replace("\\", "/"))
    if p.is_absolute() or ".." in p.parts or not p.parts or str(relpath).startswith("-"):
        raise UsageError(f"path {relpath!r} is outside the repository")
    return str(p)


# git's own conflict lines, and the conflicts the merge driver writes inside a text (corpus/conflicts.py),
# whose "<<<<<<< ours" a folded text may break over two lines.
CONFLICT_MARKER = re.compile(rb"^(<{7}|>{7})( |$)|(?<!<)<{7}\s+ours(?=\s)", re.M)


def conflict_line(data: bytes | None) -> int | None:
    """1-based line of the first merge-conflict marker (<<<<<<< or >>>>>>>, or a conflict the merge
    driver left in a text) in `data`, if any."""
    m = CONFLICT_MARKER.search(data or b"")
    return data.count(b"\n", 0, m.start()) + 1 if m else None
