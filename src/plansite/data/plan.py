"""load → validate → model: the one entry point the generator, the editors' check and the tests share."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

import yaml

from plansite.data import checks, reader, yamlnodes
from plansite.data.problems import PlanError, Problem
from plansite.model import Plan


@dataclass(frozen=True)
class Loaded:
    """A valid plan with the text it was read from and where each of its parts sits in that text."""
    plan: Plan
    text: str
    lines: Mapping[str, tuple[int, int]]  # YAML path ('annex[3]'; '' for the whole file) → first, last line


def load_plan(path: str | Path, display_name: str | None = None) -> Plan:
    """Return the validated plan, or raise PlanError carrying every problem found."""
    return load(path, display_name).plan


def load(path: str | Path, display_name: str | None = None) -> Loaded:
    """load_plan, keeping the text and its line spans (for page dates and the editors' guide)."""
    path = Path(path)
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanError([Problem(name, 1, 1, "", "", "找不到数据文件", expected=str(path), found="文件不存在")]) from None
    except UnicodeDecodeError as err:
        raise PlanError([Problem(name, 1, 1, "", "", "文件不是 UTF-8 编码", expected="UTF-8 编码的文本", found=str(err))]) from None
    return parse(text, name)


def parse(text: str, file: str = "data/plan.yaml") -> Loaded:
    """The validated plan from YAML text, with the text and its line spans."""
    root, plan = _parse(text, file)
    return Loaded(plan, text, yamlnodes.line_spans(root))


def parse_plan(text: str, file: str = "data/plan.yaml") -> Plan:
    """The validated plan from YAML text."""
    return _parse(text, file)[1]


def _parse(text: str, file: str) -> tuple[yaml.Node, Plan]:
    root, problems = yamlnodes.compose(text, file)
    if root is None:
        raise PlanError(problems)
    plan, positions, problems = reader.read_plan(root, file, _name_to_id_hint(root))
    if plan is None:
        raise PlanError(problems)
    problems = checks.check(plan, positions, file)
    if problems:
        raise PlanError(problems)
    return root, plan


def _name_to_id_hint(root: yaml.Node) -> Callable[[str], str]:
    """Editors often write a department's Chinese name where its id belongs; say which id they meant.

    Read best-effort straight from the nodes, because the registry may itself be invalid."""
    names: dict[str, tuple[str, str]] = {}
    top = dict((k.value, v) for k, v in root.value) if isinstance(root, yaml.MappingNode) else {}
    registry = top.get("departments")
    for entry in registry.value if isinstance(registry, yaml.SequenceNode) else []:
        if not isinstance(entry, yaml.MappingNode):
            continue
        fields = {k.value: v for k, v in entry.value}
        dept_id, name = fields.get("id"), fields.get("name")
        if not (isinstance(dept_id, yaml.ScalarNode) and isinstance(name, yaml.ScalarNode)):
            continue
        variants = fields.get("variants")
        printed = [name.value] + [v.value for v in getattr(variants, "value", []) if isinstance(v, yaml.ScalarNode)]
        for text in printed:
            names[text] = (dept_id.value, name.value)

    def hint(found: str) -> str:
        if found in names:
            dept_id, name = names[found]
            return f"这里要写部门编号而不是名称：{dept_id}（{name}）"
        return ""

    return hint
