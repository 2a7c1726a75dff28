"""Benchmark (not a test): time and peak memory of `finalacts render` on large inputs.

  python benchmarks/bench_render.py [--pdf]

Builds, in a tmp dir, (1) a 25-proposal set like ACP/64A1 (25 MOD proposals, each a revision of a
text the size of Resolution 140) and (2) a synthetic edition of 500 resolutions, all revised, and
renders the proposal document and the Final Acts with `finalacts render` as a real process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE / "tests"))

from redline_fixtures import base_140, head_140, yaml_text  # noqa: E402


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def text_for(number: int, head: bool) -> str:
    base = base_140()
    base.number = number
    res = head_140(base) if head else base
    return yaml_text(res)


def timed(root, *args) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one `finalacts` process (and of what it ran and
    waited for, LibreOffice included: wait4 reports the largest of them)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "finalacts", *args], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    dt = time.perf_counter() - t
    if proc.returncode:
        raise SystemExit(err.decode())
    return dt, usage.ru_maxrss / 1024


def main() -> None:
    pdf = "--pdf" in sys.argv
    env = {"GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_NAME": "B",
           "GIT_COMMITTER_EMAIL": "b@x", "SOURCE_DATE_EPOCH": "1537444800"}
    os.environ.update(env)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "resolutions" / "pp").mkdir(parents=True)
        for n in range(1, 501):
            (root / "resolutions" / "pp" / f"{n}.yaml").write_text(text_for(n, False))
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "PP-14")
        git(root, "tag", "PP-14")
        for n in range(1, 501):
            (root / "resolutions" / "pp" / f"{n}.yaml").write_text(text_for(n, True))
        (root / "proposals" / "pp-18").mkdir(parents=True)
        props = "".join(f"  - number: {k}\n    action: MOD\n    target: pp/{k}\n    summary: Update text {k}.\n"
                        f"    reasons: To reflect the outcomes of WSIS+10.\n" for k in range(1, 26))
        (root / "proposals" / "pp-18" / "ACP-64A1.yaml").write_text(
            "id: ACP/64A1\nconference: PP-18\nbase: PP-14\nsubmitter: Asia-Pacific Telecommunity\n"
            f"proposals:\n{props}")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "PP-18")
        git(root, "tag", "PP-18")
        runs = [("25-proposal set, docx", ["render", "proposals/pp-18/ACP-64A1.yaml", "--head", "PP-18", "-o", "acp.docx"]),
                ("25-proposal set, html", ["render", "proposals/pp-18/ACP-64A1.yaml", "--head", "PP-18", "-o", "acp.html"]),
                ("verify-docx of the set", ["verify-docx", "acp.docx", "--old", "PP-14", "--new", "PP-18"]),
                ("Final Acts, 500 texts, docx", ["render", "--final-acts", "PP-18", "-o", "fa.docx"]),
                ("Final Acts, 500 texts, html", ["render", "--final-acts", "PP-18", "-o", "fa.html"])]
        if pdf:
            runs += [("25-proposal set, pdf", ["render", "proposals/pp-18/ACP-64A1.yaml", "--head", "PP-18", "-o", "acp.pdf"]),
                     ("Final Acts, 500 texts, pdf", ["render", "--final-acts", "PP-18", "-o", "fa.pdf"])]
        for name, args in runs:
            dt, mib = timed(root, *args)
            out = next((a for a in args if re.search(r"\.(docx|html|pdf)$", a) and args[0] == "render"), None)
            size = f", {(root / out).stat().st_size / 1e6:.1f} MB" if out else ""
            print(f"{name}: {dt:.1f} s, peak RSS {mib:.0f} MiB{size}")


if __name__ == "__main__":
    main()
