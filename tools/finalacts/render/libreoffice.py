"""What LibreOffice itself makes of a rendered document, through its UNO API: the paragraphs and
footnotes once it has accepted every tracked change, once it has rejected every one, the authors
and dates of the changes, the page furniture, and (on request) a copy saved again by it.

The UNO bridge is a compiled module built for one Python, the distribution's (Debian's
python3-uno for /usr/bin/python3), not for the virtualenv finalacts runs in. So the work is done
by `uno_worker.py`, a script that imports nothing of finalacts, run by that Python in a
subprocess with a throw-away LibreOffice profile; the answer comes back as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from finalacts.corpus.findings import UsageError

WORKER = Path(__file__).with_name("uno_worker.py")
UNO_HINT = "install LibreOffice's Python bridge (Debian: apt-get install python3-uno)"
# Where distributions put the Python that LibreOffice's `uno` module is built for.
CANDIDATES = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python", "/opt/libreoffice/program/python")


def uno_python() -> str:
    """A Python that can `import uno` (FINALACTS_UNO_PYTHON first); UsageError if there is none."""
    listed = [os.environ.get("FINALACTS_UNO_PYTHON"), *CANDIDATES]
    for exe in filter(None, listed):
        if not Path(exe).is_file():
            continue
        try:
            ok = subprocess.run([exe, "-c", "import uno"], capture_output=True, timeout=60).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return exe
    raise UsageError(f"no Python with LibreOffice's UNO bridge was found: {UNO_HINT}")


@dataclass
class Side:
    """The document as LibreOffice shows it after accepting (or rejecting) every change."""

    paragraphs: list[str]
    footnotes: list[tuple[str, str]]
    redlines: list[tuple[str, str, str]]  # (type, author, date) of every tracked change before
    left: bool  # changes still there after the command (it did not take them all)
    tracking: bool  # the document records changes (w:trackRevisions)
    pages: dict[str, list[str]]  # header and footer texts
    pagecount: int
    frames: list[str]  # the texts of the text frames (margin symbols), in document order


@dataclass
class Seen:
    path: Path
    accepted: Side
    rejected: Side


def _side(d: dict) -> Side:
    return Side(d["paragraphs"], [tuple(x) for x in d["footnotes"]], [tuple(x) for x in d["redlines"]],
                d["left"], d["tracking"], d["pages"], d["pagecount"], d["frames"])


def read(paths: list[Path], resave: dict[Path, Path] | None = None, timeout: float = 600) -> list[Seen]:
    """LibreOffice's view of each document; `resave` maps a document to where LibreOffice should
    save a copy of it as .docx (that copy is not read here: pass it to a second call)."""
    if shutil.which("soffice") is None:
        raise UsageError("LibreOffice is not installed: install libreoffice-writer-nogui")
    exe = uno_python()
    resave = resave or {}
    with tempfile.TemporaryDirectory(prefix="finalacts-uno-") as tmp:
        jobs = Path(tmp) / "jobs.json"
        jobs.write_text(json.dumps([{"path": str(p), "resave": str(resave[p]) if p in resave else None}
                                    for p in paths]), encoding="utf-8")
        profile = Path(tmp) / "profile"
        profile.mkdir()
        try:
            proc = subprocess.run([exe, str(WORKER), str(profile), str(jobs)], capture_output=True, timeout=timeout,
                                  start_new_session=True)
        except subprocess.TimeoutExpired:
            raise UsageError(f"LibreOffice did not read {len(paths)} documents within {timeout:g} s") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"LibreOffice's UNO bridge failed: {detail[-1] if detail else f'exit {proc.returncode}'}")
    return [Seen(Path(r["path"]), _side(r["accepted"]), _side(r["rejected"])) for r in json.loads(proc.stdout)]
