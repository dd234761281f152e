"""Scenarios: collective leaderships described as data, read from YAML."""

from politburo.scenario.errors import ScenarioError
from politburo.scenario.loader import (
    builtin_scenarios,
    json_schema,
    load_scenario,
    load_scenario_text,
)
from politburo.scenario.parameters import (
    effective_parameters,
    load_parameters,
    parameter_docs,
    parameter_reasons,
)
from politburo.scenario.schema import Scenario

__all__ = [
    "Scenario",
    "ScenarioError",
    "builtin_scenarios",
    "effective_parameters",
    "json_schema",
    "load_parameters",
    "load_scenario",
    "load_scenario_text",
    "parameter_docs",
    "parameter_reasons",
]
