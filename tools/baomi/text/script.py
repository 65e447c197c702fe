"""简/繁 script: Traditional or variant characters in a Simplified text, and the reverse.

Uses the official `opencc` package (loaded lazily, once per direction). A character counts only
if the conversion changes it, and a reported run must contain at least one character outside
the target script's standard set (GB 2312 for Simplified, Big5 for Traditional); characters
that are valid in both scripts (著, 乾, 于, 干 …) therefore never raise a finding on their own.
Conversion is phrase-aware, so 关於 → 关于 is reported as one word with its Simplified form.
"""

from __future__ import annotations

from functools import lru_cache

from .chars import is_han
from .finding import Finding

SIMPLIFIED = "简体"
TRADITIONAL = "繁体"

_CONFIG = {SIMPLIFIED: "t2s.json", TRADITIONAL: "s2t.json"}
_CODEC = {SIMPLIFIED: "gb2312", TRADITIONAL: "big5"}
_FOUND = {SIMPLIFIED: "繁体字或异体字", TRADITIONAL: "简体字"}


@lru_cache(maxsize=None)
def _converter(target: str):
    import opencc

    return opencc.OpenCC(_CONFIG[target])


def _in_set(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def convert(text: str, target: str = SIMPLIFIED) -> str:
    """`text` converted to the target script (简体 or 繁体)."""
    return _converter(target).convert(text)


def find(text: str, target: str = SIMPLIFIED) -> list[Finding]:
    """Characters of the other script in `text`, whose declared script is `target`.

    `target` is 简体 (default; report Traditional/variant characters) or 繁体 (report
    Simplified ones). Each finding covers a maximal run of changed characters and carries
    the converted form as replacement.
    """
    if target not in _CONFIG:
        raise ValueError(f"未知的文字：{target}（应为 简体 或 繁体）")
    codec = _CODEC[target]
    try:
        text.encode(codec)
        return []  # every character is in the target script's standard set
    except UnicodeEncodeError:
        pass
    conv = convert(text, target)
    if len(conv) != len(text):  # a phrase changed length: fall back to characters
        conv = "".join(convert(c, target) if is_han(c) else c for c in text)
        if len(conv) != len(text):
            return []
    out: list[Finding] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == conv[i]:
            i += 1
            continue
        j = i
        while j < n and text[j] != conv[j]:
            j += 1
        run, fixed = text[i:j], conv[i:j]
        if any(not _in_set(c, codec) for c in run):
            out.append(Finding(i, j, f"{_FOUND[target]}“{run}”应为“{fixed}”", fixed, "script"))
        i = j
    return out
