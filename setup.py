"""Carry the default `schemas/` data inside the wheel as `baomi/schemas/`.

Everything else is declared in pyproject.toml. In an editable install (and in a source
checkout) baomi reads `schemas/` at the repository top directly.
"""

from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithSchemas(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        src = Path(__file__).parent / "schemas"
        dst = Path(self.build_lib) / "baomi" / "schemas"
        dst.mkdir(parents=True, exist_ok=True)
        for f in sorted(src.iterdir()):
            if f.suffix in (".yaml", ".yml", ".json"):
                shutil.copy2(f, dst / f.name)


setup(cmdclass={"build_py": BuildPyWithSchemas})
