"""Article alignment (generate/align.py, issue 22 / 15): a reworded or extended article pairs with
its old self (修改), a renumbered one is 条号调整 with the number change and no repeated text,
every unit lands in exactly one row."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from baomi.generate.align import KINDS, Row, align_articles, similarity

LABELS = ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条", "第八条"]


def _units(texts):
    return [(LABELS[i], t) for i, t in enumerate(texts)]


def test_reworded_in_place_is_a_modification():
    old = _units(["为了加强保密管理，制定本制度。", "涉密人员应当接受保密教育培训。", "本制度自发布之日起施行。"])
    new = _units(["为了加强保密管理，制定本制度。", "全体工作人员每年应当参加保密教育和考核。", "本制度自发布之日起施行。"])
    assert similarity(old[1][1], new[1][1]) < 0.6        # the old threshold alone: 删除 + 新增
    rows = align_articles(old, new)
    assert [r.kind for r in rows] == ["相同", "修改", "相同"]
    assert rows[1].old == old[1] and rows[1].new == new[1]
    assert any(s == "del" for s, _ in rows[1].old_parts) and any(s == "ins" for s, _ in rows[1].new_parts)
    # a wholly different text in its place stays 删除 + 新增
    other = _units(["为了加强保密管理，制定本制度。", "档案室钥匙由专人保管。", "本制度自发布之日起施行。"])
    assert [r.kind for r in align_articles(old, other)] == ["相同", "删除", "新增", "相同"]


def test_extended_article_is_a_modification():
    base = "涉密人员离岗离职前，应当清退个人持有和使用的全部涉密载体。"
    grown = base + "\n保密办公室应当与其进行离岗保密提醒谈话，并签订离岗保密承诺书，明确脱密期限和应当履行的义务。"
    rows = align_articles(_units(["总则。", base]), _units(["总则。", "新增的一条关于宣传教育的规定。", grown]))
    assert [(r.kind, r.old and r.old[0], r.new and r.new[0]) for r in rows] == [
        ("相同", "第一条", "第一条"), ("新增", None, "第二条"), ("修改", "第二条", "第三条")]
    assert rows[2].renumbered


def test_renumbered_rows_show_the_number_change_only():
    from baomi.generate.diff import Unit, align
    from baomi.generate.diff_render import UNCHANGED, cell_parts

    texts = ["甲规定的内容。", "乙规定的内容。"]
    old = [Unit(LABELS[i], t, i, f"art-{i}") for i, t in enumerate(texts)]
    new = [Unit("第一条", "新插入的一条规定内容。", 0, "art-0")] + [
        Unit(LABELS[i + 1], t, i + 1, f"art-{i + 1}") for i, t in enumerate(texts)]
    rows = align(old, new)
    assert [(r.kind, r.note) for r in rows] == [("新增", "新增"), ("条号调整", "条号调整：第一条→第二条"),
                                               ("条号调整", "条号调整：第二条→第三条")]
    cell = cell_parts(rows[1].new, rows[1].new_parts, rows[1].kind)
    assert cell == [("bold", "第二条"), ("plain", UNCHANGED)] and "甲规定" not in str(cell)


def test_objects_with_a_text_method_and_typed_rows():
    class Art:
        def __init__(self, label, text):
            self.label, self._t = label, text

        def text(self):
            return self._t

    rows = align_articles([Art("第一条", "甲。")], [Art("第一条", "甲。"), Art("第二条", "乙。")])
    assert all(isinstance(r, Row) and r.kind in KINDS for r in rows)
    assert [r.kind for r in rows] == ["相同", "新增"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["甲规定。", "乙规定内容。", "丙规定的内容较长一些。", "丁。", "戊规定内容。"]), max_size=7),
       st.lists(st.sampled_from(["甲规定。", "乙规定内容！", "丙规定的内容较长一些。", "己。", "戊规定内容。"]), max_size=7))
def test_every_unit_in_exactly_one_row(a, b):
    old, new = _units(a), _units(b)
    rows = align_articles(old, new)
    assert sorted(r.old_index for r in rows if r.old is not None) == list(range(len(old)))
    assert [r.new_index for r in rows if r.new is not None] == list(range(len(new)))
    for r in rows:
        if r.kind in ("相同", "条号调整"):
            assert r.old[1] == r.new[1]
        if r.kind == "相同":
            assert r.old[0] == r.new[0]
        if r.kind == "修改":
            assert r.old[1] != r.new[1]
