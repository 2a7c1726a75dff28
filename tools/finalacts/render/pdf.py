"""PDF output through LibreOffice headless, with a throw-away profile and a time limit.

A private profile (-env:UserInstallation) lets several conversions run at once and keeps a
user's own LibreOffice settings out of the result.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from finalacts.corpus.findings import UsageError

INSTALL_HINT = "install LibreOffice Writer (Debian: apt-get install libreoffice-writer-nogui)"
# LibreOffice's own PDF export options: an outline (bookmarks) from the headings and numbered
# texts, and a tagged PDF (structure tree, language) for screen readers and reflow.
PDF_FILTER = ('pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"},'
              '"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}')
# Faces with Times New Roman's metrics: with one of them lines and pages break where Word breaks them.
TIMES_METRIC = ("Times New Roman", "Liberation Serif", "Tinos", "Times", "Nimbus Roman", "TeX Gyre Termes")
FONT_HINT = "install a Times-compatible font (Debian: apt-get install fonts-liberation2)"


# The faces documents in Arabic and Chinese are set in (render/template.py), and their Debian packages.
SCRIPT_FONTS = {"ar": ("Noto Naskh Arabic", "fonts-noto-core"), "zh": ("Noto Serif CJK SC", "fonts-noto-cjk")}


def font_warning(language: str = "en-GB") -> str | None:
    """Why the PDF will not look like the Word document, if no face with Times New Roman's metrics
    is installed (LibreOffice then substitutes another serif and every line breaks elsewhere), or
    no face for the document's Arabic or Chinese script (its letters would be boxes)."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    script = SCRIPT_FONTS.get(language.split("-")[0])
    if script is not None:
        try:
            have = subprocess.run([exe, "-f", "%{family}", script[0]], capture_output=True, text=True,
                                  timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            have = ""
        if script[0].lower() not in have.lower():
            return (f"the font {script[0]} is not installed: the PDF may show boxes for the {language} text "
                    f"(Debian: apt-get install {script[1]})")
    try:
        got = subprocess.run([exe, "-f", "%{family}", "Times New Roman"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    family = got.split(",")[0].strip()
    if any(family.lower() == f.lower() for f in TIMES_METRIC):
        return None
    return (f"no font with Times New Roman's metrics is installed: the PDF is set in {family or 'another face'}, "
            f"and its lines and pages break elsewhere than in Word; {FONT_HINT}")


def soffice() -> str:
    """Path of the LibreOffice binary; UsageError if it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise UsageError(f"PDF output needs LibreOffice, which is not installed: {INSTALL_HINT}")


def convert(src: Path, out_dir: Path, to: str = "pdf", timeout: float = 180) -> Path:
    """Convert `src` with LibreOffice into `out_dir`; the converted file, or UsageError saying why.

    A LibreOffice that exits without writing the file (a fresh profile's first start on a busy
    machine can) is tried once more before the conversion is said to fail."""
    try:
        return _convert(src, out_dir, to, timeout)
    except _NoOutput:
        try:
            return _convert(src, out_dir, to, timeout)
        except _NoOutput as e:
            raise UsageError(str(e)) from None


class _NoOutput(Exception):
    pass


def _convert(src: Path, out_dir: Path, to: str, timeout: float) -> Path:
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="finalacts-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", to, "--outdir", str(out_dir), str(src)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                env={**os.environ, "HOME": profile})
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice starts helpers: end the whole group
            proc.communicate()
            raise UsageError(f"LibreOffice did not convert {src.name} within {timeout:g} s") from None
    result = out_dir / (src.stem + "." + to.split(":")[0])
    if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
        detail = (err or out).decode("utf-8", "replace").strip().splitlines()
        raise _NoOutput(f"LibreOffice could not convert {src.name}: "
                        f"{detail[-1] if detail else f'exit {proc.returncode}, no output'}")
    return result


def docx_to_pdf(data: bytes, timeout: float = 180) -> bytes:
    """PDF bytes of a .docx given as bytes."""
    with tempfile.TemporaryDirectory(prefix="finalacts-pdf-") as tmp:
        src = Path(tmp) / "document.docx"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        out.mkdir()
        return convert(src, out, PDF_FILTER, timeout).read_bytes()
