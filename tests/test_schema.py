"""The JSON Schema editors' tools use (docs/schema/plan.schema.json) is the model's, and agrees with the check.

jsonschema (a real validator, pinned in requirements.txt) reads the schema the way VS Code's YAML extension does."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from plansite.data import jsonschema as jsonschema_of_plan
from plansite.data import reader as schema
from plansite.data import yamlnodes
from support.paths import INVALID, ROOT

COMMITTED = ROOT / "docs" / "schema" / "plan.schema.json"
FIXTURES = ROOT / "tests" / "fixtures"


class JsonLikeLoader(yaml.SafeLoader):
    """YAML as an editor's JSON Schema tool sees it: dates stay text (YAML 1.1 booleans are kept, as the check sees them)."""


JsonLikeLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@pytest.fixture(scope="module")
def validator():
    published = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(published)
    return jsonschema.Draft7Validator(published, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def schema_errors(validator, path: Path) -> list[str]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=JsonLikeLoader)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_committed_schema_is_what_the_model_produces(tmp_path):
    """Regenerate with `python scripts/build_pages.py schema` after changing model.py."""
    result = subprocess.run([sys.executable, "scripts/build_pages.py", "schema", str(tmp_path / "plan.schema.json")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    produced = (tmp_path / "plan.schema.json").read_text(encoding="utf-8")
    assert COMMITTED.read_text(encoding="utf-8") == produced, \
        "docs/schema/plan.schema.json is stale: run `python scripts/build_pages.py schema`"


def test_plan_yaml_points_vs_code_at_the_schema():
    first = (ROOT / "data" / "plan.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/schema/plan.schema.json"
    assert (ROOT / "data" / "../docs/schema/plan.schema.json").resolve() == COMMITTED


def test_schema_carries_chinese_descriptions_enums_patterns_and_shorthand():
    s = jsonschema_of_plan.json_schema()
    task = s["properties"]["chapters"]["items"]["properties"]["tasks"]["items"]
    assert task["additionalProperties"] is False
    assert set(task["required"]) == {"id", "kind", "number", "title", "intro", "measures"}
    assert task["properties"]["kind"]["enum"] == ["action", "project"]
    assert task["properties"]["kind"]["description"].startswith("任务类别")
    assert task["properties"]["id"]["pattern"] == "^(?:[a-z0-9]+(?:-[a-z0-9]+)*)$"
    lead = s["properties"]["annex"]["items"]["properties"]["lead"]
    assert lead["minItems"] == 1 and lead["description"].startswith("牵头部门")
    shorthand, record = lead["items"]["anyOf"]
    assert shorthand["type"] == "string" and record["type"] == "object" and record["required"] == ["id"]


def test_real_plan_and_minimal_fixture_satisfy_the_schema(validator):
    assert schema_errors(validator, ROOT / "data" / "plan.yaml") == []
    assert schema_errors(validator, FIXTURES / "minimal.yaml") == []


# duplicate-key: a JSON Schema sees the parsed value, where the second key has already replaced the first.
SCHEMA_CANNOT_SEE = {"duplicate-key"}


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_schema_and_check_agree_on_every_invalid_fixture(validator, path: Path):
    """Structural mistakes (found by schema.read_plan) are rejected by the JSON Schema too; mistakes only
    the cross-reference checks can see (unknown department, duplicate id …) pass it."""
    root, syntax = yamlnodes.compose(path.read_text(encoding="utf-8"), path.name)
    if root is None:  # not YAML at all: an editor's YAML extension reports the syntax error itself
        with pytest.raises(yaml.YAMLError):
            yaml.load(path.read_text(encoding="utf-8"), Loader=JsonLikeLoader)
        return
    _, _, structural = schema.read_plan(root, path.name)
    errors = schema_errors(validator, path)
    if path.stem in SCHEMA_CANNOT_SEE:
        assert structural and errors == []
    elif structural:
        assert errors, f"{path.name}: the check finds {[p.path for p in structural]}, the JSON Schema nothing"
    else:
        assert errors == []


def test_structural_fixtures_exist_for_the_schema_to_reject():
    structural = []
    for path in INVALID:
        root, _ = yamlnodes.compose(path.read_text(encoding="utf-8"), path.name)
        if root is not None and schema.read_plan(root, path.name)[2] and path.stem not in SCHEMA_CANNOT_SEE:
            structural.append(path.stem)
    assert {"unknown-key", "missing-field", "empty-field", "wrong-type", "yaml-boolean"} <= set(structural)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
def test_one_line_text_rule_is_the_same_in_check_and_schema(text):
    # types-PyYAML types Mark's pointer as an int; PyYAML's own Reader passes None with no buffer, as here.
    node = yaml.ScalarNode(schema.STR, text, start_mark=yaml.Mark("t", 0, 0, 0, None, None))  # type: ignore[arg-type]
    reader = schema.Reader("t")
    accepted = reader.read(node, str, "x", "x") is not schema.MISSING
    by_schema = jsonschema.Draft7Validator({"type": "string", "pattern": jsonschema_of_plan.TEXT_JSON_PATTERN}).is_valid(text)
    assert accepted == by_schema, (text, reader.problems)
