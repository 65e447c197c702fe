"""简/繁 script check (baomi.text.script) with the official OpenCC."""

import pytest

from baomi.text import script
from baomi.text.finding import apply_all


def test_traditional_in_simplified_reported_per_run_with_simplified_form():
    text = "涉密人員應當遵守下列規定"
    found = script.find(text)
    assert [(text[f.start:f.end], f.replacement) for f in found] == [("員應當", "员应当"), ("規", "规")]
    assert apply_all(text, found) == "涉密人员应当遵守下列规定"
    assert "繁体" in found[0].message and "员应当" in found[0].message


@pytest.mark.parametrize("text", [
    "显著的著作", "乾坤", "于是", "干部", "皇后", "头发", "里面", "只有", "台湾", "著名", "余下",
    "涉密人员应当遵守下列规定", "abc 123", "\ufffc\ufffc",
])
def test_chars_valid_in_simplified_are_not_reported(text):
    assert script.find(text) == []


def test_variant_characters():
    assert [f.replacement for f in script.find("衆人綫路")] == ["众", "线"]


def test_lone_ambiguous_char_needs_a_traditional_neighbour():
    assert script.find("于是") == []
    (f,) = script.find("關於")
    assert f.replacement == "关于"


def test_traditional_document_reports_simplified():
    text = "涉密人員應當遵守国家規定"
    found = script.find(text, script.TRADITIONAL)
    assert [(text[f.start:f.end], f.replacement) for f in found] == [("国", "國")]
    assert "简体" in found[0].message


def test_traditional_document_clean():
    assert script.find("涉密人員應當遵守下列規定", script.TRADITIONAL) == []


def test_unknown_direction():
    with pytest.raises(ValueError):
        script.find("国", "火星文")
