"""Mutation test: inject each kind of structure, numbering and cross-reference defect into the
shipped rule book (25 generated mutants per kind, fixed seed) and check that lint finds every one,
with the right rule and category, at the right line; the clean rule book stays clean.

Mutants are linted in-process: unchanged policies are parsed once and reused.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from baomi.config import from_table
from baomi.corpus import Corpus
from baomi.lint import run_rules, selected_rules
from baomi.numerals import to_chinese as cn
from baomi.parser import parse_text

ROOT = Path(__file__).resolve().parents[1]
CFG = from_table({"today": "2026-01-01", "cache": False}, ROOT)
RULES = selected_rules(CFG, ["structure", "numbering", "xref"])
N = 25
SEED = 4

BASE = {f"policies/{p.name}": p.read_text(encoding="utf-8") for p in sorted((ROOT / "policies").glob("*.md"))}
PARSED = {rel: parse_text(t, ROOT / rel, rel) for rel, t in BASE.items()}
TK = [p for p in PARSED.values() if p.style == "条款式"]
GW = [p for p in PARSED.values() if p.style == "公文式"]


def _corpus(changes: dict[str, str]) -> Corpus:
    pols = [parse_text(changes[rel], ROOT / rel, rel) if rel in changes else PARSED[rel] for rel in BASE]
    return Corpus(pols, data=CFG.data, config=CFG)


def _refs():
    c = _corpus({})
    c.ensure_references()
    return c.references


REFS = _refs()


# --- text surgery ------------------------------------------------------------------------

def sub_line(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[line - 1], (line, old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def set_cols(text: str, line: int, col: int, end_col: int, new: str) -> str:
    lines = text.split("\n")
    s = lines[line - 1]
    lines[line - 1] = s[:col - 1] + new + s[end_col - 1:]
    return "\n".join(lines)


def insert_after(text: str, line: int, block: str) -> str:
    lines = text.split("\n")
    lines[line:line] = ["", block]
    return "\n".join(lines)


def mains(p):
    return [a for a in p.articles if not a.sub]


# --- mutant generators: rng → (changes, path, line or needle, rule code) --------------------

def m_article_gap(r):
    p = r.choice(TK)
    a = r.choice(mains(p)[1:])
    n = a.number + r.randint(2, 6)
    return {p.relpath: set_cols(BASE[p.relpath], a.line, a.col, a.marker.end_col, f"第{cn(n)}条")}, p.relpath, a.line, "BM203"


def m_article_repeat(r):
    p = r.choice(TK)
    ms = mains(p)
    i = r.randrange(1, len(ms))
    a = ms[i]
    return ({p.relpath: set_cols(BASE[p.relpath], a.line, a.col, a.marker.end_col, f"第{cn(ms[i - 1].number)}条")},
            p.relpath, a.line, "BM203")


def m_article_swap(r):
    p = r.choice(TK)
    ms = mains(p)
    i = r.randrange(0, len(ms) - 1)
    a, b = ms[i], ms[i + 1]
    t = set_cols(BASE[p.relpath], a.line, a.col, a.marker.end_col, b.marker.raw)
    t = set_cols(t, b.line, b.col, b.marker.end_col, a.marker.raw)
    return {p.relpath: t}, p.relpath, a.line, "BM203"


def m_numeral_form(r):
    p = r.choice(TK)
    mk = r.choice([m for m in p.markers if m.kind in ("article", "chapter") and m.number and not m.sub])
    unit = "条" if mk.kind == "article" else "章"
    form = str(mk.number) if (r.random() < 0.5 or not 10 <= mk.number < 20) else "一" + cn(mk.number)
    return ({p.relpath: set_cols(BASE[p.relpath], mk.line, mk.col, mk.end_col, f"第{form}{unit}")},
            p.relpath, mk.line, "BM201")


def m_chapter_gap(r):
    p = r.choice([p for p in TK if len(p.chapters) > 1])
    c = r.choice(p.chapters[1:])
    return ({p.relpath: set_cols(BASE[p.relpath], c.marker.line, c.marker.col, c.marker.end_col,
                                 f"第{cn(c.number + r.randint(1, 4))}章")}, p.relpath, c.line, "BM202")


def m_section_gap(r):
    p = r.choice(TK)
    c = r.choice([c for c in p.chapters if len(c.articles) >= 2])
    a1, a2 = c.articles[0], c.articles[1]
    n2 = r.choice([1, 3, 4, 5])
    t = BASE[p.relpath].split("\n")
    t[a2.line - 1:a2.line - 1] = [f"### 第{cn(n2)}节 其他", ""]
    t[a1.line - 1:a1.line - 1] = ["### 第一节 一般规定", ""]
    return {p.relpath: "\n".join(t)}, p.relpath, f"### 第{cn(n2)}节 其他", "BM204"


def m_sub_placement(r):
    p = r.choice(TK)
    t = r.choice(mains(p))
    m = r.choice([a.number for a in mains(p) if a.number != t.number])
    block = f"第{cn(m)}条之一 新增条文{r.randint(100, 999)}的内容。"
    return {p.relpath: insert_after(BASE[p.relpath], t.end_line, block)}, p.relpath, block, "BM205"


def _items(pred=lambda p, a, k, para: True):
    out = []
    for p in TK:
        for a in p.articles:
            for k, para in enumerate(a.paragraphs):
                if para.items and pred(p, a, k, para):
                    out.append((p, a, k, para))
    return out


ITEMS = _items()


def m_item_sequence(r):
    p, a, k, para = r.choice([x for x in ITEMS if len(x[3].items) >= 2])
    it = r.choice(para.items[1:])
    mk = it.marker
    return ({p.relpath: set_cols(BASE[p.relpath], mk.line, mk.col, mk.end_col, f"（{cn(it.number + r.randint(1, 3))}）")},
            p.relpath, mk.line, "BM206")


def m_item_bracket(r):
    p, a, k, para = r.choice(ITEMS)
    it = r.choice(para.items)
    mk = it.marker
    form = r.choice([f"({cn(it.number)})", f"（{cn(it.number)}）、", f"({cn(it.number)})、", f"（{cn(it.number)}）."])
    return {p.relpath: set_cols(BASE[p.relpath], mk.line, mk.col, mk.end_col, form)}, p.relpath, mk.line, "BM207"


def m_subitem_sequence(r):
    p, a, k, para = r.choice([x for x in ITEMS if len(x[3].items) >= 2])
    it = r.choice(para.items[:-1])
    t = sub_line(BASE[p.relpath], it.end_line, it.text[-1], "：") if it.text.endswith("；") else None
    if t is None:
        return m_subitem_sequence(r)
    n = r.choice([1, 3, 4])
    lines = t.split("\n")
    lines[it.end_line:it.end_line] = ["", "1. 第一目；", "", f"{n}. 第二目{r.randint(10, 99)}；"]
    needle = lines[it.end_line + 3]
    return {p.relpath: "\n".join(lines)}, p.relpath, needle, "BM208"


def _gw_nodes(level):
    return [(p, h) for p in GW for h in p.walk_headings() if h.level == level]


def m_gongwen_skip(r):
    p, h = r.choice(_gw_nodes(2))
    mk = h.marker
    return {p.relpath: set_cols(BASE[p.relpath], mk.line, mk.col, mk.end_col, f"（{h.number}）")}, p.relpath, mk.line, "BM209"


def m_gongwen_form(r):
    level = r.choice([1, 2])
    p, h = r.choice(_gw_nodes(level))
    mk = h.marker
    form = r.choice([f"{cn(h.number)}.", f"{cn(h.number)}，"]) if level == 1 else f"（{cn(h.number)}）、"
    return {p.relpath: set_cols(BASE[p.relpath], mk.line, mk.col, mk.end_col, form)}, p.relpath, mk.line, "BM210"


def m_gongwen_sequence(r):
    level = r.choice([1, 2])
    p, h = r.choice(_gw_nodes(level))
    mk = h.marker
    n = h.number + r.randint(2, 4)
    form = f"{cn(n)}、" if level == 1 else f"（{cn(n)}）"
    return {p.relpath: set_cols(BASE[p.relpath], mk.line, mk.col, mk.end_col, form)}, p.relpath, mk.line, "BM211"


def m_general_first(r):
    p = r.choice([p for p in TK if p.chapters])
    c = p.chapters[0]
    return ({p.relpath: sub_line(BASE[p.relpath], c.line, "总则", r.choice(["管理要求", "总体要求", "保密措施", "职责"]))},
            p.relpath, c.line, "BM101")


def m_supplementary_last(r):
    p = r.choice([p for p in TK if len(p.chapters) > 1])
    c = p.chapters[-1]
    return ({p.relpath: sub_line(BASE[p.relpath], c.line, "附则", r.choice(["其他规定", "附件", "补充规定", "监督检查"]))},
            p.relpath, c.line, "BM102")


def m_outside_chapter(r):
    p = r.choice([p for p in TK if p.chapters and len(p.chapters[0].articles) > 1])
    c = p.chapters[0]
    k = r.randint(1, len(c.articles) - 1)
    lines = BASE[p.relpath].split("\n")
    heading = lines[c.line - 1]
    first = lines[c.articles[0].line - 1]
    end = c.articles[k - 1].end_line
    lines[end:end] = ["", heading]
    del lines[c.line - 1:c.line + 1]
    return {p.relpath: "\n".join(lines)}, p.relpath, first, "BM103"


def m_stray(r):
    p = r.choice([p for p in TK if len(p.chapters) > 1])
    c = r.choice(p.chapters[1:])
    block = f"以下规定适用于本单位全体人员{r.randint(100, 999)}。"
    return {p.relpath: insert_after(BASE[p.relpath], c.line, block)}, p.relpath, block, "BM104"


def m_h1(r):
    p = r.choice(list(PARSED.values()))
    new = r.choice([p.h1 + "（试行）", p.h1[1:], p.h1[:-2] + "规范", "关于" + p.h1])
    return {p.relpath: sub_line(BASE[p.relpath], p.h1_line, p.h1, new)}, p.relpath, p.h1_line, "BM105"


def m_lead_in(r):
    p, a, k, para = r.choice([x for x in ITEMS if x[3].text.endswith("：")])
    return ({p.relpath: sub_line(BASE[p.relpath], para.end_line, "：", r.choice(["。", "；", "，"]))},
            p.relpath, para.end_line, "BM106")


def m_item_ending(r):
    p, a, k, para = r.choice(ITEMS)
    i = r.randrange(len(para.items))
    it = para.items[i]
    last = i == len(para.items) - 1
    old = it.text[-1]
    new = r.choice(["；", "，"]) if last else r.choice(["。", "，", "、"])
    lines = BASE[p.relpath].split("\n")
    s = lines[it.end_line - 1]
    assert s.endswith(old)
    lines[it.end_line - 1] = s[:-1] + new
    return {p.relpath: "\n".join(lines)}, p.relpath, it.end_line, "BM107"


def m_effective(r):
    p = r.choice(TK)
    a = p.articles[-1]
    return ({p.relpath: sub_line(BASE[p.relpath], a.line, "起施行", r.choice(["起生效", "开始施行", "后施行", "起有效"]))},
            p.relpath, a.line, "BM108")


SELF_WORDS = ["本制度", "本规定", "本办法", "本守则"]


def m_self_name(r):
    p = r.choice(list(PARSED.values()))
    want = "本" + next(w for w in ("制度", "规定", "办法", "守则") if p.title.endswith(w))
    spans = [s for s in p.prose if want in s.text]
    s = r.choice(spans)
    other = r.choice([w for w in SELF_WORDS if w != want])
    return {p.relpath: sub_line(BASE[p.relpath], s.line, want, other)}, p.relpath, s.line, "BM109"


def m_purpose(r):
    p = r.choice(TK)
    a = p.articles[0]
    kind = r.choice(["为了", "制定"])
    new = sub_line(BASE[p.relpath], a.line, "为了", "") if kind == "为了" else \
        sub_line(BASE[p.relpath], a.line, "制定本", "印发本")
    return {p.relpath: new}, p.relpath, a.line, "BM110"


ART_REFS = [x for x in REFS if x.article is not None and x.number_span is not None and x.kind != "law"
            and x.target_policy is not None]


def m_dangling(r):
    x = r.choice(ART_REFS)
    total = len(mains(x.target_policy))
    line, col, end = x.number_span
    new = f"第{cn(total + r.randint(1, 9))}条"
    return {x.source.relpath: set_cols(BASE[x.source.relpath], line, col, end, new)}, x.source.relpath, line, "BM301"


def _new_paragraph(r, p, text):
    a = r.choice(p.articles)
    return insert_after(BASE[p.relpath], a.end_line, text)


def m_paragraph_beyond(r):
    p = r.choice(TK)
    t = r.choice(p.articles)
    k = len(t.paragraphs) + r.randint(1, 4)
    block = f"违反本制度{t.label}第{cn(k)}款规定的，依照有关规定处理。".replace("本制度", "本" + p.title[-2:])
    return {p.relpath: _new_paragraph(r, p, block)}, p.relpath, block, "BM302"


def m_item_beyond(r):
    p, t, k, para = r.choice(ITEMS)
    n = max(len(x.items) for x in t.paragraphs) + r.randint(1, 4)
    block = f"违反本{p.title[-2:]}{t.label}第（{cn(n)}）项规定的，依照有关规定处理。"
    return {p.relpath: _new_paragraph(r, p, block)}, p.relpath, block, "BM303"


def m_previous_paragraph(r):
    p = r.choice(TK)
    a = r.choice(p.articles)
    return ({p.relpath: set_cols(BASE[p.relpath], a.line, a.marker.end_col + 1, a.marker.end_col + 1, "违反前款规定的，")},
            p.relpath, a.line, "BM304")


TITLE_REFS = [x for x in REFS if x.kind == "policy" and x.title and x.target_policy is not None]


def m_unknown_title(r):
    x = r.choice(TITLE_REFS)
    t = x.title
    i = r.randrange(0, len(t) - 2)
    new = t[:i] + t[i + 1:] if r.random() < 0.5 else t[:i] + "保密" + t[i:]
    return ({x.source.relpath: sub_line(BASE[x.source.relpath], x.line, f"《{t}》", f"《{new}》")},
            x.source.relpath, x.line, "BM310")


def m_repealed(r):
    src = r.choice(TK)
    tp = r.choice([p for p in PARSED.values() if p is not src])
    block = f"依照《{tp.title}》的规定办理{r.randint(1, 99)}。"
    return ({tp.relpath: sub_line(BASE[tp.relpath], tp.meta_line("status"), "现行", "废止"),
             src.relpath: _new_paragraph(r, src, block)}, src.relpath, block, "BM311")


def m_law_beyond(r):
    p = r.choice(TK)
    block = f"依照《中华人民共和国保守国家秘密法》第{cn(r.randint(66, 120))}条的规定处理。"
    return {p.relpath: _new_paragraph(r, p, block)}, p.relpath, block, "BM312"


# what the 2010 articles say: a 2010 number counts as old only when the sentence says what it said
OLD_CONTENT = {10: "国家秘密的密级分为绝密、机密、秘密三级", 15: "绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年",
               17: "对国家秘密载体以及属于国家秘密的设备、产品做出国家秘密标志",
               35: "涉密人员按照涉密程度分为核心涉密人员、重要涉密人员和一般涉密人员",
               38: "涉密人员离岗离职实行脱密期管理"}


def m_law_old(r):
    p = r.choice(TK)
    n = r.choice(sorted(OLD_CONTENT))
    block = f"依照《中华人民共和国保守国家秘密法》第{cn(n)}条的规定，{OLD_CONTENT[n]}{r.randint(1, 99)}。"
    return {p.relpath: _new_paragraph(r, p, block)}, p.relpath, block, "BM313"


def m_unregistered(r):
    p = r.choice(TK)
    name = r.choice(["保密", "国家秘密保护", "信息保密", "档案保密", "涉密人员管理", "网络保密"])
    block = f"依照《中华人民共和国{name}法》的规定处理{r.randint(1, 99)}。"
    return {p.relpath: _new_paragraph(r, p, block)}, p.relpath, block, "BM314"


def m_short_first(r):
    p = r.choice(TK)
    a = p.articles[0]
    short = r.choice(["保密法", "保守国家秘密法", "保密法实施条例"])
    return ({p.relpath: set_cols(BASE[p.relpath], a.line, a.marker.end_col + 1, a.marker.end_col + 1, f"依照{short}，")},
            p.relpath, a.line, "BM315")


def m_old_style(r):
    p = r.choice(TK)
    t = r.choice(p.articles)
    block = f"依照本{p.title[-2:]}之{t.label}的规定办理{r.randint(1, 99)}。"
    return {p.relpath: _new_paragraph(r, p, block)}, p.relpath, block, "BM306"


KINDS = {name[2:]: fn for name, fn in globals().copy().items() if name.startswith("m_") and callable(fn)}
CATEGORY = {"1": "structure", "2": "numbering", "3": "xref"}


def _mutants():
    out = []
    for kind, fn in KINDS.items():
        r = random.Random(f"{SEED}-{kind}")
        seen = set()
        tries = 0
        while sum(1 for k in out if k[0] == kind) < N and tries < 400:
            tries += 1
            changes, path, where, code = fn(r)
            key = tuple(sorted(changes.items()))
            if key in seen:
                continue
            seen.add(key)
            out.append((kind, len(seen), changes, path, where, code))
    return out


MUTANTS = _mutants()


def test_every_kind_has_enough_mutants():
    for kind in KINDS:
        assert sum(1 for m in MUTANTS if m[0] == kind) >= N, kind
    assert len(KINDS) >= 30


def test_clean_rule_book_stays_clean():
    assert run_rules(_corpus({}), RULES, None) == []
    assert run_rules(_corpus({}), selected_rules(CFG), None) == []


@pytest.mark.parametrize("kind,n,changes,path,where,code", MUTANTS, ids=[f"{m[0]}-{m[1]}" for m in MUTANTS])
def test_mutant_is_found(kind, n, changes, path, where, code):
    text = changes.get(path, BASE[path])
    if isinstance(where, str):
        line = next(i for i, s in enumerate(text.split("\n"), 1) if where in s)
    else:
        line = where
    diags = run_rules(_corpus(changes), RULES, set(changes) | {path})
    hits = [d for d in diags if d.rule == code and d.path == path and d.line == line]
    assert hits, f"{kind}: {code} expected at {path}:{line}; found {[(d.rule, d.line, d.message) for d in diags]}"
    assert all(d.category == CATEGORY[code[2]] for d in hits)
