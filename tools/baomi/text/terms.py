"""Terminology: wrong → right vocabulary from `schemas/terms.yaml`, with context conditions.

`compile_terms(data)` turns the YAML data into a `TermMatcher` once; `find(text, data)` accepts
either. Literal entries are found with one combined regex (a candidate scan), then each entry
that starts at a candidate position is checked against its conditions:

- ``context`` / ``not_context``: words (a list) or a regex (a string) within ``window``
  characters on either side;
- ``only_before`` / ``not_before``: what immediately follows the match;
- ``only_after`` / ``not_after``: what immediately precedes it;
- automatically: where ``right`` contains ``wrong`` (保密期 → 保密期限), text already written
  in the right form is never reported;
- word boundaries: a literal match that a word of the top-level ``words`` list crosses (starts
  before it and ends inside it, or starts inside it and ends after it) is two words' halves, not
  the wrong term (庄严历史 holds 严历, 既使用 holds 既使).

``pattern`` entries are regexes; their ``right`` may refer to groups (\\1).
Overlapping findings are resolved in favour of the earlier, then longer match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .finding import Finding

DEFAULT_WINDOW = 12


class TermsDataError(ValueError):
    """terms.yaml has an entry that cannot be used (message in Chinese)."""


@dataclass
class _Cond:
    words: tuple[str, ...] = ()
    regex: re.Pattern | None = None

    def search(self, s: str) -> bool:
        if self.regex is not None:
            return self.regex.search(s) is not None
        return any(w in s for w in self.words)


def _cond(value, where: str) -> _Cond | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return _Cond(regex=re.compile(value))
        except re.error as exc:
            raise TermsDataError(f"{where}：正则表达式无效：{exc}") from exc
    if isinstance(value, (list, tuple)):
        return _Cond(words=tuple(str(v) for v in value if str(v)))
    raise TermsDataError(f"{where}：应为词语列表或正则表达式字符串")


def _words(value, where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if str(v))
    raise TermsDataError(f"{where}：应为词语列表")


@dataclass
class Term:
    """One entry of terms.yaml, ready to match."""

    wrong: str | None
    pattern: re.Pattern | None
    right: str | list[str]
    fix: bool
    severity: str | None
    context: _Cond | None
    not_context: _Cond | None
    only_before: tuple[str, ...] | None
    not_before: tuple[str, ...] | None
    only_after: tuple[str, ...] | None
    not_after: tuple[str, ...] | None
    window: int
    note: str = ""
    source: str = ""
    guards: tuple[tuple[int, str], ...] = ()   # (offset of wrong inside right, right)

    def applies(self, text: str, start: int, end: int) -> bool:
        if self.only_before is not None and not text.startswith(self.only_before, end):
            return False
        if self.not_before and text.startswith(self.not_before, end):
            return False
        if self.only_after is not None and not text.endswith(self.only_after, 0, start):
            return False
        if self.not_after and text.endswith(self.not_after, 0, start):
            return False
        for off, right in self.guards:
            a = start - off
            if a >= 0 and text.startswith(right, a):
                return False
        if self.context is not None or self.not_context is not None:
            near = text[max(0, start - self.window):end + self.window]
            if self.context is not None and not self.context.search(near):
                return False
            if self.not_context is not None and self.not_context.search(near):
                return False
        return True

    def message(self, found: str, replacement: str | None) -> str:
        right = self.right if isinstance(self.right, str) else "”或“".join(self.right)
        shown = replacement if replacement is not None else right
        msg = f"用语“{found}”应为“{shown}”"
        if self.note:
            msg += f"（{self.note}）"
        return msg


@dataclass
class TermMatcher:
    literals: dict[str, list[Term]] = field(default_factory=dict)   # first char -> terms
    scan: re.Pattern | None = None
    patterns: list[Term] = field(default_factory=list)
    count: int = 0
    words: dict[int, frozenset] = field(default_factory=dict)   # length -> words (terms.yaml `words`)

    def crosses_word(self, text: str, a: int, b: int) -> bool:
        """True when a listed word overlaps the match text[a:b] across one of its ends — the match
        is not a word of the text but the end of one word and the start of the next (庄严|历史 is
        not 严历, 既|使用 not 既使). A word that holds the whole match is not a crossing."""
        for n, ws in self.words.items():
            for p in range(max(0, a - n + 1), b):
                q = p + n
                if q <= a or (p <= a and q >= b) or q > len(text):
                    continue
                if (p < a or q > b) and text[p:q] in ws:
                    return True
        return False

    def find(self, text: str) -> list[Finding]:
        hits: list[tuple[int, int, Term, str | None]] = []
        if self.scan is not None:
            m = self.scan.search(text)
            while m is not None:
                i = m.start()
                for t in self.literals.get(text[i], ()):
                    w = t.wrong
                    if (text.startswith(w, i) and t.applies(text, i, i + len(w))
                            and not self.crosses_word(text, i, i + len(w))):
                        hits.append((i, i + len(w), t, t.right if (t.fix and isinstance(t.right, str)) else None))
                m = self.scan.search(text, i + 1)
        for t in self.patterns:
            for pm in t.pattern.finditer(text):
                if pm.end() == pm.start() or not t.applies(text, pm.start(), pm.end()):
                    continue
                rep = None
                if t.fix and isinstance(t.right, str):
                    try:
                        rep = pm.expand(t.right)
                    except (re.error, IndexError):
                        rep = None
                hits.append((pm.start(), pm.end(), t, rep))
        if not hits:
            return []
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out, last = [], -1
        for a, b, t, rep in hits:
            if a < last:
                continue
            last = b
            out.append(Finding(a, b, t.message(text[a:b], rep), rep, "term", t.severity))
        return out


def _entries(data) -> tuple[list, dict]:
    if data is None:
        return [], {}
    if isinstance(data, list):
        return data, {}
    if isinstance(data, dict):
        return list(data.get("terms") or []), dict(data.get("defaults") or {}, words=data.get("words") or [])
    raise TermsDataError("terms.yaml：顶层应为 terms 列表")


def compile_terms(data) -> TermMatcher:
    """Build a matcher from the parsed terms.yaml (a dict with `terms`, or a bare list)."""
    entries, defaults = _entries(data)
    window0 = int(defaults.get("window", DEFAULT_WINDOW))
    sev0 = defaults.get("severity")
    matcher = TermMatcher()
    by_len: dict[int, set] = {}
    for w in defaults.pop("words", None) or []:
        if isinstance(w, str) and len(w) > 1:
            by_len.setdefault(len(w), set()).add(w)
    matcher.words = {n: frozenset(ws) for n, ws in by_len.items()}
    literals: list[str] = []
    for n, e in enumerate(entries, 1):
        where = f"terms.yaml 第 {n} 条"
        if not isinstance(e, dict):
            raise TermsDataError(f"{where}：应为映射")
        wrong, pattern = e.get("wrong"), e.get("pattern")
        if (wrong is None) == (pattern is None):
            raise TermsDataError(f"{where}：wrong 与 pattern 须有且只有一个")
        right = e.get("right")
        if not right or not isinstance(right, (str, list)):
            raise TermsDataError(f"{where}：缺少 right")
        fix = bool(e.get("fix", False)) and isinstance(right, str)
        guards: tuple = ()
        if wrong is not None:
            wrong = str(wrong)
            if not wrong:
                raise TermsDataError(f"{where}：wrong 为空")
            rights = [right] if isinstance(right, str) else [str(r) for r in right]
            guards = tuple((r.find(wrong), r) for r in rights if wrong in r)
        try:
            rx = re.compile(pattern) if pattern is not None else None
        except re.error as exc:
            raise TermsDataError(f"{where}：pattern 无效：{exc}") from exc
        term = Term(
            wrong=wrong, pattern=rx, right=right, fix=fix,
            severity=e.get("severity", sev0),
            context=_cond(e.get("context"), where + " context"),
            not_context=_cond(e.get("not_context"), where + " not_context"),
            only_before=_words(e.get("only_before"), where + " only_before"),
            not_before=_words(e.get("not_before"), where + " not_before"),
            only_after=_words(e.get("only_after"), where + " only_after"),
            not_after=_words(e.get("not_after"), where + " not_after"),
            window=int(e.get("window", window0)), note=str(e.get("note") or ""),
            source=str(e.get("source") or ""), guards=guards,
        )
        if rx is not None:
            matcher.patterns.append(term)
        else:
            matcher.literals.setdefault(wrong[0], []).append(term)
            literals.append(wrong)
        matcher.count += 1
    if literals:
        uniq = sorted(set(literals), key=len, reverse=True)
        matcher.scan = re.compile("|".join(re.escape(w) for w in uniq))
    return matcher


_CACHE: dict[int, tuple[object, TermMatcher]] = {}


def matcher_for(data) -> TermMatcher:
    """Compiled matcher for this parsed data object, cached by identity."""
    if isinstance(data, TermMatcher):
        return data
    hit = _CACHE.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    m = compile_terms(data)
    _CACHE[id(data)] = (data, m)
    return m


def find(text: str, terms_data) -> list[Finding]:
    """Terminology findings in one prose line; `terms_data` is parsed terms.yaml or a matcher."""
    return matcher_for(terms_data).find(text)
