"""Front matter: split it off, load it with ruamel.yaml (keeping lines), validate it.

Every problem is a `Problem` at the line of the offending key; the front-matter rules turn
them into diagnostics. Validation uses the JSON Schema of `schemas/policy.schema.json`,
with the vocabularies (categories, roles, laws) added as enums from the data files.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from .yamlsafe import hazard
from . import serial

serial.storable(__name__)   # its dataclasses may be kept in the on-disk caches

_FENCE = re.compile(r"^---[ \t]*$")


@dataclass
class Problem:
    kind: str          # syntax | unsafe-yaml | duplicate-key | missing | unknown-key | type | enum | date | missing-frontmatter | vocabulary
    line: int
    col: int
    message: str
    key: str | None = None
    end_col: int | None = None


@dataclass
class FrontMatter:
    meta: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)        # key -> (line, col)
    item_lines: dict = field(default_factory=dict)       # key -> [line of each list element]
    problems: list = field(default_factory=list)
    present: bool = False
    start_line: int = 1      # line of the opening ---
    end_line: int = 0        # line of the closing --- (0 when absent)
    body_start: int = 1      # first body line


def split(text: str) -> tuple[str | None, int]:
    """Return (yaml_text, closing_fence_line) or (None, 0) when there is no front matter."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0].lstrip("\ufeff")):
        return None, 0
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i]) or lines[i].rstrip() == "...":
            return "\n".join(lines[1:i]), i + 1
    return None, -1


def _sanitize(value: Any) -> Any:
    """Plain Python values; dates as ISO strings; lone surrogates replaced."""
    if isinstance(value, dict):
        return {str(_sanitize(k)): _sanitize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_sanitize(v) for v in value]
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if _has_surrogate(value) else str(value)
    return value


def _has_surrogate(s: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in s)


_YAML = None


def _yaml():
    """ruamel.yaml's safe loader (C-accelerated by ruamel.yaml.clib when installed)."""
    global _YAML
    if _YAML is None:
        from ruamel.yaml import YAML

        _YAML = YAML(typ="safe")
        _YAML.allow_duplicate_keys = True   # duplicates are found on the node tree, with lines
    return _YAML


_LOADER = None


def _loader_class():
    """ruamel.yaml's C-accelerated safe loader, as one class made once.

    `YAML.compose` builds a new loader class on every call (and keeps a record per document);
    a rule book parses hundreds of front matters, and those classes were most of the garbage the
    cyclic collector had to chase (see lint's gc note). Same parser, resolver and constructor.
    """
    global _LOADER
    if _LOADER is None:
        try:
            from _ruamel_yaml import CParser          # ruamel.yaml.clib
        except ImportError:                           # pure-Python ruamel only
            _LOADER = False
            return _LOADER
        from ruamel.yaml.constructor import SafeConstructor
        from ruamel.yaml.resolver import VersionedResolver

        class Loader(CParser, SafeConstructor, VersionedResolver):
            def __init__(self, stream: str):
                CParser.__init__(self, stream)
                self._parser = self._composer = self
                SafeConstructor.__init__(self, loader=self)
                self.allow_duplicate_keys = True     # duplicates are found on the node tree, with lines
                VersionedResolver.__init__(self, version=None, loadumper=self)

        _LOADER = Loader
    return _LOADER


def _compose(text: str):
    cls = _loader_class()
    if not cls:
        return _yaml().compose(text)
    loader = cls(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
        # the loader refers to itself (as parser, composer, constructor, resolver …): break the
        # cycles so that reference counting frees it at once
        loader.__dict__.clear()


def _construct(node):
    y = _yaml()
    return y.constructor.construct_object(node, deep=True)


def parse(text: str) -> FrontMatter:
    fm = FrontMatter()
    yaml_text, close = split(text)
    if close == -1:
        fm.problems.append(Problem("syntax", 1, 1, "前置元数据以 --- 开始，但没有找到结束的 ---"))
        fm.present = True
        fm.body_start = len(text.split("\n")) + 1
        return fm
    if yaml_text is None:
        fm.problems.append(Problem("missing-frontmatter", 1, 1,
                                   "文件开头缺少前置元数据（以 --- 开始和结束的 YAML 块）"))
        return fm
    fm.present = True
    fm.end_line = close
    fm.body_start = close + 1
    offset = 1  # yaml line 0 is file line 2
    # anchors, aliases and deep nesting are refused before anything is composed (baomi.yamlsafe)
    bad = hazard(yaml_text)
    if bad is not None:
        fm.problems.append(Problem("unsafe-yaml", bad.line + 1 + offset, bad.col + 1,
                                   f"前置元数据中{bad.describe()}"))
        return fm
    try:
        root = _compose(yaml_text) if yaml_text.strip() else None
    except Exception as exc:  # ruamel raises many error types; all are syntax problems here
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1 + offset) if mark is not None else 1
        col = (mark.column + 1) if mark is not None else 1
        from .yamlerrors import describe

        fm.problems.append(Problem("syntax", line, col, f"YAML 语法错误：{describe(exc, line_offset=offset)}"))
        return fm
    if root is None:
        return fm
    if root.tag.endswith(":map") is False or not hasattr(root, "value") or not isinstance(root.value, list):
        fm.problems.append(Problem("type", 2, 1, "前置元数据应为“字段: 值”的映射"))
        return fm
    meta: dict = {}
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1 + offset
        col = key_node.start_mark.column + 1
        try:
            key = str(_construct(key_node))
        except Exception:
            fm.problems.append(Problem("syntax", line, col, "无法读取的字段名"))
            continue
        if key in fm.key_lines:
            fm.problems.append(Problem("duplicate-key", line, col,
                                       f"字段 {key} 重复出现（第{fm.key_lines[key][0]}行已有）", key))
            continue
        fm.key_lines[key] = (line, col)
        if type(value_node).__name__ == "SequenceNode":
            fm.item_lines[key] = [n.start_mark.line + 1 + offset for n in value_node.value]
        try:
            meta[key] = _construct(value_node)
        except ValueError as exc:
            from .yamlerrors import problem_text

            kind = "date" if key in _DATE_KEYS else "type"
            fm.problems.append(Problem(kind, line, col, f"字段 {key} 的值无法读取：{problem_text(str(exc))}", key))
        except Exception as exc:
            from .yamlerrors import describe

            fm.problems.append(Problem("syntax", line, col,
                                       f"字段 {key} 的值无法读取：{describe(exc, line_offset=offset)}", key))
    fm.meta = _sanitize(meta)
    return fm


# --- validation --------------------------------------------------------------------------

_TYPE_NAMES = {"string": "文本", "array": "列表", "object": "映射", "integer": "整数",
               "number": "数字", "boolean": "是/否", "null": "空值"}


def _typename(value: Any) -> str:
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, str):
        return "文本"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    if value is None:
        return "空值"
    return type(value).__name__


def validate(fm: FrontMatter, validator) -> None:
    """Validate `fm.meta` with a jsonschema validator and append Chinese problems."""
    # a duplicate key is reported on its own and the rest is still checked (its first value
    # stands); only unreadable YAML leaves nothing to validate
    if not fm.present or any(p.kind in ("syntax", "unsafe-yaml") for p in fm.problems):
        return
    for err in sorted(validator.iter_errors(fm.meta), key=lambda e: list(map(str, e.path))):
        if err.validator == "additionalProperties":
            fm.problems.extend(_unknown_keys(fm, err))
        else:
            fm.problems.append(_problem_for(fm, err))


def _line_for(fm: FrontMatter, path: list) -> tuple[int, int]:
    if not path:
        return (fm.start_line, 1)
    key = str(path[0])
    line, col = fm.key_lines.get(key, (fm.start_line, 1))
    if len(path) > 1 and isinstance(path[1], int):
        items = fm.item_lines.get(key, [])
        if path[1] < len(items):
            line = items[path[1]]
    return line, col


def _problem_for(fm: FrontMatter, err) -> Problem:
    path = list(err.absolute_path)
    where = "".join(f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if i else str(p))
                    for i, p in enumerate(path))
    line, col = _line_for(fm, path)
    key = str(path[0]) if path else None
    v = err.validator
    if key in _DATE_KEYS and len(path) == 1 and v in ("type", "pattern", "format"):
        return Problem("date", line, col, f"字段 {where} 应为 YYYY-MM-DD 格式的日期，实为“{err.instance}”", key)
    if v == "required":
        missing = re.search(r"'([^']+)' is a required property", err.message)
        name = missing.group(1) if missing else err.message
        prefix = f"{where} 中" if where else ""
        return Problem("missing", line, col, f"{prefix}缺少必填字段 {name}", name)
    if v == "type":
        want = err.validator_value
        want = "或".join(_TYPE_NAMES.get(w, w) for w in want) if isinstance(want, list) else _TYPE_NAMES.get(want, want)
        return Problem("type", line, col, f"字段 {where} 应为{want}，实为{_typename(err.instance)}", key)
    if v == "enum":
        allowed = "、".join(map(str, err.validator_value))
        return Problem("enum", line, col, f"字段 {where} 的值“{err.instance}”不在允许范围内：{allowed}", key)
    if v == "pattern":
        return Problem("type", line, col, f"字段 {where} 的值“{err.instance}”格式不正确（应匹配 {err.validator_value}）", key)
    if v == "uniqueItems":
        return Problem("type", line, col, f"字段 {where} 含有重复的值", key)
    if v in ("minLength", "minItems"):
        return Problem("type", line, col, f"字段 {where} 不能为空", key)
    return Problem("type", line, col, f"字段 {where}：{err.message}", key)


def _unknown_keys(fm: FrontMatter, err) -> list[Problem]:
    """One problem per key the schema does not know, each at its own line."""
    path = list(err.absolute_path)
    known = set((err.schema or {}).get("properties", {}))
    extra = [str(k) for k in err.instance if str(k) not in known] if isinstance(err.instance, dict) else []
    out = []
    for name in extra or ["?"]:
        line, col = _line_for(fm, path or [name])         # a nested mapping: at its key
        out.append(Problem("unknown-key", line, col,
                           f"未知字段 {('.'.join(map(str, path)) + '.') if path else ''}{name}"
                           "（字段名见 schemas/policy.schema.json）", name))
    return out


_DATE_KEYS = ("effective", "revised", "review", "repealed")


def check_dates(fm: FrontMatter) -> None:
    """Dates that match YYYY-MM-DD but do not exist (2025-02-30)."""
    for key in ("effective", "revised", "review", "repealed"):
        value = fm.meta.get(key)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                _dt.date.fromisoformat(value)
            except ValueError:
                line, col = fm.key_lines.get(key, (1, 1))
                fm.problems.append(Problem("date", line, col, f"字段 {key} 的日期“{value}”不存在", key))
