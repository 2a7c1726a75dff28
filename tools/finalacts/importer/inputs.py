"""Reading an input file for import: size, emptiness, encryption, encoding, zip integrity, and
what kind of document it is."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from finalacts.corpus import archive
from finalacts.corpus.findings import Finding, InputError
from finalacts.importer import akn

# The longest ITU text with annexes and images is a few MB as .docx; far less as text. A text
# import makes files of at most 2 MiB (the loader's limit), so a text twice that long is no text of
# the corpus (and an import time grows with it: about 15 s for 8 MB).
MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT_BYTES = 4 * 1024 * 1024
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
    """'docx', 'pdf', 'akn' (Akoma Ntoso XML), 'markdown' or 'text'."""
    if raw[:4] == b"PK\x03\x04" or path.suffix.lower() in (".docx", ".docm"):
        return "docx"
    if raw[:1024].lstrip().startswith(b"%PDF-") or path.suffix.lower() == ".pdf":
        return "pdf"
    if akn.is_akn(raw):
        return "akn"
    head = raw[:20000].decode("utf-8", "replace")
    if re.search(r"^#{1,3} +RESOLUTION\b", head, re.M | re.I) or "<sup>" in head or re.search(
            r"^- [a-z0-9]{1,3}\)?\*? ", head, re.M):
        return "markdown"
    return "text"


def decode_text(raw: bytes, shown: str) -> str:
    """UTF-8 text (BOM allowed); anything else is refused with the position of the bad byte."""
    if len(raw) > MAX_TEXT_BYTES:
        raise _fail(shown, "import-too-large", f"text of {len(raw):,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit",
                    "split the document; one resolution or proposal document is far smaller")
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


def check_zip(raw: bytes, shown: str) -> zipfile.ZipFile:
    """The .docx as a zip archive, or a clear error if it is not one (or not a Word document, or
    one that inflates beyond the limits of corpus/archive.py: checked before anything is inflated)."""
    try:
        z = archive.open_zip(raw)
    except archive.PackageError as e:
        if e.kind == "too-large":
            raise _fail(shown, "import-too-large", f".docx {e}",
                        "split the document; one resolution or proposal document is far smaller") from None
        raise _fail(shown, "import-corrupt", f"corrupt .docx: {e}", "open and save the file again in Word") from None
    try:
        bad = z.testzip()
    except archive.DAMAGE as e:
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
    for name in ("word/document.xml", "word/footnotes.xml"):
        size = z.getinfo(name).file_size if name in names else 0
        if size > archive.MAX_XML_PART:
            raise _fail(shown, "import-too-large",
                        f".docx {name} inflates to {size:,} bytes, over the limit of {archive.MAX_XML_PART:,}",
                        "split the document; one resolution or proposal document is far smaller")
    return z
