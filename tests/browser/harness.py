"""Browser test harness: a static server for a built site and Debian's headless Chromium.

Never downloads a browser: Playwright drives /usr/bin/chromium (or $BAOMI_CHROMIUM).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions", "--no-default-browser-check"]


def chromium_path() -> str | None:
    for p in (os.environ.get("BAOMI_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if p and Path(p).exists():
            return p
    return shutil.which("chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("找不到 Chromium（apt-get install -y chromium）")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def search(page, query: str, timeout: float = 10_000) -> list[dict]:
    """Type `query` into the handbook's search box; the hits shown (href, title, label, text)."""
    box = page.locator("#bm-search-input")
    box.click()
    box.fill("")
    box.fill(query)
    page.wait_for_function(
        "q => { const b = document.querySelector('.bm-search');"
        " return b && b.dataset.state === 'done' && b.dataset.query === q.trim(); }",
        arg=query, timeout=timeout)
    return page.eval_on_selector_all(
        ".bm-hit", "els => els.map(a => ({href: a.href, title: a.querySelector('.bm-hit__title').textContent,"
        " label: a.querySelector('.bm-hit__label').textContent, text: a.querySelector('.bm-hit__text').textContent}))")


ROOT = Path(__file__).resolve().parents[2]


def make_repo(dest: Path, *, policies: bool = True) -> Path:
    """Copy what a handbook build needs (pyproject, mkdocs.yml, overrides, schemas, policies)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("site_overrides", "schemas"):
        shutil.copytree(ROOT / name, dest / name)
    if policies:
        shutil.copytree(ROOT / "policies", dest / "policies")
    else:
        (dest / "policies").mkdir()
    return dest


def set_front(path: Path, key: str, value: str) -> None:
    """Change one front-matter key of a policy file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines[1:], 1):
        if line == "---":
            break
        if line.startswith(key + ":"):
            lines[i] = f"{key}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")
