"""Where a command's `--output` goes: one rule for every command that writes a file.

- no `--output`: standard output (None);
- a folder — one that exists, or a name ending in `/` (or `\\` on Windows) that does not exist
  yet — gets the command's default file name inside it, and is created;
- anything else is a file; its folder is created.

A generated document never replaces a policy file or a data file: a target inside the policies
or schemas folder of the configuration is refused (exit 2) unless the command writes policies
(`baomi new`).
"""

from __future__ import annotations

import os
from pathlib import Path

from .lint import UsageError

_SEPS = tuple({"/", os.sep, os.altsep or "/"})


def names_folder(output: str | os.PathLike) -> bool:
    """Does `--output` name a folder (existing, or written with a trailing separator)?"""
    raw = os.fspath(output)
    return raw.endswith(_SEPS) or Path(raw).is_dir()


def _inside(path: Path, folder) -> bool:
    if folder is None:
        return False
    try:
        path.resolve().relative_to(Path(folder).resolve())
        return True
    except (ValueError, OSError):
        return False


def resolve_output(output: str | os.PathLike | None, default_name: str, *, config=None,
                   protect: bool = True, create: bool = True) -> Path | None:
    """The file `--output` stands for (None: standard output). `default_name` is used inside a
    folder. With `config` and `protect`, refuse targets inside its policies or schemas folder."""
    if output is None or os.fspath(output) == "":
        return None
    if names_folder(output):
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"输出位置 {folder} 是文件，不是文件夹")
        target = folder / default_name
    else:
        target = Path(output)
        if target.is_dir():
            target = target / default_name
    if protect and config is not None:
        for folder, what in ((getattr(config, "policies", None), "制度文件"), (getattr(config, "schemas", None), "数据文件")):
            if _inside(target, folder):
                raise UsageError(f"输出文件 {target} 位于{what}目录 {folder} 中：生成的文件不能写入该目录，"
                                 "以免覆盖制度或数据文件；请改用其他位置")
    if create:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"无法创建输出目录 {target.parent}：{exc.strerror or exc}") from None
        if target.parent.exists() and not target.parent.is_dir():
            raise UsageError(f"输出位置 {target.parent} 是文件，不是文件夹")
    return target


def check_site_dir(output: str | os.PathLike, config) -> Path:
    """The folder a build replaces as a whole: never the repository root, the policies or the
    schemas folder, nor a folder that holds or lies inside one of them."""
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"手册输出目录 {folder} 是文件，不是文件夹")
    for base, what in ((getattr(config, "root", None), "仓库根"), (getattr(config, "policies", None), "制度文件"),
                       (getattr(config, "schemas", None), "数据文件")):
        if base is None:
            continue
        if _inside(folder, base) and what != "仓库根" or _inside(Path(base), folder):
            raise UsageError(f"手册输出目录 {folder} 与{what}目录 {base} 重叠：生成手册时会整体替换输出目录，"
                             "请改用单独的目录（例如 site/）")
    return folder


def resolve_output_dir(output: str | os.PathLike, *, config=None, protect: bool = True) -> Path:
    """A folder for several files (created); refused inside the policies or schemas folder."""
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"输出位置 {folder} 是文件，不是文件夹（生成多份文件时 --output 应为文件夹）")
    if protect and config is not None:
        for base, what in ((getattr(config, "policies", None), "制度文件"), (getattr(config, "schemas", None), "数据文件")):
            if _inside(folder / "x", base):
                raise UsageError(f"输出目录 {folder} 位于{what}目录 {base} 中：请改用其他位置")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
