"""The demo repository: the example corpus committed and tagged as editions, with fixed identities
and dates, and one branch per proposal set with one commit per proposal."""


from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from finalacts.corpus import layout, yamlfile
from finalacts.corpus.findings import UsageError
from finalacts.git import Identity, Repository
from finalacts.workflows import editions

MARKER = ".finalacts-demo"  # written into a demo folder so that --force knows it may remove it
OUT = "out"
# Invented, stable identities: the .invalid domain can never be a real address.
SECRETARIAT = ("Conference Secretariat", "secretariat@editions.invalid")
EDITIONS = (  # (conference, body folder, tag message): committed and tagged in this order on main
    ("PP-14", "pp", "Final Acts of the Plenipotentiary Conference (Busan, 2014)"),
    ("WTDC-17", "wtdc", "Resolutions of the World Telecommunication Development Conference (Buenos Aires, 2017)"),
    ("WTSA-20", "wtsa", "Resolutions of the World Telecommunication Standardization Assembly (Geneva, 2022)"),
)
# Manifests of the shipped corpus, in the order their branches are made.
SETS = ("proposals/pp-18/ACP-64A1.yaml", "proposals/pp-18/CHN-140.yaml",
        "proposals/wtdc-21/WTDC-30.yaml", "proposals/wtsa-24/WTSA-75.yaml")
ADOPT = ("PP-18", ("ACP/64A1", "CHN/140"))
EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)



# ---------------------------------------------------------------- where the example corpus is


def source_root() -> Path:
    """The folder that holds the example corpus: the copy a wheel carries (finalacts/examples/, laid out
    as in the repository; setup.py makes it), else the package's own clone (an editable install)."""
    package = Path(__file__).resolve().parents[2]
    for cand in (package / "examples", package.parents[1], Path.cwd()):
        if all((cand / d).is_dir() for d in ("resolutions", "proposals", "examples/proposed")):
            return cand
    raise UsageError("this copy of finalacts has no example corpus (finalacts/examples/); install it from a "
                     "wheel built with `pip install .` in a clone of the project, or run the demo from that clone")


# ---------------------------------------------------------------- the folder


def prepare(dest: Path, force: bool) -> Path:
    """An empty folder for the demo; UsageError for a non-empty one unless it is a previous demo and `force`."""
    dest = Path(dest).absolute()
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()):
        if not force:
            raise UsageError(f"{dest} exists and is not empty; choose another folder, or pass --force to "
                             "replace a previous demo")
        if not (dest / MARKER).is_file():
            raise UsageError(f"{dest} is not a previous demo (it has no {MARKER} file); refusing to remove it")
        shutil.rmtree(dest)
    dest.mkdir(parents=True, exist_ok=True)
    return dest


# ---------------------------------------------------------------- git with fixed identities and dates


class _Clock:
    """Fixed, increasing timestamps: one minute per commit, so every run gives the same commits."""

    def __init__(self):
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return (EPOCH + timedelta(minutes=self.n)).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _commit(repo: Repository, message: str, who: tuple[str, str], when: str) -> str:
    return repo.commit_all(message, Identity(*who, when))  # the marker and out/ are excluded


def _init(dest: Path) -> Repository:
    # The user's own settings must not sign, hook or rename anything in the demo repository.
    repo = Repository.init(dest, "main", Identity(*SECRETARIAT))
    repo.exclude(f"/{MARKER}", f"/{OUT}/")
    (dest / MARKER).write_text("A repository made by `finalacts demo`; `finalacts demo --force` may replace it.\n",
                               encoding="utf-8")
    return repo


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def _tag(dest: Path, conference: str, message: str, when: str) -> None:
    report = editions.tag(dest, conference, message, Identity(*SECRETARIAT, when))
    if not report.created:
        first = report.findings[0]
        raise UsageError(f"cannot tag {conference}: {first.path}:{first.line}:{first.col}: {first.message}")


# ---------------------------------------------------------------- manifests, one proposal at a time


def manifest_steps(text: str, branch: str) -> list[str]:
    """The manifest as it stands after each proposal: header plus the first k entries, k = 1..N.

    The shipped manifests are in canonical layout (`finalacts fmt --check` holds), so each entry
    starts at a line `  - number: N`; the branch the set lives on is added before `ignore`/`proposals`.
    """
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, ln in enumerate(lines) if ln.rstrip() == "proposals:")
    except StopIteration:
        raise UsageError("a shipped manifest has no `proposals:` list") from None
    header = lines[:start + 1]
    if not any(ln.startswith("branch:") for ln in header):
        at = next(i for i, ln in enumerate(header) if ln.startswith(("ignore:", "proposals:")))
        header.insert(at, f"branch: {branch}\n")
    starts = [i for i in range(start + 1, len(lines)) if lines[i].startswith("  - number:")]
    if not starts or starts[0] != start + 1:
        raise UsageError("a shipped manifest is not in canonical layout; run `finalacts fmt` on it")
    bounds = starts + [len(lines)]
    return ["".join(header + lines[start + 1:bounds[k + 1]]) for k in range(len(starts))]


@dataclass
class Branch:
    set_id: str
    branch: str
    manifest: str
    base: str
    conference: str
    submitter: str
    email: str
    commits: list[tuple[str, str]] = field(default_factory=list)  # (proposal id, commit sha)
    slug: str = ""


def _build_branch(repo, dest: Path, src: Path, manifest_rel: str, clock: _Clock) -> Branch:

    text = (src / manifest_rel).read_text(encoding="utf-8")
    data = yamlfile.load(text.encode("utf-8"), manifest_rel).data
    set_id, conference, base = data["id"], data["conference"], data["base"]
    slug = layout.slug(set_id)
    branch = layout.branch_name(conference, set_id)
    email = f"{slug.split('-')[0].lower()}@proposals.invalid"
    b = Branch(set_id, branch, manifest_rel, base, conference, data["submitter"], email, slug=slug)
    repo.create_branch(branch, base, checkout=True)
    proposed = src / "examples" / "proposed" / slug
    for step, prop in zip(manifest_steps(text, branch), data["proposals"]):
        (dest / manifest_rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / manifest_rel).write_text(step, encoding="utf-8")
        action, target = prop["action"], prop["target"]
        rel = f"resolutions/{target}.yaml" if "/" in target else None
        if action in ("MOD", "(MOD)", "ADD"):
            _copy(proposed / rel, dest / rel)
        elif action == "SUP":
            (dest / rel).unlink()
        pid = f"{set_id}/{prop['number']}"
        sha = _commit(repo, f"{action} {target}\n\nProposal: {pid}\n", (b.submitter, email), clock.next())
        b.commits.append((pid, sha))
    return b


def _edition_texts(src: Path, conference: str, folder: str) -> tuple[list[Path], list[Path]]:
    """(the texts of `folder` last adopted at `conference`, the others).

    An edition holds the texts as they stood after its conference; a text the corpus holds in a
    later edition (a whole Dubai, 2018 text beside the Busan, 2014 bases) is no text of it. One last
    revised at an earlier conference (WTSA Resolution 1 (Rev. Hammamet, 2016) beside the Geneva,
    2022 edition) is left out too: `edition tag` would carry it into the body's first edition as in
    force, but Geneva, 2022 revised it, and the corpus holds only the text before.
    """
    kept, later = [], []
    for p in sorted((src / "resolutions" / folder).glob("*.yaml")):
        adopted = yamlfile.load(p.read_bytes(), str(p)).data.get("adopted") or []
        (kept if not adopted or adopted[-1] == conference else later).append(p)
    return kept, later


def later_texts(src: Path) -> list[str]:
    """The corpus texts no demo edition holds (not last adopted at the edition of their body), as paths."""
    return [f"resolutions/{folder}/{p.name}" for conference, folder, _ in EDITIONS
            for p in _edition_texts(src, conference, folder)[1]]


def build(dest: Path, src: Path) -> tuple[object, list[Branch], _Clock]:
    """The repository: edition commits and tags on main, then one branch per proposal set."""
    clock = _Clock()
    repo = _init(dest)
    for conference, folder, message in EDITIONS:
        for p in _edition_texts(src, conference, folder)[0]:
            _copy(p, dest / "resolutions" / folder / p.name)
        _commit(repo, f"{conference}: {message}", SECRETARIAT, clock.next())
        _tag(dest, conference, message, clock.next())
    branches = []
    for manifest in SETS:
        branches.append(_build_branch(repo, dest, src, manifest, clock))
        repo.checkout("main")
    return repo, branches, clock


