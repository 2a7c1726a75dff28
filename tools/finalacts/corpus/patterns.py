"""Regular expressions compiled when first used, not when their module is imported.

Python compiles a pattern in Python code, slowly: the rule families' hundred patterns cost more
at every start than a one-file check, and a run whose results all come from the cache uses none
of them. `lazy(pattern)` stands where `re.compile(pattern)` stood.
"""

from __future__ import annotations

import re

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class Lazy:
    """A pattern compiled at its first use. The compiled pattern's methods are then kept on the
    object itself, so that every later call goes straight to them."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):  # only called for what the object does not hold yet
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.groupindex, self.groups, self.flags = compiled.groupindex, compiled.groups, compiled.flags
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> Lazy:
    return Lazy(pattern, flags)
