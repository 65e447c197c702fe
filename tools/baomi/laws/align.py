"""The old → new article map of two versions of one text: the revision table's alignment
(`baomi.generate.align.align_articles`), read as a map. One alignment for both: a statute's
renumbering map and a policy's 修订对照表 pair articles the same way (identical texts, then
similar ones, then what is left over in place, then an article much extended inside its gap —
see that module).
"""

from __future__ import annotations

from typing import Hashable, Sequence

from ..generate.align import COVER, GAP_FLOOR, THRESHOLD, align_articles as _rows

__all__ = ["COVER", "GAP_FLOOR", "THRESHOLD", "align_articles"]


def align_articles(old: Sequence[tuple[Hashable, str]], new: Sequence[tuple[Hashable, str]],
                   threshold: float = THRESHOLD, gap_floor: float = GAP_FLOOR,
                   cover: float = COVER) -> dict[Hashable, tuple[Hashable, float] | None]:
    """Map every old key to (new key, ratio), or to None when no new article is its counterpart.

    One-to-one: a new article is the counterpart of at most one old article."""
    old, new = list(old), list(new)
    out: dict[Hashable, tuple[Hashable, float] | None] = {key: None for key, _ in old}
    for r in _rows(old, new, threshold=threshold, gap_floor=gap_floor, cover=cover):
        if r.old is not None and r.new is not None:
            out[r.old[0]] = (r.new[0], round(r.ratio, 3))
    return out
