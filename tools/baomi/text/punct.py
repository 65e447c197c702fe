"""Punctuation in Chinese prose (GB/T 15834-2011《标点符号用法》, GB/T 9704 公文).

`find(text)` returns every finding of every kind in one call; the kinds are

- ``halfwidth``: , . ; : ? ! written half-width after or before Chinese → ， 。 ； ： ？ ！
- ``bracket``: ( ) and "…" around or next to Chinese → （ ） and “ ”
- ``repeated``: doubled or mixed sentence punctuation (，， ；。)
- ``ellipsis``: ... / 。。。 / a single … → ……
- ``space``: spaces between Chinese characters, or between Chinese and digits

Text that is not Chinese is left alone: Latin sentences, numbers (3,000 · 3.5 · 10:30), list
markers (1.), and anything masked with U+FFFC (code, URLs).
"""

from __future__ import annotations

import re

from .. import grammar
from .chars import HAN, is_han
from .finding import Finding

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
# Characters after which a half-width mark is "after Chinese".
_ZH_BEFORE = set("，。、；：！？）》」』”’…—】〕")
# Characters before which a half-width mark is "before Chinese".
_ZH_AFTER = set("（《「『“‘【〔")
_LATIN_WORD = re.compile(r"[A-Za-z]")

R_HALF = re.compile(r"[ \t]*([,;:?!])[ \t]*")
R_DOT = re.compile(r"(?<!\.)\.(?!\.)[ \t]*")
R_BRACKET = re.compile(r"[()（）]")
R_LETTER_ITEM = re.compile(r"^[ \t]*[a-z]$")
R_REPEAT = re.compile(r"[，。；：、！？]{2,}")
R_ELLIPSIS = re.compile(r"[ \t]*(?:\.{2,}|。{3,}|·{3,}|…+)")
R_SPACE = re.compile(rf"(?<=[{HAN}0-9])[ \t\u3000]+(?=[{HAN}0-9])")

# A structural marker at the start of a line keeps its one space (第十条 ……).
# So does an article quoted at the start of a line (修正案: “第一百二十条之六 明知……).
R_MARKER = grammar.RE_BARE_MARKER
# A number that opens a line as its label keeps the space after it (half- or full-width): a clause
# number of a standard (5.6.5 轻微伤, 4.1　本标准所称……) and an attachment's, table's or figure's label
# (附件1 借阅登记表, 附件一 ……, 表2 借阅期限).
R_LABEL = re.compile(r"^(?:\d+(?:\.\d+)+|(?:附件|附表|表|图)(?:\d+|[一二三四五六七八九十]+)(?:[-－—.]\d+)*)$")
# Spaces that carry layout, kept: (in headings, see BM605) a title spread out character by character
# (总　　则, 附 则); a run of full-width spaces that aligns a 落款 (办公室　　　　2021年6月15日印发), and one full-width
# space that sets a date apart on a date line (审议通过　2021年6月修订).
R_SPREAD = re.compile(rf"^[{HAN}](?:[ \t\u3000]+[{HAN}]){{1,5}}$")
R_DATE_AFTER = re.compile(r"\d{4}年")
_STRENGTH = {"。": 3, "？": 3, "！": 3, "；": 2, "：": 2, "，": 1, "、": 0}
_ALLOWED_RUNS = {"？！", "！？"}
_QUICK = re.compile(r"[,;:?!.()\"…·\t\u3000 ]|[，。；：、！？]{2}")


def _zh_before(ch: str) -> bool:
    return bool(ch) and (is_han(ch) or ch in _ZH_BEFORE)


def _zh_after(ch: str) -> bool:
    return bool(ch) and (is_han(ch) or ch in _ZH_AFTER)


def find(text: str) -> list[Finding]:
    """All punctuation findings in one prose line, sorted by position."""
    if not _QUICK.search(text):
        return []
    out: list[Finding] = []
    if any(c in text for c in ",;:?!"):
        out.extend(_halfwidth(text))
    if "." in text:
        out.extend(_dots(text))
    if "(" in text or ")" in text:
        out.extend(_brackets(text))
    if '"' in text:
        out.extend(_quotes(text))
    out.extend(_repeated(text))
    if "." in text or "。。" in text or "…" in text or "··" in text:
        out.extend(_ellipsis(text))
    if " " in text or "\t" in text or "\u3000" in text:
        out.extend(_spaces(text))
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _halfwidth(text: str) -> list[Finding]:
    out = []
    n = len(text)
    for m in R_HALF.finditer(text):
        ch = m.group(1)
        prev = text[m.start() - 1] if m.start() > 0 else ""
        nxt = text[m.end()] if m.end() < n else ""
        spaced = m.end() - m.start() > 1
        if ch in ",:" and not spaced and prev.isdigit() and nxt.isdigit():
            continue  # 3,000 · 10:30
        if not (_zh_before(prev) or _zh_after(nxt)):
            continue
        full = FULL[ch]
        out.append(Finding(m.start(), m.end(), f"中文中应使用全角“{full}”，不用半角“{ch}”", full,
                           "halfwidth"))
    return out


def _dots(text: str) -> list[Finding]:
    out = []
    n = len(text)
    for m in R_DOT.finditer(text):
        i = m.start()
        prev = text[i - 1] if i > 0 else ""
        nxt = text[m.end()] if m.end() < n else ""
        if not _zh_before(prev):
            continue
        if nxt and not (_zh_after(nxt) or nxt in "”’）"):
            continue  # 第3.5 · a.b · Latin after the dot
        out.append(Finding(i, m.end(), "中文句末应使用全角句号“。”，不用半角“.”", "。", "halfwidth"))
    return out


def _brackets(text: str) -> list[Finding]:
    out = []
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for m in R_BRACKET.finditer(text):
        i, ch = m.start(), m.group(0)
        if ch in "(（":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
        else:
            lone.append(i)
    lone.extend(stack)
    n = len(text)
    for a, b in pairs:
        if text[a] == "（" and text[b] == "）":
            continue
        inner = text[a + 1:b]
        before = text[a - 1] if a > 0 else ""
        after = text[b + 1] if b + 1 < n else ""
        if not (any(is_han(c) for c in inner) or is_han(before) or is_han(after)):
            continue
        for i in (a, b):
            if text[i] in "()":
                full = "（" if text[i] == "(" else "）"
                out.append(Finding(i, i + 1, f"中文中的括号应使用全角“{full}”，不用半角“{text[i]}”", full,
                                   "bracket"))
    for i in lone:
        ch = text[i]
        if ch not in "()":
            continue
        if ch == ")" and R_LETTER_ITEM.match(text, 0, i):
            continue   # a)  b) : the list item marker of a standard (GB/T 1.1), not a bracket
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < n else ""
        if is_han(before) or is_han(after):
            full = "（" if ch == "(" else "）"
            out.append(Finding(i, i + 1, f"中文中的括号应使用全角“{full}”，不用半角“{ch}”", full, "bracket"))
    return out


def _quotes(text: str) -> list[Finding]:
    out = []
    pos = [i for i, c in enumerate(text) if c == '"']
    n = len(text)
    for k in range(0, len(pos) - 1, 2):
        a, b = pos[k], pos[k + 1]
        inner = text[a + 1:b]
        before = text[a - 1] if a > 0 else ""
        after = text[b + 1] if b + 1 < n else ""
        if any(is_han(c) for c in inner) or is_han(before) or is_han(after):
            out.append(Finding(a, a + 1, "中文中的引号应使用全角“”，不用半角\"", "“", "bracket"))
            out.append(Finding(b, b + 1, "中文中的引号应使用全角“”，不用半角\"", "”", "bracket"))
    if len(pos) % 2:
        i = pos[-1]
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < n else ""
        if is_han(before) or is_han(after):
            out.append(Finding(i, i + 1, "中文中的引号应使用全角“”，且应成对使用", None, "bracket"))
    return out


def _repeated(text: str) -> list[Finding]:
    out = []
    for m in R_REPEAT.finditer(text):
        run = m.group(0)
        if run in _ALLOWED_RUNS:
            continue
        if set(run) == {"。"} and len(run) >= 3:
            continue  # an ellipsis written 。。。 (ellipsis check)
        if len(set(run)) == 1:
            out.append(Finding(m.start(), m.end(), f"标点“{run[0]}”重复", run[0], "repeated"))
            continue
        strongest = max(run, key=lambda c: _STRENGTH[c])
        fix = run[-1] if _STRENGTH[run[-1]] == _STRENGTH[strongest] else None
        hint = f"，应只保留“{fix}”" if fix else ""
        out.append(Finding(m.start(), m.end(), f"标点“{run}”连用{hint}", fix, "repeated"))
    return out


def _ellipsis(text: str) -> list[Finding]:
    out = []
    n = len(text)
    for m in R_ELLIPSIS.finditer(text):
        a, b = m.start(), m.end()
        run = m.group(0).lstrip(" \t")
        lead = len(m.group(0)) - len(run)
        if run[0] == "." and len(run) < 3:
            continue
        prev = text[a - 1] if a > 0 else ""
        nxt = text[b] if b < n else ""
        if lead and not _zh_before(prev):
            a, lead = a + lead, 0  # keep a space that follows Latin text
            prev = " "
        if run == "……" and not lead:
            continue
        if run[0] in ".·" and not (_zh_before(prev) or _zh_after(nxt)):
            continue  # Latin text: "etc..." stays
        msg = (f"省略号应为“……”（两个“…”），不是“{run}”" if run != "……"
               else "省略号前不应有空格")
        out.append(Finding(a, b, msg, "……", "ellipsis"))
    return out


def _spaces(text: str) -> list[Finding]:
    out = []
    n = len(text)
    for m in R_SPACE.finditer(text):
        a, b = m.start(), m.end()
        left, right = text[a - 1], text[b]
        gap = text[a:b]
        if gap.count("\u3000") >= 2 and set(gap) <= {"\u3000", " "}:
            continue   # alignment of a signature or date line
        if gap == "\u3000" and (R_DATE_AFTER.match(text, b) or text[:a].endswith("日")):
            continue   # a date set apart on its line
        if R_MARKER.match(text, 0, a):
            if text[a:b] != " ":
                out.append(Finding(a, b, "条、章、节序号后应只有一个半角空格", " ", "space"))
            continue
        if R_LABEL.match(text, 0, a) and len(gap) == 1:
            continue   # 5.6.5 轻微伤 · 附件1 借阅登记表: the label's own space
        if left.isdigit() and right.isdigit():
            continue  # 3 000 · dates in Latin style are another matter
        if left.isdigit():
            # the number belongs to Latin text (Windows 10, GB/T 9704-2012, v1.2)?
            j = a - 1
            while j >= 0 and (text[j].isdigit() or text[j] in ".-/:_"):
                j -= 1
            while j >= 0 and text[j] == " ":
                j -= 1
            if j >= 0 and _LATIN_WORD.match(text[j]):
                continue
        if right.isdigit():
            j = b
            while j < n and (text[j].isdigit() or text[j] == "."):
                j += 1
            if j < n and _LATIN_WORD.match(text[j]):
                continue  # 3DES, 5G: a Latin token
        what = "汉字之间" if is_han(left) and is_han(right) else "汉字与数字之间"
        out.append(Finding(a, b, f"{what}不应有空格", "", "space"))
    return out
