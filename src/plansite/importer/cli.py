"""`python scripts/build_pages.py import SOURCE [--out DRAFT.yaml] [--force]`: the draft is written next to
the data (data/plan.draft.yaml) unless --out says otherwise, never over an existing file without --force,
and never half-written (a temporary file in the same folder, then renamed)."""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from plansite.data.files import write_atomically
from plansite.data.problems import Problem
from plansite.importer import formats, report, structure, verify, writer
from plansite.importer.draft import Draft
from plansite.importer.errors import ImportFailure
from plansite.importer.intermediate import Source

USAGE = "python scripts/build_pages.py import SOURCE [--out DRAFT.yaml] [--force]"


@dataclass
class Result:
    source: Source
    draft: Draft
    text: str  # the draft's YAML
    marked: list[writer.Marked]
    problems: list[Problem]  # what check still finds once every 待核 is accepted (待填 lines aside)
    seconds: float


def import_bytes(data: bytes, name: str, shown_as: str = "草稿", verify_draft: bool = True) -> Result:
    """The whole import in memory: read → structure → write (→ check the resolved draft)."""
    start = time.perf_counter()
    try:
        source = formats.read(data, name)
    except ImportFailure:
        raise
    except Exception as err:  # a library's failure on a broken file: said in Chinese, never a traceback
        raise ImportFailure(name, "文件无法读取（可能已损坏）", expected="完整的文本、网页、Word 或 PDF 文件",
                            found=f"{type(err).__name__}: {str(err)[:200]}", hint="从政府网站重新下载原件再试") from None
    try:
        draft = structure.structure(source)
        text, marked = writer.write(draft, Path(name).name)
    except ImportFailure:
        raise
    except Exception as err:  # a document shaped unlike any seen: said, not a traceback
        raise ImportFailure(name, "导入程序没能理解这份文件的结构", expected="“一、”“（一）”“1.”分层的实施方案",
                            found=f"{type(err).__name__}: {str(err)[:200]}",
                            hint="请把这份文件报告给开发者；也可以改用同一文件的其他格式（Word、PDF、网页）再试") from None
    problems = verify.problems_after_review(text, shown_as) if verify_draft else []
    return Result(source, draft, text, marked, problems, time.perf_counter() - start)


def import_file(path: Path, shown_as: str = "草稿", verify_draft: bool = True) -> Result:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailure(str(path), "找不到文件", expected="要导入的文件的路径", found="文件不存在") from None
    except IsADirectoryError:
        raise ImportFailure(str(path), "这是一个文件夹", expected="要导入的文件", found="文件夹") from None
    except OSError as err:
        raise ImportFailure(str(path), "文件无法读取", found=str(err)) from None
    return import_bytes(data, str(path), shown_as, verify_draft)


class Arguments(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own words are English: say it in Chinese, with the usage
        print(f"命令写法不对（{message}）。\n用法：{USAGE}", file=sys.stderr)
        raise SystemExit(2)


def main(argv: list[str], root: Path, display) -> int:
    parser = Arguments(prog="build_pages.py import", usage=USAGE, add_help=True,
                       description="从公开发布的实施方案（文本、网页、Word、PDF）生成 plan.yaml 草稿")
    parser.add_argument("source", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="草稿文件（默认 data/plan.draft.yaml）")
    parser.add_argument("--force", action="store_true", help="草稿文件已存在时覆盖它")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return 2 if stop.code else 0
    out: Path = args.out or root / "data" / "plan.draft.yaml"
    shown = display(out)
    if out.exists() and not args.force:
        what = "这是网站正在使用的数据文件，" if out.resolve() == (root / "data" / "plan.yaml").resolve() else ""
        print(f"{shown}: {what}已经存在，没有覆盖。\n  如要覆盖，请加 --force；或用 --out 另选文件名。", file=sys.stderr)
        return 1
    try:
        result = import_file(args.source, shown)
    except ImportFailure as failure:
        print(failure.message, file=sys.stderr)
        return 1
    write_atomically(out, result.text)
    print(report.render(result.source, result.draft, result.marked, shown, result.problems, result.seconds), end="")
    return 0
