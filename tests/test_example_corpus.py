"""The corpus shipped with the repository: texts in force, proposal manifests and proposed texts.

Every file must load and validate, sit in the canonical layout, and the manifests must agree with
the texts: MOD/SUP/NOC targets exist in resolutions/, an ADD's draft sits in the proposal set's
folder under examples/proposed/, and a MOD's proposed text really differs from the text in force.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finalacts.corpus import yamlfile
from finalacts.corpus.files import parse
from finalacts.corpus.model import stem_of
from finalacts.corpus.registry import load_registry
from finalacts.workflows.fmt import format_text

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("resolutions", "proposals", "examples/proposed")
FILES = sorted(p for d in FOLDERS for p in (ROOT / d).rglob("*.yaml"))
MANIFESTS = sorted((ROOT / "proposals").rglob("*.yaml"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def load(path: Path) -> dict:
    return yamlfile.load(path.read_bytes(), rel(path)).data


def proposed_dir(manifest: dict) -> Path:
    """examples/proposed/<set id with '/' as '-'>, e.g. examples/proposed/ACP-64A1."""
    return ROOT / "examples" / "proposed" / manifest["id"].replace("/", "-")


def test_the_corpus_is_there():
    # The shapes the rest of the suite relies on: texts of three bodies, four proposal sets.
    names = {rel(p) for p in FILES}
    for must in ("resolutions/pp/11.yaml", "resolutions/pp/185.yaml", "resolutions/wtdc/30.yaml",
                 "resolutions/wtsa/75.yaml", "proposals/pp-18/ACP-64A1.yaml", "proposals/pp-18/CHN-140.yaml",
                 "examples/proposed/ACP-64A1/resolutions/pp/ACP-1.yaml"):
        assert must in names
    assert len(MANIFESTS) >= 4


@pytest.mark.parametrize("path", FILES, ids=rel)
def test_file_loads_and_validates(path):
    parsed = parse(path.read_bytes(), rel(path))
    assert parsed.findings == []
    assert parsed.model is not None
    want = "proposalset" if rel(path).startswith("proposals/") else "resolution"
    assert parsed.kind == want


@pytest.mark.parametrize("path", FILES, ids=rel)
def test_file_is_in_canonical_layout(path):
    text = path.read_text(encoding="utf-8")
    assert format_text(text, rel(path)) == text


@pytest.mark.parametrize("path", [p for p in FILES if "resolutions" in p.parts], ids=rel)
def test_resolution_sits_where_its_body_and_number_say(path):
    data = load(path)
    body_dir = load_registry().bodies[data["body"]].dir
    assert path.parent.name == body_dir
    assert path.stem == stem_of(data.get("kind", "resolution"), data["number"])  # 140, decision-11


@pytest.mark.parametrize("path", MANIFESTS, ids=rel)
def test_manifest_file_name_and_folder_follow_its_id(path):
    m = load(path)
    slug = m["id"].replace("/", "-")
    assert rel(path) == f"proposals/{m['conference'].lower()}/{slug}.yaml"
    assert proposed_dir(m).is_dir()
    reg = load_registry()
    conf, base = reg.get(m["conference"]), reg.get(m["base"])
    assert conf is not None and base is not None
    assert conf.body == base.body and reg.order(m["base"]) < reg.order(m["conference"])


@pytest.mark.parametrize("path", MANIFESTS, ids=rel)
def test_manifest_targets_exist(path):
    m = load(path)
    folder = proposed_dir(m)
    numbers = [p["number"] for p in m["proposals"]]
    assert numbers == sorted(set(numbers))
    for p in m["proposals"]:
        target, action = p["target"], p["action"]
        if "/" not in target:
            # A text kept outside the corpus (the Constitution, the Convention): only NOC may name it.
            assert action == "NOC", p
            continue
        if action == "ADD":
            draft = folder / "resolutions" / f"{target}.yaml"
            assert draft.is_file(), f"{rel(path)} proposal {p['number']}: no {rel(draft)}"
            assert not (ROOT / "resolutions" / f"{target}.yaml").exists()
            data = load(draft)
            assert data["number"] == target.split("/", 1)[1]
            assert data["adopted"] == []
        else:
            in_force = ROOT / "resolutions" / f"{target}.yaml"
            assert in_force.is_file(), f"{rel(path)} proposal {p['number']}: no {rel(in_force)}"
            # The text in force is the base edition's: its last adoption is the manifest's base.
            assert load(in_force)["adopted"][-1] == m["base"]
        if action in ("SUP", "NOC"):
            assert (p.get("reasons") or "").strip(), f"{action} needs reasons"


@pytest.mark.parametrize("path", MANIFESTS, ids=rel)
def test_every_proposed_text_belongs_to_a_proposal(path):
    m = load(path)
    folder = proposed_dir(m) / "resolutions"
    announced = {p["target"] for p in m["proposals"] if p["action"] in ("MOD", "(MOD)", "ADD")}
    found = {f"{p.parent.name}/{p.stem}" for p in folder.rglob("*.yaml")}
    assert found == announced
    suppressed = {p["target"] for p in m["proposals"] if p["action"] == "SUP"}
    assert not suppressed & found


@pytest.mark.parametrize("path", MANIFESTS, ids=rel)
def test_mod_changes_its_text_and_adds_the_conference(path):
    m = load(path)
    mods = [p for p in m["proposals"] if p["action"] in ("MOD", "(MOD)")]
    for p in mods:
        base = load(ROOT / "resolutions" / f"{p['target']}.yaml")
        new = load(proposed_dir(m) / "resolutions" / f"{p['target']}.yaml")
        assert (new["body"], new["number"]) == (base["body"], base["number"])
        assert new["adopted"] == base["adopted"] + [m["conference"]]
        changed = [k for k in ("title", "sections", "footnotes", "annexes") if new.get(k) != base.get(k)]
        assert changed, f"{m['id']}/{p['number']} is a MOD but {p['target']} has the same text"
