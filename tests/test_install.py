"""finalacts as a user installs it: a wheel built from a clone, in a fresh, non-editable virtualenv,
and the published hooks that pre-commit fetches from a repository.

The rest of the suite runs the editable install of this clone, which reads every file in place and
so cannot see what a wheel leaves out. Here one wheel is built per session (`python -m build`: an
sdist, then the wheel from it, as a release is made) from a git copy of this work tree, installed
into one fresh virtualenv, and every command runs from that virtualenv as a real process, outside
the clone. pre-commit then installs the hooks from the same git copy, as a corpus repository's
`.pre-commit-config.yaml` names them (its own `pip install .` of the clone).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from finalacts import __version__ as VERSION
from finalacts.workflows.demo import redline_fidelity as demo_fidelity
from finalacts.workflows.demo import repository as demo
from gitcorpus import IDENTITY, res

REPO = Path(__file__).resolve().parents[1]
SET_ID, BRANCH, MANIFEST = "TST/1", "proposals/pp-18/TST-1", "proposals/pp-18/TST-1.yaml"
SUBMITTER = "Test Administration"


# ---------------------------------------------------------------- the two schema copies (no install needed)


def test_the_editors_schemas_are_the_packaged_schemas_byte_for_byte():
    top = {p.name: p.read_bytes() for p in (REPO / "schemas").iterdir() if p.is_file()}
    packaged = {p.name: p.read_bytes() for p in (REPO / "tools/finalacts/corpus/data").iterdir() if p.is_file()}
    assert sorted(top) == sorted(packaged)
    assert [n for n in top if top[n] != packaged[n]] == [], "copy the changed schema to both folders"
    assert {"resolution.schema.json", "proposal.schema.json", "conferences.yaml"} <= set(top)


def test_git_holds_the_example_corpus_once():
    """The wheel's finalacts/examples/ is made at build time; the package folder holds code and schemas only."""
    tracked = subprocess.run(["git", "ls-files", "tools"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.split()
    assert tracked
    assert [p for p in tracked if not (p.endswith(".py") or p.startswith("tools/finalacts/corpus/data/"))] == []


# ---------------------------------------------------------------- one wheel, one virtualenv per session


def _run(cmd, cwd: Path, env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess:
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if ok:
        assert r.returncode == 0, (cmd, r.stdout[-3000:], r.stderr[-3000:])
    return r


@pytest.fixture(scope="session")
def base(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("install")


@pytest.fixture(scope="session")
def env(base) -> dict[str, str]:
    """The environment of a user's shell: no virtualenv active, this suite's own one off PATH, git
    identity from the environment and no global or system git configuration."""
    ours = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k not in (
        "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "GITHUB_ACTIONS", "PRE_COMMIT_HOME", "FINALACTS_NO_CACHE")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p and p != ours)
    (base / "gitconfig").write_text("", encoding="utf-8")
    env.update(IDENTITY, GIT_CONFIG_GLOBAL=str(base / "gitconfig"))
    return env


@pytest.fixture(scope="session")
def clone(base, env) -> Path:
    """A git repository holding this work tree as it is now (uncommitted edits included): the
    source of the wheel and the repository pre-commit fetches the hooks from."""
    dest = base / "finalacts-clone"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for rel in filter(None, listed):
        src = REPO / rel
        if src.is_file():  # a tracked file deleted in the work tree is not part of it
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    _run(["git", "init", "-q", "-b", "main"], dest, env)
    _run(["git", "add", "-A"], dest, env)
    _run(["git", "commit", "-q", "--no-verify", "-m", "finalacts as tested"], dest, env)
    return dest


@pytest.fixture(scope="session")
def dist(base, clone, env) -> Path:
    """`python -m build` of the clone: the sdist, then the wheel built from the sdist."""
    out = base / "dist"
    _run([sys.executable, "-m", "build", "--outdir", out, clone], base, env)
    return out


@pytest.fixture(scope="session")
def wheel(dist) -> Path:
    (found,) = dist.glob("*.whl")
    return found


@pytest.fixture(scope="session")
def venv(base, wheel, env) -> Path:
    """A fresh virtualenv with the wheel installed (not editable); its dependencies from the index."""
    v = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", v], base, env)
    # This suite's pip installs into the new interpreter (pip --python), which saves seeding a pip there.
    _run([sys.executable, "-m", "pip", "--python", v / "bin/python", "install", "-q", "--no-input", wheel], base, env)
    return v


@pytest.fixture(scope="session")
def user(venv, env) -> dict[str, str]:
    """The environment with the fresh virtualenv activated."""
    return {**env, "VIRTUAL_ENV": str(venv), "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}"}


@pytest.fixture(scope="session")
def scratch(base, user, venv) -> Path:
    """A corpus repository made from the shipped corpus with the installed finalacts: the editions
    tagged, and a proposal branch (MOD pp/140) with one edit committed under its Proposal trailer."""
    root = base / "corpus"
    for d in ("resolutions", "proposals"):
        shutil.copytree(REPO / d, root / d)
    (root / ".gitignore").write_text(".finalacts-cache/\n", encoding="utf-8")
    fa = venv / "bin/finalacts"
    # The texts adopted after the three editions (the whole Dubai, 2018 texts) are no text of them:
    # committed after the tags, as the demo leaves them out of its editions.
    later = {rel: (root / rel).read_bytes() for rel in demo.later_texts(REPO)}
    for rel in later:
        (root / rel).unlink()
    _run(["git", "init", "-q", "-b", "main"], root, user)
    _run(["git", "add", "-A"], root, user)
    _run(["git", "commit", "-q", "-m", "The texts in force"], root, user)
    # One commit holds every edition's texts, and the shipped texts keep their real defects: the
    # editions are published with them, saying so (check --edition rejects them otherwise).
    for edition in ("PP-14", "WTDC-17", "WTSA-20"):
        assert _run([fa, "edition", "tag", edition, "--known-defects", "the example corpus in one commit"],
                    root, user).stdout.startswith(f"tagged {edition} ")
    for rel, data in later.items():
        (root / rel).write_bytes(data)
    _run(["git", "add", "-A"], root, user)
    _run(["git", "commit", "-q", "-m", "Texts of the Final Acts (Dubai, 2018)"], root, user)
    _run([fa, "proposal", "new", SET_ID, "--conference", "PP-18", "--base", "PP-14", "--submitter", SUBMITTER,
          "--symbol", "Document 1-E", "--language", "English"],
         root, user)
    _run([fa, "proposal", "add", "MOD", "pp/140", "--reasons", "To follow the review."], root, user)
    p = root / "resolutions/pp/140.yaml"
    text = p.read_text(encoding="utf-8")
    assert "the need to carefully deploy the Union's" in text
    p.write_text(text.replace("the need to carefully deploy the Union's", "the need to deploy prudently the Union's"),
                 encoding="utf-8")
    _run(["git", "add", "-A"], root, user)
    _run(["git", "commit", "-q", "-m", f"Deploy resources prudently\n\nProposal: {SET_ID}/1"], root, user)
    return root


# ---------------------------------------------------------------- what the wheel holds


@pytest.mark.install
def test_the_wheel_holds_the_schemas_and_carries_its_version(wheel):
    assert wheel.name == f"finalacts-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        data = REPO / "tools/finalacts/corpus/data"
        for p in (p for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            rel = p.relative_to(data).as_posix()
            assert z.read(f"finalacts/corpus/data/{rel}") == p.read_bytes(), rel
        meta = z.read(f"finalacts-{VERSION}.dist-info/METADATA").decode("utf-8")
    assert f"\nVersion: {VERSION}\n" in meta
    assert {"finalacts/corpus/gates/resolution.py", "finalacts/cli/__init__.py", "finalacts/__main__.py"} <= names
    assert not [n for n in names if n.startswith(("tests/", "schemas/", "resolutions/", "benchmarks/"))]


def _demo_reads() -> set[str]:
    """What `finalacts demo` reads from its source_root(), from the demo's own lists and manifests."""
    reads = {demo_fidelity.FIDELITY_SEED, *demo.SETS}
    for _, folder, _ in demo.EDITIONS:
        reads |= {p.relative_to(REPO).as_posix() for p in (REPO / "resolutions" / folder).glob("*.yaml")}
    for manifest in demo.SETS:
        data = YAML(typ="safe").load((REPO / manifest).read_text(encoding="utf-8"))
        slug = data["id"].replace("/", "-")
        reads |= {f"examples/proposed/{slug}/resolutions/{p['target']}.yaml" for p in data["proposals"]
                  if p["action"] in ("MOD", "(MOD)", "ADD")}
    # The texts as the conference adopted them, where it modified a proposal.
    reads |= {p.relative_to(REPO).as_posix() for p in (REPO / "examples" / "adopted").rglob("*.yaml")}
    return reads


@pytest.mark.install
def test_the_wheel_carries_exactly_what_the_demo_reads(wheel):
    prefix = "finalacts/examples/"
    with zipfile.ZipFile(wheel) as z:
        bundled = {n[len(prefix):]: z.read(n) for n in z.namelist() if n.startswith(prefix) and not n.endswith("/")}
    assert sorted(bundled) == sorted(_demo_reads())
    assert [rel for rel, data in bundled.items() if data != (REPO / rel).read_bytes()] == []


# ---------------------------------------------------------------- the installed command line


@pytest.mark.install
def test_the_installed_package_is_the_wheel_not_the_clone(venv, user, base):
    r = _run([venv / "bin/python", "-c", "import finalacts; print(finalacts.__file__)"], base, user)
    where = Path(r.stdout.strip())
    assert where.is_relative_to(venv) and not where.is_relative_to(REPO), where
    direct = next((venv / "lib").glob("python3*/site-packages/finalacts-*.dist-info/direct_url.json"))
    assert json.loads(direct.read_text())["url"].endswith(".whl")


@pytest.mark.install
def test_version_python_m_and_shell_completion(venv, user, base):
    fa = venv / "bin/finalacts"
    assert _run([fa, "--version"], base, user).stdout == f"finalacts {VERSION}\n"
    assert _run([venv / "bin/python", "-m", "finalacts", "--version"], base, user).stdout == f"finalacts {VERSION}\n"
    helped = _run([fa, "--help"], base, {**user, "COLUMNS": "120"}).stdout
    assert "--version" in helped and "--install-completion" in helped and "--show-completion" in helped
    # The script `--install-completion` writes for bash, asked for by name: `--show-completion` itself
    # guesses the shell from the parent processes, which a CI runner does not always have.
    script = _run([fa], base, {**user, "_FINALACTS_COMPLETE": "source_bash"}).stdout
    assert "_FINALACTS_COMPLETE=complete_bash" in script
    assert "complete -o default -F _finalacts_completion finalacts" in script
    # What bash runs on <TAB> after `finalacts proposal `: the script's own call, answered by finalacts.
    r = _run([fa], base, {**user, "_FINALACTS_COMPLETE": "complete_bash", "COMP_WORDS": "finalacts proposal ",
                          "COMP_CWORD": "2"})
    assert r.stdout.split() == ["new", "add", "check", "support", "outcome", "rebase"]


@pytest.mark.install
def test_check_from_the_wheel_finds_what_the_clone_finds(venv, user, scratch):
    r = _run([venv / "bin/finalacts", "check", "--no-cache"], scratch, user, ok=False)
    assert r.returncode in (0, 1) and r.stderr == "", r.stderr
    # The registry of texts in force ships in the wheel: a cited text it knows is "not held", not missing.
    assert re.search(r"^resolutions/wtsa/75\.yaml:\d+:\d+: info citation-not-held ", r.stdout, re.M)
    assert "citation-missing" not in r.stdout
    clone = _run([sys.executable, "-m", "finalacts", "check", "--no-cache"], scratch,
                 {**user, "PATH": os.environ["PATH"]}, ok=False)
    assert clone.returncode == r.returncode and r.stdout == clone.stdout


@pytest.mark.install
def test_proposal_check_render_and_proof_from_the_wheel(venv, user, scratch, tmp_path):
    fa = venv / "bin/finalacts"
    r = _run([fa, "proposal", "check"], scratch, user)
    assert r.stdout.strip() == "1 file checked: no problems"
    docx = tmp_path / "TST-1.docx"
    r = _run([fa, "render", MANIFEST, "--head", BRANCH, "-o", docx], scratch, user)
    assert r.stdout == "" and r.stderr == f"wrote {docx} ({SET_ID}: 1 proposal, PP-14 -> {BRANCH})\n"
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode("utf-8")
    for change in ("w:del", "w:ins"):  # tracked changes, authored by the submitter
        assert re.search(rf'<{change} [^>]*w:author="{SUBMITTER}"', body), change
    r = _run([fa, "verify-docx", docx, "--old", "PP-14", "--new", BRANCH], scratch, user)
    assert r.stdout == f"{docx}: accept-all matches {BRANCH}, reject-all matches PP-14\n"


@pytest.mark.install
def test_an_error_from_the_wheel_is_one_line_and_exit_2(venv, user, scratch, tmp_path):
    r = _run([venv / "bin/finalacts", "render", "pp/999", "--base", "PP-14", "--head", "HEAD", "-o",
              tmp_path / "x.docx"], scratch, user, ok=False)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == "finalacts: resolutions/pp/999.yaml exists neither at 'PP-14' nor at 'HEAD'\n"


@pytest.mark.install
def test_the_demo_runs_from_the_wheel_outside_any_clone(venv, user, base):
    folder = base / "demo"
    r = _run([venv / "bin/finalacts", "demo", folder], base, user)
    assert r.stderr == ""
    first = r.stdout.splitlines()[0]
    bundled = next((venv / "lib").glob("python3*/site-packages/finalacts/examples"))
    assert first == f"finalacts demo: a fresh repository in {folder}, built from the example corpus in {bundled}"
    assert re.search(r"matches the human editor's annex at 0\.9\d\d", r.stdout), "the seed is bundled too"
    # Four proposal documents and the Final Acts of PP-18 proved (China's text adopted as modified).
    assert r.stdout.count("proof holds") == 5 and "PROOF FAILS" not in r.stdout
    assert "refused" not in r.stdout and "Final Acts PP-18 (since PP-14)" in r.stdout
    tags = _run(["git", "tag"], folder, user).stdout.split()
    assert tags == ["PP-14", "PP-18", "WTDC-17", "WTSA-20"]


@pytest.mark.install
def test_a_copy_without_the_example_corpus_says_so_in_one_line(venv, user, base):
    bundled = next((venv / "lib").glob("python3*/site-packages/finalacts/examples"))
    hidden = bundled.with_name("examples-hidden")
    bundled.rename(hidden)
    try:
        r = _run([venv / "bin/finalacts", "demo", base / "no-demo"], base, user, ok=False)
    finally:
        hidden.rename(bundled)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("finalacts: this copy of finalacts has no example corpus (finalacts/examples/);")
    assert r.stderr.count("\n") == 1 and not (base / "no-demo").exists()


# ---------------------------------------------------------------- the published hooks, fetched by pre-commit


def _commit(root: Path, message: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`git commit` as a person runs it, the installed hooks with it (their output merged, as a terminal shows)."""
    return subprocess.run(["git", "commit", "-m", message], cwd=root, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=600)


def _head(root: Path, env) -> str:
    return _run(["git", "rev-parse", "HEAD"], root, env).stdout.strip()


@pytest.mark.install
def test_published_hooks_from_a_repository_accept_a_good_commit_and_refuse_bad_ones(clone, scratch, venv, env, user,
                                                                                    base):
    root = base / "hooked"
    shutil.copytree(scratch, root, symlinks=True)
    rev = _run(["git", "rev-parse", "HEAD"], clone, env).stdout.strip()
    hooks = ", ".join(f"{{id: {h}}}" for h in ("finalacts-fmt", "finalacts-check", "finalacts-commit-msg"))
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone}\n    rev: {rev}\n    hooks: [{hooks}]\n", encoding="utf-8")
    # pre-commit as the suite has it; the hooks run from the environment it builds from the clone at `rev`.
    hooked = {**env, "PRE_COMMIT_HOME": str(base / "pre-commit-home")}
    _run(["git", "add", ".pre-commit-config.yaml"], root, hooked)
    _run(["git", "commit", "-q", "-m", "Check every commit with the finalacts hooks"], root, hooked)
    _run([sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-commit", "--hook-type", "commit-msg"],
         root, hooked)

    # Good: a new clean text, with its proposal named.
    _run([venv / "bin/finalacts", "proposal", "add", "ADD", "pp", "--placeholder", "TST-1"], root, user)
    new = root / "resolutions/pp/TST-1.yaml"
    new.write_text(res("TST-1", "Prudent use of resources", [], "to deploy resources prudently."),
                   encoding="utf-8")
    _run(["git", "add", "-A"], root, hooked)
    before = _head(root, hooked)
    r = _commit(root, f"A new text on resources\n\nProposal: {SET_ID}/2", hooked)
    assert r.returncode == 0, r.stdout
    for name in ("finalacts fmt", "finalacts check", "finalacts commit-msg"):
        assert re.search(rf"^{name} .*Passed$", r.stdout, re.M), (name, r.stdout)
    assert _head(root, hooked) != before

    # Bad: a text that breaks the schema, refused by `finalacts check` with where and why.
    before = _head(root, hooked)
    new.write_text(new.read_text(encoding="utf-8").replace("adopted:", "adoptd:"), encoding="utf-8")
    _run(["git", "add", "-A"], root, hooked)
    r = _commit(root, f"Break the text\n\nProposal: {SET_ID}/2", hooked)
    assert r.returncode != 0 and _head(root, hooked) == before
    assert re.search(r"^finalacts check .*Failed$", r.stdout, re.M), r.stdout
    assert re.search(r"^resolutions/pp/TST-1\.yaml:\d+:\d+: error ", r.stdout, re.M), r.stdout

    # Bad: a clean change that names no proposal, refused by the commit-msg hook.
    new.write_text(res("TST-1", "Prudent use of resources", [], "to deploy resources most prudently."),
                   encoding="utf-8")
    _run(["git", "add", "-A"], root, hooked)
    r = _commit(root, "Reword the text", hooked)
    assert r.returncode != 0 and _head(root, hooked) == before
    assert re.search(r"^finalacts commit-msg .*Failed$", r.stdout, re.M) and "names no proposal" in r.stdout
