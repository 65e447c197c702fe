"""Build the reference lexicon (offline: this module imports jieba and pypinyin; lint never does).

Sources, each hashed into the lexicon's `digest` so a stale shipped file is recognised:

- the statutes of the corpus (`../shared/corpus/laws`, every `*.md` but `_index.md`): segmented
  with jieba (dictionary words only, no HMM guesses), counted per statute and per article;
- the rule data in `schemas/` (terms.yaml right-hand forms, language.yaml, shapes.yaml), read and
  validated by `baomi.data` like every data file;
- jieba's dictionary (its words are "dictionary words"; they go into a Bloom filter too);
- pypinyin's primary reading of each common character (same-reading groups).

What is built:

- `terms`: the frequent legal terms (words of 2–6 characters the law uses at least `min_count`
  times in at least `min_sources` statutes), each with its count and one place the law uses it
  (statute title and article number);
- `variants`: for every term, each string one edit away — a character replaced by one of the
  same primary reading (with tone), by a shape-alike one (schemas/shapes.yaml), or two
  neighbouring characters swapped — that the law never uses and that is no dictionary word;
- `words`: a Bloom filter of the dictionary words (jieba's and the terms) for the lint's word
  boundary test.

`sources=True` (the benchmark) also keeps, per term, its count per statute, and the variants
the law does use with the statutes that use them, so a leave-one-out lexicon (one statute's
counts taken out) is computed without building again (`baomi.lexicon.Lexicon.without`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from pathlib import Path

from . import FORMAT, Bloom, Lexicon, article_label
from .. import grammar
from ..files import markdown_files

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_NUMBERISH = grammar.RE_NUMBERISH             # 十二, 第三, 第十条: no word
# words jieba splits off between a verb and its object (相应的密级 · 其职责 · 有关手续)
_MOD_TOKENS = {"相应", "的", "其", "有关", "必要", "法定", "各自", "规定"}
_ARTICLE = grammar.RE_STATUTE_ARTICLE          # 第十条 at a line's start, the label in group 1
BUILDER_VERSION = 3


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in markdown_files(corpus) if p.name != "_index.md")


def source_name(corpus: Path, p: Path) -> str:
    return p.relative_to(corpus).as_posix()


def read_law(p: Path) -> tuple[str, list[tuple[str, str]]]:
    """(title, [(article label, text line)]) of a statute file: the body after INFO END."""
    text = p.read_text(encoding="utf-8")
    head, sep, body = text.partition("<!-- INFO END -->")
    if not sep:
        head, body = "", text
    title = next((ln[2:].strip() for ln in head.splitlines() if ln.startswith("# ")), p.stem)
    out, art = [], ""
    for line in body.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        m = _ARTICLE.match(line)
        if m:
            art = m.group(1)
        out.append((art, line))
    return title, out


def _schema_files(schemas: Path) -> dict[str, Path]:
    return {n: Path(schemas) / n for n in ("terms.yaml", "language.yaml", "shapes.yaml")}


def _jieba_dict() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


def digest_sources(corpus: Path, schemas: Path) -> str:
    """SHA-256 over every source (names and bytes), the tool versions, the builder's version and
    the patterns of baomi.grammar it reads."""
    import jieba
    import pypinyin

    h = hashlib.sha256()
    h.update(f"format={FORMAT};builder={BUILDER_VERSION};jieba={jieba.__version__};"
             f"pypinyin={pypinyin.__version__}\n".encode())
    for p in corpus_files(corpus):
        h.update(source_name(corpus, p).encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    for name, p in sorted(_schema_files(schemas).items()):
        h.update(name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    h.update(b"dict\0" + hashlib.sha256(_jieba_dict().read_bytes()).digest())
    h.update(b"builder\0" + hashlib.sha256(Path(__file__).read_bytes()).digest())   # how it is built
    # the grammar's patterns it reads (grammar.py itself changes without them)
    h.update(b"grammar\0" + "\0".join(rx.pattern for rx in (_NUMBERISH, _ARTICLE)).encode())
    return h.hexdigest()


def _rule_data(schemas: Path) -> dict[str, dict]:
    """The rule data the lexicon is built from, read by the loader every command uses
    (`baomi.data.Data`): YAML hazards refused, each file checked against its schema, and a broken
    file a DataError naming file and line."""
    from ..data import Data

    data = Data([schemas])
    return {name: data.load_path(p) or {} for name, p in _schema_files(schemas).items()}


def shape_table(groups: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        chars = [c for c in dict.fromkeys(str(g)) if not c.isspace()]
        for c in chars:
            out[c].update(x for x in chars if x != c)
    return out


def reading(ch: str, tone: bool = False) -> str | None:
    """pypinyin's primary reading of `ch` (without the tone unless `tone`)."""
    from pypinyin import Style, pinyin

    r = pinyin(ch, style=Style.TONE3 if tone else Style.NORMAL, heteronym=False, errors="ignore")
    return r[0][0] if r and r[0] else None


def _in_dict(tok, w: str) -> bool:
    """jieba keeps `w` whole (it is one of its words)."""
    return list(tok.cut(w, HMM=False)) == [w]


def build(corpus: Path, schemas: Path, *, sources: bool = False) -> dict:
    import jieba

    corpus, schemas = Path(corpus), Path(schemas)
    rule_data = _rule_data(schemas)
    lang = rule_data["language.yaml"]
    par = lang.get("lexicon") or {}
    min_count = int(par.get("min_count", 40))
    min_sources = int(par.get("min_sources", 5))
    max_len = int(par.get("max_len", 6))
    min_char = int(par.get("min_char_count", 30))
    prefer = list(par.get("prefer_sources") or [])
    tone = bool(par.get("tone", False))
    boundary_freq = int(par.get("boundary_min_freq", 20))
    free = set(str(par.get("free_chars") or ""))
    extra = [str(w) for w in par.get("terms") or []]

    dict_words: set[str] = set()                # every word of jieba's dictionary
    boundary_words: set[str] = set()            # the common ones: they decide word boundaries
    with open(_jieba_dict(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and len(parts[0]) >= 2:
                dict_words.add(parts[0])
                if parts[1].isdigit() and int(parts[1]) >= boundary_freq:
                    boundary_words.add(parts[0])
    rule_words: set[str] = set()
    for e in rule_data["terms.yaml"].get("terms", []):
        r = e.get("right")
        for w in (r if isinstance(r, list) else [r]):
            if isinstance(w, str) and "\\" not in w and _HAN_RUN.fullmatch(w):
                rule_words.add(w)
    for e in lang.get("spun") or []:
        rule_words.add(str(e["term"]))
    rule_words.update(extra)

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.initialize()

    laws = []                                   # (name, title, [(article, line)])
    for p in corpus_files(corpus):
        title, lines = read_law(p)
        laws.append((source_name(corpus, p), title, lines))
    names = [n for n, _, _ in laws]

    count: Counter = Counter()
    verbs = {str(v) for g in ((lang.get("collocations") or {}).get("groups") or ()) for v in g}
    colloc: dict[str, Counter] = defaultdict(Counter)
    verbs_by_first: dict[str, list[str]] = defaultdict(list)
    for v in sorted(verbs):
        verbs_by_first[v[0]].append(v)
    rule_only = sorted(w for w in rule_words if 2 <= len(w) <= max_len and not _in_dict(tok, w))
    per_source: dict[str, Counter] = defaultdict(Counter)
    where: dict[str, dict[int, str]] = defaultdict(dict)   # word → {source index: first article}
    chars: Counter = Counter()
    for si, (name, title, lines) in enumerate(laws):
        for art, line in lines:
            for w in rule_only:                  # rule terms jieba splits: counted as strings
                k = line.count(w)
                if k:
                    count[w] += k
                    per_source[w][si] += k
                    if si not in where[w] and art:
                        where[w][si] = art
            for run in _HAN_RUN.findall(line):
                chars.update(run)
                toks = list(tok.cut(run, HMM=False))
                for k, w in enumerate(toks):
                    for v in verbs_by_first.get(w[0], ()):          # 履行职责 is one jieba word
                        if len(w) >= len(v) + 2 and w.startswith(v):
                            colloc[v][w[len(v):]] += 1
                    if w in verbs:
                        j = k + 1
                        while j < len(toks) and toks[j] in _MOD_TOKENS:
                            j += 1
                        if j < len(toks) and len(toks[j]) >= 2:
                            colloc[w][toks[j]] += 1
                    if 2 <= len(w) <= max_len:
                        count[w] += 1
                        per_source[w][si] += 1
                        if si not in where[w] and art:
                            where[w][si] = art

    terms = sorted(w for w, c in count.items()
                   if c >= min_count and len(per_source[w]) >= min_sources and not _NUMBERISH.fullmatch(w))
    terms += sorted(w for w in rule_words if w not in set(terms) and count[w] >= 1
                    and 2 <= len(w) <= max_len)
    term_set = set(terms)

    common = {c for c, n in chars.items() if n >= min_char}
    by_reading: dict[str, list[str]] = defaultdict(list)
    read_of: dict[str, str] = {}
    for c in sorted(common):
        r = reading(c, tone)
        if r:
            read_of[c] = r
            by_reading[r].append(c)
    shapes = shape_table(rule_data["shapes.yaml"].get("groups") or [])

    # one edit from each term (a free character brought in where it may begin or end a word of
    # its own, or into a two-character variant, could be two words written together: left out)
    cand: dict[str, list[tuple[int, str]]] = defaultdict(list)    # variant → [(term index, kind)]

    def free_ok(t: str, i: int, c: str) -> bool:
        return c not in free or (len(t) > 2 and 0 < i < len(t) - 1)

    for ti, t in enumerate(terms):
        for i, ch in enumerate(t):
            for c in by_reading.get(read_of.get(ch, ""), ()):
                if c != ch and free_ok(t, i, c):
                    cand[t[:i] + c + t[i + 1:]].append((ti, "reading"))
            for c in sorted(shapes.get(ch, ())):
                if free_ok(t, i, c):
                    cand[t[:i] + c + t[i + 1:]].append((ti, "shape"))
            # swaps keep free characters (当应, 者或 are typos); the boundary test takes 及以上 apart
            if i + 1 < len(t) and t[i] != t[i + 1]:
                cand[t[:i] + t[i + 1] + t[i] + t[i + 2:]].append((ti, "swap"))
    for v in [v for v in cand if v in dict_words or v in term_set or v in rule_words]:
        del cand[v]

    # the words the law writes (jieba's words, in at least two statutes: a leave-one-out
    # lexicon still has them from another) decide boundaries too: 减损, 支付令
    law_words = {w for w, c in count.items() if c >= 2 and len(per_source[w]) >= 2}
    bloom_words = boundary_words | term_set | rule_words | law_words
    bloom = Bloom.sized(len(bloom_words), 0.001)
    for w in sorted(bloom_words):
        bloom.add(w)
    probe = Lexicon({"format": FORMAT, "terms": [], "variants": {}, "bloom": bloom})

    # which variants the law itself uses as a unit of its own (aligned to its word boundaries,
    # as the lint reads a document), and where: a string the law writes so is no typo
    lens = sorted({len(v) for v in cand})
    used: dict[str, set[int]] = defaultdict(set)
    for si, (_, _, lines) in enumerate(laws):
        for _, line in lines:
            for run in _HAN_RUN.findall(line):
                for n in lens:
                    for i in range(len(run) - n + 1):
                        w = run[i:i + n]
                        if w in cand and si not in used.get(w, ()) and probe.aligned(run, i, i + n):
                            used[w].add(si)

    def place(w: str, skip: int | None = None) -> list:
        srcs = {s: a for s, a in where.get(w, {}).items() if s != skip}
        if not srcs:
            return ["", ""]
        for pref in prefer:
            for s, a in srcs.items():
                if Path(names[s]).stem == pref:
                    return [laws[s][1], a]
        s = max(srcs, key=lambda s: (per_source[w][s], -s))
        return [laws[s][1], srcs[s]]

    variants = {}
    law_used = {}
    for v, opts in cand.items():
        # the most frequent term wins; the kind that made it: swap < shape < reading for ties
        ti, kind = max(opts, key=lambda o: (count[terms[o[0]]], o[1] == "swap", o[1] == "shape"))
        if v in used:
            if sources:
                law_used[v] = sorted(used[v])
            else:
                continue
        variants[v] = [ti, kind]

    out = {
        "format": FORMAT,
        "params": {"min_count": min_count, "min_sources": min_sources, "max_len": max_len},
        "terms": [[t, count[t], *place(t)] for t in terms],
        "variants": dict(sorted(variants.items())),
        "bloom": bloom.to_data(),
        "collocations": {v: dict(sorted(colloc[v].items())) for v in sorted(colloc)},
        "sources": len(laws),
        "rule_terms": sorted(w for w in rule_words if w in term_set),
        # the full names of the laws (BM610: named without 书名号)
        "law_titles": sorted({t for _, t, _ in laws if t.startswith("中华人民共和国") and len(t) > 9}),
    }
    if sources:
        out["names"] = names
        out["titles"] = [t for _, t, _ in laws]
        out["term_sources"] = [{str(s): n for s, n in sorted(per_source[t].items())} for t in terms]
        out["law_used"] = dict(sorted(law_used.items()))
        out["where"] = [{str(s): a for s, a in sorted(where[t].items())} for t in terms]
    return out


__all__ = ["build", "digest_sources", "read_law", "corpus_files", "article_label"]
