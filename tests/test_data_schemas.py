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
