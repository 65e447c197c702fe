"""Every checklist clause, judged on wordings: one taken from the law (or the seed checklist, or the rule
book where neither says it) that must pass, one that says the opposite and must fail, one paraphrase that
must pass. The cases are data (`tests/checklist_clause_cases.yaml`); a clause without cases fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from baomi.checklist import checklist_of, normalize
from baomi.data import Data
from baomi.numerals import parse_chinese

from helpers import ROOT

DATA = Data([ROOT / "schemas"])
CASES = yaml.safe_load((Path(__file__).parent / "checklist_clause_cases.yaml").read_text(encoding="utf-8"))
CLAUSES = {c.id: (c, item) for item in checklist_of(DATA).items.values() for c in item.clauses}
RAW_CLAUSES = {str(c["id"]): c for a in DATA.checklist["areas"] for i in a.get("items") or []
               for c in i.get("clauses") or []}
CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
STATUTES = {"保密法": "行政法/保守国家秘密法(2024-02-27).md", "实施条例": "行政法规/保守国家秘密法实施条例(2024-07-10).md"}
LAW_SOURCE = re.compile(r"^(保密法|实施条例)第([一二三四五六七八九十百]+)条$")


def test_every_clause_has_cases():
    cases = CASES["clauses"]
    missing = sorted(set(CLAUSES) - set(cases))
    assert missing == [], f"clauses without cases: {missing}"
    assert sorted(set(cases) - set(CLAUSES)) == [], "cases for clauses the checklist no longer has"
    for cid, c in cases.items():
        assert c.get("pass") and c.get("contrary") and c.get("paraphrase"), cid
        for p in c["pass"]:
            assert str(p.get("source", "")).strip() and str(p.get("text", "")).strip(), cid


@pytest.mark.parametrize("cid", sorted(CASES["clauses"]))
def test_clause_cases(cid):
    clause, _item = CLAUSES[cid]
    c = CASES["clauses"][cid]
    for p in c["pass"]:
        assert clause.satisfied_by(p["text"]), f"{cid} ({p['source']}) should pass: {p['text']}"
    for text in c["contrary"]:
        assert not clause.satisfied_by(text), f"{cid} should fail: {text}"
    for text in c["paraphrase"]:
        assert clause.satisfied_by(text), f"{cid} paraphrase should pass: {text}"


def test_sanctions_clause_cases():
    clause = checklist_of(DATA).sanctions
    c = CASES["sanctions_clause"]
    for p in c["pass"]:
        assert clause.satisfied_by(p["text"]), p
    for text in c["contrary"]:
        assert not clause.satisfied_by(text), text
    for text in c["paraphrase"]:
        assert clause.satisfied_by(text), text


def _quotes():
    out = []
    for cid, c in list(CASES["clauses"].items()) + [("sanctions", CASES["sanctions_clause"])]:
        for p in c["pass"]:
            m = LAW_SOURCE.match(str(p["source"]).replace("保密法实施条例", "实施条例"))
            if m:
                out.append((cid, m.group(1), parse_chinese(m.group(2)), p["text"]))
    return out


def test_law_quotes_name_a_statute_article():
    quotes = _quotes()
    assert len(quotes) >= 40        # most clauses the law states are quoted from it
    for cid, law, number, text in quotes:
        assert number, cid


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the statute corpus (../shared/corpus/laws) is not here")
def test_law_quotes_are_the_statutes_words():
    """The vendored quotes are the 2024 texts, word for word, of the article they name."""
    from baomi.laws.statute import read_statute

    texts = {k: read_statute(CORPUS / v) for k, v in STATUTES.items()}
    wrong = [(cid, law, number) for cid, law, number, text in _quotes()
             if normalize(text) not in normalize(texts[law].articles.get(number, ""))]
    assert wrong == []


@pytest.mark.parametrize("policy_text,cid,ok", [
    ("国家秘密的保密期限，绝密级不超过三十年，机密级不超过二十五年，秘密级不超过十年。", "5.2-b", False),
    ("国家秘密的保密期限，绝密级不超过三十年，机密级不超过二十年，秘密级不超过三十年。", "5.2-b", False),
    ("国家秘密的保密期限，绝密级不超过三十年，机密级不超过二十年。", "5.2-b", False),   # 秘密级 not bounded
    ("国家秘密的保密期限，绝密级不少于三十年，机密级不超过二十年，秘密级不超过十年。", "5.2-b", False),
    ("借阅机密级、秘密级涉密载体的期限不超过十三日，绝密级不得外借。", "6.1-h", False),    # 三日 ⊂ 十三日
    ("调查应当在三个月以上办结。", "12.2-b", False),
])
def test_bounds_and_the_substring_trap(policy_text, cid, ok):
    assert CLAUSES[cid][0].satisfied_by(policy_text) is ok


def test_advice_clauses_state_their_source():
    advice = {cid for cid, (c, _) in CLAUSES.items() if not c.required}
    assert {"4.1-c", "4.4-b", "7.6-a"} <= advice
    for cid in advice:
        assert CLAUSES[cid][0].basis, cid


def test_every_clause_states_its_elements():
    for cid, (c, _) in CLAUSES.items():
        raw = RAW_CLAUSES[cid]         # written out in the file, not left to a default
        assert "actor" in raw and "modality" in raw and "object" in raw, cid
        assert c.modality in ("must", "must_not", "approval"), cid
        assert 0 <= c.object < len(c.groups), cid
        assert c.actor is None or 0 <= c.actor < len(c.groups), cid
        assert "要求：" in c.elements(), cid


@pytest.mark.parametrize("policy_text,cid,ok", [
    ("涉密人员上岗时，不得签订保密承诺书。", "4.2-c", False),                    # the duty itself forbidden
    ("涉密人员上岗时签订保密承诺书；未签订保密承诺书的，不得上岗。", "4.2-c", True),  # a 不得 about something else
    ("存储国家秘密信息的载体需要维修的，由所在内设机构指派专人现场监督，不得让维修人员复制涉密信息。", "6.1-j", True),
])
def test_a_required_thing_forbidden_is_the_opposite(policy_text, cid, ok):
    assert CLAUSES[cid][0].satisfied_by(policy_text) is ok


def test_a_negated_permission_is_a_prohibition():
    c = CLAUSES["7.3-a"][0]
    assert c.satisfied_by("涉密网络不可以接入互联网及其他公共信息网络。")
    assert not c.satisfied_by("涉密网络可以接入互联网及其他公共信息网络。")
