"""`finalacts site`: the static site of the demo repository, read in a real headless Chromium.

The demo repository is built once per module, then its site (with the search index and the PDF
documents); the browser tests follow links from the home page as a reader does, search, and run
axe-core on the main pages. Screenshots of those pages are kept in out/site-screenshots/ (the
test prints where) for a person to look at.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import git
import pytest

from browser.chrome import Browser, Server, missing
from gitcorpus import commit, isolate, res, write
from test_demo import _env, run_demo

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "out" / "site-screenshots"


def site_cli(root: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "finalacts", "site", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("site")
    demo = base / "finalacts-demo"
    proc = run_demo(demo)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = base / "_site"
    p = site_cli(demo, "-o", str(out), env=_env(base / "home"))
    assert p.returncode == 0, p.stderr[-3000:]
    return demo, out, p


def test_build_says_what_it_wrote(built):
    _, out, p = built
    assert re.search(r"wrote .*_site: \d+ pages, \d+ files, [\d.]+ MB, \d+ Akoma Ntoso files; Pagefind index", p.stdout)
    assert "left out" not in p.stderr, p.stderr
    for rel in [
        "index.html",
        "pp/140/index.html",
        "pp/140/PP-14/index.html",
        "pp/140/editions/index.html",
        "pp/140/diff/PP-14..PP-18/index.html",
        "pp/140/history/index.html",
        "pp/140/blame/index.html",
        "pp/140/compare/index.html",
        "pp/140/140.akn.xml",
        "pp/140/PP-14/140.akn.xml",
        "editions/PP-18/index.html",
        "proposals/pp-18/ACP-64A1/index.html",
        "search/index.html",
        "pagefind/pagefind.js",
    ]:
        assert (out / rel).is_file(), rel


def test_proposal_documents_inline_and_to_download(built):
    _, out, _ = built
    folder = out / "proposals" / "pp-18" / "ACP-64A1"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="ACP-64A1.docx" download' in page and 'href="ACP-64A1.pdf" download' in page
    assert "PROPOSALS FOR THE WORK OF THE CONFERENCE" in page  # the HTML document, inline
    assert zipfile.ZipFile(folder / "ACP-64A1.docx").read("word/document.xml").count(b"<w:ins ") > 0
    assert (folder / "ACP-64A1.pdf").read_bytes().startswith(b"%PDF")
    for num in (1, 3, 20, 25):
        assert f'id="p{num}"' in page


def test_every_akn_file_of_the_site_validates(built):
    demo, out, _ = built
    files = sorted(out.rglob("*.akn.xml"))
    assert len(files) >= 10
    v = subprocess.run(
        [sys.executable, "-m", "finalacts", "export", "akn-validate", *map(str, files)],
        cwd=demo,
        capture_output=True,
        text=True,
    )
    assert v.returncode == 0, v.stdout[-2000:]


def test_item_addresses_and_the_texts_that_link_them(built):
    _, out, _ = built
    page = (out / "pp/140/index.html").read_text(encoding="utf-8")
    assert 'id="resolves-5"' in page and 'id="recalling-a"' in page and 'id="recalling"' in page
    assert 'href="140.akn.xml"' in page
    assert "data-pagefind-body" in page
    # an unchanged edition's page is not indexed twice: PP-18 holds what HEAD holds
    assert "data-pagefind-body" not in (out / "pp/140/PP-18/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in (out / "pp/140/PP-14/index.html").read_text(encoding="utf-8")


def test_a_second_build_replaces_the_site_and_a_foreign_folder_is_refused(built, tmp_path):
    demo, out, _ = built
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    p = site_cli(demo, "-o", str(foreign), "--no-search", "--no-pdf")
    assert p.returncode == 2 and "is not a site built by finalacts" in p.stderr and "Traceback" not in p.stderr
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"
    p = site_cli(tmp_path, "-o", "x")
    assert p.returncode == 2 and p.stderr.count("\n") == 1


def test_no_listing_page_lists_everything(tmp_path, monkeypatch):
    """230 texts: the body page and the edition page are split into pages of 100, with links between."""
    isolate(monkeypatch, tmp_path)
    root = tmp_path / "big"
    repo = git.Repo.init(root, initial_branch="main")
    write(root, {f"resolutions/pp/{n}.yaml": res(n, f"Text number {n}", ["PP-14"], "to act.") for n in range(1, 231)})
    commit(repo, "PP-14")
    repo.git.tag("-a", "-m", "PP-14", "PP-14")
    p = site_cli(root, "-o", "_site", "--no-search", "--no-pdf")
    assert p.returncode == 0, p.stderr[-2000:]
    assert "left out: search index (--no-search)" in p.stderr
    site = root / "_site"
    for listing in ("pp", "editions/PP-14"):
        first = (site / listing / "index.html").read_text(encoding="utf-8")
        assert 'href="page-2/index.html"' in first or 'href="../pp/page-2/index.html"' in first or "page-2" in first
        assert (site / listing / "page-3" / "index.html").is_file()
        assert not (site / listing / "page-4").exists()
        for f in [site / listing / "index.html", *sorted((site / listing).glob("page-*/index.html"))]:
            assert f.read_text(encoding="utf-8").count("<tr>") <= 101, f


# ---------------------------------------------------------------- in a real browser

needs_browser = pytest.mark.skipif(missing() is not None, reason=str(missing()))


@pytest.fixture(scope="module")
def browser(built):
    _, out, _ = built
    b = Browser()
    with Server(out) as server:
        yield b, server
    b.close()


def _shot(b: Browser, name: str) -> None:
    path = b.screenshot(SHOTS / f"{name}.png")
    print(f"screenshot: {path}")


def _click(b: Browser, text: str, within: str = "main") -> None:
    from selenium.webdriver.common.by import By

    links = [a for a in b.driver.find_elements(By.CSS_SELECTOR, f"{within} a") if a.text.strip() == text]
    assert links, f"no link {text!r} on {b.driver.current_url}"
    links[0].click()


@needs_browser
def test_a_reader_follows_links_from_home_to_text_redline_blame_and_proposal(browser):
    from selenium.webdriver.common.by import By

    b, server = browser
    b.open(server.url + "index.html")
    _shot(b, "home")
    _click(b, "Plenipotentiary Conference")
    assert b.driver.find_element(By.TAG_NAME, "h1").text.startswith("Plenipotentiary Conference")
    _click(b, "Resolution 140")
    assert "/pp/140/index.html" in b.driver.current_url
    assert b.driver.find_element(By.ID, "resolves-5").text.startswith("5")
    _shot(b, "text-pp-140")
    _click(b, "Editions", "nav.tabs")
    _click(b, "PP-14 → PP-18")
    assert "/pp/140/diff/PP-14..PP-18/" in b.driver.current_url
    assert b.driver.find_elements(By.CSS_SELECTOR, "article.doc ins") and b.driver.find_elements(
        By.CSS_SELECTOR, "article.doc del"
    )
    _shot(b, "redline-pp-140")
    _click(b, "Blame", "nav.tabs")
    # a phrase a proposal brought in (the others are the secretariat's, "no proposal")
    phrase = next(
        a for a in b.driver.find_elements(By.CSS_SELECTOR, "a.o") if "(no proposal)" not in a.get_attribute("title")
    )
    target = phrase.get_attribute("href").split("#")[1]
    phrase.click()
    row = b.driver.find_element(By.ID, target)
    _shot(b, "blame-pp-140")
    proposal = row.find_elements(By.CSS_SELECTOR, "a[href*='proposals/']")
    assert proposal, row.text
    name = proposal[0].text
    proposal[0].click()
    assert name.rsplit("/", 1)[0] in b.driver.find_element(By.TAG_NAME, "h1").text
    _shot(b, "proposal")
    assert b.errors() == []


@needs_browser
def test_search_finds_the_texts_and_proposals_that_say_2030_agenda(browser, built):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _, out, _ = built
    b, server = browser
    b.open(server.url + "index.html")
    box = b.driver.find_element(By.ID, "site-q")
    box.send_keys("2030 Agenda")
    box.submit()
    WebDriverWait(b.driver, 30).until(lambda d: "result" in d.find_element(By.ID, "search-status").text)
    found = {
        a.get_attribute("href").split(server.url, 1)[1]
        for a in b.driver.find_elements(By.CSS_SELECTOR, "#results li > a")
    }
    _shot(b, "search-2030-agenda")
    expected = set()
    for page in out.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        main = html.split("<main", 1)[1]
        if "data-pagefind-body" in main and re.search(r"2030\s+Agenda", re.sub(r"<[^>]+>", " ", main), re.I):
            expected.add(page.relative_to(out).as_posix())
    assert any(p.startswith("proposals/") for p in expected) and any(p.startswith("pp/") for p in expected)
    assert expected <= found, expected - found
    assert b.errors() == []


@needs_browser
def test_no_serious_accessibility_violation_and_no_console_error(browser):
    b, server = browser
    pages = [
        "index.html",
        "pp/index.html",
        "pp/140/index.html",
        "pp/140/editions/index.html",
        "pp/140/diff/PP-14..PP-18/index.html",
        "pp/140/history/index.html",
        "pp/140/blame/index.html",
        "wtdc/30/compare/index.html",
        "editions/PP-18/index.html",
        "proposals/index.html",
        "proposals/pp-18/ACP-64A1/index.html",
        "search/index.html?q=WSIS",
    ]
    bad = {}
    for p in pages:
        b.open(server.url + p)
        time.sleep(0.5 if "search" in p else 0)
        found = [f"{v['id']} ({v['impact']}): {v['help']}" for v in b.axe() if v["impact"] in ("serious", "critical")]
        if found:
            bad[p] = found
    _shot(b, "compare-search-wsis")
    assert bad == {}
    assert b.errors() == []


@needs_browser
def test_reading_works_without_javascript(built):
    """The text, its redline and its blame are all in the HTML itself; only search needs a script."""
    from selenium.webdriver.common.by import By

    _, out, _ = built
    b = Browser(javascript=False)
    try:
        with Server(out) as server:
            b.open(server.url + "pp/140/index.html#resolves-5")
            assert b.driver.find_element(By.ID, "resolves-5").is_displayed()
            b.open(server.url + "pp/140/diff/PP-14..PP-18/index.html")
            assert b.driver.find_elements(By.CSS_SELECTOR, "article.doc ins")
            b.open(server.url + "search/index.html?q=WSIS")
            assert b.driver.find_element(By.ID, "nojs").is_displayed()
    finally:
        b.close()


# ---------------------------------------------------------------- the CI jobs, run as written


def _yaml(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _bash(root: Path, script: str, env: dict) -> subprocess.CompletedProcess:
    bindir = str(Path(sys.executable).parent)
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=root,
        env={**os.environ, **env, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=900,
    )


def test_github_site_workflow_builds_previews_and_publishes_as_written(built):
    demo, _, _ = built
    wf = _yaml(REPO / ".github/workflows/site.yml")
    on = wf.get("on", wf.get(True))  # YAML 1.1 readers take `on` for true
    assert set(on["push"]) == {"branches", "tags"} and "pull_request" in on
    steps = {s.get("name", s.get("uses")): s for s in wf["jobs"]["build"]["steps"]}
    assert steps["actions/checkout@v4"]["with"]["fetch-depth"] == 0
    assert steps["Preview (pull requests)"]["with"]["path"] == "_site/"
    assert "steps.preview.outputs.artifact-url" in steps["Link the preview from the job summary"]["run"]
    assert "GITHUB_STEP_SUMMARY" in steps["Link the preview from the job summary"]["run"]
    assert steps["Pages artifact (main and edition tags)"]["uses"].startswith("actions/upload-pages-artifact")
    assert wf["jobs"]["publish"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    script = steps["finalacts site"]["run"].replace(
        "${{ github.server_url }}/${{ github.repository }}", "https://github.com/itu/corpus"
    )
    r = _bash(demo, script, {})
    assert r.returncode == 0, r.stdout[-2000:]
    assert (demo / "_site" / "index.html").is_file() and (demo / "site.txt").read_text().startswith("wrote ")
    blame = (demo / "_site/pp/140/blame/index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/itu/corpus/commit/' in blame


def test_gitlab_pages_job_runs_as_written(built):
    demo, _, _ = built
    gl = _yaml(REPO / "templates/gitlab-ci.yml")
    assert "finalacts" in gl  # the gate job is still there, apart from these
    pages, preview = gl["pages"], gl["finalacts-site"]
    assert pages["artifacts"]["paths"] == ["public/"] and preview["artifacts"]["paths"] == ["_site/"]
    assert any("CI_MERGE_REQUEST" in r["if"] or "merge_request" in r["if"] for r in preview["rules"])
    assert any("CI_COMMIT_TAG" in r["if"] for r in pages["rules"])
    r = _bash(demo, "\n".join(pages["script"]), {"CI_PROJECT_URL": "https://gitlab.example/itu/corpus"})
    assert r.returncode == 0, r.stdout[-2000:]
    assert (demo / "public" / "index.html").is_file() and (demo / "public" / "pagefind" / "pagefind.js").is_file()


def test_a_clause_keeps_its_address_when_a_clause_comes_before_it():
    """The page of a text of rules gives each clause its stable name as its address and its name
    from today's number as a second anchor, as it does for items (identity.py)."""
    from finalacts.corpus.model import Annex, Block, Item, Resolution, Section
    from finalacts.corpus.registry import load_registry
    from finalacts.publish.identity import name_versions
    from finalacts.publish.pages import text_html

    def rules(clauses):
        items = [Item(num=f"1.{k + 1}", text=t) for k, t in enumerate(clauses)]
        return Resolution(body="PP", number=50, title="Rules", adopted=["PP-14"],
                          sections=[Section(heading="resolves", text="to adopt the rules below.")],
                          annexes=[Annex(kind="section", num="1", heading="The assembly", blocks=[Block(items=items)])])

    old = rules(["The assembly shall meet every four years.", "Its chairman shall be elected."])
    new = rules(["The assembly shall be convened by the Council.", *(it.text for it in old.annexes[0].blocks[0].items)])
    page = text_html(new, name_versions([old, new])[-1], load_registry())
    # 1.1 became 1.2: its address stays; its new number's name is the old 1.2's, so no second anchor
    assert '<p class="enumlev1" id="att-1-b1-1.1"><span class="lbl">1.2</span> The assembly shall meet' in page
    # 1.2 became 1.3: its address stays, and today's number is a second anchor
    assert ('<p class="enumlev1" id="att-1-b1-1.2"><span id="att-1-b1-1.3" class="item-anchor"></span>'
            '<span class="lbl">1.3</span> Its chairman') in page
    assert '<p class="AnnexNo" id="att-1">SECTION 1</p>' in page
    # the shipped rules of procedure of ITU-T: every clause of every SECTION has an address
    from finalacts.corpus.files import load_resolution

    wtsa1 = load_resolution(REPO / "resolutions/wtsa/1.yaml")
    page = text_html(wtsa1, name_versions([wtsa1])[-1], load_registry())
    ids = re.findall(r'<p class="(?:enumlev\d|Annexheading|Normal)" id="(att-\d+-[^"]+)">', page)
    assert len(ids) == len(set(ids)) > 300  # every address once
    numbers = {re.sub(r"^att-\d+-(?:b\d+-)?", "", i) for i in ids}
    assert {"1.1", "1bis.1", "1bis.1.1.1", "7.1.2", "9.8.2.2"} <= numbers
