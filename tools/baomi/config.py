"""Configuration: `[tool.baomi]` of the repository's pyproject.toml, the one place for settings."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore

KNOWN = {
    "policies": "制度文件目录（默认 policies）",
    "schemas": "数据目录（默认 schemas），其中的文件覆盖随包安装的默认数据",
    "select": "只启用这些规则（代码、名称或类别）",
    "ignore": "停用这些规则（代码、名称或类别）",
    "severity": "改变规则级别，例如 { BM203 = \"warning\" }",
    "site_dir": "手册输出目录（默认 site）",
    "drafts": "是否发布草案（默认 false）",
    "today": "用于复审到期判断的日期（默认今天；测试用）",
    "jobs": "解析和检查新文件的进程数（默认 0：每个 CPU 核一个；新文件少于 96 个时总用一个进程）",
    "cache": "是否使用检查缓存（默认 true）",
    "site_name": "手册名称",
    "unit": "单位名称（用于承诺书等生成文件）",
    "issuer": "发文机关（baomi export：版头的发文机关标志和落款；默认不印版头）",
    "printer": "印发机关（baomi export：文末的“××× 年月日印发”；默认同发文机关）",
    "mark": "文件左上角的标志（baomi export；默认为制度的密级，例如“内部”，公开制度不印）",
}


class ConfigError(Exception):
    """Bad configuration: reported as one Chinese line, exit 2."""


@dataclass
class Config:
    root: Path
    policies: Path
    schemas: Path
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    site_dir: Path | None = None
    drafts: bool = False
    today: _dt.date = field(default_factory=_dt.date.today)
    jobs: int = 0
    cache: bool = True
    site_name: str = "保密制度汇编"
    unit: str = "本单位"
    issuer: str = ""
    printer: str = ""
    mark: str = ""
    pyproject: Path | None = None

    _data = None

    @property
    def data(self):
        if self._data is None:
            from .data import Data

            self._data = Data([self.schemas])
        return self._data


def find_root(start: Path | None = None) -> tuple[Path, Path | None]:
    start = (start or Path.cwd()).resolve()
    for d in (start, *start.parents):
        p = d / "pyproject.toml"
        if p.is_file():
            return d, p
    return start, None


def load(start: Path | None = None) -> Config:
    root, pyproject = find_root(start)
    table: dict = {}
    if pyproject is not None:
        try:
            doc = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{pyproject}: 无法读取配置：{exc}") from exc
        table = doc.get("tool", {}).get("baomi", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{pyproject}: [tool.baomi] 应为表")
        if "baomi" not in doc.get("tool", {}) and (start or Path.cwd()).resolve() != root:
            root = (start or Path.cwd()).resolve()
            pyproject = None
    return from_table(table, root, pyproject)


def from_table(table: dict, root: Path, pyproject: Path | None = None) -> Config:
    where = f"{pyproject}: [tool.baomi]" if pyproject else "[tool.baomi]"
    unknown = sorted(set(table) - set(KNOWN))
    if unknown:
        raise ConfigError(f"{where} 中有未知配置项：{'、'.join(unknown)}（可用：{'、'.join(KNOWN)}）")

    def _list(key):
        v = table.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise ConfigError(f"{where} 的 {key} 应为字符串列表")
        return v

    def _path(key, default):
        v = table.get(key, default)
        if not isinstance(v, str):
            raise ConfigError(f"{where} 的 {key} 应为路径字符串")
        return (root / v).resolve()

    sev = table.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{where} 的 severity 应为“规则 = error|warning|info|off”的表")
    bad = [(k, v) for k, v in sev.items() if v not in ("error", "warning", "info", "off")]
    if bad:
        k, v = bad[0]
        raise ConfigError(f"{where} 的 severity 中 {k} = {v!r} 不是允许的级别：应为 error、warning、info 或 off")
    today = table.get("today", None)
    if today is None:
        today = _dt.date.today()
    elif isinstance(today, str):
        try:
            today = _dt.date.fromisoformat(today)
        except ValueError:
            raise ConfigError(f"{where} 的 today 应为 YYYY-MM-DD 日期") from None
    elif not isinstance(today, _dt.date):
        raise ConfigError(f"{where} 的 today 应为日期")
    for key in ("drafts", "cache"):
        if key in table and not isinstance(table[key], bool):
            raise ConfigError(f"{where} 的 {key} 应为 true 或 false")
    jobs = table.get("jobs", 0)
    if not isinstance(jobs, int) or jobs < 0:
        raise ConfigError(f"{where} 的 jobs 应为非负整数")
    for key in ("site_name", "unit", "issuer", "printer", "mark"):
        if key in table and not isinstance(table[key], str):
            raise ConfigError(f"{where} 的 {key} 应为字符串")
    return Config(
        root=root,
        policies=_path("policies", "policies"),
        schemas=_path("schemas", "schemas"),
        select=_list("select"),
        ignore=_list("ignore"),
        severity=dict(sev),
        site_dir=_path("site_dir", "site"),
        drafts=bool(table.get("drafts", False)),
        today=today,
        jobs=jobs,
        cache=bool(table.get("cache", True)),
        site_name=table.get("site_name", "保密制度汇编"),
        unit=table.get("unit", "本单位"),
        issuer=table.get("issuer", ""),
        printer=table.get("printer", ""),
        mark=table.get("mark", ""),
        pyproject=pyproject,
    )
