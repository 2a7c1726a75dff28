"""Importing existing ITU texts (plain text, Markdown-like text, .docx, PDF) into the corpus model.

`import_file` reads one input and returns an ImportResult: the Resolution plus the findings,
the unplaced text and the derived header lines the user must be told about. Inputs that are not
a resolution at all raise InputError with the file and the reason. A finding's line is the source
line; for .docx, the paragraph number. The import rules are described in the catalog
(corpus/catalog.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from finalacts.corpus.findings import Finding
from finalacts.corpus.texts import load_texts
from finalacts.importer import akn, docx, markdown, pdf
from finalacts.importer import text as plain
from finalacts.importer.build import build
from finalacts.importer.inputs import decode_text, read_input, sniff
from finalacts.importer.paras import Derived, ImportResult, Para, Unplaced

__all__ = ["Derived", "ImportResult", "Para", "Unplaced", "import_file", "import_text", "read_input", "sniff"]


def import_file(path: Path, shown: str, registry, body: str | None = None, version: str | None = None,
                adopted: list[str] | None = None, root: Path | None = None) -> ImportResult:
    """Import one resolution from `path` (format sniffed from its content).

    `version` picks a reading where the input holds two: for .docx with tracked changes "after"
    (default) or "before"; for flattened plain text, the conference in the title line ("before",
    the default, is the edition the text modifies).
    """
    raw = read_input(path, shown)
    kind = sniff(raw, path)
    texts = load_texts()
    if kind == "docx":
        return docx.import_docx(raw, shown, registry, body=body, version=version or "after",
                                adopted=adopted, root=root, texts=texts)
    if kind == "pdf":
        text, note = pdf.as_text(raw, shown)
        result = import_text(text, shown, registry, body=body, version="before", adopted=adopted, root=root,
                             texts=texts)
        result.findings.append(Finding(shown, 1, 1, "import-layout", "info", note,
                                       "check the imported structure against the PDF"))
        result.findings.sort()
        return result
    if kind == "akn":
        return _import_akn(raw, shown, registry, body=body, adopted=adopted, root=root, texts=texts)
    version = version or "before"
    text = decode_text(raw, shown)
    if kind == "markdown":
        paras, footnotes = markdown.to_paras(text)
        result = build(paras, shown, registry, footnotes, body=body, version=version, adopted=adopted, root=root,
                       texts=texts)
        result.source, result.markdown = text, True
        return result
    return import_text(text, shown, registry, body=body, version=version, adopted=adopted, root=root, texts=texts)


def _import_akn(raw: bytes, shown: str, registry, **kw) -> ImportResult:
    """Akoma Ntoso markup read as text (akn.py); findings name the line of the XML element."""
    at = akn.read(raw, shown)
    result = import_text(at.text(), shown, registry, version="before", **kw)

    def xml_line(n: int) -> int:
        return at.xml_lines[min(max(n, 1), len(at.xml_lines)) - 1] if at.xml_lines else n

    result.findings = [replace(f, line=xml_line(f.line)) if f.path == shown else f for f in result.findings]
    result.findings += [Finding(shown, n, 1, "import-layout", "info", note, "check the imported structure against "
                                "the markup") for n, note in at.notes]
    result.findings.append(Finding(shown, at.xml_lines[0] if at.xml_lines else 1, 1, "import-layout", "info",
                                   f"read as Akoma Ntoso XML: {len(at.lines)} paragraph(s) from the markup's "
                                   "title, headings and items; lines are those of the XML elements",
                                   "check the imported structure against the markup"))
    result.findings.sort()
    return result


def import_text(text: str, shown: str, registry, first_line: int = 1, **kw) -> ImportResult:
    """Import plain extracted text (lines numbered from `first_line` in the source file)."""
    tp = plain.to_paras(text, first_line)
    result = build(tp.paras, shown, registry, tp.footnotes, **kw)
    result.source = "\n" * (first_line - 1) + text
    result.footnote_marks = tp.marks
    # Page furniture is not text: left out of the comparison with the source, and said so once.
    result.unplaced += [Unplaced(n, t, "page furniture") for n, t in tp.furniture
                        if result.first_line <= n <= result.last_line]
    for line, note in tp.notes:
        if line >= result.first_line or "furniture" in note:
            result.findings.append(Finding(shown, line, 1, "import-layout", "info", note,
                                           "check the imported structure against the source"))
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


