"""Recognise documents and their structure in cleaned lines.

Three steps:

1. ``rejoin``: lines of plain text that were hard-wrapped in the middle of a sentence are
   joined again (never after a heading or a title, never before a marker).
2. ``split_documents``: several documents in one file are cut by a scored decision (dynamic
   programming over candidate starts: title lines of any rule genre, 篇 separators such as
   【第二篇】 / 篇2 / 第二篇, restarts of 第一条 / 第一章 / 一、), so that each document has a
   title and a body whose own numbering runs on; the margin of each start is its confidence.
3. ``scan``: structure markers are found at line starts and inside run-together lines, in
   the tolerant readings of `baomi.grammar` (（1） (1) １． 1、 第10条) of the levels of the style
   the document is drafted in; which style that is, the registered style plug-ins are asked
   (`detect_style`), so a style registered with `grammar.register` is imported as well.
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

from .. import grammar
from ..numerals import parse_chinese
from .clean import Removal
from .sources import RawLine
from ..model import Style

CN = "零〇一二三四五六七八九十百千两"
SENT_END = "。；;：:！!？?"
TITLE_PUNCT = set("。；;：:！!？?，,")
# words that often end a heading title run together with its body (适用范围本规则适用于…)
_HEAD_END = ("范围", "原则", "要求", "内容", "检查", "情况", "职责", "管理", "制度", "规定", "程序", "责任", "措施",
             "材料", "建设", "问题", "建议", "总则", "附则", "目的", "依据", "分工", "机构", "任务", "保障", "考核",
             "奖惩", "罚则", "追究", "监督", "定义", "组织", "审查", "审批", "培训", "教育", "宣传", "处理", "纪律",
             "义务", "条件", "标准", "流程", "事项", "安全", "使用", "保管", "销毁")
_NOT_AFTER_TITLE = "的和与及、之或等应须必不可得将由是在"   # after a subject, not after a title

# 篇 separators (【第二篇】 篇2 第二篇) cut texts apart in one file: they are no level of a style
RE_SEP = re.compile(rf"【\s*(?:第\s*[{CN}\d]+\s*篇|篇\s*[{CN}\d]+)\s*】")
RE_SEP_LINE = re.compile(rf"^\s*(?:第[{CN}\d]+篇|篇[{CN}\d]+)\s*(?:[:：]\s*|$)")
RE_ANNEX_START = re.compile(r"附[件表][ \t\u3000]*(?P<n>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?"
                            r"[ \t\u3000]*(?P<colon>[：:])?")
_SENTENCE_IN = re.compile(r"[。；;！!？?]")
_NOTE_ONLY = re.compile(r"\s*[（(][^（）()]{1,12}[）)]\s*")     # （删去） （略）

# the counters of the 条款式 scanner, by kind (a 分编 counts as a part with sub=1)
T_LEVEL = {"part": 0, "chapter": 1, "section": 2, "article": 3, "item": 4, "subitem": 5}


@dataclass
class Line:
    text: str
    line: int
    kind: str = "text"      # text | heading | title | table
    level: int | None = None


@dataclass
class Block:
    """A unit of output. kind: part division chapter section article item subitem (条款式), g1 g2 g3
    g4 (公文式), the kind of a level of another registered style, para table annex. `marker` is
    the marker as the source wrote it (written out as found for a style whose markers the
    grammar has no writer for)."""

    kind: str
    line: int
    text: str = ""
    number: int | None = None
    sub: int = 0
    title: str = ""
    heading: bool = False
    marker: str = ""


@dataclass
class Document:
    title: str = ""
    title_line: int | None = None
    title_inferred: bool = False
    style: str | None = None
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    uncertain: list[tuple[int, str]] = field(default_factory=list)
    confidence: str = "高"           # how sure the split before this document is: 高 中 低
    margin: float = 0.0              # the score by which this start won
    evidence: list[str] = field(default_factory=list)
    marks: dict = field(default_factory=dict)    # official marks read off the text (see marks.py)

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
        p = grammar.plugin(self.style) if self.style else None
        if p is not None and p.tree == "articles":
            return {"parts": k.count("part"), "chapters": k.count("chapter"), "sections": k.count("section"),
                    "articles": k.count("article"), "items": k.count("item"), "subitems": k.count("subitem"),
                    "paragraphs": k.count("para"), "tables": k.count("table"), "attachments": k.count("annex")}
        # a "headings" style (公文式 一、（一）1.（1）): its levels by depth
        kinds = [lv.kind for lv in p.levels] if p is not None else list(LEVEL_KINDS)
        by_depth = [k.count(kinds[d]) if d < len(kinds) else 0 for d in range(4)]
        return {"chapters": 0, "sections": by_depth[0], "articles": 0,
                "subsections": by_depth[1], "items": by_depth[2], "subitems": by_depth[3],
                "paragraphs": k.count("para"), "tables": k.count("table"), "attachments": k.count("annex")}


@dataclass
class Segmented:
    documents: list[Document]
    removed: list[Removal]


def _num(s: str | None, level: grammar.Level | None = None) -> int | None:
    """The number of a numeral as a source writes it (１２ → 12, 十二 → 12); a plug-in's level
    reads its own numerals (`Level.number`)."""
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    return level.number(s) if level is not None else parse_chinese(s)


def _marker_at_start(text: str) -> re.Match | None:
    """A marker of any registered style at the start of `text` (grammar.import_marker_at_start)."""
    return grammar.import_marker_at_start().match(text)


def is_title_like(text: str) -> bool:
    s = text.strip()
    if not (2 <= len(s) <= 40 and not (set(s) & TITLE_PUNCT) and not _marker_at_start(s)):
        return False
    from .data import genre_of

    return genre_of(s) is not None      # the endings are data: genres.yaml and import.yaml


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
                and not _marker_at_start(stripped) and not is_title_like(stripped)
                and not is_title_like(out[-1].text) and not RE_SEP_LINE.match(stripped)
                and not _is_heading_line(out[-1].text)):
            out[-1].text = out[-1].text.rstrip() + stripped
        else:
            out.append(Line(despace(stripped), raw.line, raw.kind, raw.level))
        prev_blank = False
    return out


_SPREAD = re.compile(r"[\u4e00-\u9fff](?:[ \t\u3000\u2002\u2003]+[\u4e00-\u9fff]){1,5}")


def despace(text: str) -> str:
    """总　　则 → 总则: a short heading spread with spaces (a layout habit) read as its words."""
    s = text.strip()
    return re.sub(r"[ \t\u3000\u2002\u2003]+", "", s) if _SPREAD.fullmatch(s) else s


def _is_heading_line(text: str) -> bool:
    """A line that is a marker plus a short title (一、总则 / 第一章 总则)."""
    s = text.strip()
    m = _marker_at_start(s)
    return bool(m) and len(s) <= 30 and not (set(s[m.end():]) & TITLE_PUNCT)


# --- 2. documents -----------------------------------------------------------------------
#
# Where one document ends and the next begins is a scored decision. Candidate starts are title
# lines (a short line ending in a rule genre of schemas/genres.yaml / import.yaml, or a Word
# Title paragraph), lines where the numbering starts again (第一章, 第一条, 一、) and the places
# of 篇 separators (which must start a document). Dynamic programming picks the starts whose
# documents score best: a document gains for its title and loses for every break in its own
# numbering streams (articles, chapters, 一、 headings, 1、 items) and for a start without a title;
# so a title-like line inside a text (after which the numbering goes on) is not a start, and a
# restart of 第一条 after a finished text is one. The margin by which a start won is reported as
# how sure the split is.

NEG = -1e9
RE_ENDS_TEXT = re.compile(r"(?:起|之日起)(?:施行|执行|实施|生效)。?$|负责解释。?$")
START_COST = 1.0
BREAK = 2.5


def title_score(ln: Line) -> float:
    """How much a line looks like the title of a document (0: not a title)."""
    from .data import genre_of

    if ln.kind == "table":
        return 0.0
    s = ln.text.strip()
    if ln.kind == "title" and 2 <= len(s) <= 60:
        return 4.0
    if not is_title_like(s):
        return 0.0
    return 2.5 if genre_of(s) else 0.0


def _unit_starts(plugin: grammar.StylePlugin, text: str, others: bool = False
                 ) -> list[tuple[grammar.Found, int, int]]:
    """The markers of a style's units (its levels down to the signature: 编 分编 章 节 条; 一、)
    that start a unit in one stripped line, with their number and sub-number (之一). A marker
    counts at the line start, after a sentence end, as the first unit after a note or a title
    (（……通过）第一条), after an article that is only a note (第五条（删去）第六条) or right
    after a higher unit's short title (第一章 总则第一条); a reference such as 本办法第三条 or
    依照第五条 does not. `others`: a marker of another kind opens the line (then no first unit
    follows a title in it)."""
    scan = grammar.import_unit_scan(plugin)
    sig = scan.levels[-1]
    out: list[tuple[grammar.Found, int, int]] = []
    last: grammar.Found | None = None
    for f in scan.finditer(text):
        before = text[:f.start].rstrip()
        n = _num(f.numeral, f.level)
        ok = not before or _after_sentence(before) or (n == 1 and not out and not others and (
            before[-1] in "）)" or is_title_like(before)))
        if not ok and last is not None and last.level is sig and _NOTE_ONLY.fullmatch(text[last.end:f.start]):
            ok = True
        if not ok and last is not None and last.level is not sig:
            gap = text[last.end:f.start]
            ok = len(gap.strip()) <= 30 and not (set(gap) & TITLE_PUNCT)
        if not ok or n is None:
            continue
        out.append((f, n, (_num(f.sub) or 0) if f.sub else 0))
        last = f
    return out


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """Structure numbers that start a unit in one line: (编|分编|章|节|条|g1|g3, number, sub): the
    units of 条款式 (`_unit_starts`), and 公文式's headings 一、 and list items 1、 at the line start
    — the numbering streams by which `split_documents` sees where a text ends."""
    out: list[tuple[str, int, int]] = []
    s = text.strip()
    gw = grammar.GONGWEN
    for kind in (gw.signature, gw.list_level):
        f = grammar.import_scan(gw, (kind,)).match(s)
        if f:
            out.append((kind, _num(f.numeral, f.level) or 0, 0))
    out.extend((f.level.name, n, sub) for f, n, sub in _unit_starts(grammar.TIAOKUAN, s, bool(out)))
    return out


def _stream_penalty(tokens: list[tuple[str, int, int]]) -> tuple[float, int]:
    """(penalty, breaks) of the numbering streams of one document's body."""
    prev: dict[str, tuple[int, int]] = {}
    breaks = 0
    has_g1 = any(k == "g1" for k, _, _ in tokens)
    has_art = any(k == "条" for k, _, _ in tokens)
    for kind, n, sub in tokens:
        if kind == "g3" and (has_g1 or has_art):
            continue       # 1、 items restart under every 一、 heading and in every article
        if kind == "g1" and has_art:
            continue       # 一、 inside articles (lists of a 决定) is not the text's own numbering
        if kind in ("节", "分编"):
            continue       # sections restart per chapter or run on: either is well formed
        if kind == "编" and "章" in prev:
            prev["章"] = (0, -prev["章"][0])   # chapters may restart in a 编 or run on
        p = prev.get(kind)
        if p is None:
            good = n == 1 and sub == 0
        elif kind == "章" and p[1] < 0:
            good = n in (1, -p[1] + 1)
        elif sub:
            good = n == p[0] and sub == p[1] + 1
        else:
            good = n == p[0] + 1
        breaks += 0 if good else 1
        prev[kind] = (n, sub)
    return breaks * BREAK, breaks


def _separators(lines: list[Line]) -> tuple[list[Line], set[int], list[Removal]]:
    """Take 篇 separators (【第二篇】, 篇2, 第二篇) out of the lines; the indexes (in the lines
    returned) where a document must start, the title written just before a separator included."""
    out: list[Line] = []
    forced: set[int] = set()
    removed: list[Removal] = []
    pending = False            # a separator line was seen: the next line starts a document
    for ln in lines:
        text, col = ln.text, 0
        handled = False
        while ln.kind != "table":
            m = RE_SEP.search(text) or (RE_SEP_LINE.match(text) if col == 0 else None)
            if not m:
                break
            handled = True
            before, text = text[:m.start()], text[m.end():]
            removed.append(Removal(ln.line, m.group(0).strip(), "篇序标记", col + m.start() + 1))
            col += m.end()
            k = max((i + 1 for i, ch in enumerate(before) if ch in SENT_END), default=0)
            head, title = before[:k].strip(), before[k:].strip()
            if head:
                out.append(Line(head, ln.line, ln.kind, ln.level))
            if title and len(title) <= 50:
                forced.add(len(out))
                out.append(Line(title, ln.line, "title"))
            elif title:
                forced.add(len(out))
                out.append(Line(title, ln.line, ln.kind, ln.level))
            elif before.strip() == "" and col == m.end() and not text.strip():
                # a separator alone on its line: the title is on the next line, or was just before
                pending = True
            else:
                forced.add(len(out))
        if handled:
            if text.strip():
                if pending:
                    pending = False
                    forced.add(len(out))
                out.append(Line(text.strip(), ln.line, ln.kind, ln.level))
            continue
        if pending:
            pending = False
            if title_score(ln) == 0 and out and title_score(out[-1]) > 0 and len(out) - 1 not in forced:
                forced.add(len(out) - 1)      # 标题 / 篇1 / 正文: the separator follows its title
            else:
                forced.add(len(out))
        out.append(ln)
    return out, forced, removed


@dataclass
class _Seg:
    start: int
    end: int
    score: float
    titled: bool
    breaks: int
    evidence: list[str]


def _segment_score(lines, toks, tscore, forced, a: int, b: int) -> _Seg:
    titled = tscore[a] > 0
    evidence: list[str] = []
    score = 0.0
    if a > 0:
        score -= START_COST
    if titled:
        score += tscore[a]
        evidence.append(f"标题行“{lines[a].text.strip()[:20]}”")
        # the title is followed by the start of a body (第一章, 第一条, 一、, 总则)
        nxt = toks[a + 1] if a + 1 < b else []
        if nxt and nxt[0][1] == 1:
            score += 1.0
    elif a > 0 and a not in forced:
        first = toks[a][0] if toks[a] else None
        if not (first and first[1] == 1 and first[0] in ("章", "条", "g1")):
            return _Seg(a, b, NEG, False, 0, [])
        score -= 2.0
        if RE_ENDS_TEXT.search(lines[a - 1].text):
            score += 1.5            # the text before ends as a rule book ends (……自…起施行。)
        evidence.append(f"编号重新从“{lines[a].text.strip()[:6]}”开始（没有标题）")
    if a in forced:
        evidence.append("篇序标记")
    body = range(a + 1 if titled else a, b)
    if not any(lines[i].text.strip() for i in body):
        return _Seg(a, b, score - 8.0, titled, 0, evidence)
    tokens = [t for i in body for t in toks[i]]
    if not tokens and sum(len(lines[i].text.strip()) for i in body) < 60:
        score -= 3.0        # a title and a line or two: a heading, not a document of its own
    pen, breaks = _stream_penalty(tokens)
    if tokens and not breaks:
        evidence.append("正文编号连续")
    elif breaks:
        evidence.append(f"正文编号有 {breaks} 处不连续")
    return _Seg(a, b, score - pen, titled, breaks, evidence)


def choose_documents(lines: list[Line], forced: set[int]) -> list[_Seg]:
    """The best way to cut `lines` into documents (dynamic programming over the candidates)."""
    n = len(lines)
    if n == 0:
        return []
    toks = [_tokens(ln.text) if ln.kind != "table" else [] for ln in lines]
    tscore = [title_score(ln) for ln in lines]
    cands = sorted({0} | set(forced) | {i for i in range(n) if tscore[i] > 0}
                   | {i for i in range(n) if toks[i] and toks[i][0][1] == 1 and toks[i][0][2] == 0
                      and toks[i][0][0] in ("章", "条", "g1")
                      and lines[i].text.lstrip().startswith(("第", toks[i][0][0] == "g1" and "一" or "第"))})
    cands = [c for c in cands if c < n]
    pos = cands + [n]
    best = [NEG] * len(pos)
    back: list[tuple[int, _Seg] | None] = [None] * len(pos)
    best[0] = 0.0
    for j in range(1, len(pos)):
        b = pos[j]
        for i in range(j - 1, -1, -1):
            a = pos[i]
            if best[i] > NEG / 2:
                seg = _segment_score(lines, toks, tscore, forced, a, b)
                if seg.score > NEG / 2 and best[i] + seg.score > best[j]:
                    best[j], back[j] = best[i] + seg.score, (i, seg)
            if a in forced:     # a document never spans a forced start
                break
    segs: list[_Seg] = []
    j = len(pos) - 1
    while j > 0 and back[j] is not None:
        i, seg = back[j]
        segs.append(seg)
        j = i
    segs.reverse()
    return segs


def _confidence(lines, segs: list[_Seg], k: int, forced: set[int]) -> tuple[str, float]:
    """How sure the start of document k is: the margin its start won by against running the
    previous document on (高 ≥ 4, 中 ≥ 1.5, else 低)."""
    seg = segs[k]
    if seg.start in forced:
        return "高", 99.0
    if k == 0:
        return "高", 99.0
    toks = [_tokens(ln.text) if ln.kind != "table" else [] for ln in lines[segs[k - 1].start:seg.end]]
    off = segs[k - 1].start
    tscore = [title_score(ln) for ln in lines]
    full = [[] for _ in range(off)] + toks
    merged = _segment_score(lines, full, tscore, forced, segs[k - 1].start, seg.end)
    margin = segs[k - 1].score + seg.score - merged.score
    return ("高" if margin >= 4 else "中" if margin >= 1.5 else "低"), round(margin, 1)


def split_documents(lines: list[Line]) -> tuple[list[Document], list[Removal]]:
    lines, forced, removed = _separators(lines)
    segs = choose_documents(lines, forced)
    docs: list[Document] = []
    for k, seg in enumerate(segs):
        d = Document()
        body = lines[seg.start:seg.end]
        if seg.titled:
            d.title, d.title_line = body[0].text.strip(), body[0].line
            body = body[1:]
        d.lines = list(body)
        d.confidence, d.margin = _confidence(lines, segs, k, forced)
        d.evidence = seg.evidence
        if d.confidence == "低":
            d.uncertain.append((d.first_line, f"此处分篇的把握不大（{'；'.join(seg.evidence)}），请核对"))
        docs.append(d)
    docs = [d for d in docs if d.title or any(ln.text.strip() for ln in d.lines)]
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
    marker: str = ""            # as written in the source


def signature_count(plugin: grammar.StylePlugin, lines: list[Line], enough: int | None = None) -> int:
    """How many of a style's signature markers (条款式 第X条, 公文式 一、) stand in the lines as
    markers: where `_unit_starts` counts a unit, or after a space (a source's 第一条　…　第二条).
    Counting stops at `enough`."""
    sig = grammar.import_scan(plugin, (plugin.signature,))
    count = 0
    for ln in lines:
        s = ln.text.strip()
        if sig.search(s) is None:
            continue
        at = {f.start for f, _, _ in _unit_starts(plugin, s) if f.level.kind == plugin.signature}
        at.update(f.start for f in sig.finditer(s) if f.start > 0 and s[f.start - 1].isspace())
        count += len(at)
        if enough is not None and count >= enough:
            break
    return count


def detect_style(doc: Document) -> str | None:
    """The style a document is drafted in, by asking the registered style plug-ins
    (grammar.styles(), in their order): the first whose signature markers stand in the text —
    two for a style of articles (one 第五条 at a line start may be a reference), one for a style
    of headings. Failing that, a text with markers of a headings style's levels anywhere (only
    （一） items, or 1、 lists) is of the first such style, and so is one with any marker at a
    line start; else None (the text is imported as paragraphs)."""
    styles = grammar.styles()
    for p in styles:
        need = 2 if p.tree == "articles" else 1
        if signature_count(p, doc.lines, need) >= need:
            return p.style
    heads = [p for p in styles if p.tree == "headings"]
    for p in heads:
        scan = grammar.import_scan(p)
        if any(scan.search(ln.text) for ln in doc.lines):
            return p.style
    if heads and any(_marker_at_start(ln.text) for ln in doc.lines):
        return heads[0].style
    return None


class _Scanner:
    """Finds accepted markers in the lines of one document, in the tolerant readings of the
    levels of its style (`grammar.import_scan`). A style of articles (条款式) has its counters
    by `T_LEVEL`; a style of headings (公文式, a plug-in's) one counter per level, by depth."""

    def __init__(self, doc: Document):
        self.doc = doc
        # a document of no style is scanned as 公文式: it has none of its markers (detect_style)
        self.plugin = grammar.plugin(doc.style) or grammar.GONGWEN
        # the 条款式 counters and rules, for a style of articles with 条款式's kinds of level
        self.tk = self.plugin.tree == "articles" and {lv.kind for lv in self.plugin.levels} <= {*T_LEVEL, "subpart"}
        self.scan = grammar.import_scan(self.plugin)
        self.c = {k: 0 for k in range(0, max(6, len(self.plugin.levels) + 1))}
        self.subpart = 0
        self.fresh_part = False     # right after a 编: its chapters may start again at 第一章
        self.csub = 0
        self.depth = 0
        self.runs: dict[int, int] = {}
        self.promoted = False
        self.pieces: list[_Piece] = []
        self.annex = False      # past the start of the 附件 part: everything else is its text

    # 附件 -----------------------------------------------------------------------------
    def _annex_start(self, text: str, after: int = 0) -> int | None:
        """Where the 附件 part starts in this line: 附件：… / 附件1 … / 附表一 … at the line start
        or, in run-together text, after a sentence end; only once the body has its structure."""
        if not (self.c[3] > 0 or self.c[1] > 0):
            return None
        for m in RE_ANNEX_START.finditer(text, after):
            before = text[:m.start()].rstrip()
            if before and before[-1] not in SENT_END:
                continue
            if not before:
                rest = text[m.end():]
                if not (m.group("colon") or m.group("n")) and rest.strip():
                    continue    # 附件所列… is a sentence
                if not m.group("colon") and (_SENTENCE_IN.search(text) or
                                             re.match(r"所列|的|中|规定", text[m.end():m.end() + 2])):
                    continue    # 附表一所列的……。 a sentence about the annex
            elif not (m.group("n") or m.group("colon")):
                continue
            return m.start()
        return None

    def _annex(self, ln: Line, text: str) -> None:
        starts = [m.start() for m in RE_ANNEX_START.finditer(text)
                  if m.group("n") and (m.start() == 0 or text[m.start() - 1] in SENT_END or
                                       not re.match(r"所列|的|中|规定", text[m.end():m.end() + 2]))]
        starts = sorted({0, *starts})
        for a, b in zip(starts, starts[1:] + [len(text)]):
            chunk = text[a:b].strip()
            if chunk:
                self.pieces.append(_Piece("annex", ln.line, chunk))

    # sequence -----------------------------------------------------------------------
    def _lv(self, kind: str) -> int:
        return T_LEVEL[kind] if self.tk else self.plugin.depth(kind)

    def _valid(self, kind: str, n: int, sub: int) -> bool:
        if n is None:
            return False
        if self.tk:
            lv = T_LEVEL[kind]
            if kind == "part":
                return n == (self.subpart if sub else self.c[0]) + 1
            if kind == "chapter":
                return n == self.c[1] + 1 or (self.fresh_part and n == 1)
            if kind == "section":
                return n == self.c[2] + 1
            if kind == "article":
                if sub:
                    return n == self.c[3] and sub == self.csub + 1
                return n == self.c[3] + 1
            if kind == "item":
                return self.depth >= 3 and self.c[3] > 0 and n == self.c[4] + 1
            return self.depth >= 4 and n == self.c[lv] + 1
        lv = self._lv(kind)
        if lv <= self.depth:
            return n == self.c[lv] + 1
        return n == 1

    def _accept(self, kind: str, n: int, sub: int) -> None:
        lv = self._lv(kind)
        if self.tk and kind == "part":
            if sub:
                self.subpart = n
            else:
                self.c[0], self.subpart = n, 0
            self.c[2] = self.c[4] = self.c[5] = 0
            self.fresh_part = True
            self.depth = 0
            self.runs.clear()
            return
        if self.tk and kind == "chapter":
            self.fresh_part = False
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
            for k in range(lv + 1, len(self.c)):
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
        if self.annex:
            self._annex(ln, text)
            return
        at = self._annex_start(text)
        if at is not None:
            if at > 0:
                self.feed(Line(text[:at], ln.line, ln.kind, ln.level))
            self.annex = True
            self._annex(ln, text[at:])
            return
        cuts: list[tuple[int, int, str, int, int]] = []  # start, end, kind, number, sub
        last_end = 0
        last_kind = None
        for f in self.scan.finditer(text):
            kind, n = f.level.kind, _num(f.numeral, f.level)
            sub = (_num(f.sub) or 0) if kind == "article" and f.sub else 0
            if self.tk and kind == "subpart":
                kind, sub = "part", 1           # 第一分编: a part numbered within its 编
            if self.tk and kind == "subitem" and self.c[3] > 0 and self.c[4] == 0 and n == 1 or \
                    (self.tk and kind == "subitem" and self.promoted and self.depth == 4):
                kind = "item"   # 1、 used for 项 directly under an article: canonical is （一）
                self.promoted = True
            start = f.start
            if start < last_end:
                continue
            if self._decide(text, start, f.end, kind, n, sub, last_end, last_kind, ln):
                cuts.append((start, f.end, kind, n, sub))
                self._accept(kind, n, sub)
                last_end, last_kind = f.end, kind
        # a 附件 part starting after the last unit of a run-together line
        tail = None
        units = [c for c in cuts if c[2] in ("part", "chapter", "section", "article", "g1")]
        if units:
            at = self._annex_start(text, units[-1][1])
            if at is not None:
                text, tail = text[:at], text[at:]
                cuts = [c for c in cuts if c[0] < at]     # 1． of the 附件 list are not items
        # pieces
        if not cuts or cuts[0][0] > 0:
            head = text[: cuts[0][0]] if cuts else text
            if head.strip():
                hint = ln.kind == "heading"
                self.pieces.append(_Piece("para", ln.line, head.strip(), heading_hint=hint))
        for i, (s, e, kind, n, sub) in enumerate(cuts):
            end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
            body = text[e:end].strip()
            dv = _division_tail(body) if self.tk and i + 1 < len(cuts) else None
            if dv:
                body = body[: -len(dv)].rstrip()
            self.pieces.append(_Piece(kind, ln.line, body, n, sub, ln.kind == "heading", inline=s > 0,
                                      marker=text[s:e].strip()))
            if dv:
                self.pieces.append(_Piece("para", ln.line, dv))
        if tail is not None:
            self.annex = True
            self._annex(ln, tail)

    def _decide(self, text, start, end, kind, n, sub, last_end, last_kind, ln) -> bool:
        lv = self._lv(kind)
        after = text[end:end + 3]
        if start == 0 or not text[:start].strip():
            if kind == "g1" and grammar.LOOSE_NUMERAL_RUN.match(after):
                return False
            if self.tk and kind in ("item", "subitem") and not self._valid(kind, n, sub) and self.c[3] == 0:
                return False
            if (self.tk and kind == "item" and n == 1 and self.c[3] > 0 and self.pieces
                    and self.pieces[-1].kind == "para" and self.pieces[-1].text.rstrip()[-1:] in ("：", ":")):
                return True     # a new 款 with its own list: 下列人员……：（一）…
            if not self._valid(kind, n, sub):
                lv0 = self._lv(kind)
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
        after_end = _after_sentence(text[:start])
        if kind == "g1" and after[:1] in grammar.CN_SMALL and after[:1]:
            return False  # 一、二级
        if valid and after_end:
            return True
        if self.tk and kind == "article" and not sub and after_end and self.c[3] > 0 and n == self.c[3] + 2:
            self.doc.uncertain.append((ln.line, f"条文编号不连续：{text[start:end]}之前缺少一条，请核对"))
            return True     # one article number skipped (a typo such as 笫五十四条 in the source)
        if self.tk and kind == "chapter" and not valid and after_end and n > self.c[1]:
            # a chapter whose number skips (the text lacks 第一章) but which is followed by its
            # title and the next article or the first section: it starts a unit
            rest = text[end:]
            f = grammar.import_scan(self.plugin, ("section", "article")).search(rest, 1)
            titled = f is not None and f.start - (len(rest) - len(rest.lstrip())) <= 30 \
                and not (set(rest[:f.start]) & set("。；;，,：:！？"))
            nf = _num(f.numeral, f.level) if titled else None
            if titled and ((f.level.kind == "section" and nf == 1)
                           or (f.level.kind == "article" and nf == self.c[3] + 1)):
                self.doc.uncertain.append((ln.line, f"章的编号不连续：{text[start:end]}（按章处理），请核对"))
                return True
        if (valid and self.tk and n == 1 and kind in ("chapter", "article") and self.c[1] == 0
                and self.c[3] == 0 and (prev in "）)" or is_title_like(text[:start]))):
            return True     # （……会议通过）第一章 总则: a note before the text's first unit
        if (self.tk and kind == "item" and n == 1 and prev in "：:" and self.c[3] > 0 and self.c[4] > 0
                and not self.runs):
            return True     # ……；核材料，是指：（一）…: a new list, in a new 款 run into the line
        if valid and self.tk and kind in ("chapter", "article") and _division_tail(text[:start]):
            return True     # ……以战时论。附则第四百五十二条: an unnumbered 附则 run into the line
        if valid and self.tk and kind == "article" and last_kind == "article" and \
                _NOTE_ONLY.fullmatch(text[last_end:start]):
            return True     # 第一百九十九条（删去）第二百条: an article that is only a note
        if self.tk and kind == "article" and self.c[3] == 0 and not sub and n > 1:
            seg = text[last_end:start]
            ctx = last_kind in ("part", "chapter", "section") and 0 < len(seg.strip()) <= 40 \
                and not (set(seg) & TITLE_PUNCT)
            if after_end or ctx:     # an excerpt (物权编 starts at 第二百零五条)
                self.doc.uncertain.append((ln.line, f"条文从{text[start:end]}开始，请核对"))
                return True
        if valid and last_kind is not None:
            seg = text[last_end:start]
            title_ctx = 0 < len(seg.strip()) <= 40 and not (set(seg) & TITLE_PUNCT)
            if self.tk:
                if title_ctx and last_kind in ("part", "chapter", "section") and \
                        kind in ("part", "chapter", "section", "article"):
                    return True
            elif title_ctx and lv > self._lv(last_kind) and n == 1:
                return True
        if n == 1 and prev in "：:" and not valid:
            self.runs[lv] = 1
            self.doc.uncertain.append((ln.line, f"句中列举“{text[start:end]}……”未拆分为标题，请核对"))
        return False


def _after_sentence(before: str) -> bool:
    """The text before a marker ends a sentence: 。 or ；…, also inside a closing quote (……。”)."""
    t = before.rstrip()
    if not t:
        return True
    if t[-1] in SENT_END:
        return True
    return t[-1] in "”’」』\"" and len(t) > 1 and t[-2] in SENT_END


def _division_tail(text: str) -> str | None:
    """附则 (总则, 分则, 序言) at the end of run-together text, after a sentence end."""
    t = text.rstrip()
    for dv in DIVISIONS:
        if t.endswith(dv) and len(t) > len(dv) and t[-len(dv) - 1] in SENT_END:
            return dv
    return None


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
        if not s[p:].strip("。；;！!？?，, "):
            continue        # 一、……遵守保密纪律。 is a sentence, not a title and a “。”
        return s[:p], s[p:], False
    return s, "", False


def build_blocks(doc: Document) -> None:
    sc = _Scanner(doc)
    for ln in doc.lines:
        sc.feed(ln)
    pieces = sc.pieces
    blocks: list[Block] = []
    tk = doc.style == Style.TIAOKUAN
    # the heading levels of a plug-in's style (not 条款式, not 公文式): read as 一、 headings are
    own_heads = {lv.kind for lv in sc.plugin.levels if lv.heading and lv.kind not in WRITTEN_KINDS}
    for i, p in enumerate(pieces):
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if p.kind == "annex":
            blocks.append(Block("annex", p.line, p.text))
            continue
        if p.kind == "para" and tk and despace(p.text) in DIVISIONS:
            blocks.append(Block("division", p.line, "", title=despace(p.text), heading=True))
            continue
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
        if p.kind in ("part", "chapter", "section", "g1") or p.kind in own_heads:
            title, body, sure = _split_title(p.text)
            title = despace(title)
            if not sure:
                if body:
                    doc.uncertain.append((p.line, f"标题与正文连排，已拆为标题“{title}”和正文“{body[:12]}……”，请核对"))
                else:
                    doc.uncertain.append((p.line, f"标题“{title[:20]}……”较长或含标点，可能连带了正文，请核对"))
            blocks.append(Block(p.kind, p.line, "", p.number, p.sub, title=title, heading=True, marker=p.marker))
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
            if not child and body and not (set(title) & TITLE_PUNCT) and body[0] not in TITLE_PUNCT \
                    and _sibling_heading(pieces, i):
                # （十四）保密工作记录和材料机关、单位…: its siblings are headings, it runs on into
                # a sentence without a break; left as written, but said
                mark = grammar.item_marker(p.number) if p.number else p.marker
                doc.uncertain.append((p.line, f"“{mark}{title}”像是标题（同级的其他各项是标题），但与正文"
                                              f"“{body[:12]}……”连排，未拆分，请核对"))
            blocks.append(Block("g2", p.line, p.text, p.number))
            continue
        blocks.append(Block(p.kind, p.line, p.text, p.number, p.sub, marker=p.marker))
    doc.blocks = blocks
    if tk:
        _note_runon_articles(doc, pieces)
    if doc.style == Style.GONGWEN:
        canonical_levels(doc)
    if blocks:
        last = next((b for b in reversed(blocks) if b.kind not in ("table", "annex")), None)
        tail = (last.text or last.title) if last else ""
        if tail and tail[-1] not in "。；;！!？?.)）”\"’』」>":
            doc.uncertain.append((doc.last_line, f"正文在“……{tail[-12:]}”处结束，没有句末标点，可能不完整（如网页试读截断）"))


def _sibling_heading(pieces: list[_Piece], i: int) -> bool:
    """Whether another （一） of the same 一、 as pieces[i] is a heading (has 1. under it)."""
    def heads(j: int) -> bool:
        return j + 1 < len(pieces) and pieces[j + 1].kind in ("g3", "g4")

    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(pieces) and pieces[j].kind != "g1":
            if pieces[j].kind == "g2" and heads(j):
                return True
            j += step
    return False


def _cites_kuan(text: str) -> bool:
    """Whether a text cites a 款 (前款, 第二款, 前两款, 本款), as the grammar reads citations."""
    for m in grammar.RE_CITATION.finditer(text):
        if m.group("u") == "款" or (m.group("rel") or "").endswith("款"):
            return True
    return False


def _note_runon_articles(doc: Document, pieces: list[_Piece]) -> None:
    """A 条款式 text whose articles were found run together on a line (a statute pasted onto one
    line): where one 款 ended and the next began is lost, so 前款 may point nowhere (BM304). Said
    once, with the articles that cite a 款."""
    inline = [p for p in pieces if p.kind == "article" and p.inline]
    if len(inline) < 2:
        return
    found: list[tuple[str, int]] = []
    art = None
    for b in doc.blocks:
        if b.kind == "article":
            art = (grammar.article_label(b.number or 0, b.sub), b.line)
        if art and art not in found and _cites_kuan(b.text or ""):
            found.append(art)
    # each article's line only when they are on several lines (a whole statute on one: once)
    one_line = len({ln for _, ln in found}) <= 1
    citing = [lab if one_line else f"{lab}（原文第{ln}行）" for lab, ln in found]
    msg = f"原文条文连排（{len(inline)} 条与上一条在同一行中），款的分段无法恢复"
    if citing:
        msg += "，请核对含“前款”“第二款”等的条文：" + "、".join(citing[:20]) + ("等" if len(citing) > 20 else "")
    else:
        msg += "，请按原件核对各条的分款"
    doc.uncertain.append((inline[0].line, msg))


LEVEL_KINDS = ("g1", "g2", "g3", "g4")
# the kinds whose markers the emitter writes from their numbers (grammar's labels); a level of
# another style keeps its marker as written (Block.marker)
WRITTEN_KINDS = ("part", "subpart", "chapter", "section", "article", "item", "subitem") + LEVEL_KINDS
DIVISIONS = ("序言", "总则", "分则", "附则")    # unnumbered headings of a 条款式 text (parser.PART_HEADINGS)


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
