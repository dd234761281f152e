"""Whether the compiled engine is already on disk, so that a face can warn
its user before the first run pays for compiling it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def _entry(batch: bool, workers: int) -> Callable[..., Any]:
    """The compiled function a request will call first.  One history, a batch
    and a thread's lane are all played through ``play_runs``."""
    from ..model.history import play_runs

    return play_runs


def engine_cached(batch: bool = False, workers: int = 1) -> bool:
    """Whether Numba's on-disk cache already holds the compiled code that
    playing one history (``batch=False``) or a batch on ``workers`` threads
    needs.  Interpreted (``NUMBA_DISABLE_JIT=1``), nothing needs compiling."""
    from numba.core import config

    if config.DISABLE_JIT:
        return True
    entry = _entry(batch, workers)
    try:  # Numba's own index, which also knows whether it is stale
        return bool(entry._cache._cache_file._load_index())  # type: ignore[attr-defined]
    except Exception:  # a Numba without these internals: look for the index file
        from ..model import history

        folder = Path(history.__file__).parent / "__pycache__"
        return any(folder.glob(f"history.{entry.__name__}-*.nbi"))
