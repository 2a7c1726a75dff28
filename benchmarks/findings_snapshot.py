"""Findings of `finalacts check` on several corpora, to hold a change to "same findings, byte for byte".

  python benchmarks/findings_snapshot.py write SNAPSHOT.json CORPUS...
  python benchmarks/findings_snapshot.py compare SNAPSHOT.json CORPUS...

Each CORPUS is a folder holding resolutions/ (the repository itself, or one made by
benchmarks/gen_corpus.py). `write` records the JSON output of an uncached check of each; `compare`
checks them again and exits 1, naming the first difference, when any output differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def findings(corpus: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "finalacts", "check", "--no-cache", "--format", "json"],
                          cwd=corpus, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{corpus}: check exited {proc.returncode}: {proc.stderr.strip()}")
    return proc.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("write", "compare"))
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("corpora", type=Path, nargs="+")
    args = ap.parse_args(argv)
    now = {str(c): findings(c) for c in args.corpora}
    if args.mode == "write":
        args.snapshot.write_text(json.dumps(now, ensure_ascii=False, indent=1), encoding="utf-8")
        for c, out in now.items():
            print(f"{c}: {len(json.loads(out)['findings'])} findings recorded")
        return 0
    before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    status = 0
    for c, out in now.items():
        if c not in before:
            print(f"{c}: not in the snapshot")
            status = 1
        elif before[c] != out:
            a, b = before[c].splitlines(), out.splitlines()
            k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            print(f"{c}: differs from line {k + 1}: {a[k] if k < len(a) else '(end)'!r} -> "
                  f"{b[k] if k < len(b) else '(end)'!r}")
            status = 1
        else:
            print(f"{c}: {len(json.loads(out)['findings'])} findings, the same")
    return status


if __name__ == "__main__":
    sys.exit(main())
