"""Where chunks of histories are played: in this process or on a Dask cluster.

An executor takes a task (a function of the compiled scenario, the root seed
and one chunk's bounds) and runs it for every chunk, yielding each chunk's
result as it is ready, perhaps out of order.  The task is the same function
everywhere, so the backends cannot disagree about the rules; and since every
history seeds itself from the root seed and its index, they cannot disagree
about the numbers either.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..scenario.compile import Compiled
from .requests import check_workers

Task = Callable[[Compiled, int, int, int, int], Any]  # (compiled, seed, start, stop, threads)
LOCAL = re.compile(r"^local:(\d+)$")
ADDRESS = re.compile(r"^(tcp|tls|inproc|ws|wss)://\S+$")
CONNECT_TIMEOUT = "10s"
# Each worker holds at most this many chunks at once, so that results never
# pile up on the cluster faster than this process can store them.
CHUNKS_IN_FLIGHT_PER_WORKER = 2
# A chunk whose worker died is played again elsewhere, this many times.
RETRIES = 3


class ExecutorError(Exception):
    """A backend that cannot be used: a bad address, an unreachable cluster.

    Its message speaks of the Dask address as the Python API does; a face may
    add its own wording (a flag's name) around it."""


class InProcess:
    """Chunks one after another in this process, each on ``threads`` threads."""

    def __init__(self, threads: int = 1) -> None:
        self.threads = check_workers(threads)

    @property
    def parallelism(self) -> int:
        return self.threads

    def play(
        self, task: Task, compiled: Compiled, seed: int, chunks: list[tuple[int, int, int]]
    ) -> Iterator[tuple[int, Any]]:
        if self.threads == 1:
            for index, start, stop in chunks:
                yield index, task(compiled, seed, start, stop, 1)
            return
        # On several threads, the next chunk plays while this one is tallied
        # and stored: that work is Python's, one thread at a time, and would
        # otherwise leave the other cores idle between chunks.  Chunks still
        # come back in order, and at most two are in memory.
        with ThreadPoolExecutor(1) as ahead:
            waiting = None
            for index, start, stop in chunks:
                playing = ahead.submit(task, compiled, seed, start, stop, self.threads)
                if waiting is not None:
                    yield waiting[0], waiting[1].result()
                waiting = (index, playing)
            if waiting is not None:
                yield waiting[0], waiting[1].result()

    def close(self) -> None:
        pass


class DaskCluster:
    """Chunks as tasks on a Dask cluster: a local one or an existing scheduler."""

    def __init__(self, address: str) -> None:
        # Imported here: Dask is heavy, and most runs never touch it.
        from distributed import Client, LocalCluster

        self.address = address
        self.cluster = None
        local = LOCAL.match(address)
        try:
            if local:
                workers = int(local.group(1))
                if workers < 1:
                    raise ExecutorError(
                        f"the Dask address {address!r} asks for no workers: "
                        "local:K needs K of at least 1"
                    )
                # One single-threaded process per worker: histories are
                # compiled code that releases the GIL, and processes keep one
                # worker's crash from taking the others with it.
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
            elif ADDRESS.match(address):
                self.client = Client(address, timeout=CONNECT_TIMEOUT)
            else:
                raise ExecutorError(
                    "the Dask address must be local:K (a cluster of K worker "
                    "processes on this machine) or a running scheduler's address "
                    f"such as tcp://HOST:PORT, not {address!r}"
                )
        except (OSError, TimeoutError) as error:
            self.close()
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {error}") from None

    @property
    def parallelism(self) -> int:
        threads = self.client.nthreads()
        return max(1, sum(threads.values()))

    def play(
        self, task: Task, compiled: Compiled, seed: int, chunks: list[tuple[int, int, int]]
    ) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed

        if not chunks:
            return
        # The scenario travels to each worker once, not with every task.
        [shared] = self.client.scatter([compiled], broadcast=True)
        pending = iter(chunks)
        index_of = {}

        def submit():
            chunk = next(pending, None)
            if chunk is None:
                return None
            index, start, stop = chunk
            future = self.client.submit(
                task, shared, seed, start, stop, 1, pure=False, retries=RETRIES
            )
            index_of[future.key] = index
            return future

        limit = max(1, CHUNKS_IN_FLIGHT_PER_WORKER * self.parallelism)
        first = [future for future in (submit() for _ in range(limit)) if future is not None]
        running = as_completed(first, with_results=True)
        for future, result in running:
            yield index_of.pop(future.key), result
            future.release()
            following = submit()
            if following is not None:
                running.add(following)

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()


def open_executor(workers: int = 1, dask: str | None = None) -> InProcess | DaskCluster:
    return DaskCluster(dask) if dask else InProcess(workers)
