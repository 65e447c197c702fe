"""The law registry and the search synonyms (schemas/laws.yaml, schemas/synonyms.yaml)."""

import re

from baomi.data import Data, packaged_dir
from baomi.site.synonyms import load_groups

from helpers import POLICIES

DATA = Data([packaged_dir()])
LAWS = {e.key: e for e in DATA.laws}


def test_every_law_has_name_issuer_status_and_source():
    for key, e in LAWS.items():
        assert e.full_name and e.short_names and e.issuer and e.source, key
        assert e.status in ("现行", "需核实", "废止"), key
        for v in (e.version.revised, e.version.effective, e.version.adopted):
            assert v == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", v), (key, v)
        # verified: true only with a text that proves it; false says which facts no text proves
        assert "verify" not in e.extra, key
        if e.verified:
            assert e.texts.current and not e.unverified, key
        else:
            assert e.unverified, key


def test_every_law_says_whether_it_is_verified():
    # as written: `verified` is a boolean on every entry (the typed view reads a missing one as false)
    from ruamel.yaml import YAML

    raw = YAML(typ="safe").load((packaged_dir() / "laws.yaml").read_text(encoding="utf-8"))["laws"]
    assert [e["key"] for e in raw] == list(LAWS)
    assert all(e.get("verified") in (True, False) for e in raw)


def test_secrecy_law_facts():
    law = LAWS["保密法"]
    assert law.full_name == "中华人民共和国保守国家秘密法"
    assert (law.version.adopted, law.version.revised, law.version.effective) == ("", "2024-02-27", "2024-05-01")
    assert law.article_count == 65 and law.chapters == 6
    assert [(r.old, r.new) for r in law.renumbered] == [(10, 14), (15, 20), (17, 22), (35, 43), (38, 46)]
    reg = LAWS["保密法实施条例"]
    assert (reg.version.revised, reg.version.effective) == ("2024-07-10", "2024-09-01") and reg.article_count == 74
    assert LAWS["政府信息公开条例"].version.effective == "2019-05-15"
    assert LAWS["政府信息公开条例"].article_count == 56
    for legacy in ("计算机信息系统保密管理暂行规定", "计算机信息系统国际联网保密管理规定"):
        assert LAWS[legacy].status == "需核实"


def test_required_keys_present_and_policies_cite_known_laws():
    for key in ("保密法", "保密法实施条例", "政府信息公开条例", "档案法", "公务员法", "国家秘密定密管理暂行规定",
                "泄密案件查处办法", "计算机信息系统保密管理暂行规定", "计算机信息系统国际联网保密管理规定"):
        assert key in LAWS
    for p in POLICIES.glob("*.md"):
        m = re.search(r"^basis: \[(.*)\]$", p.read_text(encoding="utf-8"), re.M)
        if m:
            for key in filter(None, (k.strip() for k in m.group(1).split(","))):
                assert key in LAWS, (p.name, key)


def test_short_names_are_unique_across_laws():
    seen = {}
    for key, e in LAWS.items():
        for s in e.short_names:
            assert s not in seen, (s, key, seen.get(s))
            seen[s] = key


def test_synonyms_load_for_search():
    groups = load_groups(DATA)
    assert sum(len(g) - 1 for g in groups) >= 40
    heads = {g[0]: g for g in groups}
    assert "u盘" in heads["移动存储介质"] and "电脑" in heads["计算机"] and "手机" in heads["移动通信设备"]
    assert "微信" in heads["即时通信工具"] and "离职" in heads["离岗"] and "出国" in heads["出境"]
