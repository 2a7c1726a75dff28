"""PDF (pdfminer.six, with its layout analysis): the Final Acts and the Collection of Basic Texts.

ITU publishes these as PDF. pdfminer.six gives every text line with its position; lines that sit on
one baseline (a label "a)" and its text at the tab stop, set as separate boxes) are joined with a
tab, lines are read top to bottom on each page, and the result goes through the same reading as
plain text (layout.py): running heads and page numbers are left out, lines broken at the column
width are joined into paragraphs, and a text run together is cut. A finding's line is the line of
that extracted text; the `import-layout` note at the start says on which line each page begins.
"""

from __future__ import annotations

import io
import re

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from finalacts.corpus.findings import Finding, InputError

_BASELINE = 2.5  # points: text boxes whose baselines differ by less sit on one line


def extract_lines(raw: bytes, shown: str) -> tuple[list[str], list[int]]:
    """(text lines in reading order, the first line of each page) of a PDF."""
    lines: list[str] = []
    starts: list[int] = []
    try:
        pages = list(extract_pages(io.BytesIO(raw), laparams=LAParams(line_margin=0.3, char_margin=2.0)))
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as e:
        raise InputError(Finding(shown, 1, 1, "import-corrupt", "error",
                                 f"not a readable PDF ({type(e).__name__}: {e})".rstrip(": )") + ")",
                                 "export the PDF again, or import the Word document")) from None
    for page in pages:
        found: list[tuple[float, float, str]] = []
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if isinstance(line, LTTextLine):
                    text = line.get_text().rstrip("\n")
                    if text.strip():
                        found.append((line.y0, line.x0, text.strip()))
        found.sort(key=lambda t: (-round(t[0] / _BASELINE), t[1]))
        starts.append(len(lines) + 1)
        row: list[tuple[float, float, str]] = []
        for y, x, text in found:
            if row and abs(row[0][0] - y) >= _BASELINE:
                lines.append("\t".join(t for _, _, t in sorted(row, key=lambda r: r[1])))
                row = []
            row.append((y, x, text))
        if row:
            lines.append("\t".join(t for _, _, t in sorted(row, key=lambda r: r[1])))
    return lines, starts


def as_text(raw: bytes, shown: str) -> tuple[str, str]:
    """(the PDF's text, one extracted line a line; what the extraction was, for an import-layout note)."""
    lines, starts = extract_lines(raw, shown)
    if not any(t.strip() for t in lines):
        raise InputError(Finding(shown, 1, 1, "import-empty", "error",
                                 "the PDF holds no text (a scanned image?)", "import a PDF with a text layer"))
    pages = ", ".join(f"page {k} at line {n}" for k, n in enumerate(starts, 1))
    note = (f"read as PDF: {len(lines)} text line(s) on {len(starts)} page(s) ({pages}); the lines of "
            "findings are those of the extracted text")
    return "\n".join(re.sub(r"[ \u00a0]{2,}", " ", t) for t in lines) + "\n", note
