"""The grammar of a policy text: every structural marker, label and page anchor, in one place.

A document style is a plug-in (`StylePlugin`): the levels it uses, from the highest down, each
with the pattern of its marker at the start of a line. The parser asks the registered plug-ins
which style a text is drafted in (`detect`), splits run-together lines at any level's marker
(`line_markers`) and reads the marker of each level through the plug-in. Labels (第十条, 第二款,
第三项, （三）) and anchors (art-10, ch-2, p1-ch-3-s-2, art-5-k2-3, sec-1-2) are built here only.

Two styles ship (SPEC): 条款式 — 编, 分编, 章, 节 above 条, and 款/项/目 below — and 公文式 —
一、（一）1.（1）. A new style, or a new level of one, is one `Level` in one plug-in here (or a
`register` call from elsewhere); see CONTRIBUTING.md, "Where to add a rule, a style, an output format".

The importer finds the same levels' markers in messy sources through their tolerant readings
(end of this module: `LOOSE_*`, `import_scan`, `import_marker_at_start`), so that a registered
style is recognised by `baomi import` too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple

from .numerals import parse_chinese, to_chinese

# numerals as the markers write them
NUM = "零〇○一二三四五六七八九两十百千万"
CN_SMALL = "一二三四五六七八九十"


# --- the markers --------------------------------------------------------------------------

RE_BIAN = re.compile(rf"^第([{NUM}\d]+)(编)")          # 编 and 分编 of a code (刑法, 民法典)
RE_FENBIAN = re.compile(rf"^第([{NUM}\d]+)(分编)")
RE_CHAPTER = re.compile(rf"^第([{NUM}\d]+)章")
RE_SECTION = re.compile(rf"^第([{NUM}\d]+)[节節]")   # 節, 條: traditional forms (BM701 fixes them)
RE_ARTICLE = re.compile(rf"^第([{NUM}\d]+)[条條](?:之([{CN_SMALL}]+))?")
RE_ITEM = re.compile(rf"^[（(]([{CN_SMALL}]+)[）)][、.．，]?")
RE_G1 = re.compile(rf"^([{CN_SMALL}]+)[、.．，]")
RE_SUB = re.compile(r"^(\d+)[.．、](?!\d)")
RE_G4 = re.compile(r"^[（(](\d+)[）)][、.．]?")
# a bare marker, as a whole string (a line that is only 第十条, “第一百二十条之六 …)
RE_BARE_MARKER = re.compile(rf"^[“‘]?第[零〇一二三四五六七八九十百千]+(?:[条條章节節编]|分编)(?:之[{CN_SMALL}]+)?$")


# --- citations ----------------------------------------------------------------------------
# How a text names a unit of itself or of another text: 第十条之一, 第二款, 第三项, 第（一）项, 第二章,
# and the relative 本条, 本款, 本章, 本节, 前款, 前两款, 前条. `CITATION_LEVEL` ranks the units
# (章 0 … 项 4); `CITATION_PREVIOUS` says how many 款 back 前款 / 前两款 reach.
CITE_NUM = NUM + "0-9"
RE_CITATION = re.compile(
    rf"第(?P<n>[{CITE_NUM}]+)(?:(?P<art>条)(?:之(?P<sub>[{CN_SMALL}]+))?|(?P<u>款|项|章|节))"
    rf"|第[（(](?P<n2>[{CITE_NUM}]+)[）)]项"
    # 基本条件, 基本章程, 资本款项, 目前条件 are words, not citations
    r"|(?<![基资成根日])(?P<rel>本条(?![例件])|本款(?!项)|本章(?!程)|本节(?![约能])"
    r"|前款|前两款|前二款|前三款|前条(?!件))"
)
CITATION_LEVEL = {"章": 0, "节": 1, "条": 2, "款": 3, "项": 4,
                  "本章": 0, "本节": 1, "本条": 2, "前条": 2, "本款": 3, "前款": 3, "前两款": 3, "前二款": 3,
                  "前三款": 3}
CITATION_PREVIOUS = {"前款": 1, "前两款": 2, "前二款": 2, "前三款": 3}
# an article as an entry names it (schemas/pledge.yaml `article:`): 第十条, 第十条之一, 第十条第二款
_ENTRY_NUM = "零〇一二三四五六七八九十百千"
RE_ARTICLE_ENTRY = re.compile(rf"^第([{_ENTRY_NUM}]+)条(?:之([{_ENTRY_NUM}]+))?(?:第([{_ENTRY_NUM}]+)款)?$")


# --- markers in imported text -------------------------------------------------------------

def loose_marker(units: str = "章节条", digit_lookahead: bool = True) -> re.Pattern:
    """A marker of any level at the start of a line of a source being imported, leading spaces
    allowed: 第N章/节/条 (`units`), （N）, 一、, 1、 (not 1.5 with `digit_lookahead`). Looser than the
    parser's levels: it decides what is no title and where a run-together line may be cut."""
    tail = "(?!\\d)" if digit_lookahead else ""
    return re.compile(rf"^\s*(?:第[零〇一二三四五六七八九十百千\d]+[{units}]|[（(][{CN_SMALL}\d]+[）)]"
                      rf"|[{CN_SMALL}]+[、.．]|\d+[、.．]{tail})")


@dataclass(frozen=True)
class Level:
    """One level of a style. `kind` is the model's name for it (Marker.kind); `name` the word a
    reader uses (章, 项, 一、); `pattern` matches its marker at the start of a line, with the numeral
    in group 1; `number` turns that numeral into an int; `heading` says whether the level may stand
    as a heading of its own (the parser then reads a short line with it as a heading); `anchor`
    names a tier of the level in its page anchor (`tier_anchor`; the kind when empty)."""

    kind: str
    name: str
    pattern: re.Pattern
    heading: bool = False
    number: Callable[[str], int | None] = parse_chinese
    anchor: str = ""

    def match(self, text: str) -> re.Match | None:
        return self.pattern.match(text)


@dataclass
class StylePlugin:
    """A document style: its levels from the highest down, and how it is recognised.

    `signature` names the level whose markers mark a text as drafted in this style, counted in
    blocks of the kinds `signature_blocks` (条款式: an article 第X条 in a paragraph). `tree` says how
    the parser builds the model: "articles" (Policy.articles, with 款/项/目, under a tree of tiers,
    one per heading level above the signature level: 编/分编/章/节, see `tier_levels`) or
    "headings" (a tree of GHeading, one level per entry of `levels`). `list_level` is the kind a
    Markdown ordered-list item takes in a "headings" style."""

    style: str              # its name, as SPEC writes it (model.Style's value for the shipped two)
    levels: tuple[Level, ...]
    signature: str
    signature_blocks: tuple[str, ...] = ("paragraph",)
    tree: str = "headings"
    list_level: str | None = None

    def level(self, kind: str) -> Level:
        return next(lv for lv in self.levels if lv.kind == kind)

    def levels_of(self, kind: str) -> list[Level]:
        return [lv for lv in self.levels if lv.kind == kind]

    def tier_levels(self) -> tuple[Level, ...]:
        """The levels above the signature level that stand as headings (条款式: 编, 分编, 章, 节):
        in a tree="articles" style each is a tier of the model (model.Tier) holding the lower
        ones, whatever the level, so a level added here is read with no change to the parser."""
        top = self.depth(self.signature) - 1
        return tuple(lv for lv in self.levels[:top] if lv.heading)

    def depth(self, kind: str) -> int:
        """1 for the highest level (a "headings" style numbers its GHeading levels so)."""
        return next(i for i, lv in enumerate(self.levels, 1) if lv.kind == kind)

    def score(self, blocks: Iterable) -> int:
        sig = self.levels_of(self.signature)
        return sum(1 for b in blocks if b.kind in self.signature_blocks
                   and any(lv.pattern.match(b.text) for lv in sig))

    def match(self, text: str) -> tuple[Level, re.Match] | None:
        """The first level whose marker opens `text`."""
        for lv in self.levels:
            m = lv.pattern.match(text)
            if m:
                return lv, m
        return None


TIAOKUAN = StylePlugin(
    "条款式",
    (Level("part", "编", RE_BIAN, heading=True),
     Level("subpart", "分编", RE_FENBIAN, heading=True),
     Level("chapter", "章", RE_CHAPTER, heading=True),
     Level("section", "节", RE_SECTION, heading=True),
     Level("article", "条", RE_ARTICLE),
     Level("item", "项", RE_ITEM),
     Level("subitem", "目", RE_SUB),
     Level("subitem", "目", RE_G4)),
    signature="article", tree="articles")

GONGWEN = StylePlugin(
    "公文式",
    (Level("g1", "一、", RE_G1, heading=True),
     Level("g2", "（一）", RE_ITEM, heading=True),
     Level("g3", "1.", RE_SUB, heading=True),
     Level("g4", "（1）", RE_G4, heading=True)),
    signature="g1", signature_blocks=("paragraph", "heading"), tree="headings", list_level="g3")

_STYLES: list[StylePlugin] = [TIAOKUAN, GONGWEN]
_line_markers: tuple[re.Pattern, ...] | None = None


def styles() -> tuple[StylePlugin, ...]:
    """The registered styles, in the order they are tried."""
    return tuple(_STYLES)


def register(plugin: StylePlugin, first: bool = False) -> None:
    """Add a style (tried after the others, or before them with `first`)."""
    global _line_markers
    _STYLES.insert(0, plugin) if first else _STYLES.append(plugin)
    _line_markers = None


def unregister(plugin: StylePlugin) -> None:
    global _line_markers
    _STYLES.remove(plugin)
    _line_markers = None


def plugin(style) -> StylePlugin | None:
    return next((p for p in _STYLES if p.style == style), None)


def detect(blocks) -> StylePlugin | None:
    """The first registered style whose signature marker stands in `blocks`, else None."""
    blocks = list(blocks)
    return next((p for p in _STYLES if p.score(blocks)), None)


def line_markers() -> tuple[re.Pattern, ...]:
    """The marker pattern of every level of every style (each once): a line that begins with one
    starts a new block."""
    global _line_markers
    if _line_markers is None:
        seen: list[re.Pattern] = []
        for p in _STYLES:
            for lv in p.levels:
                if lv.pattern not in seen:
                    seen.append(lv.pattern)
        _line_markers = tuple(seen)
    return _line_markers


# --- labels -------------------------------------------------------------------------------

def ordinal_units(style: "StylePlugin | None" = None) -> dict[str, str]:
    """kind → name of every level written 第N…: the levels of a tree="articles" style from the top
    down to its signature level (条款式: 编, 分编, 章, 节, 条; a level a plug-in adds there, 卷);
    of `style` only when given, else of every registered style."""
    out: dict[str, str] = {}
    for p in ((style,) if style is not None else (TIAOKUAN, *_STYLES)):
        if p.tree == "articles":
            for lv in p.levels[:p.depth(p.signature)]:
                out.setdefault(lv.kind, lv.name)
    return out


# Each builder takes the numeral writer `cn` (to_chinese; a rule passes one that writes "?" for
# a number out of range, so a message about a broken marker never fails itself).

def article_label(num: int, sub: int = 0, cn=to_chinese) -> str:
    """第十条, 第十条之一."""
    return f"第{cn(num)}条" + (f"之{cn(sub)}" if sub else "")


def chapter_label(num: int, cn=to_chinese) -> str:
    return f"第{cn(num)}章"


def section_label(num: int, cn=to_chinese) -> str:
    return f"第{cn(num)}节"


def part_label(num: int, sub: bool = False, cn=to_chinese) -> str:
    """第二编, 第一分编."""
    return f"第{cn(num)}{'分' if sub else ''}编"


def paragraph_label(k: int, cn=to_chinese) -> str:
    """第二款 (k counts from 1)."""
    return f"第{cn(k)}款"


def item_label(n: int, cn=to_chinese) -> str:
    """第三项: how a citation names an item."""
    return f"第{cn(n)}项"


def item_marker(n: int, cn=to_chinese) -> str:
    """（三）: the marker an item opens with (also 公文式's second level)."""
    return f"（{cn(n)}）"


def g1_marker(n: int, cn=to_chinese) -> str:
    """三、: 公文式's first level."""
    return f"{cn(n)}、"


def unit_label(unit: str, n, cn=to_chinese) -> str:
    """The marker or label of number `n` of a level, by the level's name: 第十条 · 第二章 · 第一节 ·
    第二编 · 第一分编, and 第一卷 for any level a plug-in adds above its 条 · （三） (项) · 三、 (g1) ·
    （3） (g4) · 3. (目, g3)."""
    if unit in ordinal_units().values():
        return f"第{cn(n)}{unit}"
    if unit == "项":
        return item_marker(n, cn)
    if unit == "g1":
        return g1_marker(n, cn)
    if unit == "g4":
        return f"（{n}）"
    return f"{n}."


# --- page anchors -------------------------------------------------------------------------

def article_anchor(num: int, sub: int = 0) -> str:
    """art-10, art-10_1 (第十条之一)."""
    return f"art-{num}" + (f"_{sub}" if sub else "")


def line_anchor(line: int) -> str:
    """The anchor of an article without a number: the line it stands on."""
    return f"line-{line}"


def item_anchor(article: str, number, paragraph: int | None = None) -> str:
    """art-5-2, or art-5-k2-2 when items stand in several 款 (`paragraph` counts from 1)."""
    if paragraph is not None:
        return f"{article}-k{paragraph}-{number}"
    return f"{article}-{number}"


def part_anchor(num: int | None) -> str:
    return f"p{num or 0}"


def subpart_anchor(part: int | None, num: int | None) -> str:
    return f"p{part}-sp{num or 0}"


def chapter_anchor(num: int | None, part: int | None = None) -> str:
    """ch-3, or p2-ch-3 in a code whose chapters start again in each 编."""
    return (f"p{part}-" if part is not None else "") + f"ch-{num or 0}"


def section_anchor(chapter: str, num: int | None) -> str:
    """ch-3-s-2 (`chapter` is the chapter's anchor; ch-0 outside any chapter)."""
    return f"{chapter}-s-{num or 0}"


def tier_anchor(kind: str, number: int | None, above: Iterable = ()) -> str:
    """The page anchor of a tier (before the page makes it unique): 编 p2, 分编 p2-sp1, 章 ch-3
    (p2-ch-3 in a 编), 节 under its chapter's anchor ch-3-s-2 (ch-0-s-2 outside any chapter); a
    level a plug-in adds takes its Level's `anchor` (or kind) and its number: volume-1.
    `above`: (kind, number, anchor) of the tiers it stands in, the highest first."""
    above = list(above)

    def inner(k):
        return next((t for t in reversed(above) if t[0] == k), None)

    if kind == "part":
        return part_anchor(number)
    if kind == "subpart":
        p = inner("part")
        return subpart_anchor(p[1] if p else None, number)
    if kind == "chapter":
        p = inner("part")
        return chapter_anchor(number, p[1] if p else None)
    if kind == "section":
        c = inner("chapter")
        return section_anchor(c[2] if c else chapter_anchor(None), number)
    lv = next((lv for p in _STYLES for lv in p.levels if lv.kind == kind), None)
    return f"{(lv.anchor if lv is not None else '') or kind}-{number or 0}"


def heading_anchor(path: Iterable) -> str:
    """sec-1-2: a 公文式 heading, by its numbers from the top."""
    return "sec-" + "-".join(str(n or 0) for n in path)


def division_anchor(line: int) -> str:
    """part-12: an unnumbered heading of a 条款式 text (总则, 附则), by its line."""
    return f"part-{line}"


def heading_tree(style) -> bool:
    """Whether a policy of `style` is read into a tree of headings (公文式 and any plug-in with
    tree="headings") rather than into articles: the units, the page, the diff and the export ask."""
    p = plugin(style)
    return p is not None and p.tree == "headings"


# --- readings of other modules ------------------------------------------------------------
#
# Patterns of the markers and labels above that one module reads in its own way, looser or
# stricter than a level's pattern: each is written here, from the numerals of the markers, so
# that a change to the markers is made in this file; what each is for, and how it differs from
# the levels, is said at it. `tests/test_grammar.py` fails on a marker pattern spelled anywhere
# else in tools/baomi.

# the numerals of a label written in Chinese (as an entry names an article: RE_ARTICLE_ENTRY):
# 第十条, not 第10条, 第两条 or 第一万条
LABEL_NUM = _ENTRY_NUM
# an article's label 第十条 (no 之N), to be put inside a pattern: site/query.py reads it after a
# policy id (BM-05 第十条, the source of a synonym), RE_STATUTE_ARTICLE and RE_OUTLINE_UNIT below
RE_ARTICLE_LABEL = re.compile(rf"第[{LABEL_NUM}]+条")
# an article's label as a whole string, its numeral in Chinese or in digits (第十三条, 第13条),
# group 1: the search index files the article under the key §13 (site/search_index.py);
# assets/search-norm.js writes the same pattern for the browser (a test compares the two)
RE_SEARCH_LABEL = re.compile(rf"^第([{NUM}]+|[0-9]+)条$")
# an article's marker at the start of a line of a statute of the lexicon's corpus (leading
# spaces allowed), the label in group 1: lexicon/build.py files each line under its article
RE_STATUTE_ARTICLE = re.compile(rf"^\s*({RE_ARTICLE_LABEL.pattern})")
# a word that is a numeral or a numbered unit and no more (十二, 第三, 第十条, 三款, 第二编), read
# whole (fullmatch): the lexicon learns no such word (lexicon/build.py)
RE_NUMBERISH = re.compile(rf"第?[{LABEL_NUM}万两]+[条款项章节编目]?")
# what opens the next unit of an article's outline (match): a 项 （三） (（一百） too), a 目 1.
# 1、 １． (1.5 too: no look-ahead), an article 第十条. BM107 (rules/structure/item_ending.py)
# reads an item ending in a colon followed by none of these, nor a heading, as leading into a
# list the outline does not number
RE_OUTLINE_UNIT = re.compile(rf"[（(][{CN_SMALL}百]+[）)]|[0-9０-９]+[.．、]|{RE_ARTICLE_LABEL.pattern}")
# an item's marker opening a paragraph of a quoted article (match): （一） (full-width brackets
# only) or 1. 1． 1、 (ASCII digits): text/language.py lets such a paragraph go on a quotation
# without a “ of its own (刑法修正案: 修改为：“……： then （一）… （二）…)
RE_QUOTED_ITEM = re.compile(rf"（[{CN_SMALL}]+）|[0-9]+[．.、]")
# the article a pledge entry of the front matter names (article: 第十条之一), the label in group 1;
# its numerals those of a citation (xref.py reads the pledge entries as references)
RE_PLEDGE_ARTICLE = re.compile(rf"article:\s*['\"]?(第[{CITE_NUM}]+条(?:之[{CN_SMALL}]+)?)")
# a citation's label with the name before it (保密法第十条, 条例第三款, 第二项), searched inside a
# sentence: laws/cite.py blanks it before comparing a citing sentence with the articles it may mean
RE_CITED_UNIT = re.compile(rf"[\u4e00-\u9fff]*(?:法|条例)?第[{_ENTRY_NUM}0-9]+(?:条|款|项)")


# --- the importer's tolerant readings -----------------------------------------------------
#
# A rule book being imported (a .txt, a .docx, a web page) writes its markers the way people
# type them: half-width brackets (1) (一), full-width digits １．, 1、 for 1., 第10条 with digits,
# markers run into the middle of a line. The readings below are the importer's only
# (baomi.importer.segment): they FIND markers in such sources, which the importer then writes
# in the canonical form the levels above read; the linter and the parser never use them.
#
# Each reading is unanchored (the importer looks for markers at line starts and inside
# run-together lines), has the level's numeral in group 1 (and 之N of an article in group 2),
# and keeps out what only looks like a marker: 一、 in 第一、 or 十一、 is read whole, 1. in 1.5,
# A1. or 3.1. is no marker.

IMPORT_NUM = "零〇一二三四五六七八九十百千两"     # numerals of 第N章 as sources write them (with digits)

# 第十章 第10条 第十條 (節, 條: a traditional-character source; written 节, 条)
LOOSE_BIAN = re.compile(rf"第([{IMPORT_NUM}\d]+)编")
LOOSE_FENBIAN = re.compile(rf"第([{IMPORT_NUM}\d]+)分编")
LOOSE_CHAPTER = re.compile(rf"第([{IMPORT_NUM}\d]+)章")
LOOSE_SECTION = re.compile(rf"第([{IMPORT_NUM}\d]+)[节節]")
LOOSE_ARTICLE = re.compile(rf"第([{IMPORT_NUM}\d]+)[条條](?:之([{CN_SMALL}]+))?")
# （一） (一) （一）、 — 项 of 条款式, the second level of 公文式
LOOSE_ITEM = re.compile(rf"[（(]([{CN_SMALL}]{{1,3}})[）)][、.．]?")
# 一、 一． 一. — not the end of 第一、 or 十一、 (read whole from its start)
LOOSE_G1 = re.compile(rf"(?<![{IMPORT_NUM}第])([{CN_SMALL}]{{1,3}})[、.．]")
# 1. 1、 １． — not 1.5, A1., 3.1. (\d is any decimal digit: full-width ０-９ too)
LOOSE_SUB = re.compile(r"(?<![A-Za-z\d.．])(\d{1,2})[、.．](?!\d)")
# （1） (1) （１）、
LOOSE_G4 = re.compile(r"[（(](\d{1,2})[）)][、.．]?")
# 二、 二级 二类 二等 right after a 一、: a run of numerals (一、二、三级, 一、二类人员), so the 一、 before
# it is no heading (importer/segment.py, read with match on the text after the marker)
LOOSE_NUMERAL_RUN = re.compile(rf"^[{CN_SMALL}]+[、级类等]")

# the tolerant reading of each shipped level's marker (keyed by the level's own pattern); a
# plug-in's level not listed is read by its own pattern, unanchored (`import_reading`)
IMPORT_READINGS: dict[re.Pattern, re.Pattern] = {
    RE_BIAN: LOOSE_BIAN, RE_FENBIAN: LOOSE_FENBIAN, RE_CHAPTER: LOOSE_CHAPTER, RE_SECTION: LOOSE_SECTION,
    RE_ARTICLE: LOOSE_ARTICLE, RE_ITEM: LOOSE_ITEM, RE_G1: LOOSE_G1, RE_SUB: LOOSE_SUB, RE_G4: LOOSE_G4,
}
_unanchored: dict[re.Pattern, re.Pattern] = {}


def import_reading(level: Level) -> re.Pattern:
    """How the importer finds `level`'s marker in a source: its tolerant reading, or the level's
    own pattern without its line anchor (so a plug-in's style is imported with no more code)."""
    r = IMPORT_READINGS.get(level.pattern) or _unanchored.get(level.pattern)
    if r is None:
        src = level.pattern.pattern
        r = _unanchored[level.pattern] = re.compile(src[1:] if src.startswith("^") else src, level.pattern.flags)
    return r


class Found(NamedTuple):
    """A marker found in a source line: its level, where it stands, its numeral as written (group
    1 of the reading) and the 之N of an article (group 2, else None)."""

    level: Level
    start: int
    end: int
    numeral: str
    sub: str | None = None


class MarkerScan:
    """The markers of some levels found left to right, never overlapping, the first level listed
    winning where two could start at the same place: one alternation of the levels' tolerant
    readings (each reading's own groups stay numbered groups; a reading must not use named ones).

    Each branch ends in an empty group that names its level (the last group a match closes),
    so that the branches keep their first characters (第…) and the regex engine its fast search."""

    def __init__(self, levels: Iterable[Level]):
        self.levels = tuple(levels)
        parts: list[str] = []
        self._by_group: dict[int, tuple[Level, int]] = {}     # end group → level, its first group
        g = 1
        for lv in self.levels:
            rx = import_reading(lv)
            parts.append(f"{rx.pattern}()")
            self._by_group[g + rx.groups] = (lv, g if rx.groups else 0)
            g += 1 + rx.groups
        self.pattern = re.compile("|".join(parts) or r"(?!)")

    def _found(self, m: re.Match) -> Found:
        lv, g = self._by_group[m.lastindex]
        if not g:
            return Found(lv, m.start(), m.end(), m.group(0))
        return Found(lv, m.start(), m.end(), m.group(g), m.group(g + 1) if m.lastindex > g + 1 else None)

    def finditer(self, text: str, pos: int = 0):
        for m in self.pattern.finditer(text, pos):
            yield self._found(m)

    def search(self, text: str, pos: int = 0) -> Found | None:
        m = self.pattern.search(text, pos)
        return self._found(m) if m else None

    def match(self, text: str, pos: int = 0) -> Found | None:
        m = self.pattern.match(text, pos)
        return self._found(m) if m else None


_scans: dict[tuple, object] = {}
_scans_for: list[StylePlugin] = []          # the styles registered when _scans was built


def _cached(key: tuple, build, owner=None):
    """What `build` returns, built once per `key` while the same styles are registered (`owner`:
    the plug-in it is built from, kept so that a reused id() is never taken for it)."""
    global _scans_for
    if _scans_for != _STYLES:       # a style registered or removed: build again
        _scans.clear()
        _scans_for = list(_STYLES)
    got = _scans.get(key)
    if got is None or got[0] is not owner:
        got = _scans[key] = (owner, build())
    return got[1]


def import_scan(plugin: StylePlugin, kinds: Iterable[str] | None = None) -> MarkerScan:
    """The importer's scanner for one style: the tolerant readings of its levels (of `kinds`
    only, if given), in the plug-in's order."""
    kinds = tuple(kinds) if kinds is not None else None
    return _cached(("scan", id(plugin), kinds), lambda: MarkerScan(
        lv for lv in plugin.levels if kinds is None or lv.kind in kinds), plugin)


def import_units(plugin: StylePlugin) -> tuple[Level, ...]:
    """A style's levels from the highest down to its signature level (条款式: 编 分编 章 节 条):
    the units whose numbering runs through a text, so that a restart marks a new text."""
    return plugin.levels[:plugin.depth(plugin.signature)]


def import_unit_scan(plugin: StylePlugin) -> MarkerScan:
    """The importer's scanner for a style's units (`import_units`)."""
    return _cached(("units", id(plugin)), lambda: MarkerScan(import_units(plugin)), plugin)


def import_marker_at_start() -> re.Pattern:
    """Any marker of any level of any registered style at the start of a line of a source being
    imported, leading spaces allowed, in its tolerant reading: such a line is no title, is not
    joined to the line before and, short, is a heading. Built from the plug-ins."""
    def build():
        seen: list[str] = []
        for p in _STYLES:
            for lv in p.levels:
                src = import_reading(lv).pattern
                if src not in seen:
                    seen.append(src)
        return re.compile(r"^\s*(?:" + "|".join(f"(?:{s})" for s in seen) + ")")
    return _cached(("start",), build)
