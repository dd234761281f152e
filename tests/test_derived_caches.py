"""The State keeps two caches that the hot loops read instead of recomputing:
each actor's camp (his bloc leader, up the chain of patrons) and his power
base (the weightiest office he holds).  Every mechanism that changes what
they derive from must refresh them.  This plays many histories of each
built-in scenario and, after every step of every month, holds both caches
against a fresh computation.

The check hooks the stopwatch's lap, which ``simulate`` calls after each step;
that needs the interpreted engine, so the histories run in a child process
with ``NUMBA_DISABLE_JIT=1``."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CHECK = textwrap.dedent(
    """
    import sys
    import numpy as np
    from politburo.api import load
    from politburo.experiments.runner import play_batch
    from politburo.model import history
    from politburo.model.outcome import BASE, find_base_office
    from politburo.model.power import CAMP, follow_patrons

    checked = 0

    def checking_lap(params, state, step):
        global checked
        n_actors = state.actor_codes.shape[1]
        for actor in range(n_actors):
            camp = follow_patrons(params, state, actor)
            base = find_base_office(state, actor)
            if state.actor_codes[CAMP, actor] != camp or state.actor_codes[BASE, actor] != base:
                print(f"stale cache after step {step}: actor {actor}", file=sys.stderr)
                sys.exit(1)
        checked += 1

    # simulate passes the State's stopwatch to lap; the check needs the State
    # and the parameters.
    current = {}
    original_simulate = history.simulate

    def simulate(world, params, state, seed, verdicts):
        current["params"] = params
        current["state"] = state
        return original_simulate(world, params, state, seed, verdicts)

    history.simulate = simulate
    history.lap = lambda watch, step: checking_lap(current["params"], current["state"], step)
    for scenario in sys.argv[1:]:
        play_batch(load(scenario), 11, 0, RUNS)
    print(checked)
    """
)
RUNS = 12


def test_camps_and_bases_match_a_recomputation_after_every_step():
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    script = CHECK.replace("RUNS", str(RUNS))
    done = subprocess.run(
        [sys.executable, "-c", script, "ussr-1924", "junta"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    checks = int(done.stdout.strip().splitlines()[-1])
    # Ten laps a history, one per step of every month and the start and end.
    assert checks > 2 * RUNS * 50
