"""schemas/search.yaml: the query-understanding data of the handbook search is reviewed data.
Every colloquial group names its source article, and that article (in policies/) uses the
group's legal term; intents expand into words the rule book uses; fz.json gives the
same-reading and similar-shape candidates that one-character corrections need."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from baomi.site.query import colloquial_sources, fuzzy_table, load_query

ROOT = Path(__file__).resolve().parents[1]
RAW = yaml.safe_load((ROOT / "schemas" / "search.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def articles():
    from baomi.config import load
    from baomi.lint import load_corpus

    out = {}
    for p in load_corpus(load(ROOT)).policies:
        for u in p.units():
            out[(p.id, u.label)] = u.text
    return out


@pytest.mark.parametrize("term,pid,label", colloquial_sources(RAW), ids=[t for t, _, _ in colloquial_sources(RAW)])
def test_colloquial_group_cites_an_article_using_its_term(articles, term, pid, label):
    assert pid and label, f"search.yaml：{term} 的 source 应写成“BM-05 第十五条”"
    text = articles.get((pid, label))
    assert text is not None, f"search.yaml：{term} 的出处 {pid} {label} 不存在"
    assert term in text, f"search.yaml：{pid} {label} 中没有“{term}”"


def test_intent_expansions_are_words_of_the_rule_book():
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "policies").glob("*.md"))
    for e in RAW["intents"]:
        used = [t for t in e["to"] if t in text]
        assert used, f"search.yaml：意图“{e['word']}”的扩展词 {e['to']} 在制度中都没有出现"


def test_load_query_shapes():
    class D:
        def load(self, name, default=None):
            return RAW if name == "search" else default

    q = load_query(D())
    assert "怎么办" in q["function_words"] and "吗" in q["function_words"]
    assert q["function_words"].index("怎么办") < q["function_words"].index("吗")   # longest first
    assert q["intents"]["丢"][0] == ["丢失", "遗失", "下落不明"] and q["intents"]["丢"][1] == ["报告"]
    assert "密码传真机" in q["not"]["密码"]
    assert any(g[0] == "因私出入境证件" and "护照" in g for g in q["groups"])
    assert "算箅笇" in q["shapes"]
    assert load_query(None)["function_words"] == []


def test_fuzzy_table_has_same_reading_and_shape_candidates():
    fz = fuzzy_table(["脱密期", "涉密计算机"], ["算箅"])
    assert "密" in fz["r"]["mi"] and "秘" in fz["r"]["mi"]    # 脱秘期 → 脱密期
    assert fz["s"] == ["算箅"]
    assert all(len(set(cs)) == len(cs) for cs in fz["r"].values())
