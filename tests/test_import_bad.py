"""Bad input: a clear Chinese message naming the file, exit status 1, and nothing written."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest

from plansite import cli
from support.importing import FIXTURES
from support.paths import ROOT

NOT_A_PLAN = ("关于做好今年科普日活动的通知\n\n各有关单位：\n\n今年全国科普日活动定于九月举行，请各单位认真组织，"
              "广泛开展科普宣传，营造良好氛围。\n\n某某区科学技术协会\n\n2023年8月1日\n").encode("utf-8")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "不是 Word 文件")
    return buffer.getvalue()


CASES = {
    "scanned.pdf": (None, ["PDF 没有文字层（是扫描件或图片）", "文字识别（OCR）", "Word 版"]),
    "encrypted.pdf": (None, ["PDF 已加密", "Word 版或网页版"]),
    "corrupt.pdf": (None, ["PDF 文件损坏"]),
    "empty.txt": (b"", ["文件是空的"]),
    "blank.txt": (b"  \n\n\t\n", ["文件是空的"]),
    "notice.txt": (NOT_A_PLAN, ["不是这一类实施方案的结构", "没有找到以“一、”开头的正文部分", "成文日期 2023年8月1日"]),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ["不支持旧版 Word（.doc）", "另存为”.docx"]),
    "archive.zip": (zip_bytes(), ["不支持的文件格式", "压缩包"]),
    "picture.png": (b"\x89PNG\r\n\x1a\n" + b"\x00\x01" * 300, ["不支持的文件格式", "二进制文件"]),
    "renamed.pdf": (b"<html><body><p>not a pdf</p></body></html>", ["文件名是 PDF，内容却不是"]),
    "broken.docx": (b"PK\x03\x04" + b"\x00" * 100, ["文件名是 Word（.docx），内容却不是"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_a_clear_message_and_nothing_is_written(name, tmp_path, capsys):
    content, pieces = CASES[name]
    source = FIXTURES / name if content is None else tmp_path / name
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out" / "draft.yaml"
    assert cli.run(tmp_path, ["import", str(source), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{source}: 无法导入\n") and captured.err.rstrip().endswith("没有写入任何文件。")
    for piece in pieces:
        assert piece in captured.err, piece
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_a_missing_file_is_named(tmp_path, capsys):
    assert cli.run(tmp_path, ["import", str(tmp_path / "nope.pdf"), "--out", str(tmp_path / "d.yaml")]) == 1
    assert "找不到文件" in capsys.readouterr().err and not (tmp_path / "d.yaml").exists()


def test_the_command_line_fails_without_a_traceback(tmp_path):
    """Once through a real process, as an editor runs it (every message is checked in-process above)."""
    done = subprocess.run([sys.executable, "scripts/build_pages.py", "import", str(FIXTURES / "scanned.pdf"),
                           "--out", str(tmp_path / "d.yaml")], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "PDF 没有文字层" in done.stderr
    assert not (tmp_path / "d.yaml").exists()


def test_a_wrong_command_line_says_how_to_write_it(tmp_path, capsys):
    assert cli.run(tmp_path, ["import"]) == 2
    assert cli.run(tmp_path, ["import", "a.pdf", "--outt", "b.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.count("命令写法不对") == 2 and "用法：python scripts/build_pages.py import SOURCE" in err
