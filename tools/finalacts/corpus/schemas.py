"""The JSON Schemas shipped in finalacts/corpus/data/ (copied to the repository's schemas/ for editors), and validation that reports every error with its position."""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from importlib import import_module
from pathlib import Path

from finalacts.corpus.findings import Finding
from finalacts.corpus.model import Pos

SCHEMA_FILES = {
    "resolution": "resolution.schema.json",
    "proposalset": "proposal.schema.json",
    "conferences": "conferences.schema.json",
    "texts": "texts.schema.json",
    "members": "members.schema.json",
    "translation": "translation.schema.json",
    "languages": "languages.schema.json",
}

try:  # hashlib's own blake2b, without hashlib's loading of OpenSSL
    from _blake2 import blake2b as _blake2b
except ImportError:  # a Python without the module
    from hashlib import blake2b as _blake2b

_TYPE_NAMES = {"string": "a string", "integer": "a whole number", "array": "a list", "object": "a mapping",
               "boolean": "true or false", "number": "a number", "null": "null"}


def schema_dir() -> Path:
    """The package's data folder. The package is always installed as files (setuptools, never a
    zip), so its path is enough: importlib.resources would cost every check's start 5-10 ms."""
    return Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    return json.loads((schema_dir() / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator(kind: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(kind))


def _gate_schema(kind: str) -> dict:
    """A copy of the schema as draft-07: fastjsonschema rewrites the references of what it is given."""
    return {**json.loads(json.dumps(schema(kind))), "$schema": "http://json-schema.org/draft-07/schema#"}


def _gate_digest(kind: str) -> str:
    """What a generated gate was made from. BLAKE2b, which Python carries itself: every check that
    reads a file asks this, and hashlib's SHA-256 would load OpenSSL for it (2-3 ms)."""
    return _blake2b(json.dumps(_gate_schema(kind), sort_keys=True).encode(), digest_size=10).hexdigest()


@lru_cache(maxsize=None)
def fast_gate(kind: str):
    """A compiled yes/no validator for the common case of a valid file.

    jsonschema stays the authority for what is reported; this only answers "valid?" about 50x
    faster. Our schemas use only keywords that draft-07 and 2020-12 define identically (and
    `$defs` is reached through plain JSON pointers), so both give the same answer; a test holds
    them to it.

    The validator is fastjsonschema's code for the schema, generated ahead into finalacts/corpus/gates/
    (`python -m finalacts.corpus.schemas`): generating and compiling it costs more at every start
    than checking a file. Code generated from another version of a schema is not used.
    """
    try:
        gate = import_module(f"{__package__}.gates.{kind}")
    except ImportError:
        gate = None
    if gate is not None and gate.SCHEMA_DIGEST == _gate_digest(kind):
        return gate.validate
    import fastjsonschema

    return fastjsonschema.compile(_gate_schema(kind))


def gate_source(kind: str) -> str:
    """The module of finalacts/corpus/gates/ for `kind`."""
    import fastjsonschema

    name = fastjsonschema.compile(_gate_schema(kind)).__name__
    return (f'"""fastjsonschema\'s validator for {SCHEMA_FILES[kind]}, made by `python -m finalacts.corpus.schemas`:\n'
            'do not edit (see schemas.fast_gate)."""\n# ruff: noqa\n'
            + _unnamed(fastjsonschema.compile_to_code(_gate_schema(kind))).rstrip("\n")
            + f"\n\n\nSCHEMA_DIGEST = {_gate_digest(kind)!r}\nvalidate = {name}\n")


# A call of a sub-validator, with the name of the value it validates as its last argument.
_NAMED_CALL = re.compile(r'(\n\s+validate_\w+\(\w+, custom_formats), \(name_prefix or "data"\) \+ "[^"\n]*"'
                         r'(?:\.format\(\*\*locals\(\)\))?\)\n')


def _unnamed(code: str) -> str:
    """fastjsonschema's code, less the names it builds for every value it descends into (a
    locals() and a format per item of a valid file): a gate only says yes or no, and what is
    reported comes from jsonschema."""
    return _NAMED_CALL.sub(r"\1)\n", code)


def write_gates() -> None:
    """Write finalacts/corpus/gates/ anew from the schemas."""
    folder = Path(__file__).resolve().parent / "gates"
    for kind in SCHEMA_FILES:
        (folder / f"{kind}.py").write_text(gate_source(kind), encoding="utf-8")


def is_valid(kind: str, data) -> bool:
    from fastjsonschema import JsonSchemaException

    try:
        fast_gate(kind)(data)
    except JsonSchemaException:
        return False
    return True


def _describe(v) -> str:
    if isinstance(v, bool):
        return f"boolean {str(v).lower()}"
    if isinstance(v, int):
        return f"integer {v}"
    if isinstance(v, float):
        return f"number {v}"
    if isinstance(v, str):
        return f"string {v!r}" if len(v) < 40 else "a string"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a mapping"
    return "null"


def _where(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "top level"


def validate(kind: str, data, positions: dict[tuple, Pos], key_positions: dict[tuple, Pos],
             path: str) -> list[Finding]:
    """Every schema error in `data`, each at the position of the value (or key) it concerns."""
    if is_valid(kind, data):
        return []
    errors = list(validator(kind).iter_errors(data))
    # A misspelt key also makes its correct spelling "missing"; report the misspelling only.
    suggested: dict[tuple, set[str]] = {}
    for err in errors:
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = list(err.schema.get("properties", {}))
            for key in err.instance:
                if key not in allowed:
                    suggested.setdefault(tuple(err.absolute_path), set()).update(
                        difflib.get_close_matches(key, allowed, n=1, cutoff=0.6))
    out: list[Finding] = []
    for err in errors:
        fixes = suggested.get(tuple(err.absolute_path), set())
        if fixes and err.validator in ("required", "anyOf", "oneOf"):
            continue
        out.extend(_findings(err, positions, key_positions, path))
    return sorted(set(out))


def _findings(err, positions, key_positions, path):
    loc = tuple(err.absolute_path)
    pos = positions.get(loc, Pos(1, 1))
    where = _where(loc)
    kw = err.validator
    inst = err.instance
    if kw == "additionalProperties" and isinstance(inst, dict):
        allowed = list(err.schema.get("properties", {}))
        for key in inst:
            if key in allowed:
                continue
            kp = key_positions.get(loc + (key,), pos)
            near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else f"allowed here: {', '.join(allowed)}"
            yield Finding(path, kp.line, kp.col, "schema-unknown-key", "error",
                          f"unknown key '{key}' in {where}", hint)
        return
    if kw == "required":
        missing = [k for k in err.validator_value if k not in inst]
        for k in missing:
            yield Finding(path, pos.line, pos.col, "schema-required", "error",
                          f"{where} lacks required key '{k}'", f"add `{k}:`")
        return
    if kw in ("anyOf", "oneOf") and isinstance(inst, dict):
        options = [sorted(s.get("required", [])) for s in err.validator_value]
        names = " or ".join("/".join(o) for o in options if o)
        yield Finding(path, pos.line, pos.col, "schema-required", "error",
                      f"{where} needs one of: {names}", f"add one of {names}")
        return
    if kw == "type":
        want = err.validator_value
        want = [want] if isinstance(want, str) else want
        wanted = " or ".join(_TYPE_NAMES.get(w, w) for w in want)
        hint = f'quote it: "{inst}"' if want == ["string"] and isinstance(inst, (int, float, bool)) else \
            f"write {wanted} here"
        yield Finding(path, pos.line, pos.col, "schema-type", "error",
                      f"{where} must be {wanted}, not {_describe(inst)}", hint)
        return
    if kw == "enum":
        near = difflib.get_close_matches(str(inst), [str(x) for x in err.validator_value], n=1)
        hint = f"did you mean '{near[0]}'?" if near else "one of: " + ", ".join(map(str, err.validator_value))
        yield Finding(path, pos.line, pos.col, "schema-value", "error",
                      f"{where}: {_describe(inst)} is not one of {', '.join(map(str, err.validator_value))}", hint)
        return
    if kw == "pattern" and isinstance(inst, str) and loc + (inst,) in key_positions:
        kp = key_positions[loc + (inst,)]
        yield Finding(path, kp.line, kp.col, "schema-value", "error",
                      f"{where}: key {inst!r} does not match {err.validator_value}", "rename the key")
        return
    desc = err.schema.get("description", "")
    hint = desc.split(". ")[0] if desc else ""
    yield Finding(path, pos.line, pos.col, "schema-value", "error", f"{where}: {err.message}", hint)


if __name__ == "__main__":
    write_gates()
