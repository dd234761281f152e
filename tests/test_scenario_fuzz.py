"""Broken scenarios of every shape fail as a located ScenarioError, never a crash.

The valid fixture ``data/minimal.yaml`` is mutated either as data (keys
deleted, values replaced by other types, items duplicated, ids swapped) and
written back as YAML, or as text (truncated, garbage inserted).  Loading must
then either succeed or raise ScenarioError with a usable location.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from politburo.scenario import ScenarioError, load_scenario_text

MINIMAL = Path(__file__).parent / "data" / "minimal.yaml"
BASE_TEXT = MINIMAL.read_text(encoding="utf-8")
BASE_DATA = yaml.safe_load(BASE_TEXT)
FILE = "fuzz.yaml"

Path_ = tuple[str | int, ...]

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- walking the data ---------------------------------------------------------------


def all_paths(value: Any, prefix: Path_ = ()) -> list[Path_]:
    """Paths to every value below ``value``, parents before children."""
    children: list[tuple[str | int, Any]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    paths: list[Path_] = []
    for key, child in children:
        paths.append((*prefix, key))
        paths.extend(all_paths(child, (*prefix, key)))
    return paths


def parent_of(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def value_at(data: Any, path: Path_) -> Any:
    return parent_of(data, path)[path[-1]]


def is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def known_ids() -> list[str]:
    return sorted({value_at(BASE_DATA, path) for path in all_paths(BASE_DATA) if path[-1] == "id"})


# --- values a scalar may be replaced with -------------------------------------------


months = st.builds(
    lambda year, month: f"{year:04d}-{month:02d}", st.integers(0, 9999), st.integers(0, 99)
)
junk_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    months,
    st.sampled_from(["1923-01-15", "1923-1", "", " ", "null", "cadres", "top"]),
    st.sampled_from(known_ids()),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


# --- mutations of the data ----------------------------------------------------------


def delete_key(data: Any, draw: st.DrawFn) -> None:
    paths = [path for path in all_paths(data) if isinstance(parent_of(data, path), dict)]
    path = draw(st.sampled_from(paths))
    del parent_of(data, path)[path[-1]]


def replace_scalar(data: Any, draw: st.DrawFn) -> None:
    paths = [path for path in all_paths(data) if is_scalar(value_at(data, path))]
    path = draw(st.sampled_from(paths))
    parent_of(data, path)[path[-1]] = draw(junk_values)


def duplicate_item(data: Any, draw: st.DrawFn) -> None:
    paths = [
        path
        for path in all_paths(data)
        if isinstance(value_at(data, path), list) and value_at(data, path)
    ]
    items = value_at(data, draw(st.sampled_from(paths)))
    index = draw(st.integers(0, len(items) - 1))
    items.insert(draw(st.integers(0, len(items))), copy.deepcopy(items[index]))


def swap_ids(data: Any, draw: st.DrawFn) -> None:
    paths = [
        path
        for path in all_paths(data)
        if path[-1] == "id"
        or isinstance(value_at(data, path), str)
        and value_at(data, path) in known_ids()
    ]
    first, second = draw(st.lists(st.sampled_from(paths), min_size=2, max_size=2, unique=True))
    a, b = value_at(data, first), value_at(data, second)
    parent_of(data, first)[first[-1]], parent_of(data, second)[second[-1]] = b, a


MUTATIONS = [delete_key, replace_scalar, duplicate_item, swap_ids]


@st.composite
def mutated_data_texts(draw: st.DrawFn) -> str:
    data = copy.deepcopy(BASE_DATA)
    for mutate in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        mutate(data, draw)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# --- mutations of the text ----------------------------------------------------------


YAML_PUNCTUATION = list(":-[]{}&*!|>'\"%@`#,?\\ \t\n\r") + ["\x00", "\x85", "\u2028", "\ufeff"]
garbage = st.text(
    st.one_of(st.sampled_from(YAML_PUNCTUATION), st.characters()), min_size=1, max_size=8
)


@st.composite
def truncated_texts(draw: st.DrawFn) -> str:
    return BASE_TEXT[: draw(st.integers(0, len(BASE_TEXT)))]


@st.composite
def garbled_texts(draw: st.DrawFn) -> str:
    text = BASE_TEXT
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(garbage) + text[at:]
    return text


# --- the property -------------------------------------------------------------------


def assert_loads_or_is_located(text: str, whole_file_possible: bool) -> None:
    try:
        load_scenario_text(text, file=FILE)
    except ScenarioError as error:
        assert error.file == FILE
        assert error.message
        assert "\n" not in str(error)
        if error.line is None:
            # Only problems with the whole file have no line.
            assert whole_file_possible and error.field == "", str(error)
        else:
            assert isinstance(error.line, int)
            assert 1 <= error.line <= len(text.splitlines()) + 1, str(error)


@settings(FUZZ, max_examples=100)
@given(mutated_data_texts())
def test_mutated_data_fails_only_with_a_located_error(text: str) -> None:
    assert_loads_or_is_located(text, whole_file_possible=False)


@settings(FUZZ, max_examples=40)
@given(truncated_texts())
def test_truncated_text_fails_only_with_a_located_error(text: str) -> None:
    assert_loads_or_is_located(text, whole_file_possible=True)


@settings(FUZZ, max_examples=60)
@given(garbled_texts())
def test_garbled_text_fails_only_with_a_located_error(text: str) -> None:
    assert_loads_or_is_located(text, whole_file_possible=True)


def test_unmutated_fixture_loads() -> None:
    assert load_scenario_text(BASE_TEXT, file=FILE).meta.id == "minimal"
