"""Checklist coverage: does the rule book say what the 保密自查自评 checklist requires?

The checklist data (`schemas/checklist.yaml`) names, for every item, the category of policy
expected to satisfy it and its mandated clauses. A clause is a list of groups of alternative
wordings; it is satisfied by one citable unit of a policy (an article with all its 款/项/目,
or a 公文式 section with everything under it) whose text — NFKC-normalised, with whitespace
and punctuation removed — contains one alternative of every group. Working on parsed units,
not raw lines, makes the match indifferent to line breaks and punctuation, and reporting the
units searched tells the author where the tool looked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .facts import Facts
from .text.placeholder import placeholders
from .model import Status, Style

STATUS_TEXT = {"covered": "已覆盖", "missing": "缺少强制条款", "unclaimed": "未声明"}


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """NFKC, then drop whitespace and punctuation (Unicode categories Z* and P*, plus the
    control and format characters that stand for line breaks, tabs and invisible marks)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZC")


# modality and number words (clause semantics beyond substrings)
PROHIBIT = ("不得", "禁止", "严禁", "不准", "不允许", "一律不", "不能")
_PROHIBIT = re.compile("|".join(PROHIBIT))
_PERMIT = re.compile(r"可以|允许|准许|可(?=[\u4e00-\u9fff]{1,4}(?:复制|携带|连接|接入|使用|出境|外借|提供))")
_APPROVAL = re.compile(r"批准|审批|同意|报批")
_SENTENCE = re.compile(r"[。；;！？!?\n]")
_NUM = re.compile(r"([0-9]+|[零〇一二三四五六七八九十百两]+)个?(小时|个工作日|工作日|日|天|个月|月|年)")
HOURS = {"小时": 1, "工作日": 24, "个工作日": 24, "日": 24, "天": 24, "月": 720, "个月": 720, "年": 8760}


@dataclass(frozen=True)
class Clause:
    id: str
    must: str
    groups: tuple[tuple[str, ...], ...]
    item_id: str = ""
    modality: str = ""                      # "must_not": the sentences on the object must prohibit
    bound: tuple[float, str] | None = None  # (maximum, unit): every period said of the object is within it
    object: int = 0                         # the group naming what the clause is about

    def agrees(self, raw_text: str) -> bool:
        """The unit's sentences about the object say what the clause says (modality, bound).

        must_not: one sentence on the object prohibits (不得/禁止/严禁/不准) and none permits it
        (可以/允许) without an approval in the same sentence. bound: every period in those
        sentences (24小时, 十日, 三十日内) is at most the bound, and there is one."""
        if not self.modality and self.bound is None:
            return True
        pat = self.patterns[self.object] if self.object < len(self.patterns) else None
        sents = [x for x in _SENTENCE.split(raw_text) if x.strip()]
        about = [x for x in sents if pat is None or pat.search(normalize(x))] or sents
        if self.modality == "must_not":
            if not any(_PROHIBIT.search(x) for x in about):
                return False
            for x in about:
                m = _PERMIT.search(x)
                if m and not _APPROVAL.search(x) and not _PROHIBIT.search(x[:m.start()]):
                    return False
        if self.bound is not None:
            from .numerals import parse_chinese

            limit = self.bound[0] * HOURS[self.bound[1]]
            seen = []
            for x in about:
                for n, unit in _NUM.findall(x):
                    v = parse_chinese(n)
                    if v is not None:
                        seen.append(v * HOURS[unit])
            if not seen or any(v > limit for v in seen):
                return False
        return True

    @cached_property
    def patterns(self) -> tuple:
        """One alternation per group: a clause is tested against every article of every claiming
        policy, and one regex search is several times faster than testing each variant in turn."""
        return tuple(re.compile("|".join(re.escape(a) for a in sorted(g, key=len, reverse=True)))
                     for g in self.groups)

    def matches(self, normalized_text: str) -> bool:
        return all(p.search(normalized_text) for p in self.patterns)

    def describe(self) -> str:
        return "；".join("/".join(g) for g in self.groups)


def make_clause(raw: dict, item_id: str = "") -> Clause:
    groups = tuple(g for g in (tuple(normalize(str(a)) for a in g if str(a).strip())
                               for g in raw.get("all") or []) if g)
    modality = str(raw.get("modality") or "")
    # a group made only of prohibitions (不得, 严禁接入) makes the clause a prohibition
    if not modality and any(all(w.startswith(PROHIBIT) for w in g) for g in groups):
        modality = "must_not"
    bound = None
    b = raw.get("bound")
    if isinstance(b, dict) and b.get("max") is not None and str(b.get("unit")) in HOURS:
        bound = (float(b["max"]), str(b["unit"]))
    return Clause(str(raw.get("id", item_id)), str(raw.get("must", "")), groups, item_id,
                  modality, bound, int(raw.get("object", 0) or 0))


@dataclass
class ClauseResult:
    clause: Clause
    units: list = field(default_factory=list)     # units (anchor, label, line) that satisfy it

    @property
    def ok(self) -> bool:
        return bool(self.units)


@dataclass
class Claim:
    policy: object
    results: list[ClauseResult]
    searched: int                                  # units searched

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)


@dataclass
class ItemCoverage:
    item: dict
    claims: list[Claim]
    expected: list = field(default_factory=list)   # 现行 policies of the item's category

    @property
    def id(self) -> str:
        return str(self.item["id"])

    @property
    def label(self) -> str:
        return str(self.item.get("label") or self.id)

    @property
    def status(self) -> str:
        """covered only when every policy that claims the item backs the claim with its text."""
        if not self.claims:
            return "unclaimed"
        return "covered" if all(c.ok for c in self.claims) else "missing"

    def missing_clauses(self) -> list[tuple[Claim, ClauseResult]]:
        """Every (claim, clause) the claiming policy's text does not back up."""
        return [(c, r) for c in self.claims for r in c.results if not r.ok]


@dataclass
class Coverage:
    items: list[ItemCoverage]

    @property
    def covered(self) -> int:
        return sum(1 for i in self.items if i.status == "covered")

    @property
    def missing_clauses(self) -> int:
        return sum(len(i.missing_clauses()) for i in self.items)

    @property
    def unclaimed(self) -> int:
        return sum(1 for i in self.items if i.status == "unclaimed")

    def summary(self) -> str:
        return summary_line(self.as_dict()["summary"])

    def restricted(self, policies) -> "Coverage":
        """The coverage the given policies alone give (claims and expected policies of the others
        left out, statuses recomputed): what a published or generated document may show."""
        keep = {id(p) for p in policies}
        return Coverage([ItemCoverage(i.item, [c for c in i.claims if id(c.policy) in keep],
                                      [p for p in i.expected if id(p) in keep]) for i in self.items])

    def as_dict(self) -> dict:
        return {
            "summary": {"items": len(self.items), "covered": self.covered, "unclaimed": self.unclaimed,
                        "missing_clauses": self.missing_clauses},
            "items": [{
                "id": i.id, "label": i.label, "area": i.item["area"].get("title"),
                "area_id": str(i.item["area"].get("id")), "area_label": i.item["area"].get("label", ""),
                "text": i.item.get("text", ""), "category": i.item.get("category"),
                "source": i.item.get("source"), "status": i.status, "status_text": STATUS_TEXT[i.status],
                "clauses": [{"id": c.id, "must": c.must} for c in item_clauses(i.item)],
                "expected": [{"id": p.id, "title": p.title, "path": p.relpath} for p in i.expected],
                "policies": [{
                    "id": c.policy.id, "title": c.policy.title, "path": c.policy.relpath, "ok": c.ok,
                    "articles": _articles(c),
                    "cited": [{"label": label, "anchor": anchor}
                              for anchor, label in cited_labels(c.policy, [a["anchor"] for a in _articles(c)])],
                    "clauses": [{"id": r.clause.id, "must": r.clause.must, "ok": r.ok,
                                 "articles": [{"label": u[1], "anchor": u[0], "line": u[2]} for u in r.units]}
                                for r in c.results],
                } for c in i.claims],
            } for i in self.items],
        }


def _articles(claim: Claim) -> list[dict]:
    """The units that back a claim, each once, in document order."""
    seen: dict[str, tuple] = {}
    for r in claim.results:
        for u in r.units:
            seen.setdefault(u[0], u)
    return [{"label": u[1], "anchor": u[0], "line": u[2]} for u in sorted(seen.values(), key=lambda u: u[2])]


def cited_labels(policy, anchors: list[str]) -> list[tuple[str, str]]:
    """The units with these anchors as one reads them in a list: an article by its label (第三条),
    a 公文式 section by its path without the enumeration comma (四（二）, not 四、（二）), and a
    section left out when one of its own subsections is cited too (四、 and 四（二） → 四（二）)."""
    if policy.style != Style.GONGWEN:
        by_anchor = {u.anchor: u.label for u in policy.units()}
        return [(a, by_anchor.get(a, a)) for a in anchors]
    paths: dict[str, list] = {}

    def walk(nodes, trail):
        for n in nodes:
            paths[n.anchor] = trail + [n]
            walk(n.children, trail + [n])

    walk(policy.headings, [])
    wanted = [a for a in anchors if a in paths]
    inner = {id(n) for a in wanted for n in paths[a][:-1]}
    out = []
    for a in anchors:
        path = paths.get(a)
        if path is None:
            out.append((a, a))
        elif id(path[-1]) not in inner:
            out.append((a, "".join(n.marker.raw.rstrip("、，,.．") for n in path)))
    return out


def cited(p: dict) -> list[dict]:
    """The articles a claiming policy of `coverage_table` cites, as a list reads them
    ([{label, anchor}]): every renderer (text, HTML, .docx) joins these."""
    return p.get("cited") or p.get("articles") or []


def _units(policy, unfilled=None, facts=None) -> list[tuple[str, str, int, str]]:
    """(anchor, label, line, normalized text) of every unit that can back a claim, once per
    policy and run (the fact `checklist.units`): an unfilled unit (a placeholder such as
    【待补充】, see `baomi.text.placeholder`) is not a rule and never counts as coverage."""
    def compute():
        return [(u.anchor, u.label, u.line, normalize(u.text), u.text) for u in policy.units()
                if unfilled is None or not unfilled.unfilled(u.text)]

    return compute() if facts is None else facts.file_fact(policy, "checklist.units", compute)


# id(raw clause list) -> (the list itself, its clauses); holding the list keeps its id from being reused
_CLAUSES: dict[int, tuple[object, list[Clause]]] = {}


def item_clauses(item: dict) -> list[Clause]:
    """The item's clauses, normalised once per data set."""
    raw = item.get("clauses")
    got = _CLAUSES.get(id(raw))
    if got is None or got[0] is not raw:
        got = _CLAUSES[id(raw)] = (raw, [make_clause(c, str(item["id"])) for c in raw or []])
    return got[1]


def check_claim(policy, item: dict, data=None, facts=None) -> Claim:
    """The claim that `policy` covers `item`; `data` supplies the placeholders (none when None),
    `facts` (the run's `baomi.facts.Facts`) keeps the policy's units for the next claim."""
    units = _units(policy, placeholders(data) if data is not None else None, facts)
    results = []
    for clause in item_clauses(item):
        hits = [(a, l, ln) for a, l, ln, t, raw in units if clause.matches(t) and clause.agrees(raw)]
        results.append(ClauseResult(clause, hits))
    return Claim(policy, results, len(units))


def current(corpus) -> list:
    return [p for p in corpus.policies if p.status == Status.CURRENT and p.readable]


def claims_of(policy) -> list[str]:
    covers = policy.meta.get("covers")
    return [str(c) for c in covers] if isinstance(covers, list) else []


def claims_raw(policy, items: dict, data=None) -> list:
    """The policy's claims checked, as plain data: [(item id, units searched, [(clause id, units)])].

    A claim depends only on the policy's own text and the checklist, so this is cached with
    the policy's content key, or computed by the worker process that parsed the policy."""
    facts = Facts()     # the policy's units, read once for all its claims
    claims = [check_claim(policy, items[cid], data, facts) for cid in claims_of(policy) if cid in items]
    return [(c.results[0].clause.item_id if c.results else "", c.searched,
             [(r.clause.id, r.units) for r in c.results]) for c in claims if c.results]


def _policy_claims(policy, items: dict, cache, index: dict | None = None, data=None,
                   facts=None) -> list[Claim]:
    """The claims of one policy: from the worker that parsed it (the run's fact
    `checklist.claims`, see `baomi.facts`), the cache, or checked now."""
    key = f"{policy.digest}-claims" if (cache is not None and cache.enabled and policy.digest) else ""
    stored = facts.get(policy, "checklist.claims") if facts is not None else None
    if stored is None and key:
        stored = cache.get("claims", key)
    elif stored is not None and key:
        cache.put("claims", key, stored)
    if stored is None:
        stored = claims_raw(policy, items, data)
        if key:
            cache.put("claims", key, stored)
    index = {} if index is None else index
    out = []
    for cid, searched, hits in stored:
        clauses = index.get(cid)
        if clauses is None:
            clauses = index[cid] = {c.id: c for c in item_clauses(items[cid])}
        out.append(Claim(policy, [ClauseResult(clauses[k], list(u)) for k, u in hits], searched))
    return out


def coverage(corpus) -> Coverage:
    """What the corpus covers of the checklist: computed once per run (the corpus fact
    `checklist.coverage`)."""
    facts = getattr(corpus, "facts", None)
    if facts is None:
        return _coverage(corpus, None)
    return facts.corpus_fact("checklist.coverage", lambda: _coverage(corpus, facts))


def _coverage(corpus, facts) -> Coverage:
    items = corpus.data.checklist_items
    by_item: dict[str, list] = {i: [] for i in items}
    cache = corpus.cache
    index: dict = {}
    for p in current(corpus):
        for claim in _policy_claims(p, items, cache, index, corpus.data, facts):
            if claim.results:
                by_item[claim.results[0].clause.item_id].append(claim)
    by_category: dict[str, list] = {}
    for p in current(corpus):
        by_category.setdefault(p.meta.get("category"), []).append(p)
    return Coverage([ItemCoverage(items[i], by_item[i], by_category.get(items[i].get("category"), []))
                     for i in items])


def sanctions_clause(data) -> Clause | None:
    raw = data.checklist.get("sanctions_clause") if isinstance(data.checklist, dict) else None
    return make_clause(raw, "sanctions") if isinstance(raw, dict) else None


def expected_policies(corpus, item: dict) -> list:
    return [p for p in current(corpus) if p.meta.get("category") == item.get("category")]


def summary_line(summary: dict) -> str:
    """共 N 项，已覆盖 X 项；缺少强制条款：M 项 (and the unclaimed items when there are any)."""
    line = f"共 {summary['items']} 项，已覆盖 {summary['covered']} 项；缺少强制条款：{summary['missing_clauses']} 项"
    if summary.get("unclaimed"):
        line += f"；未声明：{summary['unclaimed']} 项"
    return line


# --- for the handbook and other generators -------------------------------------------------------

def coverage_table(corpus, published=None) -> dict:
    """The coverage matrix as plain data (JSON-ready): {"summary": {...}, "items": [...]}.

    Each item: id, label (（四）2), area, text, category, source, status (covered | missing |
    unclaimed), status_text (已覆盖 | 缺少强制条款 | 未声明), clauses [{id, must}], expected
    [{id, title, path}] (现行 policies of the item's category) and policies [{id, title, path, ok,
    articles, cited [{label, anchor}] (the articles as a list cites them, see `cited_labels`),
    clauses [{id, must, ok, articles [{label, anchor, line}]}]}] (the claiming policies).

    `published`: only these policies count (what may be published, `site.guard.publishable`);
    the others' titles and text never reach the table, and the statuses are theirs alone.
    """
    cov = coverage(corpus)
    return (cov if published is None else cov.restricted(published)).as_dict()
