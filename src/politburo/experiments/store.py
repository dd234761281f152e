"""The results store: an ensemble on disk, durable chunk by chunk.

A store is a directory::

    manifest.json            what was run, and which chunks are done
    runs/part-000000.parquet one file per chunk and table
    eliminations/part-...
    events/part-...          only when the ensemble keeps event logs

Every file is written under a temporary name and renamed into place, and the
manifest is rewritten the same way after each chunk.  A process killed at any
moment leaves only whole files and a manifest that lists exactly the chunks
whose files are all in place, so ``--resume`` can carry on.  Because each
history depends only on the root seed and its index, a resumed ensemble is
identical to one that was never interrupted.

The manifest pins what makes the numbers: the scenario's hash, the root seed,
the package version, the parameters and the cut into chunks.  A resume that
differs in any of them is refused rather than mixing two experiments.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..model.parameters import NAMES as PARAMETER_NAMES
from ..scenario.compile import Compiled

FORMAT = 1
MANIFEST = "manifest.json"
TABLES = ("runs", "eliminations", "events")


class StoreError(Exception):
    """A results directory that cannot be written, read or resumed."""


def scenario_hash(compiled: Compiled) -> str:
    """A fingerprint of everything in the scenario that can change a number."""
    facts = compiled.scenario.model_dump(mode="json")
    # By name, so that the engine may number its parameters as it likes.
    parameters = dict(zip(PARAMETER_NAMES, (float(v) for v in compiled.params), strict=True))
    text = json.dumps({"scenario": facts, "parameters": parameters}, sort_keys=True)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _explain(error: OSError, path: Path) -> str:
    if error.errno == errno.ENOSPC:
        return f"no space left on the device while writing {path}"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"cannot write {path}: {os.strerror(error.errno).lower()}"
    return f"cannot write {path}: {error.strerror or error}"


@dataclass(frozen=True)
class Plan:
    """What an ensemble is: the facts its numbers depend on."""

    scenario: str
    scenario_hash: str
    seed: int
    runs: int
    chunk: int
    events: bool
    version: str

    @property
    def chunks(self) -> int:
        return -(-self.runs // self.chunk)

    def bounds(self, index: int) -> tuple[int, int]:
        start = index * self.chunk
        return start, min(self.runs, start + self.chunk)


class ResultStore:
    """An ensemble's directory, opened to write (new or resumed) or to read."""

    def __init__(self, directory: Path, manifest: dict) -> None:
        self.directory = directory
        self.manifest = manifest

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, directory: str | Path, compiled: Compiled, plan: Plan) -> ResultStore:
        directory = Path(directory)
        if (directory / MANIFEST).exists():
            raise StoreError(
                f"{directory} already holds an ensemble; "
                "pass --resume to continue it, or choose another --out"
            )
        if directory.exists() and not directory.is_dir():
            raise StoreError(f"{directory} exists and is not a directory")
        if directory.exists() and any(directory.iterdir()):
            raise StoreError(f"{directory} is not empty; choose an empty or new directory")
        made = not directory.exists()
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(_explain(error, directory)) from None
        parameters = dict(zip(PARAMETER_NAMES, (float(v) for v in compiled.params), strict=True))
        manifest = {
            "format": FORMAT,
            "scenario": plan.scenario,
            "scenario_name": compiled.scenario.meta.name,
            "scenario_hash": plan.scenario_hash,
            "seed": plan.seed,
            "runs": plan.runs,
            "chunk_size": plan.chunk,
            "chunks": plan.chunks,
            "events": plan.events,
            "version": plan.version,
            "parameters": parameters,
            "actors": list(compiled.actor_ids),
            "claims": list(compiled.claim_ids),
            "started": _now(),
            "finished": None,
            "chunks_done": [],
        }
        store = cls(directory, manifest)
        try:
            store._write_manifest()
        except StoreError:
            if made:  # leave no trace of an ensemble that never began
                with contextlib.suppress(OSError):
                    directory.rmdir()
            raise
        return store

    @classmethod
    def open(cls, directory: str | Path) -> ResultStore:
        directory = Path(directory)
        path = directory / MANIFEST
        if not directory.is_dir():
            raise StoreError(f"{directory} is not a results directory (it does not exist)")
        if not path.is_file():
            raise StoreError(f"{directory} is not a results directory (no {MANIFEST})")
        try:
            manifest = json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise StoreError(f"{path}: unreadable manifest: {error}") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise StoreError(f"{path}: not a politburo manifest of format {FORMAT}")
        return cls(directory, manifest)

    @classmethod
    def resume(cls, directory: str | Path, plan: Plan) -> ResultStore:
        """Reopen an interrupted ensemble, refusing one that is not ``plan``."""
        store = cls.open(directory)
        m = store.manifest
        mismatches = [
            f"{label} {m.get(key)!r} (this run: {mine!r})"
            for label, key, mine in (
                ("scenario", "scenario", plan.scenario),
                ("scenario hash", "scenario_hash", plan.scenario_hash),
                ("seed", "seed", plan.seed),
                ("package version", "version", plan.version),
                ("runs", "runs", plan.runs),
                ("chunk size", "chunk_size", plan.chunk),
                ("event logs", "events", plan.events),
            )
            if m.get(key) != mine
        ]
        if mismatches:
            raise StoreError(
                f"cannot resume {store.directory}: it was made with "
                + "; ".join(mismatches)
                + ". Resume with the same settings, or choose another --out."
            )
        store._sweep()
        return store

    # -- writing ---------------------------------------------------------------

    @property
    def done(self) -> set[int]:
        return set(self.manifest["chunks_done"])

    def _part(self, table: str, index: int) -> Path:
        return self.directory / table / f"part-{index:06d}.parquet"

    def _sweep(self) -> None:
        """Remove temporary files a killed writer left behind."""
        for table in TABLES:
            folder = self.directory / table
            if folder.is_dir():
                for leftover in folder.glob(".*.tmp"):
                    with contextlib.suppress(OSError):
                        leftover.unlink()

    def _atomic(self, path: Path, write) -> None:
        temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
        try:
            path.parent.mkdir(exist_ok=True)
            write(temporary)
            os.replace(temporary, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                temporary.unlink()
            kept = len(self.manifest["chunks_done"])
            advice = (
                f"; the {kept} chunk(s) already written are kept: rerun with --resume"
                if kept
                else ""
            )
            raise StoreError(_explain(error, path) + advice) from None

    def _write_manifest(self) -> None:
        text = json.dumps(self.manifest, indent=2) + "\n"
        self._atomic(self.directory / MANIFEST, lambda path: path.write_text(text))

    def write_chunk(self, index: int, tables: dict[str, pa.Table]) -> None:
        for table, data in tables.items():
            self._atomic(self._part(table, index), lambda path, d=data: pq.write_table(d, path))
        self.manifest["chunks_done"] = sorted(self.done | {index})
        if self.complete:
            self.manifest["finished"] = _now()
        self._write_manifest()

    # -- reading ---------------------------------------------------------------

    @property
    def complete(self) -> bool:
        return len(self.manifest["chunks_done"]) == self.manifest["chunks"]

    def parts(self, table: str) -> list[Path]:
        """The files of ``table`` for the chunks done, in run order."""
        return [
            self._part(table, index)
            for index in self.manifest["chunks_done"]
            if self._part(table, index).is_file()
        ]

    def read_chunk(self, table: str, index: int) -> pa.Table:
        try:
            return pq.read_table(self._part(table, index))
        except (OSError, pa.ArrowException) as error:
            raise StoreError(f"{self._part(table, index)}: unreadable: {error}") from None

    def read_tables(self, index: int) -> dict[str, pa.Table]:
        """Every table stored for chunk ``index``."""
        return {
            table: self.read_chunk(table, index)
            for table in TABLES
            if self._part(table, index).is_file()
        }

    def read(self, table: str) -> pa.Table:
        parts = self.parts(table)
        if not parts:
            raise StoreError(f"{self.directory} has no '{table}' table")
        return pa.concat_tables([pq.read_table(part) for part in parts], promote_options="none")
