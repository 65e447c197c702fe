"""Data files are checked against their own JSON schemas (schemas/<name>.schema.json) when
loaded: a field of the wrong type is a Chinese error naming the file and the entry, before any
code reads it."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from baomi.data import Data, DataError

from helpers import ROOT

SCHEMAS = sorted(p for p in (ROOT / "schemas").glob("*.schema.json") if p.name != "policy.schema.json")


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_each_schema_is_valid_and_the_shipped_data_fits_it(schema):
    Draft202012Validator.check_schema(json.loads(schema.read_text(encoding="utf-8")))
    data = Data([ROOT / "schemas"])
    target = ROOT / "schemas" / schema.name.replace(".schema.json", ".yaml")
    assert data.schema_of(target) == schema
    data.load_path(target)            # raises DataError if the shipped file does not fit


def test_the_shipped_schemas_cover_the_vocabularies():
    assert {p.name for p in SCHEMAS} >= {"categories.schema.json", "roles.schema.json",
                                         "laws.schema.json", "checklist.schema.json"}


def test_a_wrong_type_names_file_entry_and_field(tmp_path):
    (tmp_path / "roles.yaml").write_text("roles:\n  - {key: 甲, name: 甲}\n  - {key: [乙], name: 乙}\n",
                                         encoding="utf-8")
    with pytest.raises(DataError) as e:
        Data([tmp_path]).roles
    msg = str(e.value)
    assert "roles.yaml" in msg and "roles.schema.json" in msg
    assert "roles 第 2 项的 key" in msg and "应为文字" in msg


def test_an_unknown_law_status_is_refused(tmp_path):
    (tmp_path / "laws.yaml").write_text("laws:\n  - {key: 甲法, full_name: 中华人民共和国甲法, status: 有效}\n",
                                        encoding="utf-8")
    with pytest.raises(DataError, match="应为 现行、需核实、废止 之一，实为 '有效'"):
        Data([tmp_path]).laws


def test_a_checklist_part_is_checked_like_the_checklist(tmp_path):
    main = (ROOT / "schemas" / "checklist.yaml").read_text(encoding="utf-8")
    (tmp_path / "checklist.yaml").write_text(main, encoding="utf-8")
    (tmp_path / "checklist-extra.yaml").write_text("areas:\n  - id: \"9\"\n    items:\n      - {id: \"9.1\"}\n",
                                                   encoding="utf-8")
    with pytest.raises(DataError, match=r"checklist-extra\.yaml.*缺少 text"):
        Data([tmp_path]).checklist


def test_a_repository_may_extend_an_entry_with_its_own_keys(tmp_path):
    (tmp_path / "roles.yaml").write_text("roles:\n  - {key: 甲, name: 甲, 备注: 本单位自定}\n", encoding="utf-8")
    assert Data([tmp_path]).role_keys == {"甲"}


# --- every data file has a schema; each schema refuses a wrong type at a key the code reads --------

DATA_FILES = sorted((ROOT / "schemas").glob("*.yaml"))

# file → (broken content, the entry the message must name, what it must say). Each breaks a key
# that the code reading the file uses (named in the comment), with a value of the wrong type.
BROKEN = {
    "categories": ("categories:\n  - {key: 甲, name: 甲, required: 是}\n",    # Data.categories
                   "categories 第 1 项的 required", "应为true 或 false"),
    "checklist": ("areas:\n  - {id: \"1\", items: 不是列表}\n",                 # checklist.checklist_of
                  "areas 第 1 项的 items", "应为列表"),
    "genres": ("genres:\n  - {suffix: [办法]}\n",                            # importer.data, rules/structure
               "genres 第 1 项的 suffix", "应为文字"),
    "import": ("furniture:\n  - {reason: 广告, pattern: 广告, max_len: 很长}\n",  # importer.data: int(max_len)
               "furniture 第 1 项的 max_len", "应为整数"),
    "language": ("lexicon:\n  min_count: 多\n",                               # lexicon.build
                 "lexicon的 min_count", "应为整数"),
    "laws": ("laws:\n  - {key: 甲法, full_name: 中华人民共和国甲法, status: 现行, short_names: 甲}\n",
             "laws 第 1 项的 short_names", "应为列表"),                           # Data.law_names
    "marking": None,                                                         # built from the shipped copy below
    "placeholders": ("words: 待定\n", "words：", "应为列表"),                   # text.placeholder
    "pledge": ("kinds:\n  上岗: {preamble: 本人承诺。, fields: 培训日期}\n",        # generate.pledge: k.get("fields")
               "kinds的 上岗的 fields", "应为列表"),
    "roles": ("roles:\n  - {key: 甲, name: 甲, includes: 乙}\n",                 # Data.roles, pledge includes
              "roles 第 1 项的 includes", "应为列表"),
    "search": ("intents:\n  - {word: 3, to: [规定]}\n",                        # site.query: e["word"]
               "intents 第 1 项的 word", "应为文字"),
    "shapes": ("groups: 己已巳\n", "groups：", "应为列表"),                       # lexicon.build shape_table
    "synonyms": ("synonyms:\n  - {term: 涉密载体, synonyms: 秘密载体}\n",           # site.synonyms
                 "synonyms 第 1 项的 synonyms", "应为列表"),
    "terms": ("terms:\n  - {wrong: 甲, right: 乙}\n  - {wrong: 丙, right: 丁, window: 很多}\n",  # text.terms int(window)
              "terms 第 2 项的 window", "应为整数"),
}


def _broken_marking() -> str:
    text = (ROOT / "schemas" / "marking.yaml").read_text(encoding="utf-8")
    head, sep, tail = text.partition("\nformat_words:")
    assert sep, "marking.yaml has no format_words"
    return head + "\nformat_words: 标注\n" + tail.split("\n", 1)[1]   # visible._Defs: list(raw["format_words"])


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_data_file_has_a_schema(path):
    """A new schemas/*.yaml without its <name>.schema.json fails here."""
    sp = Data([ROOT / "schemas"]).schema_of(path)
    assert sp is not None and sp.is_file(), f"{path.name} 没有对应的 schema：请添加 {path.stem}.schema.json"
    assert path.stem in BROKEN, f"{path.name}：请在 BROKEN 中添加一个类型错误的例子"


@pytest.mark.parametrize("name", sorted(BROKEN), ids=str)
def test_a_wrong_type_in_each_data_file_is_refused_in_chinese(tmp_path, name):
    text, entry, what = BROKEN[name] if BROKEN[name] else (_broken_marking(), "format_words：", "应为列表")
    target = tmp_path / f"{name}.yaml"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as e:
        Data([tmp_path]).load(name)
    msg = str(e.value)
    assert f"{name}.yaml" in msg and f"{name}.schema.json" in msg, msg
    assert entry in msg and what in msg, msg


def test_the_marking_the_guard_reads_is_checked_against_the_shipped_schema():
    """visible.defs() reads only the packaged marking.yaml, through Data.load_path: the packaged
    schema applies to it (a repository's own schemas/ cannot replace either)."""
    from baomi.data import packaged_dir

    pk = packaged_dir()
    assert Data([]).schema_of(pk / "marking.yaml") == pk / "marking.schema.json"


def test_the_shipped_schemas_are_not_lexicon_sources():
    from baomi.lexicon import build

    names = set(build._schema_files(ROOT / "schemas"))
    assert names and not any(n.endswith(".schema.json") for n in names)


def test_the_term_severities_are_the_diagnostics_severities(tmp_path):
    """terms.schema.json's severity enum is the one the diagnostics accept (an entry's severity
    overrides the rule's): an unknown one is refused at load, naming the entry."""
    from baomi.diagnostics import SEVERITIES

    schema = json.loads((ROOT / "schemas" / "terms.schema.json").read_text(encoding="utf-8"))
    entry = schema["properties"]["terms"]["items"]["properties"]["severity"]["enum"]
    assert [s for s in entry if s is not None] == list(SEVERITIES)
    (tmp_path / "terms.yaml").write_text("terms:\n  - {wrong: 甲, right: 乙, severity: 严重}\n", encoding="utf-8")
    with pytest.raises(DataError, match="terms 第 1 项的 severity：应为 error、warning、info、None 之一，实为 '严重'"):
        Data([tmp_path]).load("terms")
