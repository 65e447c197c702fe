"""Article alignment: which article of the old text became which article of the new one.

Pure: two lists in, typed rows out; no Git, no parsing, no rendering. Used by the 修订对照表
(`generate/diff.py`) and by anything else that compares two versions of a text article by
article (two versions of a statute, say).

    from baomi.generate.align import align_articles

    rows = align_articles(old_units, new_units)
    for r in rows:
        r.kind      # 相同 | 修改 | 条号调整 | 删除 | 新增
        r.old, r.new   # the objects passed in (None on the side that has none)
        r.old_parts, r.new_parts   # for 修改: the texts cut into plain / del (old) / ins (new)

A unit is anything with a `label` (第五条, 一、（二）) and a `text` (the article's text without
its number, one line per 款/项; a method returning it is called), or a (label, text) pair.

How articles are paired (in this order, each step only on what is still unpaired):

1. identical texts in the same order (the longest common subsequence of the two lists of texts,
   `difflib.SequenceMatcher`), then identical texts elsewhere (an article that was moved);
   same text and same number is 相同, same text under another number 条号调整;
2. similar texts, best first: `similarity(a, b) >= threshold` (the difflib ratio, or, for an
   article that was extended or cut, the share of the shorter text found in the longer one);
   a pair that stays between the same unchanged neighbours on both sides is preferred;
3. between two unchanged neighbours, the articles left over on both sides are paired in order
   when there are as many old as new ones and each pair shares at least `LOOSE` of its text
   (an article reworded in place is a 修改, not a 删除 and a 新增);
4. an old article still left over is paired inside the gap its paired neighbours leave in the new
   text (around them when they swapped places) with the new article that is most like it, when the
   ratio reaches `gap_floor` or the new article covers `cover` of the old text (a statute revision
   often expands an article: 2010 保密法第三十八条, two sentences, became the five of 2024 第四十六条);
5. what is left is 删除 (old side) or 新增 (new side).

`baomi.laws.align` (the old → new article maps of the law registry) is this alignment read as a map.

Rows come in the order of the new text; a deleted article stands after the row of the old
article before it.
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field
from typing import Any, Sequence

THRESHOLD = 0.6       # similarity for pairing anywhere in the text
LOOSE = 0.3           # ratio for pairing an article left over in place (step 3)
CONTAINED = 0.8       # share of the shorter text found in the longer one (extended / cut)
MIN_CONTAINED = 8     # characters: shorter texts are not paired by containment alone
CONTAINED_SHARE = 0.34  # …nor a text under a third of the longer one (构成犯罪的，依法追究刑事责任 in a long list)
GAP_FLOOR = 0.3       # step 4: ratio for pairing an article left over inside its gap…
COVER = 0.6           # …or the share of it the new article covers (an article much extended)
KINDS = ("相同", "修改", "条号调整", "删除", "新增")


def _label(u: Any) -> str:
    if isinstance(u, tuple):
        return str(u[0])
    return str(getattr(u, "label", "") or "")


def _text(u: Any) -> str:
    if isinstance(u, tuple):
        return str(u[1])
    t = getattr(u, "text", "")
    return str(t() if callable(t) else (t or ""))


def char_diff(a: str, b: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Character diff of two texts as (old parts, new parts); changed parts are `del` / `ins`,
    one-character islands between two changes folded into the change so the marks read as words."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segs = [["equal" if tag == "equal" else "change", a[i1:i2], b[j1:j2]]
            for tag, i1, i2, j1, j2 in sm.get_opcodes()]
    out: list[list[str]] = []
    for k, s in enumerate(segs):
        if (s[0] == "equal" and 0 < k < len(segs) - 1 and len(s[1]) <= 1
                and segs[k - 1][0] == "change" and segs[k + 1][0] == "change"):
            s = ["change", s[1], s[2]]
        if out and out[-1][0] == "change" and s[0] == "change":
            out[-1][1] += s[1]
            out[-1][2] += s[2]
        else:
            out.append(list(s))
    old = [("plain" if t == "equal" else "del", x) for t, x, _ in out if x]
    new = [("plain" if t == "equal" else "ins", y) for t, _, y in out if y]
    return old, new


def similarity(a: str, b: str, threshold: float = THRESHOLD) -> float:
    """How alike two article texts are, 0…1: the difflib ratio, or the share of the shorter text
    that the longer one contains when that is at least CONTAINED (an article that gained or
    lost a paragraph). 0.0 when it is certainly below `threshold` (cheap bounds first)."""
    if not a or not b:
        return 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    total, short = len(a) + len(b), min(len(a), len(b))
    bound = sm.quick_ratio() * total / 2          # at least as many characters as will match
    contained = short >= MIN_CONTAINED and short >= CONTAINED_SHARE * max(len(a), len(b))
    if 2 * bound / total < threshold and (not contained or bound / short < CONTAINED):
        return 0.0
    matched = sum(m.size for m in sm.get_matching_blocks())
    ratio = 2.0 * matched / total
    if contained and matched / short >= CONTAINED:
        return max(ratio, matched / short * 0.99)       # just below an identical text
    return ratio


@dataclass
class Row:
    """One row of an alignment. `old` / `new` are the units passed in (None on a missing side);
    `old_index` / `new_index` their positions (-1 when missing); `ratio` the similarity of
    the pair (1.0 for identical texts, 0.0 for 删除 / 新增); `note` is free for the caller."""

    kind: str                      # 相同 | 修改 | 条号调整 | 删除 | 新增
    old: Any = None
    new: Any = None
    ratio: float = 1.0
    old_index: int = -1
    new_index: int = -1
    note: str = ""
    _parts: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and _label(self.old) != _label(self.new)

    def _split(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        if self._parts is None:
            a = _text(self.old) if self.old is not None else ""
            b = _text(self.new) if self.new is not None else ""
            if self.kind == "修改":
                self._parts = char_diff(a, b)
            elif self.kind == "删除":
                self._parts = ([("del", a)], [])
            elif self.kind == "新增":
                self._parts = ([], [("ins", b)])
            else:
                self._parts = ([("plain", a)], [("plain", b)])
        return self._parts

    @property
    def old_parts(self) -> list[tuple[str, str]]:
        """The old text as (plain | del, text) parts."""
        return self._split()[0]

    @property
    def new_parts(self) -> list[tuple[str, str]]:
        """The new text as (plain | ins, text) parts."""
        return self._split()[1]


def _lcs_pairs(sm: difflib.SequenceMatcher) -> list[tuple[int, int]]:
    return [(b.a + k, b.b + k) for b in sm.get_matching_blocks() for k in range(b.size)]


def _ratio_cover(a: str, b: str) -> tuple[float, float]:
    """(difflib ratio of a and b, share of a's characters found in order in b)."""
    if not a:
        return 0.0, 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(m.size for m in sm.get_matching_blocks())
    return (2.0 * matched / (len(a) + len(b)) if (a or b) else 0.0), matched / len(a)


def align_articles(old_units: Sequence, new_units: Sequence, *, threshold: float = THRESHOLD,
                   gap_floor: float | None = GAP_FLOOR, cover: float = COVER) -> list[Row]:
    """Every unit of both lists in one row (相同 rows included), in the order of the new text.
    See the module documentation for how articles are paired."""
    old, new = list(old_units), list(new_units)
    ot, nt = [_text(u) for u in old], [_text(u) for u in new]
    pairs: dict[int, int] = {}                   # old index → new index
    ratios: dict[int, float] = {}

    # 1. identical texts: in order, then moved
    sm = difflib.SequenceMatcher(None, ot, nt, autojunk=False)
    lcs = _lcs_pairs(sm)
    pairs.update(lcs)
    taken = set(pairs.values())
    by_text: dict[str, list[int]] = {}
    for i, t in enumerate(ot):
        if i not in pairs:
            by_text.setdefault(t, []).append(i)
    for j, t in enumerate(nt):
        if j not in taken and by_text.get(t):
            i = by_text[t].pop(0)
            pairs[i] = j
            taken.add(j)
    in_order = dict(lcs)                         # unchanged neighbours: the fixed points

    def gap_old(i: int) -> tuple[int, int]:      # (new index of the anchor before, of the one after)
        k = bisect.bisect_left(order_keys, i)
        before = order_vals[k - 1] if k > 0 else -1
        after = order_vals[k] if k < len(order_keys) else len(new)
        return before, after

    order_keys = sorted(in_order)
    order_vals = [in_order[i] for i in order_keys]

    # 2. similar texts, best first; staying between the same neighbours breaks ties
    rest_old = [i for i in range(len(old)) if i not in pairs]
    rest_new = [j for j in range(len(new)) if j not in taken]
    gaps = {i: gap_old(i) for i in rest_old}
    scored = []
    for i in rest_old:
        lo, hi = gaps[i]
        for j in rest_new:
            r = similarity(ot[i], nt[j], threshold)
            if r >= threshold:
                inside = lo < j < hi
                scored.append((-(r + (0.05 if inside else 0.0)), abs(i - j), i, j, r))
    for _, _, i, j, r in sorted(scored):
        if i in pairs or j in taken:
            continue
        pairs[i], ratios[i] = j, r
        taken.add(j)

    # 3. left over in place: as many old as new between the same neighbours
    by_gap: dict[tuple[int, int], list[int]] = {}
    for i in rest_old:
        if i not in pairs:
            by_gap.setdefault(gaps[i], []).append(i)
    for (lo, hi), olds in by_gap.items():
        news = [j for j in range(lo + 1, hi) if j not in taken]
        if len(news) != len(olds):
            continue
        got = [(i, j, difflib.SequenceMatcher(None, ot[i], nt[j], autojunk=False).ratio())
               for i, j in zip(olds, news)]
        if all(r >= LOOSE for _, _, r in got):
            for i, j, r in got:
                pairs[i], ratios[i] = j, r
                taken.add(j)

    # 4. left over inside its gap: the new article most like it, or covering most of it
    if gap_floor is not None:
        for i in range(len(old)):
            if i in pairs:
                continue
            before = [pairs[k] for k in range(i - 1, -1, -1) if k in pairs][:1]
            after = [pairs[k] for k in range(i + 1, len(old)) if k in pairs][:1]
            lo = before[0] if before else -1
            hi = after[0] if after else len(new)
            # neighbours that swapped places leave no gap: look around them
            window = range(lo + 1, hi) if lo < hi else range(max(hi - 1, 0), min(lo + 2, len(new)))
            best = None
            for j in window:
                if j in taken:
                    continue
                r, c = _ratio_cover(ot[i], nt[j])
                if r >= gap_floor or c >= cover:
                    score = (max(r, c), r)
                    if best is None or score > best[0]:
                        best = (score, j, r)
            if best is not None:
                pairs[i], ratios[i] = best[1], best[2]
                taken.add(best[1])

    # rows in the order of the new text
    keyed: list[tuple[tuple, Row]] = []
    last = -1                                    # new index of the last paired old unit so far
    for i, u in enumerate(old):
        if i in pairs:
            last = max(last, pairs[i])
            j = pairs[i]
            same_text = ot[i] == nt[j]
            if same_text:
                kind = "相同" if _label(u) == _label(new[j]) else "条号调整"
            else:
                kind = "修改"
            keyed.append(((j, 0, 0), Row(kind, u, new[j], 1.0 if same_text else ratios.get(i, 0.0), i, j)))
        else:
            keyed.append(((last, 1, i), Row("删除", u, None, 0.0, i, -1)))
    for j, u in enumerate(new):
        if j not in taken:
            keyed.append(((j, 0, 0), Row("新增", None, u, 0.0, -1, j)))
    return [r for _, r in sorted(keyed, key=lambda kr: kr[0])]


__all__ = ["Row", "KINDS", "THRESHOLD", "align_articles", "char_diff", "similarity"]
