"""Search every byte a command produced for planted tokens: files (inside .docx / .zip
archives and .gz files too), standard output and standard error."""

from __future__ import annotations

import gzip
import io
import uuid
import zipfile
from pathlib import Path


def token(tag: str) -> str:
    """A unique ASCII token to plant next to a marking (no escaping changes it)."""
    return f"LEAK{tag}{uuid.uuid4().hex[:12]}"


def _expand(name: str, data: bytes, depth: int = 0):
    yield name, data
    if depth > 2:
        return
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for member in z.namelist():
                    yield from _expand(f"{name}!{member}", z.read(member), depth + 1)
        except zipfile.BadZipFile:
            pass
    elif data[:2] == b"\x1f\x8b":
        try:
            yield from _expand(f"{name}!gunzip", gzip.decompress(data), depth + 1)
        except OSError:
            pass


def leaks(tokens, *, paths=(), texts=()) -> list[str]:
    """'where: token' for every token found in the files under `paths` or in `texts`."""
    found = []
    blobs: list[tuple[str, bytes]] = []
    for p in paths:
        p = Path(p)
        files = [p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file()) if p.exists() else []
        for f in files:
            blobs.extend(_expand(str(f), f.read_bytes()))
            blobs.append((f"{f} (name)", str(f).encode("utf-8")))
    for i, t in enumerate(texts):
        blobs.append((f"text #{i}", t.encode("utf-8") if isinstance(t, str) else t))
    for where, data in blobs:
        for tok in tokens:
            if tok.encode("utf-8") in data:
                found.append(f"{where}: {tok}")
    return found
