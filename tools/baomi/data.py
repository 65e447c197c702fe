"""Domain data from `schemas/`: checklist, categories, roles, laws, terms, synonyms, schema.

A repository's own `schemas/` directory (`[tool.baomi] schemas`) is searched first, file by
file, then the copy installed with the package (`baomi.schemas`), so an office can override
one file without copying the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cached_property
from pathlib import Path

from .datamodel import (Category, Genres, Language, Law, PledgeTemplate, Role, categories_from, laws_from, pledge_from,
                        roles_from)
from .files import atomic_write


def packaged_dir() -> Path:
    """The default data shipped with baomi (see baomi.resources)."""
    from .resources import shipped

    return shipped("schemas")


def _parsed_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return None if os.environ.get("BAOMI_NO_CACHE") == "1" else Path(base) / "baomi" / "data"


def _parsed_cache_get(raw: bytes):
    """Parsed data keyed on the file's bytes: constructing YAML is pure Python and slow."""
    d = _parsed_dir()
    if d is None:
        return None
    from . import serial

    key = hashlib.sha256(raw).hexdigest()
    try:
        with open(d / (key + ".json"), "rb") as fh:
            return serial.unpack(fh.read(), "data", key)
    except (OSError, serial.Invalid):      # absent, damaged or foreign: parsed again
        return None


def _parsed_cache_put(raw: bytes, value) -> None:
    d = _parsed_dir()
    if d is None:
        return
    from . import serial

    key = hashlib.sha256(raw).hexdigest()
    try:
        packed = serial.pack("data", key, value)
    except (TypeError, ValueError):        # a value JSON cannot hold: parsed every time
        return
    try:
        atomic_write(d / (key + ".json"), packed)
    except OSError:
        pass


class DataError(Exception):
    """A data file is missing or malformed (exit 2)."""


def _parse(p: Path, text: str):
    """A data file's content. YAML anchors, aliases and deep nesting are refused before anything
    is composed (baomi.yamlsafe): an alias bomb would take minutes, deep nesting crash."""
    if p.suffix == ".json":
        return json.loads(text)
    from ruamel.yaml import YAML

    from .yamlsafe import hazard

    bad = hazard(text)
    if bad is not None:
        raise DataError(f"{p}:{bad.line + 1}: 数据文件中{bad.describe()}")
    return YAML(typ="safe").load(text)


_VALIDATED: dict[bytes, bool] = {}    # in this process: digests of (schema, data) pairs found fitting

_TYPES = {"string": "文字", "integer": "整数", "number": "数", "boolean": "true 或 false",
          "array": "列表", "object": "键值表", "null": "空"}


def _where(path) -> str:
    """`roles[3].key` → 「roles 第 4 项的 key」."""
    out = []
    for part in path:
        out.append(f" 第 {part + 1} 项" if isinstance(part, int) else (f"的 {part}" if out else str(part)))
    return ("".join(out) + "：") if out else ""


def _what(e) -> str:
    if e.validator == "required":
        missing = [k for k in e.validator_value if isinstance(e.instance, dict) and k not in e.instance]
        return f"缺少 {'、'.join(missing)}"
    if e.validator == "type":
        want = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        return f"应为{'或'.join(_TYPES.get(t, t) for t in want)}，实为 {e.instance!r}"
    if e.validator == "enum":
        return f"应为 {'、'.join(map(str, e.validator_value))} 之一，实为 {e.instance!r}"
    if e.validator in ("minimum", "minLength"):
        return f"取值 {e.instance!r} 太小"
    return f"不符合（{e.validator}）"


def _line_at(p: Path, raw: bytes, path: list) -> str:
    """`:N`, the line of a YAML file where the entry at `path` (keys and indexes, as jsonschema
    gives them) is written; "" for JSON or when it cannot be found. Only on the error path: the
    file is composed again with positions (ruamel's round-trip loader), which is slower."""
    if p.suffix == ".json":
        return ""
    try:
        from ruamel.yaml import YAML

        node = YAML(typ="rt").load(raw.decode("utf-8"))
        line = None
        for part in path:
            lc = getattr(node, "lc", None)
            if lc is None:
                break
            if isinstance(part, int):
                line = lc.item(part)[0]
            else:
                line = lc.key(part)[0]
            node = node[part]
        if line is None:
            return ""
        return f":{line + 1}"
    except Exception:  # noqa: BLE001 — the position is a courtesy; the message stands without it
        return ""


class Data:
    def __init__(self, dirs: list[Path] | None = None):
        self.dirs = [Path(d) for d in (dirs or []) if Path(d).is_dir()]
        pk = packaged_dir()
        if all(pk.resolve() != d.resolve() for d in self.dirs):
            self.dirs.append(pk)
        self._cache: dict[str, object] = {}

    def path(self, filename: str) -> Path | None:
        for d in self.dirs:
            p = d / filename
            if p.is_file():
                return p
        return None

    def load(self, name: str, default=None):
        """Parsed content of `<name>.yaml` (or .json), cached; `default` if absent."""
        if name in self._cache:
            return self._cache[name]
        p = self.path(name if name.endswith((".yaml", ".json")) else f"{name}.yaml")
        value = default if p is None else self.load_path(p)
        self._cache[name] = value
        return value

    def load_path(self, p: Path):
        """Parsed content of one data file, cached by its path."""
        key = f"path:{p}"
        if key in self._cache:
            return self._cache[key]
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise DataError(f"{p}: 数据文件无法读取：{exc}") from exc
        value = _parsed_cache_get(raw)
        if value is None:
            try:
                value = _parse(p, raw.decode("utf-8"))
            except DataError:
                raise
            except Exception as exc:
                mark = getattr(exc, "problem_mark", None)
                if mark is not None:      # a YAML syntax error: at its line
                    from .yamlerrors import describe

                    raise DataError(f"{p}:{mark.line + 1}:{mark.column + 1}: 数据文件无法解析：{describe(exc)}") from exc
                raise DataError(f"{p}: 数据文件无法解析：{exc}") from exc
            _parsed_cache_put(raw, value)
        self._check_shape(p, raw, value)
        self._cache[key] = value
        return value

    def schema_of(self, p: Path) -> Path | None:
        """The JSON schema a data file is checked against: `<name>.schema.json` beside the data
        (a repository's own first, the packaged one second); checklist-*.yaml parts use
        checklist's. None for a file without one (and for the schemas themselves)."""
        if p.name.endswith(".schema.json"):
            return None
        stem = p.name.split(".", 1)[0]
        if stem.startswith("checklist-"):
            stem = "checklist"
        return self.path(f"{stem}.schema.json")

    def _check_shape(self, p: Path, raw: bytes, value) -> None:
        """Refuse a data file that does not have the shape its schema describes, naming the
        entry and what is wrong, before any code reads a field of the wrong type. A file found
        fitting is remembered with the parsed data (keyed on both files' bytes), so that a run
        does not validate the unchanged checklist again (≈ 0.13 s)."""
        sp = self.schema_of(p)
        if sp is None:
            return
        schema_raw = sp.read_bytes()
        proof = b"baomi-fits\0" + hashlib.sha256(schema_raw).digest() + raw
        if _VALIDATED.get(hashlib.sha256(proof).digest()) or _parsed_cache_get(proof) is True:
            return
        from jsonschema import Draft202012Validator

        schema = self.load_path(sp)
        errors = sorted(Draft202012Validator(schema).iter_errors(value), key=lambda e: list(e.absolute_path))
        if not errors:
            _VALIDATED[hashlib.sha256(proof).digest()] = True
            _parsed_cache_put(proof, True)
            return
        if errors:
            e = errors[0]
            more = f"（另有 {len(errors) - 1} 处）" if len(errors) > 1 else ""
            raise DataError(f"{p}{_line_at(p, raw, list(e.absolute_path))}: 数据文件不符合 {sp.name}："
                            f"{_where(e.absolute_path)}{_what(e)}{more}")

    # --- vocabularies -----------------------------------------------------------------
    @cached_property
    def genres(self) -> Genres:
        """genres.yaml, typed (baomi.datamodel.Genres); the built-in genres when it is absent."""
        return Genres.from_data(self.load("genres", default=None))

    @cached_property
    def categories(self) -> tuple[Category, ...]:
        """categories.yaml, typed (baomi.datamodel.Category), in file order."""
        return categories_from(self.load("categories", default=None))

    @cached_property
    def roles(self) -> tuple[Role, ...]:
        """roles.yaml, typed (baomi.datamodel.Role), in file order."""
        return roles_from(self.load("roles", default=None))

    @cached_property
    def language(self) -> Language:
        """language.yaml, typed (baomi.datamodel.Language); no language rule data when it is absent."""
        return Language.from_data(self.load("language", default=None))

    @cached_property
    def pledge(self) -> PledgeTemplate | None:
        """pledge.yaml, typed (baomi.datamodel.PledgeTemplate); None when it is absent."""
        return pledge_from(self.load("pledge", default=None))

    @cached_property
    def laws(self) -> tuple[Law, ...]:
        """laws.yaml, typed (baomi.datamodel.Law), in file order."""
        return laws_from(self.load("laws", default=None))

    @cached_property
    def checklist_files(self) -> list[Path]:
        """`checklist.yaml` of the first data directory that has one, then the `checklist-*.yaml`
        parts beside it (sorted by name): a checklist may be kept in several files."""
        main = self.path("checklist.yaml")
        if main is None:
            return []
        return [main] + sorted(p for p in main.parent.glob("checklist-*.yaml") if p.is_file())

    @cached_property
    def checklist(self) -> dict:
        """The checklist, its parts merged: areas concatenated in file order; header keys
        (version, sources, sanctions_clause …) taken from `checklist.yaml`, a part filling in
        only the keys the main file lacks. This is the validated content; every reader outside
        the loader uses the typed view built from it once per data set, `baomi.checklist.checklist_of`
        (its items hold compiled clauses, which this layer does not know)."""
        merged: dict = {}
        areas: list = []
        for path in self.checklist_files:
            raw = self.load_path(path) or {}
            if not isinstance(raw, dict):
                raw = {"areas": raw}
            for key, value in raw.items():
                if key == "areas":
                    areas.extend(a for a in value or [] if isinstance(a, dict))
                else:
                    merged.setdefault(key, value)
        merged["areas"] = areas
        return merged

    @cached_property
    def role_keys(self) -> set[str]:
        return {r.key for r in self.roles}

    @cached_property
    def category_keys(self) -> set[str]:
        return {c.key for c in self.categories} | {"其他"}

    @cached_property
    def law_keys(self) -> set[str]:
        return {law.key for law in self.laws}

    # --- the front-matter schema ---------------------------------------------------------
    def schema(self) -> dict:
        """policy.schema.json with the vocabularies of this data set added as enums."""
        base = self.load("policy.schema.json")
        if not isinstance(base, dict):
            raise DataError("找不到 schemas/policy.schema.json")
        schema = json.loads(json.dumps(base))
        props = schema["properties"]
        if self.categories:
            props["category"]["enum"] = sorted(self.category_keys)
        if self.roles:
            props["roles"]["items"]["enum"] = sorted(self.role_keys)
            props["pledge"]["items"]["properties"]["roles"]["items"]["enum"] = sorted(self.role_keys)
        if self.laws:
            props["basis"]["items"]["enum"] = sorted(self.law_keys)
        return schema

    @cached_property
    def validator(self):
        from jsonschema import Draft202012Validator

        return Draft202012Validator(self.schema())
