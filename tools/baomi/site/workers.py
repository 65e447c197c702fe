"""Worker processes of a build (search index, Word documents): tracked so that an interrupted or
killed build (SIGINT, SIGTERM) leaves no process and no temporary folder behind."""

from __future__ import annotations

import atexit
import shutil

_LIVE: dict[int, tuple[object, str | None]] = {}


def track(pool, tmp=None) -> None:
    _LIVE[id(pool)] = (pool, str(tmp) if tmp is not None else None)


def untrack(pool) -> None:
    _LIVE.pop(id(pool), None)


def terminate_all() -> int:
    """Kill every tracked worker process and remove its temporary folder; how many pools."""
    n = 0
    for key, (pool, tmp) in list(_LIVE.items()):
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                proc.terminate()
            except Exception:
                pass
        try:
            pool.shutdown(wait=False, cancel_futures=True)
        except Exception:
            pass
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                proc.join(2)
                if proc.is_alive():
                    proc.kill()
            except Exception:
                pass
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        _LIVE.pop(key, None)
        n += 1
    return n


atexit.register(terminate_all)
