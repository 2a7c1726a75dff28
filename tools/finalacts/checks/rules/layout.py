"""Rules about where a file sits in the corpus.

The family and its rules, with their examples, are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

import shlex
from pathlib import PurePath

from finalacts.corpus.catalog import family
from finalacts.corpus.findings import Finding
from finalacts.corpus.model import Resolution

RULES = family("layout")


def check(model, ctx):
    if not isinstance(model, Resolution) or "resolutions" not in PurePath(model.path).parts:
        return
    body = ctx.registry.bodies.get(model.body)
    if body is None:
        return
    parts = PurePath(model.path).parts
    folder = parts[-2] if len(parts) >= 2 else ""
    want_stem = model.stem
    expected = f"resolutions/{body.dir}/{want_stem}.yaml"
    if folder != body.dir or PurePath(model.path).stem != want_stem:
        p = model.at("number")
        what = "" if model.kind == "resolution" else f" {model.kind}"
        yield Finding(model.path, p.line, p.col, "layout-path", "error",
                      f"body {model.body}{what} number {model.number} belongs at {expected}",
                      f"{shlex.join(['git', 'mv', model.path, expected])} (or correct body/number)")
