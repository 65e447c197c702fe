"""Read a policy file's bytes into text, or explain in Chinese why it cannot be read.

UTF-8 with or without BOM and CRLF/LF are accepted (line numbers are those of the stored
file). A file in GB18030/GBK, UTF-16 or a binary file is not guessed at: the caller turns
the returned problem into an `encoding` diagnostic that says how to convert it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReadResult:
    text: str | None
    problem: str | None = None
    line: int = 1
    column: int = 1
    had_bom: bool = False
    had_crlf: bool = False


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and control / len(head) > 0.05


def decode(data: bytes) -> ReadResult:
    had_bom = data.startswith(b"\xef\xbb\xbf")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ReadResult(None, "文件为 UTF-16 编码，请另存为 UTF-8（无 BOM）编码后再提交")
    if had_bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _looks_binary(data):
            return ReadResult(None, "文件不是文本文件（可能是 Word、PDF 或图片等二进制文件）；"
                                    "请用 baomi import 导入 .docx，或另存为 UTF-8 编码的 Markdown")
        line = data[: exc.start].count(b"\n") + 1
        col = len(data[: exc.start].rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        try:
            data.decode("gb18030")
            hint = ("文件似为 GB18030/GBK 编码（Windows 中文编辑器的默认编码），请转换为 UTF-8，例如："
                    "iconv -f GB18030 -t UTF-8 原文件 > 新文件，或在编辑器中“另存为 UTF-8”")
        except UnicodeDecodeError:
            hint = "文件含有无法按 UTF-8 解码的字节，请确认文件编码并另存为 UTF-8"
        return ReadResult(None, f"第{line}行起不是有效的 UTF-8：{hint}", line, col)
    if "\x00" in text:
        return ReadResult(None, "文件含有空字符（NUL），不是有效的文本文件；请另存为 UTF-8 编码的 Markdown")
    had_crlf = "\r\n" in text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ReadResult(text, had_bom=had_bom, had_crlf=had_crlf)


def read_file(path) -> ReadResult:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return ReadResult(None, f"无法读取文件：{exc.strerror or exc}")
    return decode(data)
