import pytest
from hypothesis import given, settings, strategies as st

from baomi.numerals import is_canonical, parse_chinese, to_chinese

CASES = {
    1: "一", 9: "九", 10: "十", 11: "十一", 19: "十九", 20: "二十", 21: "二十一", 99: "九十九",
    100: "一百", 101: "一百零一", 110: "一百一十", 111: "一百一十一", 205: "二百零五",
    1000: "一千", 1001: "一千零一", 1010: "一千零一十", 1100: "一千一百", 2024: "二千零二十四",
    9999: "九千九百九十九",
}


@pytest.mark.parametrize("n,text", sorted(CASES.items()))
def test_to_chinese_canonical_forms(n, text):
    assert to_chinese(n) == text
    assert parse_chinese(text) == n
    assert is_canonical(text)


@pytest.mark.parametrize("text,value", [
    ("一十", 10), ("一十一", 11), ("二〇二五", 2025), ("〇", 0), ("零", 0), ("两百", 200),
    ("10", 10), ("三", 3), ("一千零十", 1010),
])
def test_parse_accepts_common_variants(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["一十", "一十一", "10", "二〇", "一千零十", "两百"])
def test_variants_are_not_canonical(text):
    assert not is_canonical(text)


@pytest.mark.parametrize("text", ["", "条", "十十", "二三十", "百十", "零十", "abc"])
def test_parse_rejects_non_numerals(text):
    assert parse_chinese(text) is None


@given(st.integers(min_value=1, max_value=99_999_999))
@settings(max_examples=500, derandomize=True)
def test_round_trip(n):
    assert parse_chinese(to_chinese(n)) == n
    assert is_canonical(to_chinese(n))


def test_out_of_range():
    with pytest.raises(ValueError):
        to_chinese(100_000_000)
    with pytest.raises(ValueError):
        to_chinese(-1)
