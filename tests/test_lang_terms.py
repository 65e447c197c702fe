"""Terminology (schemas/terms.yaml through baomi.text.terms): data shape and every
context-sensitive entry both ways."""

import pytest

from baomi.data import Data, packaged_dir
from baomi.text import terms
from baomi.text.finding import apply_all

DATA = Data([packaged_dir()]).load("terms")
MATCHER = terms.compile_terms(DATA)


def found(text):
    return [(text[f.start:f.end], f.replacement) for f in MATCHER.find(text)]


def fixed(text):
    return apply_all(text, MATCHER.find(text))


# --- the data file ------------------------------------------------------------------------

def test_at_least_sixty_entries_each_with_source():
    entries = DATA["terms"]
    assert len(entries) >= 60
    for e in entries:
        assert e.get("source"), e
        assert ("wrong" in e) != ("pattern" in e), e
        if e.get("fix"):
            assert isinstance(e["right"], str), f"fix needs one right form: {e}"


def test_no_entry_flags_its_own_right_form():
    for e in DATA["terms"]:
        right = e["right"] if isinstance(e["right"], str) else e["right"][0]
        if "pattern" in e:
            continue
        hits = [f for f in MATCHER.find(right) if right[f.start:f.end] == e["wrong"]]
        assert hits == [], e


def test_bad_data_is_reported_in_chinese():
    with pytest.raises(terms.TermsDataError, match="right"):
        terms.compile_terms({"terms": [{"wrong": "甲"}]})
    with pytest.raises(terms.TermsDataError, match="正则"):
        terms.compile_terms({"terms": [{"wrong": "甲", "right": "乙", "context": "("}]})
    with pytest.raises(terms.TermsDataError):
        terms.compile_terms({"terms": [{"wrong": "甲", "pattern": "乙", "right": "丙"}]})


def test_office_can_add_an_entry_without_python():
    data = {"defaults": {"window": 4}, "terms": [
        {"wrong": "优盘", "right": "移动存储介质", "fix": True, "not_after": ["某"], "source": "本单位"},
        {"pattern": r"(\d+)号文", "right": r"\1号文件", "fix": True, "source": "本单位"},
    ]}
    m = terms.compile_terms(data)
    text = "禁止使用优盘，某优盘除外；见3号文"
    assert apply_all(text, m.find(text)) == "禁止使用移动存储介质，某优盘除外；见3号文件"


# --- plain entries --------------------------------------------------------------------------

@pytest.mark.parametrize("bad,good", [
    ("向保密工作部门报告", "向保密行政管理部门报告"),
    ("具有保密资格的单位", "具有保密资质的单位"),
    ("委托具有涉密资质的单位", "委托具有保密资质的单位"),
    ("报县级保密工作部门备案", "报县级保密行政管理部门备案"),
    ("秘密文件、资料下料不明", "秘密文件、资料下落不明"),
    ("以个人名义撰搞", "以个人名义撰稿"),
    ("向报刊投搞", "向报刊投稿"),
    ("其它方面", "其他方面"),
    ("建立保密台帐", "建立保密台账"),
    ("涉秘人员", "涉密人员"),
    ("标明秘级", "标明密级"),
    ("防止泄秘", "防止泄密"),
    ("做好保秘工作", "做好保密工作"),
    ("绝秘文件", "绝密文件"),
    ("机秘文件", "机密文件"),
    ("保密期内", "保密期限内"),
    ("保密期限已满的，自动解密", "保密期限已满的，自行解密"),
    ("填写借阅登记薄", "填写借阅登记簿"),
    ("移动存贮介质", "移动存储介质"),
    ("签定保密承诺书", "签订保密承诺书"),
])
def test_plain_entries(bad, good):
    assert fixed(bad) == good
    assert found(good) == []


def test_chinese_numeral_year_is_correct_only_a_mixed_date_is_reported():
    # GB/T 15835-2011 4.3: both forms are right for a date (二〇〇八年八月八日), mixing them is not
    assert found("本规定自二〇〇四年十月一日起施行") == []
    assert found("一九九七年七月一日") == []
    assert found("2024年3月") == []
    assert found("保密期限为二十年") == []
    (f,) = MATCHER.find("二〇二四年3月1日")
    assert f.replacement is None
    (f,) = MATCHER.find("自2024年三月一日起")
    assert f.replacement is None


def test_message_names_wrong_and_right():
    (f,) = MATCHER.find("向保密工作部门报告")
    assert "保密工作部门" in f.message and "保密行政管理部门" in f.message
    assert f.severity == "error"


def test_overlapping_entries_give_one_finding():
    assert found("移动通讯设备") == [("通讯设备", "通信设备")] or found("移动通讯设备") == [("通讯", "通信")]


# --- context-sensitive entries, both ways ---------------------------------------------------

CONTEXT = [
    # (entry, wrong use → fixed, right uses that must not be flagged)
    ("泄漏", "不得泄漏国家秘密", "不得泄露国家秘密", ["防止电磁泄漏发射", "信号泄漏", "燃气泄漏"]),
    ("泄露", "采取防泄露发射措施", "采取防泄漏发射措施", ["不得泄露国家秘密", "泄露口令"]),
    ("电磁泄露", "防止电磁泄露", "防止电磁泄漏", ["防止电磁泄漏"]),
    ("制订", "结合实际，制订本制度。", "结合实际，制定本制度。", ["制订年度保密工作计划", "制订应急预案"]),
    ("截止", "截止2024年底，共有", "截至2024年底，共有", ["报名截止日期", "截止时间为", "报送工作于3月截止"]),
    ("截至", "报送截至日期", "报送截止日期", ["截至2024年底"]),
    ("登陆", "登陆涉密信息系统", "登录涉密信息系统", ["台风登陆", "抢滩登陆"]),
    ("淡泊", "保密意识淡泊", "保密意识淡薄", ["淡泊名利"]),
    ("既便", "既便如此，也应", "即便如此，也应", ["既便利工作，又确保国家秘密安全", "既便于查阅又"]),
    ("一但", "一但发现泄密", "一旦发现泄密", ["各单位统一但分别报送", "唯一但不"]),
    ("检察", "开展保密检察", "开展保密检查", ["人民检察院", "检察机关", "保密检察院"]),
    ("做出", "做出处理决定", "作出处理决定", ["做出成绩", "做出样品"]),
    ("密码", "开机密码不少于10位", "开机口令不少于10位", ["使用商用密码产品", "密码设备", "核心密码"]),
    ("通讯", "禁止使用无线通讯设备", "禁止使用无线通信设备",
     ["通讯录", "移动通讯录", "通讯社", "即时通讯工具"]),   # 即时通讯: the law's own words (网络安全法第二十四条)
    ("保密期", "保密期满", None, ["保密期满", "保密期间", "脱密期", "保密期限"]),
    ("解密期", "离岗后的解密期", "离岗后的脱密期", ["国家秘密的解密期届满"]),
    ("密级文件", "各种密级文件", None, ["标注密级文件的", "禁止复制、下载、汇编、摘抄绝密级文件信息资料",
                                    "机密级文件由专人保管", "秘密级文件可以"]),
    ("保密工作部门", "报告本单位保密工作部门", "报告本单位保密工作机构", ["向所在地保密行政管理部门报告"]),
    ("保密资格", "取得保密资格的企业", "取得保密资质的企业",
     ["涉密人员上岗前应当通过保密资格审查", "拟任用人员的保密资格由组织人事部门审查"]),
    ("自动解密", "保密期限已满的，自动解密", "保密期限已满的，自行解密",
     ["加密软件打开文件时自动解密", "透明加密系统在授权终端上自动解密"]),
    ("涉秘", "涉秘岗位", "涉密岗位", ["涉秘密事项"]),
    ("保秘", "保秘工作", "保密工作", ["确保秘密安全"]),
    ("绝秘", "绝秘级", "绝密级", ["杜绝秘密外泄"]),
    ("机秘", "机秘文件", "机密文件", ["危机秘密", "随机秘书"]),
    ("定秘", "定秘工作", "定密工作", ["确定秘密等级"]),
    ("部份", "大部份人员", "大部分人员", ["全部份额"]),
    ("历行", "历行节约", "厉行节约", ["经历行程"]),
    ("成份", "化学成份", "化学成分", ["组成份数"]),
    ("元月", "次年元月", "次年1月", ["公元纪元月历"]),
]


@pytest.mark.parametrize("entry,bad,good,right_uses", CONTEXT, ids=[c[0] for c in CONTEXT])
def test_context_sensitive_entry(entry, bad, good, right_uses):
    hits = MATCHER.find(bad)
    if good is None:
        if entry in ("保密期",):
            assert hits == []      # 保密期满 is an exception written into the entry
        else:
            assert hits and all(f.replacement is None for f in hits)
    else:
        assert hits, bad
        assert fixed(bad) == good
        assert found(good) == []
    for right in right_uses:
        assert [w for w, _ in found(right) if w.startswith(entry[:2])] == [], right


def test_every_context_entry_of_the_data_is_tested_both_ways():
    keys = ("context", "not_context", "only_before", "not_before", "only_after", "not_after")
    tested = {c[0] for c in CONTEXT}
    missing = [e["wrong"] for e in DATA["terms"]
               if "wrong" in e and any(k in e for k in keys) and e["wrong"] not in tested]
    # entries whose condition only guards a neighbouring word (后接“密”) are covered above by
    # representatives; the rest must appear in CONTEXT.
    guarded_by_mi = {e["wrong"] for e in DATA["terms"] if "密" in (e.get("not_before") or [])
                     and e["wrong"].endswith("秘")}
    assert [w for w in missing if w not in guarded_by_mi] == []


SECRETARY = ["指定秘书人员负责记录", "了解秘书工作", "摆脱秘书事务", "保秘书处", "机要秘书", "秘诀", "秘籍"]


@pytest.mark.parametrize("entry", sorted({e["wrong"] for e in DATA["terms"]
                                          if e.get("wrong", "").endswith("秘")}))
def test_a_wrong_form_ending_in_mi_never_eats_a_word_that_starts_with_mi(entry):
    """定秘 in 指定秘书, 解秘 in 了解秘书: --fix once turned them into 指定密书 and 了解密书."""
    for word in ("秘书", "秘诀", "秘籍", "秘方", "秘闻"):
        text = f"会议由办公室{entry[0]}{word}人员负责，{entry[0]}{word}工作符合要求。"
        assert [w for w, _ in found(text) if w == entry] == [], text
        assert fixed(text) == text
    for text in SECRETARY:
        assert fixed(text) == text


def test_word_list_guards_word_boundaries_not_only_listed_terms():
    """The `words` of terms.yaml apply to every literal entry: a crossing word drops the match,
    a word that holds the whole match does not (it is the entry's own business)."""
    from baomi.text.terms import compile_terms
    m = compile_terms({"terms": [{"wrong": "严历", "right": "严厉", "fix": True}], "words": ["历史"]})
    assert [f.start for f in m.find("庄严历史")] == []
    assert [f.start for f in m.find("严历打击")] == [0]
    m2 = compile_terms({"terms": [{"wrong": "严历", "right": "严厉"}], "words": ["庄严历"]})
    assert [f.start for f in m2.find("庄严历")] == [1]      # the word holds the match: no crossing
    assert compile_terms({"terms": [{"wrong": "严历", "right": "严厉"}]}).find("庄严历史")   # no words, no guard
