"""The compiled engine: whether it is on disk, and building it in the background.

Compiling the engine takes a minute or two, once per version of its sources.
A new user's first ``politburo run`` should not wait for it: one history
played by the same mechanisms as plain Python (``NUMBA_DISABLE_JIT=1``) takes
well under a second and gives the same numbers, so a face can answer at once
from the interpreted engine while a separate process compiles and caches the
compiled one for the ensembles that need its speed.

The cache folder (see ``model.jit.engine_cache_dir``) holds a ``ready`` file
once a compile has finished in it, with what that compile cost, and a
``compiling`` file while one runs.

    python -m politburo.experiments.compilation   # compile now, in this process
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from numba.core import config

from ..model.jit import ENGINE_CACHE

READY = ENGINE_CACHE / "ready"
COMPILING = ENGINE_CACHE / "compiling"
STALE_COMPILE = 20 * 60  # seconds after which a 'compiling' file is a crashed compile's
# Each version of the engine's sources compiles into a folder of its own, of
# 10-20 MB.  Besides the current one, the most recently used few are kept, so
# that switching between two checkouts does not recompile each time.
OTHER_ENGINES_KEPT = 2
ENGINE_FOLDER = re.compile(r"engine-[0-9a-f]{16}\Z")


def interpreted() -> bool:
    """True when the mechanisms run as plain Python in this process."""
    return bool(config.DISABLE_JIT)


def engine_ready() -> bool:
    """Whether the compiled engine is on disk for this version of its sources
    (always, when running interpreted: nothing needs compiling)."""
    return interpreted() or READY.exists()


def compile_running() -> bool:
    """Whether another process is compiling the engine now: its 'compiling'
    file is recent and names a process that is still alive (a compile that
    was killed leaves its file behind)."""
    try:
        started = COMPILING.stat().st_mtime
        pid = int(COMPILING.read_text() or 0)
    except (FileNotFoundError, ValueError):
        return False
    if time.time() - started >= STALE_COMPILE:
        return False
    if pid <= 0:
        return True  # just created, its process number not yet written
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def mark_ready(seconds: float | None = None) -> None:
    """Note that the compiled engine is on disk; called after every compiled
    run, and by the compile itself with what it took, which it records even
    though its first history has already noted the engine ready."""
    if interpreted() or (READY.exists() and seconds is None):
        return
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    record = {"compile_seconds": seconds, "peak_rss_mb": round(peak, 1)}
    READY.write_text(json.dumps(record))


def compile_in_background() -> bool:
    """Start compiling the engine in a detached process, unless it is ready or
    already being compiled.  Returns whether a compile was started."""
    if engine_ready() or compile_running():
        return False
    env = {key: value for key, value in os.environ.items() if key != "NUMBA_DISABLE_JIT"}
    subprocess.Popen(
        [sys.executable, "-m", "politburo.experiments.compilation"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # it outlives the command that started it
    )
    return True


def wait_for_compile(timeout: float = STALE_COMPILE) -> bool:
    """Wait while another process compiles the engine, so that this one loads
    it from the cache instead of compiling it a second time."""
    deadline = time.monotonic() + timeout
    while compile_running() and not READY.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    return READY.exists()


def compile_engine() -> None:
    """Compile the engine in this process by playing one history of the
    built-in scenario (every scenario runs on the same compiled code)."""
    from ..scenario import effective_parameters, load_scenario
    from ..scenario.compile import compile_scenario
    from .runner import run_history

    began = time.monotonic()
    COMPILING.write_text(str(os.getpid()))
    try:
        scenario = load_scenario("ussr-1924")
        run_history(compile_scenario(scenario, effective_parameters(scenario)), 0)
        mark_ready(round(time.monotonic() - began, 1))
    finally:
        COMPILING.unlink(missing_ok=True)
    prune_old_engines()


def prune_old_engines(current: Path = ENGINE_CACHE, keep: int = OTHER_ENGINES_KEPT) -> list[Path]:
    """Delete the compiled engines of older versions beside ``current``, all
    but the ``keep`` most recently used; a folder touched in the last hour
    (a compile may be under way in it) is left alone.  Returns what went."""
    if not current.parent.is_dir():
        return []
    others = [
        folder
        for folder in current.parent.iterdir()
        if folder.is_dir() and folder != current and ENGINE_FOLDER.match(folder.name)
    ]
    others.sort(key=lambda folder: folder.stat().st_mtime, reverse=True)
    gone = []
    for folder in others[keep:]:
        if time.time() - folder.stat().st_mtime < 3600:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        gone.append(folder)
    return gone


if __name__ == "__main__":
    compile_engine()
