"""Remove page furniture and web residue, and say what was removed.

Everything is matched by general patterns (page counters, separator lines, download and
"reading finished" prompts, site footers, repeated banners, collection titles, web
"导读" blurbs), never by the exact sentences of one sample. Each removal keeps the source
line and the character offsets in that line, so nothing disappears silently and a test can
rebuild "input minus removed" exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .. import grammar
from .data import data, furniture_reason, genre_of
from .sources import RawLine

_MARKER_START = grammar.loose_marker("章节条篇")
_SENT_END = "。；;！!？?"

_PAGE = [
    re.compile(r"^(?:第\s*)?\d{1,4}\s*[/／]\s*\d{1,4}\s*(?:页)?$"),
    re.compile(r"^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$"),
    re.compile(r"^[-—－]\s*\d{1,4}\s*[-—－]$"),
    re.compile(r"^page\s+\d+(?:\s+of\s+\d+)?$", re.I),
]
_SEPARATOR = re.compile(r"^[-_=*~—─━·•.。…＿－＝～#\s]{3,}$")
_BUTTON = re.compile(r"^(?:[×✕✖╳xX]|关闭|返回顶部|返回|展开全文|展开|收起|更多|分享|收藏|举报|打印|上一篇|下一篇)$")
# prompts of document-sharing sites and site footers: schemas/import.yaml (prompts_strong, prompts_weak, footer)
_URL_LINE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org|gov|edu|info|cc)(?:[/:?#]\S*)?$",
                       re.I)
_COLLECTION = re.compile(r"^.{2,40}?(?:最新|精选|优选|通用|热门|优秀|范文|合集|汇编|大全|集锦)?[（(【]?\d{1,3}篇[）)】]?$")
_BLURB = re.compile(r"【(?:前言导读|导读|内容简介|简介|摘要|内容提要)】")
_BLURB_WEB = re.compile(r"网友|整理|收编|范文|下载|供您参考|希望对您有所帮助|仅供参考|喜欢就")


@dataclass
class Removal:
    """Text taken out of the input: source line, the exact text, why, and its column."""

    line: int
    text: str
    reason: str
    column: int = 1     # 1-based, in the line as it stood when the removal was made

    def to_json(self) -> dict:
        return {"line": self.line, "column": self.column, "text": self.text, "reason": self.reason}


@dataclass
class Cleaned:
    lines: list[RawLine]
    removed: list[Removal]


def _whole_line_reason(s: str) -> str | None:
    if any(rx.match(s) for rx in _PAGE):
        return "页码"
    if _SEPARATOR.match(s):
        return "分隔线"
    if _BUTTON.match(s):
        return "网页按钮"
    starts_marker = bool(_MARKER_START.match(s))
    if len(s) <= 80 and not starts_marker and data().prompt_strong.search(s):
        return "下载或阅读提示"
    if (len(s) <= 20 and not starts_marker and data().prompt_weak.search(s) and s[-1] not in "。；;：:"
            and not genre_of(s)):      # 医疗器械注册管理办法 is a title, not a 注册 prompt
        return "下载或阅读提示"
    if len(s) <= 120 and not starts_marker and data().footer.search(s) and s[-1] not in "。；;":
        return "网站页脚"
    if _URL_LINE.match(s):
        return "网址"
    if _COLLECTION.match(s) and not starts_marker:
        return "合集标题"
    if not starts_marker:
        return furniture_reason(s)     # the forms of schemas/import.yaml
    return None


def _blurb(text: str) -> tuple[int, int] | None:
    """Span of a web "导读" blurb (with a collection title right before it), if any."""
    m = _BLURB.search(text)
    if not m:
        return None
    end = m.end()
    while end < len(text) and text[end] not in "。！!？?":
        end += 1
    end = min(end + 1, len(text))
    if not _BLURB_WEB.search(text[m.start():end]):
        return None
    start = m.start()
    # a collection title glued before the blurb belongs to it
    back = start
    while back > 0 and text[back - 1] not in _SENT_END + "。：:\n" and start - back < 60:
        back -= 1
    if back < start and _COLLECTION.match(text[back:start].strip()):
        start = back
    return start, end


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def clean(lines: list[RawLine]) -> Cleaned:
    # zero-width spaces and joiners, BOMs inside the text, soft hyphens: web copies are full of
    # them and a reader never sees them (the 国家秘密 markings were judged on the text as read)
    lines = [RawLine(ln.text.translate(_INVISIBLE), ln.line, ln.kind, ln.level, ln.numbered)
             if ln.kind != "table" and any(ord(c) in _INVISIBLE for c in ln.text) else ln for ln in lines]
    removed: list[Removal] = []
    kept: list[RawLine] = []
    short = Counter(ln.text.strip() for ln in lines
                    if 0 < len(ln.text.strip()) <= 40 and ln.kind != "table")
    seen_banner: set[str] = set()
    for ln in lines:
        s = ln.text.strip()
        if not s:
            kept.append(ln)
            continue
        if ln.kind == "table":
            kept.append(ln)
            continue
        reason = _whole_line_reason(s)
        if reason is None and short[s] >= 3 and not _MARKER_START.match(s) and s[-1] not in _SENT_END + "：:":
            if s in seen_banner:
                reason = "重复页眉页脚"
            seen_banner.add(s)
        if reason:
            removed.append(Removal(ln.line, ln.text, reason))
            continue
        span = _blurb(ln.text)
        if span:
            a, b = span
            removed.append(Removal(ln.line, ln.text[a:b], "网页导读", a + 1))
            ln = RawLine(ln.text[:a] + ln.text[b:], ln.line, ln.kind, ln.level, ln.numbered)
        kept.append(ln)
    return Cleaned(kept, removed)
