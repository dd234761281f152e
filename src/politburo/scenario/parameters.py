"""The global behavioural parameters shared by every scenario.

Their values and meanings live in the packaged ``parameters.yaml``; a scenario
may override some of them, each with a stated reason, under ``parameters:``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from politburo.scenario.schema import Scenario

PARAMETERS_FILE = "parameters.yaml"


@cache
def _entries() -> tuple[tuple[str, float, str], ...]:
    # Packaged data, read once; callers get fresh dicts so they cannot alter it.
    text = resources.files("politburo.scenario").joinpath(PARAMETERS_FILE).read_text("utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise RuntimeError(f"{PARAMETERS_FILE} must be a mapping of parameter names")
    entries = []
    for name, entry in raw.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), int | float):
            raise RuntimeError(f"{PARAMETERS_FILE}: '{name}' needs a numeric 'value'")
        entries.append((str(name), float(entry["value"]), str(entry.get("doc", ""))))
    return tuple(entries)


def load_parameters() -> dict[str, float]:
    """Shared parameter values by name, in the order of ``parameters.yaml``."""
    return {name: value for name, value, _ in _entries()}


def parameter_docs() -> dict[str, str]:
    """One-line meaning of each parameter, by name."""
    return {name: doc for name, _, doc in _entries()}


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
