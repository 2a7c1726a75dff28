"""The fuzz suite for as long as asked: `python tests/fuzz/run.py --budget 600 [--targets check,fmt]`.

Runs the targets of tests/hostile.py (check, fmt, fmt --renumber, the gate and the commit-msg hook,
import, verify-docx, ref names) in turn, in batches of fresh random inputs, until the budget (in
seconds) is spent; then prints how many inputs each target tried. On the first input that breaks an
invariant it prints that input and what broke, and exits 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

import hostile  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--budget", type=float, default=600, help="seconds to run (default 600)")
    ap.add_argument("--targets", default=",".join(hostile.TARGETS), help="comma-separated targets")
    ap.add_argument("--batch", type=int, default=20, help="inputs per target before moving to the next")
    ap.add_argument("--shrink", action="store_true", help="shrink a failing input (slow for large files)")
    args = ap.parse_args(argv)
    targets = [t for t in args.targets.split(",") if t]
    unknown = [t for t in targets if t not in hostile.TARGETS]
    if unknown:
        ap.error(f"unknown target(s) {', '.join(unknown)}; choose from {', '.join(hostile.TARGETS)}")

    counts = dict.fromkeys(targets, 0)
    spent = dict.fromkeys(targets, 0.0)
    phases = [Phase.explicit, Phase.generate] + ([Phase.shrink] if args.shrink else [])
    with tempfile.TemporaryDirectory(prefix="finalacts-fuzz-") as tmp:
        work = Path(tmp)
        print(f"preparing the gate's repository and a rendered .docx in {work} ...", flush=True)
        hostile.prepare(work)
        end = time.monotonic() + args.budget
        rounds = 0
        while time.monotonic() < end:
            rounds += 1
            for target in targets:
                if time.monotonic() >= end:
                    break
                strategy, run = hostile.TARGETS[target]

                start = time.monotonic()
                try:
                    _batch(strategy, run, target, counts, work, args.batch, phases)()
                except Exception as e:  # noqa: BLE001 - report the input and what broke
                    spent[target] += time.monotonic() - start
                    print(f"\n{target}: an input broke an invariant after {sum(counts.values())} inputs:\n",
                          file=sys.stderr)
                    print("".join(getattr(e, "__notes__", [])) or "", file=sys.stderr)
                    print(f"{type(e).__name__}: {str(e)[:6000]}", file=sys.stderr)
                    _report(counts, spent)
                    return 1
                spent[target] += time.monotonic() - start
            print(f"round {rounds}: {sum(counts.values())} inputs so far", flush=True)
    _report(counts, spent)
    return 0


def _batch(strategy, run, target: str, counts: dict[str, int], work: Path, n: int, phases):
    """A hypothesis test of `n` fresh inputs for one target."""
    @settings(max_examples=n, deadline=None, database=None, phases=phases, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def fuzz(case):
        counts[target] += 1
        run(case, work)
    return fuzz


def _report(counts: dict[str, int], spent: dict[str, float]) -> None:
    width = max(map(len, counts))
    for t, n in counts.items():
        print(f"  {t:<{width}}  {n:>7} inputs  {spent[t]:8.1f} s")
    print(f"  {'total':<{width}}  {sum(counts.values()):>7} inputs  {sum(spent.values()):8.1f} s")


if __name__ == "__main__":
    sys.exit(main())
