"""The site's full-text search index, built with Pagefind (PyPI `pagefind[bin]`, which ships the
indexer binary): it reads the built pages marked `data-pagefind-body` (a text as it stands, each
distinct earlier version, each proposal set) and writes a chunked index under `pagefind/`, so a
search downloads only the pieces it needs, however large the corpus. No search server."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

from finalacts.corpus.findings import UsageError


def indexer() -> str:
    """The Pagefind binary that the `pagefind-bin` wheel (the `site` extra) carries beside its module."""
    spec = importlib.util.find_spec("pagefind_bin")
    found = [p for p in (Path(spec.origin).parent / n for n in ("pagefind_extended", "pagefind"))
             if p.is_file()] if spec and spec.origin else []
    if not found:
        raise UsageError(
            "the site's search index needs Pagefind: pip install 'finalacts[site]' "
            "(or build without search: --no-search)"
        ) from None
    return str(found[0])


def index_site(site: Path, timeout: float = 600) -> str:
    """Index the pages of `site`; returns Pagefind's summary line ("Indexed N pages …")."""
    cmd = [indexer(), "--site", str(site), "--keep-index-url", "--force-language", "en", "--quiet"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise UsageError(f"the search indexer did not finish within {timeout:.0f} s") from None
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise UsageError(f"the search indexer failed (exit {done.returncode}): {last[0]}")
    files = sum(1 for p in (site / "pagefind").rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return f"Pagefind index: {files} files, {size / 1e6:.1f} MB"
