"""Word documents written into the handbook at build time (保密承诺书, 自查自评表).

python-docx is slow (≈70 ms a document), so every document is keyed on its content (and on the
code that writes it) and kept in a cache (`~/.cache/baomi/docx`, off with BAOMI_NO_CACHE=1);
the documents not in the cache are written by `DownloadJob` in a worker process while the
generator renders the pages. Nothing here knows MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..files import atomic_write

_CODE = ("generate/pledge.py", "document/__init__.py", "document/build.py", "document/docx_util.py",
         "document/form_docx.py", "generate/checklist_docx.py", "site/downloads.py")


@dataclass
class Download:
    """One generated file of the site: `path` (site path), what to write (`kind`, `payload`)."""

    path: str
    kind: str            # "pledge" (payload: a pledge Form) | "checklist" (payload: coverage table dict)
    payload: object
    unit: str = "本单位"

    def key(self) -> str:
        if self.kind == "checklist":
            body = json.dumps(self.payload, ensure_ascii=False, sort_keys=True, default=str)
        else:
            body = repr(self.payload)
        h = hashlib.sha256()
        h.update(_fingerprint().encode())
        h.update(f"{self.kind}\0{self.unit}\0{body}".encode("utf-8", "surrogatepass"))
        return h.hexdigest()


_FP: str | None = None


def _fingerprint() -> str:
    """The writing code's own bytes and python-docx's version: a change invalidates the cache."""
    global _FP
    if _FP is None:
        base = Path(__file__).resolve().parents[1]
        h = hashlib.sha256()
        for rel in _CODE:
            try:
                h.update((base / rel).read_bytes())
            except OSError:
                h.update(rel.encode())
        try:
            from importlib.metadata import version

            h.update(version("python-docx").encode())
        except Exception:
            pass
        _FP = h.hexdigest()
    return _FP


def cache_dir() -> Path | None:
    if os.environ.get("BAOMI_NO_CACHE") == "1":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "baomi" / "docx"


def cached(d: Download) -> bytes | None:
    c = cache_dir()
    if c is None:
        return None
    try:
        return (c / f"{d.key()}.docx").read_bytes()
    except OSError:
        return None


def _store(d: Download, data: bytes) -> None:
    c = cache_dir()
    if c is None:
        return
    try:
        atomic_write(c / f"{d.key()}.docx", data)
    except OSError:
        pass


def render(d: Download) -> bytes:
    """The .docx bytes of one download (and keep them in the cache)."""
    import io

    if d.kind == "pledge":
        from ..generate.pledge import build_docx

        buf = io.BytesIO()
        build_docx(d.payload).save(buf)
        data = buf.getvalue()
    elif d.kind == "checklist":
        from ..generate.checklist_docx import write

        with tempfile.TemporaryDirectory() as t:
            out = write(d.payload, Path(t) / "x.docx", unit=d.unit or "本单位")
            data = Path(out).read_bytes()
    else:
        raise ValueError(f"未知的下载文件类型：{d.kind}")
    _store(d, data)
    return data


def write_all(downloads: list[Download], dest: Path) -> int:
    """Write every download under `dest` (site paths kept); the number written."""
    for d in downloads:
        target = Path(dest) / d.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(d))
    return len(downloads)


def split(downloads: list[Download]) -> tuple[dict[str, bytes], list[Download]]:
    """(site path → bytes of the cached ones, the ones still to write)."""
    have, todo = {}, []
    for d in downloads:
        data = cached(d)
        if data is None:
            todo.append(d)
        else:
            have[d.path] = data
    return have, todo


class DownloadJob:
    """Write downloads in a worker process (spawned) while pages render; `finish(site_dir)`
    waits and moves them in. Falls back to this process when no worker can start."""

    def __init__(self, downloads: list[Download]):
        self.downloads = downloads
        self.tmp = Path(tempfile.mkdtemp(prefix="baomi-docx-"))
        self.pool = self.future = None
        if not downloads:
            return
        try:
            import concurrent.futures
            import multiprocessing

            self.pool = concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            from .workers import track

            track(self.pool, self.tmp)
            self.future = self.pool.submit(write_all, downloads, self.tmp)
        except Exception:
            self.pool = self.future = None

    def finish(self, site_dir: Path) -> int:
        try:
            if self.future is not None:
                try:
                    self.future.result()
                except Exception:
                    write_all(self.downloads, self.tmp)
            elif self.downloads:
                write_all(self.downloads, self.tmp)
            for d in self.downloads:
                target = Path(site_dir) / d.path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(self.tmp / d.path), str(target))
            return len(self.downloads)
        finally:
            if self.pool is not None:
                from .workers import untrack

                self.pool.shutdown(wait=False, cancel_futures=True)
                untrack(self.pool)
            shutil.rmtree(self.tmp, ignore_errors=True)
