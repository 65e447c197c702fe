"""Clause semantics: a clause's modality (不得 vs 可以) and its time bound are checked on the sentences
about its object, so that text saying the opposite does not pass as a substring match would."""

from __future__ import annotations

import pytest

from baomi.checklist import make_clause, normalize
from baomi.data import Data, packaged_dir

DATA = Data([packaged_dir()])


def clause(cid: str):
    for area in DATA.load("checklist")["areas"]:
        for item in area.get("items", []):
            for c in item.get("clauses") or []:
                if c["id"] == cid:
                    return make_clause(c, item["id"])
    raise KeyError(cid)


def ok(cid: str, text: str) -> bool:
    c = clause(cid)
    return c.matches(normalize(text)) and c.agrees(text)


CASES = [
    # (clause, passing wording of the law, contradicting wording, passing paraphrase)
    ("12.1-a",
     "机关、单位发现国家秘密已经泄露或者可能泄露的，应当立即采取补救措施，并在24小时内向同级保密行政管理部门和上级主管部门报告。",
     "发生泄密事件的，所在单位应当在三十日内向保密行政管理部门报告。",
     "发生泄密事件的，本单位在二十四小时内报告市保密行政管理部门。"),
    ("6.1-l",
     "国家秘密已经泄露或者可能泄露的，应当立即采取补救措施，并在24小时内向同级保密行政管理部门和上级主管部门报告。",
     "涉密载体下落不明的，立即采取补救措施，超过十日仍未找到的报告保密办公室。",
     "载体丢失可能泄密的，立即补救，二十四小时内报告市保密行政管理部门。"),
    ("6.1-e",
     "禁止复制、下载、汇编、摘抄绝密级文件信息资料，确有工作需要的，应当征得原定密机关、单位同意；复制件按原件管理。",
     "绝密级载体可以复制，复制件按原件管理并登记。",
     "绝密级载体一律不得复制；经原定密机关批准复制的，复制件按原件管理并登记。"),
    ("10.3-c",
     "任何组织和个人不得未经有关主管部门批准，携带、传递国家秘密载体出境。",
     "出国（境）人员可以携带涉密载体出境，回国后交保密办公室登记。",
     "出国（境）人员不得擅自携带涉密载体出境；确需携带的，经有关主管部门批准后方可携带出境。"),
    ("7.3-a",
     "涉密网络不得接入互联网及其他公共信息网络。",
     "涉密网络可以接入公共信息网络，但不得接入境外网站。",
     "本单位涉密网络严禁接入互联网等公共信息网络。"),
]


@pytest.mark.parametrize("cid,law,contrary,paraphrase", CASES, ids=[c[0] for c in CASES])
def test_clause_semantics(cid, law, contrary, paraphrase):
    assert ok(cid, law), law
    assert not ok(cid, contrary), contrary
    assert ok(cid, paraphrase), paraphrase


def test_prohibition_group_makes_a_prohibition():
    assert clause("7.3-a").modality == "must_not"
    assert clause("12.1-a").bound == (24.0, "小时", "max")


def test_a_longer_period_in_another_unit_fails_the_bound():
    c = make_clause({"id": "x", "all": [["报告"]], "bound": {"max": 10, "unit": "工作日"}})
    assert c.agrees("自拟定之日起10个工作日内报告。")
    assert not c.agrees("自拟定之日起一个月内报告。")
    assert not c.agrees("及时报告。")          # no period at all: the bound is not stated
