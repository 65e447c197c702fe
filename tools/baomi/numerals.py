"""Chinese numerals, both ways (一 … 九千九百九十九 and on to 万; 〇/零; 十 and 一十).

`to_chinese` writes the form official documents use (十, 十一, 二十, 一百零五, 一千零一十);
`parse_chinese` reads every common form, including 一十, 〇 and 两, and `is_canonical`
tells whether a written form is the one `to_chinese` would write (第一十条 is not).
"""

from __future__ import annotations

from functools import lru_cache

DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)}
_DIGIT_VALUE.update({"〇": 0, "两": 2, "○": 0})
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "零〇○一二三四五六七八九两十百千万"
MAX = 99_999_999


@lru_cache(maxsize=4096)   # article labels are rebuilt on every use (Article.label)
def to_chinese(n: int) -> str:
    """Canonical Chinese numeral for 0 ≤ n ≤ 99999999 (一万零一十 style above 9999)."""
    if not isinstance(n, int) or n < 0 or n > MAX:
        raise ValueError(f"number out of range: {n!r}")
    if n == 0:
        return "零"
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        text = to_chinese(high) + "万"
        if low:
            inner = _below_10000(low)
            if 10 <= low < 20:
                inner = "一" + inner          # 一万零一十, not 一万零十
            text += ("零" if low < 1000 else "") + inner
        return text
    return _below_10000(n)


def _below_10000(n: int) -> str:
    parts: list[str] = []
    zero_pending = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d == 0:
            if parts:
                zero_pending = True
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(DIGITS[d] + unit)
    text = "".join(parts)
    if 10 <= n < 20:  # 十, 十一 … 十九, not 一十
        text = text[1:]
    return text


@lru_cache(maxsize=4096)
def parse_chinese(text: str) -> int | None:
    """Value of a Chinese numeral, or None if `text` is not one.

    Accepts 十/一十, 〇/零, 两, digit strings like 二〇二五 (read positionally) and Arabic digits.
    """
    if not text:
        return None
    if text.isascii() and text.isdigit():
        # beyond MAX a number is not one the grammar writes (no 亿): unreadable, not a crash later
        return int(text) if len(text) <= 8 else None
    if "万" in text:
        high, _, low = text.partition("万")
        h = parse_chinese(high) if high else None
        if not h or "万" in low:
            return None
        if not low:
            return h * 10_000
        l = parse_chinese(low[1:] if low.startswith(("零", "〇")) else low)
        return None if l is None or l >= 10_000 else h * 10_000 + l
    if any(c not in NUMERAL_CHARS for c in text):
        return None
    if not any(c in _UNITS for c in text):
        # positional: 二〇二五, or a single digit
        if len(text) > 8:
            return None
        value = 0
        for c in text:
            value = value * 10 + _DIGIT_VALUE[c]
        return value
    total = 0
    digit: int | None = None
    last_unit = 10_000
    prev = ""
    for c in text:
        if c in _DIGIT_VALUE:
            if digit is not None and _DIGIT_VALUE[c] != 0 and digit != 0:
                return None  # two digits in a row: 二三十
            digit = _DIGIT_VALUE[c]
            prev = c
            continue
        else:
            unit = _UNITS[c]
            if unit >= last_unit:
                return None  # 十百, 百百
            if digit is None and not (unit == 10 and (total == 0 or prev == "零")):
                return None  # 百十: a unit needs its digit, except a leading 十 or 零十
            if digit == 0:
                if unit != 10 or total == 0:
                    return None  # 零百
                digit = 1        # 一千零十 = 一千零一十
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        prev = c
    if digit:
        total += digit
    return total


def is_canonical(text: str) -> bool:
    """True when `text` is written exactly as `to_chinese` writes its value."""
    value = parse_chinese(text)
    return value is not None and 0 < value <= MAX and to_chinese(value) == text
