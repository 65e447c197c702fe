"""国家秘密标志 (classification markings) in prose: 绝密/机密/秘密 ★ 保密期限.

The form is 机密★5年: the level, ★ (U+2605), the period in Arabic digits with its unit, no
spaces (GB/T 9704-2012; 保密法 2024 第二十二条). A period may also be given in months
(秘密★6个月), as 长期, or as a date of declassification (机密★2030年12月31日).

- `find_state_secret_markings(text)` → every 国家秘密 marking in the text, well-formed or not
  (for the publishing guard: a document that carries one must never be published);
- `find(text)` → findings: ``format`` (variants people type: * ☆ ＊, spaces, 级, Chinese or
  full-width digits, 年 missing; fixable), ``period`` (above the legal maximum 绝密 30 /
  机密 20 / 秘密 10 years, or zero), ``level`` (内部/内部资料 used as a 密级).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..visible import stars
from .finding import Finding

LEVELS = ("绝密", "机密", "秘密")
MAX_YEARS = {"绝密": 30, "机密": 20, "秘密": 10}
STAR = "★"

# every star-like symbol people type, one definition shared with the publishing guard
# (schemas/marking.yaml `stars`; ＊ is listed too, as typed, since these patterns see raw text)
_STARS = re.escape("".join(dict.fromkeys(stars() + "＊﹡")))
_SP = r"[ \t\u3000]*"
_NUM = r"[0-9０-９]+|[一二三四五六七八九十两〇零]+"
R_MARK = re.compile(
    rf"(?<!工作)(?<!国家)(?P<level>绝密|机密|秘密)(?P<ji>级)?(?P<sp1>{_SP})"
    rf"(?:(?P<star>[{_STARS}])(?P<sp2>{_SP})"
    rf"(?:(?P<date>[0-9]{{4}}{_SP}年{_SP}[0-9]{{1,2}}{_SP}月(?:{_SP}[0-9]{{1,2}}{_SP}日)?)"
    rf"|(?P<long>长期)"
    rf"|(?P<num>{_NUM})(?P<sp3>{_SP})(?P<unit>年|个月|月)?)?"
    rf"|(?<=[ \t\u3000])(?P<num2>[0-9０-９]+)(?P<sp4>{_SP})(?P<unit2>年))"
)
R_INTERNAL = re.compile(
    rf"密级{_SP}[:：为是]?{_SP}[“\"「]?{_SP}(?P<w>内部资料|内部)"
    rf"|(?P<w2>内部资料|内部){_SP}[{_STARS}]"
)
R_DECLARED = re.compile(rf"密级{_SP}[:：为是]{_SP}[“\"「]?(?P<level>绝密|机密|秘密)")

_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def chinese_number(s: str) -> int | None:
    """一 → 1, 十五 → 15, 二十 → 20, 三〇 → 30; None if not a number below 1000."""
    if not s:
        return None
    if all(c in _CN_DIGIT for c in s):
        v = 0
        for c in s:
            v = v * 10 + _CN_DIGIT[c]
        return v
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGIT:
            cur = _CN_DIGIT[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


@dataclass(frozen=True, slots=True)
class Marking:
    """A 国家秘密 marking found in text."""

    start: int
    end: int
    raw: str
    level: str
    kind: str                  # period | months | long | date | level-only | declared
    years: float | None        # the period in years where it has one
    canonical: str             # the marking written properly
    problems: tuple[str, ...]  # what is wrong with its form (empty: well-formed)

    @property
    def well_formed(self) -> bool:
        return not self.problems


def _parse(m: re.Match) -> Marking:
    level = m.group("level")
    problems: list[str] = []
    if m.group("ji"):
        problems.append(f"标志中不写“级”（应为“{level}★…”）")
    if m.group("num2") is not None:
        problems.append("密级与保密期限之间应有“★”，不用空格")
        digits = m.group("num2").translate(_FULL_DIGITS)
        if digits != m.group("num2"):
            problems.append("保密期限应使用半角阿拉伯数字")
        years = float(int(digits))
        canon = f"{level}{STAR}{int(digits)}年"
        return Marking(m.start(), m.end(), m.group(0), level, "period", years, canon, tuple(problems))
    star = m.group("star")
    if star != STAR:
        problems.append(f"应使用“★”（U+2605），不用“{star}”")
    spaced = any(m.group(g) for g in ("sp1", "sp2", "sp3"))
    if spaced:
        problems.append("标志中不应有空格")
    if m.group("date"):
        date = re.sub(r"[ \t\u3000]", "", m.group("date"))
        return Marking(m.start(), m.end(), m.group(0), level, "date", None, f"{level}{STAR}{date}",
                       tuple(problems))
    if m.group("long"):
        return Marking(m.start(), m.end(), m.group(0), level, "long", None, f"{level}{STAR}长期",
                       tuple(problems))
    num = m.group("num")
    if num is None:
        return Marking(m.start(), m.end(), m.group(0), level, "level-only", None, f"{level}{STAR}",
                       tuple(problems))
    if num[0] in "0123456789０１２３４５６７８９":
        ascii_num = num.translate(_FULL_DIGITS)
        if ascii_num != num:
            problems.append("保密期限应使用半角阿拉伯数字")
        value = int(ascii_num)
    else:
        v = chinese_number(num)
        value = v if v is not None else 0
        problems.append(f"保密期限应使用阿拉伯数字（“{num}”应为“{value}”）")
    unit = m.group("unit")
    if unit is None:
        problems.append("保密期限缺少单位“年”")
        unit = "年"
    elif unit == "月":
        problems.append("以月计的保密期限写作“个月”")
        unit = "个月"
    years = value / 12 if unit == "个月" else float(value)
    kind = "months" if unit == "个月" else "period"
    return Marking(m.start(), m.end(), m.group(0), level, kind, years, f"{level}{STAR}{value}{unit}",
                   tuple(problems))


def find_state_secret_markings(text: str) -> list[Marking]:
    """Every 国家秘密 marking in `text`: level★period in any spelling people type, a declared
    密级 (密级：机密), or a line that is nothing but a level (机密 / 秘密★)."""
    out: list[Marking] = []
    if "密" not in text:
        return out
    for m in R_MARK.finditer(text):
        star = m.group("star")
        if star is None and m.group("num2") is None:
            continue
        if star == "*" and (text[m.end("star"):m.end("star") + 1] == "*"
                            or text[max(0, m.start() - 1):m.start()] == "*"):
            continue  # Markdown emphasis (**机密**), not a marking
        out.append(_parse(m))
    taken = [(k.start, k.end) for k in out]
    for m in R_DECLARED.finditer(text):
        if not any(a <= m.start("level") < b for a, b in taken):
            lv = m.group("level")
            out.append(Marking(m.start(), m.end(), m.group(0), lv, "declared", None, lv, ()))
    stripped = text.strip(" \t\u3000")
    if not out and stripped in LEVELS:
        a = text.index(stripped)
        out.append(Marking(a, a + len(stripped), stripped, stripped, "level-only", None, stripped, ()))
    out.sort(key=lambda k: k.start)
    return out


# a period stated in words: 秘密事项的保密期限为四十年 · 机密级事项保密期限最长不超过二十五年
R_PROSE_PERIOD = re.compile(
    r"(?<![国家作业人])(?P<level>绝密|机密|秘密)级?(?:国家秘密)?(?:事项|文件|资料|载体|信息)?的?"
    r"保密期限(?:一般|最长|最多)?(?:为|是)?(?:最长|最多)?(?:不超过|不得超过|不能超过)?"
    r"(?P<n>[0-9]+|[一二三四五六七八九十百两〇零]+)年")


_AS_LIMIT = re.compile(r"最长|最多|不超过|不得超过|不能超过")
_CN_YEARS = {30: "三十", 20: "二十", 10: "十"}


def find(text: str) -> list[Finding]:
    """Marking findings in one prose line (kinds: format, period, level)."""
    out: list[Finding] = []
    if "密" not in text and "内部" not in text:
        return out
    for k in find_state_secret_markings(text):
        if k.kind in ("declared", "level-only"):
            if k.kind == "level-only" and k.problems:
                out.append(Finding(k.start, k.end, f"国家秘密标志“{k.raw}”格式不规范：" + "；".join(k.problems)
                                   + f"，应为“{k.canonical}”", k.canonical, "format"))
            continue
        if k.problems:
            out.append(Finding(k.start, k.end, f"国家秘密标志“{k.raw}”格式不规范：" + "；".join(k.problems)
                               + f"，应为“{k.canonical}”", k.canonical, "format"))
        if k.years is not None:
            cap = MAX_YEARS[k.level]
            if k.years > cap:
                out.append(Finding(k.start, k.end, f"“{k.canonical}”的保密期限超过法定上限："
                                   f"{k.level}级国家秘密的保密期限除另有规定外不超过{cap}年", None, "period"))
            elif k.years <= 0:
                out.append(Finding(k.start, k.end, f"“{k.canonical}”的保密期限应大于零", None, "period"))
    for m in R_PROSE_PERIOD.finditer(text) if "保密期限" in text else ():
        years = int(m.group("n")) if m.group("n").isdigit() else chinese_number(m.group("n"))
        cap = MAX_YEARS[m.group("level")]
        if years is not None and years > cap:
            out.append(Finding(m.start(), m.end(), f"“{m.group(0)}”超过法定上限：{m.group('level')}级国家秘密的"
                               f"保密期限除另有规定外不超过{cap}年", None, "period"))
        elif years == cap and not _AS_LIMIT.search(m.group(0)):
            # the maximum written as the period every such secret has (机密级事项的保密期限为二十年)
            out.append(Finding(m.start(), m.end(), f"“{m.group(0)}”把法定上限写成了固定期限：{m.group('level')}级"
                               f"国家秘密的保密期限除另有规定外不超过{cap}年，具体期限应根据事项实际确定"
                               f"（保密法第二十条），应写作“不超过{_CN_YEARS.get(cap, cap)}年”", None, "period-default",
                               "warning"))
    for m in R_INTERNAL.finditer(text) if "内部" in text else ():
        w = m.group("w") or m.group("w2")
        a = m.start("w") if m.group("w") else m.start("w2")
        out.append(Finding(a, a + len(w), f"“{w}”不是国家秘密的密级（密级只有绝密、机密、秘密）；"
                           "不属于国家秘密的应标注“工作秘密”或称“内部事项”", None, "level"))
    out.sort(key=lambda f: (f.start, f.end))
    return out
