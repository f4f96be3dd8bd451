"""The intake workflow (.github/workflows/intake.yml) and the review in the site workflow: started only by a
maintainer's label, the issue's text never in a shell, least permissions per job, zizmor finds nothing."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from plansite.contrib import forms

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_only_a_maintainers_label_starts_the_intake():
    flow = load("intake.yml")
    assert flow["on"] == {"issues": {"types": ["labeled"]}}  # not opened, edited or commented: labelled
    [job] = flow["jobs"].values()
    assert job["if"] == f"github.event.label.name == '{forms.ACCEPT_LABEL}'"


def test_each_job_declares_the_least_permissions_and_no_credentials_are_kept():
    flow = load("intake.yml")
    assert flow["permissions"] == {}
    [job] = flow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    checkout = next(s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    # the token reaches only the steps that push, open the pull request and reply
    with_token = [s["name"] for s in steps(job) if "GH_TOKEN" in s.get("env", {})]
    assert with_token == ["Open a pull request with the record", "Reply on the issue"]
    assert "GH_TOKEN" not in next(s for s in steps(job) if s.get("id") == "intake").get("env", {})


def test_no_expression_is_ever_put_into_a_script():
    for path in WORKFLOWS.glob("*.yml"):
        for job in load(path.name)["jobs"].values():
            for step in job.get("steps", []):
                assert "${{" not in step.get("run", ""), (path.name, step.get("name"))


def test_the_issue_is_read_from_the_event_file():
    [job] = load("intake.yml")["jobs"].values()
    run = next(s for s in steps(job) if s.get("id") == "intake")["run"]
    assert './scripts/dev.sh intake "$GITHUB_EVENT_PATH"' in run
    issue_values = {v for s in steps(job) for v in s.get("env", {}).values() if "github.event.issue" in v}
    assert issue_values == {"${{ github.event.issue.number }}"}  # the number only: never the title or the text


def test_actions_are_pinned_by_commit():
    for path in WORKFLOWS.glob("*.yml"):
        for ref, comment in re.findall(r"uses: (\S+)(.*)", path.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref) and re.fullmatch(r"\s+# v\d+(\.\d+)*", comment), ref


def test_pull_requests_get_the_review_in_their_job_summary_without_more_permissions():
    check = load("site.yml")["jobs"]["check"]
    step = next(s for s in steps(check) if "review" in s.get("run", ""))
    assert step["if"] == "github.event_name == 'pull_request'"
    assert step["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert step["run"].endswith('review "$BASE_SHA" >> "$GITHUB_STEP_SUMMARY"')
    assert check["permissions"] == {"contents": "read"}


def test_the_workflows_are_valid_and_zizmor_finds_nothing():
    valid = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                            *map(str, sorted(WORKFLOWS.glob("*.yml")))], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout
    audit = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(ROOT / ".github")], capture_output=True, text=True)
    assert audit.returncode == 0 and "No findings to report" in audit.stdout + audit.stderr, audit.stdout + audit.stderr
