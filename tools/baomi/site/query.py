"""Query-understanding data for the handbook search (`schemas/search.yaml`), build time only.

`load_query` reads the data into the shapes the index writes into ``meta.json`` (function words,
intents, not-lists) and the extra synonym groups (colloquial words with their source article);
`fuzzy_table` writes ``fz.json``: for every character a query may contain by mistake (the
common characters of jieba's dictionary and every character of the vocabulary), its toneless
readings (pypinyin), plus the shape groups of the data. The browser loads ``fz.json`` only
when a query has a character that is not part of any known word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .. import grammar
from .textnorm import fold

COMMON_FREQ = 50          # jieba dictionary frequency of a single character counted as common
SOURCE_RE = re.compile(rf"^(BM-\d+)\s*({grammar.RE_ARTICLE_LABEL.pattern})$")   # BM-05 第十条


def _strings(v) -> list[str]:
    if isinstance(v, str):
        return [v]
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v if isinstance(x, (str, int))]
    return []


def load_query(data) -> dict:
    """{function_words, intents, not, shapes, groups} from `search.yaml` (missing → empty)."""
    raw = None
    if data is not None:
        try:
            raw = data.load("search", default=None)
        except Exception:   # a broken file is the lint's business, not the site's
            raw = None
    if not isinstance(raw, dict):
        raw = {}
    fw = sorted({fold(w).strip() for w in _strings(raw.get("function_words")) if w.strip()},
                key=lambda w: (-len(w), w))
    groups: list[list[str]] = []
    nots: dict[str, list[str]] = {}
    for e in raw.get("colloquial") or []:
        if not isinstance(e, dict):
            continue
        g = [fold(t).strip() for k in ("term", "also", "synonyms") for t in _strings(e.get(k))]
        g = list(dict.fromkeys(t for t in g if t))
        if len(g) >= 2:
            groups.append(g)
        for w in g[1:]:
            if e.get("not"):
                nots[w] = [fold(t) for t in _strings(e.get("not"))]
    intents: dict[str, list[list[str]]] = {}
    for e in raw.get("intents") or []:
        if isinstance(e, dict) and isinstance(e.get("word"), str):
            intents[fold(e["word"])] = [[fold(t) for t in _strings(e.get("to"))],
                                        [fold(t) for t in _strings(e.get("also"))]]
    shapes = []
    for g in raw.get("shapes") or []:
        g = [c for c in _strings(g) if len(c) == 1]
        if len(g) >= 2:
            shapes.append("".join(dict.fromkeys(g)))
    return {"function_words": fw, "intents": intents, "not": nots, "shapes": shapes, "groups": groups}


def colloquial_sources(raw: dict) -> list[tuple[str, str, str]]:
    """(term, policy id, article label) of every colloquial group (checked by the tests)."""
    out = []
    for e in (raw or {}).get("colloquial") or []:
        m = SOURCE_RE.match(str(e.get("source", "")).strip())
        out.append((e.get("term"), m.group(1) if m else None, m.group(2) if m else None))
    return out


def _readings(ch: str) -> list[str]:
    from pypinyin import Style, pinyin

    out = []
    for r in pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")[:1]:
        for s in r:
            s = re.sub("[^a-z]", "", s.lower())
            if s and s not in out:
                out.append(s)
    return out


def fuzzy_table(words: Iterable[str], shapes: list[str]) -> dict:
    """``{"r": {reading: characters}, "s": [shape group, …]}`` for one-character corrections."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    chars: set[str] = set()
    for w in words:
        chars.update(c for c in w if "\u3400" <= c <= "\u9fff")
    for w, f in jieba.dt.FREQ.items():
        if len(w) == 1 and "\u4e00" <= w <= "\u9fff" and f >= COMMON_FREQ:
            chars.add(w)
    for g in shapes:
        chars.update(g)
    by_reading: dict[str, list[str]] = {}
    for ch in sorted(chars):
        for r in _readings(ch):
            by_reading.setdefault(r, []).append(ch)
    return {"r": {r: "".join(cs) for r, cs in sorted(by_reading.items())}, "s": list(shapes)}
