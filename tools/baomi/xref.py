"""Cross-references: find every citation in the corpus once, resolve it, index it both ways.

`resolve(corpus)` is called lazily by `Corpus.ensure_references()`. It returns a
`ReferenceIndex`: one `Reference` per cited target, in document order, by citing policy, and by
cited article (`cited_by`, for the handbook's links and "本条被引用" lists). Rules
(baomi/rules/xref/) only read what is recorded here: each reference carries a typed `problem`
(baomi/references.py) when something is wrong with it.

Each policy, and inside it each line, is resolved on its own: an unexpected error while
resolving one line becomes a `ResolutionFailed` reference at that line (reported by BM301) and
never stops the other lines or policies.

What is recognised, inside one line of prose:

- a chain of citations: 第五条、第七条和第九条 · 第十八条至第二十一条 · 第十条第一款、第二款 ·
  第十条第二款第（三）项 · 第三章;
- its prefix, which says what is cited: 《标题》 (a policy of the corpus by title, or a law of the
  registry by full or short name), a law's registered name without 《》 (保密法第四十六条),
  the self-name (本制度第五条, old style 本规定之第五条), or nothing (the same document); a 简称
  clause between a 《title》 and its article does not break the chain (《中华人民共和国保守国家秘密法》
  （以下简称保密法）第七条 is the law's 第七条);
- short names the policy declares: 《全称》（以下简称X） · （简称X） · （下称X）, when 全称 is a law of
  the registry or a policy of the corpus, makes X (bare per NORMS, or in 《》) name it in the rest
  of that policy, from the end of the declaration on (依照实施条例第九十九条的规定); a registered
  short name used after the full name but before any such declaration (`ShortUndeclared`), and a
  declared short name then written in 《》 (`ShortMarked`, NORMS: used without 《》) are findings;
- a title of the corpus written without 《》 right before an article (保密工作责任制规定第七条): a
  citation of that policy (resolved, and rewritten by the renumbering fix); BM610 asks for the 《》;
- relative citations: 本条, 前条, 本款, 前款, 前两款, 前三款, 本章, 本节;
- `pledge:` entries of the front matter (`article: 第十条`), so that renumbering rewrites them.

A bare 第K项 (第二项, 第（二）项 with no 条 or 款 before it) is read as drafters use it:

1. when an earlier citation in the same sentence named an article or 款 that lists items
   (本条第一款规定……，属于第一项情形的 · 本法第二十六条第一款规定的……，但是第一项……),
   an item of that article or 款;
2. otherwise an item of the article it stands in: of its own 款 when that 款 lists items
   (the lead-in, or a sibling item: （二）不能采取第一项措施的), else of the nearest preceding
   款 that does (违反前款……；有第一项规定情形的……).

Only a bare 第K项 followed by what follows a citation (规定, 所列, 情形, 行为, 除外 …) is taken
for one (第一项工作 is not), and one after a citation of a law or of an unknown name is not
ours to check. One that names no existing item is a finding: `NoItem` (beyond the items) or
`NoItemList` (no item listed before it in its article), `NoContext` outside any article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Protocol

from . import grammar
from .datamodel import Law
from .model import Article, Policy, Status
from .references import (LawBeyond, NoArticle, NoChapter, NoContext, NoItem, NoItemList,
                         NoParagraph, NoPrevious, Problem, RangeOrder, RedundantParagraph, Reference,
                         ReferenceIndex, Repealed, ResolutionFailed, SelfParagraph, ShortBeforeFull,
                         ShortMarked, ShortUndeclared, UnknownTitle, UnregisteredLaw)
from .numerals import parse_chinese


class CorpusView(Protocol):
    """What resolution reads of a corpus. `baomi.corpus.Corpus` is one; it calls `resolve` and
    this module never imports it (imports run one way: corpus → xref)."""

    policies: list
    by_title: dict
    data: Any
    references: list

    def memo(self, name: str) -> dict: ...

    def ensure_references(self) -> None: ...

    def references_from(self, policy: Policy) -> list: ...


# the citation grammar (第十条之一, 第二款, 第（一）项, 本条, 前两款 …) is the grammar module's
_NUM, _CN = grammar.CITE_NUM, grammar.CN_SMALL
TOKEN = grammar.RE_CITATION
LEVEL = grammar.CITATION_LEVEL
PREVIOUS = grammar.CITATION_PREVIOUS
JOIN = {"、", "和", "及", "以及", "或者", "或", "、和"}
RANGE = {"至", "到"}
SELF_NAMES = ("制度", "规定", "办法", "细则", "守则", "规则", "条例", "方案", "准则")
SELF_BEFORE = re.compile(r"本(" + "|".join(SELF_NAMES) + r"|法)(之)?$")
TITLE_BEFORE = re.compile(r"《([^《》]{1,60})》$")
# 某某法第十条, 宪法第四章, 联合国宪章第七章, and 条例第三十一条 (a 办法 citing its 条例)
NAME_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{1,30}(?:法|条例|规定|办法|细则|规则|决定|宪章|公约|条约|协定)"
                         r"|(?<![\u4e00-\u9fff])(?:条例|细则))(?:之)?$")
# amendments speak of another text's numbers: 增加一款，作为第三款 · 第三款相应地改为第四款
AMEND_BEFORE = re.compile(r"(?:作为|改为)$")
AMEND_AFTER = re.compile(r"(?:相应地?)?(?:修改为|改为)")
TITLE = re.compile(r"《([^《》]{1,60})》")
# a short name declared right after a name in 《》: （以下简称保密法） · （简称保密法） · （下称保密法） ·
# （以下简称“实施条例”） · （以下简称《条例》）; the citation after it (《…》（以下简称保密法）第七条)
# is the named text's
_SHORT = r"[（(](?:以下简称|以下称|下称|简称)为?[“\"《]?([^（）()“”\"《》，。、；：\s]{1,20})[”\"》]?[）)]"
DECLARATION = re.compile(r"《([^《》]{1,60})》" + _SHORT)
SHORT_AT = re.compile(r"》?" + _SHORT)          # right after a law's full name, in 《》 or not
DECLARED_TITLE_BEFORE = re.compile(r"《([^《》]{1,60})》" + _SHORT + "$")
LAWLIKE = re.compile(r"(?:法|条例|规定|办法|细则|规则|决定|决议)$")
STATE_NAME = "中华人民共和国"
POLICYLIKE = re.compile(r"(?:制度|守则)$")
REPEAL_AFTER = re.compile(r"^(?:（[^）]*）)?(?:同时|即行|一并)?废止")
REPEAL_BEFORE = re.compile(r"(?:印发的|原|原有的|原来的)$")
PLEDGE = grammar.RE_PLEDGE_ARTICLE


# --- law names --------------------------------------------------------------------------

class Laws:
    """The law registry as lookups: name → entry, and one regex for names in running text."""

    def __init__(self, entries: tuple[Law, ...]):
        self.entries = entries
        self.by_name: dict[str, Law] = {}
        self.full: dict[str, Law] = {}
        for e in entries:
            if e.full_name:
                self.full[e.full_name] = e
                self.by_name.setdefault(e.full_name, e)
            for s in e.short_names:
                self.by_name.setdefault(s, e)
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
    return Laws(_LAW_SOURCE[key])


_LAW_SOURCE: dict[tuple, tuple[Law, ...]] = {}


def laws_of(corpus: CorpusView) -> Laws:
    data = corpus.data
    entries: tuple[Law, ...] = tuple(getattr(data, "laws", None) or ()) if data is not None else ()
    key = tuple((e.key, e.full_name, e.short_names, e.article_count, e.status) for e in entries)
    _LAW_SOURCE.setdefault(key, entries)
    return _laws_cached(key)


def title_kind(title: str, corpus: CorpusView, laws: Laws) -> str:
    """policy | law | unknown-policy | unregistered-law | other for a name in 《》 (memoised per
    corpus: the close-match search runs over every title)."""
    memo = _memo(corpus, "title_kinds")
    got = memo.get(title)
    if got is None:
        got = memo[title] = _title_kind(title, corpus, laws)
    return got


def _title_kind(title: str, corpus: CorpusView, laws: Laws) -> str:
    if title in corpus.by_title:
        return "policy"
    if title in laws.by_name:
        return "law"
    if title.startswith(STATE_NAME):
        # 《中华人民共和国继承法》 is a law of the state, however close to a title of the corpus
        return "unregistered-law" if LAWLIKE.search(title) else "other"
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


def _stems(corpus: CorpusView) -> set[str]:
    memo = _memo(corpus, "title_stems")
    if "all" not in memo:
        # short stems (保密 of 保密守则, 定密 of 定密管理制度) say too little to match on
        memo["all"] = {st for st in map(_stem, corpus.by_title) if len(st) >= 4}
    return memo["all"]


def _memo(corpus: CorpusView, name: str) -> dict:
    """A per-corpus memo (its titles are fixed once it is built)."""
    return corpus.memo(f"xref.{name}")


def close_title(title: str, corpus: CorpusView) -> str | None:
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


Chain = list[tuple[str, list[_Tok]]]


def _chains(text: str) -> list[Chain]:
    """Group tokens into chains of atoms: [(connector, [tokens…]), …]."""
    chains: list[Chain] = []
    chain: Chain = []
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


# what follows a bare 第K项 that is a citation (第一项规定的 · 第二项所列 · 第三项情形), not a count
# (第一项工作); 的 may come between (第二项的规定)
CITE_AFTER = re.compile(r"(?:的)?(?:规定|所列|所称|所述|所指|情形|行为|除外|以外|之外|之一)")
SENTENCE_END = "。"


class _Referent:
    """What the last citation of a sentence pointed at, for a bare 第K项 after it."""

    __slots__ = ("end", "target", "art", "k", "foreign")

    def __init__(self, end: int, target: Policy | None = None, art: Article | None = None,
                 k: int | None = None, foreign: bool = False):
        self.end, self.target, self.art, self.k, self.foreign = end, target, art, k, foreign

    def lists_items(self) -> bool:
        if self.art is None:
            return False
        if self.k is not None:
            return _para_items(self.art, self.k) > 0
        return any(p.items for p in self.art.paragraphs)


class _Scan:
    """What the resolution of one policy carries from line to line."""

    def __init__(self, policy: Policy, corpus: CorpusView, laws: Laws):
        self.policy, self.corpus, self.laws = policy, corpus, laws
        self.out: list[Reference] = []
        self.consumed: set[tuple[int, int]] = set()     # 《》 already read as a citation's prefix
        self.seen_full: set[str] = set()                 # law keys named in full so far
        self.warned_short: set[str] = set()
        self.referent: _Referent | None = None           # within the current line
        # short names the text declares (《…》（以下简称实施条例）): name → _Declared, in force
        # from the end of the declaration to the end of the policy
        self.declared: dict[str, _Declared] = {}
        self.declared_laws: dict[str, tuple[int, int]] = {}   # law key → where a short name was first declared


class _Declared:
    """A short name a policy declares for a law of the registry or a policy of the corpus."""

    __slots__ = ("kind", "law", "target", "title", "at")

    def __init__(self, kind: str, law: Law | None, target: Policy | None, title: str, at: tuple[int, int]):
        self.kind, self.law, self.target, self.title, self.at = kind, law, target, title, at


def _declare(scan: _Scan, title: str, short: str, line: int, end: int) -> None:
    """Record the short name of 《全称》（以下简称X） when 全称 is a law or a policy we know; `end`:
    where the declaration ends in the line."""
    if short == title or short.startswith("本") or short in scan.corpus.by_title:
        return
    tk = title_kind(title, scan.corpus, scan.laws)
    if tk == "policy":
        scan.declared[short] = _Declared("policy", None, scan.corpus.by_title[title], title, (line, end))
    elif tk == "law":
        scan.declared[short] = _Declared("law", scan.laws.by_name[title], None, title, (line, end))
    e = scan.laws.by_name.get(title)
    if e is not None:       # a law's short name declared, even where its text is a policy of the corpus
        scan.declared_laws.setdefault(e.key, (line, end))


def _declared(scan: _Scan, name: str, line: int, pos: int) -> _Declared | None:
    """The declaration of short name `name` in force at (line, pos), if any."""
    d = scan.declared.get(name)
    return d if d is not None and d.at <= (line, pos) else None


def _declared_before(scan: _Scan, before: str, line: int) -> tuple[int, _Declared] | None:
    """(start, declaration) of a declared short name `before` ends with (实施条例 of
    依照实施条例第九十九条); the longest one. 本条例 is the self-name, whatever was declared."""
    best: tuple[int, _Declared] | None = None
    for name, d in scan.declared.items():
        start = len(before) - len(name)
        if start < 0 or not before.endswith(name) or d.at > (line, start):
            continue
        if before[:start].endswith("本") or before[:start].endswith("《"):
            continue
        if best is None or start < best[0]:
            best = (start, d)
    return best


def _bare_title_before(corpus: CorpusView, before: str) -> int | None:
    """Where a title of the corpus written without 《》 ends `before` (依照保密工作责任制规定第七条):
    its start, for the longest such title; None when there is none."""
    memo = _memo(corpus, "title_lengths")
    if "all" not in memo:
        # a name of three characters or fewer is a word, not a title to look for
        memo["all"] = sorted({len(t) for t in corpus.by_title if len(t) >= 4}, reverse=True)
    for n in memo["all"]:
        start = len(before) - n
        if start < 0:
            continue
        if before[start:] in corpus.by_title and not before[:start].endswith(("《", "本")):
            return start
    return None


def resolve(corpus: CorpusView) -> ReferenceIndex:
    """Every reference of the corpus, resolved and indexed. Never raises on a policy's content:
    an unexpected error on a line is recorded there as `ResolutionFailed`."""
    laws = laws_of(corpus)
    index = ReferenceIndex()
    for policy in corpus.policies:
        # light copies (baomi.incremental) have no body, and their findings are not recomputed
        if policy.readable and not policy.light:
            for ref in policy_references(policy, corpus, laws):
                index.add(ref)
    _index_ranges(index)
    return index


def _failure(policy: Policy, line: int, col: int, exc: Exception) -> Reference:
    return Reference(source=policy, line=line, col=col, end_col=col, text="", kind="internal",
                     problem=ResolutionFailed(f"{type(exc).__name__}: {exc}"))


def policy_references(policy: Policy, corpus: CorpusView, laws: Laws | None = None) -> list[Reference]:
    """The references found in one policy, each line resolved on its own."""
    scan = _Scan(policy, corpus, laws or laws_of(corpus))
    try:
        ctx = _context_map(policy)
    except Exception as exc:  # noqa: BLE001 — a model we cannot walk: nothing of it is resolved
        return [_failure(policy, policy.body_start or 1, 1, exc)]
    for span in policy.prose:
        done = len(scan.out)
        try:
            _scan_span(scan, span, ctx.get(span.line))
        except Exception as exc:  # noqa: BLE001 — one line's citations lost, reported at the line
            del scan.out[done:]
            scan.out.append(_failure(policy, span.line, span.col, exc))
    done = len(scan.out)
    try:
        _pledge_refs(policy, scan.out)
    except Exception as exc:  # noqa: BLE001
        del scan.out[done:]
        scan.out.append(_failure(policy, policy.meta_line("pledge") or 1, 1, exc))
    return scan.out


def _scan_span(scan: _Scan, span, here) -> None:
    policy, corpus, laws = scan.policy, scan.corpus, scan.laws
    text = span.text
    scan.referent = None
    clauses: list[tuple[int, int]] = []      # the 简称 clauses of the line
    if "简称" in text or "下称" in text:
        for m in DECLARATION.finditer(text):
            _declare(scan, m.group(1), m.group(2), span.line, m.end())
            clauses.append((m.end(1), m.end()))
    # law names in order: short name before the full name, and not before it is declared
    if laws.in_text is not None and ("法" in text or "条例" in text or "规定" in text or "办法" in text):
        for m in laws.in_text.finditer(text):
            name = m.group(0)
            e = laws.by_name[name]
            k, full = e.key, e.full_name
            if laws.is_full(name):
                scan.seen_full.add(k)
                d = SHORT_AT.match(text, m.end())
                if d is not None:       # 中华人民共和国保守国家秘密法（以下简称保密法）, without 《》
                    _declare(scan, name, d.group(1), span.line, d.end())
                    clauses.append((m.end(), d.end()))
                continue
            if k in scan.warned_short or name == full or any(a <= m.start() < b for a, b in clauses):
                continue        # the 简称 clause itself (（以下简称保密法）)
            if re.search(r"[A-Za-z0-9]", name):
                continue        # GB/T 9704-2012: a standard's number, not a short name to declare
            problem: Problem | None = None
            if k not in scan.seen_full:
                problem = ShortBeforeFull(full)
            elif scan.declared_laws.get(k, (span.line + 1, 0)) > (span.line, m.start()):
                problem = ShortUndeclared(full)
            if problem is not None:
                scan.warned_short.add(k)
                scan.out.append(Reference(
                    source=policy, line=span.line, col=span.col + m.start(), end_col=span.col + m.end(),
                    text=name, kind="law", target_law=k, resolved=True,
                    source_article=here[0] if here else None, problem=problem))
    if "第" in text or "本" in text or "前" in text:
        for chain in _chains(text):
            _resolve_chain(scan, span, text, chain, here)
    if "《" in text:
        for m in TITLE.finditer(text):
            if (span.line, m.start()) in scan.consumed or any(a <= m.start() < b for a, b in clauses):
                continue        # read as a citation's prefix, or the 《条例》 of （以下简称《条例》）
            title = m.group(1)
            # 《旧制度》同时废止: a document that left the corpus on purpose. Decided before
            # title_kind, whose close-match search over every title is the costly part.
            if title not in corpus.by_title and title not in laws.by_name and (
                    REPEAL_AFTER.match(text[m.end():]) or REPEAL_BEFORE.search(text[:m.start()])):
                continue
            kind = title_kind(title, corpus, laws)
            d = _declared(scan, title, span.line, m.start()) if kind not in ("policy", "law") else None
            if kind == "other" and d is None:
                continue
            ref = Reference(source=policy, line=span.line, col=span.col + m.start(),
                            end_col=span.col + m.end(), text=m.group(0), kind="policy", title=title,
                            source_article=here[0] if here else None)
            if d is not None:
                _resolve_declared(ref, d, policy)
                ref.named = "short-marked"
            else:
                _resolve_title(ref, title, kind, corpus, laws, policy)
            scan.out.append(ref)
    if "《" in text and scan.declared:
        # a short name the text declared is then written without 《》 (NORMS): 保密法, not 《保密法》
        for m in TITLE.finditer(text):
            d = _declared(scan, m.group(1), span.line, m.start())
            if d is not None:
                scan.out.append(Reference(
                    source=policy, line=span.line, col=span.col + m.start(), end_col=span.col + m.end(),
                    text=m.group(0), kind=d.kind, title=m.group(1), resolved=True,
                    target_law=d.law.key if d.law else None, target_policy=d.target,
                    source_article=here[0] if here else None, problem=ShortMarked(m.group(1), d.title)))


def _resolve_declared(ref: Reference, d: _Declared, policy: Policy) -> None:
    """A title reference (no article) by a declared short name."""
    ref.resolved = True
    if d.kind == "law":
        ref.kind = "law"
        ref.target_law = d.law.key
    else:
        ref.target_policy = d.target
        if d.target.status == Status.REPEALED and policy.status == Status.CURRENT:
            ref.problem = Repealed()


def _resolve_title(ref: Reference, title: str, kind: str, corpus: CorpusView, laws: Laws, policy: Policy) -> None:
    if kind == "policy":
        target = corpus.by_title[title]
        ref.target_policy = target
        ref.resolved = True
        if target.status == Status.REPEALED and policy.status == Status.CURRENT:
            ref.problem = Repealed()
    elif kind == "law":
        ref.kind = "law"
        ref.target_law = laws.by_name[title].key
        ref.resolved = True
    elif kind == "unknown-policy":
        ref.problem = UnknownTitle(close_title(title, corpus))
    else:
        ref.kind = "law"
        ref.problem = UnregisteredLaw(_close_law(title, laws))


_STATE_PREFIX = "中华人民共和国"


# the genre word ending a law's name; a misspelling is judged on what comes before it
_LAW_GENRE = re.compile(r"(?:实施条例|实施细则|实施办法|暂行规定|暂行办法|条例|规定|办法|细则|规则|法)$")


def _law_parts(name: str) -> tuple[str, str]:
    """(distinctive part, genre word) of a law's name: 中华人民共和国保守国家秘密法 → (保守国家秘密, 法),
    保密法实施条例 → (保密法, 实施条例). The state prefix is shared by every law and says nothing."""
    bare = name[len(_STATE_PREFIX):] if name.startswith(_STATE_PREFIX) else name
    m = _LAW_GENRE.search(bare)
    return (bare[:m.start()], m.group(0)) if m and m.start() > 0 else (bare, "")


def _edit_count(a: str, b: str) -> int:
    import difflib

    return sum(max(op[2] - op[1], op[4] - op[3])
               for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal")


def _close_law(title: str, laws: Laws) -> str:
    """The registered law an unregistered name most likely means: the state prefix before one of
    its short names (《中华人民共和国保密法》), or a misspelling of one of its names (保守秘密法 for
    保守国家秘密法). "" for a name that resembles none (a real law the registry does not hold).

    Closeness is judged on the distinctive part of the names, the state prefix and the genre word
    set aside: 监察法 and 刑法 share 中华人民共和国…法 and differ in all they say (a real law, not a
    misspelling), and so do 生物安全法 and 网络安全法. Names of the same genre whose distinctive parts
    differ by at most two characters and a third of the longer one are close; names of another
    genre word (档案法实施办法 is not 档案法) only when the whole name differs by one character in six
    or more (实施条列 for 实施条例)."""
    bare = title[len(_STATE_PREFIX):] if title.startswith(_STATE_PREFIX) else title
    e = laws.by_name.get(bare)
    if e is not None and bare != title:
        return e.full_name or bare
    stem, genre = _law_parts(title)
    best: tuple[int, str] | None = None
    for name in laws.by_name:
        other, other_genre = _law_parts(name)
        if genre and genre == other_genre:
            diff = _edit_count(stem, other)
            close = diff <= 2 and 3 * diff <= max(len(stem), len(other))
        else:
            other_bare = name[len(_STATE_PREFIX):] if name.startswith(_STATE_PREFIX) else name
            diff = _edit_count(bare, other_bare)
            close = diff <= 1 and max(len(bare), len(other_bare)) >= 6
        if close and (best is None or diff < best[0]):
            best = (diff, laws.by_name[name].full_name or name)
    return best[1] if best else ""


def _where(target: Policy, policy: Policy) -> str:
    return f"《{target.title}》" if target is not policy else "本文件"


def _resolve_chain(scan: _Scan, span, text: str, chain: Chain, here) -> None:
    policy, corpus, laws = scan.policy, scan.corpus, scan.laws
    first = chain[0][1][0]
    last = chain[-1][1][-1]
    before = text[:first.start]
    target: Policy | None = policy
    kind = "internal"
    law: Law | None = None
    title = None
    title_start = None
    old_style = False
    prefix_start = first.start
    if AMEND_BEFORE.search(before) or AMEND_AFTER.match(text, last.end):
        scan.referent = _Referent(last.end, foreign=True)
        return
    named = ""
    if not first.rel:
        # 《全称》第七条, or 《全称》（以下简称X）第七条: the 简称 clause does not break the chain
        m = TITLE_BEFORE.search(before) or DECLARED_TITLE_BEFORE.search(before)
        if m:
            title = m.group(1)
            title_start = m.start()
            prefix_start = m.start()
            tk = title_kind(title, corpus, laws)
            d = _declared(scan, title, span.line, m.start()) if tk not in ("policy", "law") else None
            if tk == "policy":
                target, kind = corpus.by_title[title], "policy"
            elif tk == "law":
                law, kind, target = laws.by_name[title], "law", None
            elif d is not None:        # 《实施条例》第五条, a declared short name in 《》
                named = "short-marked"
                law, kind, target = d.law, d.kind, d.target
            else:
                kind, target = "unknown", None
        else:
            m = laws.before.search(before) if laws.before is not None else None
            # the longest name before the citation: a registered law's name (保密法第四十六条), a
            # short name the text declared (实施条例第九十九条), a title of the corpus without 《》
            found: list[tuple[int, int, str, Any]] = []
            if m:
                found.append((m.start(), 0, "law", laws.by_name[m.group(0)]))
            if scan.declared:
                got = _declared_before(scan, before, span.line)
                if got is not None:
                    found.append((got[0], -1, "short", got[1]))
            if corpus.by_title:
                at = _bare_title_before(corpus, before)
                if at is not None:
                    found.append((at, 1, "bare", before[at:]))
            if found:
                start, _, how, what = min(found, key=lambda f: (f[0], f[1]))
                prefix_start = start
                if how == "law":
                    law, kind, target = what, "law", None
                elif how == "short":
                    named, title = "short", before[start:]
                    law, kind, target = what.law, what.kind, what.target
                else:
                    named, title = "bare", what
                    kind, target = "policy", corpus.by_title[what]
            else:
                m = SELF_BEFORE.search(before)
                if m:
                    old_style = bool(m.group(2))
                    prefix_start = m.start()
                elif NAME_BEFORE.search(before):
                    # 某某法第十条 of a name we do not know: not ours to check, nor a 第K项 after it
                    scan.referent = _Referent(last.end, foreign=True)
                    return
    if title_start is not None:
        scan.consumed.add((span.line, title_start))
    src_art, src_k = (here if here else (None, None))
    walk = _Walk(scan, span, text, chain, kind, target, law, title, old_style, prefix_start, src_art, src_k,
                 named)
    if kind == "internal" and not first.rel and first.unit in ("款", "项"):
        # a bare 第K款 / 第K项: which article (and 款) it continues is not written
        referent = scan.referent
        if referent is not None and SENTENCE_END in text[referent.end:first.start]:
            referent = None
        if referent is not None and referent.foreign:
            scan.referent = _Referent(last.end, foreign=True)
            return
        if first.unit == "项" and not CITE_AFTER.match(text, last.end):
            return     # 第一项工作: a count, not a citation
        readings = _bare_readings(first.unit, _atom_text(text, chain[0][1]), policy, src_art, src_k, referent)
        if not isinstance(readings, list):       # points nowhere: one finding for the chain
            ref = walk.new_ref(0)
            ref.problem = readings
            if src_art is not None:
                ref.article = src_art.key
            scan.out.append(ref)
            scan.referent = _Referent(last.end, foreign=True)
            return
        if not readings:
            return     # 第二款 outside any article: nothing to check, nothing to link
        # the first reading under which every citation of the chain resolves, else the first
        chosen = None
        for reading in readings:
            got = walk.run(reading, bare=first.unit == "项")
            if chosen is None:
                chosen = got
            if all(r.resolved for r in got[0]):
                chosen = got
                break
    else:
        chosen = walk.run(None)
    refs, end = chosen
    scan.out.extend(refs)
    if kind in ("law", "unknown"):
        scan.referent = _Referent(last.end, foreign=True)
    elif end is not None:
        scan.referent = end


def _bare_readings(unit: str, written: str, policy: Policy, src_art: Article | None, src_k: int | None,
                   referent: _Referent | None):
    """Where a bare 第K项 or 第K款 may point (the module's doc says in which order): a list of
    (policy, article, 款 index or None); or the problem when a 第K项 points nowhere."""
    readings: list[tuple[Policy, Article, int | None]] = []
    if unit == "款":
        if src_art is not None:
            readings.append((policy, src_art, None))
        if referent is not None and referent.art is not None and referent.art is not src_art:
            readings.append((referent.target, referent.art, None))
        return readings
    if referent is not None and referent.lists_items():
        k = referent.k
        if k is None:
            with_items = [j for j, p in enumerate(referent.art.paragraphs) if p.items]
            k = with_items[0] if len(with_items) == 1 else None
        readings.append((referent.target, referent.art, k))
    if src_art is not None:
        k = src_k or 0
        while k >= 0 and not _para_items(src_art, k):
            k -= 1
        if k >= 0:
            readings.append((policy, src_art, k))
        elif not readings:
            return NoItemList(src_art.label)
    elif not readings and policy.articles:
        return NoContext(written, "条")
    return readings


class _Walk:
    """One chain of citations (第十条第一款、第二款 · 第十八条至第二十一条) walked atom by atom,
    each continuing the article and 款 of the one before."""

    def __init__(self, scan, span, text, chain, kind, target, law, title, old_style, prefix_start,
                 src_art, src_k, named=""):
        self.scan, self.span, self.text, self.chain = scan, span, text, chain
        self.named = named
        self.kind, self.target, self.law, self.title = kind, target, law, title
        self.old_style, self.prefix_start = old_style, prefix_start
        self.src_art, self.src_k = src_art, src_k

    def new_ref(self, idx: int) -> Reference:
        toks = self.chain[idx][1]
        start = self.prefix_start if idx == 0 else toks[0].start
        end = toks[-1].end
        ref = Reference(source=self.scan.policy, line=self.span.line, col=self.span.col + start,
                        end_col=self.span.col + end, text=self.text[start:end],
                        kind="policy" if self.kind in ("policy", "unknown") else self.kind,
                        title=self.title, source_article=self.src_art, source_paragraph=self.src_k,
                        old_style=self.old_style, named=self.named if idx == 0 else "")
        return ref

    def run(self, reading, bare: bool = False) -> tuple[list[Reference], _Referent | None]:
        """The references of the chain, and what its last citation points at. `reading`:
        (policy, article, 款 index) a bare first citation continues."""
        scan, policy, span, text = self.scan, self.scan.policy, self.span, self.text
        corpus, laws = scan.corpus, scan.laws
        out: list[Reference] = []
        prev_ref: Reference | None = None
        prev_art: Article | None = None
        prev_k: int | None = None
        prev_num: tuple[int, int] | None = None
        prev_key: tuple = ()
        for idx, (conn, toks) in enumerate(self.chain):
            ref = self.new_ref(idx)
            if self.kind == "unknown":
                tk = title_kind(self.title, corpus, laws)
                if tk != "other":
                    _resolve_title(ref, self.title, tk, corpus, laws, policy)
                if idx == 0:
                    out.append(ref)
                continue
            if self.kind == "law":
                ref.target_law = self.law.key
                _resolve_law_atom(ref, toks, self.law, span)
                out.append(ref)
                continue
            target = self.target
            if idx == 0 and reading is not None:
                target, art0, k0 = reading
                inherit = (art0, k0, art0.key)
                if target is not policy:
                    ref.kind = "policy"
            elif idx > 0:
                inherit = (prev_art, prev_k, prev_num)
            else:
                inherit = (None, None, None)
            ref.target_policy = target
            if target is not policy and target is not None and idx == 0:
                if target.status == Status.REPEALED and policy.status == Status.CURRENT:
                    ref.problem = Repealed()
            got_art, got_k = _resolve_atom(ref, toks, target, policy, self.src_art, self.src_k, inherit, span,
                                           bare=bare)
            key = (ref.article or (0, 0), -1 if got_k is None else got_k, ref.item or 0)
            if conn == "至" and prev_ref is not None and prev_ref.article and ref.article:
                prev_ref.range_end = ref.article
                ref.range_start = prev_ref.article
                if key <= prev_key and ref.problem is None and prev_ref.problem is None:
                    prev_ref.problem = RangeOrder(_atom_text(text, self.chain[idx - 1][1]),
                                                  _atom_text(text, toks))
            prev_art, prev_k, prev_num, prev_key = got_art, got_k, ref.article, key
            prev_ref = ref
            if ref.article is None and ref.chapter is None and ref.relative is None and ref.problem is None \
                    and ref.paragraph is None:
                continue   # 第二节 alone: nothing to check, nothing to link
            out.append(ref)
        if prev_ref is None or self.kind in ("law", "unknown"):
            return out, None
        if prev_ref.problem is not None and not prev_ref.resolved:
            return out, _Referent(self.chain[-1][1][-1].end, foreign=True)   # reported: do not pile on
        if prev_art is None:
            return out, None
        return out, _Referent(self.chain[-1][1][-1].end, prev_ref.target_policy, prev_art, prev_k)


def _atom_text(text: str, toks: list[_Tok]) -> str:
    return text[toks[0].start:toks[-1].end]


def _resolve_law_atom(ref: Reference, toks: list[_Tok], law: Law, span) -> None:
    art = next((t for t in toks if t.unit == "条"), None)
    if art is None or art.num is None:
        ref.resolved = True
        return
    ref.article = (art.num, art.sub)
    ref.number_span = (span.line, span.col + art.start, span.col + art.end)
    key = law.key
    count = law.article_count
    if isinstance(count, int) and art.num > count:
        ref.problem = LawBeyond(key, count)
        return
    ref.resolved = True
    # whether a number is the old numbering depends on what the citing sentence says: decided by
    # BM313 (baomi/rules/xref/law_old_number.py) from the article texts, not from the number


def _resolve_atom(ref: Reference, toks: list[_Tok], target: Policy, policy: Policy,
                  src_art: Article | None, src_k: int | None, inherit, span,
                  bare: bool = False) -> tuple[Article | None, int | None]:
    """Walk the tokens of one citation from the largest unit down, checking each level.
    Returns the (article, 款 index) it ends in, for the next citation of the chain to continue."""
    art: Article | None = None
    k: int | None = None
    label = _where(target, policy)
    i_art, i_k, i_num = inherit
    t0 = toks[0]
    if t0.unit in ("款", "项") and not t0.rel:
        # continues the previous citation (第十条第一款、第二款), else the article it stands in
        if i_art is not None or i_num is not None:
            art = i_art
            ref.article = i_num
            if t0.unit == "项":
                k = i_k
        elif target is policy and src_art is not None and t0.unit == "款":
            art = src_art
            ref.article = src_art.key
        else:
            return art, k
        if ref.article is None and t0.unit == "款":
            return art, k
    for t in toks:
        if t.rel:
            ref.relative = t.rel
            if src_art is None:
                ref.problem = NoContext(t.rel, _CONTEXT_UNIT.get(t.rel, "条"))
                return art, k
            if t.rel == "本章":
                if src_art.chapter is None:
                    ref.problem = NoContext(t.rel, "章")
                    return art, k
                ref.chapter = src_art.chapter
            elif t.rel == "本节":
                if src_art.section is None:
                    ref.problem = NoContext(t.rel, "节")
                    return art, k
            elif t.rel == "本条":
                art = src_art
                ref.article = src_art.key
            elif t.rel == "前条":
                at = next(i for i, a in enumerate(policy.articles) if a is src_art)
                if at == 0:
                    ref.problem = NoPrevious(t.rel, 1, "条")
                    return art, k
                art = policy.articles[at - 1]
                ref.article = art.key
            elif t.rel == "本款":
                art, k = src_art, src_k
                ref.article = src_art.key
                ref.paragraph = (src_k or 0) + 1
            else:
                need = PREVIOUS[t.rel]
                art = src_art
                ref.article = src_art.key
                if (src_k or 0) < need:
                    ref.problem = NoPrevious(t.rel, (src_k or 0) + 1)
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
                ref.problem = NoChapter(label, len(target.chapters))
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
                ref.problem = NoArticle(label, sum(1 for a in target.articles if not a.sub))
                return art, k
        elif t.unit == "款":
            if art is None:
                return art, k
            ref.paragraph = t.num
            if t.num < 1 or t.num > len(art.paragraphs):
                ref.problem = NoParagraph(label, art.label, len(art.paragraphs))
                return art, k
            if ref.relative == "本条" and art is src_art and t.num - 1 == src_k:
                ref.problem = SelfParagraph(art.label)
            k = t.num - 1
        elif t.unit == "项":
            if art is None:
                return art, k
            ref.item = t.num
            if k is not None:
                n = _para_items(art, k)
            else:
                with_items = [j for j, p in enumerate(art.paragraphs) if p.items]
                n = max((len(art.paragraphs[j].items) for j in with_items), default=0)
                if len(with_items) == 1:
                    ref.item_paragraph = with_items[0]
            if ref.paragraph is None and k is not None:
                ref.item_paragraph = k
            if t.num < 1 or t.num > n:
                where = art.label + (grammar.paragraph_label(k + 1) if k is not None and len(art.paragraphs) > 1 else "")
                ref.problem = NoItem(label, where, n, bare)
                return art, k
            if ref.paragraph == 1 and len(art.paragraphs) == 1 and ref.relative is None \
                    and any(x.unit == "款" for x in toks) and ref.problem is None:
                ref.problem = RedundantParagraph(art.label)
    ref.resolved = ref.problem is None or isinstance(ref.problem, (RedundantParagraph, SelfParagraph, Repealed))
    return art, k


_CONTEXT_UNIT = {"本章": "章", "本节": "节"}


def _pledge_refs(policy: Policy, out: list[Reference]) -> None:
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
                    ref.problem = NoArticle("本文件", sum(1 for a in policy.articles if not a.sub))
                else:
                    ref.resolved = True
            out.append(ref)
            break


def _index_ranges(index: ReferenceIndex) -> None:
    """Articles inside 第X条至第Y条 are cited too (for "cited by" lists)."""
    for ref in list(index.references):
        if ref.range_end and ref.resolved and ref.target_policy is not None and ref.article:
            lo, hi = ref.article[0], ref.range_end[0]
            for a in ref.target_policy.articles:
                if a.number is not None and lo < a.number < hi or (a.number == lo and a.sub):
                    index.cited_by[(ref.target_policy.id, a.anchor)].append(ref)


def references_of(corpus: CorpusView, policy: Policy | None = None, *kinds):
    """The references of the corpus (or of one policy), optionally only those whose problem is
    one of `kinds` (Problem classes, kind names, None for no problem)."""
    corpus.ensure_references()
    source = corpus.references if policy is None else corpus.references_from(policy)
    for r in source:
        if not kinds or r.has(*kinds):
            yield r
