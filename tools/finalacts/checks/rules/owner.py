"""The members registry as `finalacts check` sees it: every id, prefix and key once, every id named
is registered. Who may change what on a branch is the gate's part (workflows/ownership.py).

The family and its rules, with their examples, are described in the catalog (corpus/catalog.py).
"""

from __future__ import annotations

from finalacts.corpus.catalog import family
from finalacts.corpus.findings import Finding
from finalacts.corpus.members import Members

RULES = family("owner")


def _key_id(key: str) -> str:
    """The part of a key that identifies it: type and base64 of an SSH key (not its comment), or the
    armoured block of an OpenPGP key without its line breaks."""
    if key.startswith("-----BEGIN"):
        return "".join(key.split())
    return " ".join(key.split()[:2])


def check(model, ctx):
    if not isinstance(model, Members):
        return
    path = model.path
    ids: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    keys: dict[str, str] = {}
    for m in model.members:
        at = m.at("id")
        if m.id in ids:
            yield Finding(path, at.line, at.col, "owner-duplicate", "error",
                          f"member {m.id} is listed twice", "merge the two entries")
        ids.setdefault(m.id, m.name)
        for p in m.prefixes:
            if p in prefixes and prefixes[p] != m.id:
                pp = m.at("prefixes")
                yield Finding(path, pp.line, pp.col, "owner-duplicate", "error",
                              f"prefix {p} is listed by {prefixes[p]} and by {m.id}",
                              "a proposal set has one submitter: keep the prefix under one member")
            prefixes.setdefault(p, m.id)
        for d in m.identities:
            for k in d.keys:
                kid = _key_id(k)
                if kid in keys and keys[kid] != d.email.lower():
                    kp = d.at("keys")
                    yield Finding(path, kp.line, kp.col, "owner-duplicate", "error",
                                  f"a key of {d.email} is also registered for {keys[kid]}",
                                  "give each person their own key")
                keys.setdefault(kid, d.email.lower())
    for m in model.members:
        for sub in m.members:
            if sub not in ids:
                at = m.at("members")
                yield Finding(path, at.line, at.col, "owner-unknown-member", "error",
                              f"{m.id} lists member {sub}, which the registry does not hold",
                              f"add a member with `id: {sub}`, or correct the id")
    for e in model.editions:
        if e not in ids:
            at = model.at("editions")
            yield Finding(path, at.line, at.col, "owner-unknown-member", "error",
                          f"editions names {e}, which the registry does not hold",
                          "name the secretariat's id")
