"""The fixer: one diagnostic's edits are applied whole or not at all; files keep BOM and CRLF."""

from baomi.diagnostics import Diagnostic, Edit
from baomi.fix import apply_edits, select_edits, write_text


def diag(*edits, applicability="safe"):
    return Diagnostic("a.md", 1, 1, "BM999", "x", "numbering", "error", "m", fix=list(edits),
                      applicability=applicability)


def test_a_fix_is_all_or_nothing():
    texts = {"a.md": "第三条 见第二条。\n", "b.md": "依照《甲》第二条。\n"}
    first = diag(Edit("a.md", 1, 1, 1, 4, "第二条"))
    # renumbering: the article and its citation in another file; the first edit clashes with `first`
    renumber = diag(Edit("a.md", 1, 1, 1, 4, "第四条"), Edit("b.md", 1, 6, 1, 9, "第四条"))
    chosen = select_edits([first, renumber], texts)
    assert [e.text for _, _, e, _ in chosen["a.md"]] == ["第二条"]
    assert "b.md" not in chosen          # nothing of the clashing renumbering is taken


def test_independent_fixes_are_all_taken():
    texts = {"a.md": "甲,乙;丙\n"}
    chosen = select_edits([diag(Edit("a.md", 1, 2, 1, 3, "，")), diag(Edit("a.md", 1, 4, 1, 5, "；"))], texts)
    assert len(chosen["a.md"]) == 2


def test_no_op_edits_are_ignored():
    assert select_edits([diag(Edit("a.md", 1, 1, 1, 2, "甲"))], {"a.md": "甲\n"}) == {}


def test_apply_edits_from_the_end():
    text, applied = apply_edits("甲,乙,丙", [Edit("x", 1, 2, 1, 3, "，"), Edit("x", 1, 4, 1, 5, "，")])
    assert text == "甲，乙，丙" and len(applied) == 2


def test_write_keeps_bom_and_crlf(tmp_path):
    p = tmp_path / "a.md"
    p.write_bytes(b"\xef\xbb\xbf\xe7\x94\xb2\r\n")
    write_text(p, "乙\n")
    assert p.read_bytes() == b"\xef\xbb\xbf" + "乙".encode() + b"\r\n"
    assert not [f for f in tmp_path.iterdir() if f.name != "a.md"]


def test_unsafe_fixes_only_on_request():
    texts = {"a.md": "保秘工作,甲\n"}
    unsafe = diag(Edit("a.md", 1, 1, 1, 5, "保密工作"), applicability="unsafe")
    safe = diag(Edit("a.md", 1, 5, 1, 6, "，"))
    assert [e.text for _, _, e, _ in select_edits([unsafe, safe], texts)["a.md"]] == ["，"]
    both = select_edits([unsafe, safe], texts, unsafe=True)["a.md"]
    assert sorted(e.text for _, _, e, _ in both) == ["保密工作", "，"]
    assert safe.fixable and not safe.unsafe_fixable
    assert unsafe.unsafe_fixable and not unsafe.fixable


def test_applicability_is_checked():
    import pytest

    with pytest.raises(ValueError):
        diag(applicability="maybe")

