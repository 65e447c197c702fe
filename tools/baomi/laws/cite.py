"""Which version of a law a citation means, judged by what the citing sentence says.

A 2024 article number is valid in its own right: 保密法第十七条 exists in the 2024 text with other
content than 2010 第十七条 (国家秘密标志). A citation is taken for the old numbering only when
the policy says so (2010年……, 修订前……) or when the citing sentence shares clearly more of its
words with the old article N than with the current article N. Words are approximated by
character bigrams of Chinese text, the citation itself and the words every article of a secrecy
law shares (国家秘密, 机关、单位, 保密, 应当, …) left out.
"""

from __future__ import annotations

import re

from .. import grammar

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_CITE = re.compile(r"《[^《》]*》|" + grammar.RE_CITED_UNIT.pattern)
_SENT = re.compile(r"[^。；！？\n]*")
# bigrams of the words that any article of the secrecy laws may use: they say nothing about which
# article is meant
COMMON = frozenset({"国家", "家秘", "秘密", "机关", "单位", "保密", "应当", "按照", "规定", "有关", "依照",
                    "的规", "定的", "本法", "条例", "管理", "工作", "依法", "或者", "人员"})
MARGIN = 1.5        # old overlap must exceed the current one by this factor
MIN_SHARED = 3      # and share at least this many bigrams with the old article


def bigrams(text: str) -> set[str]:
    out = set()
    for run in _HAN.findall(text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out - COMMON


def sentence_at(line: str, col0: int) -> str:
    """The sentence of `line` around the 0-based column `col0` (split at 。；！？)."""
    start = max(line.rfind(p, 0, col0) for p in "。；！？") + 1
    ends = [i for i in (line.find(p, col0) for p in "。；！？") if i >= 0]
    return line[start:min(ends) + 1 if ends else len(line)]


def content_words(sentence: str) -> set[str]:
    """Bigrams of a citing sentence without its citations."""
    return bigrams(_CITE.sub("，", sentence))


def overlap(words: set[str], article: str) -> tuple[int, float]:
    """(shared bigrams, share of the sentence's bigrams found in the article)."""
    if not words:
        return 0, 0.0
    shared = len(words & bigrams(article))
    return shared, shared / len(words)


def states_old_version(sentence: str, old_year: str | None) -> bool:
    """The sentence says it cites the previous version (2010年……, 修订前的……, 原……)."""
    if "修订前" in sentence or "原保密法" in sentence or "原条例" in sentence or "原实施条例" in sentence:
        return True
    return bool(old_year) and re.search(rf"{old_year}\s*年(?:修订|制定|公布|施行|版|的)", sentence) is not None


def judge(sentence: str, old_article: str | None, new_article: str | None, old_year: str | None = None):
    """'stated' | 'content' when the citation means the old article, else None; with the figures."""
    if states_old_version(sentence, old_year):
        return "stated", (0, 0.0), (0, 0.0)
    if not old_article:
        return None, (0, 0.0), (0, 0.0)
    words = content_words(sentence)
    o = overlap(words, old_article)
    n = overlap(words, new_article or "")
    if o[0] >= MIN_SHARED and o[1] >= MARGIN * n[1] and o[0] > n[0]:
        return "content", o, n
    return None, o, n
