"""What a reader will see: the one normaliser of the publishing guard, the lint's security
rules and the scan of the built handbook.

A marking is judged on the text as it is *seen*, not as it was typed:

1. every character is NFKC-normalised (full-width digits, ＊, ：, ㊙, compatibility ideographs);
   invisible characters are dropped (Unicode categories Cf, Mn, Me: zero-width spaces and joiners,
   U+2060–U+2064, U+FEFF, the soft hyphen U+00AD, bidirectional controls, variation selectors,
   combining marks; Zs, Zl, Zp and control characters: every kind of space, NBSP and the
   ideographic space); Traditional and variant characters become Simplified (機密 → 机密,
   絕密/絶密 → 绝密, 祕密 → 秘密), from `schemas/marking.yaml`;
2. the line breaks that rendering removes are removed: the lines of one Markdown paragraph (or
   list item) are one block, so `…方案，机` / `密★10年…` is read as `…方案，机密★10年…`; blank
   lines, headings, table rows and code lines stay separate blocks, and `|` separates table cells;
   two blocks on consecutive source lines (a list interrupting a paragraph: 本方案绝密 / * 5年)
   are also read across their boundary, for a marking that runs over it and takes nothing of a
   marking found within either block; across a blank line (two paragraphs) nothing is joined;
3. quotes and brackets are seen through (「机密」★10年 is 机密★10年), and in Markdown so are
   emphasis, inline code, backslash escapes, character references (&#23494;), HTML tags and link
   destinations (机**密**★10年 is 机密★10年).

Then a marking is any of (LEVEL is 绝密, 机密 or 秘密; STAR any symbol of `stars` in the data):

- LEVEL[级] STAR [period] — the period (5年, 五年, 6个月, 长期, 2030年12月31日) is optional,
  except after a plain ``*`` (Markdown emphasis), which counts as a star only before a period;
- STAR LEVEL[级] not followed by another word (★机密, ★机密★10年);
- LEVEL period without a star (机密10年, 绝密长期), unless LEVEL is part of another word
  (国家秘密, 工作秘密, 商业秘密… `compound_prefixes`);
- a declared level: 密级：机密, 本文件密级为机密, 密级 | 机密 (a table row), and with any copula of
  `self_copulas` as with 为: 本文件的密级确定为绝密级, 密级属于秘密;
- a level the text declares of itself in prose: a self-name (`self_names`, and the self-names of
  the genres in `schemas/genres.yaml`: 本文件, 本制度, 本办法 …) directly followed by a copula
  (`self_copulas`: 属, 属于, 为, 系, 定为 …) and the level, 级 optional, then optionally words of
  `self_followers` (文件, 国家秘密, 事项 …), and then the end of the clause, a period (十年) or
  保密期限: 本文件属机密级，保密期限十年; 本文件为机密级文件; 本制度属于秘密级国家秘密. Not when
  the level qualifies a word that follows (本规定为秘密级以上…, 依照本办法确定为秘密级的事项), when
  本 ends another word (文本文件…, genres.yaml `words_ending_in_ben`), or in a hypothesis
  (`hypothetical_words`: 如本文件属于机密级，应当…); without the self-name it is never one
  (属于机密级的，应当…; 本办法所称国家秘密…);
- a block or a source line that is nothing but a level (机密, 「绝密」, ## 秘密★).

Three things are *mentions*, never markings (exactly these, nothing else):

- an **enumeration** of levels: a level without a star directly joined (、 ， / 和 或 及 与 以及)
  to another level, e.g. 国家秘密的密级分为绝密、机密、秘密三级; 绝密级、机密级和秘密级;
  保密期限上限为绝密30年、机密20年、秘密10年; 密级：绝密/机密/秘密 (a form to fill in);
- a **bound**: ……的最高密级为绝密级, ……的最低密级是秘密 (``bound_words`` before 密级为/是, without a
  colon, star or period, in a clause without 本 or 此 — 第一条 本汇编的最高密级为机密 is a marking): the level is the predicate of a sentence about a class of information (密码法
  第七条), not this document's level; 定为机密级, 属于绝密级 never matched a marking form;
- a **quoted example**: the marking is the whole content of a pair of quotation marks (“” 「」
  『』 ‘’ "" 〝〞) and the sentence it stands in (up to 。！？； or the end of the block) has one of
  the words of `format_words` outside the quotes (标注, 标志, 格式, 示例, 例如, 如…), e.g.
  标注格式为“密级★保密期限”，例如“机密★5年”. An unclosed quotation mark quotes nothing, and
  「机密」★10年 or “机密”★10年 is a marking (the quotes hold only part of it).

Only the packaged `schemas/marking.yaml` is read: a repository cannot weaken the guard.
"""

from __future__ import annotations

from .htmlsafe import unescape as _html_unescape
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_DROP_CATEGORIES = frozenset(("Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc", "Cs"))
_MARKUP = "*_~`"
# every marking and every 密级 declaration contains 密 (or its variant 宻) as typed: texts and
# blocks without one are skipped before any folding
TRIGGER = re.compile("[密宻]")


@dataclass(frozen=True, slots=True)
class Marking:
    """A 国家秘密 marking: `start`/`end` are offsets in the original text, `text` is the original
    slice, `seen` what a reader sees (normalised), `kind` one of star | star-first | no-star |
    declared | level-only."""

    start: int
    end: int
    text: str
    seen: str
    level: str
    kind: str


class _Defs:
    def __init__(self, raw: dict, genres: dict | None = None):
        self.levels = [str(x) for x in raw["levels"]]
        self.stars = str(raw["stars"])
        self.strict_stars = self.stars.replace("*", "")
        self.variants = {str(k): str(v) for k, v in (raw.get("variants") or {}).items()}
        self.invisible = frozenset(str(raw.get("invisible") or ""))
        self.brackets = frozenset(str(raw["brackets"]))
        self.quote_pairs = {str(k): str(v) for k, v in raw["quote_pairs"].items()}
        self.format_words = [str(w) for w in raw["format_words"]]
        self.prefixes = [str(w) for w in raw["compound_prefixes"]]
        self.joiners = sorted((str(w) for w in raw["enumeration_joiners"]), key=len, reverse=True)
        self.bounds = tuple(str(w) for w in raw.get("bound_words") or ())
        genres = genres or {}
        selves = [str(s) for g in genres.get("genres") or () for s in g.get("self") or ()]
        self.self_names = sorted(set(selves) | {str(w) for w in raw.get("self_names") or ()}, key=len, reverse=True)
        self.ben_words = tuple(str(w)[:-1] for w in genres.get("words_ending_in_ben") or () if str(w).endswith("本"))
        self.copulas = sorted((str(w) for w in raw.get("self_copulas") or ()), key=len, reverse=True)
        self.followers = sorted((str(w) for w in raw.get("self_followers") or ()), key=len, reverse=True)
        self.hypothetical = tuple(str(w) for w in raw.get("hypothetical_words") or ())


@lru_cache(maxsize=1)
def defs() -> _Defs:
    """The marking definitions (schemas/marking.yaml as shipped with baomi, and the self-names of
    the genres of schemas/genres.yaml as shipped: 本办法, 本规定 …)."""
    from .data import Data, packaged_dir

    data = Data([])
    return _Defs(data.load_path(packaged_dir() / "marking.yaml"), data.load_path(packaged_dir() / "genres.yaml"))


def stars() -> str:
    """Every symbol the guard and the lint marking rules accept as the ★ of a marking."""
    return defs().stars


# --- character folding -------------------------------------------------------------------------

class _FoldTable(dict):
    """code point → what a reader sees of it ('' for invisible); for str.translate."""

    def __missing__(self, cp: int) -> str:
        d = defs()
        out = []
        for x in unicodedata.normalize("NFKC", chr(cp)):
            if x == "\n":
                out.append(x)
            elif unicodedata.category(x) in _DROP_CATEGORIES or x in d.invisible:
                continue
            else:
                out.append(d.variants.get(x, x))
        s = "".join(out)
        self[cp] = s
        return s


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """`text` as seen, character by character: NFKC, invisible characters and spaces removed,
    Traditional → Simplified (line breaks kept)."""
    return text.translate(_FOLD)


@lru_cache(maxsize=1)
def _drop_tables():
    d = defs()
    brackets = {ord(c): None for c in d.brackets}
    markup = dict(brackets)
    markup.update({ord(c): None for c in _MARKUP})
    return brackets, markup


# --- the patterns (on folded text, brackets removed) ---------------------------------------------

class _Patterns:
    def __init__(self, d: _Defs):
        lv = "|".join(map(re.escape, d.levels))
        s_all, s_strict = re.escape(d.stars), re.escape(d.strict_stars)
        date = r"[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?"
        cn = "〇零一二两三四五六七八九十百"
        period = rf"(?:{date}|长期|(?:[0-9]+|[{cn}]+)(?:年|个月|月)?)"
        period_ascii = rf"(?:{date}|长期|[0-9]+(?:年|个月|月)?|[{cn}]+(?:年|个月))"
        self.period_nostar = rf"(?:[0-9]+(?:年|个月)|长期)"
        behind = "".join(f"(?<!{re.escape(p)})" for p in d.prefixes)
        self.star = re.compile(
            rf"(?P<level>{lv})级?(?:[{s_strict}][{s_all}]*{period}?|\*+{period_ascii})")
        # a star right after a level belongs to that level (秘密★绝密★30年 is 秘密★ and 绝密★30年)
        after_level = "".join(f"(?<!{re.escape(x)})(?<!{re.escape(x)}级)" for x in d.levels)
        self.star_first = re.compile(
            rf"{after_level}[{s_strict}](?P<level>{lv})级?(?=[{s_all}]|{period}|$|[^{_HAN}])")
        self.nostar = re.compile(rf"{behind}(?P<level>{lv})级?{self.period_nostar}")
        # 密级为机密, and with any copula of the self-declaration: 密级属于机密, 密级确定为绝密级
        copulas = "|".join(map(re.escape, sorted(set(d.copulas) | {"为", "是"}, key=len, reverse=True)))
        self.declared = re.compile(rf"密级(?P<sep>:为|为:|[:|]|{copulas})?(?P<level>{lv})级?")
        # a level declared in prose by the text itself: 本文件属机密级 / 本制度属于秘密级国家秘密
        names = "|".join(map(re.escape, d.self_names))
        followers = "|".join(map(re.escape, d.followers))
        self.self_declared = re.compile(
            rf"(?:{names})(?:{copulas})(?P<level>{lv})级?(?:{followers})*") if names and copulas else None
        # what may follow 本文件属机密级 in a declaration: the end, anything but a Han character
        # (，。 ★ …), a period (十年, 10年) or 保密期限; 本规定为秘密级以上 / 确定为秘密级的 go on with a word
        self.self_after = re.compile(rf"$|[^{_HAN}]|保密期限|{period}")
        self.alone = re.compile(rf"(?:[#>+\-|:]|[0-9]{{1,9}}[.)])*(?P<level>{lv})级?[{s_all}]*[|#]*")
        joiner = "|".join(map(re.escape, d.joiners))
        self.enum_after = re.compile(rf"(?:{joiner})(?:{lv})")
        self.enum_before = re.compile(rf"(?:{lv})级?(?:{self.period_nostar})?(?:{joiner})$")
        self.period_at = re.compile(period)
        self.any_level = re.compile(lv)
        self.stars = frozenset(d.stars)


@lru_cache(maxsize=1)
def _pat() -> _Patterns:
    return _Patterns(defs())


def _candidates(v: str, lone: bool) -> bool:
    p = _pat()
    return bool(p.star.search(v) or p.star_first.search(v) or p.nostar.search(v) or p.declared.search(v)
                or (p.self_declared is not None and p.self_declared.search(v))
                or (lone and p.alone.fullmatch(v)))


# --- Markdown: blocks and markup ------------------------------------------------------------------

_BLOCK_START = re.compile(r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|>|[-*+](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|\|"
                          r"|```|~~~|(?:[-*_][ \t]*){3,}$)")
_SINGLE = re.compile(r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|\||```|~~~|(?:[-*_][ \t]*){3,}$)")
_FENCE = re.compile(r"[ \t]{0,3}(?:```|~~~)")
_MD_INVISIBLE = re.compile(r"\\(?=[!-/:-@\[-`{-~])|\]\([^()\n]*\)|\]\[[^\[\]\n]*\]|<[A-Za-z/!?][^<>\n]*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _md_blocks(text: str) -> list[list[tuple[int, int]]]:
    """Lines grouped as Markdown renders them: a paragraph's lines are one block."""
    blocks: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] | None = None
    fence = False
    for s, e in _lines(text):
        line = text[s:e]
        if fence:
            blocks.append([(s, e)])
            if _FENCE.match(line):
                fence = False
            continue
        if not line.strip(" \t\r"):          # blank for Markdown: only spaces and tabs (not NBSP)
            cur = None
            continue
        if _FENCE.match(line):
            fence = True
            blocks.append([(s, e)])
            cur = None
        elif _SINGLE.match(line):
            blocks.append([(s, e)])
            cur = None
        elif cur is None or _BLOCK_START.match(line):
            cur = [(s, e)]
            blocks.append(cur)
        else:
            cur.append((s, e))
    return blocks


def _quick(text: str, ranges: list[tuple[int, int]], markdown: bool) -> list[str]:
    """The block as seen, cheaply (C-level string operations), in the variants judged."""
    raw = "".join(text[s:e] for s, e in ranges)
    brackets, markup = _drop_tables()
    f = fold(raw)
    out = [f.translate(brackets)]
    if markdown:
        out.append(fold(_MD_INVISIBLE.sub("", raw)).translate(markup))
    return out


class _Seen:
    """One variant of a block as seen: characters with the original offsets they come from."""

    __slots__ = ("chars", "start", "end", "v", "vpos")

    def __init__(self, chars: list[str], start: list[int], end: list[int]):
        self.chars, self.start, self.end = chars, start, end
        brackets = defs().brackets
        self.vpos = [i for i, c in enumerate(chars) if c not in brackets]
        self.v = "".join(chars[i] for i in self.vpos)

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.start[self.vpos[a]], self.end[self.vpos[b - 1]]


def _seen(text: str, ranges: list[tuple[int, int]], markdown: bool) -> list[_Seen]:
    chars: list[str] = []
    start: list[int] = []
    end: list[int] = []
    hidden: set[int] = set()
    for s, e in ranges:
        i = s
        if markdown:
            line = text[s:e]
            for m in _MD_INVISIBLE.finditer(line):
                a, b = m.span()
                if m.group(0).startswith("]"):
                    a += 1                      # the ] itself is a bracket, seen through anyway
                hidden.update(range(s + a, s + b))
            for j, c in enumerate(line):
                if c in _MARKUP:
                    hidden.add(s + j)
        while i < e:
            if markdown and text[i] == "&":
                m = _ENTITY.match(text, i, e)
                if m:
                    for c in fold(_html_unescape(m.group(0))):
                        chars.append(c)
                        start.append(i)
                        end.append(m.end())
                    i = m.end()
                    continue
            for c in text[i].translate(_FOLD):
                chars.append(c)
                start.append(i)
                end.append(i + 1)
            i += 1
    variants = [_Seen(chars, start, end)]
    if markdown:
        keep = [k for k in range(len(chars)) if start[k] not in hidden]
        variants.append(_Seen([chars[k] for k in keep], [start[k] for k in keep], [end[k] for k in keep]))
    return variants


# --- mentions -----------------------------------------------------------------------------------

_SENTENCE_END = frozenset("。!?;")


def _quoted_example(sv: _Seen, a: int, b: int) -> bool:
    d = defs()
    chars = sv.chars
    fa, fb = sv.vpos[a], sv.vpos[b - 1] + 1
    if fa == 0 or fb >= len(chars):
        return False
    op, cl = chars[fa - 1], chars[fb]
    if d.quote_pairs.get(op) != cl or any(c in d.brackets for c in chars[fa:fb]):
        return False
    i = fa - 1
    while i > 0 and chars[i - 1] not in _SENTENCE_END:
        i -= 1
    j = fb + 1
    while j < len(chars) and chars[j] not in _SENTENCE_END:
        j += 1
    around = "".join(chars[i:fa - 1]) + "\u3000" + "".join(chars[fb + 1:j])
    return any(w in around for w in d.format_words)


def _enumerated(v: str, a: int, b: int) -> bool:
    p = _pat()
    return bool(p.enum_after.match(v, b) or p.enum_before.search(v[:a]))


_CLAUSE_END = re.compile(r".*[。!?;,:、|\n]", re.S)


def _bound(before: str) -> bool:
    """True when `before` (the text up to 密级为) ends with ……的 + a bound word and its clause is
    about something other than this text: 核心密码保护信息的最高密级为 (a mention), but 本汇编的
    最高密级为 / 此件的最高密级为 (本 or 此 anywhere in the clause) declares this text's own level (a marking)."""
    for w in defs().bounds:
        if before.endswith("的" + w):
            clause = _CLAUSE_END.sub("", before, count=1)
            return "本" not in clause and "此" not in clause
    return False


def _declared_marks(m: re.Match, v: str) -> bool:
    p = _pat()
    rest = v[m.end():]
    sep = m.group("sep")
    if sep not in (None, ":", "|", ":为", "为:"):
        sep = "为"               # 密级属于 / 密级确定为 … read as 密级为
    if sep in (":", "|", ":为", "为:"):
        return not rest.startswith("的")
    if sep in ("为", "是") and _bound(v[:m.start()]):
        return False    # 最高密级为绝密级: a bound for a class of information, stated in a sentence
    if not rest or rest[0] in p.stars or p.period_at.match(rest):
        return True
    if sep in ("为", "是"):
        return not re.match(f"[{_HAN}]", rest[0])
    return False


def _self_declared_marks(m: re.Match, v: str) -> bool:
    """本文件属机密级 (m) declares this text's level: the clause goes on with nothing but a period
    (，保密期限十年 · 10年) or ends; 本字 begins the self-name (not 文本/成本 …); the clause is no
    hypothesis (如本文件属于机密级，应当……); the level is not one of an enumeration."""
    d, p = defs(), _pat()
    if not p.self_after.match(v, m.end()):
        return False        # 依照本办法确定为秘密级的事项 · 本规定为秘密级以上 …: the level qualifies a noun
    a = m.start()
    if any(v.endswith(w, 0, a) for w in d.ben_words):
        return False
    clause = _CLAUSE_END.sub("", v[:a], count=1)
    if any(clause.startswith(w) or clause.endswith(w) for w in d.hypothetical):
        return False        # 如本文件属于机密级，应当…… · 经审查，若本文件… · 凡本办法…
    return not _enumerated(v, m.start("level"), m.end("level"))


# --- finding ------------------------------------------------------------------------------------

def _judge(text: str, sv: _Seen, lone: bool, found: list[Marking], whole_only: bool = False) -> None:
    p = _pat()
    v = sv.v
    hits: list[tuple[int, int, str, str]] = []
    if not whole_only:
        for m in p.star.finditer(v):
            hits.append((m.start(), m.end(), m.group("level"), "star"))
        for m in p.star_first.finditer(v):
            hits.append((m.start(), m.end(), m.group("level"), "star-first"))
        for m in p.nostar.finditer(v):
            if not _enumerated(v, m.start(), m.end()):
                hits.append((m.start(), m.end(), m.group("level"), "no-star"))
        for m in p.declared.finditer(v):
            if _declared_marks(m, v) and not _enumerated(v, m.start("level"), m.end()):
                hits.append((m.start(), m.end(), m.group("level"), "declared"))
        for m in p.self_declared.finditer(v) if p.self_declared is not None else ():
            if _self_declared_marks(m, v):
                hits.append((m.start(), m.end(), m.group("level"), "declared"))
    if lone:
        m = p.alone.fullmatch(v)
        if m:
            hits.append((m.start("level"), len(v), m.group("level"), "level-only"))
    kept: list[list] = []
    for a, b, level, kind in sorted(hits, key=lambda h: (h[0], -h[1])):
        if a >= b or _quoted_example(sv, a, b):
            continue
        if kept and a < kept[-1][1] and level == kept[-1][2]:
            kept[-1][1] = max(kept[-1][1], b)     # 密级：秘密 and 秘密★ overlap: one marking, 密级：秘密★
            continue
        kept.append([a, b, level, kind])
    for a, b, level, kind in kept:
        s, e = sv.span(a, b)
        found.append(Marking(s, e, text[s:e], v[a:b], level, kind))


def find_markings(text: str, *, markdown: bool = True, lone_words: bool = True) -> list[Marking]:
    """Every 国家秘密 marking a reader would see in `text` (mentions excluded), with offsets in
    `text`, in order. `markdown`: `text` is Markdown source (else plain text whose lines are the
    blocks a reader sees, e.g. text extracted from HTML); `lone_words`: a block that is only a level
    counts (off for word lists such as a search vocabulary)."""
    if not text:
        return []
    has_entity = markdown and "&" in text
    if not TRIGGER.search(text) and not has_entity:
        return []
    found: list[Marking] = []
    blocks = _md_blocks(text) if markdown else [[r] for r in _lines(text)]
    for ranges in blocks:
        entity = has_entity and any("&" in text[s:e] for s, e in ranges)
        if not entity and not any(TRIGGER.search(text, s, e) for s, e in ranges):
            continue
        quick = _quick(text, ranges, markdown)
        lines_alone = lone_words and len(ranges) > 1 and any(
            _pat().alone.fullmatch(q) for r in ranges for q in _quick(text, [r], markdown))
        if not entity and not any("密" in q for q in quick):
            continue
        if not entity and not any(_candidates(q, lone_words) for q in quick) and not lines_alone:
            continue
        for sv in _seen(text, ranges, markdown):
            _judge(text, sv, lone_words, found)
        if lines_alone:                     # a source line that is only a level, inside a paragraph
            for r in ranges:
                for sv in _seen(text, [r], markdown):
                    _judge(text, sv, True, found, whole_only=True)
    # a marking split over two blocks the reader sees one right under the other, on consecutive
    # source lines (a list interrupting a paragraph: 本方案绝密 / * 5年): judge each such boundary,
    # last line of one block with the next's first. Only a marking that runs across the boundary
    # and takes nothing of a marking found within a block counts: across a blank line (two
    # paragraphs) nothing is joined, and 密级：秘密★ / 绝密★30年 stay two markings, each at its line.
    inside = _dedupe(found)
    across: list[Marking] = []
    for prev, nxt in zip(blocks, blocks[1:]):
        (ps, pe), (ns, ne) = prev[-1], nxt[0]
        if ns != pe + 1 or not (TRIGGER.search(text, ps, pe) or TRIGGER.search(text, ns, ne)):
            continue
        pair: list[Marking] = []
        for sv in _seen(text, [(ps, pe), (ns, ne)], markdown):
            _judge(text, sv, False, pair)
        for k in pair:
            if k.start < pe and k.end > ns and not any(k.start < o.end and o.start < k.end for o in inside):
                across.append(k)
    return _dedupe(inside + across) if across else inside


def _dedupe(found: list[Marking]) -> list[Marking]:
    out: list[Marking] = []
    for k in sorted(found, key=lambda k: (k.start, -k.end)):
        if out and k.start < out[-1].end:
            continue
        out.append(k)
    return out


def text_is_classified(text: str) -> bool:
    """True if `text` (Markdown, any number of lines) carries a 国家秘密 marking a reader would see."""
    return bool(find_markings(text))


def secret_level_value(value) -> str | None:
    """The 国家秘密 level a front-matter value claims (机密, 機密, 「机密」, 机密★5年, 密级：绝密,
    机密级), if any."""
    if not isinstance(value, str):
        return None
    brackets, markup = _drop_tables()
    v = fold(value).translate(markup)
    p = _pat()
    m = re.fullmatch(rf"(?:密级(?::为|为:|[:|]|为|是)?)?(?P<level>{p.any_level.pattern})级?"
                     rf"(?:[{re.escape(defs().stars)}].*|{p.period_nostar}.*)?", v, re.S)
    return m.group("level") if m else None
