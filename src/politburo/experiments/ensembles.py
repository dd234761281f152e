"""Ensembles: many histories of one scenario, played in chunks on any backend,
summarised as they stream past, and stored durably on request.

The flow for every chunk is the same, wherever it is played: histories, then
Arrow tables (``tables``), then the store (``store``) and the running tally
(``summary``).  Only counts and, when asked, the tables themselves stay in
memory, so a million histories fit in the memory of a thousand.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from ..scenario.compile import Compiled
from ..version import __version__
from .executors import open_executor
from .runner import play_batch
from .store import TABLES, Plan, ResultStore, StoreError, scenario_hash
from .summary import Summary, Tally
from .tables import batch_tables

if TYPE_CHECKING:  # pandas is loaded when a table is asked for, not with the engine
    import pandas as pd

# Chunks of thousands of histories: big enough that a task's overhead (a
# scheduler round trip, a Parquet file) is small beside its work, small enough
# that a progress bar moves and a killed run loses little.
MIN_CHUNK = 1_000
MAX_CHUNK = 10_000
CHUNKS_PER_WORKER = 4  # so that no worker idles at the end while another finishes


def default_chunk(runs: int, parallelism: int) -> int:
    share = -(-runs // (CHUNKS_PER_WORKER * max(1, parallelism)))
    return max(1, min(runs, max(MIN_CHUNK, min(MAX_CHUNK, share))))


@dataclass(frozen=True)
class ChunkTask:
    """Play one chunk and tabulate it; sent as is to Dask workers."""

    events: bool = False

    def __call__(
        self, compiled: Compiled, seed: int, start: int, stop: int, threads: int
    ) -> dict[str, pa.Table]:
        return batch_tables(compiled, play_batch(compiled, seed, start, stop, threads, self.events))


@dataclass
class EnsembleResult:
    """The outcome of an ensemble: its summary, and its runs as tables."""

    compiled: Compiled
    plan: Plan
    _summary: Summary
    _chunks: dict[int, dict[str, pa.Table]] = field(default_factory=dict, repr=False)
    store: ResultStore | None = None

    @property
    def seed(self) -> int:
        return self.plan.seed

    @property
    def n(self) -> int:
        return self.plan.runs

    def summary(self) -> Summary:
        return self._summary

    def table(self, name: str) -> pa.Table:
        """One of ``runs``, ``eliminations`` or ``events``, in run order."""
        if name not in TABLES:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
        if self.store is not None:
            return self.store.read(name)
        parts = [self._chunks[i][name] for i in sorted(self._chunks) if name in self._chunks[i]]
        if not parts:
            raise KeyError(
                f"no {name!r} table: run the ensemble with events=True to keep event logs"
            )
        return pa.concat_tables(parts)

    @property
    def runs(self) -> pd.DataFrame:
        """One row per history: leader, date, order of elimination, claims."""
        return self.table("runs").to_pandas()

    @property
    def eliminations(self) -> pd.DataFrame:
        return self.table("eliminations").to_pandas()

    @property
    def events(self) -> pd.DataFrame:
        return self.table("events").to_pandas()

    def query(self, sql: str) -> pd.DataFrame:
        """DuckDB SQL over the tables ``runs``, ``eliminations`` and ``events``."""
        import duckdb

        connection = duckdb.connect()
        try:
            for name in TABLES:
                try:
                    connection.register(name, self.table(name))
                except (KeyError, StoreError):
                    continue
            return connection.sql(sql).df()
        finally:
            connection.close()

    def to_parquet(self, directory: str | Path) -> Path:
        """Write the ensemble as a results store that ``politburo query`` reads."""
        target = ResultStore.create(directory, self.compiled, self.plan)
        if self.store is not None:
            for index in sorted(self.store.done):
                target.write_chunk(index, self.store.read_tables(index))
        else:
            for index in sorted(self._chunks):
                target.write_chunk(index, self._chunks[index])
        return target.directory

    def __repr__(self) -> str:
        s = self._summary
        top = s.leaders[0]
        return (
            f"<EnsembleResult {s.scenario}: {s.runs:,} histories, seed {s.seed}; "
            f"{top.actor} dominant in {top.share.value:.1%}, nobody in {s.none.value:.1%}>"
        )

    def _repr_html_(self) -> str:
        return self._summary._repr_html_()


def play_ensemble(
    compiled: Compiled,
    runs: int,
    seed: int = 0,
    workers: int = 1,
    dask: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    events: bool = False,
    chunk: int | None = None,
    keep: bool = True,
    progress: Callable[[int], None] | None = None,
) -> EnsembleResult:
    """Play ``runs`` histories seeded from ``seed``.

    ``workers`` threads in this process, or the Dask cluster at ``dask``
    (``local:K`` starts one here).  With ``out`` every chunk is stored as it
    finishes and ``resume`` carries on an interrupted ensemble; without it the
    tables stay in memory when ``keep``.  ``progress`` hears how many runs each
    finished chunk held, including chunks found already done on resume.

    The request's values are checked where they come in, in ``politburo.api``
    (see ``requests``); here they are taken as sound."""
    if resume and chunk is None:
        chunk = ResultStore.open(out).manifest.get("chunk_size")

    executor = open_executor(workers, dask)
    try:
        plan = Plan(
            scenario=compiled.scenario.meta.id,
            scenario_hash=scenario_hash(compiled),
            seed=seed,
            runs=runs,
            chunk=chunk or default_chunk(runs, executor.parallelism),
            events=events,
            version=__version__,
        )
        store = None
        if out is not None:
            store = (
                ResultStore.resume(out, plan) if resume else ResultStore.create(out, compiled, plan)
            )
        tally = Tally(compiled, seed)
        kept: dict[int, dict[str, pa.Table]] = {}
        done = store.done if store is not None else set()
        for index in sorted(done):
            part = store.read_chunk("runs", index)
            tally.add(part)
            if progress is not None:
                progress(part.num_rows)
        todo = [(index, *plan.bounds(index)) for index in range(plan.chunks) if index not in done]
        task = ChunkTask(events)
        played = 0
        started = time.perf_counter()
        for index, tables in executor.play(task, compiled, seed, todo):
            if store is not None:
                store.write_chunk(index, tables)
            elif keep:
                kept[index] = tables
            tally.add(tables["runs"])
            played += tables["runs"].num_rows
            if progress is not None:
                progress(tables["runs"].num_rows)
        elapsed = time.perf_counter() - started
    finally:
        executor.close()
    rate = played / elapsed if played and elapsed > 0 else None
    return EnsembleResult(compiled, plan, tally.summary(rate), kept, store)
