"""Recognise documents and their structure in cleaned lines.

Three steps:

1. ``rejoin``: lines of plain text that were hard-wrapped in the middle of a sentence are
   joined again (never after a heading or a title, never before a marker).
2. ``split_documents``: several documents in one file — separators such as 【第二篇】 / 篇2 /
   第二篇 (with the title written just before them), or a title line (a short line ending in
   制度/办法/规定/守则/细则/报告…) after body text — each become their own document.
3. ``scan``: structure markers are found at line starts and inside run-together lines.
   A marker inside a line is accepted only if its number is the one expected at its level
   *and* the context makes it a marker: it follows a sentence end (。；：！？) or it is the
   first child right after a short heading title (四、自查内容（一）…). 一、 in 一、二级 is not
   a marker. A list such as “措施：一、…二、…三、…” inside an item is kept in the sentence
   and reported, so that it does not hijack the document's own numbering.

Every character of the cleaned text ends up in exactly one place: a title, a marker (which is
normalised, e.g. 1、→ 1.), or a block's text; what is dropped (篇 separators) is returned as a
removal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..numerals import parse_chinese
from .clean import Removal
from .sources import RawLine
from ..model import Style

CN = "零〇一二三四五六七八九十百千两"
SENT_END = "。；;：:！!？?"
TITLE_PUNCT = set("。；;：:！!？?，,")
_TITLE_WORDS = ("工作办法", "实施细则", "实施办法", "实施方案", "自查报告", "制度", "办法", "规定", "守则", "细则",
                "规则", "规程", "条例", "报告", "方案", "意见", "须知", "总结", "通知")
# words that often end a heading title run together with its body (适用范围本规则适用于…)
_HEAD_END = ("范围", "原则", "要求", "内容", "检查", "情况", "职责", "管理", "制度", "规定", "程序", "责任", "措施",
             "材料", "建设", "问题", "建议", "总则", "附则", "目的", "依据", "分工", "机构", "任务", "保障", "考核",
             "奖惩", "罚则", "追究", "监督", "定义", "组织", "审查", "审批", "培训", "教育", "宣传", "处理", "纪律",
             "义务", "条件", "标准", "流程", "事项", "安全", "使用", "保管", "销毁")
_NOT_AFTER_TITLE = "的和与及、之或等"

RE_SEP = re.compile(rf"【\s*(?:第\s*[{CN}\d]+\s*篇|篇\s*[{CN}\d]+)\s*】")
RE_SEP_LINE = re.compile(rf"^\s*(?:第[{CN}\d]+篇|篇[{CN}\d]+)\s*(?:[:：]\s*|$)")
RE_ANY_MARKER = re.compile(rf"^\s*(?:第[{CN}\d]+[章节条]|[（(][{CN}\d０-９]+[）)]|[{CN}]+[、.．]|[\d０-９]+[、.．](?![\d０-９]))")

_G = re.compile(rf"""
   (?P<g2>[（(](?P<n2>[一二三四五六七八九十]{{1,3}})[）)][、.．]?)
 | (?P<g4>[（(](?P<n4>[\d０-９]{{1,2}})[）)][、.．]?)
 | (?<![{CN}第])(?P<g1>(?P<n1>[一二三四五六七八九十]{{1,3}})[、.．])
 | (?<![A-Za-z\d０-９.．])(?P<g3>(?P<n3>[\d０-９]{{1,2}})[、.．](?![\d０-９]))
""", re.X)
_T = re.compile(rf"""
   (?P<chapter>第(?P<nc>[{CN}\d]+)章)
 | (?P<section>第(?P<ns>[{CN}\d]+)节)
 | (?P<article>第(?P<na>[{CN}\d]+)条(?:之(?P<sa>[一二三四五六七八九十]+))?)
 | (?P<item>[（(](?P<ni>[一二三四五六七八九十]{{1,3}})[）)][、.．]?)
 | (?P<subitem2>[（(](?P<nq>[\d０-９]{{1,2}})[）)])
 | (?<![A-Za-z\d０-９.．])(?P<subitem>(?P<nsub>[\d０-９]{{1,2}})[、.．](?![\d０-９]))
""", re.X)
RE_ARTICLE_START = re.compile(rf"(?:^|[{SENT_END}\s])第[一二三四五六七八九十百]+条")

G_LEVEL = {"g1": 1, "g2": 2, "g3": 3, "g4": 4}
T_LEVEL = {"chapter": 1, "section": 2, "article": 3, "item": 4, "subitem": 5}


@dataclass
class Line:
    text: str
    line: int
    kind: str = "text"      # text | heading | title | table
    level: int | None = None


@dataclass
class Block:
    """A unit of output. kind: chapter section article item subitem g1 g2 g3 g4 para table."""

    kind: str
    line: int
    text: str = ""
    number: int | None = None
    sub: int = 0
    title: str = ""
    heading: bool = False


@dataclass
class Document:
    title: str = ""
    title_line: int | None = None
    title_inferred: bool = False
    style: str | None = None
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    uncertain: list[tuple[int, str]] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        cands = [ln.line for ln in self.lines] + ([self.title_line] if self.title_line else [])
        return min(cands) if cands else 1

    @property
    def last_line(self) -> int:
        cands = [ln.line for ln in self.lines] + ([self.title_line] if self.title_line else [])
        return max(cands) if cands else 1

    def counts(self) -> dict[str, int]:
        k = [b.kind for b in self.blocks]
        if self.style == Style.TIAOKUAN:
            return {"chapters": k.count("chapter"), "sections": k.count("section"),
                    "articles": k.count("article"), "items": k.count("item"), "subitems": k.count("subitem"),
                    "paragraphs": k.count("para"), "tables": k.count("table")}
        return {"chapters": 0, "sections": k.count("g1"), "articles": 0,
                "subsections": k.count("g2"), "items": k.count("g3"), "subitems": k.count("g4"),
                "paragraphs": k.count("para"), "tables": k.count("table")}


@dataclass
class Segmented:
    documents: list[Document]
    removed: list[Removal]


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s)
    return int(s) if s.isdigit() else parse_chinese(s)


def is_title_like(text: str) -> bool:
    s = text.strip()
    return (2 <= len(s) <= 40 and not (set(s) & TITLE_PUNCT) and not RE_ANY_MARKER.match(s)
            and s.endswith(_TITLE_WORDS))


# --- 1. rejoin hard-wrapped lines ------------------------------------------------------

def rejoin(lines: list[RawLine], joinable: bool) -> list[Line]:
    out: list[Line] = []
    prev_blank = True
    for raw in lines:
        text = raw.text.rstrip()
        if not text.strip():
            prev_blank = True
            continue
        if raw.kind == "table":
            out.append(Line(text, raw.line, "table"))
            prev_blank = False
            continue
        stripped = text.strip()
        if (joinable and not prev_blank and out and out[-1].kind == "text"
                and len(out[-1].text.strip()) >= 15 and out[-1].text.rstrip()[-1] not in SENT_END
                and not RE_ANY_MARKER.match(stripped) and not is_title_like(stripped)
                and not is_title_like(out[-1].text) and not RE_SEP_LINE.match(stripped)
                and not _is_heading_line(out[-1].text)):
            out[-1].text = out[-1].text.rstrip() + stripped
        else:
            out.append(Line(stripped, raw.line, raw.kind, raw.level))
        prev_blank = False
    return out


def _is_heading_line(text: str) -> bool:
    """A line that is a marker plus a short title (一、总则 / 第一章 总则)."""
    s = text.strip()
    m = RE_ANY_MARKER.match(s)
    return bool(m) and len(s) <= 30 and not (set(s[m.end():]) & TITLE_PUNCT)


# --- 2. documents -----------------------------------------------------------------------

def split_documents(lines: list[Line]) -> tuple[list[Document], list[Removal]]:
    docs = [Document()]
    removed: list[Removal] = []

    def has_body(d: Document) -> bool:
        return any(ln.text.strip() for ln in d.lines)

    def new_doc(title: str, line: int) -> Document:
        d = Document(title=title, title_line=line)
        docs.append(d)
        return d

    for ln in lines:
        text = ln.text
        col = 0
        handled = False
        while ln.kind != "table":
            m = RE_SEP.search(text) or (RE_SEP_LINE.match(text) if col == 0 else None)
            if not m:
                break
            handled = True
            cur = docs[-1]
            before, text = text[:m.start()], text[m.end():]
            removed.append(Removal(ln.line, m.group(0).strip(), "篇序标记", col + m.start() + 1))
            col += m.end()
            k = max((i + 1 for i, ch in enumerate(before) if ch in SENT_END), default=0)
            head, title = before[:k], before[k:].strip()
            if head.strip():
                cur.lines.append(Line(head.strip(), ln.line, ln.kind, ln.level))
            tline = ln.line
            if not title and not before.strip() and cur.lines and is_title_like(cur.lines[-1].text):
                t = cur.lines.pop()
                title, tline = t.text.strip(), t.line
            if len(title) > 50:  # not a title: keep it as text of the new document
                new_doc("", None).lines.append(Line(title, ln.line))
            elif len(docs) == 1 and not has_body(cur) and not (cur.title and title):
                cur.title = cur.title or title
                cur.title_line = cur.title_line or (tline if title else None)
            else:
                new_doc(title, tline if title else None)
        if handled:
            if text.strip():
                docs[-1].lines.append(Line(text.strip(), ln.line, ln.kind, ln.level))
            continue
        cur = docs[-1]
        titleish = ln.kind == "title" or (ln.kind in ("text", "heading") and is_title_like(text))
        if titleish:
            if not cur.title and not has_body(cur):
                cur.title, cur.title_line = text.strip(), ln.line
                continue
            if has_body(cur):
                new_doc(text.strip(), ln.line)
                continue
            # two titles in a row: the first one becomes a line of text (e.g. an issuing unit)
            cur.lines.append(Line(cur.title, cur.title_line or ln.line))
            cur.uncertain.append((cur.title_line or ln.line, f"连续两行像标题，“{cur.title}”作为正文保留"))
            cur.title, cur.title_line = text.strip(), ln.line
            continue
        cur.lines.append(ln)
    docs = [d for d in docs if d.title or has_body(d)]
    return docs, removed


# --- 3. structure -------------------------------------------------------------------------

@dataclass
class _Piece:
    kind: str
    line: int
    text: str
    number: int | None = None
    sub: int = 0
    heading_hint: bool = False
    inline: bool = False


def detect_style(doc: Document) -> str | None:
    text = "\n".join(ln.text for ln in doc.lines)
    arts = RE_ARTICLE_START.findall("\n" + text)
    if len(arts) >= 2:
        return Style.TIAOKUAN
    if any(RE_ANY_MARKER.match(ln.text) for ln in doc.lines) or any(_G.search(ln.text) for ln in doc.lines):
        return Style.GONGWEN
    return None


class _Scanner:
    """Finds accepted markers in the lines of one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.tk = doc.style == Style.TIAOKUAN
        self.c = {k: 0 for k in range(1, 6)}
        self.csub = 0
        self.depth = 0
        self.runs: dict[int, int] = {}
        self.promoted = False
        self.pieces: list[_Piece] = []

    # sequence -----------------------------------------------------------------------
    def _valid(self, kind: str, n: int, sub: int) -> bool:
        if n is None:
            return False
        if self.tk:
            lv = T_LEVEL[kind]
            if kind == "chapter":
                return n == self.c[1] + 1
            if kind == "section":
                return n == self.c[2] + 1
            if kind == "article":
                if sub:
                    return n == self.c[3] and sub == self.csub + 1
                return n == self.c[3] + 1
            if kind == "item":
                return self.depth >= 3 and self.c[3] > 0 and n == self.c[4] + 1
            return self.depth >= 4 and n == self.c[lv] + 1
        lv = G_LEVEL[kind]
        if lv <= self.depth:
            return n == self.c[lv] + 1
        return n == 1

    def _accept(self, kind: str, n: int, sub: int) -> None:
        lv = (T_LEVEL if self.tk else G_LEVEL)[kind]
        if self.tk and kind == "article":
            self.c[3], self.csub = n, sub
            self.c[4] = self.c[5] = 0
            self.promoted = False
        elif self.tk and kind == "chapter":
            self.c[1], self.c[2] = n, 0
            self.c[4] = self.c[5] = 0
        elif self.tk and kind == "section":
            self.c[2] = n
            self.c[4] = self.c[5] = 0
        else:
            self.c[lv] = n
            for k in range(lv + 1, 6):
                if not (self.tk and k == 3):
                    self.c[k] = 0
        self.depth = lv
        self.runs.clear()

    # one line -------------------------------------------------------------------------
    def feed(self, ln: Line) -> None:
        if ln.kind == "table":
            self.pieces.append(_Piece("table", ln.line, ln.text))
            return
        text = ln.text
        rx = _T if self.tk else _G
        cuts: list[tuple[int, int, str, int, int]] = []  # start, end, kind, number, sub
        last_end = 0
        last_kind = None
        for m in rx.finditer(text):
            if self.tk:
                if m.group("subitem2"):
                    kind, n, sub = "subitem", _num(m.group("nq")), 0
                else:
                    kind = next(k for k in ("chapter", "section", "article", "item", "subitem") if m.group(k))
                    n = _num(m.group({"chapter": "nc", "section": "ns", "article": "na", "item": "ni",
                                      "subitem": "nsub"}[kind]))
                    sub = (_num(m.group("sa")) or 0) if kind == "article" else 0
            else:
                kind = next(k for k in ("g1", "g2", "g3", "g4") if m.group(k))
                n, sub = _num(m.group("n" + kind[1])), 0
            if self.tk and kind == "subitem" and self.c[3] > 0 and self.c[4] == 0 and n == 1 or \
                    (self.tk and kind == "subitem" and self.promoted and self.depth == 4):
                kind = "item"   # 1、 used for 项 directly under an article: canonical is （一）
                self.promoted = True
            start = m.start()
            if start < last_end:
                continue
            if self._decide(text, start, m.end(), kind, n, sub, last_end, last_kind, ln):
                cuts.append((start, m.end(), kind, n, sub))
                self._accept(kind, n, sub)
                last_end, last_kind = m.end(), kind
        # pieces
        if not cuts or cuts[0][0] > 0:
            head = text[: cuts[0][0]] if cuts else text
            if head.strip():
                hint = ln.kind == "heading"
                self.pieces.append(_Piece("para", ln.line, head.strip(), heading_hint=hint))
        for i, (s, e, kind, n, sub) in enumerate(cuts):
            end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
            body = text[e:end].strip()
            self.pieces.append(_Piece(kind, ln.line, body, n, sub, ln.kind == "heading", inline=s > 0))

    def _decide(self, text, start, end, kind, n, sub, last_end, last_kind, ln) -> bool:
        lv = (T_LEVEL if self.tk else G_LEVEL)[kind]
        after = text[end:end + 3]
        if start == 0 or not text[:start].strip():
            if kind == "g1" and re.match(r"^[一二三四五六七八九十]+[、级类等]", after):
                return False
            if self.tk and kind in ("item", "subitem") and not self._valid(kind, n, sub) and self.c[3] == 0:
                return False
            if not self._valid(kind, n, sub):
                lv0 = (T_LEVEL if self.tk else G_LEVEL)[kind]
                backwards = n is not None and 0 < n <= self.c[lv0] and lv0 <= self.depth
                if backwards and not _is_heading_line(text) and not (self.tk and kind == "article"):
                    self.doc.uncertain.append(
                        (ln.line, f"行首的“{text[start:end]}”与前面的编号重复或倒退，作为正文保留，请核对"))
                    return False
                self.doc.uncertain.append((ln.line, f"编号不连续：{text[start:end]}（按行首标记处理）"))
            return True
        prev = text[:start].rstrip()[-1]
        # a list inside a sentence (措施：一、…二、…) keeps its own count
        if lv in self.runs and n == self.runs[lv] + 1:
            self.runs[lv] = n
            return False
        valid = self._valid(kind, n, sub)
        after_end = prev in SENT_END
        if kind == "g1" and re.match(r"^[一二三四五六七八九十]", after):
            return False  # 一、二级
        if valid and after_end:
            return True
        if valid and last_kind is not None:
            seg = text[last_end:start]
            title_ctx = 0 < len(seg.strip()) <= 40 and not (set(seg) & TITLE_PUNCT)
            if self.tk:
                if title_ctx and last_kind in ("chapter", "section") and kind in ("section", "article"):
                    return True
            elif title_ctx and lv > G_LEVEL[last_kind] and n == 1:
                return True
        if n == 1 and prev in "：:" and not valid:
            self.runs[lv] = 1
            self.doc.uncertain.append((ln.line, f"句中列举“{text[start:end]}……”未拆分为标题，请核对"))
        return False


def _split_title(text: str) -> tuple[str, str, bool]:
    """(title, body, sure). A heading title run together with its body is split at a word
    that usually ends a title (适用范围|本规则适用于…)."""
    s = text.strip()
    if not s:
        return "", "", True
    if len(s) <= 40 and not (set(s) & TITLE_PUNCT):
        return s, "", True
    limit = len(s)
    for i, ch in enumerate(s):
        if ch in TITLE_PUNCT:
            limit = i
            break
    for p in range(4, min(limit, 30) + 1):
        if not s[:p].endswith(_HEAD_END):
            continue
        if p < len(s) and (s[p] in _NOT_AFTER_TITLE or s.startswith(_HEAD_END, p)):
            continue
        return s[:p], s[p:], False
    return s, "", False


def build_blocks(doc: Document) -> None:
    sc = _Scanner(doc)
    for ln in doc.lines:
        sc.feed(ln)
    pieces = sc.pieces
    blocks: list[Block] = []
    tk = doc.style == Style.TIAOKUAN
    for i, p in enumerate(pieces):
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if p.kind in ("para", "table"):
            if p.kind == "para" and p.heading_hint and not tk and doc.style == Style.GONGWEN and len(p.text) <= 40:
                # a Word heading without a number: give it the next number of its level
                n = max((b.number or 0 for b in blocks if b.kind == "g1"), default=0) + 1
                blocks.append(Block("g1", p.line, "", n, title=p.text, heading=True))
                doc.uncertain.append((p.line, f"标题“{p.text}”没有编号，已补为第{n}个一级标题"))
                continue
            blocks.append(Block(p.kind, p.line, p.text))
            continue
        if p.kind == "g1" and p.text.endswith(tuple("。；;！!")) and not (nxt and nxt.kind in ("g2", "g3", "g4")):
            title, body, sure = _split_title(p.text)
            if not body:  # 一、不该说的不说。 — a numbered sentence, not a heading
                blocks.append(Block("g1", p.line, p.text, p.number))
                continue
        if p.kind in ("chapter", "section", "g1"):
            title, body, sure = _split_title(p.text)
            if not sure:
                if body:
                    doc.uncertain.append((p.line, f"标题与正文连排，已拆为标题“{title}”和正文“{body[:12]}……”，请核对"))
                else:
                    doc.uncertain.append((p.line, f"标题“{title[:20]}……”较长或含标点，可能连带了正文，请核对"))
            blocks.append(Block(p.kind, p.line, "", p.number, title=title, heading=True))
            if body:
                blocks.append(Block("para", p.line, body))
            continue
        if p.kind == "g2":
            child = nxt is not None and nxt.kind in ("g3", "g4")
            title, body, sure = _split_title(p.text)
            if child and sure:
                blocks.append(Block("g2", p.line, "", p.number, title=title, heading=True))
                continue
            if child and body and not sure and not (set(title) & TITLE_PUNCT):
                doc.uncertain.append((p.line, f"标题与正文连排，已拆为标题“{title}”和正文“{body[:12]}……”，请核对"))
                blocks.append(Block("g2", p.line, "", p.number, title=title, heading=True))
                blocks.append(Block("para", p.line, body))
                continue
            blocks.append(Block("g2", p.line, p.text, p.number))
            continue
        blocks.append(Block(p.kind, p.line, p.text, p.number, p.sub))
    doc.blocks = blocks
    if doc.style == Style.GONGWEN:
        canonical_levels(doc)
    if blocks:
        last = next((b for b in reversed(blocks) if b.kind != "table"), None)
        tail = (last.text or last.title) if last else ""
        if tail and tail[-1] not in "。；;！!？?.)）”\"’』」>":
            doc.uncertain.append((doc.last_line, f"正文在“……{tail[-12:]}”处结束，没有句末标点，可能不完整（如网页试读截断）"))


LEVEL_KINDS = ("g1", "g2", "g3", "g4")


def canonical_levels(doc: Document) -> None:
    """公文式 levels in the order 一、→（一）→1.→（1） with none skipped: a document that goes
    from 一、 straight to 1. has those items written as （一）（二）…, numbers unchanged."""
    stack: list[int] = []          # levels as written, of the open ancestors
    moved: list[int] = []
    for b in doc.blocks:
        if b.kind not in LEVEL_KINDS:
            continue
        written = int(b.kind[1])
        while stack and stack[-1] >= written:
            stack.pop()
        stack.append(written)
        if len(stack) != written:
            b.kind = f"g{len(stack)}"
            moved.append(b.line)
    if moved:
        doc.uncertain.append((moved[0], f"原文层次越级（如“一、”之下直接用“1.”），已按“一、（一）1.（1）”的顺序改写 "
                                        f"{len(moved)} 处，序号不变，请核对"))


def infer_title(doc: Document, stem: str) -> None:
    if doc.title:
        return
    doc.title_inferred = True
    name = re.sub(r"^[\d_\-\s.]+", "", stem).strip()
    if re.search(r"[\u4e00-\u9fff]", name) and len(name) <= 40:
        doc.title = name
        doc.uncertain.append((doc.first_line, f"原文没有标题，暂用文件名“{name}”"))
        return
    text = "".join(ln.text for ln in doc.lines)
    m = re.search(r"本(工作办法|实施细则|制度|办法|规定|细则|守则|规则|规程)", text)
    word = m.group(1) if m else "制度"
    doc.title = "保密管理" + word
    doc.uncertain.append((doc.first_line, f"原文没有标题，暂用“{doc.title}”，请改为正式标题"))


def segment(lines: list[RawLine], *, stem: str = "", joinable: bool = True) -> Segmented:
    joined = rejoin(lines, joinable)
    docs, removed = split_documents(joined)
    titles: dict[str, int] = {}
    for d in docs:
        d.style = detect_style(d)
        build_blocks(d)
        infer_title(d, stem)
        if d.style is None:
            d.uncertain.append((d.first_line, "没有识别出章条或公文式层级结构，全部作为段落导入"))
        if d.title in titles:
            d.uncertain.append((d.title_line or d.first_line,
                                f"标题与同一文件中第{titles[d.title]}篇相同，可能不是原文标题，请核对"))
        titles.setdefault(d.title, docs.index(d) + 1)
    return Segmented(docs, removed)
