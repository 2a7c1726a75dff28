"""Forked worker processes for the commands that work file by file over a corpus (check, fmt)."""

from __future__ import annotations

import os

MIN_JOBS = 16  # fewer files than this are done in one process: starting workers costs more


def pool(jobs: int | None, count: int):
    """(a pool of forked workers, how many) for `count` files, `jobs` of them (default: every
    core); None where one process does: few files, one job, or no fork on this platform. The
    modules are imported only then: a one-file run never needs them."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or count < MIN_JOBS:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        mp = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=mp), jobs
