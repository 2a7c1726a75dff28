"""The package's shape: layers that only look down, no import cycle, git behind one wall, and
imports at the top of modules (the CLI alone defers what a command needs)."""

from __future__ import annotations

import ast
from pathlib import Path

import finalacts

PACKAGE = Path(finalacts.__file__).resolve().parent

# What each layer may import, besides itself. Data flows one way: files -> model -> checks/redline
# -> reporters/renderers; the CLI sits on top.
ALLOWED = {
    "corpus": set(),
    "language": {"corpus"},
    "git": {"corpus"},
    "checks": {"corpus", "language"},
    "redline": {"corpus", "language"},
    "render": {"corpus", "language", "redline", "git", "checks"},
    "provenance": {"corpus", "language", "redline", "git", "render", "checks"},
    "importer": {"corpus", "language", "render", "checks"},
    "workflows": {"corpus", "language", "checks", "git", "redline", "render", "provenance", "importer"},
    "publish": {"corpus", "language", "checks", "git", "redline", "render", "provenance"},
    "cli": {"corpus", "language", "checks", "git", "redline", "render", "provenance", "importer",
            "workflows", "publish"},
}
# Third-party modules slow to import: they may be imported where they are used, inside a function.
HEAVY = {"docx", "lxml", "jsonschema", "fastjsonschema", "git", "typer", "click", "_ruamel_yaml", "ruamel",
         "pypdf", "pdfplumber", "multiprocessing", "concurrent",
         # and of the standard library's, those a hook's command would load for nothing: hashlib
         # (OpenSSL, where Python's own BLAKE2b, _blake2, is tried first) and tomllib (pyproject.toml).
         "hashlib", "_blake2", "tomllib"}
# The internal imports deferred for the same reason, each to keep a hook's command from loading
# what it does not use (tests/test_hook_start.py holds them to it): the commit-msg hook reads YAML
# only where a proposal manifest is staged.
DEFERRED = {("workflows/hooks.py", "finalacts.corpus.yamlfile"), ("workflows/hooks.py", "finalacts.corpus.files")}


def modules() -> dict[str, Path]:
    out = {}
    for p in sorted(PACKAGE.rglob("*.py")):
        rel = p.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = p
    return out


MODULES = modules()


def imports(path: Path):
    """(imported finalacts module, at top level?, line) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            base = node.module
            for a in node.names:
                target = f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                yield target, id(node) in top, node.lineno, base
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield a.name, id(node) in top, node.lineno, a.name


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else None


def graph() -> dict[str, set[str]]:
    g: dict[str, set[str]] = {m: set() for m in MODULES}
    for m, path in MODULES.items():
        for target, _, _, _ in imports(path):
            if target in MODULES and target != m:
                g[m].add(target)
    return g


def test_no_import_cycle():
    g = graph()
    index, low, stack, on, sccs = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    assert not sccs, f"import cycles: {sccs}"


def test_layers_only_look_down():
    wrong = []
    for m, path in MODULES.items():
        mine = layer(m)
        if mine is None:
            continue
        for target, _, line, _ in imports(path):
            theirs = layer(target) if target.startswith("finalacts.") else None
            if theirs and theirs != mine and theirs not in ALLOWED[mine]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {mine} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_every_module_sits_in_a_layer():
    loose = [m for m in MODULES if m != "finalacts" and layer(m) is None and m != "finalacts.__main__"]
    assert not loose, loose


def test_only_the_git_wall_touches_git():
    wrong = []
    for m, path in MODULES.items():
        if m.startswith("finalacts.git"):
            continue
        src = path.read_text(encoding="utf-8")
        for target, _, line, base in imports(path):
            if base == "git" or base.startswith("git."):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: imports GitPython")
        if "subprocess" in src and '"git"' in src:
            wrong.append(f"{path.relative_to(PACKAGE)}: runs git in a subprocess")
    assert not wrong, "\n".join(wrong)


def test_internal_imports_at_the_top_except_in_the_cli():
    hidden = []
    for m, path in MODULES.items():
        if m.startswith("finalacts.cli"):
            continue
        for target, at_top, line, base in imports(path):
            if not at_top and target.startswith("finalacts") and \
                    (path.relative_to(PACKAGE).as_posix(), target) not in DEFERRED:
                hidden.append(f"{path.relative_to(PACKAGE)}:{line}: imports {target} inside a function")
            if not at_top and not target.startswith("finalacts") and base.split(".")[0] not in HEAVY:
                hidden.append(f"{path.relative_to(PACKAGE)}:{line}: defers {base}, which is not slow to import")
    assert not hidden, "\n".join(hidden)


def test_nothing_below_the_cli_prints_or_exits():
    wrong = []
    for m, path in MODULES.items():
        if m.startswith("finalacts.cli") or m == "finalacts.__main__":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f"{getattr(f.value, 'id', '')}.{f.attr}" \
                    if isinstance(f, ast.Attribute) else ""
                if name in ("print", "sys.exit", "exit", "quit", "os._exit"):
                    wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {name}()")
    assert not wrong, "\n".join(wrong)
