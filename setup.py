"""Carry the shipped files inside the wheel as `baomi/_shipped/`: the default data (`schemas/`)
and the model rule book that `baomi init` copies (`policies/`, `site_overrides/`, `mkdocs.yml`).

Everything else is declared in pyproject.toml. In an editable install (and in a source
checkout) baomi reads these from the repository's top directory (see baomi/resources.py).
"""

from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("schemas", "policies", "site_overrides", "mkdocs.yml")


class BuildPyWithShipped(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        top = Path(__file__).parent
        dst = Path(self.build_lib) / "baomi" / "_shipped"
        for name in SHIPPED:
            src = top / name
            if src.is_dir():
                shutil.copytree(src, dst / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            elif src.is_file():
                dst.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst / name)


setup(cmdclass={"build_py": BuildPyWithShipped})
