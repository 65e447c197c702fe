"""Helpers shared by the structure rules."""

from __future__ import annotations

import re

# used when no data is at hand (and when genres.yaml is absent from every data directory)
_FALLBACK = {"genres": [{"suffix": n, "self": ["本" + n]} for n in
                        ("制度", "规定", "办法", "细则", "守则", "规则", "准则", "方案", "条例")],
             "words_ending_in_ben": []}
_TRAILING_NOTE = re.compile(r"(?:[（(][^（）()]*[）)])+$")   # （试行） （2018年） at the end of a title


class Genres:
    """schemas/genres.yaml: what a title ends with, how the text names itself, and the words in
    which 本 is not the start of a self-name (成本, 基本 …)."""

    def __init__(self, raw: dict):
        self.raw = raw
        entries = [(e["suffix"], tuple(e["self"])) for e in raw.get("genres", [])]
        self.entries = sorted(entries, key=lambda e: -len(e[0]))
        self.all_names = tuple(dict.fromkeys(n for _, names in self.entries for n in names))
        words = raw.get("words_ending_in_ben", [])
        self.before_ben = {len(w) - 1: set() for w in words if len(w) > 1}
        for w in words:
            if len(w) > 1:
                self.before_ben[len(w) - 1].add(w[:-1])
        self.ben_words = tuple(raw.get("words_starting_with_ben", []))
        fa = raw.get("first_article") or {}
        self.first_free = frozenset(fa.get("free") or ())
        self.first_purpose_enough = frozenset(fa.get("purpose_enough") or ())
        alt = "|".join(re.escape(n[1:]) for n in sorted(self.all_names, key=len, reverse=True))
        self.any_self = re.compile(f"本(?:{alt})")
        # a self-name one character long (本法) also begins many words (本法定代表人 is 本 + 法定…):
        # it is accepted where it stands, but never reported as a wrong self-name
        alt2 = "|".join(re.escape(n[1:]) for n in sorted(self.all_names, key=len, reverse=True) if len(n) > 2)
        self.reportable = re.compile(f"本(?:{alt2})(?![^《》]*》)")

    def self_names(self, title: str | None) -> tuple[str, ...] | None:
        """Accepted self-names for a title, the canonical one first; None for an unknown genre."""
        if not title:
            return None
        t = _TRAILING_NOTE.sub("", title.strip())
        for suffix, names in self.entries:
            if t.endswith(suffix):
                return names
        return None

    def listed(self, title: str | None, key: str) -> bool:
        """True when the genre of `title` is named in the genres.yaml list `key` (the lists that
        say which genres a rule treats otherwise: effective_in_order, quotes_amended_text …)."""
        names = self.raw.get(key) or ()
        return bool(names) and self.genre_of(title) in names

    def genre_of(self, title: str | None) -> str | None:
        """The genre (the title's suffix in genres.yaml: 法, 条例, 实施细则 …); None when unknown."""
        if not title:
            return None
        t = _TRAILING_NOTE.sub("", title.strip())
        return next((suffix for suffix, _ in self.entries if t.endswith(suffix)), None)

    def starts_word(self, text: str, i: int) -> bool:
        """True when the 本 at text[i] begins a word (it is not the end of 成本, 基本 …)."""
        for n, heads in self.before_ben.items():
            if i >= n and text[i - n:i] in heads:
                return False
        return True

    def other_word(self, text: str, i: int, name: str) -> bool:
        """True when the 本… at text[i] can be read as a shorter 本-word (本章程序 = 本章 + 程序)."""
        return any(len(w) < len(name) and text.startswith(w, i) for w in self.ben_words)

    def find_self(self, text: str, rx=None):
        """Matches of self-names in `text` whose 本 begins a word."""
        for m in (rx or self.any_self).finditer(text):
            if self.starts_word(text, m.start()):
                yield m


_BUILT: dict = {}   # id(raw data) → (raw, Genres); the raw object is kept so that its id stays its own


def genres(data=None) -> Genres:
    raw = (data.load("genres", None) if data is not None else None) or _FALLBACK
    hit = _BUILT.get(id(raw))
    if hit is None or hit[0] is not raw:
        hit = _BUILT[id(raw)] = (raw, Genres(raw))
    return hit[1]


def self_name(title: str | None, data=None) -> str | None:
    """本制度 for 涉密人员保密管理制度; None when the title ends with no known kind of document."""
    names = genres(data).self_names(title)
    return names[0] if names else None


def last_char_pos(policy, line: int) -> tuple[int, str] | None:
    """(column, char) of the last non-blank character of a line."""
    lines = policy.lines
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1].rstrip(" \t\\")
    if not text:
        return None
    return len(text), text[-1]
