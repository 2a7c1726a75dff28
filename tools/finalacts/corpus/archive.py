"""Reading a Word package (.docx: a zip archive of XML parts) that may come from anyone.

A zip archive says how large each member inflates to, and Python's zipfile never inflates a member
beyond what it says; so the totals are checked before anything is inflated: a 1.6 MB file that
would inflate to 1.5 GiB is refused at once instead of taking gigabytes of memory. XML parts are
parsed without entities, DTDs or network access (no entity expansion, no external file read).
"""

from __future__ import annotations

import io
import zipfile
import zlib

# A .docx of a long ITU text with its figures inflates to a few tens of MB; the Final Acts of a
# whole conference rendered in one document to under 100 MB.
MAX_INFLATED = 256 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_XML_PART = 64 * 1024 * 1024  # one part parsed into a tree takes about ten times its size


class PackageError(Exception):
    """Why a package cannot be read: `kind` is "corrupt" or "too-large"."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


# What zipfile, zlib and struct raise on a damaged archive: a bit flipped anywhere gives one of
# these, never a crash.
DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, KeyError, OSError,
          NotImplementedError, RuntimeError, IndexError, OverflowError, UnicodeDecodeError)


def open_zip(source) -> zipfile.ZipFile:
    """The archive (bytes or a path), once its member count and inflated size are within the
    limits; PackageError otherwise."""
    try:
        z = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source)
        infos = z.infolist()
    except DAMAGE as e:
        raise PackageError("corrupt", f"not a readable zip archive ({e})") from None
    except Exception as e:  # noqa: BLE001 - struct.error and friends on a damaged directory
        raise PackageError("corrupt", f"not a readable zip archive ({type(e).__name__}: {e})") from None
    if len(infos) > MAX_MEMBERS:
        z.close()
        raise PackageError("too-large", f"{len(infos):,} members, over the limit of {MAX_MEMBERS:,}")
    total = sum(i.file_size for i in infos)
    if total > MAX_INFLATED:
        z.close()
        raise PackageError("too-large", f"inflates to {total:,} bytes, over the limit of {MAX_INFLATED:,}")
    return z


def read_member(z: zipfile.ZipFile, name: str, limit: int = MAX_INFLATED) -> bytes:
    """The bytes of member `name`; PackageError if it is missing, damaged or over `limit`."""
    try:
        info = z.getinfo(name)
    except KeyError:
        raise PackageError("corrupt", f"no {name} in the archive") from None
    if info.file_size > limit:
        raise PackageError("too-large", f"{name} inflates to {info.file_size:,} bytes, over the limit of {limit:,}")
    try:
        return z.read(info)
    except DAMAGE as e:
        raise PackageError("corrupt", f"damaged member {name} ({type(e).__name__}: {e})") from None
    except Exception as e:  # noqa: BLE001 - struct.error on a damaged local header
        raise PackageError("corrupt", f"damaged member {name} ({type(e).__name__}: {e})") from None


def xml_parser():
    """An lxml parser that expands no entity, loads no DTD and reads nothing over the network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def parse_xml(data: bytes, name: str):
    """The root element of an XML part; PackageError if it is not well-formed XML."""
    from lxml import etree

    try:
        return etree.fromstring(data, xml_parser())
    except (etree.XMLSyntaxError, ValueError) as e:
        raise PackageError("corrupt", f"{name} is not XML ({e})") from None


def read_xml(z: zipfile.ZipFile, name: str):
    """Member `name` parsed as XML (within MAX_XML_PART); PackageError if it cannot be."""
    return parse_xml(read_member(z, name, MAX_XML_PART), name)
