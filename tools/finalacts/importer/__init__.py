"""Importing existing ITU texts (plain text, Markdown-like text, .docx) into the corpus model.

`import_file` reads one input and returns an ImportResult: the Resolution plus the findings,
the unplaced text and the derived header lines the user must be told about. Inputs that are not
a resolution at all raise InputError with the file and the reason.

Findings of an import (the line is the source line; for .docx, the paragraph number):

- `import-flattened-marks` (warning): deleted and inserted words run together by an extraction
  ("BusanDUBAI, 20142018", label "fg)", "1310"); kept as they are, since which part is old
  cannot be told from the text.
- `import-unplaced` (warning): source text not put into the resolution (a covering note before
  the title line, a separator or image after the text, a paragraph before the first heading).
- `import-derived` (info): a header line (title line, history line, preamble, annex line) that
  the registry derives differs from the source; the derived form is what the file now says.
- `import-adopted` (warning): the earlier adopting conferences of a revised text are unknown.
- `import-footnote-clash` (warning): one footnote mark used for two different texts.
- `import-tracked-changes` (info): a .docx with tracked changes; which version was imported.
- `import-irregular-heading`, `import-missing-reasons`, `import-duplicate-proposal`: proposal
  documents (see proposals.py).

Errors (exit 2): `import-empty`, `import-too-large`, `import-encrypted`, `import-corrupt`,
`import-not-docx`, `import-encoding`, `import-not-resolution`, `import-not-proposals`,
`import-no-body`, `import-no-conference`, `import-invalid`, `import-unreadable`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from finalacts.corpus.findings import Finding, InputError
from finalacts.importer.paragraphs import Derived, ImportResult, Para, Unplaced, build

__all__ = ["Derived", "ImportResult", "Para", "Unplaced", "import_file", "read_input", "sniff"]

# The longest ITU text with annexes and images is a few MB as .docx; far less as text.
MAX_BYTES = 20 * 1024 * 1024
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _fail(path: str, rule: str, message: str, hint: str = "", line: int = 1) -> InputError:
    return InputError(Finding(path, line, 1, rule, "error", message, hint))


def read_input(path: Path, shown: str) -> bytes:
    """The bytes of an input file, refusing what no importer can read (size, emptiness, encryption)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _fail(shown, "import-unreadable", "no such file", "check the path") from None
    except OSError as e:
        raise _fail(shown, "import-unreadable", f"cannot read file: {e.strerror}") from None
    if path.is_dir():
        raise _fail(shown, "import-unreadable", "is a directory, not a file", "name one file")
    if size > MAX_BYTES:
        raise _fail(shown, "import-too-large", f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit",
                    "split the document; one resolution or proposal document is far smaller")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise _fail(shown, "import-unreadable", f"cannot read file: {e.strerror}") from None
    if not raw.strip():
        raise _fail(shown, "import-empty", "file is empty", "export the text again")
    if raw.startswith(CFB_MAGIC):
        raise _fail(shown, "import-encrypted",
                    "an OLE compound file: a password-protected .docx or an old binary .doc",
                    "remove the password (or save as .docx) in Word, then import again")
    return raw


def sniff(raw: bytes, path: Path) -> str:
    """'docx', 'markdown' or 'text'."""
    if raw[:4] == b"PK\x03\x04" or path.suffix.lower() in (".docx", ".docm"):
        return "docx"
    head = raw[:20000].decode("utf-8", "replace")
    if re.search(r"^#{1,3} +RESOLUTION\b", head, re.M | re.I) or "<sup>" in head or re.search(
            r"^- [a-z0-9]{1,3}\)?\*? ", head, re.M):
        return "markdown"
    return "text"


def decode_text(raw: bytes, shown: str) -> str:
    """UTF-8 text (BOM allowed); anything else is refused with the position of the bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise _fail(shown, "import-encoding",
                    f"not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}): not a text file",
                    "save the text as UTF-8, or import the .docx", line) from None
    if "\x00" in text:
        raise _fail(shown, "import-encoding", "binary data, not text", "import the .docx instead")
    return text[1:] if text.startswith("\ufeff") else text


def import_file(path: Path, shown: str, registry, body: str | None = None, version: str | None = None,
                adopted: list[str] | None = None, root: Path | None = None) -> ImportResult:
    """Import one resolution from `path` (format sniffed from its content).

    `version` picks a reading where the input holds two: for .docx with tracked changes "after"
    (default) or "before"; for flattened plain text, the conference in the title line ("before",
    the default, is the edition the text modifies).
    """
    raw = read_input(path, shown)
    kind = sniff(raw, path)
    if kind == "docx":
        from finalacts.importer import docx

        return docx.import_docx(raw, shown, registry, body=body, version=version or "after",
                                adopted=adopted, root=root)
    version = version or "before"
    text = decode_text(raw, shown)
    if kind == "markdown":
        from finalacts.importer import markdown

        paras, footnotes = markdown.to_paras(text)
        return build(paras, shown, registry, footnotes, body=body, version=version, adopted=adopted, root=root)
    return import_text(text, shown, registry, body=body, version=version, adopted=adopted, root=root)


def import_text(text: str, shown: str, registry, first_line: int = 1, **kw) -> ImportResult:
    """Import plain extracted text (lines numbered from `first_line` in the source file)."""
    from finalacts.importer import text as plain

    tp = plain.to_paras(text, first_line)
    result = build(tp.paras, shown, registry, tp.footnotes, **kw)
    result.footnote_marks = tp.marks
    for line, shown_mark, key in tp.clashes:
        result.findings.append(Finding(shown, line, 1, "import-footnote-clash", "warning",
                                       f"footnote mark {shown_mark} is already used for another text; "
                                       f"imported as [^{key}]", "renumber the footnotes"))
    for line, key in tp.empty:
        result.findings.append(Finding(shown, line, 1, "import-unplaced", "warning",
                                       f"footnote {key} has no text; its reference is kept",
                                       "write the footnote text"))
    result.findings.sort()
    return result


def check_zip(raw: bytes, shown: str) -> zipfile.ZipFile:
    """The .docx as a zip archive, or a clear error if it is not one (or not a Word document)."""
    import io

    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        bad = z.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as e:
        raise _fail(shown, "import-corrupt", f"corrupt .docx: not a readable zip archive ({e})",
                    "open and save the file again in Word") from None
    except Exception as e:  # noqa: BLE001 - zlib and struct errors on damaged members
        raise _fail(shown, "import-corrupt", f"corrupt .docx: {type(e).__name__}: {e}",
                    "open and save the file again in Word") from None
    if bad is not None:
        raise _fail(shown, "import-corrupt", f"corrupt .docx: damaged member {bad}",
                    "open and save the file again in Word")
    names = set(z.namelist())
    if "word/document.xml" not in names:
        raise _fail(shown, "import-not-docx", "a zip archive but not a Word document (no word/document.xml)",
                    "import a .docx saved by Word or LibreOffice")
    return z
