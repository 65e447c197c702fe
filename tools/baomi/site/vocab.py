"""The query vocabulary: words of the corpus (jieba, build time only) with their pinyin.

The browser segments an unspaced query by forward maximum matching against these words and
resolves pinyin (full `tuomiqi` or initials `tmq`) to them. jieba and pypinyin are imported
here only, lazily: the lint path never loads them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .textnorm import fold

WORD_RE = re.compile("^[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,8}$")
TERM_RE = re.compile("^[a-z0-9\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,12}$")
MAX_WORD_UNITS = 8


@dataclass(frozen=True)
class Word:
    text: str        # folded
    full: str        # full pinyin, no separators: tuomiqi
    initials: str    # tmq
    count: int       # occurrences in the corpus (orders pinyin alternatives)


def _pinyin(word: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    syl = [re.sub("[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(word, errors="default")]
    syl = [s for s in syl if s]
    full = "".join(syl)
    ini = "".join(s[0] for s in syl)
    # lazy_pinyin keeps a non-Han chunk (the U of U盘) whole; its initial is its first letter
    first = lazy_pinyin(word, style=Style.FIRST_LETTER, errors="default")
    ini2 = "".join(re.sub("[^a-z0-9]", "", s.lower())[:1] for s in first)
    return full, ini2 or ini


def build_vocabulary(texts: Iterable[str], terms: Iterable[str] = (),
                     always: Iterable[str] = ()) -> list[Word]:
    """Words for query segmentation.

    `texts`: searchable texts (duplicates are segmented once). `terms`: domain terms from the
    data (added to jieba's dictionary so that 脱密期 stays one word; kept only when the corpus
    uses them). `always`: terms kept even if absent from the corpus (synonyms such as U盘).
    """
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    tk = jieba.dt  # the default tokenizer (build time only; adding words is harmless)
    for t in {fold(t) for t in (*terms, *always)}:
        if TERM_RE.match(t):
            tk.add_word(t, freq=max(tk.FREQ.get(t, 0), 20000))
    counts: Counter = Counter()
    seen: Counter = Counter()
    for text in texts:
        seen[fold(text)] += 1
    for text, n in seen.items():
        for w in tk.cut_for_search(text, HMM=True):
            if WORD_RE.match(w):
                counts[w] += n
    for t in always:
        t = fold(t)
        if TERM_RE.match(t):
            counts[t] += 0
    out = []
    for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        full, ini = _pinyin(w)
        out.append(Word(w, full, ini, n))
    return out
