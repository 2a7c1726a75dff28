"""Reporters turn findings into text; each is registered by name for `--format`."""

from __future__ import annotations

import json

from .findings import Finding


def human(findings: list[Finding], files: int) -> str:
    """`path:line:col: severity rule message (fix: hint)`, one per line, then a summary."""
    lines = []
    for f in findings:
        fix = f" (fix: {f.hint})" if f.hint else ""
        lines.append(f"{f.path}:{f.line}:{f.col}: {f.severity} {f.rule} {f.message}{fix}")
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    bad = len({f.path for f in findings})
    if findings:
        lines.append(f"{files} file{'s' * (files != 1)} checked: {errors} error{'s' * (errors != 1)}, "
                     f"{warnings} warning{'s' * (warnings != 1)} in {bad} file{'s' * (bad != 1)}")
    else:
        lines.append(f"{files} file{'s' * (files != 1)} checked: no problems")
    return "\n".join(lines)


def as_json(findings: list[Finding], files: int) -> str:
    return json.dumps({"files": files, "findings": [f.to_dict() for f in findings]},
                      ensure_ascii=False, indent=2)


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s.replace(":", "%3A").replace(",", "%2C") if prop else s


def github(findings: list[Finding], files: int) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in findings:
        msg = f"{f.message} (fix: {f.hint})" if f.hint else f.message
        out.append(f"::{level.get(f.severity, 'error')} file={_gh_escape(f.path, True)},line={f.line},"
                   f"col={f.col},title={_gh_escape(f.rule, True)}::{_gh_escape(msg)}")
    return "\n".join(out)


REPORTERS = {"human": human, "json": as_json, "github": github}


def render(fmt: str, findings: list[Finding], files: int) -> str:
    return REPORTERS[fmt](findings, files)
