"""Reporters turn findings into text; each is registered by name for `--format`."""

from __future__ import annotations

import json
import re
from typing import NamedTuple
from urllib.parse import quote

from finalacts import __version__
from finalacts.corpus import catalog
from finalacts.corpus.findings import Finding

# What a message may quote from a file but must not print as it is: C0 and C1 controls (ESC starts
# a terminal escape sequence, CR and LF start another line: a forged finding or workflow command),
# every other character Python or an editor reads as a line break, and the bidirectional overrides
# that make a line show other than what it holds.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    ch = m.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) <= 0xFF else f"\\u{ord(ch):04x}")


def clean(text: str) -> str:
    """`text` with every control character, line break and direction override written as an
    escape (ESC as \\x1b, a newline as \\n): one line, shown as it is, whatever a file holds."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def line(f: Finding) -> str:
    """`path:line:col: severity rule message (fix: hint)`, on one line whatever the file held."""
    fix = f" (fix: {f.hint})" if f.hint else ""
    # Escaping is character by character and the rule, severity and numbers never need it, so the
    # whole line is escaped at once: one search of it, not one of each part.
    return clean(f"{f.path}:{f.line}:{f.col}: {f.severity} {f.rule} {f.message}{fix}")


class Shown(NamedTuple):
    """One file's findings as the human format prints them: their lines (each ending in a line
    break, in UTF-8: written as they are), the number of each severity, and which (rule,
    severity) pairs they are, which is all an exit code depends on (`kinds`: "rule/severity"
    words, sorted). The check cache keeps it
    beside the findings, so that a run whose results are cached writes each file's lines as they
    are, without a finding made or formatted."""

    path: str
    lines: bytes = b""
    counts: tuple[int, int, int] = (0, 0, 0)  # errors, warnings, info
    kinds: str = ""


def shown(path: str, findings: list[Finding]) -> Shown:
    if not findings:
        return Shown(path)
    severities = [f.severity for f in findings]
    counts = (severities.count("error"), severities.count("warning"), severities.count("info"))
    return Shown(path, "".join([line(f) + "\n" for f in findings]).encode("utf-8"), counts,
                 " ".join(sorted({f"{f.rule}/{f.severity}" for f in findings})))


def kinds_of(words: set[str]) -> set[tuple[str, str]]:
    """The (rule, severity) pairs of Shown.kinds words."""
    return {tuple(w.rsplit("/", 1)) for w in words}


def human(findings: list[Finding], files: int) -> str:
    """One line per finding, then a summary."""
    return b"".join(human_lines(blocks(findings), files)).decode("utf-8").removesuffix("\n")


def human_lines(blocks, files: int):
    """The human format from Shown blocks, in UTF-8: their lines as they are, then the summary line."""
    errors = warnings = infos = 0
    bad: set[str] = set()
    for b in blocks:
        if b.lines:
            yield b.lines
            e, w, i = b.counts
            errors, warnings, infos = errors + e, warnings + w, infos + i
            bad.add(b.path)
    if bad:
        yield (_summary(files, errors, warnings, infos, len(bad)) + "\n").encode("utf-8")
    else:
        yield f"{files} file{'s' * (files != 1)} checked: no problems\n".encode("utf-8")


# JSON escapes C0 controls itself; these it would write as they are (the data stays exact either way).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def as_json(findings: list[Finding], files: int) -> str:
    return _json({"files": files, "findings": [f.to_dict() for f in findings]})


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s.replace(":", "%3A").replace(",", "%2C") if prop else s


def github(findings: list[Finding], files: int) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in findings:
        msg = clean(f"{f.message} (fix: {f.hint})" if f.hint else f.message)
        out.append(f"::{level.get(f.severity, 'error')} file={_gh_escape(clean(f.path), True)},line={f.line},"
                   f"col={f.col},title={_gh_escape(f.rule, True)}::{_gh_escape(msg)}")
    return "\n".join(out)


SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def sarif(findings: list[Finding], files: int) -> str:
    """SARIF 2.1.0, for code-scanning UIs that show findings inline on a pull request."""
    used = sorted({f.rule for f in findings})
    level = {"error": "error", "warning": "warning", "info": "note"}
    rules = []
    for rid in used:
        d = catalog.rule(rid)
        rule = {"id": rid, "shortDescription": {"text": (d.description if d and d.description else rid)[:1000]},
                "defaultConfiguration": {"level": level.get(d.severity if d else "error", "error")}}
        if d and (d.passing or d.failing):
            rule["help"] = {"text": "\n".join([f"passing: {x}" for x in d.passing]
                                               + [f"failing: {x}" for x in d.failing])}
        rules.append(rule)
    index = {rid: i for i, rid in enumerate(used)}
    results = []
    for f, print_ in zip(findings, fingerprints(findings)):
        text = f"{f.message} (fix: {f.hint})" if f.hint else f.message
        results.append({
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": level.get(f.severity, "error"),
            "message": {"text": text},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": quote(f.path.replace("\\", "/")), "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": max(f.line, 1), "startColumn": max(f.col, 1)}}}],
            "partialFingerprints": {"finalacts/v1": print_},
        })
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "finalacts", "version": __version__, "rules": rules}},
        "results": results,
        "properties": {"filesChecked": files},
    }]}
    return _json(log)


def fingerprints(findings: list[Finding]) -> list[str]:
    """A fingerprint per finding that stays put when lines move: the rule, the file and the message
    (which quotes what it is about), with a count for the same finding met again in one file."""
    import hashlib  # OpenSSL's: loading it costs more than printing a hook's findings

    seen: dict[str, int] = {}
    out = []
    for f in findings:
        key = "\0".join((f.rule, f.path.replace("\\", "/"), f.message))
        seen[key] = seen.get(key, 0) + 1
        out.append(hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32])
    return out


def codequality(findings: list[Finding], files: int) -> str:
    """A GitLab Code Quality report (the Code Climate subset GitLab reads), shown on merge requests."""
    severity = {"error": "major", "warning": "minor", "info": "info"}
    issues = [{
        "description": f"{f.message} (fix: {f.hint})" if f.hint else f.message,
        "check_name": f.rule,
        "fingerprint": print_,
        "severity": severity.get(f.severity, "major"),
        "location": {"path": f.path.replace("\\", "/"), "lines": {"begin": max(f.line, 1)}},
    } for f, print_ in zip(findings, fingerprints(findings))]
    return json.dumps(issues, ensure_ascii=False, indent=2)


REPORTERS = {"human": human, "json": as_json, "github": github, "sarif": sarif, "codequality": codequality}


def render(fmt: str, findings: list[Finding], files: int) -> str:
    return REPORTERS[fmt](findings, files)


def _summary(files: int, errors: int, warnings: int, infos: int, bad: int) -> str:
    """'28 files checked: 0 errors, 1 warning, 43 info in 15 files' (info only when there is some)."""
    info = f", {infos} info" if infos else ""
    return (f"{files} file{'s' * (files != 1)} checked: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}{info} in {bad} file{'s' * (bad != 1)}")


def _json_lines(findings, files: int):
    first = True
    for f in findings:
        # What json.dumps(..., indent=2) writes for the finding, without its pure-Python encoder
        # (slow, and it leaves reference cycles behind for every call).
        body = ",\n      ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in f.__dict__.items())
        opening = f'{{\n  "files": {files},\n  "findings": [\n    ' if first else ",\n    "
        yield opening + "{\n      " + body + "\n    }"
        first = False
    yield f'{{\n  "files": {files},\n  "findings": []\n}}' if first else "\n  ]\n}"


def _github_lines(findings, files: int):
    for f in findings:
        yield github([f], files)


# Reporters that can write findings as they come (the others are given them all at once).
_STREAMING = {"json": _json_lines, "github": _github_lines}


def blocks(findings):
    """Findings (as they come), as Shown blocks, one per run of findings in the same file."""
    held: list[Finding] = []
    for f in findings:
        if held and f.path != held[0].path:
            yield shown(held[0].path, held)
            held = []
        held.append(f)
    if held:
        yield shown(held[0].path, held)


def stream(fmt: str, findings, files: int):
    """The text `render` gives followed by a line break (none when it is empty), in pieces, reading
    the findings one at a time where the format allows (sarif lists the rules used first)."""
    if fmt == "json":
        yield from _json_lines(findings, files)
        yield "\n"
    elif fmt == "human":
        for piece in human_lines(blocks(findings), files):
            yield piece.decode("utf-8")
    elif fmt in _STREAMING:
        for piece in _STREAMING[fmt](findings, files):
            yield piece + "\n"
    else:
        text = render(fmt, list(findings), files)
        if text:
            yield text + "\n"
