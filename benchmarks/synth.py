"""Synthetic plans k times the size of the real one, for the benchmark and scale tests.

At factor k: k copies of every department (ids suffixed -c2 … -ck), k copies of every action and
project with all their measures, k copies of the prose paragraphs, and one annex row per task copy
that assigns the matching department copies. The result passes the same validation as the real
plan, so the whole pipeline (load → validate → render → MkDocs) runs on it unchanged.
"""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import yaml

from plansite.data.plan import load_plan
from plansite.model import Plan

ROOT = Path(__file__).resolve().parent.parent


def _suffix(value: str, copy: int) -> str:
    return value if copy == 1 else f"{value}-c{copy}"  # not "-2": paragraph anchors end in -<n>


def _varied(text: str, copy: int) -> str:
    """A copy of a paragraph that no longer contains the original's sentences (quotes stay unique)."""
    if copy == 1:
        return text
    return "·".join(text[i:i + 7] for i in range(0, len(text), 7)) + f"（副本{copy}）"


def _refs(refs: list[dict], copy: int) -> list[dict]:
    """An annex row's departments, pointing at the copy's departments and their printed names."""
    tag = "" if copy == 1 else f"（{copy}）"
    return [{"id": _suffix(r["id"], copy), **({"printed": r["printed"] + tag} if r["printed"] else {})} for r in refs]


def scaled(plan: Plan, k: int) -> dict:
    data = dataclasses.asdict(plan)
    departments = []
    for copy in range(1, k + 1):
        for d in data["departments"]:
            tag = "" if copy == 1 else f"（{copy}）"
            departments.append({**d, "id": _suffix(d["id"], copy), "name": d["name"] + tag,
                                "variants": [v + tag for v in d["variants"]]})
    annex_by_task = {row["task"]: row for row in data["annex"]}
    annex = []
    for chapter in data["chapters"]:
        chapter["paragraphs"] = [_varied(p, c) for c in range(1, k + 1) for p in chapter["paragraphs"]]
        for section in chapter["sections"]:
            section["paragraphs"] = [_varied(p, c) for c in range(1, k + 1) for p in section["paragraphs"]]
        tasks = []
        for copy in range(1, k + 1):
            for task in chapter["tasks"]:
                t = dict(task, id=_suffix(task["id"], copy),
                         title=task["title"] if copy == 1 else f"{task['title']}（{copy}）",
                         intro=_varied(task["intro"], copy),
                         measures=[dict(m, id=_suffix(m["id"], copy), paragraphs=[_varied(p, copy) for p in m["paragraphs"]])
                                   for m in task["measures"]])
                tasks.append(t)
                row = annex_by_task[task["id"]]
                annex.append({"task": t["id"], "lead": _refs(row["lead"], copy), "responsible": _refs(row["responsible"], copy),
                              **({"printed_title": row["printed_title"] + ("" if copy == 1 else f"（{copy}）")} if row["printed_title"] else {})})
        chapter["tasks"] = tasks
    data["departments"] = departments
    data["annex"] = annex
    return _drop_empty(data)


def _drop_empty(value):
    """asdict() writes every optional field; the YAML an editor writes leaves unset ones out."""
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in (None, [], ())}
    if isinstance(value, (list, tuple)):
        return [_drop_empty(v) for v in value]
    return value


def scaled_progress(progress: dict, k: int) -> dict:
    """The implementation records k times: copy c of a record names copy c of its measures, tasks and
    departments (so each task copy has as many records as the original). Observations stay as they are:
    one per indicator, year and scope."""
    records = []
    for copy in range(1, k + 1):
        for r in progress.get("records") or []:
            records.append({**r, "id": _suffix(r["id"], copy),
                            "title": r["title"] if copy == 1 else f"{r['title']}（{copy}）",
                            **{key: [_suffix(x, copy) for x in r[key]] for key in ("measures", "tasks", "departments")
                               if r.get(key)}})
    return {"records": records, "observations": progress.get("observations") or []}


def write_scaled(k: int, out: Path, source: Path = ROOT / "data" / "plan.yaml") -> Path:
    """The plan k times at `out`, and beside it (progress.yaml) the records of the source's
    progress.yaml k times, when there is one."""
    data = scaled(load_plan(source), k)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    progress = source.with_name("progress.yaml")
    if progress.exists():
        records = scaled_progress(yaml.safe_load(progress.read_text(encoding="utf-8")) or {}, k)
        out.with_name("progress.yaml").write_text(
            yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return out


if __name__ == "__main__":
    factor = int(sys.argv[1])
    print(write_scaled(factor, Path(sys.argv[2])))
