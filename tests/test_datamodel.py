"""baomi.datamodel: the typed, frozen views of genres.yaml, roles.yaml, categories.yaml and
language.yaml (and the checklist, typed in baomi.checklist), built in one place from the validated
content; every key the schema knows has a field."""

from __future__ import annotations

import dataclasses
import json

import pytest

from helpers import ROOT

from baomi.data import Data, DataError
from baomi.datamodel import FALLBACK_GENRES, Genre, Genres

DATA = Data([ROOT / "schemas"])


def _yaml(name: str):
    return DATA.load_path(ROOT / "schemas" / name)


def _schema_keys(name: str, *path: str) -> set[str]:
    node = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    for p in path:
        node = node["properties"][p] if p != "[]" else node["items"]
    return set(node["properties"])


# --- genres.yaml -------------------------------------------------------------------------------

def test_genres_are_typed_from_the_shipped_file():
    raw = _yaml("genres.yaml")
    g = DATA.genres
    assert isinstance(g, Genres) and all(isinstance(e, Genre) for e in g.genres)
    assert {e.suffix: e.names for e in g.genres} == {e["suffix"]: tuple(e["self"]) for e in raw["genres"]}
    assert [len(e.suffix) for e in g.genres] == sorted((len(e.suffix) for e in g.genres), reverse=True)
    for key in ("effective_in_order", "quotes_amended_text", "supplementary_optional", "numbering_continues",
                "short_law_names"):
        assert getattr(g, key) == frozenset(raw[key]), key
    assert g.first_free == frozenset(raw["first_article"]["free"])
    assert g.first_purpose_enough == frozenset(raw["first_article"]["purpose_enough"])
    assert g.general_chapter_names == tuple(raw["general_chapter_names"])
    assert g.words_ending_in_ben == tuple(raw["words_ending_in_ben"])


def test_every_key_of_the_genres_schema_has_a_field():
    fields = {f.name for f in dataclasses.fields(Genres)}
    via = {"genres": "genres", "first_article": "first_free"}
    for key in _schema_keys("genres.schema.json"):
        assert via.get(key, key) in fields, f"genres.yaml 的 {key} 没有对应的 Genres 字段"


def test_genres_answer_by_title_and_are_frozen():
    g = DATA.genres
    assert g.genre_of("保密工作管理办法（试行）") == "办法"
    assert g.self_names("某某实施细则") == ("本细则", "本实施细则")
    assert g.listed("中华人民共和国宪法修正案", g.quotes_amended_text)
    assert not g.listed("保密工作管理办法", g.quotes_amended_text)
    assert g.genre_of("会议纪要") is None and g.self_names(None) is None
    assert not g.starts_word("降低成本", 3) and g.starts_word("依照本办法", 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.short_law_names = frozenset()
    assert DATA.genres is g                 # built once per data set


def test_without_a_genres_file_the_builtin_genres_apply():
    from baomi.rules.structure._shared import genres

    assert genres(None) is FALLBACK_GENRES
    assert FALLBACK_GENRES.genre_of("保密制度") == "制度" and FALLBACK_GENRES.general_chapter_names == ("总则",)


def test_a_units_genres_file_replaces_the_packaged_one(tmp_path):
    (tmp_path / "genres.yaml").write_text("genres:\n  - {suffix: 纪要, self: [本纪要]}\nshort_law_names: [纪要]\n",
                                          encoding="utf-8")
    g = Data([tmp_path]).genres
    assert g.suffixes == ("纪要",) and g.listed("会议纪要", g.short_law_names)
    (tmp_path / "genres.yaml").write_text("genres:\n  - {suffix: 纪要, self: 本纪要}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"genres\.yaml:2:.*应为列表"):
        Data([tmp_path]).genres


# --- roles.yaml --------------------------------------------------------------------------------

def test_roles_are_typed_from_the_shipped_file_in_order():
    from baomi.datamodel import Role

    raw = _yaml("roles.yaml")["roles"]
    assert all(isinstance(r, Role) for r in DATA.roles)
    assert [r.key for r in DATA.roles] == [e["key"] for e in raw]
    for r, e in zip(DATA.roles, raw):
        assert (r.name, r.description, r.source) == (e["name"], e.get("description", ""), e.get("source", ""))
        assert r.includes == tuple(e.get("includes") or ()) and r.mentions == tuple(e.get("mentions") or ())
    staff = next(r for r in DATA.roles if r.mentions)
    assert staff.words[0] == staff.key and {staff.name, *staff.mentions} <= set(staff.words)
    assert len(staff.words) == len(set(staff.words))
    assert DATA.role_keys == {e["key"] for e in raw}


def test_every_key_of_the_roles_schema_has_a_field_and_a_units_own_key_is_kept(tmp_path):
    from baomi.datamodel import Role

    fields = {f.name for f in dataclasses.fields(Role)}
    assert _schema_keys("roles.schema.json", "roles", "[]") <= fields
    (tmp_path / "roles.yaml").write_text("roles:\n  - {key: 甲, name: 甲类人员, 备注: 本单位自定}\n", encoding="utf-8")
    (r,) = Data([tmp_path]).roles
    assert (r.key, r.name, r.includes, r.extra) == ("甲", "甲类人员", (), {"备注": "本单位自定"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.name = "乙"
    with pytest.raises(TypeError):
        r.extra["备注"] = "改"


# --- categories.yaml ---------------------------------------------------------------------------

def test_categories_are_typed_from_the_shipped_file_in_order():
    from baomi.datamodel import Category

    raw = _yaml("categories.yaml")["categories"]
    assert all(isinstance(c, Category) for c in DATA.categories)
    assert [(c.key, c.name, c.required) for c in DATA.categories] == \
        [(e["key"], e["name"], bool(e.get("required"))) for e in raw]
    assert [c.mandated_chapters for c in DATA.categories] == [tuple(e.get("mandated_chapters") or ()) for e in raw]
    assert sum(c.required for c in DATA.categories) == 10          # the ten the 自查自评 requires
    assert DATA.category_keys == {e["key"] for e in raw} | {"其他"}


def test_every_key_of_the_categories_schema_has_a_field(tmp_path):
    from baomi.datamodel import Category

    fields = {f.name for f in dataclasses.fields(Category)}
    assert _schema_keys("categories.schema.json", "categories", "[]") <= fields
    (tmp_path / "categories.yaml").write_text(
        "categories:\n  - {key: 网络, name: 网络保密管理, aliases: [信息系统], 负责部门: 信息中心}\n", encoding="utf-8")
    (c,) = Data([tmp_path]).categories
    assert (c.required, c.aliases, dict(c.extra)) == (False, ("信息系统",), {"负责部门": "信息中心"})


def test_the_import_guesses_a_category_by_key_name_or_alias(tmp_path):
    from baomi.importer.emit import guess_category

    (tmp_path / "categories.yaml").write_text(
        "categories:\n  - {key: 网络, name: 网络保密管理, aliases: [信息系统]}\n  - {key: 其他, name: 其他}\n",
        encoding="utf-8")
    cats = Data([tmp_path]).categories
    assert guess_category("信息系统安全保密管理办法", None, cats) == ("网络", True)
    assert guess_category("会议保密管理办法", None, cats) == ("其他", False)


# --- checklist.yaml (typed in baomi.checklist: its items hold compiled clauses) ----------------

def test_the_checklist_is_typed_from_the_shipped_file_in_order():
    from baomi.checklist import Clause, checklist_of

    raw = DATA.checklist
    typed = checklist_of(DATA)
    assert checklist_of(DATA) is typed                                   # built once per data set
    assert [(a.id, a.label, a.title) for a in typed.areas] == [(a["id"], a["label"], a["title"]) for a in raw["areas"]]
    written = [(i["id"], i["label"], i["text"], i["source"], i["category"], [c["id"] for c in i["clauses"]], a["id"])
               for a in raw["areas"] for i in a["items"]]
    assert [(i.id, i.label, i.text, i.source, i.category, [c.id for c in i.clauses], i.area.id)
            for i in typed.items.values()] == written
    assert len(written) >= 50
    assert all(isinstance(c, Clause) and c.item_id == i.id for i in typed.items.values() for c in i.clauses)
    first = typed.items[written[0][0]]
    assert first.area is typed.areas[0] and first in first.area.items
    assert typed.sanctions is not None and typed.sanctions.must == raw["sanctions_clause"]["must"]
    assert typed.exempt_genres == frozenset(raw["sanctions_clause"]["exempt_genres"])
    assert [(s.key, s.title, s.part) for s in typed.sources] == [(s["key"], s["title"], s["part"]) for s in raw["sources"]]


def test_every_key_of_the_checklist_schema_has_a_field_and_a_units_own_key_is_kept(tmp_path):
    from baomi.checklist import ChecklistArea, ChecklistItem, checklist_of

    assert _schema_keys("checklist.schema.json", "areas", "[]") <= {f.name for f in dataclasses.fields(ChecklistArea)}
    assert _schema_keys("checklist.schema.json", "areas", "[]", "items", "[]") <= \
        {f.name for f in dataclasses.fields(ChecklistItem)}
    (tmp_path / "checklist.yaml").write_text(
        'areas:\n  - id: "1"\n    负责部门: 保密办\n    items:\n'
        '      - {id: "1.1", text: 甲, 自查方式: 查阅文件, clauses: [{id: "1.1-a", must: 写明甲, all: [[甲甲, "，乙"]]}]}\n'
        '      - {id: "1.2", text: 乙}\n  - id: "2"\n    items:\n      - {id: "1.2", text: 丙}\n', encoding="utf-8")
    typed = checklist_of(Data([tmp_path]))
    one, two = typed.areas
    assert (one.label, one.title, dict(one.extra)) == ("", None, {"负责部门": "保密办"})
    item = typed.items["1.1"]
    assert (item.label, item.shown_label, item.source, item.category) == ("", "1.1", None, None)
    assert dict(item.extra) == {"自查方式": "查阅文件"}
    (clause,) = item.clauses
    assert clause.groups == (("甲甲", "乙"),) and clause.wording == (("甲甲", "，乙"),)   # as written, for the page
    # an id given twice: the later item, with its own area (as the coverage reads it)
    assert list(typed.items) == ["1.1", "1.2"] and typed.items["1.2"].text == "丙" and typed.items["1.2"].area is two
    assert typed.sanctions is None and typed.exempt_genres == frozenset()
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.text = "改"
    with pytest.raises(TypeError):
        typed.items["9"] = item


# --- language.yaml -----------------------------------------------------------------------------

def test_language_is_typed_from_the_shipped_file():
    from baomi.datamodel import Language

    raw = _yaml("language.yaml")
    lang = DATA.language
    assert isinstance(lang, Language) and DATA.language is lang
    assert [(s.term, s.spun, s.source) for s in lang.spun] == \
        [(e["term"], tuple(e.get("spun") or ()), e.get("source", "")) for e in raw["spun"]]
    assert [(r.pattern, r.right, r.note) for r in lang.redundancies] == \
        [(e["pattern"], e.get("right"), e.get("note", "")) for e in raw["redundancies"]]
    assert lang.bodies == tuple(tuple(g) for g in raw["bodies"]) and len(lang.bodies) >= 1
    assert lang.classification.non_levels == tuple(raw["classification"]["non_levels"])
    assert lang.collocations.groups == tuple(tuple(g) for g in raw["collocations"]["groups"])
    assert lang.de_particles.adverbials == tuple(raw["de_particles"]["adverbials"])
    assert dict(lang.lexicon) == raw["lexicon"]


def test_every_key_of_the_language_schema_has_a_field_and_a_units_own_key_is_kept(tmp_path):
    from baomi.datamodel import Classification, Collocations, DeParticles, Language, Redundancy, Spun

    assert _schema_keys("language.schema.json") <= {f.name for f in dataclasses.fields(Language)}
    for section, cls in (("collocations", Collocations), ("classification", Classification),
                         ("de_particles", DeParticles)):
        assert _schema_keys("language.schema.json", section) <= {f.name for f in dataclasses.fields(cls)}, section
    assert _schema_keys("language.schema.json", "spun", "[]") <= {f.name for f in dataclasses.fields(Spun)}
    assert _schema_keys("language.schema.json", "redundancies", "[]") <= {f.name for f in dataclasses.fields(Redundancy)}
    (tmp_path / "language.yaml").write_text(
        "spun:\n  - {term: 涉密载体, spun: [秘密载体], 备注: 本单位自定}\n"
        "redundancies:\n  - {pattern: 凡是.*都, right: null}\n本单位: 自定\n", encoding="utf-8")
    lang = Data([tmp_path]).language
    (s,) = lang.spun
    assert (s.term, s.spun, s.source, dict(s.extra)) == ("涉密载体", ("秘密载体",), "", {"备注": "本单位自定"})
    assert lang.redundancies[0].right is None and dict(lang.extra) == {"本单位": "自定"}
    assert lang.classification.levels == ("绝密", "机密", "秘密")     # the default when the file has none
    assert lang.collocations.min_count == 5 and lang.bodies == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.term = "改"


def test_without_a_language_file_the_language_rules_have_no_data():
    from baomi.datamodel import Language

    assert Language.from_data(None) == Language() and Language().spun == ()


# --- pledge.yaml -------------------------------------------------------------------------------

def test_the_pledge_template_is_typed_from_the_shipped_file():
    from baomi.datamodel import PledgeTemplate

    raw = _yaml("pledge.yaml")
    tpl = DATA.pledge
    assert isinstance(tpl, PledgeTemplate) and DATA.pledge is tpl
    assert list(tpl.kinds) == list(raw["kinds"]) == ["上岗", "在岗", "离岗"]
    for name, k in tpl.kinds.items():
        written = raw["kinds"][name]
        assert (k.preamble, k.fields) == (written["preamble"], tuple(written.get("fields") or ()))
        assert [(c.text, c.roles) for c in k.confirmations] == \
            [(c["text"], frozenset(c.get("roles") or ())) for c in written.get("confirmations") or ()]
    assert any(c.roles for c in tpl.kinds["上岗"].confirmations)          # one is only for some roles
    assert (tpl.title, tpl.closing, tpl.institutions) == (raw["title"], raw["closing"], tuple(raw["institutions"]))
    assert [(o.label, o.role) for o in tpl.level_options] == [(o["label"], o["role"]) for o in raw["level"]["options"]]
    assert (tpl.person_fields, tpl.signature_fields, tpl.unit_fields) == \
        (tuple(raw["person_fields"]), tuple(raw["signature_fields"]), tuple(raw["unit_fields"]))


def test_every_key_of_the_pledge_schema_has_a_field_and_a_units_own_key_is_kept(tmp_path):
    from baomi.datamodel import PledgeKind, PledgeTemplate

    top = _schema_keys("pledge.schema.json") - {"level"}        # level: level_label, level_options
    assert top <= {f.name for f in dataclasses.fields(PledgeTemplate)}
    assert {"level_label", "level_options"} <= {f.name for f in dataclasses.fields(PledgeTemplate)}
    kind = json.loads((ROOT / "schemas" / "pledge.schema.json").read_text(encoding="utf-8"))
    kind = kind["properties"]["kinds"]["additionalProperties"]["properties"]
    assert set(kind) <= {f.name for f in dataclasses.fields(PledgeKind)}
    (tmp_path / "pledge.yaml").write_text(
        "kinds:\n  上岗: {preamble: 本人承诺。, confirmations: [已培训。, {text: 已审查。, roles: [涉密人员]}], 盖章: 是}\n"
        "level:\n  options: [{label: 核心}]\n编号规则: 年份加序号\n", encoding="utf-8")
    tpl = Data([tmp_path]).pledge
    k = tpl.kinds["上岗"]
    assert [(c.text, c.roles) for c in k.confirmations] == [("已培训。", frozenset()), ("已审查。", frozenset({"涉密人员"}))]
    assert (k.title, k.fields, dict(k.extra)) == ("", (), {"盖章": "是"})
    assert (tpl.level_label, [(o.label, o.role) for o in tpl.level_options]) == ("涉密等级", [("核心", "")])
    assert dict(tpl.extra) == {"编号规则": "年份加序号"} and tpl.title == ""
    with pytest.raises(TypeError):
        tpl.kinds["在岗"] = k


# --- laws.yaml ---------------------------------------------------------------------------------

def test_laws_are_typed_from_the_file():
    raw = _yaml("laws.yaml")["laws"]
    laws = DATA.laws
    assert [law.key for law in laws] == [e["key"] for e in raw] and DATA.law_keys == {e["key"] for e in raw}
    for law, e in zip(laws, raw):
        assert (law.full_name, law.status, law.short_names) == (e["full_name"], e["status"], tuple(e["short_names"]))
        assert (law.article_count, law.chapters) == (e.get("article_count"), e.get("chapters"))
        assert law.verified == e["verified"] and law.unverified == tuple(e.get("unverified") or ())
        assert law.texts.items() == tuple((w, e["texts"][w]) for w in ("current", "previous") if w in e.get("texts", {}))
        assert law.version.date == (e["version"].get("revised") or e["version"].get("adopted") or "")
        assert [(r.old, r.new, r.topic) for r in law.renumbered] == [(r["old"], r["new"], r["topic"])
                                                                    for r in e.get("renumbered") or ()]
        assert [a.article for a in law.key_articles] == [a["article"] for a in e.get("key_articles") or ()]
        if "old_numbers" in e:
            assert law.old_numbers.as_data() == e["old_numbers"] and law.old_map == e["old_numbers"]["map"]
        else:
            assert law.old_numbers is None and law.old_map == {}
    # every key the schema names has a field
    fields = {f.name for f in dataclasses.fields(laws[0])}
    assert _schema_keys("laws.schema.json", "laws", "[]") <= fields


def test_a_law_keeps_its_own_keys_and_is_read_only():
    from baomi.datamodel import laws_from

    (law,) = laws_from({"laws": [{"key": "甲法", "full_name": "甲法", "status": "需核实", "本单位备注": "内部",
                                  "version": {"effective": "2020-01-01", "year": 2019},
                                  "old_numbers": {"version": "2010-01-01", "map": {"3": 4, "5": None}}}]})
    assert dict(law.extra) == {"本单位备注": "内部"} and dict(law.version.extra) == {"year": 2019}
    assert law.old_map == {3: 4, 5: None} and law.names == ("甲法",) and not law.proves("status")
    with pytest.raises(dataclasses.FrozenInstanceError):
        law.status = "现行"
    with pytest.raises(TypeError):
        law.old_numbers.map[3] = 3
    assert laws_from(None) == () and laws_from({"laws": [{"full_name": "无键"}]}) == ()


# --- nothing reads a typed file's raw content but its builder ------------------------------------

TYPED_FILES = {"genres", "roles", "categories", "language", "pledge", "checklist", "laws"}
# the builders, and the two readers that want the file as written: the search vocabulary walks
# every string of the checklist; the offline lexicon build reads language.yaml by path
RAW_READERS = {"baomi/data.py", "baomi/checklist.py", "baomi/site/mkdocs_adapter.py"}


def test_typed_files_are_read_only_through_their_typed_views():
    import ast

    tools = ROOT / "tools"
    found = []
    for path in sorted((tools / "baomi").rglob("*.py")):
        rel = path.relative_to(tools).as_posix()
        if rel in RAW_READERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "load"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and str(node.args[0].value).split(".")[0] in TYPED_FILES):
                found.append(f"{rel}:{node.lineno}: load({node.args[0].value!r})")
            if isinstance(node, ast.Attribute) and node.attr in ("checklist", "checklist_items") and (
                    (isinstance(node.value, ast.Name) and node.value.id == "data")
                    or (isinstance(node.value, ast.Attribute) and node.value.attr == "data")):
                found.append(f"{rel}:{node.lineno}: .{node.attr}")
    assert found == []
