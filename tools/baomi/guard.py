"""上网不涉密、涉密不上网: recognise what marks a file as carrying state secrets.

A 国家秘密 marking is 密级★保密期限 (机密★5年); people also type it with ☆ * ＊, spaces,
Chinese numerals, 长期, or as a bare level on a line of its own, or as 密级：机密. A rule book
may *mention* the format — 标注格式为“机密★5年” — so a marking inside Chinese quotation
marks or book-title marks is a mention, not a marking. Everything else stops the build.
"""

from __future__ import annotations

import re

LEVELS = ("绝密", "机密", "秘密")
_STAR = "★☆*＊✱✲⭐✩"
# a level not preceded by a character that makes it another word (国家秘密, 工作秘密, 商业秘密…)
_LEVEL = r"(?<![家作业人私国涉保])(?P<level>绝密|机密|秘密)"
RE_STAR_MARKING = re.compile(
    _LEVEL + rf"(?:级)?[ \t\u3000]*[{_STAR}][ \t\u3000]*(?P<period>[0-9０-９一二三四五六七八九十]*[ \t\u3000]*(?:年|个月|长期)?)")
RE_LINE_MARKING = re.compile(
    r"^[ \t\u3000>#*_]*(?:密级[:：]?[ \t\u3000]*)?" + _LEVEL +
    rf"(?:级)?(?:[ \t\u3000]*[{_STAR}][^\n]{{0,12}})?[ \t\u3000*_]*$")
_QUOTES = {"“": "”", "「": "」", "《": "》", "『": "』", "‘": "’", '"': '"'}
_SECRET_META = re.compile(r"^(?:密级[:：]?\s*)?(绝密|机密|秘密)(?:级)?(?:\s*[" + _STAR + r"].*)?$")


def _quoted(text: str, start: int) -> bool:
    """Is position `start` inside a pair of Chinese quotation marks on this line?"""
    depth: list[str] = []
    for ch in text[:start]:
        if depth and ch == depth[-1]:
            depth.pop()
        elif ch in _QUOTES:
            depth.append(_QUOTES[ch])
    return bool(depth)


def markings_in_line(text: str) -> list[tuple[int, int, str]]:
    """(start, end, marking) of every 国家秘密 marking in one line of text (mentions excluded)."""
    found = []
    m = RE_LINE_MARKING.match(text)
    if m:
        return [(m.start("level"), len(text.rstrip()), text.strip())]
    for m in RE_STAR_MARKING.finditer(text):
        if _quoted(text, m.start()):
            continue
        found.append((m.start(), m.end(), m.group(0)))
    return found


def secret_level_value(value) -> str | None:
    """The 国家秘密 level a front-matter value claims (机密, 机密★5年, 密级：绝密), if any."""
    if not isinstance(value, str):
        return None
    m = _SECRET_META.match(value.strip())
    return m.group(1) if m else None


def policy_is_classified(policy) -> bool:
    """True when the policy must never be published: secret front matter or a marking in its text."""
    if secret_level_value(policy.meta.get("classification")):
        return True
    for line in policy.text.split("\n"):
        if ("密" in line) and markings_in_line(line):
            return True
    return False
