"""Material's own search plugin listed before baomi (`plugins: [search, baomi]`): both indexes
end up in site/search/ — baomi replaces only its own files, never the directory."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo  # noqa: E402

from baomi.config import load  # noqa: E402
from baomi.site.build import build  # noqa: E402

pytestmark = pytest.mark.slow


def test_search_before_baomi_keeps_both_indexes(tmp_path):
    repo = make_repo(tmp_path / "repo")
    yml = repo / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert "plugins:\n  - baomi" in text
    yml.write_text(text.replace("plugins:\n  - baomi", "plugins:\n  - search\n  - baomi"), encoding="utf-8")
    assert build(load(repo), quiet=True, lint=False) == 0
    search = repo / "site" / "search"
    material = json.loads((search / "search_index.json").read_text(encoding="utf-8"))
    assert len(material["docs"]) > 100                       # Material's index, with the pages
    meta = json.loads((search / "meta.json").read_text(encoding="utf-8"))
    assert meta["n"] > 100 and (search / "fz.json").is_file()
    assert (search / "p").is_dir() and (search / "d").is_dir()
