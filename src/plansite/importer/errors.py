"""The one error the importer raises: a Chinese message an editor can act on (never a traceback)."""
from __future__ import annotations


class ImportFailure(Exception):
    """Nothing was written. `message` names the file, says what was expected and what was found."""

    def __init__(self, file: str, problem: str, expected: str = "", found: str = "", hint: str = ""):
        self.file, self.problem, self.expected, self.found, self.hint = file, problem, expected, found, hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        lines = [f"{self.file}: 无法导入", f"  问题：{self.problem}"]
        if self.expected:
            lines.append(f"  应为：{self.expected}")
        if self.found:
            lines.append(f"  实际：{self.found}")
        if self.hint:
            lines.append(f"  建议：{self.hint}")
        lines.append("没有写入任何文件。")
        return "\n".join(lines)
