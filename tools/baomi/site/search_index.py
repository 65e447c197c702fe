"""The prebuilt search index: written once at build time, read lazily by `assets/search.js`.

Layout under ``<site>/search/``:

- ``meta.json``: document count, shard layout, policy titles/URLs, quantised article lengths,
  the query vocabulary with pinyin, the Traditional→Simplified character map and the synonym
  groups (everything the browser needs before it knows which shards to fetch);
- ``p/<n>.json``: posting shards, token → encoded list of (article, frequency); a token lives in
  the shard of the hash of its first unit, so a one-character query needs one shard;
- ``d/<n>.json``: article shards, consecutive articles (policy, anchor, label, text), fetched
  only for the results shown.

Postings are delta-coded variable-length integers written with a 64-character alphabet
(5 payload bits per character), so the index grows linearly with the text.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .textnorm import fnv1a, fold, token_counts, trad_map
from .vocab import Word, build_vocabulary

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
LEN_BASE = 1.15
FORMAT_VERSION = 2
LABEL_RE = re.compile("^第([零〇○一二三四五六七八九两十百千万]+|[0-9]+)条$")


@dataclass
class SearchRecord:
    """One searchable article (or 公文式 section)."""

    url: str        # page URL relative to the site root, e.g. "yaohai-buwei/"
    anchor: str     # "art-10"
    title: str      # the policy title
    label: str      # "第十条"
    text: str       # the article text as shown on the page
    pid: str = ""   # the policy's id (BM-05): an exact lookup in the search box


@dataclass
class IndexStats:
    documents: int = 0
    policies: int = 0
    tokens: int = 0
    postings: int = 0
    text_bytes: int = 0
    index_bytes: int = 0
    posting_shards: int = 0
    doc_shards: int = 0
    vocabulary: int = 0
    seconds: float = 0.0
    files: dict = field(default_factory=dict)


def encode_varint(value: int, out: list[str]) -> None:
    while value >= 32:
        out.append(ALPHABET[32 + (value & 31)])
        value >>= 5
    out.append(ALPHABET[value])


def decode_postings(s: str) -> list[tuple[int, int]]:
    """Inverse of `encode_postings` (used by tests; the browser has its own copy)."""
    vals: list[int] = []
    v = shift = 0
    for ch in s:
        d = ALPHABET.index(ch)
        if d >= 32:
            v |= (d - 32) << shift
            shift += 5
        else:
            vals.append(v | (d << shift))
            v = shift = 0
    out: list[tuple[int, int]] = []
    doc = -1
    i = 0
    while i < len(vals):
        x = vals[i]
        i += 1
        doc += (x >> 1) + 1
        tf = 1
        if x & 1:
            tf = vals[i] + 2
            i += 1
        out.append((doc, tf))
    return out


def encode_postings(postings: Sequence[tuple[int, int]]) -> str:
    out: list[str] = []
    prev = -1
    for doc, tf in postings:
        gap = doc - prev - 1
        prev = doc
        encode_varint(gap * 2 + (1 if tf > 1 else 0), out)
        if tf > 1:
            encode_varint(tf - 2, out)
    return "".join(out)


def quantise_length(n: int) -> str:
    q = 0 if n <= 0 else min(63, int(math.log(n + 1) / math.log(LEN_BASE)))
    return ALPHABET[q]


def _dump(path: Path, obj) -> int:
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def label_token(label: str) -> str | None:
    """The posting key of an article label: 第十三条 → ``§13`` (its own shard, so that the query
    第十三条 finds the articles so labelled and never 第五十三条 or a mention in the text)."""
    from ..numerals import parse_chinese

    m = LABEL_RE.match(label or "")
    if not m:
        return None
    n = parse_chinese(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
    return f"§{n}" if n else None


def write_index(records: Iterable[SearchRecord], out_dir: Path, *, synonyms: list[list[str]] = (),
                terms: Iterable[str] = (), query: dict | None = None, shard_bytes: int = 48_000,
                doc_shard_bytes: int = 8_000) -> IndexStats:
    """Write the index for `records` (in page order) into `out_dir` (created; old files removed).

    `query`: the query-understanding data of `schemas/search.yaml` as read by
    `baomi.site.query.load_query` (function words, intents, not-lists, shape groups)."""
    t0 = time.perf_counter()
    records = list(records)
    stats = IndexStats(documents=len(records))
    out_dir = Path(out_dir)
    for sub in ("p", "d"):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
        for old in (out_dir / sub).glob("*.json"):
            old.unlink()
    query = query or {}

    # policies in first-seen order; articles of one policy are consecutive
    policies: list[list] = []
    pol_index: dict[str, int] = {}
    doc_pol: list[int] = []
    for r in records:
        if r.url not in pol_index:
            pol_index[r.url] = len(policies)
            policies.append([r.title, r.url, len(doc_pol), fold(r.pid or "")])
        doc_pol.append(pol_index[r.url])
    stats.policies = len(policies)

    # postings
    shard_of_first: dict[str, int] = {}
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    first_unit: dict[str, str] = {}
    lengths: list[str] = []
    total_len = 0
    for doc, r in enumerate(records):
        folded = fold(r.text)
        stats.text_bytes += len(r.text.encode("utf-8"))
        n = len(folded)
        total_len += n
        lengths.append(quantise_length(n))
        for (first, tok), tf in token_counts(folded).items():
            index[tok].append((doc, tf))
            first_unit[tok] = first
        lt = label_token(r.label)
        if lt:
            index[lt].append((doc, 1))
            first_unit[lt] = lt
    encoded = {tok: encode_postings(p) for tok, p in index.items()}
    stats.tokens = len(encoded)
    stats.postings = sum(len(p) for p in index.values())
    total = sum(len(k.encode()) + len(v) + 6 for k, v in encoded.items())
    nshards = max(1, math.ceil(total / shard_bytes))
    shards: list[dict[str, str]] = [dict() for _ in range(nshards)]
    for tok in sorted(encoded):
        first = first_unit[tok]
        s = shard_of_first.get(first)
        if s is None:
            s = shard_of_first[first] = fnv1a(first) % nshards
        shards[s][tok] = encoded[tok]
    size = 0
    for i, sh in enumerate(shards):
        size += _dump(out_dir / "p" / f"{i}.json", sh)
    stats.posting_shards = nshards

    # article shards
    starts: list[int] = []
    cur: list[list] = []
    cur_bytes = 0

    def flush():
        nonlocal cur, cur_bytes, size
        if cur:
            size += _dump(out_dir / "d" / f"{len(starts) - 1}.json", cur)
        cur, cur_bytes = [], 0

    for doc, r in enumerate(records):
        if not cur or cur_bytes >= doc_shard_bytes:
            flush()
            starts.append(doc)
        cur.append([doc_pol[doc], r.anchor, r.label, r.text])
        cur_bytes += len(r.text.encode("utf-8")) + len(r.anchor) + 20
    flush()
    stats.doc_shards = len(starts)

    # vocabulary, character map, synonyms
    synonyms = [list(g) for g in synonyms]
    words: list[Word] = build_vocabulary(
        [r.text for r in records] + [p[0] for p in policies], terms=terms,
        always=[t for g in synonyms for t in g])
    stats.vocabulary = len(words)
    tmap = trad_map([r.text for r in records] + [p[0] for p in policies])
    digest = hashlib.sha1()
    for p in sorted((out_dir / "p").glob("*.json")):
        digest.update(p.read_bytes())
    from .query import fuzzy_table

    fz = fuzzy_table([w.text for w in words], query.get("shapes", []))
    size += _dump(out_dir / "fz.json", fz)
    meta = {
        "v": FORMAT_VERSION,
        "id": digest.hexdigest()[:12],
        "n": len(records),
        "ps": nshards,
        "ds": starts,
        "pol": policies,
        "len": "".join(lengths),
        "lb": LEN_BASE,
        "avg": round(total_len / len(records), 1) if records else 0,
        "w": "|".join(w.text for w in words),
        "py": "|".join(w.full for w in words),
        "ini": "|".join(w.initials for w in words),
        "tf": "".join(tmap.keys()),
        "tt": "".join(tmap.values()),
        "syn": synonyms,
        "fw": query.get("function_words", []),
        "it": query.get("intents", {}),
        "not": query.get("not", {}),
    }
    size += _dump(out_dir / "meta.json", meta)
    stats.index_bytes = size
    stats.files = {"meta": (out_dir / "meta.json").stat().st_size}
    stats.seconds = time.perf_counter() - t0
    return stats


def directory_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def gzip_size(path: Path) -> int:
    """Total gzip-compressed size of the files under `path` (what a compressing server sends)."""
    import gzip

    return sum(len(gzip.compress(f.read_bytes(), 6)) for f in Path(path).rglob("*") if f.is_file())


__all__ = ["SearchRecord", "IndexStats", "write_index", "encode_postings", "decode_postings",
           "directory_size", "gzip_size"]
