"""The reference lexicon: the legal terms the law uses, their one-edit typos, dictionary words.

Built offline by `python -m baomi.lexicon build` (baomi/lexicon/build.py, which uses jieba and
pypinyin) and shipped as `baomi/lexicon/lexicon.bin`: gzip of a `baomi.serial.pack` JSON
payload (never pickle). The lint reads only that file, through this module, which imports
neither jieba nor pypinyin. `python -m baomi.lexicon build --check` says whether the shipped
file is current with its sources (statutes, schemas, jieba's dictionary, tool versions).

`Lexicon.typos(text)` yields the spans of `text` that are a known one-edit variant of a
frequent legal term, aligned to the text's word boundaries: no dictionary word straddles the
span's start or end, and the span is not part of a longer dictionary word.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FORMAT = 1
KIND = "lexicon"
KEY = f"v{FORMAT}"
SHIPPED = Path(__file__).with_name("lexicon.bin")

KIND_LABELS = {"reading": "同音字", "shape": "形近字", "swap": "字序颠倒"}


def article_label(source_title: str, article: str) -> str:
    t = source_title if source_title.startswith("《") else f"《{source_title}》"
    return t + (article or "")


class Bloom:
    """A Bloom filter over strings (blake2b, double hashing); no false negatives."""

    __slots__ = ("m", "k", "bits")

    def __init__(self, m: int, k: int, bits: bytearray | None = None):
        self.m, self.k = m, k
        self.bits = bits if bits is not None else bytearray((m + 7) // 8)

    @classmethod
    def sized(cls, n: int, p: float) -> "Bloom":
        import math

        m = max(64, int(-n * math.log(p) / (math.log(2) ** 2)))
        k = max(1, round(m / max(n, 1) * math.log(2)))
        return cls(m, k)

    def _positions(self, s: str):
        d = hashlib.blake2b(s.encode("utf-8"), digest_size=16).digest()
        h1, h2 = int.from_bytes(d[:8], "little"), int.from_bytes(d[8:], "little") | 1
        m = self.m
        return ((h1 + i * h2) % m for i in range(self.k))

    def add(self, s: str) -> None:
        for p in self._positions(s):
            self.bits[p >> 3] |= 1 << (p & 7)

    def __contains__(self, s: str) -> bool:
        bits = self.bits
        return all(bits[p >> 3] >> (p & 7) & 1 for p in self._positions(s))

    def to_data(self) -> dict:
        return {"m": self.m, "k": self.k, "bits": base64.b64encode(bytes(self.bits)).decode("ascii")}

    @classmethod
    def from_data(cls, d: dict) -> "Bloom":
        return cls(int(d["m"]), int(d["k"]), bytearray(base64.b64decode(d["bits"])))


@dataclass(frozen=True, slots=True)
class Typo:
    start: int
    end: int
    found: str
    term: str
    kind: str          # reading | shape | swap
    count: int         # how often the law uses the term
    where: str         # 《title》第N条 where the law uses it ("" if unknown)


class Lexicon:
    def __init__(self, data: dict):
        self.data = data
        self.terms = [tuple(t) for t in data["terms"]]
        self.variants: dict[str, tuple[int, str]] = {v: (x[0], x[1]) for v, x in data["variants"].items()}
        self.words = Bloom.from_data(data["bloom"]) if isinstance(data["bloom"], dict) else data["bloom"]
        self.lens = sorted({len(v) for v in self.variants}, reverse=True)
        self.heads = {v[:2] for v in self.variants}      # every variant has at least two characters
        self.term_set = {t[0] for t in self.terms}

    # --- leave-one-out (benchmark lexicons built with sources=True) ----------------------
    def without(self, name: str) -> "Lexicon":
        """This lexicon as if the statute `name` were not among its sources: its word counts
        taken out of the terms (a term it alone made frequent is dropped), and the strings only
        it writes become typos again."""
        d = self.data
        if "names" not in d:
            raise ValueError("lexicon built without per-source counts (build(..., sources=True))")
        si = d["names"].index(name)
        key = str(si)
        par = d["params"]
        base = self.__dict__.get("_loo_base")
        if base is None:
            used = d.get("law_used", {})
            active = {v: (x[0], x[1]) for v, x in d["variants"].items() if v not in used}
            by_term: dict[int, list[str]] = {}
            for v, (ti, _) in active.items():
                by_term.setdefault(ti, []).append(v)
            base = self._loo_base = (active, by_term, set(d.get("rule_terms", ())))
        active, by_term, rule_terms = base
        terms = list(d["terms"])
        dropped = set()
        for ti, srcs in enumerate(d["term_sources"]):
            if key not in srcs:
                continue
            t = terms[ti]
            c, n = t[1] - srcs[key], len(srcs) - 1
            if (c < par["min_count"] or n < par["min_sources"]) and not (c >= 1 and t[0] in rule_terms):
                dropped.add(ti)
                continue
            place = [t[2], t[3]]
            if t[2] == d["titles"][si]:
                wh = {s: a for s, a in d["where"][ti].items() if s != key}
                s = min(wh, key=int) if wh else None
                place = [d["titles"][int(s)], wh[s]] if s is not None else ["", ""]
            terms[ti] = [t[0], c, *place]
        variants = dict(active)
        for ti in dropped:
            for v in by_term.get(ti, ()):
                variants.pop(v, None)
        for v, u in d.get("law_used", {}).items():
            if u == [si] and d["variants"][v][0] not in dropped:
                variants[v] = tuple(d["variants"][v])
        lex = Lexicon({"format": d["format"], "params": par, "terms": terms, "variants": {},
                       "bloom": self.words, "sources": d["sources"] - 1,
                       "collocations": d.get("collocations", {}),
                       "law_titles": d.get("law_titles", [])})
        lex.variants = variants
        lex.lens = sorted({len(v) for v in variants}, reverse=True)
        lex.heads = {v[:2] for v in variants}
        lex.term_set = {terms[i][0] for i in range(len(terms)) if i not in dropped}
        if "_colloc" in self.__dict__:
            lex._colloc = self._colloc
        return lex

    # --- matching ------------------------------------------------------------------------
    def is_word(self, s: str) -> bool:
        return s in self.term_set or s in self.words

    def aligned(self, text: str, s: int, e: int) -> bool:
        """No dictionary word straddles text[s:e]'s start or end, and it is not inside a longer word."""
        n = len(text)
        words = self.words
        for a in range(max(0, s - 4), s + 1):
            for b in range(e, min(n, e + 4) + 1):
                if (a, b) != (s, e) and 2 <= b - a <= 8 and text[a:b] in words:
                    return False
        for a in range(max(0, s - 3), s):          # crossing the start: a < s < b < e
            for b in range(s + 1, e):
                if b - a >= 2 and text[a:b] in words:
                    return False
        for a in range(s + 1, e):                  # crossing the end: s < a < e < b
            for b in range(e + 1, min(n, e + 3) + 1):
                if b - a >= 2 and text[a:b] in words:
                    return False
        return True

    def typos(self, text: str) -> list[Typo]:
        out: list[Typo] = []
        if not self.variants:
            return out
        n = len(text)
        variants = self.variants
        taken_until = -1
        heads = self.heads
        for i in range(n - 1):
            if i < taken_until or text[i:i + 2] not in heads:
                continue
            for L in self.lens:
                if i + L > n:
                    continue
                w = text[i:i + L]
                hit = variants.get(w)
                if hit is None or not self.aligned(text, i, i + L):
                    continue
                t = self.terms[hit[0]]
                out.append(Typo(i, i + L, w, t[0], hit[1], t[1], article_label(t[2], t[3]) if t[2] else ""))
                taken_until = i + L
                break
        return out


def read(path: Path) -> Lexicon:
    from .. import serial

    raw = gzip.decompress(Path(path).read_bytes())
    data = serial.unpack(raw, KIND, KEY)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise serial.Invalid("not a lexicon of this format")
    return Lexicon(data)


def write(path: Path, data: dict) -> bytes:
    from .. import serial

    raw = gzip.compress(serial.pack(KIND, KEY, data), compresslevel=9, mtime=0)
    Path(path).write_bytes(raw)
    return raw


@lru_cache(maxsize=1)
def shipped() -> Lexicon | None:
    """The lexicon shipped with baomi (None if the file is missing or damaged)."""
    try:
        return read(SHIPPED)
    except (OSError, ValueError, EOFError):
        return None


__all__ = ["Lexicon", "Bloom", "Typo", "read", "write", "shipped", "KIND_LABELS", "article_label"]
