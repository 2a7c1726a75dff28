"""The merge driver: concurrent proposals merged by structure, in-process and through real `git
merge`, `git rebase` and `git cherry-pick` with the driver set up by `finalacts setup-git`."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from finalacts.corpus import conflicts, yamlfile
from finalacts.corpus.files import parse
from finalacts.workflows.fmt import format_text
from finalacts.workflows.merge import merge_files, merge_texts, merge_words
from finalacts.workflows.renumber import renumber_data
from gitcorpus import _built, corpus, isolate  # noqa: F401 - fixtures

PATH = "resolutions/pp/140.yaml"


def dump(data: dict) -> str:
    return yamlfile.dump(data, "resolution")


def load(text: str) -> dict:
    return yamlfile.load(text.encode(), PATH).data


BASE = {"body": "PP", "adopted": ["PP-10", "PP-14"], "number": 11, "title": "ITU Telecom events",
        "sections": [
            {"heading": "considering", "items": [{"num": "a)", "text": "the first thing;"},
                                                 {"num": "b)", "text": "the second thing;"},
                                                 {"num": "c)", "text": "the third thing,"}]},
            {"heading": "resolves", "items": [
                {"num": "1", "text": "to hold the events, taking into account *considering* c) above;"},
                {"num": "2", "text": "to review them, as in *resolves* 1 above."}]}]}


def side(change) -> str:
    """BASE changed by `change` and renumbered, as `fmt --renumber` leaves a group's edit."""
    d = copy.deepcopy(BASE)
    change(d)
    return dump(renumber_data(d)[0])


# ---------------------------------------------------------------- words


def test_two_changes_to_different_words_of_one_text_merge():
    base = "that the Union shall preferably hold the events in an open manner"
    ours = "that the Union shall hold the events in an open manner"
    theirs = "that the Union shall preferably hold the events in an open and transparent manner"
    merged = "that the Union shall hold the events in an open and transparent manner"
    assert merge_words(base, ours, theirs) == (merged, 0)


def test_the_same_change_made_twice_is_made_once():
    base = "to hold the events annually;"
    both = "to hold the events every two years;"
    assert merge_words(base, both, both) == (both, 0)
    assert merge_words(base + " again", both + " again", base + " again!") == (both + " again!", 0)


def test_two_rewordings_of_the_same_words_are_a_conflict_holding_all_three():
    text, n = merge_words("that the Union should hold", "that the Union shall hold", "that the Union may hold")
    assert n == 1
    assert text == "that the Union <<<<<<< ours shall ||||||| base should ======= may >>>>>>> theirs hold"
    assert [conflicts.resolve(text, s) for s in ("ours", "base", "theirs")] == [
        "that the Union shall hold", "that the Union should hold", "that the Union may hold"]


def test_a_change_next_to_another_is_a_conflict_not_a_guess():
    # Theirs inserts a word right where ours replaced one: which comes first is nobody's guess.
    _, n = merge_words("in an open manner", "in a public manner", "in an open, fair manner")
    assert n == 1


# ---------------------------------------------------------------- structure


def test_items_inserted_on_both_sides_are_kept_relabelled_and_references_follow():
    def ours(d):
        d["sections"][0]["items"].insert(2, {"text": "ours' new point;"})
        d["adopted"].append("PP-18")

    def theirs(d):
        d["sections"][0]["items"].insert(2, {"text": "theirs' new point;"})
        d["sections"][1]["items"][1]["text"] = "to review them yearly, as in *resolves* 1 above."
        d["adopted"].append("PP-22")

    a, b = side(ours), side(theirs)
    assert "*considering* d) above" in a and "*considering* d) above" in b  # each side renumbered
    merged = merge_texts(dump(BASE), a, b, PATH)
    assert merged.conflicts == []
    data = load(merged.text)
    considering = data["sections"][0]["items"]
    assert [(x["num"], x["text"]) for x in considering] == [
        ("a)", "the first thing;"), ("b)", "the second thing;"), ("c)", "ours' new point;"),
        ("d)", "theirs' new point;"), ("e)", "the third thing,")]
    resolves = data["sections"][1]["items"]
    assert resolves[0]["text"] == "to hold the events, taking into account *considering* e) above;"
    assert resolves[1]["text"] == "to review them yearly, as in *resolves* 1 above."
    assert data["adopted"] == ["PP-10", "PP-14", "PP-18", "PP-22"]  # an ordered union
    assert format_text(merged.text, PATH) == merged.text


def test_adopted_keeps_what_a_side_removed_removed():
    base = dict(BASE, adopted=["PP-10", "PP-14", "PP-98"])
    ours = dict(BASE, adopted=["PP-10", "PP-14"])  # a wrong entry taken out
    theirs = dict(BASE, adopted=["PP-10", "PP-14", "PP-98", "PP-18"])
    merged = merge_texts(dump(base), dump(ours), dump(theirs), PATH)
    assert load(merged.text)["adopted"] == ["PP-10", "PP-14", "PP-18"]


def test_an_item_deleted_against_one_changed_is_a_conflict_check_reports_where_it_stands(tmp_path, run_cli):
    def ours(d):
        del d["sections"][0]["items"][1]

    def theirs(d):
        d["sections"][0]["items"][1]["text"] = "the second and most important thing;"

    merged = merge_texts(dump(BASE), side(ours), side(theirs), PATH)
    assert len(merged.conflicts) == 1
    f = merged.conflicts[0]
    assert f.rule == "merge-conflict" and "ours deleted it, theirs changed it" in f.message
    assert "*considering* b)" in f.message
    data = load(merged.text)  # the file still loads; every other text is merged
    assert conflicts.resolve_data(data, "ours")["sections"][0]["items"][1]["text"] == "the third thing,"
    assert conflicts.resolve_data(data, "theirs")["sections"][0]["items"][1]["text"] == \
        "the second and most important thing;"
    # check finds it at its line and column, and fmt leaves the file as it is.
    target = tmp_path / PATH
    target.parent.mkdir(parents=True)
    target.write_text(merged.text, encoding="utf-8")
    line = next(n for n, s in enumerate(merged.text.splitlines(), 1) if "<<<<<<<" in s)
    col = merged.text.splitlines()[line - 1].index("<<<<<<<") + 1
    assert (f.line, f.col) == (line, col)
    code, out, _ = run_cli("check", str(target), "--format", "human", "--no-cache")
    assert code == 1
    assert f"{PATH}:{line}:{col}: error merge-conflict" in out.replace(str(tmp_path) + "/", "")
    assert run_cli("fmt", "--check", str(target))[0] == 0


def test_a_conflict_over_a_number_is_reported_though_the_schema_refuses_it(tmp_path, run_cli):
    draft = dict(BASE, number="ACP-1", adopted=[])
    merged = merge_texts(dump(draft), dump(dict(draft, number=206)), dump(dict(draft, number=207)),
                         "resolutions/pp/ACP-1.yaml")
    assert [f.rule for f in merged.conflicts] == ["merge-conflict"]
    target = tmp_path / "resolutions/pp/ACP-1.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(merged.text, encoding="utf-8")
    code, out, _ = run_cli("check", str(target), "--no-cache")
    assert code == 1 and "merge-conflict" in out and "`number`" in out


def test_manifests_merge_by_proposal_number():
    rel = "proposals/pp-18/ACP-64A1.yaml"
    base = {"id": "ACP/64A1", "conference": "PP-18", "base": "PP-14", "submitter": "APT",
            "branch": "proposals/pp-18/ACP-64A1",
            "proposals": [{"number": 1, "action": "MOD", "target": "pp/11", "summary": "Telecom events."}]}

    def with_(*extra, summary="Telecom events."):
        d = copy.deepcopy(base)
        d["proposals"][0]["summary"] = summary
        d["proposals"] += list(extra)
        return yamlfile.dump(d, "proposalset")

    two = {"number": 2, "action": "SUP", "target": "pp/185", "reasons": "Done."}
    three = {"number": 3, "action": "MOD", "target": "pp/140"}
    merged = merge_texts(with_(), with_(two, summary="ITU Telecom events."), with_(three), rel)
    assert merged.conflicts == []
    props = yamlfile.load(merged.text.encode(), rel).data["proposals"]
    assert [(p["number"], p.get("summary")) for p in props] == [(1, "ITU Telecom events."), (2, None), (3, None)]
    # Two proposals numbered 2: commit trailers name proposals by number, so this stays a conflict.
    clash = merge_texts(with_(), with_(two), with_(dict(three, number=2)), rel)
    assert [f.message.split(":")[0] for f in clash.conflicts] == [
        "merge conflict in proposal 2 (action)", "merge conflict in proposal 2 (target)"]


def test_comments_are_kept_and_the_lines_of_each_side_stay_where_they_were():
    text = format_text((REPO / PATH).read_text(encoding="utf-8"), PATH)
    base = "# a note kept at the top\n" + text
    ours = base.replace("aims in regard to the holding", "aims, as expected, in regard to the holding")
    theirs = base.replace("Society (WSIS);", "Society (WSIS) and beyond;", 1)
    assert ours != base != theirs
    merged = merge_texts(base, ours, theirs, PATH)
    assert merged.conflicts == []
    assert merged.text.startswith("# a note kept at the top\n")
    changed = [ln for ln in merged.text.splitlines() if ln not in base.splitlines()]
    assert len(changed) <= 3, changed  # the item's lines that the edits touched, nothing else
    assert "as expected" in merged.text and "(WSIS) and beyond;" in merged.text


def test_a_version_that_cannot_be_read_is_merged_by_lines(tmp_path):
    good = dump(BASE)
    broken = good.replace("title: ITU Telecom events", "title: [ITU Telecom events")
    files = []
    for name, text in (("o", good), ("a", broken), ("b", good.replace("the first thing", "the 1st thing"))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    merged = merge_files(*files, PATH)
    assert merged.fallback
    out = (tmp_path / "a").read_text(encoding="utf-8")
    assert "title: [ITU Telecom events" in out and "the 1st thing" in out  # git's own line merge
    assert merged.conflicts == []


# ---------------------------------------------------------------- with git


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    r = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    assert not check or r.returncode == 0, (args, r.stdout, r.stderr)
    return r


def finalacts(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=root, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """Resolution 140 as in force (PP-14, tagged) in a repository set up by `finalacts setup-git`."""
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "corpus"
    (root / "resolutions/pp").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    r = finalacts(root, "setup-git")
    assert r.returncode == 0, r.stderr
    (root / PATH).write_text(format_text((REPO / PATH).read_text(encoding="utf-8"), PATH), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "PP-14 edition")
    git(root, "tag", "-a", "PP-14", "-m", "PP-14")
    monkeypatch.chdir(root)
    return root


def edit(root: Path, old: str, new: str, rel: str = PATH) -> None:
    p = root / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit(root: Path, message: str) -> None:
    git(root, "commit", "-q", "-am", message)


def test_setup_git_writes_the_attributes_and_the_settings_once(repo):
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert "resolutions/**/*.yaml merge=finalacts diff=finalacts" in attributes
    assert "proposals/**/*.yaml merge=finalacts diff=finalacts" in attributes
    assert "merge-driver %O %A %B %P" in git(repo, "config", "merge.finalacts.driver").stdout
    assert git(repo, "config", "diff.finalacts.textconv").stdout.strip().endswith("textconv")
    again = finalacts(repo, "setup-git")
    assert again.returncode == 0 and "already" in again.stdout
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == attributes
    assert git(repo, "check-attr", "merge", "--", PATH).stdout.strip().endswith("finalacts")


def merge_only_with_the_driver(repo: Path, branch: str) -> None:
    """Merge `branch` into the current branch: plain git's line merge fails (the driver set to
    fail), then, with `finalacts setup-git`, the structure-aware driver merges it."""
    git(repo, "config", "merge.finalacts.driver", "false")
    assert git(repo, "merge", "-q", "--no-edit", branch, check=False).returncode != 0
    git(repo, "merge", "--abort")
    assert finalacts(repo, "setup-git").returncode == 0
    git(repo, "merge", "-q", "--no-edit", branch)


def test_git_merge_of_two_edits_to_one_paragraph(repo):
    git(repo, "switch", "-q", "-c", "proposals/pp-18/CHN-140")
    edit(repo, "aims in regard to the holding", "aims, as expected, in regard to the holding")
    commit(repo, "CHN: as expected")
    git(repo, "switch", "-q", "main")
    edit(repo, "Society (WSIS);", "Society (WSIS) and beyond;")
    commit(repo, "main: and beyond")
    merge_only_with_the_driver(repo, "proposals/pp-18/CHN-140")  # the two edits are on neighbouring lines
    text = (repo / PATH).read_text(encoding="utf-8")
    assert "aims, as expected, in regard" in text and "Society (WSIS) and beyond;" in text
    assert finalacts(repo, "fmt", "--check").returncode == 0


def test_git_merge_leaves_a_conflict_that_check_and_compare_show(repo):
    git(repo, "switch", "-q", "-c", "proposals/pp-18/RCC-140")
    edit(repo, "aims in regard to the holding", "aims as regards the holding")
    commit(repo, "RCC")
    git(repo, "switch", "-q", "main")
    edit(repo, "aims in regard to the holding", "aims with regard to the holding")
    commit(repo, "main")
    r = git(repo, "merge", "--no-edit", "proposals/pp-18/RCC-140", check=False)
    assert r.returncode != 0 and "CONFLICT" in r.stdout
    assert f"{PATH}:" in r.stderr and "merge-conflict" in r.stderr  # the driver says where
    assert git(repo, "status", "--porcelain").stdout.startswith("UU ")
    checked = finalacts(repo, "check", "--no-cache")
    assert checked.returncode == 1
    line = next(ln for ln in checked.stdout.splitlines() if "merge-conflict" in ln)
    assert 'ours has "with regard to", theirs "as regards" (base: "in regard to")' in line
    assert "*recalling* a)" in line
    compared = finalacts(repo, "compare", "pp/140")
    assert compared.returncode == 1, compared.stderr  # a clash is shown, and fails like a finding
    assert "CLASH" in compared.stdout and "[-in-]{+with+} regard to the holding" in compared.stdout
    assert "[-in regard to-]{+as regards+} the holding" in compared.stdout
    # Resolved by hand, the file is clean again.
    text = (repo / PATH).read_text(encoding="utf-8")
    marked = re.search(r"<{7}.*?>{7}\s+theirs", text, re.S)  # folded over lines like any words
    (repo / PATH).write_text(text[:marked.start()] + "as regards" + text[marked.end():], encoding="utf-8")
    assert finalacts(repo, "fmt", PATH).returncode in (0, 1)
    assert "merge-conflict" not in finalacts(repo, "check", "--no-cache").stdout


def test_mod_against_sup_is_a_conflict_check_reports_on_the_file(repo):
    git(repo, "switch", "-q", "-c", "proposals/pp-18/ACP-64A1")
    (repo / PATH).unlink()
    git(repo, "commit", "-q", "-am", "SUP pp/140")
    git(repo, "switch", "-q", "main")
    edit(repo, "aims in regard to the holding", "aims with regard to the holding")
    commit(repo, "MOD pp/140")
    assert git(repo, "merge", "--no-edit", "proposals/pp-18/ACP-64A1", check=False).returncode != 0
    checked = finalacts(repo, "check", "--no-cache")
    assert checked.returncode == 1
    assert f"{PATH}:1:1: error merge-conflict theirs deleted this text (SUP) where ours changed it (MOD)" \
        in checked.stdout


def test_rebase_of_a_proposal_branch_onto_a_new_edition(repo):
    # A PP-22 proposal made on PP-14; then the PP-18 edition is cut with its own revision of the text.
    git(repo, "switch", "-q", "-c", "proposals/pp-22/EUR-1")
    edit(repo, "adopted: [PP-06, PP-10, PP-14]", "adopted: [PP-06, PP-10, PP-14, PP-22]")
    edit(repo, "building an inclusive information society", "building a truly inclusive information society")
    commit(repo, "EUR/1: truly inclusive\n\nProposal: EUR/1/1")
    edit(repo, "aims in regard to the holding", "aims, as expected, in regard to the holding")
    commit(repo, "EUR/1: as expected\n\nProposal: EUR/1/1")
    git(repo, "switch", "-q", "main")
    edit(repo, "adopted: [PP-06, PP-10, PP-14]", "adopted: [PP-06, PP-10, PP-14, PP-18]")
    edit(repo, "Society (WSIS);", "Society (WSIS) and beyond;")
    commit(repo, "PP-18 edition")
    git(repo, "tag", "-a", "PP-18", "-m", "PP-18")
    git(repo, "switch", "-q", "proposals/pp-22/EUR-1")
    git(repo, "rebase", "-q", "PP-18")
    assert git(repo, "rev-list", "--count", "PP-18..HEAD").stdout.strip() == "2"
    data = yamlfile.load((repo / PATH).read_bytes(), PATH).data
    assert data["adopted"] == ["PP-06", "PP-10", "PP-14", "PP-18", "PP-22"]
    text = (repo / PATH).read_text(encoding="utf-8")
    assert "truly inclusive" in text and "as expected" in text and "(WSIS) and beyond;" in text
    assert finalacts(repo, "fmt", "--check").returncode == 0
    assert "merge-conflict" not in finalacts(repo, "check", "--no-cache").stdout


def test_cherry_pick_with_the_driver(repo):
    git(repo, "switch", "-q", "-c", "proposals/pp-18/ARB-140")
    edit(repo, "aims in regard to the holding", "aims, as expected, in regard to the holding")
    commit(repo, "ARB")
    sha = git(repo, "rev-parse", "HEAD").stdout.strip()
    git(repo, "switch", "-q", "main")
    edit(repo, "Society (WSIS);", "Society (WSIS) and beyond;")
    commit(repo, "main")
    git(repo, "cherry-pick", sha)
    text = (repo / PATH).read_text(encoding="utf-8")
    assert "as expected" in text and "and beyond" in text


def test_git_diff_show_and_log_read_like_the_redline(repo):
    edit(repo, "aims in regard to the holding", "aims, as expected, in regard to the holding")
    diff = git(repo, "diff").stdout
    assert f"diff --finalacts a/{PATH} b/{PATH}" in diff
    assert "~ *recalling* a): Resolution 73 (Minneapolis, 1998)" in diff and "aims{+, as expected,+} in" in diff
    commit(repo, "as expected")
    for cmd in (["show", "HEAD"], ["log", "-p", "-1"]):
        out = git(repo, *cmd).stdout
        assert "+*recalling* a): Resolution 73 (Minneapolis, 1998) of the Plenipotentiary Conference, which " \
               "achieved its aims, as expected, in regard" in out, cmd
        assert "          aims" not in out  # not the YAML lines
    words = git(repo, "log", "-p", "-1", "--word-diff").stdout
    assert "{+as expected,+}" in words or "[-aims-]{+aims, as expected,+}" in words or "aims,{+" in words


def test_textconv_and_diff_of_a_file_that_cannot_be_read_show_it_as_it_is(tmp_path):
    bad = tmp_path / "140.yaml"
    bad.write_text("body: PP\ntitle: [broken\n", encoding="utf-8")
    r = finalacts(tmp_path, "textconv", str(bad))
    assert r.returncode == 0 and r.stdout == "body: PP\ntitle: [broken\n"
    good = tmp_path / "good.yaml"
    good.write_text(dump(BASE), encoding="utf-8")
    r = finalacts(tmp_path, "diff", str(bad), str(good), PATH)
    assert r.returncode == 0 and "-title: [broken" in r.stdout and "+title: ITU Telecom events" in r.stdout


def test_parsed_merge_result_builds_the_model():
    merged = merge_texts(dump(BASE), side(lambda d: d["sections"][0]["items"].pop()),
                         side(lambda d: d["sections"][1]["items"].append({"text": "to act."})), PATH)
    parsed = parse(merged.text.encode(), PATH)
    assert parsed.findings == [] and [i.num for i in parsed.model.sections[1].items] == ["1", "2", "3"]


def test_the_gate_and_edition_tagging_see_a_conflict_the_driver_left():
    from finalacts import git as wall

    merged = merge_texts(dump(BASE), dump(dict(BASE, title="ITU TELECOM events")),  # one word, two ways
                         dump(dict(BASE, title="ITU Telekom events")), PATH)
    assert wall.conflict_line(merged.text.encode()) == merged.conflicts[0].line


def test_a_text_added_on_both_sides_differently_is_left_to_git_and_a_person(tmp_path):
    files = []
    for name, text in (("o", ""), ("a", dump(dict(BASE, number="ACP-1"))),
                       ("b", dump(dict(BASE, number="ACP-1", title="Another text")))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    merged = merge_files(*files, "resolutions/pp/ACP-1.yaml")
    assert merged.fallback and merged.conflicts
    assert "both sides added this file" in merged.conflicts[0].message


def test_two_members_work_on_one_proposal_set_and_both_merge(corpus):
    from gitcorpus import APT, APT_MANIFEST

    assert finalacts(corpus, "setup-git").returncode == 0
    git(corpus, "add", ".gitattributes")
    git(corpus, "commit", "-q", "-m", "merge corpus files by structure")
    git(corpus, "switch", "-q", "-c", "member/one")
    edit(corpus, "Still relevant.", "Still relevant to the membership.", APT_MANIFEST)
    commit(corpus, "reasons for NOC pp/200")
    git(corpus, "switch", "-q", "-c", "member/two", APT)
    r = finalacts(corpus, "proposal", "add", "MOD", "pp/140", "--manifest", APT_MANIFEST)
    assert r.returncode == 0, r.stderr
    edit(corpus, "to continue the work of the Union;", "to continue and extend the work of the Union;")
    git(corpus, "add", "-A")
    git(corpus, "commit", "-q", "-m", "MOD pp/140\n\nProposal: ACP/64A1/6")
    git(corpus, "switch", "-q", APT)
    git(corpus, "merge", "-q", "--no-edit", "member/one")
    git(corpus, "merge", "-q", "--no-edit", "member/two")
    data = yamlfile.load((corpus / APT_MANIFEST).read_bytes(), APT_MANIFEST).data
    by_number = {p["number"]: p for p in data["proposals"]}
    assert by_number[2]["reasons"] == "Still relevant to the membership."
    assert by_number[6]["target"] == "pp/140"
    assert finalacts(corpus, "fmt", "--check").returncode == 0


def test_git_merge_of_two_edits_to_a_language_version(repo):
    """A language version merges by structure too: two translators' edits to neighbouring items."""
    rel = "translations/es/pp/140.yaml"
    (repo / rel).parent.mkdir(parents=True)
    (repo / rel).write_text((REPO / "tests/fixtures/languages/corpus" / rel).read_text(encoding="utf-8"),
                            encoding="utf-8")
    assert finalacts(repo, "setup-git").returncode == 0
    assert "translations/**/*.yaml merge=finalacts" in (repo / ".gitattributes").read_text(encoding="utf-8")
    git(repo, "add", "-A")
    commit(repo, "the Spanish version")
    git(repo, "switch", "-q", "-c", "es-review")
    edit(repo, "cuyos\n          objetivos se alcanzaron", "cuyos\n          objetivos ya se alcanzaron", rel)
    commit(repo, "es: ya")
    git(repo, "switch", "-q", "main")
    edit(repo, "la Resolución 113 (Marrakech, 2002) de la", "la Resolución 113 (Marrakech, 2002), de la", rel)
    commit(repo, "es: comma")
    merge_only_with_the_driver(repo, "es-review")  # the two edits are a few lines apart, in one hunk
    text = (repo / rel).read_text(encoding="utf-8")
    assert "objetivos ya se alcanzaron" in text and "(Marrakech, 2002), de la" in text
    assert 'text: "48a0c48f4685"' in text  # the fingerprints of the English stay with their items
    assert finalacts(repo, "fmt", "--check").returncode == 0
