"""PDF pages as grey images, and their comparison with the reference images in tests/fixtures/pages/.

pdftoppm (poppler-utils) renders a page as PGM; references are kept as PNG so a person can open
them. The PNG writer and reader here handle only what they write themselves (8-bit grey, no
filter), which keeps the tests free of an imaging library.

Tolerance: pixels are compared one by one; a pixel counts as changed when its grey level moves
by more than 96 of 255 (anti-aliasing noise moves edges by less). A page passes with at most
MAX_CHANGED changed pixels. At 40 dpi the smallest thing the tests guard, the 11 pt margin symbol
"MOD", is about 60 dark pixels: moved 3 mm (5 pixels) it changes over 80; a lost header line
(the page number and document number) changes over 150; one line of body text reflowed, hundreds.

FINALACTS_UPDATE_PAGES=1 rewrites the references (then look at them before committing).
"""

from __future__ import annotations

import os
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

DPI = 40
THRESHOLD = 96
MAX_CHANGED = 40
REFERENCES = Path(__file__).parent / "fixtures" / "pages"


@dataclass
class Grey:
    width: int
    height: int
    pixels: bytes


def render_page(pdf: Path, page: int, dpi: int = DPI) -> Grey:
    """Page `page` (1-based) of `pdf` as a grey image."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "p"
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(out)], check=True, capture_output=True)
        return read_pgm(out.with_suffix(".pgm"))


def read_pgm(path: Path) -> Grey:
    data = path.read_bytes()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5" and fields[3] == b"255", fields
    w, h = int(fields[1]), int(fields[2])
    return Grey(w, h, data[pos + 1:pos + 1 + w * h])


def write_png(path: Path, img: Grey) -> None:
    raw = b"".join(b"\x00" + img.pixels[y * img.width:(y + 1) * img.width] for y in range(img.height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", img.width, img.height, 8, 0, 0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
                     + chunk(b"IEND", b""))


def read_png(path: Path) -> Grey:
    data = path.read_bytes()
    pos, idat = 8, b""
    w = h = 0
    while pos < len(data):
        n = struct.unpack(">I", data[pos:pos + 4])[0]
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    rows = [raw[y * (w + 1) + 1:(y + 1) * (w + 1)] for y in range(h)]
    assert all(raw[y * (w + 1)] == 0 for y in range(h)), "written by write_png (no filter)"
    return Grey(w, h, b"".join(rows))


def changed(a: Grey, b: Grey) -> int:
    """How many pixels differ by more than THRESHOLD (every pixel, when the sizes differ)."""
    if (a.width, a.height) != (b.width, b.height):
        return max(len(a.pixels), len(b.pixels))
    return sum(1 for x, y in zip(a.pixels, b.pixels) if abs(x - y) > THRESHOLD)


def check_page(pdf: Path, page: int, name: str) -> int:
    """Changed pixels of `pdf`'s page against the reference `name`.png (written when updating)."""
    img = render_page(pdf, page)
    ref = REFERENCES / f"{name}.png"
    if os.environ.get("FINALACTS_UPDATE_PAGES") == "1" or not ref.is_file():
        write_png(ref, img)
        if os.environ.get("FINALACTS_UPDATE_PAGES") != "1":
            raise AssertionError(f"{ref} did not exist: written now, look at it and commit it")
    return changed(img, read_png(ref))
