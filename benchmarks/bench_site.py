"""Build time and size of `finalacts site` for the demo repository and a synthetic corpus.

  python benchmarks/bench_site.py REPO [REPO …] [--pdf]

For each repository (a corpus in git, e.g. `finalacts demo DIR`, or `benchmarks/gen_corpus.py DIR -n 500
--git 300`), builds the site into a temporary folder as `finalacts site` does and prints the build
time, the number of pages and files, the total size, the largest page, the longest listing and the
search index's size (Pagefind: the part a search downloads is a few chunks, not the whole index).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(repo: Path, pdf: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "_site"
        t0 = time.monotonic()
        p = subprocess.run(
            [sys.executable, "-m", "finalacts", "site", "-o", str(out), "--pdf" if pdf else "--no-pdf"],
            cwd=repo,
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - t0
        if p.returncode != 0:
            raise SystemExit(f"{repo}: finalacts site failed: {p.stderr[-2000:]}")
        files = [f for f in out.rglob("*") if f.is_file()]
        pages = [f for f in files if f.suffix == ".html"]
        index = [f for f in files if "pagefind" in f.relative_to(out).parts]
        largest = max(pages, key=lambda f: f.stat().st_size)
        rows = max(
            (f.read_text(encoding="utf-8").count("<tr>"), f)
            for f in pages
            if f.relative_to(out).parts[0] in ("editions", "proposals") or len(f.relative_to(out).parts) <= 3
        )
        chunks = [f for f in index if f.suffix == ".pf_index"]
        return {
            "repo": repo,
            "seconds": seconds,
            "pages": len(pages),
            "files": len(files),
            "mb": sum(f.stat().st_size for f in files) / 1e6,
            "largest": f"{largest.relative_to(out)} ({largest.stat().st_size / 1e3:.0f} KB)",
            "listing": f"{rows[1].relative_to(out)} ({rows[0]} rows)",
            "index_mb": sum(f.stat().st_size for f in index) / 1e6,
            "chunk_kb": max((f.stat().st_size for f in chunks), default=0) / 1e3,
            "summary": re.sub(r"\s+", " ", p.stdout.strip()),
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repos", nargs="+", type=Path)
    ap.add_argument("--pdf", action="store_true", help="also render each proposal document as PDF (LibreOffice)")
    args = ap.parse_args()
    for repo in args.repos:
        m = measure(repo, args.pdf)
        print(
            f"{m['repo']}: {m['seconds']:.1f} s, {m['pages']} pages, {m['files']} files, {m['mb']:.1f} MB; "
            f"largest page {m['largest']}; longest listing {m['listing']}; search index {m['index_mb']:.1f} MB "
            f"(largest chunk {m['chunk_kb']:.0f} KB)"
        )


if __name__ == "__main__":
    main()
