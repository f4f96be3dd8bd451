"""The GitHub Actions workflow runs the README's commands on every pull request and publishes main to Pages."""
from __future__ import annotations

import re

import yaml

from support.paths import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(job: dict) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def test_pull_requests_and_main_trigger_it():
    on = workflow()["on"]
    assert "pull_request" in on and on["push"]["branches"] == ["main"]


def test_it_runs_lint_check_build_and_test_in_order():
    commands = [r for r in runs(workflow()["jobs"]["check"]) if r.startswith("./scripts/dev.sh")]
    assert commands == ["./scripts/dev.sh lint", "./scripts/dev.sh check", "./scripts/dev.sh build", "./scripts/dev.sh test"]
    for command in commands:  # and dev.sh really has them
        assert f"  {command.split()[-1]})" in (ROOT / "scripts" / "dev.sh").read_text(encoding="utf-8")


def test_the_browser_tests_get_a_real_chromium_and_dates_get_history():
    check = workflow()["jobs"]["check"]
    assert check["container"].startswith("debian:")  # Ubuntu's apt chromium is a snap stub
    checkout = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # git blame needs the history


def test_main_publishes_the_built_site_to_pages():
    jobs = workflow()["jobs"]
    upload = next(s for s in jobs["check"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site" and "refs/heads/main" in upload["if"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "check" and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"]["pages"] == "write" and deploy["permissions"]["id-token"] == "write"
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    assert workflow()["permissions"] == {}  # each job names its own; write scopes only where deploying
    assert jobs["check"]["permissions"] == {"contents": "read"}


def test_the_build_gets_the_public_address_and_the_tests_do_not():
    check = workflow()["jobs"]["check"]
    build = next(s for s in check["steps"] if s.get("name", "").startswith("Build the site"))
    assert build["env"]["SITE_URL"] == "${{ env.SITE_URL_BUILD }}"
    tests = next(s for s in check["steps"] if s.get("run") == "./scripts/dev.sh test")
    assert "SITE_URL" not in tests.get("env", {})


def test_actions_are_pinned_by_commit_with_their_version_and_leave_no_credentials():
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert len(uses) >= 3
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.fullmatch(r"\s+# v\d+(\.\d+)*", comment), (ref, comment)
    checkout = next(s for s in workflow()["jobs"]["check"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_dependabot_updates_the_actions_and_the_python_pins():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip"}
    assert all(u["directory"] == "/" for u in config["updates"])

