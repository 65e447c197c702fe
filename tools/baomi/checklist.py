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
import weakref
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Mapping

from .datamodel import EMPTY, extra_of
from .facts import Facts, fact
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
PROHIBIT = ("不得", "禁止", "严禁", "不准", "不允许", "一律不", "不能", "不予", "不可以")
_PROHIBIT = re.compile("|".join(PROHIBIT))
_PROHIBIT_END = re.compile(f"(?:{'|'.join(PROHIBIT)})$")
# the object denied through a copula or a light verb: 不得担任法定定密责任人, 不是法定定密责任人,
# 并非…, 不再作为… (a bare 不 only with its verb: 不定期检查 is no denial)
_DENY_VERB = r"(?:担任|作为|成为|属于|列为|确定为|视为|是|为)"
_DENIED_END = re.compile(f"(?:(?:{'|'.join(PROHIBIT)}|不再|并非|不){_DENY_VERB}|并非|不是|不属)$")
_PERMIT = re.compile(r"(?<!是否)(?<!不)(?:可以|允许|准许|可(?=[\u4e00-\u9fff]{1,4}(?:复制|携带|连接|接入|使用|出境|外借|提供)))")
_APPROVAL = re.compile(r"批准|审批|同意|报批|审查合格|方可")
# a duty said not to bind (无需汇报, 可以不登记): the opposite of "must"
_EXEMPT = re.compile(r"无需|无须|不必|不用|可以不|免于|免予")
_NUMERAL = "0-9零〇一二三四五六七八九十百两"
# number with its unit; 学时 before 时-less units, 个工作日 before 日
_NUM = re.compile(rf"([{_NUMERAL}]+)个?(小时|学时|个工作日|工作日|日|天|个月|月|年|位|次|人|名)")
# unit → (dimension, factor): periods compare in hours, counts only with their own unit
UNITS = {"小时": ("时间", 1), "工作日": ("时间", 24), "个工作日": ("时间", 24), "日": ("时间", 24),
         "天": ("时间", 24), "月": ("时间", 720), "个月": ("时间", 720), "年": ("时间", 8760),
         "学时": ("学时", 1), "位": ("位", 1), "次": ("次", 1), "人": ("人", 1), "名": ("人", 1)}
HOURS = {k: f for k, (d, f) in UNITS.items() if d == "时间"}
# what a number's neighbours say about its direction
_MORE = re.compile(r"(?:不少于|不低于|至少|最少|(?<!不)(?<!不得)超过|多于)$|^(?:以上|及以上|或以上)")
_LESS = re.compile(r"(?:不超过|不得超过|不多于|最长|最多)$|^(?:以内|之内|内|以下|及以下)")
LEVELS = ("绝密", "机密", "秘密级")
_LEVEL = re.compile("|".join(LEVELS))
MODALITY_TEXT = {"must": "应当", "must_not": "不得", "approval": "未经批准不得"}


def _sentences(raw_text: str) -> list[str]:
    """The sentences of a unit (split at 。；！？ and line ends); the 项 of a list introduced by a
    lead ending in a colon (下列事项不得确定为国家秘密：……；……。) are each read with their lead,
    which says what is required of them."""
    out = []
    for full in re.split(r"[。！？!?\n]", raw_text):
        lead, colon, rest = full.partition("：")
        if not colon:
            lead, colon, rest = full.partition(":")
        if colon and rest.strip():
            out.extend(lead + colon + x for x in re.split(r"[；;]", rest) if x.strip())
        else:
            out.extend(x for x in re.split(r"[；;]", full) if x.strip())
    return out


def _forbids(sentence: str, pat, others=()) -> bool:
    """The object is itself forbidden: a prohibition right before it, or right before the clause's
    verb that leads into it (不得签订保密承诺书), not one about something else in the sentence
    (未签订保密承诺书的，不得上岗; 不得让维修人员复制)."""
    for m in pat.finditer(sentence):
        head = sentence[:m.start()]
        if _PROHIBIT_END.search(head[-4:]) or _DENIED_END.search(head[-6:]):
            return True
        for g in others:
            for v in g.finditer(head[-8:]):
                rest = head[-8:][v.end():]
                if len(rest) <= 1 and _PROHIBIT_END.search(head[-8:][:v.start()]):
                    return True
    return False


def _numbers(sentence: str, dimension: str) -> list[tuple[float, str, str]]:
    """(value in the dimension's base unit, text before, text after) of every number of that dimension."""
    from .numerals import parse_chinese

    out = []
    for m in _NUM.finditer(sentence):
        dim, factor = UNITS[m.group(2)]
        v = parse_chinese(m.group(1))
        if dim == dimension and v is not None:
            out.append((float(v) * factor, sentence[max(0, m.start() - 5):m.start()], sentence[m.end():m.end() + 3]))
    return out


def _within(value: float, before: str, after: str, limit: float, direction: str) -> bool:
    """A number satisfies a bound: its value, and the direction its words give it (三十日以上 is
    not within a maximum even when 三十日 is)."""
    if direction == "max":
        return value <= limit and not _MORE.search(before) and not _MORE.search(after)
    return value >= limit and not _LESS.search(before) and not _LESS.search(after)


def _alternative(a: str) -> str:
    """The regex of one wording; a number with its unit (十年) never matches inside a longer
    number (三十年): the 十年 ⊂ 三十年 trap."""
    if _NUM.fullmatch(a):
        return rf"(?<![{_NUMERAL}]){re.escape(a)}"
    return re.escape(a)


@dataclass(frozen=True)
class Clause:
    """A mandated clause and its elements: who must act (`actor`, a group or the unit itself), what
    is required of them (`modality`: must / must_not / approval, i.e. may only with approval),
    about what (`object`, the group naming it) and, where it matters, a number with its unit and
    direction (`bound`, or `levels`: a maximum per 密级)."""
    id: str
    must: str
    groups: tuple[tuple[str, ...], ...]
    item_id: str = ""
    modality: str = "must"
    bound: tuple | None = None              # (limit, unit[, direction "max"|"min"])
    object: int = 0                         # the group naming what the clause is about
    actor: int | None = None                # the group naming who acts (None: the unit itself)
    actor_text: str = ""                    # who acts, in words (主要负责人, 本单位)
    levels: tuple = ()                      # ((level word, limit), ...) with `level_unit`
    level_unit: str = "年"
    severity: str = "error"                 # warning: advice, not required by the checklist or the law
    basis: str = ""                         # where the requirement comes from
    wording: tuple = field(default=(), compare=False, repr=False)   # the groups as written (the data page)

    @property
    def required(self) -> bool:
        return self.severity == "error"

    def agrees(self, raw_text: str) -> bool:
        """The unit's sentences about the object say what the clause says (modality, bound).

        must: none of them says the duty does not bind (无需, 不必, 可以不). must_not: one prohibits
        (不得/禁止/严禁/不准) and none permits (可以/允许), approval or not. approval: one prohibits
        or requires an approval, and none permits without one. bound: every number of the bound's
        dimension in those sentences is within it, with its direction (不超过/以内 or 不少于/以上),
        and there is one. levels: each 密级 is said with a number, within its own limit."""
        pat = self.patterns[self.object] if self.object < len(self.patterns) else None
        about = [x for x in _sentences(raw_text) if pat is None or pat.search(normalize(x))] or _sentences(raw_text)
        if self.modality == "must":
            # 无需汇报, 可以不登记; or the required thing itself forbidden (不得签订保密承诺书)
            if any(_EXEMPT.search(x) for x in about):
                return False
            others = [p for k, p in enumerate(self.patterns) if k != self.object]
            if pat is not None and any(_forbids(normalize(x), pat, others) for x in about):
                return False
        elif self.modality in ("must_not", "approval"):
            strict = self.modality == "must_not"
            if not any(_PROHIBIT.search(x) or (not strict and _APPROVAL.search(x)) for x in about):
                return False
            for x in about:
                # a permission stands only behind its approval (经批准可以, 审查合格后方可); one that
                # comes first and leaves the approval for later (可以先提供，再补办审批) is no approval
                m = _PERMIT.search(x)
                if m and not _PROHIBIT.search(x[:m.start()]) and (strict or not _APPROVAL.search(x[:m.start()])):
                    return False
        if self.bound is not None:
            limit, unit = self.bound[0], self.bound[1]
            direction = self.bound[2] if len(self.bound) > 2 else "max"
            dim, factor = UNITS[unit]
            seen = [n for x in about for n in _numbers(x, dim)]
            if not seen or not all(_within(v, b, a, limit * factor, direction) for v, b, a in seen):
                return False
        if self.levels:
            return self._levels_agree(about)
        return True

    def _levels_agree(self, sentences: list[str]) -> bool:
        """绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年: the text from one 密级 to the next
        holds that level's numbers, and each must be within the level's own limit."""
        dim, factor = UNITS[self.level_unit]
        limits = dict(self.levels)
        said: set[str] = set()
        for x in sentences:
            marks = list(_LEVEL.finditer(x))
            for i, m in enumerate(marks):
                seg = x[m.end():marks[i + 1].start() if i + 1 < len(marks) else len(x)]
                level = m.group(0)
                nums = _numbers(seg, dim)
                if level not in limits or not nums:
                    continue
                if not all(_within(v, b, a, limits[level] * factor, "max") for v, b, a in nums):
                    return False
                said.add(level)
        return said >= set(limits)

    @cached_property
    def patterns(self) -> tuple:
        """One alternation per group: a clause is tested against every article of every claiming
        policy, and one regex search is several times faster than testing each variant in turn."""
        return tuple(re.compile("|".join(_alternative(a) for a in sorted(g, key=len, reverse=True)))
                     for g in self.groups)

    def matches(self, normalized_text: str) -> bool:
        return all(p.search(normalized_text) for p in self.patterns)

    def satisfied_by(self, raw_text: str) -> bool:
        """The whole test on one unit's text: every element is said, and said the clause's way."""
        return self.matches(normalize(raw_text)) and self.agrees(raw_text)

    def elements(self) -> str:
        """The clause's elements in words: 主体、要求、对象、数量."""
        parts = []
        actor = self.actor_text or ("/".join(self.groups[self.actor]) if self.actor is not None
                                    and self.actor < len(self.groups) else "")
        if actor:
            parts.append(f"主体：{actor}")
        parts.append(f"要求：{MODALITY_TEXT.get(self.modality, self.modality)}")
        if self.object < len(self.groups):
            parts.append(f"对象：{'/'.join(self.groups[self.object])}")
        if self.bound is not None:
            direction = self.bound[2] if len(self.bound) > 2 else "max"
            n = self.bound[0]
            parts.append(f"数量：{'不超过' if direction == 'max' else '不少于'}{int(n) if n == int(n) else n}{self.bound[1]}")
        if self.levels:
            parts.append("数量：" + "，".join(f"{lv.rstrip('级')}级不超过{int(n)}{self.level_unit}"
                                             for lv, n in self.levels))
        return "；".join(parts)

    def describe(self) -> str:
        return "；".join("/".join(g) for g in self.groups)


def make_clause(raw: dict, item_id: str = "") -> Clause:
    groups = tuple(g for g in (tuple(normalize(str(a)) for a in g if str(a).strip())
                               for g in raw.get("all") or []) if g)
    modality = str(raw.get("modality") or "")
    # a group made only of prohibitions (不得, 严禁接入) makes the clause a prohibition
    if not modality and any(all(w.startswith(PROHIBIT) for w in g) for g in groups):
        modality = "must_not"
    modality = modality or "must"
    bound = None
    b = raw.get("bound")
    if isinstance(b, dict) and str(b.get("unit")) in UNITS and (b.get("max") is not None or b.get("min") is not None):
        direction = "max" if b.get("max") is not None else "min"
        bound = (float(b[direction]), str(b["unit"]), direction)
    levels: tuple = ()
    lv = raw.get("levels")
    if isinstance(lv, dict):
        levels = tuple((str(k) if str(k) != "秘密" else "秘密级", float(v)) for k, v in lv.items()
                       if str(k) in ("绝密", "机密", "秘密", "秘密级") and isinstance(v, (int, float)))
    actor = raw.get("actor")
    actor_group = actor if isinstance(actor, int) and not isinstance(actor, bool) else None
    actor_text = "" if actor_group is not None else str(actor or "")
    severity = "warning" if str(raw.get("severity") or "") in ("warning", "advice") else "error"
    return Clause(str(raw.get("id", item_id)), str(raw.get("must", "")), groups, item_id,
                  modality, bound, int(raw.get("object", 0) or 0), actor_group, actor_text,
                  levels, str(raw.get("level_unit") or "年") if str(raw.get("level_unit") or "年") in UNITS else "年",
                  severity, str(raw.get("basis") or ""),
                  wording=tuple(tuple(g) for g in raw.get("all") or [] if isinstance(g, list)))


# --- the checklist, typed --------------------------------------------------------------------------

@dataclass(frozen=True)
class ChecklistItem:
    """One item of the checklist (（一）1 主要负责人对保密工作部署和落实提出明确要求……): the category of
    policy expected to cover it and its mandated clauses, compiled (`Clause`)."""

    id: str
    text: str = ""
    label: str = ""                          # （一）1; "" when the data gives none
    source: str | None = None                # 自查自评办法 四（一）1
    category: str | None = None              # the category key of the policies expected to cover it
    clauses: tuple[Clause, ...] = ()
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys
    # the area it is listed in: set once by `Checklist.from_data`, before the item is shared
    area: ChecklistArea | None = field(default=None, compare=False, repr=False)

    @property
    def shown_label(self) -> str:
        """How a list names the item: its label, its id when it has none."""
        return self.label or self.id

    @classmethod
    def from_data(cls, e: dict) -> ChecklistItem:
        iid = str(e.get("id"))
        return cls(id=iid, text=str(e.get("text") or ""), label=str(e.get("label") or ""),
                   source=_opt_str(e.get("source")), category=_opt_str(e.get("category")),
                   clauses=tuple(make_clause(c, iid) for c in e.get("clauses") or [] if isinstance(c, dict)),
                   extra=extra_of(e, _ITEM_KEYS))


_ITEM_KEYS = frozenset({"id", "text", "label", "source", "category", "clauses"})


@dataclass(frozen=True)
class ChecklistArea:
    """One area of the checklist (（一）保密工作领导责任制落实情况) and its items, in file order."""

    id: str
    label: str = ""
    title: str | None = None
    items: tuple[ChecklistItem, ...] = ()
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys


_AREA_KEYS = frozenset({"id", "label", "title", "items"})


@dataclass(frozen=True)
class ChecklistSource:
    """One of the documents the checklist follows (`sources`: 自查自评办法 四、自查内容)."""

    key: str = ""
    title: str | None = None
    part: str = ""


@dataclass(frozen=True)
class Checklist:
    """The checklist (checklist.yaml and its checklist-*.yaml parts, merged by `Data.checklist`),
    typed: its areas in file order, its items by id (an id given twice: the later item), the
    sanctions clause every policy must have and the genres exempt from it."""

    areas: tuple[ChecklistArea, ...] = ()
    items: Mapping[str, ChecklistItem] = field(default_factory=lambda: EMPTY, compare=False)
    sources: tuple[ChecklistSource, ...] = ()
    sanctions: Clause | None = None          # sanctions_clause, compiled
    sanctions_source: str = ""               # sanctions_clause.source
    exempt_genres: frozenset[str] = frozenset()   # sanctions_clause.exempt_genres

    @classmethod
    def from_data(cls, raw: dict | None) -> Checklist:
        raw = raw if isinstance(raw, dict) else {}
        areas = []
        for a in raw.get("areas") or []:
            items = tuple(ChecklistItem.from_data(i) for i in a.get("items") or [] if isinstance(i, dict))
            area = ChecklistArea(id=str(a.get("id")), label=str(a.get("label") or ""), title=_opt_str(a.get("title")),
                                 items=items, extra=extra_of(a, _AREA_KEYS))
            for i in items:
                object.__setattr__(i, "area", area)     # the back-reference, before anything sees the item
            areas.append(area)
        sc = raw.get("sanctions_clause")
        sc = sc if isinstance(sc, dict) else None
        return cls(
            areas=tuple(areas),
            items=MappingProxyType({i.id: i for a in areas for i in a.items}),
            sources=tuple(ChecklistSource(str(s.get("key") or ""), _opt_str(s.get("title")), str(s.get("part") or ""))
                          for s in raw.get("sources") or [] if isinstance(s, dict)),
            sanctions=make_clause(sc, "sanctions") if sc is not None else None,
            sanctions_source=str((sc or {}).get("source") or ""),
            exempt_genres=frozenset(str(g) for g in (sc or {}).get("exempt_genres") or ()),
        )


def _opt_str(v) -> str | None:
    return None if v is None else str(v)


_EMPTY_CHECKLIST = Checklist()
_TYPED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def checklist_of(data) -> Checklist:
    """The typed checklist of a data set (a `baomi.data.Data`), built once per data set from its
    validated, merged content (`Data.checklist`); empty for none."""
    if data is None:
        return _EMPTY_CHECKLIST
    try:
        got = _TYPED.get(data)
    except TypeError:                     # a stand-in that cannot be weakly referenced: not kept
        return Checklist.from_data(data.checklist)
    if got is None:
        got = _TYPED[data] = Checklist.from_data(data.checklist)
    return got


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
        """Every required clause is backed (advice, severity warning, does not decide the claim)."""
        return all(r.ok for r in self.results if r.clause.required)


@dataclass
class ItemCoverage:
    item: ChecklistItem
    claims: list[Claim]
    expected: list = field(default_factory=list)   # 现行 policies of the item's category

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def label(self) -> str:
        return self.item.shown_label

    @property
    def status(self) -> str:
        """covered only when every policy that claims the item backs the claim with its text."""
        if not self.claims:
            return "unclaimed"
        return "covered" if all(c.ok for c in self.claims) else "missing"

    def missing_clauses(self) -> list[tuple[Claim, ClauseResult]]:
        """Every (claim, required clause) the claiming policy's text does not back up."""
        return [(c, r) for c in self.claims for r in c.results if not r.ok and r.clause.required]

    def missing_advice(self) -> list[tuple[Claim, ClauseResult]]:
        """Every (claim, advised clause) the claiming policy's text does not back up."""
        return [(c, r) for c in self.claims for r in c.results if not r.ok and not r.clause.required]


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
                "id": i.id, "label": i.label, "area": i.item.area.title,
                "area_id": i.item.area.id, "area_label": i.item.area.label,
                "text": i.item.text, "category": i.item.category,
                "source": i.item.source, "status": i.status, "status_text": STATUS_TEXT[i.status],
                "clauses": [{"id": c.id, "must": c.must, "elements": c.elements(), "severity": c.severity,
                             "basis": c.basis} for c in i.item.clauses],
                "expected": [{"id": p.id, "title": p.title, "path": p.relpath} for p in i.expected],
                "policies": [{
                    "id": c.policy.id, "title": c.policy.title, "path": c.policy.relpath, "ok": c.ok,
                    "articles": _articles(c),
                    "cited": [{"label": label, "anchor": anchor}
                              for anchor, label in cited_labels(c.policy, [a["anchor"] for a in _articles(c)])],
                    "clauses": [{"id": r.clause.id, "must": r.clause.must, "ok": r.ok,
                                 "severity": r.clause.severity, "elements": r.clause.elements(),
                                 "basis": r.clause.basis,
                                 "cited": [{"label": label, "anchor": anchor} for anchor, label
                                           in cited_labels(c.policy, _unique([u[0] for u in r.units]))],
                                 "articles": [{"label": u[1], "anchor": u[0], "line": u[2]} for u in r.units]}
                                for r in c.results],
                } for c in i.claims],
            } for i in self.items],
        }


def _unique(xs: list) -> list:
    return list(dict.fromkeys(xs))


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


def check_claim(policy, item: ChecklistItem, data=None, facts=None) -> Claim:
    """The claim that `policy` covers `item`; `data` supplies the placeholders (none when None),
    `facts` (the run's `baomi.facts.Facts`) keeps the policy's units for the next claim."""
    units = _units(policy, placeholders(data) if data is not None else None, facts)
    results = []
    for clause in item.clauses:
        hits = [(a, l, ln) for a, l, ln, t, raw in units if clause.matches(t) and clause.agrees(raw)]
        results.append(ClauseResult(clause, hits))
    return Claim(policy, results, len(units))


def current(corpus) -> list:
    return [p for p in corpus.policies if p.status == Status.CURRENT and p.readable]


def claims_of(policy) -> list[str]:
    covers = policy.meta.get("covers")
    return [str(c) for c in covers] if isinstance(covers, list) else []


def claims_raw(policy, items: Mapping[str, ChecklistItem], data=None) -> list:
    """The policy's claims checked, as plain data: [(item id, units searched, [(clause id, units)])].

    A claim depends only on the policy's own text and the checklist, so this is cached with
    the policy's content key, or computed by the worker process that parsed the policy."""
    facts = Facts()     # the policy's units, read once for all its claims
    claims = [check_claim(policy, items[cid], data, facts) for cid in claims_of(policy) if cid in items]
    return [(c.results[0].clause.item_id if c.results else "", c.searched,
             [(r.clause.id, r.units) for r in c.results]) for c in claims if c.results]


def _claims_ok(value) -> bool:
    """(item id, units searched, [(clause id, units)]) each, as `claims_raw` makes them."""
    return isinstance(value, list) and all(
        isinstance(c, tuple) and len(c) == 3 and isinstance(c[0], str) and isinstance(c[2], list)
        and all(isinstance(h, tuple) and len(h) == 2 and isinstance(h[0], str) for h in c[2]) for c in value)


@fact("checklist.claims", stored=True, check=_claims_ok)
def claims_fact(policy, corpus) -> list:
    """The policy's checklist claims checked (`claims_raw`); none for a policy that is not
    current and readable (coverage reads only the current ones)."""
    if not (policy.readable and policy.status == Status.CURRENT):
        return []
    return claims_raw(policy, checklist_of(corpus.data).items, corpus.data)


def _policy_claims(policy, items: Mapping[str, ChecklistItem], cache, index: dict | None = None, data=None,
                   facts=None, corpus=None) -> list[Claim]:
    """The claims of one policy: the run's fact `checklist.claims` (made by the engine for the
    rules that declared it, shipped from the worker that parsed the policy, kept in the
    incremental state or read from the cache; see `baomi.facts`), else checked now. A policy
    whose claims crashed claims nothing here (the rules needing them report the crash)."""
    if facts is not None and corpus is not None:
        if facts.crash(policy, "checklist.claims") is not None:
            return []
        stored = facts.value(policy, "checklist.claims", corpus)
    else:
        stored = claims_raw(policy, items, data)
    index = {} if index is None else index
    out = []
    for cid, searched, hits in stored:
        clauses = index.get(cid)
        if clauses is None:
            clauses = index[cid] = {c.id: c for c in items[cid].clauses}
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
    items = checklist_of(corpus.data).items
    by_item: dict[str, list] = {i: [] for i in items}
    cache = corpus.cache
    index: dict = {}
    for p in current(corpus):
        for claim in _policy_claims(p, items, cache, index, corpus.data, facts, corpus):
            if claim.results:
                by_item[claim.results[0].clause.item_id].append(claim)
    by_category: dict[str, list] = {}
    for p in current(corpus):
        by_category.setdefault(p.meta.get("category"), []).append(p)
    return Coverage([ItemCoverage(item, by_item[i], by_category.get(item.category, []))
                     for i, item in items.items()])


def expected_policies(corpus, item: ChecklistItem) -> list:
    return [p for p in current(corpus) if p.meta.get("category") == item.category]


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
