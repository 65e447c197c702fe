"""Cross-references: find every citation in the corpus once, resolve it, index it both ways.

`resolve(corpus)` is called lazily by `Corpus.ensure_references()`. It fills
`corpus.references` (one `Reference` per cited target, in document order) and, through
`corpus.add_reference`, `corpus.cited_by` (target → citing references) for the handbook's links
and "本条被引用" lists. Rules (baomi/rules/xref/) only read what is recorded here: each
reference carries a `problem` code when something is wrong with it.

What is recognised, inside one line of prose:

- a chain of citations: 第五条、第七条和第九条 · 第十八条至第二十一条 · 第十条第一款、第二款 ·
  第十条第二款第（三）项 · 第三章;
- its prefix, which says what is cited: 《标题》 (a policy of the corpus by title, or a law of the
  registry by full or short name), a law's registered name without 《》 (保密法第四十六条),
  the self-name (本制度第五条, old style 本规定之第五条), or nothing (the same document);
- relative citations: 本条, 本款, 前款, 前两款, 前三款, 本章, 本节;
- `pledge:` entries of the front matter (`article: 第十条`), so that renumbering rewrites them.

Problem codes: no-article, no-paragraph, no-item, no-chapter, no-previous, no-context,
self-paragraph, redundant-paragraph, range-order, unknown-title, unregistered-law, repealed,
law-beyond, law-old, short-before-full, bad-pledge.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .corpus import Corpus, Reference
from .model import Article, Policy
from .numerals import parse_chinese, to_chinese

_NUM = "零〇○一二三四五六七八九两十百千万0-9"
_CN = "一二三四五六七八九十"
TOKEN = re.compile(
    rf"第(?P<n>[{_NUM}]+)(?:(?P<art>条)(?:之(?P<sub>[{_CN}]+))?|(?P<u>款|项|章|节))"
    rf"|第[（(](?P<n2>[{_NUM}]+)[）)]项"
    r"|(?P<rel>本条(?!例)|本款|本章|本节|前款|前两款|前二款|前三款)"
)
LEVEL = {"章": 0, "节": 1, "条": 2, "款": 3, "项": 4,
         "本章": 0, "本节": 1, "本条": 2, "本款": 3, "前款": 3, "前两款": 3, "前二款": 3, "前三款": 3}
PREVIOUS = {"前款": 1, "前两款": 2, "前二款": 2, "前三款": 3}
JOIN = {"、", "和", "及", "以及", "或者", "或", "、和"}
RANGE = {"至", "到"}
SELF_NAMES = ("制度", "规定", "办法", "细则", "守则", "规则", "条例", "方案", "准则")
SELF_BEFORE = re.compile(r"本(" + "|".join(SELF_NAMES) + r"|法)(之)?$")
TITLE_BEFORE = re.compile(r"《([^《》]{1,60})》$")
NAME_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,30}(?:法|条例|规定|办法|细则|规则|决定)(?:之)?$")
TITLE = re.compile(r"《([^《》]{1,60})》")
LAWLIKE = re.compile(r"(?:法|条例|规定|办法|细则|规则|决定|决议)$")
POLICYLIKE = re.compile(r"(?:制度|守则)$")
REPEAL_AFTER = re.compile(r"^(?:（[^）]*）)?(?:同时|即行|一并)?废止")
REPEAL_BEFORE = re.compile(r"(?:印发的|原|原有的|原来的)$")
PLEDGE = re.compile(r"article:\s*['\"]?(第[" + _NUM + r"]+条(?:之[" + _CN + r"]+)?)")


# --- law names --------------------------------------------------------------------------

class Laws:
    """The law registry as lookups: name → entry, and one regex for names in running text."""

    def __init__(self, entries: list[dict]):
        self.entries = entries
        self.by_name: dict[str, dict] = {}
        self.full: dict[str, dict] = {}
        for e in entries:
            full = str(e.get("full_name") or "")
            if full:
                self.full[full] = e
                self.by_name.setdefault(full, e)
            for s in e.get("short_names") or []:
                self.by_name.setdefault(str(s), e)
        names = sorted(self.by_name, key=len, reverse=True)
        if names:
            alt = "|".join(re.escape(n) for n in names)
            # 保密法 in 保密法律法规 is not the law's name
            self.in_text = re.compile(rf"(?:{alt})(?![律规治学典制])")
            self.before = re.compile(rf"(?:{alt})$")
        else:
            self.in_text = self.before = None

    def is_full(self, name: str) -> bool:
        return name in self.full


@lru_cache(maxsize=8)
def _laws_cached(key: tuple) -> Laws:
    return Laws([dict(e) for e in _LAW_SOURCE[key]])


_LAW_SOURCE: dict[tuple, list] = {}


def laws_of(corpus: Corpus) -> Laws:
    data = getattr(corpus, "data", None)
    entries = list(getattr(data, "laws", None) or []) if data is not None else []
    key = tuple((str(e.get("key")), str(e.get("full_name")), tuple(e.get("short_names") or []),
                 e.get("article_count"), str(e.get("status"))) for e in entries)
    _LAW_SOURCE.setdefault(key, entries)
    return _laws_cached(key)


def title_kind(title: str, corpus: Corpus, laws: Laws) -> str:
    """policy | law | unknown-policy | unregistered-law | other for a name in 《》 (memoised per
    corpus: the close-match search runs over every title)."""
    memo = _memo(corpus, "title_kinds")
    got = memo.get(title)
    if got is None:
        got = memo[title] = _title_kind(title, corpus, laws)
    return got


def _title_kind(title: str, corpus: Corpus, laws: Laws) -> str:
    if title in corpus.by_title:
        return "policy"
    if title in laws.by_name:
        return "law"
    if POLICYLIKE.search(title):
        return "unknown-policy"
    if LAWLIKE.search(title):
        import difflib

        if corpus.by_title and difflib.get_close_matches(title, list(corpus.by_title), n=1, cutoff=0.8):
            return "unknown-policy"
        # 《机要文件管理规定》 for 《机要文件管理办法》: the same name with another genre word
        if len(_stem(title)) >= 4 and _stem(title) in _stems(corpus):
            return "unknown-policy"
        return "unregistered-law"
    return "other"


GENRE = re.compile(r"(?:管理)?(?:制度|守则|规定|办法|细则|规则|实施细则|暂行规定|暂行办法)$")


def _stem(title: str) -> str:
    """The name without its genre word: 机要文件管理办法 → 机要文件."""
    return GENRE.sub("", title)


def _stems(corpus: Corpus) -> set[str]:
    memo = _memo(corpus, "title_stems")
    if "all" not in memo:
        # short stems (保密 of 保密守则, 定密 of 定密管理制度) say too little to match on
        memo["all"] = {st for st in map(_stem, corpus.by_title) if len(st) >= 4}
    return memo["all"]


def _memo(corpus: Corpus, name: str) -> dict:
    """A per-corpus memo (its titles are fixed once it is built)."""
    return corpus.__dict__.setdefault(f"_baomi_{name}", {})


def close_title(title: str, corpus: Corpus) -> str | None:
    import difflib

    memo = _memo(corpus, "close_titles")
    if title not in memo:
        m = difflib.get_close_matches(title, list(corpus.by_title), n=1, cutoff=0.6)
        memo[title] = m[0] if m else None
    return memo[title]


# --- extraction -------------------------------------------------------------------------

def _context_map(policy: Policy) -> dict[int, tuple[Article, int]]:
    ctx: dict[int, tuple[Article, int]] = {}
    for a in policy.articles:
        for k, p in enumerate(a.paragraphs):
            for ln in range(p.line, p.end_line + 1):
                ctx[ln] = (a, k)
            for it in p.items:
                for ln in range(it.line, it.end_line + 1):
                    ctx[ln] = (a, k)
                for s in it.subitems:
                    for ln in range(s.line, s.end_line + 1):
                        ctx[ln] = (a, k)
    return ctx


class _Tok:
    __slots__ = ("start", "end", "level", "unit", "num", "sub", "rel")

    def __init__(self, m: re.Match):
        self.start, self.end = m.start(), m.end()
        self.rel = m.group("rel")
        self.sub = 0
        if self.rel:
            self.unit, self.num = self.rel, None
        elif m.group("n2") is not None:
            self.unit, self.num = "项", parse_chinese(m.group("n2"))
        else:
            self.num = parse_chinese(m.group("n"))
            if m.group("art"):
                self.unit = "条"
                if m.group("sub"):
                    self.sub = parse_chinese(m.group("sub")) or 0
            else:
                self.unit = m.group("u")
        self.level = LEVEL[self.unit]


def _chains(text: str) -> list[list[tuple[str, list[_Tok]]]]:
    """Group tokens into chains of atoms: [(connector, [tokens…]), …]."""
    chains: list[list[tuple[str, list[_Tok]]]] = []
    chain: list[tuple[str, list[_Tok]]] = []
    prev: _Tok | None = None
    for m in TOKEN.finditer(text):
        t = _Tok(m)
        if prev is not None:
            gap = text[prev.end:t.start]
            if gap == "" and t.level > prev.level and not t.rel:
                chain[-1][1].append(t)
                prev = t
                continue
            if gap == "" or gap in JOIN:
                chain.append(("、", [t]))
                prev = t
                continue
            if gap in RANGE:
                chain.append(("至", [t]))
                prev = t
                continue
        if chain:
            chains.append(chain)
        chain = [("", [t])]
        prev = t
    if chain:
        chains.append(chain)
    return chains


def _para_items(art: Article, k: int) -> int:
    return len(art.paragraphs[k].items) if 0 <= k < len(art.paragraphs) else 0


def resolve(corpus: Corpus) -> None:
    laws = laws_of(corpus)
    for policy in corpus.policies:
        # light copies (baomi.incremental) have no body, and their findings are not recomputed
        if policy.readable and not getattr(policy, "_baomi_light", False):
            _extract(policy, corpus, laws)
    _index_ranges(corpus)


def _extract(policy: Policy, corpus: Corpus, laws: Laws) -> None:
    ctx = _context_map(policy)
    consumed: set[tuple[int, int]] = set()
    seen_full: set[str] = set()        # law keys named in full so far
    warned_short: set[str] = set()
    for span in policy.prose:
        text = span.text
        here = ctx.get(span.line)
        # law names in order: short name before the full name
        if laws.in_text is not None and ("法" in text or "条例" in text or "规定" in text or "办法" in text):
            for m in laws.in_text.finditer(text):
                name = m.group(0)
                e = laws.by_name[name]
                k = str(e.get("key"))
                if laws.is_full(name):
                    seen_full.add(k)
                elif k not in seen_full and k not in warned_short and name != e.get("full_name"):
                    warned_short.add(k)
                    # the 简称 clause itself (（以下简称保密法）) follows a full name: never first
                    corpus.add_reference(Reference(
                        source=policy, line=span.line, col=span.col + m.start(), end_col=span.col + m.end(),
                        text=name, kind="law", target_law=k, resolved=True,
                        source_article=here[0] if here else None, problem="short-before-full",
                        detail=str(e.get("full_name") or "")))
        if "第" in text or "本" in text or "前" in text:
            for chain in _chains(text):
                _resolve_chain(policy, corpus, laws, span, text, chain, here, consumed)
        if "《" in text:
            for m in TITLE.finditer(text):
                if (span.line, m.start()) in consumed:
                    continue
                title = m.group(1)
                # 《旧制度》同时废止: a document that left the corpus on purpose. Decided before
                # title_kind, whose close-match search over every title is the costly part.
                if title not in corpus.by_title and title not in laws.by_name and (
                        REPEAL_AFTER.match(text[m.end():]) or REPEAL_BEFORE.search(text[:m.start()])):
                    continue
                kind = title_kind(title, corpus, laws)
                if kind == "other":
                    continue
                ref = Reference(source=policy, line=span.line, col=span.col + m.start(),
                                end_col=span.col + m.end(), text=m.group(0), kind="policy", title=title,
                                source_article=here[0] if here else None)
                _resolve_title(ref, title, kind, corpus, laws, policy)
                corpus.add_reference(ref)
    _pledge_refs(policy, corpus)


def _resolve_title(ref: Reference, title: str, kind: str, corpus: Corpus, laws: Laws, policy: Policy) -> None:
    if kind == "policy":
        target = corpus.by_title[title]
        ref.target_policy = target
        ref.resolved = True
        if target.status == "废止" and policy.status == "现行":
            ref.problem = "repealed"
    elif kind == "law":
        ref.kind = "law"
        ref.target_law = str(laws.by_name[title].get("key"))
        ref.resolved = True
    elif kind == "unknown-policy":
        ref.problem = "unknown-title"
        ref.detail = close_title(title, corpus) or ""
    else:
        ref.kind = "law"
        ref.problem = "unregistered-law"


def _resolve_chain(policy, corpus, laws, span, text, chain, here, consumed) -> None:
    first = chain[0][1][0]
    before = text[:first.start]
    target: Policy | None = policy
    kind = "internal"
    law: dict | None = None
    title = None
    title_start = None
    old_style = False
    prefix_start = first.start
    if not first.rel:
        m = TITLE_BEFORE.search(before)
        if m:
            title = m.group(1)
            title_start = m.start()
            prefix_start = m.start()
            tk = title_kind(title, corpus, laws)
            if tk == "policy":
                target, kind = corpus.by_title[title], "policy"
            elif tk == "law":
                law, kind, target = laws.by_name[title], "law", None
            else:
                kind, target = "unknown", None
        else:
            m = laws.before.search(before) if laws.before is not None else None
            if m:
                law, kind, target = laws.by_name[m.group(0)], "law", None
                prefix_start = m.start()
            else:
                m = SELF_BEFORE.search(before)
                if m:
                    old_style = bool(m.group(2))
                    prefix_start = m.start()
                elif NAME_BEFORE.search(before):
                    return   # 某某法第十条 of a name we do not know: not ours to check
    if title_start is not None:
        consumed.add((span.line, title_start))
    src_art, src_k = (here if here else (None, None))
    prev_ref: Reference | None = None
    prev_art: Article | None = None
    prev_k: int | None = None
    prev_num: tuple[int, int] | None = None
    for idx, (conn, toks) in enumerate(chain):
        a0 = toks[0]
        start = prefix_start if idx == 0 else a0.start
        end = toks[-1].end
        ref = Reference(source=policy, line=span.line, col=span.col + start, end_col=span.col + end,
                        text=text[start:end], kind="policy" if kind in ("policy", "unknown") else kind,
                        title=title, source_article=src_art, source_paragraph=src_k, old_style=old_style)
        if kind == "unknown":
            tk = title_kind(title, corpus, laws)
            if tk == "other":
                ref.problem = None
            else:
                _resolve_title(ref, title, tk, corpus, laws, policy)
            if idx == 0:
                corpus.add_reference(ref)
            continue
        if kind == "law":
            ref.target_law = str(law.get("key"))
            _resolve_law_atom(ref, toks, law, span)
            corpus.add_reference(ref)
            continue
        ref.target_policy = target
        if target is not policy and target is not None and idx == 0:
            if target.status == "废止" and policy.status == "现行":
                ref.problem = "repealed"
        inherit = (prev_art, prev_k, prev_num) if idx > 0 else (None, None, None)
        got_art, got_k = _resolve_atom(ref, toks, target, policy, src_art, src_k, inherit, span)
        if conn == "至" and prev_ref is not None and prev_ref.article and ref.article:
            prev_ref.range_end = ref.article
            ref.range_start = prev_ref.article
            if ref.article <= prev_ref.article and ref.problem is None and prev_ref.problem is None:
                prev_ref.problem = "range-order"
        prev_art, prev_k, prev_num = got_art, got_k, ref.article
        prev_ref = ref
        if ref.article is None and ref.chapter is None and ref.relative is None and ref.problem is None \
                and ref.paragraph is None:
            continue   # a bare 第K项: nothing to check, nothing to link
        corpus.add_reference(ref)


def _resolve_law_atom(ref: Reference, toks: list[_Tok], law: dict, span) -> None:
    art = next((t for t in toks if t.unit == "条"), None)
    if art is None or art.num is None:
        ref.resolved = True
        return
    ref.article = (art.num, art.sub)
    ref.number_span = (span.line, span.col + art.start, span.col + art.end)
    count = law.get("article_count")
    if isinstance(count, int) and art.num > count:
        ref.problem = "law-beyond"
        ref.detail = to_chinese(count)
        return
    ref.resolved = True
    for r in law.get("renumbered") or []:
        if r.get("old") == art.num and r.get("new") != art.num:
            ref.problem = "law-old"
            ref.detail = f"{r.get('topic')}|{r.get('new')}"
            break


def _resolve_atom(ref, toks, target, policy, src_art, src_k, inherit, span) -> None:
    """Walk the tokens of one citation from the largest unit down, checking each level."""
    art: Article | None = None
    k: int | None = None
    label = f"《{target.title}》" if target is not policy else "本文件"
    i_art, i_k, i_num = inherit
    t0 = toks[0]
    if t0.unit in ("款", "项") and not t0.rel:
        # continues the previous citation (第十条第一款、第二款), else the article it stands in
        if i_art is not None or i_num is not None:
            art = i_art
            ref.article = i_num
            if t0.unit == "项":
                k = i_k
        elif target is policy and src_art is not None:
            art = src_art
            ref.article = src_art.key if t0.unit == "款" else None
            if t0.unit == "项":
                return None, None   # bare 第K项: which 款 is meant is not written
        else:
            return art, k
        if ref.article is None and t0.unit == "款":
            return art, k
    for t in toks:
        if t.rel:
            ref.relative = t.rel
            if src_art is None:
                ref.problem = "no-context"
                ref.detail = t.rel
                return art, k
            if t.rel == "本章":
                if src_art.chapter is None:
                    ref.problem, ref.detail = "no-context", t.rel
                    return art, k
                ref.chapter = src_art.chapter
            elif t.rel == "本节":
                if src_art.section is None:
                    ref.problem, ref.detail = "no-context", t.rel
                    return art, k
            elif t.rel == "本条":
                art = src_art
                ref.article = src_art.key
            elif t.rel == "本款":
                art, k = src_art, src_k
                ref.article = src_art.key
                ref.paragraph = (src_k or 0) + 1
            else:
                need = PREVIOUS[t.rel]
                art = src_art
                ref.article = src_art.key
                if (src_k or 0) < need:
                    ref.problem = "no-previous"
                    ref.detail = f"{t.rel}|{(src_k or 0) + 1}"
                    return art, k
                k = src_k - 1 if need == 1 else None
                if need == 1:
                    ref.paragraph = k + 1
            continue
        if t.num is None:
            return art, k
        if t.unit == "章":
            ref.chapter = t.num
            if not any(c.number == t.num for c in target.chapters):
                ref.problem, ref.detail = "no-chapter", label
                return art, k
            if ref.number_span is None:
                ref.number_span = (span.line, span.col + t.start, span.col + t.end)
        elif t.unit == "节":
            continue
        elif t.unit == "条":
            ref.article = (t.num, t.sub)
            ref.number_span = (span.line, span.col + t.start, span.col + t.end)
            art = target.article(t.num, t.sub)
            if art is None:
                ref.problem, ref.detail = "no-article", label
                return art, k
        elif t.unit == "款":
            if art is None:
                return art, k
            ref.paragraph = t.num
            if t.num < 1 or t.num > len(art.paragraphs):
                ref.problem = "no-paragraph"
                ref.detail = f"{label}|{art.label}|{len(art.paragraphs)}"
                return art, k
            if ref.relative == "本条" and art is src_art and t.num - 1 == src_k:
                ref.problem = "self-paragraph"
                ref.detail = art.label
            k = t.num - 1
        elif t.unit == "项":
            if art is None:
                return art, k
            ref.item = t.num
            if k is not None:
                n = _para_items(art, k)
            else:
                with_items = [p for p in art.paragraphs if p.items]
                n = max((len(p.items) for p in with_items), default=0)
            if t.num < 1 or t.num > n:
                ref.problem = "no-item"
                where = art.label + (f"第{to_chinese(k + 1)}款" if k is not None and len(art.paragraphs) > 1 else "")
                ref.detail = f"{label}|{where}|{n}"
                return art, k
            if ref.paragraph == 1 and len(art.paragraphs) == 1 and ref.relative is None \
                    and any(x.unit == "款" for x in toks) and ref.problem is None:
                ref.problem = "redundant-paragraph"
                ref.detail = art.label
    ref.resolved = ref.problem in (None, "redundant-paragraph", "self-paragraph", "repealed")
    return art, k


def _pledge_refs(policy: Policy, corpus: Corpus) -> None:
    entries = policy.meta.get("pledge")
    lines = policy.item_lines.get("pledge") or []
    if not isinstance(entries, list):
        return
    text_lines = policy.lines
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or not isinstance(e.get("article"), str) or i >= len(lines):
            continue
        stop = lines[i + 1] if i + 1 < len(lines) else policy.body_start
        for ln in range(lines[i], min(stop, len(text_lines) + 1)):
            m = PLEDGE.search(text_lines[ln - 1])
            if not m:
                continue
            t = TOKEN.match(m.group(1))
            tok = _Tok(t) if t else None
            ref = Reference(source=policy, line=ln, col=m.start(1) + 1, end_col=m.end(1) + 1,
                            text=m.group(1), kind="pledge", target_policy=policy)
            if tok is not None and tok.num is not None:
                ref.article = (tok.num, tok.sub)
                ref.number_span = (ln, m.start(1) + 1, m.start(1) + 1 + tok.end)
                if policy.article(tok.num, tok.sub) is None:
                    ref.problem, ref.detail = "no-article", "本文件"
                else:
                    ref.resolved = True
            corpus.add_reference(ref)
            break


def _index_ranges(corpus: Corpus) -> None:
    """Articles inside 第X条至第Y条 are cited too (for "cited by" lists)."""
    for ref in list(corpus.references):
        if ref.range_end and ref.resolved and ref.target_policy is not None and ref.article:
            lo, hi = ref.article[0], ref.range_end[0]
            for a in ref.target_policy.articles:
                if a.number is not None and lo < a.number < hi or (a.number == lo and a.sub):
                    corpus.cited_by[(ref.target_policy.id, a.anchor)].append(ref)


def references_of(corpus: Corpus, policy: Policy | None = None, problem: str | None = None):
    corpus.ensure_references()
    for r in corpus.references:
        if policy is not None and r.source is not policy:
            continue
        if problem is not None and r.problem != problem:
            continue
        yield r
