"""The grammar module: one place for markers, labels and anchors; styles are plug-ins the parser asks.

A style or a level added to `baomi.grammar` is used by the parser with no change elsewhere: the
toy styles below are registered for one test each and removed again.
"""

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "structure"))

from baomi import grammar  # noqa: E402
from baomi.grammar import Level, StylePlugin  # noqa: E402
from baomi.model import Style  # noqa: E402
from baomi.parser import parse_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STEMS = "甲乙丙丁戊己庚辛壬癸"


def _stem(s: str) -> int | None:
    return STEMS.index(s) + 1 if s in STEMS else None


@pytest.fixture
def registered():
    added = []

    def add(plugin, first=False):
        grammar.register(plugin, first=first)
        added.append(plugin)
        return plugin

    yield add
    for p in added:
        grammar.unregister(p)


def _parse(body: str):
    return parse_text("---\ntitle: 测试\n---\n" + body, "t.md", "t.md")


def test_shipped_styles_and_their_levels():
    names = [p.style for p in grammar.styles()]
    assert names[:2] == [Style.TIAOKUAN, Style.GONGWEN]
    tk = grammar.plugin(Style.TIAOKUAN)
    # 编 and 分编 are levels of 条款式 above 章
    assert [lv.name for lv in tk.levels][:5] == ["编", "分编", "章", "节", "条"]
    assert tk.depth("part") < tk.depth("chapter") < tk.depth("article") < tk.depth("item")
    assert [lv.name for lv in grammar.plugin(Style.GONGWEN).levels] == ["一、", "（一）", "1.", "（1）"]


def test_style_is_detected_by_asking_the_plugins():
    assert _parse("第一条 总则。\n").style == Style.TIAOKUAN
    assert _parse("一、总则\n\n内容。\n").style == Style.GONGWEN
    assert _parse("只有一段话。\n").style is None


def test_labels_and_anchors():
    assert grammar.article_label(10) == "第十条"
    assert grammar.article_label(120, 6) == "第一百二十条之六"
    assert grammar.chapter_label(3) == "第三章"
    assert grammar.part_label(2) == "第二编" and grammar.part_label(1, sub=True) == "第一分编"
    assert grammar.paragraph_label(2) == "第二款"
    assert grammar.item_label(3) == "第三项" and grammar.item_marker(3) == "（三）"
    assert grammar.article_anchor(10) == "art-10" and grammar.article_anchor(10, 1) == "art-10_1"
    assert grammar.item_anchor("art-5", 2) == "art-5-2"
    assert grammar.item_anchor("art-5", 2, paragraph=2) == "art-5-k2-2"
    assert grammar.chapter_anchor(3) == "ch-3" and grammar.chapter_anchor(3, part=2) == "p2-ch-3"
    assert grammar.section_anchor("p2-ch-3", 2) == "p2-ch-3-s-2"
    assert grammar.subpart_anchor(2, 1) == "p2-sp1"
    assert grammar.heading_anchor((1, 2)) == "sec-1-2"


def test_model_labels_come_from_the_grammar():
    pol = _parse("第一编 总则\n\n第一章 任务\n\n第十条 规定如下：\n\n（一）甲；\n\n（二）乙。\n")
    art = pol.articles[0]
    assert (art.label, art.anchor) == (grammar.article_label(10), grammar.article_anchor(10))
    assert art.item_anchor(0, art.items[1]) == grammar.item_anchor("art-10", 2)
    assert pol.parts[0].number == 1 and pol.chapters[0].part == 1


def test_a_new_style_is_one_plugin(registered):
    toy = registered(StylePlugin(
        "天干式",
        (Level("t1", "甲、", re.compile(rf"^([{STEMS}])、"), heading=True, number=_stem),
         Level("t2", "（甲）", re.compile(rf"^（([{STEMS}])）"), heading=True, number=_stem)),
        signature="t1", signature_blocks=("paragraph", "heading")))
    assert toy in grammar.styles()
    # two headings run together in one Markdown paragraph are split at the new style's marker
    pol = _parse("甲、总则\n（甲）适用范围\n\n本规定适用于全体人员。\n\n乙、管理\n")
    assert pol.style == "天干式"
    assert [(h.marker.kind, h.number, h.title) for h in pol.headings] == [("t1", 1, "总则"), ("t1", 2, "管理")]
    child = pol.headings[0].children[0]
    assert (child.level, child.number, child.title, child.path) == (2, 1, "适用范围", (1, 1))
    assert child.paragraphs[0].text == "本规定适用于全体人员。"
    assert child.anchor == "sec-1-1"
    # the units (search, diff, coverage) and the revision table's units follow the plug-in's tree
    from baomi.generate.diff import policy_units
    assert [u.anchor for u in pol.units()] == ["sec-1", "sec-1-1", "sec-2"]
    assert [u.label for u in policy_units(pol)] == ["甲、", "甲、（甲）", "乙、"]
    # and without the plug-in the same text is no style at all
    grammar.unregister(toy)
    try:
        assert _parse("甲、总则\n").style is None
    finally:
        grammar.register(toy)


def test_a_new_level_is_one_entry(registered):
    """公文式 with a level 第一部分 above 一、: the plug-in lists one more level, nothing else changes."""
    base = grammar.plugin(Style.GONGWEN)
    parts = registered(StylePlugin(
        "分部公文式",
        (Level("g0", "第一部分", re.compile(r"^第([一二三四五六七八九十]+)部分"), heading=True),) + base.levels,
        signature="g0", signature_blocks=("paragraph", "heading"), list_level="g3"), first=True)
    pol = _parse("## 第一部分 总体要求\n\n一、目标\n\n（一）近期。\n\n## 第二部分 措施\n\n一、制度\n")
    assert pol.style == "分部公文式"
    assert [(h.level, h.number, h.title) for h in pol.headings] == [(1, 1, "总体要求"), (1, 2, "措施")]
    g1 = pol.headings[0].children[0]
    assert (g1.level, g1.marker.kind, g1.title) == (2, "g1", "目标")
    assert (g1.children[0].level, g1.children[0].path) == (3, (1, 1, 1))
    assert pol.headings[1].children[0].path == (2, 1)
    # the shipped styles are untouched
    assert _parse("一、目标\n").style == Style.GONGWEN
    assert parts.depth("g1") == 2


VOLUMES = ("# 测试法典\n\n"
           "## 第一卷 总纲\n\n### 第一编 总则\n\n#### 第一章 任务\n\n第一条 为了加强管理，制定本法典。\n\n"
           "第二条 本法典适用于全体人员。\n\n### 第二编 分则\n\n#### 第一章 定密\n\n第三条 定密应当依法进行。\n\n"
           "## 第二卷 附编\n\n### 第一编 附则\n\n#### 第一章 施行\n\n第一节 日期\n\n"
           "第四条 本法典自2025年1月1日起施行。\n")


def test_a_new_tier_above_bian_is_one_level(registered):
    """条款式 with a level 卷 above 编: one `Level` in a copy of the plug-in, one registration; the
    parser reads the 卷 as a tier holding its 编, and every rule runs on the result."""
    import dataclasses

    from baomi.model import Chapter, Part, Tier
    from baomi.outline import policy_outline
    from baomi.site.policy_page import heading_anchors

    base = grammar.plugin(Style.TIAOKUAN)
    juan = Level("volume", "卷", re.compile(r"^第([一二三四五六七八九十]+)卷"), heading=True)
    registered(dataclasses.replace(base, levels=(juan,) + base.levels), first=True)
    pol = _parse(VOLUMES)
    assert pol.style == Style.TIAOKUAN
    # the tree: two 卷 at the top, each holding its 编, which hold their 章
    assert [(type(t), t.level, t.unit, t.number, t.title) for t in pol.tree] == [
        (Tier, "volume", "卷", 1, "总纲"), (Tier, "volume", "卷", 2, "附编")]
    v1, v2 = pol.tree
    assert pol.other_tiers == [v1, v2]
    assert [(type(c), c.kind, c.number, c.title) for c in v1.children] == [
        (Part, "编", 1, "总则"), (Part, "编", 2, "分则")]
    assert v2.children == [pol.parts[2]] and [x.title for x in pol.parts] == ["总则", "分则", "附则"]
    assert [c.path for c in pol.parts] == [(("volume", 1),)] * 2 + [(("volume", 2),)]
    # the model the rules read is the one they know: chapters under their 编, articles in their chapter
    assert [(c.part, c.number, c.title) for c in pol.chapters] == [(1, 1, "任务"), (2, 1, "定密"), (1, 1, "施行")]
    assert all(isinstance(c, Chapter) for c in pol.chapters)
    assert [x.chapters for x in pol.parts] == [[c] for c in pol.chapters]
    assert [[c.title for c in t.walk() if isinstance(c, Chapter)] for t in pol.tree] == [["任务", "定密"], ["施行"]]
    assert [(a.number, a.part, a.chapter, a.section) for a in pol.articles] == [
        (1, 1, 1, None), (2, 1, 1, None), (3, 2, 1, None), (4, 1, 1, 1)]
    assert [len(c.articles) for c in pol.chapters] == [2, 1, 1]
    # each 编 starts its chapters again, the first 编 of the second 卷 too
    assert [[c.title for c in g] for g in pol.chapter_groups()] == [["任务"], ["定密"], ["施行"]]
    assert pol.sections[0].chapter == 1 and pol.chapters[2].sections == pol.sections
    assert pol.sections[0].path == (("volume", 2), ("part", 1), ("chapter", 1))
    # the 卷 marker is a marker of its level, and a run-together 第一卷 line is split at it
    assert [(m.kind, m.raw) for m in pol.markers if m.kind == "volume"] == [("volume", "第一卷"), ("volume", "第二卷")]
    run_on = _parse("第一卷 总纲\n第一编 总则\n第一章 任务\n第一条 为了加强管理，制定本法典。\n")
    assert [t.unit for t in run_on.tree] == ["卷"] and run_on.articles[0].part == 1
    # the outline, the page's anchors and every rule take it (the 编 numbers restart per 卷)
    assert [x["title"] for x in policy_outline(pol)["parts"]] == ["总则", "分则", "附则"]
    anchors = heading_anchors(pol)
    assert anchors[id(pol.parts[0])] == "p1" and anchors[id(pol.parts[2])] == f"p1-l{pol.parts[2].line}"
    from kit import doc_a, lint_docs
    diags = lint_docs(("a.md", doc_a(VOLUMES.replace("测试法典", "测试保密管理制度"))))
    assert diags and not [d for d in diags if "内部出错" in d.message]
    assert not [d for d in diags if d.rule == "BM212"]     # each 卷 numbers its own 编
    # without the plug-in the 卷 lines are no tier: a heading the model cannot carry (BM130)
    grammar.unregister(grammar.styles()[0])
    try:
        plain = _parse(VOLUMES)
        assert [(x.unit, x.title, x.path) for x in plain.tree] == [("编", "总则", ()), ("编", "分则", ()), ("编", "附则", ())]
        assert not plain.other_tiers
        assert [u.text for u in plain.unsupported if u.kind == "heading"] == ["## 第一卷 总纲", "## 第二卷 附编"]
    finally:
        grammar.register(dataclasses.replace(base, levels=(juan,) + base.levels), first=True)


def test_every_tier_level_is_read_alike():
    """One rule for every level above 条: a Markdown heading or a short paragraph is a tier, an
    ordered-list item never (its list number would be lost: BM130), as 章 always was."""
    for marker in ("第一编", "第一分编", "第一章", "第一节"):
        pol = _parse(f"第一条 甲。\n\n1. {marker} 总则\n\n{marker} 总则\n\n第二条 乙。\n")
        assert [t.marker.raw for t in pol.tiers()] == [marker]
        assert [u.kind for u in pol.unsupported] == ["olist"]


# A label or an anchor of the grammar built anywhere else is a private copy that can drift.
_COPIES = [
    re.compile(r"""f["']art-\{"""),                      # art-N
    re.compile(r"""f["'][^"']*ch-\{"""),                 # ch-N, p{N}-ch-M
    re.compile(r"""条["']\s*\+\s*\(f["']之"""),          # 第N条 + 之M
    re.compile(r"""f["']第\{to_chinese\([^)]*\)\}[条款项章节编]"""),
]


def test_no_private_copy_of_a_label_or_anchor():
    found = []
    for path in sorted((ROOT / "tools" / "baomi").rglob("*.py")):
        if path.name == "grammar.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(rx.search(line) for rx in _COPIES):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "labels and anchors belong to baomi.grammar:\n" + "\n".join(found)


# --- the importer reads through the grammar -------------------------------------------------

def _import(text: str):
    from baomi.importer.segment import segment
    from baomi.importer.sources import RawLine

    return segment([RawLine(t, i) for i, t in enumerate(text.split("\n"), start=1)]).documents


def _toy():
    return StylePlugin(
        "天干式",
        (Level("t1", "甲、", re.compile(rf"^([{STEMS}])、"), heading=True, number=_stem),
         Level("t2", "（甲）", re.compile(rf"^（([{STEMS}])）"), heading=True, number=_stem)),
        signature="t1", signature_blocks=("paragraph", "heading"))


TOY_SOURCE = ("保密工作规定\n甲、总则\n（甲）适用范围\n本规定适用于全体人员。\n（乙）职责\n各部门负责本部门的保密工作。\n"
              "乙、管理\n涉密载体应当登记。\n")


def test_a_style_registered_as_a_plugin_is_imported(registered):
    """The importer asks the registered plug-ins which style a source is in and finds the markers
    of that style's levels: a toy style registered via grammar is recognised and written out so
    that the parser reads the same tree back."""
    from baomi.importer.emit import body_markdown

    toy = registered(_toy())
    (doc,) = _import(TOY_SOURCE)
    assert doc.style == "天干式" and doc.title == "保密工作规定"
    assert [(b.kind, b.number, b.title or b.text) for b in doc.blocks] == [
        ("t1", 1, "总则"), ("t2", 1, "适用范围"), ("para", None, "本规定适用于全体人员。"),
        ("t2", 2, "职责"), ("para", None, "各部门负责本部门的保密工作。"), ("t1", 2, "管理"),
        ("para", None, "涉密载体应当登记。")]
    assert doc.counts()["sections"] == 2 and doc.counts()["subsections"] == 2
    pol = parse_text("---\ntitle: 测试\n---\n" + body_markdown(doc), "t.md", "t.md")
    assert pol.style == "天干式"
    assert [(h.number, h.title) for h in pol.headings] == [(1, "总则"), (2, "管理")]
    assert [(c.path, c.title) for c in pol.headings[0].children] == [((1, 1), "适用范围"), ((1, 2), "职责")]
    # run together in one line, the toy markers are found inside it too (after a sentence end)
    (doc,) = _import("保密工作规定\n甲、总则\n本规定适用于全体人员。乙、管理\n涉密载体应当登记。\n")
    assert [(b.kind, b.number) for b in doc.blocks if b.heading] == [("t1", 1), ("t1", 2)]
    # without the plug-in the same source has no style: its markers are no grammar's
    grammar.unregister(toy)
    try:
        (doc,) = _import(TOY_SOURCE)
        assert doc.style is None and all(b.kind == "para" for b in doc.blocks)
    finally:
        grammar.register(toy)


def test_importer_detection_asks_the_plugins_in_order(registered):
    """A plug-in registered first is asked first, by the importer as by the parser."""
    text = "规定\n甲、总则\n第一条 为了保密，制定本规定。\n第二条 本规定适用于全体人员。\n"
    assert _import(text)[0].style == Style.TIAOKUAN
    registered(_toy(), first=True)
    assert _import(text)[0].style == "天干式"


def test_tolerant_readings_are_the_importers():
    """Half-width brackets, full-width digits, 1、 and digits in 第10条 are read by the importer's
    tolerant patterns (grammar.LOOSE_*) inside a run-together line too, where the parser's levels
    match only at the start of a block; what only looks like a marker is not read."""
    scan = grammar.import_scan(grammar.TIAOKUAN)
    found = [(f.level.kind, f.numeral) for f in scan.finditer("第10条 甲。(1)乙；１．丙；(二)丁；第三条之一 戊")]
    assert found == [("article", "10"), ("subitem", "1"), ("subitem", "１"), ("item", "二"), ("article", "三")]
    assert not grammar.RE_G4.match("甲。(1)乙") and grammar.LOOSE_G4.search("甲。(1)乙")
    # 1.5, A1., 3.1. and 第一、 are no markers; 十一、 is read whole, not as 一、
    found = [f.numeral for f in grammar.import_scan(grammar.GONGWEN).finditer("版本1.5与A1.以及3.1.和第一、十一、")]
    assert found == ["十一"]
    at_start = grammar.import_marker_at_start()
    assert all(at_start.match(s) for s in ("  (1)项", "１．甲", "第一编 总则", "一、总则", "第3条"))
    assert not any(at_start.match(s) for s in ("保密工作规定", "2024年", "1.5倍"))


# A regular expression that spells a structural marker — 第N章/节/条/编/款/项, （一） (1), 一、, 1. 1、 —
# anywhere in tools/baomi but grammar.py is a private copy that would drift from the styles the
# parser, the importer, the rules and the site share: a module that reads a marker in a way of
# its own takes a named pattern of grammar.py (its "readings of other modules", the importer's
# LOOSE_*) or builds one from them (`grammar.RE_ARTICLE_LABEL.pattern` inside its own pattern).
_NUMERAL_CLASS = r"(?:一二|十|\\d|0-9|０-９|CN\w*\}|NUM\})"   # [一二…, …十], \d, 0-9, {CN_SMALL}, {NUM}
_MARKER_COPIES = [
    # 第[一二…]+条, 第?[…]+[条款…], 第([{NUM}\d]+)(章|…), 第(?P<n>[…]+)(?:(?P<art>条)…
    re.compile(r"第(?:\\s\*)?\??[\[(][^\]\n]*\][+*?{][^\n]{0,16}[章节条编款项目]"),
    # [（(][一二…, [（(](\d, （[一二…, \((\d
    re.compile(r"(?:\[（\(\]|\[\(（\]|（|\\\()\(?(?:\?P<\w+>)?(?:\[(?!\^)[^\]\n]*" + _NUMERAL_CLASS + r"|\\d)"),
    # [一…十]+[、.．], \d+[.．、], [0-9０-９]+[.．、], [{CN_SMALL}]+[、…], \d+、
    re.compile(_NUMERAL_CLASS + r"\]?\)?[+*{][^\[\n]{0,8}(?:\[[^\]\n]*[、．]|[、．])"),
]
# What may still spell a marker pattern, each with its reason. A whole file (None) only while
# another line of work moves it onto the grammar; otherwise the one line that defines the name.
_MARKER_ALLOWED = {
    # the numbers of an annex list (附件：1. … 2. …) below a text: no level of a style
    "tools/baomi/parser.py": "RE_ANNEX_ENTRY = ",
}


def _marker_copies(path: Path) -> list[str]:
    rel = path.relative_to(ROOT).as_posix()
    allowed = _MARKER_ALLOWED.get(rel, "")
    if allowed is None:
        return []
    return [f"{rel}:{n}: {line.strip()}"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if any(rx.search(line) for rx in _MARKER_COPIES) and not (allowed and line.lstrip().startswith(allowed))]


def test_no_private_copy_of_a_marker_pattern():
    found = []
    for path in sorted((ROOT / "tools" / "baomi").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() != "tools/baomi/grammar.py":
            found += _marker_copies(path)
    assert not found, "marker patterns belong to baomi.grammar (a named pattern there):\n" + "\n".join(found)


def test_a_copy_of_any_grammar_pattern_is_found(tmp_path):
    """Each pattern grammar.py defines, written out as a module elsewhere would spell it, is
    caught as a copy: the check above knows the shape of every marker the grammar has (a new
    pattern whose copies it would miss fails here); what only looks alike is not caught."""
    patterns = {name: rx for name, rx in vars(grammar).items() if isinstance(rx, re.Pattern)}
    patterns["loose_marker()"] = grammar.loose_marker()
    assert {"RE_ARTICLE", "RE_ITEM", "RE_G1", "RE_SUB", "RE_G4", "RE_OUTLINE_UNIT", "LOOSE_G1"} <= set(patterns)
    missed = [name for name, rx in patterns.items()
              if not any(c.search(f'X = re.compile(r"{rx.pattern}")') for c in _MARKER_COPIES)]
    assert not missed, f"a copy of these grammar patterns would not be found: {missed}"
    # and what is not a marker is not taken for one
    for line in ('TRAILING_NOTE = re.compile(r"(?:[（(][^（）()]*[）)])+$")',
                 'R_LABEL = re.compile(r"^(?:\\d+(?:\\.\\d+)+|(?:附件|附表|表|图)(?:\\d+|[一二三四五六七八九十]+))$")',
                 '_LIST_MARK = re.compile(r"^\\s*(?:\\d+[.)]|[-*+])(?:[ \\t]+|$)")',
                 'RE_SEP = re.compile(rf"【\\s*(?:第\\s*[{CN}\\d]+\\s*篇|篇\\s*[{CN}\\d]+)\\s*】")',
                 '_EFFECTIVE_CN = re.compile(r"自([一二三四五六七八九〇零]{4})年([一二三四五六七八九十]{1,2})月")'):
        assert not any(c.search(line) for c in _MARKER_COPIES), line


def test_the_browser_reads_article_labels_as_the_index_does():
    """assets/search-norm.js cannot import the grammar: its LABEL_RE is grammar.RE_SEARCH_LABEL,
    which the index files the articles by (第十三条 → §13), character for character."""
    js = (ROOT / "tools" / "baomi" / "assets" / "search-norm.js").read_text(encoding="utf-8")
    m = re.search(r"var LABEL_RE = /(.*)/;", js)
    assert m and m.group(1) == grammar.RE_SEARCH_LABEL.pattern
