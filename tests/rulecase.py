"""Small resolution files for rule tests: write one in a tmp corpus, check it, find where things are."""

from __future__ import annotations

from pathlib import Path

from finalacts.checks import runner
from finalacts.corpus import yamlfile
from finalacts.corpus.findings import Finding

BODY_DIRS = {"PP": "pp", "WTDC": "wtdc", "WTSA": "wtsa", "RA": "ra"}


def items(*pairs, **kw) -> list[dict]:
    """Items from (num, text) pairs; a pair may carry a third element: its sub-items."""
    out = []
    for p in pairs:
        d = {"num": p[0], "text": p[1]} if p[0] is not None else {"text": p[1]}
        if len(p) > 2:
            d["items"] = p[2]
        out.append(d)
    return out


def write(root: Path, sections: list[dict], *, body: str = "PP", number: int | str = 140,
          adopted: list[str] | None = None, footnotes: dict | None = None, annexes: list | None = None,
          ignore: list[str] | None = None, text: str | None = None) -> Path:
    """A resolution file at root/resolutions/<body>/<number>.yaml in the canonical layout."""
    data = {"body": body, "number": number, "title": "A resolution for a rule test",
            "adopted": adopted if adopted is not None else ["PP-06", "PP-10", "PP-14"]}
    if ignore:
        data["ignore"] = ignore
    data["sections"] = sections
    if footnotes:
        data["footnotes"] = footnotes
    if annexes:
        data["annexes"] = annexes
    path = root / "resolutions" / BODY_DIRS[body] / f"{number}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else yamlfile.dump(data, "resolution"), encoding="utf-8")
    return path


def check(path: Path, rules_prefix: tuple[str, ...] = ()) -> list[Finding]:
    """Findings for one file (run from the corpus root), only of rules starting with a prefix if given."""
    root = path.parents[2]
    report = runner.run([path], root)
    return [f for f in report.findings if not rules_prefix or f.rule.startswith(rules_prefix)]


def where(path: Path, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, col) of the n-th occurrence of `needle` in the file (a space may be a folded line break)."""
    import re

    text = path.read_text(encoding="utf-8")
    rx = re.compile(r"\s+".join(map(re.escape, needle.split(" "))))
    i = -1
    for _ in range(occurrence):
        i = rx.search(text, i + 1).start()
    line = text.count("\n", 0, i) + 1
    return line, i - (text.rfind("\n", 0, i) + 1) + 1


def label_at(path: Path, label: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, col) of the value of the n-th `num: <label>` in the file."""
    line, col = where(path, f"num: {label}\n", occurrence) if f"num: {label}\n" in path.read_text() \
        else where(path, f'num: "{label}"', occurrence)
    return line, col + len("num: ")
