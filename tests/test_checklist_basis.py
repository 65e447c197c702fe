"""Issue 17: a checklist clause says where it comes from. A required clause (error) is one that the seed
checklist (机关单位保密自查自评工作办法, ../shared/seeds/002) or the 2024 保密法 / 实施条例 requires, and its
`basis` names that item or article; everything else is advice (severity warning) whose basis says why it is
only advice. The cited items and articles are checked against the texts, and a number a required clause
demands (24小时, 1次, 三十年) must be the number its cited source says."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from baomi.checklist import checklist_of, normalize
from baomi.data import Data
from baomi.numerals import parse_chinese, to_chinese

from helpers import ROOT

DATA = Data([ROOT / "schemas"])
CLAUSES = {c.id: c for item in checklist_of(DATA).items.values() for c in item.clauses}
ITEM_LABELS = {item.label for item in checklist_of(DATA).items.values()}
CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
STATUTES = {"保密法": "行政法/保守国家秘密法(2024-02-27).md", "实施条例": "行政法规/保守国家秘密法实施条例(2024-07-10).md"}
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("002*.txt"))

CN = "一二三四五六七八九十百"
# 自查自评办法 四（七）12 · 自查自评办法 四（十四） · 自查自评办法 三、工作要求
SEED_ITEM = re.compile(rf"自查自评办法\s*四（([{CN}]+)）(\d*)")
SEED_PART = re.compile(r"自查自评办法\s*(三、工作要求)")
# 保密法第二十六条、实施条例第二十七条、第二十九条: a bare 第X条 belongs to the statute named before it
ARTICLE = re.compile(rf"(保密法实施条例|保密法|实施条例)?第([{CN}]+)条")
ADVICE_WHY = ("未规定", "非法定", "未禁止", "未经核实", "只要求")


def seed_refs(basis: str) -> list[tuple[str, str]]:
    return SEED_ITEM.findall(basis)


def article_refs(basis: str) -> list[tuple[str, int]]:
    out, law = [], ""
    for name, num in ARTICLE.findall(basis):
        law = {"保密法实施条例": "实施条例"}.get(name, name) or law
        if law:
            out.append((law, parse_chinese(num)))
    return out


def test_every_clause_states_its_source():
    assert len(CLAUSES) > 100
    assert [cid for cid, c in CLAUSES.items() if not c.basis.strip()] == []


def test_a_required_clause_names_the_seed_item_or_a_statute_article():
    unsourced = [cid for cid, c in CLAUSES.items() if c.required
                 and not (seed_refs(c.basis) or SEED_PART.search(c.basis) or article_refs(c.basis))]
    assert unsourced == []


def test_advice_says_it_is_advice_and_why():
    advice = {cid: c for cid, c in CLAUSES.items() if not c.required}
    assert len(advice) >= 20
    for cid, c in advice.items():
        assert c.severity == "warning", cid
        # the severity already says 建议; the basis says only where the advice comes from, so
        # a message never reads 「建议写明（…来源：建议：…）」
        assert not c.basis.startswith("建议"), cid
        assert any(w in c.basis for w in ADVICE_WHY), cid


def test_clauses_the_previous_review_left_undecided_are_decided():
    """Each decided against the seed and the 2024 texts: the numbers 学时, 三日, 三个月 and the practices
    (商业打印店, 门禁, 手机, 兼职保密员, 社交媒体, 人工智能 …) are not in them, so they are advice."""
    advice = {"3.3-c", "6.1-h", "6.1-f", "7.8-b", "7.13-b", "8.2-b", "8.2-c", "8.2-d", "8.3-b", "9.1-b", "9.1-c",
              "9.2-d", "9.2-e", "10.1-b", "10.1-c", "12.2-b", "13.1-b", "15.1-c", "15.1-d", "15.2-c"}
    required = {"7.12-a": "四（七）12", "7.12-b": "保密法第二十九条", "7.13-a": "四（七）13",
                "15.2-b": "实施条例第四十九条", "15.3-a": "三、工作要求"}
    assert sorted(cid for cid in advice if CLAUSES[cid].required) == []
    for cid, source in required.items():
        assert CLAUSES[cid].required and source in CLAUSES[cid].basis, cid


def test_cited_seed_items_are_checklist_items():
    """四（七）12 is an item of the checklist (whose items follow seed 002 one by one)."""
    for cid, c in CLAUSES.items():
        for area, n in seed_refs(c.basis):
            assert f"（{area}）{n}" in ITEM_LABELS, (cid, area, n)


@pytest.mark.skipif(not SEEDS, reason="../shared/seeds (the seed checklist) is not here")
def test_cited_seed_items_exist_in_the_seed():
    text = unicodedata.normalize("NFKC", SEEDS[0].read_text(encoding="utf-8").split("【第二篇】")[0])
    body = text.split("四、自查内容", 1)[1].split("五、监督检查", 1)[0]
    for cid, c in CLAUSES.items():
        if SEED_PART.search(c.basis):
            assert "三、工作要求" in text, cid
        for area, n in seed_refs(c.basis):
            start = body.find(f"({area})")
            assert start >= 0, (cid, area)
            nxt = re.search(rf"\([{CN}]+\)", body[start + 2 + len(area):])
            section = body[start:start + 2 + len(area) + nxt.start()] if nxt else body[start:]
            assert not n or re.search(rf"(?<!\d){n}\.", section), (cid, area, n)


@pytest.fixture(scope="module")
def statutes():
    if not CORPUS.is_dir():
        pytest.skip("the statute corpus (../shared/corpus/laws) is not here")
    from baomi.laws.statute import read_statute
    return {k: read_statute(CORPUS / v) for k, v in STATUTES.items()}


def test_cited_articles_exist_in_the_2024_texts(statutes):
    missing = [(cid, law, n) for cid, c in CLAUSES.items() for law, n in article_refs(c.basis)
               if not statutes[law].articles.get(n)]
    assert missing == []


def _says(text: str, number: float, unit: str) -> bool:
    n = int(number)
    return any(f"{form}{unit}" in text for form in (str(n), to_chinese(n)))


def test_a_required_number_is_the_number_its_source_says(statutes):
    """A required clause's bound (24小时) or per-level limit (三十年) stands in the article or seed part it
    cites; a number stricter than its source (三日, 三个月, 学时) would have to be advice."""
    seed = normalize(SEEDS[0].read_text(encoding="utf-8").split("【第二篇】")[0]) if SEEDS else ""
    checked = 0
    for cid, c in CLAUSES.items():
        numbers = ([(c.bound[0], c.bound[1])] if c.bound else []) + [(n, c.level_unit) for _, n in c.levels]
        if not c.required or not numbers:
            continue
        sources = [normalize(statutes[law].articles.get(n, "")) for law, n in article_refs(c.basis)]
        if SEED_PART.search(c.basis) or seed_refs(c.basis):
            sources.append(seed)
        for number, unit in numbers:
            assert any(_says(s, number, unit) for s in sources), (cid, number, unit, c.basis)
            checked += 1
    assert checked >= 5
