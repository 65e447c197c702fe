"""The prebuilt search index: written once at build time, read lazily by `assets/search.js`.

Layout under ``<site>/search/``:

- ``meta.json``: document count, shard layout, first article of each policy (gap-coded), the
  average article length, the query vocabulary, the Traditional→Simplified character map, the
  synonym groups and the query data of ``schemas/search.yaml`` (everything the browser needs
  before it knows which shards to fetch; no per-policy text, so it stays small at 2,000 policies);
- ``p/<n>.json``: posting shards, token → encoded list of (article, frequency); a token lives in
  the shard of its own hash (about 8 KB a shard), so a query fetches one shard per token.
  Tokens: text bigrams; ``§13`` for the articles labelled 第十三条; ``#bm-05`` for the articles
  of policy BM-05; ``^`` + a bigram of a policy title → (policy, frequency);
- ``f/<n>.json``: first unit → its most frequent tokens, for a query of a single unit;
- ``d/<n>.json``: article shards (about 4 KB), consecutive articles (policy, anchor, label,
  text) with the title and address of their policies, fetched only for the results shown;
- ``py.json``: full pinyin and initials of the vocabulary (aligned with meta's ``w``), fetched
  only for a query typed in Latin letters;
- ``fz.json``: readings and shape groups for one-character corrections, fetched only when a
  query has a character that is part of no known word.

Postings are delta-coded variable-length integers written with a 64-character alphabet
(5 payload bits per character), so the index grows linearly with the text.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import grammar
from .textnorm import fnv1a, fold, token_counts, trad_map
from .vocab import Word, build_vocabulary

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
FORMAT_VERSION = 4
DOCS_PER_SHARD = 12        # articles per article shard (about 4 KB)
COMMON_BYTES = 8_000       # a token whose postings are longer is "common" (listed in meta.json)
MAX_PREFIX_TOKENS = 40     # a query of one unit looks at its 40 most frequent tokens
LABEL_RE = grammar.RE_SEARCH_LABEL     # 第十三条, 第13条 (the same pattern as assets/search-norm.js)


@dataclass
class SearchRecord:
    """One searchable article (or 公文式 section)."""

    url: str        # page URL relative to the site root, e.g. "yaohai-buwei/"
    anchor: str     # "art-10"
    title: str      # the policy title
    label: str      # "第十条"
    text: str       # the article text as shown on the page
    pid: str = ""   # the policy's id (BM-05): an exact lookup in the search box
    lookup_only: bool = False   # found by `pid` only (a rule page: BM201), its words not indexed


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


def encode_starts(starts: Sequence[int]) -> str:
    """The first article of each policy, as gaps written like the postings (``pst`` of meta.json)."""
    out: list[str] = []
    prev = 0
    for v in starts:
        encode_varint(v - prev, out)
        prev = v
    return "".join(out)


def decode_starts(s: str) -> list[int]:
    out, v, shift, acc = [], 0, 0, 0
    for ch in s:
        d = ALPHABET.index(ch)
        if d >= 32:
            v |= (d - 32) << shift
            shift += 5
        else:
            acc += v | (d << shift)
            out.append(acc)
            v = shift = 0
    return out


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
                terms: Iterable[str] = (), query: dict | None = None, shard_bytes: int = 8_000,
                common_bytes: int = COMMON_BYTES,
                doc_shard_bytes: int | None = None) -> IndexStats:
    """Write the index for `records` (in page order) into `out_dir` (created; old files removed).

    `query`: the query-understanding data of `schemas/search.yaml` as read by
    `baomi.site.query.load_query` (function words, intents, not-lists, shape groups)."""
    t0 = time.perf_counter()
    records = list(records)
    stats = IndexStats(documents=len(records))
    out_dir = Path(out_dir)
    for sub in ("p", "d", "f"):
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
            policies.append([r.title, r.url, len(doc_pol), fold(r.pid or ""), r.lookup_only])
        doc_pol.append(pol_index[r.url])
    stats.policies = len(policies)

    # postings: text tokens (bigrams), label tokens (§13), policy-id tokens (#bm-05) → articles;
    # title tokens (^ + bigram) → policies
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    first_unit: dict[str, str] = {}
    total_len = 0
    for doc, r in enumerate(records):
        folded = fold(r.text)
        stats.text_bytes += len(r.text.encode("utf-8"))
        n = len(folded)
        total_len += n
        if r.lookup_only:
            continue
        for (first, tok), tf in token_counts(folded).items():
            index[tok].append((doc, tf))
            first_unit[tok] = first
        lt = label_token(r.label)
        if lt:
            index[lt].append((doc, 1))
    for k, p in enumerate(policies):
        if p[3]:
            index["#" + p[3]] += [(d, 1) for d in range(p[2], policies[k + 1][2] if k + 1 < len(policies) else len(records))]
        if p[4]:
            continue
        for (_, tok), tf in token_counts(fold(p[0])).items():
            index["^" + tok].append((k, tf))
    encoded = {tok: encode_postings(p) for tok, p in index.items()}
    # the tokens of very many articles (保密, 涉密 at 2,000 policies): the browser fetches them
    # only when a string has no rarer token (see search-rank.js matchString)
    # (rarest first)
    common = sorted((t for t, e in encoded.items() if len(e) > common_bytes and not t.startswith(("^", "#", "§"))),
                    key=lambda t: (len(encoded[t]), t))
    stats.tokens = len(encoded)
    stats.postings = sum(len(p) for p in index.values())
    # a token lives in the shard of its own hash: a query fetches one small shard per token
    total = sum(len(k.encode()) + len(v) + 6 for k, v in encoded.items())
    nshards = max(1, math.ceil(total / shard_bytes))
    shards: list[dict[str, str]] = [dict() for _ in range(nshards)]
    for tok in sorted(encoded):
        shards[fnv1a(tok) % nshards][tok] = encoded[tok]
    size = 0
    for i, sh in enumerate(shards):
        size += _dump(out_dir / "p" / f"{i}.json", sh)
    stats.posting_shards = nshards
    # first unit → its tokens, most frequent first (a query of one unit: 密, ai, usb)
    by_first: dict[str, list[str]] = defaultdict(list)
    for tok, first in first_unit.items():
        by_first[first].append(tok)
    ftotal = sum(len(f.encode()) + sum(len(t.encode()) + 3 for t in ts) for f, ts in by_first.items())
    nf = max(1, math.ceil(ftotal / shard_bytes))
    fshards: list[dict[str, list[str]]] = [dict() for _ in range(nf)]
    for first in sorted(by_first):
        toks = sorted(by_first[first], key=lambda t: (-len(index[t]), t))[:MAX_PREFIX_TOKENS]
        fshards[fnv1a(first) % nf][first] = toks
    (out_dir / "f").mkdir(parents=True, exist_ok=True)
    for old in (out_dir / "f").glob("*.json"):
        old.unlink()
    for i, sh in enumerate(fshards):
        size += _dump(out_dir / "f" / f"{i}.json", sh)

    # article shards: DOCS_PER_SHARD consecutive articles (article d is in shard d // that),
    # with the title and address of their policies
    starts = list(range(0, len(records), DOCS_PER_SHARD))
    for n, first in enumerate(starts):
        rows, pols = [], {}
        for doc in range(first, min(first + DOCS_PER_SHARD, len(records))):
            r = records[doc]
            rows.append([doc_pol[doc], r.anchor, r.label, r.text])
            pols[doc_pol[doc]] = policies[doc_pol[doc]][:2]
        size += _dump(out_dir / "d" / f"{n}.json", {"p": pols, "r": rows})
    stats.doc_shards = len(starts)

    # vocabulary, character map, synonyms
    synonyms = [list(g) for g in synonyms]
    words: list[Word] = build_vocabulary(
        [r.text for r in records if not r.lookup_only] + [p[0] for p in policies if not p[4]], terms=terms,
        always=[t for g in synonyms for t in g])
    stats.vocabulary = len(words)
    # synonym terms the corpus never uses (some bigram of theirs is in no article): the browser
    # maps them to their group but fetches nothing for them
    absent = sorted({t for g in synonyms for t in g
                     if not all(tok in index for _, tok in token_counts(t)) or not token_counts(t)})
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
        "fs": nf,
        "dn": DOCS_PER_SHARD,
        "absent": absent,
        "common": common,
        "pst": encode_starts([p[2] for p in policies]),
        "avg": round(total_len / len(records), 1) if records else 0,
        "w": "|".join(w.text for w in words),
        "tf": "".join(tmap.keys()),
        "tt": "".join(tmap.values()),
        "syn": synonyms,
        "fw": query.get("function_words", []),
        "it": query.get("intents", {}),
        "not": query.get("not", {}),
    }
    # the readings of the vocabulary: fetched only for a query typed in Latin letters (tuomiqi, tmq)
    size += _dump(out_dir / "py.json", {"py": "|".join(w.full for w in words),
                                        "ini": "|".join(w.initials for w in words)})
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
