"""A data problem, said the way an editor can act on it (file:line:column, field, expected, found)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    path: str  # e.g. "annex[3].lead[1]"; "" for the file as a whole
    meaning: str  # the field's meaning in Chinese, e.g. "牵头部门"
    message: str  # what is wrong
    expected: str = ""
    found: str = ""
    hint: str = ""  # e.g. "是不是 kexie（区科协）？"

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = self.path or "（整个文件）"
        if self.meaning:
            field += f"（{self.meaning}）"
        lines = [f"{where}: {field}", f"  问题：{self.message}"]
        if self.expected:
            lines.append(f"  应为：{self.expected}")
        if self.found:
            lines.append(f"  实际：{self.found}")
        if self.hint:
            lines.append(f"  提示：{self.hint}")
        return "\n".join(lines)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.path, self.message)


class PlanError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        body = "\n\n".join(p.format() for p in self.problems)
        return f"{body}\n\n共发现 {len(self.problems)} 处问题，网站没有生成。请逐条修改后再运行检查。"
