"""`baomi serve`: says where the preview is, and shows drafts (marked) unless told not to."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo, set_front  # noqa: E402

pytestmark = pytest.mark.slow
BAOMI = Path(sys.executable).with_name("baomi")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float) -> tuple[int, str]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, ""
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.mark.parametrize("flag, shown", [([], True), (["--no-drafts"], False)])
def test_serve_prints_address_and_previews_drafts(tmp_path, flag, shown):
    repo = make_repo(tmp_path / "repo")
    set_front(repo / "policies" / "dangan.md", "status", "草案")
    port = _free_port()
    env = dict(os.environ, NO_COLOR="1", NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([str(BAOMI), "serve", "--port", str(port), *flag], cwd=repo, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in first and "Ctrl+C" in first, first
        assert ("（显示草案" in first) == shown and ("（不显示草案" in first) == (not shown)
        deadline = time.monotonic() + 90
        status, html = _get(f"http://127.0.0.1:{port}/", deadline)
        assert status == 200
        status, html = _get(f"http://127.0.0.1:{port}/dangan/", deadline)
        if shown:
            assert status == 200 and "本制度为草案" in html
        else:
            assert status == 404
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
