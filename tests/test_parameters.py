"""Every behavioural number is a named parameter: declared by the mechanism
module that reads it, and given a value, a meaning and a reason in
``parameters.yaml``.  The file and the declarations are held to each other
both ways, and the loader refuses a file that breaks either way."""

from __future__ import annotations

import importlib
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

import politburo.model
from politburo.api import load
from politburo.model import parameters as registry
from politburo.model.parameters import NAMES, PARAMETERS, parameter
from politburo.scenario.parameters import (
    load_parameters,
    parameter_reasons,
    read_parameters,
)

MODEL = Path(politburo.model.__file__).parent


def shipped() -> dict:
    """The packaged parameters file as plain YAML, not through the loader."""
    text = resources.files("politburo.scenario").joinpath("parameters.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def test_every_declared_parameter_has_a_value_doc_and_reason():
    entries = shipped()
    for name in NAMES:
        assert name in entries, f"parameters.yaml has no entry for {name}"
        entry = entries[name]
        value = entry.get("value")
        assert isinstance(value, int | float) and not isinstance(value, bool), name
        for field in ("doc", "reason"):
            assert isinstance(entry.get(field), str) and entry[field].strip(), (
                f"{name} has no {field}"
            )


def test_parameters_yaml_names_no_undeclared_parameter():
    undeclared = set(shipped()) - set(NAMES)
    assert not undeclared, f"parameters.yaml names undeclared parameters {sorted(undeclared)}"


def test_parameters_are_numbered_in_declaration_order():
    assert [p.number for p in PARAMETERS] == list(range(len(PARAMETERS)))
    assert NAMES == tuple(p.name for p in PARAMETERS)
    assert len(set(NAMES)) == len(NAMES)


def test_each_index_constant_names_its_parameter():
    """``P_SHIFT_LOGGED`` is the index of ``shift_logged``, in the module that
    declares it and in every module that imports it."""
    declared_in = {p.name: p.module for p in PARAMETERS}
    seen = set()
    for path in sorted(MODEL.glob("*.py")):
        module = importlib.import_module(f"politburo.model.{path.stem}")
        for attribute, value in vars(module).items():
            if not re.fullmatch(r"P_[A-Z0-9_]+", attribute):
                continue
            name = attribute[2:].lower()
            assert name in declared_in, f"{path.stem}.{attribute} names no parameter"
            assert value == NAMES.index(name), f"{path.stem}.{attribute} is not {name}'s index"
            if declared_in[name] == module.__name__:
                seen.add(name)
    assert seen == set(NAMES)


def test_every_parameter_is_read_by_the_engine():
    sources = "".join(path.read_text("utf-8") for path in MODEL.glob("*.py"))
    unread = [
        name for name in NAMES if not re.search(rf"params\[\s*P_{name.upper()}\s*\]", sources)
    ]
    assert not unread, f"declared but never read: {unread}"


def test_compiled_parameters_are_the_files_values_by_name():
    values = load_parameters()
    compiled = load("ussr-1924")
    for name, number in zip(NAMES, range(len(NAMES)), strict=True):
        expected = values[name]
        if name in compiled.scenario.parameters:
            expected = compiled.scenario.parameters[name].value
        if name == "dominance_months" and compiled.scenario.meta.dominance_months is not None:
            expected = compiled.scenario.meta.dominance_months
        assert compiled.params[number] == expected, name


def test_reasons_are_loaded():
    reasons = parameter_reasons()
    assert set(reasons) == set(NAMES)
    assert all(reason for reason in reasons.values())


# --- the loader's checks ------------------------------------------------------------


def entry(value: float = 1.0) -> dict:
    return {"value": value, "doc": "what it is", "reason": "why it is so"}


def text_of(entries: dict) -> str:
    return yaml.safe_dump(entries, sort_keys=False)


def test_a_file_missing_a_declared_parameter_is_refused_by_name():
    with pytest.raises(RuntimeError, match="no entry for the engine's parameter.*beta"):
        read_parameters(text_of({"alpha": entry()}), declared=("alpha", "beta"))


def test_a_file_naming_an_undeclared_parameter_is_refused_by_name():
    with pytest.raises(RuntimeError, match="gamma, which no engine module declares"):
        read_parameters(text_of({"alpha": entry(), "gamma": entry()}), declared=("alpha",))


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ({"value": "high", "doc": "d", "reason": "r"}, "'alpha' needs a numeric 'value'"),
        ({"value": True, "doc": "d", "reason": "r"}, "'alpha' needs a numeric 'value'"),
        ({"value": 1.0, "doc": "d"}, "'alpha' needs a non-empty 'reason'"),
        ({"value": 1.0, "doc": " ", "reason": "r"}, "'alpha' needs a non-empty 'doc'"),
        ({"value": 1.0, "doc": "d", "reason": "r", "unit": "m"}, "'alpha' has unknown field"),
    ],
)
def test_a_broken_entry_is_refused_by_name(broken, message):
    with pytest.raises(RuntimeError, match=message):
        read_parameters(text_of({"alpha": broken}), declared=("alpha",))


def test_the_shipped_file_passes_the_loader():
    entries = read_parameters(
        resources.files("politburo.scenario").joinpath("parameters.yaml").read_text("utf-8")
    )
    assert {e.name for e in entries} == set(NAMES)


def test_no_parameter_is_declared_once_the_registry_is_sealed():
    with pytest.raises(RuntimeError, match="after the registry was sealed"):
        parameter("a_late_parameter")
    assert "a_late_parameter" not in registry.NAMES
