"""Characters no conference document can hold, which `check` refuses and every renderer would.

XML 1.0 (and so .docx and HTML) cannot hold C0 controls other than tab, newline and carriage
return, nor lone surrogates or U+FFFE/U+FFFF. libyaml refuses them written as they are, but a
double-quoted escape (`\\a`, `\\e`, `\\x07`, `\\uFFFE`) still produces them.
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def first_forbidden(text: str | None) -> int | None:
    """Offset of the first character of `text` no document can hold, or None."""
    m = FORBIDDEN.search(text or "")
    return m.start() if m else None
