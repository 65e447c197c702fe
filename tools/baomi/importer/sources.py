"""Read input files into raw lines with their source positions.

* ``.txt``: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; detected by trying
  strict decodes in that order. The encoding found is reported.
* ``.docx``: python-docx; body paragraphs and tables in document order. Word list numbering
  (``w:numPr`` on the paragraph or its style) is rebuilt into the visible number when the
  number is not already part of the text; heading styles are kept as heading hints. The
  "line" of a docx line is the 1-based index of its body block (paragraph or table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import grammar
from ..numerals import to_chinese


class SourceError(Exception):
    """The input cannot be read at all (message in Chinese)."""


@dataclass
class RawLine:
    """One line of input text. ``kind``: text | heading | title | table."""

    text: str
    line: int
    kind: str = "text"
    level: int | None = None        # heading level from the Word style
    numbered: str | None = None     # the number rebuilt from Word numbering ("一、", "1.")


@dataclass
class Source:
    path: Path
    kind: str                       # txt | docx
    encoding: str
    lines: list[RawLine] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    # text outside the body that a reader of the file still sees: Word headers and footers and
    # the document properties, as (where, text); checked for 国家秘密 markings on import
    extra: list[tuple[str, str]] = field(default_factory=list)


def read_source(path: Path) -> Source:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SourceError(f"找不到文件 {path}")
    if suffix == ".docx":
        return read_docx(path)
    if suffix in (".txt", ".text", ".md", ""):
        return read_txt(path)
    if suffix == ".doc":
        raise SourceError(f"{path}: 不支持旧版 Word 格式（.doc），请先另存为 .docx")
    raise SourceError(f"{path}: 不支持的文件类型 {suffix}（支持 .docx 和 .txt）")


# --- text -------------------------------------------------------------------------------

def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Text, encoding name, notes. Strict decodes are tried in order; never raises."""
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8（带 BOM）", notes
        except UnicodeDecodeError:
            pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16", notes
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8", notes
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030", notes
    except UnicodeDecodeError:
        pass
    notes.append("既不是有效的 UTF-8 也不是有效的 GB18030，无法识别的字节已替换为 �")
    return data.decode("utf-8", errors="replace"), "UTF-8（有损）", notes


def read_txt(path: Path) -> Source:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: 无法读取：{exc.strerror or exc}") from exc
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(f"{path}: 看起来是二进制文件，不是文本")
    text, enc, notes = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    src = Source(path, "txt", enc, notes=[(1, n) for n in notes])
    for i, line in enumerate(text.split("\n"), start=1):
        src.lines.append(RawLine(line, i))
    return src


# --- docx -------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE_NAME = re.compile(r"^(?:title|标题)$", re.I)
_HAS_MARKER = grammar.loose_marker()


def _val(el, tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(_W + tag)
    return None if child is None else child.get(_W + "val")


class _Numbering:
    """Visible numbers of Word list paragraphs (numbering.xml), counted in document order."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, dict]] = {}   # numId -> ilvl -> {fmt, text, start}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, dict]] = {}
        for an in numbering.findall(_W + "abstractNum"):
            aid = an.get(_W + "abstractNumId")
            abstract[aid] = {}
            for lvl in an.findall(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                abstract[aid][ilvl] = {"fmt": _val(lvl, "numFmt") or "decimal",
                                       "text": _val(lvl, "lvlText") or "",
                                       "start": int(_val(lvl, "start") or 1)}
        for num in numbering.findall(_W + "num"):
            nid = num.get(_W + "numId")
            levels = {k: dict(v) for k, v in abstract.get(_val(num, "abstractNumId"), {}).items()}
            for ov in num.findall(_W + "lvlOverride"):
                ilvl = int(ov.get(_W + "ilvl", "0"))
                start = _val(ov, "startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl]["start"] = int(start)
            self.levels[nid] = levels

    def label(self, num_id: str, ilvl: int) -> str | None:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, {})
        lv = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, lv["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if lv["fmt"] in ("bullet", "none"):
            return None

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            n = counters.get(k, levels.get(k, {}).get("start", 1))
            return _format_number(n, levels.get(k, lv)["fmt"])

        return re.sub(r"%(\d)", repl, lv["text"])


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "ideographLegalTraditional", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting"):
        return to_chinese(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, k = "", n
        for v, s in vals:
            while k >= v:
                out, k = out + s, k - v
        return out.upper() if fmt == "upperRoman" else out
    return str(n)


def _style_chain(style):
    seen = 0
    while style is not None and seen < 10:
        yield style
        style = getattr(style, "base_style", None)
        seen += 1


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) from the paragraph, else from its style chain."""
    p_pr = paragraph._p.pPr
    candidates = [p_pr.find(_W + "numPr") if p_pr is not None else None]
    try:
        for st in _style_chain(paragraph.style):
            sp = st.element.find(_W + "pPr")
            candidates.append(sp.find(_W + "numPr") if sp is not None else None)
    except (KeyError, AttributeError):
        pass
    num_id, ilvl = None, None
    for np in candidates:
        if np is None:
            continue
        num_id = num_id or _val(np, "numId")
        if ilvl is None and _val(np, "ilvl") is not None:
            ilvl = int(_val(np, "ilvl"))
        if num_id:
            break
    if not num_id or num_id == "0":
        return None
    return num_id, ilvl or 0


def _heading(paragraph) -> tuple[str, int | None]:
    try:
        for st in _style_chain(paragraph.style):
            name = (st.name or "").strip()
            m = _HEADING_NAME.match(name)
            if m:
                return "heading", int(m.group(1))
            if _TITLE_NAME.match(name):
                return "title", 0
    except (KeyError, AttributeError):
        pass
    return "text", None


def _cell_text(cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _table_lines(table, index: int) -> list[RawLine]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            key = id(cell._tc)
            cells.append("" if key in seen else _cell_text(cell).replace("|", "\\|"))
            seen.add(key)
        rows.append(cells)
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    if width == 1:  # a framing box: its text is ordinary paragraphs
        return [RawLine(r[0], index) for r in rows]
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = [RawLine("| " + " | ".join(rows[0]) + " |", index, "table"),
           RawLine("|" + "---|" * width, index, "table")]
    out.extend(RawLine("| " + " | ".join(r) + " |", index, "table") for r in rows[1:])
    return out


def read_docx(path: Path) -> Source:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise SourceError("需要 python-docx 才能读取 .docx 文件") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise SourceError(f"{path}: 无法打开 Word 文件：{exc}") from exc
    numbering = _Numbering(document)
    src = Source(path, "docx", "docx")
    body = document.element.body
    index = 0
    for child in body.iterchildren():
        if child.tag == _W + "p":
            index += 1
            para = Paragraph(child, document)
            text = para.text
            kind, level = _heading(para)
            label = None
            np = _num_pr(para)
            if np is not None:
                label = numbering.label(*np)
            if label and text.strip() and not _HAS_MARKER.match(text):
                text = label + text.lstrip()
            elif label and text.strip():
                label = None  # the number is already typed in the text
            parts = text.split("\n")
            for part in parts:
                src.lines.append(RawLine(part, index, kind, level, label))
        elif child.tag == _W + "tbl":
            index += 1
            src.lines.extend(_table_lines(Table(child, document), index))
    src.extra.extend(_outside_body(document))
    return src


_PROPS = (("title", "标题"), ("subject", "主题"), ("keywords", "关键词"), ("category", "类别"),
          ("comments", "备注"), ("content_status", "状态"))
_PARTS = (("header", "页眉"), ("first_page_header", "首页页眉"), ("even_page_header", "偶数页页眉"),
          ("footer", "页脚"), ("first_page_footer", "首页页脚"), ("even_page_footer", "偶数页页脚"))


def _outside_body(document) -> list[tuple[str, str]]:
    """(where, text) of every header and footer paragraph and table cell, and of the document
    properties (文件 → 信息) that can hold a marking."""
    out: list[tuple[str, str]] = []
    for n, section in enumerate(document.sections, 1):
        for attr, name in _PARTS:
            try:
                part = getattr(section, attr)
                if part.is_linked_to_previous:   # no header of its own (or none at all)
                    continue
                texts = [p.text for p in part.paragraphs]
                texts += [c.text for t in part.tables for r in t.rows for c in r.cells]
            except Exception:
                continue
            out.extend((f"第{n}节{name}", t) for t in texts if t.strip())
    props = document.core_properties
    for attr, name in _PROPS:
        try:
            v = getattr(props, attr)
        except Exception:
            continue
        if isinstance(v, str) and v.strip():
            out.append((f"文档属性“{name}”", v))
    return out
