"""Text normalisation and tokenisation shared by the search index and its browser twin.

The JavaScript in `baomi/assets/search.js` implements exactly the same steps (NFKC, lower
case, the Traditional→Simplified character map, units, bigrams, shard hash); keep them in step.

A *unit* is one Han character or one maximal run of ASCII letters/digits; units that touch form
a *run*, anything else (punctuation, spaces) separates runs. Tokens are the bigrams of adjacent
units in a run (``"u盘"``, ``"涉密"``); a run of one unit is its own token.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator

# Han ideographs (BMP blocks, compatibility ideographs, 〇, supplementary planes) or ASCII words.
UNIT_RE = re.compile(
    "[a-z0-9]+|[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)
HAN_RE = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def fold(text: str) -> str:
    """NFKC and lower case: full-width ＵＳＢ → usb; what both index and query start from."""
    return unicodedata.normalize("NFKC", text).lower()


def runs(text: str) -> list[list[str]]:
    """Units of already folded text, grouped into runs of touching units."""
    out: list[list[str]] = []
    end = -1
    for m in UNIT_RE.finditer(text):
        if m.start() != end or not out:
            out.append([])
        out[-1].append(m.group())
        end = m.end()
    return out


def run_tokens(run: list[str]) -> Iterator[tuple[str, str]]:
    """(first unit, token) for each token of one run."""
    if len(run) == 1:
        yield run[0], run[0]
        return
    for a, b in zip(run, run[1:]):
        yield a, a + b


def token_counts(text: str) -> Counter:
    """Token → occurrences in folded text; keys are (first unit, token)."""
    c: Counter = Counter()
    for r in runs(text):
        c.update(run_tokens(r))
    return c


def fnv1a(s: str) -> int:
    """32-bit FNV-1a over code points (the shard hash; JS: same loop with Math.imul)."""
    h = 0x811C9DC5
    for ch in s:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def trad_map(texts: Iterable[str]) -> dict[str, str]:
    """Traditional/variant character → the Simplified character the corpus uses.

    Built with OpenCC from the characters present in the corpus: whole texts are converted
    s2t (so that context-dependent forms such as 發佈 are seen) and every distinct character
    also s2tw and s2hk. A variant that the corpus itself uses as a character is never mapped.
    """
    import opencc

    s2t = opencc.OpenCC("s2t")
    others = [opencc.OpenCC(c) for c in ("s2tw", "s2hk")]
    present: set[str] = set()
    votes: dict[str, Counter] = {}
    for text in texts:
        han = "".join(HAN_RE.findall(text))
        if not han:
            continue
        present.update(han)
        conv = s2t.convert(han)
        if len(conv) != len(han):
            continue
        for s, t in zip(han, conv):
            if s != t:
                votes.setdefault(t, Counter())[s] += 1
    for ch in present:
        for cc in others:
            t = cc.convert(ch)
            if len(t) == 1 and t != ch:
                votes.setdefault(t, Counter())[ch] += 1
    return {t: c.most_common(1)[0][0] for t, c in sorted(votes.items()) if t not in present}
