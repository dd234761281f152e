"""A new user's first ``politburo run``: on an empty cache it answers from
the interpreted engine, with the same chronicle as the compiled one, and
leaves the compiling of the engine to a process of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from typer.testing import CliRunner

from politburo.cli import app


def test_first_run_on_an_empty_cache_tells_the_same_history_and_compiles_aside(tmp_path):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)}
    env.pop("NUMBA_DISABLE_JIT", None)
    command = [sys.executable, "-m", "politburo", "run", "--seed", "3"]
    cold = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert cold.returncode == 0, cold.stderr
    # This process runs the compiled engine, from the usual cache.
    warm = CliRunner().invoke(app, ["run", "--seed", "3"])
    assert warm.exit_code == 0
    assert cold.stdout == warm.output

    # The first run started a compile in the empty cache's folder for this
    # version of the engine; it is stopped here, not waited for.
    deadline = time.monotonic() + 30
    compiling = None
    while time.monotonic() < deadline:
        compiling = next(tmp_path.glob("engine-*/compiling"), None)
        if compiling is not None and compiling.read_text().strip():
            break
        time.sleep(0.2)
    assert compiling is not None, "no compile was started"
    os.kill(int(compiling.read_text()), signal.SIGTERM)


def test_old_engines_are_pruned_but_the_recent_ones_kept(tmp_path):
    import os
    import time

    from politburo.experiments.compilation import prune_old_engines

    current = tmp_path / "engine-0000000000000000"
    current.mkdir()
    week = 7 * 24 * 3600
    folders = []
    for age in range(5):
        folder = tmp_path / f"engine-{age + 1:016x}"
        folder.mkdir()
        (folder / "ready").write_text("{}")
        stamp = time.time() - week * (age + 1)
        os.utime(folder, (stamp, stamp))
        folders.append(folder)
    recent = tmp_path / "engine-ffffffffffffffff"
    recent.mkdir()  # touched just now: a compile may be under way in it
    unrelated = tmp_path / "engine-notes"
    unrelated.mkdir()
    gone = prune_old_engines(current, keep=2)
    assert sorted(gone) == sorted(folders[1:])
    assert current.exists() and recent.exists() and unrelated.exists()
    assert folders[0].exists()
