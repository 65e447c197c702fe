"""The one notion of "unfilled": placeholders a drafter leaves for later (data: schemas/placeholders.yaml).

Used by the placeholder rule (BM131, at the line) and by the checklist (an unfilled article never
counts as coverage).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass


@dataclass(frozen=True)
class Placeholders:
    bracketed: re.Pattern        # 【待补充：……】 （待定） …
    blanks: re.Pattern | None    # XX ×× 某某 standing for a name or number
    example: re.Pattern | None   # 格式 / 示例 …: blanks here describe a format
    meta_values: frozenset

    def find(self, text: str, blanks: bool = True) -> list[tuple[int, int]]:
        """(start, end) of every placeholder in `text` (one line or one unit of text)."""
        out = [m.span() for m in self.bracketed.finditer(text)]
        if blanks and self.blanks is not None and not (self.example and self.example.search(text)):
            out.extend(m.span() for m in self.blanks.finditer(text)
                       if not any(s <= m.start() < e for s, e in out))
        return sorted(out)

    def unfilled(self, text: str, blanks: bool = True) -> bool:
        return bool(self.find(text, blanks))

    def meta_unfilled(self, value) -> bool:
        if not isinstance(value, str):
            return False
        v = value.strip()
        return v in self.meta_values or self.unfilled(v)


def compile_placeholders(raw: dict) -> Placeholders:
    raw = raw if isinstance(raw, dict) else {}
    words = [str(w) for w in raw.get("words") or [] if w]
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!)"
    forms = []
    for pair in raw.get("brackets") or []:
        if isinstance(pair, str) and len(pair) == 2:
            o, c = re.escape(pair[0]), re.escape(pair[1])
            forms.append(rf"{o}[^{o}{c}\n]*?(?:{alt})[^{o}{c}\n]*{c}")
    bracketed = re.compile("|".join(forms) or r"(?!)")
    chars = "".join(re.escape(str(c)) for c in raw.get("blanks") or [] if str(c))
    blanks = None
    if chars:
        blanks = re.compile(rf"(?<![A-Za-z0-9０-９{chars}])[{chars}]{{2,}}(?![A-Za-z0-9０-９{chars}])")
    ex = [str(w) for w in raw.get("example_context") or [] if w]
    example = re.compile("|".join(re.escape(w) for w in ex)) if ex else None
    return Placeholders(bracketed, blanks, example, frozenset(str(v) for v in raw.get("meta_values") or []))


# compiled once per data set, keyed on the data set itself: nothing is stored on it, and the
# matcher goes when the data set does
_COMPILED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_NONE = compile_placeholders({})          # no data set at hand: no placeholder words, no blanks


def placeholders(data) -> Placeholders:
    """The matcher for a data set (a `baomi.data.Data`; compiled once per data set)."""
    if data is None:
        return _NONE
    try:
        got = _COMPILED.get(data)
    except TypeError:                     # a stand-in that cannot be weakly referenced: not kept
        return compile_placeholders(data.load("placeholders", default={}))
    if got is None:
        got = _COMPILED[data] = compile_placeholders(data.load("placeholders", default={}))
    return got
