"""Character classes shared by the text checks (regex fragments and predicates)."""

from __future__ import annotations

# CJK ideographs: Extension A, the URO, compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width (Chinese) punctuation that makes its neighbourhood Chinese text.
ZH_PUNCT = "\u3001\u3002\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u201c\u201d\u2018\u2019\u2026\u2014\u300a\u300b"
# Han or Chinese punctuation.
ZH = HAN + ZH_PUNCT
MASK = "\ufffc"


def is_han(ch: str) -> bool:
    """True for one CJK ideograph; False for anything else, including ""."""
    if len(ch) != 1:
        return False
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def has_han(text: str) -> bool:
    return any(is_han(c) for c in text)
