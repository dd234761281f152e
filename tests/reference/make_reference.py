"""Write the reference outputs that ``tests/test_reference.py`` holds the
engine to: every history of a 2,000-run ensemble of each built-in scenario,
its summary row and SHA-256 digests of its full chronicle and of the power
each actor was perceived to have at the start.

Run it only when the numbers are meant to change (a new random generator, a
recalibration), and say so in the commit:

    python tests/reference/make_reference.py
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import numpy as np

from politburo.api import load
from politburo.experiments.runner import play_batch
from politburo.model.journal import LOG_KIND, LOG_KIND_NAMES

HERE = Path(__file__).parent
SCENARIOS = ("ussr-1924", "junta")
RUNS = 2000
SEED = 1924


def digests(rows) -> np.ndarray:
    """A SHA-256 digest of each history's row, exact to the last bit."""
    out = np.zeros((len(rows), 32), np.uint8)
    for run, row in enumerate(rows):
        data = np.ascontiguousarray(row).tobytes()
        out[run] = np.frombuffer(hashlib.sha256(data).digest(), np.uint8)
    return out


def reference(scenario: str) -> dict[str, np.ndarray]:
    """Every history's summary and chronicle digest, in run order."""
    compiled = load(scenario)
    batch = play_batch(compiled, SEED, 0, RUNS, events=True)
    events = batch.events
    starts = np.searchsorted(events[:, 0], np.arange(RUNS + 1))
    # A row's kind is taken by a checksum of its name, so that the engine may
    # number its kinds of event as it likes, and add kinds, without changing
    # a history.
    rows = events[:, 1:].copy()
    by_name = np.array([zlib.crc32(name.encode()) for name in LOG_KIND_NAMES], np.int64)
    rows[:, LOG_KIND] = by_name[rows[:, LOG_KIND]]
    chronicles = [rows[starts[run] : starts[run + 1]] for run in range(RUNS)]
    return {
        "leader": batch.leader,
        "leader_month": batch.leader_month,
        "eliminated": batch.eliminated,
        "manner": batch.manner,
        "rank": batch.rank,
        "verdicts": batch.verdicts,
        "perceived_start_sha256": digests(batch.perceived_start),
        "chronicle_sha256": digests(chronicles),
    }


def main() -> None:
    for scenario in SCENARIOS:
        path = HERE / f"{scenario}.npz"
        np.savez_compressed(path, **reference(scenario))
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
