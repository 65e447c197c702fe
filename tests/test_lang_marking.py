"""国家秘密标志 (baomi.text.marking)."""

import pytest

from baomi.text import marking


def only(text, kind):
    return [f for f in marking.find(text) if f.kind == kind]


@pytest.mark.parametrize("bad,good", [
    ("机密*5年", "机密★5年"),
    ("机密☆5年", "机密★5年"),
    ("机密＊5年", "机密★5年"),
    ("机密 ★ 5 年", "机密★5年"),
    ("机密★五年", "机密★5年"),
    ("绝密★二十年", "绝密★20年"),
    ("秘密★5", "秘密★5年"),
    ("机密级★5年", "机密★5年"),
    ("秘密★５年", "秘密★5年"),
    ("秘密 10年", "秘密★10年"),
    ("秘密★6月", "秘密★6个月"),
    ("机密★ 2030年12月31日", "机密★2030年12月31日"),
])
def test_format_bad_and_fix(bad, good):
    (f,) = only(bad, "format")
    assert f.replacement == good
    assert f.apply(bad) == good
    assert only(good, "format") == []


@pytest.mark.parametrize("good", [
    "机密★5年", "绝密★30年", "秘密★6个月", "绝密★长期", "机密★2030年12月31日",
    "国家秘密的密级分为绝密、机密、秘密三级。", "秘密、机密文件的借阅不得超过3天。",
    "**机密**文件", "*秘密*", "工作秘密", "凡“绝密”级文件资料不得复印。", "绝密级文件",
])
def test_format_good(good):
    assert only(good, "format") == []
    assert only(good, "period") == []


@pytest.mark.parametrize("bad", ["秘密★15年", "机密★21年", "绝密★31年", "秘密★130个月", "秘密☆十五年",
                                 "机密★0年"])
def test_period_above_maximum(bad):
    (f,) = only(bad, "period")
    assert f.replacement is None


@pytest.mark.parametrize("good", ["秘密★10年", "机密★20年", "绝密★30年", "秘密★120个月", "绝密★长期"])
def test_period_at_maximum_is_allowed(good):
    assert only(good, "period") == []


@pytest.mark.parametrize("bad", ["密级：内部", "密级:内部资料", "密级为“内部”", "内部★1年", "内部资料☆"])
def test_internal_is_not_a_level(bad):
    (f,) = only(bad, "level")
    assert "工作秘密" in f.message and f.replacement is None


@pytest.mark.parametrize("good", ["上级领导同志的内部讲话", "本单位内部开展自查", "内部事项不得公开", "密级、内部事项"])
def test_internal_words_are_fine(good):
    assert only(good, "level") == []


def test_find_state_secret_markings_for_the_publishing_guard():
    text = "机密 * 5年；密级：绝密；秘密★6个月"
    found = marking.find_state_secret_markings(text)
    assert [(k.level, k.kind, k.canonical, k.well_formed) for k in found] == [
        ("机密", "period", "机密★5年", False),
        ("绝密", "declared", "绝密", True),
        ("秘密", "months", "秘密★6个月", True),
    ]
    assert marking.find_state_secret_markings("机密") [0].kind == "level-only"
    assert marking.find_state_secret_markings("国家秘密的密级分为绝密、机密、秘密三级。") == []


@pytest.mark.parametrize("s,n", [("五", 5), ("十", 10), ("十五", 15), ("二十", 20), ("三十", 30), ("三〇", 30),
                                 ("两", 2), ("一百", 100)])
def test_chinese_number(s, n):
    assert marking.chinese_number(s) == n


@pytest.mark.parametrize("bad", [
    "本制度所称秘密事项保密期限为四十年。",
    "机密级事项保密期限最长不超过二十五年。",
    "绝密级国家秘密事项的保密期限为31年。",
])
def test_period_stated_in_words_above_maximum(bad):
    (f,) = only(bad, "period")
    assert f.replacement is None and "法定上限" in f.message


@pytest.mark.parametrize("good", [
    "绝密级事项的保密期限一般为三十年。",        # at the maximum
    "秘密事项保密期限为10年。",
    "国家秘密的保密期限为五十年。",              # no level named
    "工作秘密保密期限为十五年。",                # 工作秘密 is not a 国家秘密 level
    "保密期限除另有规定外，绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。",
])
def test_period_stated_in_words_within_maximum(good):
    assert only(good, "period") == []


@pytest.mark.parametrize("text, flagged", [
    ("绝密级事项的保密期限一般为三十年。", True),     # the maximum as what a secret usually gets
    ("秘密事项保密期限为10年。", True),
    ("机密级国家秘密的保密期限为20年。", True),
    ("机密级事项保密期限最长为二十年。", False),      # said as the limit
    ("秘密级事项的保密期限不超过十年。", False),
    ("秘密级事项的保密期限为五年。", False),          # a period below the limit is a decision
    ("工作秘密保密期限为十年。", False),
    ("保密期限除另有规定外，绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。", False),
])
def test_the_maximum_is_not_a_default_period(text, flagged):
    found = only(text, "period-default")
    assert bool(found) is flagged, found
    if flagged:
        assert found[0].severity == "warning" and "不超过" in found[0].message
