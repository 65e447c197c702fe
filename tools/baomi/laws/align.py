"""Align the articles of two versions of one text by content (a pure function).

The same first two steps as the revision table (`baomi.generate.diff.align`): identical texts
are paired first, in document order; the rest are paired by difflib ratio, best pairs first, when
the ratio reaches `threshold`. A statute revision often expands an article (2010 保密法第三十八条,
two sentences, became the five sentences of 2024 第四十六条), which a ratio over both lengths
undervalues; so, third, an old article still unpaired is paired inside the gap its paired
neighbours leave in the new text (the order of the text is kept there; around them when they
swapped places) with the new article that
covers most of it, when the ratio reaches `gap_floor` or the old text is `cover` covered. What is
left has no counterpart.

TODO after merge: wt-history factors `align_articles` out of generate/diff.py; this function
should become that one (same contract: sequences of (key, text) in, old key → new key out).
"""

from __future__ import annotations

import difflib
from typing import Hashable, Sequence

THRESHOLD = 0.6


def ratio(a: str, b: str, floor: float = 0.0) -> float:
    """difflib similarity of two texts; 0.0 when the quick upper bounds are already below `floor`."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if floor and (sm.real_quick_ratio() < floor or sm.quick_ratio() < floor):
        return 0.0
    return sm.ratio()


GAP_FLOOR = 0.3
COVER = 0.6


def coverage(a: str, b: str) -> float:
    """Share of `a`'s characters found, in order, in `b`."""
    if not a:
        return 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks()) / len(a)


def align_articles(old: Sequence[tuple[Hashable, str]], new: Sequence[tuple[Hashable, str]],
                   threshold: float = THRESHOLD, gap_floor: float = GAP_FLOOR,
                   cover: float = COVER) -> dict[Hashable, tuple[Hashable, float] | None]:
    """Map every old key to (new key, ratio), or to None when no new article is similar enough.

    One-to-one: a new article is the counterpart of at most one old article.
    """
    pairs: dict[int, tuple[int, float]] = {}
    by_text: dict[str, list[int]] = {}
    for i, (_, text) in enumerate(old):
        by_text.setdefault(text, []).append(i)
    taken: set[int] = set()
    for j, (_, text) in enumerate(new):
        cands = by_text.get(text)
        if cands:
            pairs[cands.pop(0)] = (j, 1.0)
            taken.add(j)
    scored = []
    for i, (_, a) in enumerate(old):
        if i in pairs:
            continue
        for j, (_, b) in enumerate(new):
            if j in taken:
                continue
            r = ratio(a, b, threshold)
            if r >= threshold:
                scored.append((-r, abs(i - j), i, j, r))
    for _, _, i, j, r in sorted(scored):
        if i in pairs or j in taken:
            continue
        pairs[i] = (j, r)
        taken.add(j)
    for i, (_, a) in enumerate(old):
        if i in pairs:
            continue
        before = [pairs[k][0] for k in range(i - 1, -1, -1) if k in pairs][:1]
        after = [pairs[k][0] for k in range(i + 1, len(old)) if k in pairs][:1]
        lo = before[0] if before else -1
        hi = after[0] if after else len(new)
        # neighbours that swapped places (2010 第三十七条至第三十九条) leave no gap: look around them
        window = range(lo + 1, hi) if lo < hi else range(max(hi - 1, 0), min(lo + 2, len(new)))
        best = None
        for j in window:
            if j in taken:
                continue
            b = new[j][1]
            r, c = ratio(a, b), coverage(a, b)
            if r >= gap_floor or c >= cover:
                score = (max(r, c), r)
                if best is None or score > best[0]:
                    best = (score, j, r)
        if best is not None:
            pairs[i] = (best[1], best[2])
            taken.add(best[1])
    out: dict[Hashable, tuple[Hashable, float] | None] = {}
    for i, (key, _) in enumerate(old):
        got = pairs.get(i)
        out[key] = (new[got[0]][0], round(got[1], 3)) if got else None
    return out
