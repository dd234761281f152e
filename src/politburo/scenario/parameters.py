"""The global behavioural parameters shared by every scenario.

Every behavioural number in the engine is a parameter, declared by the
mechanism module that reads it (see ``politburo.model.parameters``).  Their
values, meanings and the reasons for the values live in the packaged
``parameters.yaml``, one entry per parameter::

    patronage_rate:
      value: 0.05
      doc: what it is
      reason: why it has this value

A scenario may override some of them, each with a stated reason, under
``parameters:``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from politburo.model.parameters import NAMES as DECLARED
from politburo.scenario.schema import Scenario

PARAMETERS_FILE = "parameters.yaml"
FIELDS = ("value", "doc", "reason")


@dataclass(frozen=True)
class ParameterEntry:
    """One entry of ``parameters.yaml``."""

    name: str
    value: float
    doc: str
    reason: str


def read_parameters(
    text: str, declared: tuple[str, ...] = DECLARED, source: str = PARAMETERS_FILE
) -> tuple[ParameterEntry, ...]:
    """The entries of a parameters file, checked: each has a numeric ``value``
    and a non-empty ``doc`` and ``reason``; every parameter the engine
    declares has an entry, and no entry names a parameter it does not declare.
    Raises ``RuntimeError`` naming the offending parameter."""
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise RuntimeError(f"{source} must be a mapping of parameter names")
    entries = []
    for name, entry in raw.items():
        if not isinstance(entry, dict):
            raise RuntimeError(f"{source}: '{name}' must be a mapping with {', '.join(FIELDS)}")
        value = entry.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RuntimeError(f"{source}: '{name}' needs a numeric 'value'")
        for field in ("doc", "reason"):
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                raise RuntimeError(f"{source}: '{name}' needs a non-empty '{field}'")
        unknown_fields = sorted(set(entry) - set(FIELDS))
        if unknown_fields:
            raise RuntimeError(
                f"{source}: '{name}' has unknown field(s) {', '.join(unknown_fields)}; "
                f"an entry has {', '.join(FIELDS)}"
            )
        entries.append(
            ParameterEntry(str(name), float(value), entry["doc"].strip(), entry["reason"].strip())
        )
    named = {entry.name for entry in entries}
    missing = [name for name in declared if name not in named]
    if missing:
        raise RuntimeError(
            f"{source} has no entry for the engine's parameter(s) {', '.join(missing)}"
        )
    undeclared = [entry.name for entry in entries if entry.name not in declared]
    if undeclared:
        raise RuntimeError(
            f"{source} names parameter(s) {', '.join(undeclared)}, which no engine module declares"
        )
    return tuple(entries)


@cache
def _entries() -> tuple[ParameterEntry, ...]:
    # Packaged data, read once; callers get fresh dicts so they cannot alter it.
    text = resources.files("politburo.scenario").joinpath(PARAMETERS_FILE).read_text("utf-8")
    return read_parameters(text)


def load_parameters() -> dict[str, float]:
    """Shared parameter values by name, in the order of ``parameters.yaml``."""
    return {entry.name: entry.value for entry in _entries()}


def parameter_docs() -> dict[str, str]:
    """What each parameter is, by name."""
    return {entry.name: entry.doc for entry in _entries()}


def parameter_reasons() -> dict[str, str]:
    """Why each parameter has its value, by name."""
    return {entry.name: entry.reason for entry in _entries()}


def effective_parameters(scenario: Scenario) -> dict[str, float]:
    """Shared values with the scenario's overrides applied.

    ``meta.dominance_months`` is the scenario's way of setting the
    ``dominance_months`` parameter, so it counts as an override too.
    """
    values = load_parameters()
    for name, override in scenario.parameters.items():
        if name not in values:
            raise ValueError(f"unknown parameter '{name}'")
        values[name] = override.value
    if scenario.meta.dominance_months is not None:
        values["dominance_months"] = float(scenario.meta.dominance_months)
    return values
