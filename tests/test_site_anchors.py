"""Anchors of a policy page are unique (issue 16): a code whose chapters start again in each 编
(刑法, 民法典) had two `ch-1`; an article with items in several 款 had item links that named no
anchor on the page. Real page generation over a real corpus (no MkDocs involved)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo  # noqa: E402

from helpers import policy_text  # noqa: E402

from baomi.config import load  # noqa: E402
from baomi.lint import load_corpus  # noqa: E402
from baomi.site.pages import build_site  # noqa: E402

CODE = """\
# 测试保密管理制度

## 第一编 总则

### 第一章 任务

第一条 为了加强管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

### 第二章 范围

#### 第一节 人员

第二条 涉密人员包括下列人员：

（一）核心涉密人员；

（二）重要涉密人员。

涉密人员应当遵守下列规定：

（一）按照规定登记；

（二）定期清查。

## 第二编 分则

### 第一章 定密

第三条 定密依照本制度第二条第二款第一项和第二条第一项的规定。

### 第二章 附则

#### 第一节 施行

第四条 本制度自2025年1月1日起施行。
"""


def _page(tmp_path, body: str) -> str:
    repo = make_repo(tmp_path / "r", policies=False)
    (repo / "policies" / "code.md").write_text(policy_text(body), encoding="utf-8")
    cfg = load(repo)
    corpus = load_corpus(cfg)
    corpus.ensure_references()
    site = build_site(corpus, cfg)
    return next(p.markdown for p in site.pages if p.src == "code.md")


def _ids(md: str) -> list[str]:
    return re.findall(r'id="([^"]+)"', md) + re.findall(r"\{#([^}]+)\}", md)


def test_chapter_and_section_anchors_are_unique_in_a_code(tmp_path):
    md = _page(tmp_path, CODE)
    ids = _ids(md)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for a in ("p1", "p2", "p1-ch-1", "p1-ch-2", "p2-ch-1", "p2-ch-2", "p1-ch-2-s-1", "p2-ch-2-s-1"):
        assert f"{{#{a}}}" in md, a
    # the 编 headings are on the page, above their chapters
    assert md.index("第一编 总则") < md.index("第一章 任务") < md.index("第二编 分则") < md.index("第一章 定密")
    # the 节 of 第二编 第二章 is its own, not 第一编 第二章's
    assert md.index("{#p2-ch-2-s-1}") > md.index("第二编 分则")


def test_item_anchors_unique_and_item_links_land_on_them(tmp_path):
    md = _page(tmp_path, CODE)
    ids = set(_ids(md))
    assert {"art-2-k1-1", "art-2-k1-2", "art-2-k2-1", "art-2-k2-2"} <= ids
    hrefs = re.findall(r'href="#(art-[^"]+)"', md)
    # 第二条第二款第一项 → the item in the second 款; 第二条第一项 → the first 款 with items
    assert "art-2-k2-1" in hrefs and "art-2-k1-1" in hrefs
    assert all(h in ids for h in hrefs), [h for h in hrefs if h not in ids]


def test_chapters_without_parts_keep_their_anchors(tmp_path):
    body = ("# 测试保密管理制度\n\n## 第一章 总则\n\n### 第一节 一般规定\n\n"
            "第一条 为了加强管理，根据《中华人民共和国保守国家秘密法》，制定本制度。\n\n"
            "## 第二章 附则\n\n### 第一节 施行\n\n第二条 本制度自2025年1月1日起施行。\n")
    md = _page(tmp_path, body)
    for a in ("ch-1", "ch-1-s-1", "ch-2", "ch-2-s-1"):
        assert f"{{#{a}}}" in md


def test_a_level_a_plug_in_adds_is_a_heading_of_the_page(tmp_path):
    """A toy level 卷 above 编 (one Level, one registration): its headings stand on the page, each
    tier one heading level below the one it stands in; its anchor is the grammar's (volume-1), and
    the anchors of the shipped levels are as they were."""
    from helpers import VOLUMES, volume_level

    with volume_level():
        md = _page(tmp_path, VOLUMES)
    ids = _ids(md)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    heads = re.findall(r"^(#+) (\S+) (\S+) \{#([^}]+)\}$", md, re.M)
    assert heads == [
        ("##", "第一卷", "总纲", "volume-1"), ("###", "第一编", "总则", "p1"), ("####", "第一章", "任务", "p1-ch-1"),
        ("###", "第二编", "分则", "p2"), ("####", "第一章", "定密", "p2-ch-1"),
        ("##", "第二卷", "附编", "volume-2"), ("###", "第一编", "附则", heads[6][3]),
        ("####", "第一章", "施行", heads[7][3]), ("#####", "第一节", "日期", heads[7][3] + "-s-1")]
    # the 编 numbers restart per 卷: the second 第一编 is told apart by its line
    assert heads[6][3].startswith("p1-l") and heads[7][3].startswith("p1-ch-1-l")


def test_a_chapter_without_articles_is_still_on_the_page(tmp_path):
    """A tier is shown where it stands, not before the next article: a 编 whose first 章 has no
    article yet used to lose that 章's heading."""
    body = CODE.replace("### 第一章 定密\n\n第三条", "### 第一章 定密\n\n### 第二章 登记\n\n第三条")
    md = _page(tmp_path, body)
    assert "### 第一章 定密 {#p2-ch-1}" in md and "### 第二章 登记 {#p2-ch-2}" in md
