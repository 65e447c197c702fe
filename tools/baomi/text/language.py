"""Language checks against the reference lexicon and schemas/language.yaml (issue 18).

Pure text functions, one prose line at a time; each returns `Finding`s of its kinds, which the
rules in baomi/rules/language/, punctuation/ and marking/ report and benchmarks/language.py
measures:

- `typos(text, lex)`: ``typo`` — a string one edit from a frequent legal term (same reading,
  similar shape, two neighbouring characters swapped) that the law never writes, no dictionary
  word, aligned to the line's word boundaries (baomi.lexicon);
- `spun(text, data)`: ``spun`` — a machine "synonym" of a secrecy-law term (reviewed list);
- `collocations(text, lex, data)`: ``collocation`` — a verb–object pair the law never uses where
  it always uses another verb of the same group with that object;
- `levels(text, data)`: ``non-level`` — 内部资料, 工作秘密 … listed among the 密级;
- `numerals(text)`: ``numeral-mix`` (二0二四年), ``padded-date`` (2024年03月05日),
  ``doc-number`` (发文字号 〔2024〕3号);
- `pairs(text)`: ``unpaired`` 《》“”（）;
- `redundancy(text, data)`: ``redundant`` (涉及到, 大约…左右);
- `repeats(text, lex)`: ``repeated-word`` (的的, 保密保密);
- `de_particles(text, data)`: ``de-adverbial`` (认真的学习本制度 → 地), ``de-complement``
  (进行的很顺利。→ 得): 的地得 in unambiguous patterns only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import grammar
from .finding import Finding
from ..datamodel import Collocations, Language

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_HAN_CHAR = re.compile(f"[{HAN}]")
_KIND_LABEL = {"reading": "同音字", "shape": "形近字", "swap": "字序颠倒"}


# --- typos -------------------------------------------------------------------------------

def typos(text: str, lex) -> list[Finding]:
    if lex is None or not _HAN_CHAR.search(text):
        return []
    out = []
    for t in lex.typos(text):
        where = f"，如{t.where}" if t.where else ""
        out.append(Finding(t.start, t.end,
                           f"“{t.found}”疑为“{t.term}”之误（{_KIND_LABEL[t.kind]}）：法律文本使用“{t.term}”"
                           f"{t.count}次{where}，从未写作“{t.found}”；如确为“{t.term}”，请改正",
                           t.term, "typo-" + t.kind))
    return out


# --- spun synonyms -----------------------------------------------------------------------

@lru_cache(maxsize=8)
def _spun_table(key: tuple) -> tuple[re.Pattern | None, dict]:
    table = {}
    for term, spun_forms, source in key:
        for s in spun_forms:
            table[s] = (term, source)
    if not table:
        return None, table
    return re.compile("|".join(re.escape(s) for s in sorted(table, key=len, reverse=True))), table


def spun(text: str, data: Language) -> list[Finding]:
    rx, table = _spun_table(tuple((e.term, e.spun, e.source) for e in data.spun))
    if rx is None:
        return []
    out = []
    for m in rx.finditer(text):
        term, source = table[m.group(0)]
        out.append(Finding(m.start(), m.end(),
                           f"“{m.group(0)}”不是法定用语，应为“{term}”（{source}）：法律从不变换这一说法，"
                           "改写的用语会使制度与上位法不一致", term, "spun"))
    return out


# --- collocations ------------------------------------------------------------------------

def _colloc_groups(lex, conf: Collocations) -> list:
    """[(group, {object: {verb: count}}, {first char: [objects, longest first]})], once per lexicon."""
    key = conf.groups
    cache = lex.__dict__.setdefault("_colloc", {})
    hit = cache.get(key)
    if hit is not None:
        return hit
    table = lex.data.get("collocations") or {}
    out = []
    for group in conf.groups:
        objs: dict[str, dict[str, int]] = {}
        for v in group:
            for o, n in (table.get(v) or {}).items():
                objs.setdefault(o, {})[v] = n
        first: dict[str, list[str]] = {}
        for o in sorted(objs, key=len, reverse=True):
            first.setdefault(o[0], []).append(o)
        if objs:
            out.append((group, objs, first))
    cache[key] = out
    return out


def collocations(text: str, lex, data: Language) -> list[Finding]:
    if lex is None or not lex.data.get("collocations"):
        return []
    conf = data.collocations
    min_count = conf.min_count
    mods = sorted(conf.modifiers, key=len, reverse=True)
    out = []
    for group, objs, first in _colloc_groups(lex, conf):
        for v in group:
            start = 0
            while True:
                i = text.find(v, start)
                if i < 0:
                    break
                start = i + 1
                j = i + len(v)
                for mod in mods:
                    if text.startswith(mod, j):
                        j += len(mod)
                        break
                o = next((o for o in first.get(text[j:j + 1], ()) if text.startswith(o, j)), None)
                if o is None:
                    continue
                uses = objs[o]
                if uses.get(v, 0) > 0:
                    continue
                best = max(uses, key=lambda x: uses[x])
                if uses[best] < min_count:
                    continue
                if not (lex.aligned(text, i, i + len(v)) and lex.aligned(text, j, j + len(o))):
                    continue
                out.append(Finding(i, j + len(o),
                                   f"“{text[i:j + len(o)]}”搭配不当：法律文本中“{o}”与“{best}”连用"
                                   f"（{uses[best]}次），从不与“{v}”连用；是否应为“{best}{text[i + len(v):j + len(o)]}”？",
                                   best + text[i + len(v):j + len(o)], "collocation"))
    out.sort(key=lambda f: f.start)
    return out


# --- classification levels ---------------------------------------------------------------

_JOIN = r"(?:以及|或者|、|和|或|及|与)"


@lru_cache(maxsize=8)
def _levels_rx(levels: tuple, non_levels: tuple) -> re.Pattern:
    lv = "|".join(map(re.escape, levels))
    nl = "|".join(map(re.escape, sorted(non_levels, key=len, reverse=True)))
    item = rf"(?:(?<!国家)(?<!工作)(?<!商业)(?:{lv})级?|(?:{nl})级?)"
    return re.compile(rf"{item}(?:{_JOIN}{item})+")


_AFTER_LIST = re.compile(r"(?:[，。；：）)、]|$|[三四五六七八]个?(?:等级|级|类)|等(?:级|密级)|(?:密级|级别|等级))")
# the count a list of levels may be followed by (四级, 四个等级, 三类), and the numerals it is written in
_COUNTS = "〇一二三四五六七八九"
_COUNT_AFTER = re.compile(r"([二三四五六七八九])(个?(?:等级|级|类))")
# after a list whose non-level is a name of its own (内部资料, 工作秘密), what is classified may follow
_AFTER_NAMED = re.compile(r"(?:国家秘密|事项|文件|资料|载体|信息|的)")


def levels(text: str, data: Language) -> list[Finding]:
    lv, nl = data.classification.levels, data.classification.non_levels
    if not nl or "密" not in text:
        return []
    rx = _levels_rx(lv, nl)
    item_rx = re.compile("|".join(map(re.escape, sorted(lv + nl, key=len, reverse=True))))
    join_rx = re.compile(_JOIN)
    out = []
    for m in rx.finditer(text):
        items = [(k.start() + m.start(), k.group(0)) for k in item_rx.finditer(m.group(0))]
        named = [x for x in items if x[1] in lv]
        bad = [x for x in items if x[1] in nl]
        if len({x[1] for x in named}) < 2 or not bad:
            continue
        if not (_AFTER_LIST.match(text, m.end())
                or (all(len(w) >= 4 or w.startswith("内部") for _, w in bad) and _AFTER_NAMED.match(text, m.end()))):
            continue
        # the list without its non-levels, its last joiner (和, 及 …) kept before its last item
        parts = join_rx.split(m.group(0))
        joins = [j for j in join_rx.findall(m.group(0)) if j != "、"]
        kept = [p for p in parts if not any(p == w or p == w + "级" for w in nl)]
        fixed, end = None, m.end()
        if len(kept) >= 2:
            fixed = "、".join(kept[:-1]) + (joins[-1] if joins else "、") + kept[-1]
            # a count after the list (…和内部资料四级) counts the items left, or the text would
            # list three levels and call them four
            c = _COUNT_AFTER.match(text, m.end())
            if c and _COUNTS.index(c.group(1)) != len(kept):
                fixed += (_COUNTS[len(kept)] if len(kept) < len(_COUNTS) else c.group(1)) + c.group(2)
                end = c.end()
        for a, w in bad:
            out.append(Finding(a, a + len(w), f"“{w}”不是国家秘密的密级，不能与绝密、机密、秘密并列："
                               "保密法第十四条规定国家秘密只分绝密、机密、秘密三级；不属于国家秘密的事项另行表述"
                               "（如“工作秘密”“内部事项”）", fixed, "non-level", None, m.start(), end))
    return out


# --- numbers and dates (GB/T 15835-2011, GB/T 9704-2012) ---------------------------------

_CN = "〇零一二三四五六七八九"
R_MIXED = re.compile(rf"[{_CN}0０]*(?:[{_CN}][0０]|[0０][{_CN}])[{_CN}0０]*(?=年|月|日|号|届|次|期)")
R_PADDED = re.compile(r"(?<![0-9])([0-9]{4})年([0-9]{1,2})月(?:([0-9]{1,2})日)?")
R_DOCNO = re.compile(
    rf"(?P<org>[{HAN}]{{1,10}})[ \t]*(?P<open>[\[【［(（〈<〖｛{{])[ \t]*(?P<y>(?:19|20)[0-9]{{2}})[ \t]*"
    rf"(?P<close>[\]】］)）〉>〗｝}}])[ \t]*(?P<di>第)?[ \t]*(?P<n>[0-9]+)[ \t]*号"
    rf"|(?P<org2>[{HAN}]{{1,10}})〔(?P<y2>(?:19|20)[0-9]{{2}})〕(?P<di2>第)?(?P<n2>[0-9]+)号")


def numerals(text: str) -> list[Finding]:
    out = []
    if "0" in text or "０" in text:
        for m in R_MIXED.finditer(text):
            s = m.group(0)
            fixed = s.replace("0", "〇").replace("０", "〇")
            out.append(Finding(m.start(), m.end(), f"“{s}”混用汉字数字和阿拉伯数字“0”：汉字数字的零写作“〇”"
                               f"（{fixed}），或全部使用阿拉伯数字（GB/T 15835-2011）", fixed, "numeral-mix"))
    if "月" in text:
        for m in R_PADDED.finditer(text):
            mo, d = m.group(2), m.group(3)
            if not (mo.startswith("0") or (d or "").startswith("0")):
                continue
            fixed = f"{m.group(1)}年{int(mo)}月" + (f"{int(d)}日" if d is not None else "")
            out.append(Finding(m.start(), m.end(), f"日期“{m.group(0)}”中的月、日不加“0”补位，应为“{fixed}”"
                               "（GB/T 9704-2012 7.3.5.3）", fixed, "padded-date"))
    if "号" in text:
        for m in R_DOCNO.finditer(text):
            if m.group("org") is not None:
                org, y, di, n, g = m.group("org"), m.group("y"), m.group("di"), m.group("n"), "org"
                problems = [f"年份应使用六角括号“〔〕”，不用“{m.group('open')}{m.group('close')}”"]
            else:
                org, y, di, n, g = m.group("org2"), m.group("y2"), m.group("di2"), m.group("n2"), "org2"
                problems = []
            if di:
                problems.append("发文顺序号不加“第”字")
            if len(n) > 1 and n.startswith("0"):
                problems.append("发文顺序号不编虚位（不写作“01”）")
            if not problems:
                continue
            fixed = f"{org}〔{y}〕{int(n)}号"
            a = m.start(g) + len(org)
            out.append(Finding(a, m.end(), f"发文字号“{m.group(0)[len(org):].strip()}”格式不规范："
                               + "；".join(problems) + f"，应为“{fixed[len(org):]}”（GB/T 9704-2012 7.2.4）",
                               fixed[len(org):], "doc-number"))
    out.sort(key=lambda f: f.start)
    return out


# --- paired marks ------------------------------------------------------------------------

_OPEN = {"《": "》", "（": "）"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def pairs(text: str) -> list[Finding]:
    if not any(c in text for c in "《》（）"):
        return []
    stack: list[tuple[int, str]] = []
    bad: list[tuple[int, str, str]] = []
    for i, c in enumerate(text):
        if c in _OPEN:
            stack.append((i, c))
        elif c in _CLOSE:
            if stack and stack[-1][1] == _CLOSE[c]:
                stack.pop()
            elif any(o == _CLOSE[c] for _, o in stack):
                while stack and stack[-1][1] != _CLOSE[c]:
                    j, o = stack.pop()
                    bad.append((j, o, f"“{o}”没有与之配对的“{_OPEN[o]}”"))
                stack.pop()
            else:
                bad.append((i, c, f"“{c}”前面没有与之配对的“{_CLOSE[c]}”"))
    for j, o in stack:
        bad.append((j, o, f"“{o}”没有与之配对的“{_OPEN[o]}”"))
    return sorted((Finding(i, i + 1, msg + "（成对的标号应在同一段内配齐）", None, "unpaired")
                   for i, _, msg in bad), key=lambda f: f.start)


# the items of a quoted article may go on without a 前引号 of their own (刑法修正案: 修改为：“……：
# then （一）… （二）…)
_ITEM_LEAD = grammar.RE_QUOTED_ITEM


def quotes(lines: list[str]) -> list[tuple[int, Finding]]:
    """(line index, finding) for “” that do not pair across the paragraphs `lines`.

    A quotation of several paragraphs opens each of them with “ and closes only the last
    (GB/T 15834-2011 4.1.3.4): a paragraph that leaves a quotation open is fine when the next
    one opens again with “ at its start, or is an item of the quoted text."""
    out: list[tuple[int, Finding]] = []
    pending: tuple[int, int] | None = None        # (line, col) of the “ still open
    for li, text in enumerate(lines):
        if pending is not None:
            lead = text.lstrip(" \t\u3000")
            if not lead.startswith("“") and not _ITEM_LEAD.match(lead):
                out.append((pending[0], Finding(pending[1], pending[1] + 1, "前引号“没有与之配对的后引号”", None, "unpaired")))
                pending = None
        for i, c in enumerate(text):
            if c == "“":
                if pending is not None and not (pending[0] < li and not text[:i].strip(" \t\u3000")):
                    out.append((pending[0], Finding(pending[1], pending[1] + 1, "前引号“没有与之配对的后引号”", None, "unpaired")))
                pending = (li, i)
            elif c == "”":
                if pending is None:
                    out.append((li, Finding(i, i + 1, "后引号”前面没有与之配对的前引号“", None, "unpaired")))
                pending = None
    if pending is not None:
        out.append((pending[0], Finding(pending[1], pending[1] + 1, "前引号“没有与之配对的后引号”", None, "unpaired")))
    return out


# --- a law named without 书名号 ---------------------------------------------------------

@lru_cache(maxsize=4)
def _titles_rx(titles: tuple) -> re.Pattern | None:
    if not titles:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)))


def law_names(text: str, lex) -> list[tuple[int, int, str, bool]]:
    """(start, end, name, in 书名号) of every full law name (a statute title of the lexicon's
    corpus: 中华人民共和国保守国家秘密法) in `text`."""
    if lex is None or "中华人民共和国" not in text:
        return []
    rx = _titles_rx(tuple(lex.data.get("law_titles") or ()))
    if rx is None:
        return []
    out = []
    for m in rx.finditer(text):
        a, e = m.start(), m.end()
        inside = text[:a].rfind("《") > text[:a].rfind("》")
        out.append((a, e, m.group(0), inside))
    return out


# --- redundancy --------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _redundancy_rx(key: tuple) -> list:
    return [(re.compile(p), r, note) for p, r, note in key]


def redundancy(text: str, data: Language) -> list[Finding]:
    key = tuple((e.pattern, e.right, e.note) for e in data.redundancies)
    out = []
    for rx, right, note in _redundancy_rx(key):
        for m in rx.finditer(text):
            fixed = m.expand(right) if right is not None else None
            hint = f"，可改为“{fixed}”" if fixed is not None else ""
            out.append(Finding(m.start(), m.end(), f"“{m.group(0)}”语义重复：{note}{hint}", fixed, "redundant"))
    out.sort(key=lambda f: f.start)
    return out


# --- repeated characters and words -------------------------------------------------------

R_REPEAT = re.compile(rf"([{HAN}]{{1,4}})\1")
_REPEAT_CHARS = set("的了是和在对与及或并将把被从向为")
_AFTER_REPEAT = set("了和与及或")


def repeats(text: str, lex) -> list[Finding]:
    if lex is None:
        return []
    out = []
    for m in R_REPEAT.finditer(text):
        w, s, e = m.group(1), m.start(), m.end()
        if len(w) == 1:
            if w not in _REPEAT_CHARS:
                continue
            # 目的的 · 的的确确 · 是是非非: a word takes one of the two
            if (s > 0 and lex.is_word(text[s - 1:s + 1])) or lex.is_word(text[s + 1:s + 3]) \
                    or lex.is_word(text[s:s + 4]) or lex.is_word(text[s:s + 2]):
                continue
        else:
            # a legal term written twice (保密保密); 研究研究, 一一 and the like are not terms
            if w not in lex.term_set or lex.is_word(m.group(0)):
                continue
            if (s > 0 and lex.is_word(text[s - 1:s + 1])) or (e < len(text) and lex.is_word(text[e - 1:e + 1])):
                continue
            # 本规定规定的 · 妥善保管保管物 · 组织组织开展: the second copy begins the next word;
            # only a doubled term that ends its phrase (before punctuation, 和 …) is a slip
            if e < len(text) and re.match(f"[{HAN}]", text[e]) and text[e] not in _AFTER_REPEAT:
                continue
        out.append(Finding(s, e, f"“{m.group(0)}”重复了“{w}”，应删去一个", w, "repeated-word"))
    return out


# --- 的地得 ------------------------------------------------------------------------------

_CLAUSE_END = "，。；：！？、,;:!?"


def _alt(words) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=8)
def _de_rx(key: tuple) -> tuple[re.Pattern | None, re.Pattern | None]:
    adv, verbs, verbal, objs, cverbs, degrees, adjs = key
    a = c = None
    if adv and (verbal or (verbs and objs)):
        alts = [f"(?:{_alt(verbs)})(?=(?:{_alt(objs)}))"] if verbs and objs else []
        if verbal:
            alts.append(f"(?:{_alt(verbal)})")
        a = re.compile(f"(?P<w>{_alt(adv)})(?P<de>的)(?P<v>{'|'.join(alts)})")
    if cverbs and degrees and adjs:
        c = re.compile(f"(?<!所)(?P<v>{_alt(cverbs)})(?P<de>的)(?P<d>{_alt(degrees)})(?P<a>{_alt(adjs)})"
                       f"(?=[{re.escape(_CLAUSE_END)}]|$)")
    return a, c


def de_particles(text: str, data: Language) -> list[Finding]:
    if "的" not in text:
        return []
    d = data.de_particles
    adverbial, complement = _de_rx((d.adverbials, d.verbs, d.verbal, d.objects, d.complement_verbs, d.degrees,
                                    d.adjectives))
    out = []
    for m in adverbial.finditer(text) if adverbial is not None else ():
        i = m.start("de")
        out.append(Finding(i, i + 1, f"“{m.group('w')}的{m.group('v')}”中“{m.group('w')}”修饰动词“{m.group('v')}”，"
                           f"是状语，应写作“{m.group('w')}地{m.group('v')}”（状语用“地”）", "地", "de-adverbial"))
    for m in complement.finditer(text) if complement is not None else ():
        i = m.start("de")
        rest = m.group("d") + m.group("a")
        out.append(Finding(i, i + 1, f"“{m.group('v')}的{rest}”中“{rest}”补充说明动词“{m.group('v')}”，"
                           f"是补语，应写作“{m.group('v')}得{rest}”（补语用“得”）", "得", "de-complement"))
    out.sort(key=lambda f: f.start)
    return out


__all__ = ["typos", "spun", "collocations", "levels", "numerals", "pairs", "redundancy", "repeats",
           "de_particles"]
