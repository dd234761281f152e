"""The log's declarations: every kind of row is declared by the module that
writes it, with what each column means, and decoding follows the declarations."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import numpy as np
import pytest

import politburo.model
from politburo.model import journal
from politburo.model.journal import (
    LOG_COLUMNS,
    LOG_KIND_BY_NAME,
    LOG_KIND_NAMES,
    LOG_KINDS,
    decode,
    encode,
    join_mask,
    log_columns,
    log_kind,
    split_mask,
)

MODEL = Path(politburo.model.__file__).parent
KIND_NAMES = {
    "death",
    "stroke",
    "document_published",
    "document_suppressed",
    "recruitment",
    "crisis",
    "heir",
    "congress",
    "coalition",
    "motion_passed",
    "motion_failed",
    "overturned",
    "appointed",
    "vacated",
    "abolished",
    "foreign_pressure",
    "restored",
    "force_arrest",
    "force_failed",
    "promoted",
    "faction",
    "appeal",
    "recant",
    "shift",
    "cadre_won",
    "eliminated",
    "dominant",
    "readmitted",
    "line",
    "strongest",
}


def _declared_and_written(source: str) -> tuple[set[str], set[str]]:
    """The ``L_*`` names a module assigns from ``log_kind(...)`` and those it
    passes to ``record(...)``."""
    tree = ast.parse(source)
    declared, written = set(), set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == "log_kind"
        ):
            declared.update(target.id for target in node.targets)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "record":
            written.update(arg.id for arg in node.args if getattr(arg, "id", "").startswith("L_"))
    return declared, written


def test_each_module_declares_the_kinds_it_writes() -> None:
    everywhere = set()
    for path in sorted(MODEL.glob("*.py")):
        declared, written = _declared_and_written(path.read_text())
        assert written <= declared, f"{path.name} writes {sorted(written - declared)} undeclared"
        everywhere |= declared
    assert len(everywhere) == len(LOG_KINDS)


def test_kinds_are_numbered_in_order_and_keep_their_names() -> None:
    assert set(LOG_KIND_NAMES) == KIND_NAMES
    assert [kind.number for kind in LOG_KINDS] == list(range(len(LOG_KINDS)))
    assert LOG_KIND_NAMES == tuple(kind.name for kind in LOG_KINDS)
    for path in sorted(MODEL.glob("*.py")):
        module = importlib.import_module(f"politburo.model.{path.stem}")
        for name in _declared_and_written(path.read_text())[0]:
            number = getattr(module, name)
            assert type(number) is int  # a plain global, frozen into the compiled engine
            assert LOG_KINDS[number].name == name.removeprefix("L_").lower()


def test_every_kind_says_what_it_is_and_what_its_fields_mean() -> None:
    for kind in LOG_KINDS:
        assert kind.doc and kind.fields, kind.name
        columns = [column for field in kind.fields for column in field.columns]
        assert len(columns) == len(set(columns)), kind.name
        for field in kind.fields:
            assert field.doc, (kind.name, field.name)
            assert set(field.columns) <= set(LOG_COLUMNS[2:])


def test_declaring_after_the_registry_is_sealed_is_refused() -> None:
    with pytest.raises(RuntimeError, match="sealed"):
        log_kind("late", "a kind declared too late", actor="who")


@pytest.mark.parametrize(
    "mask", [0, 1, 0b1110, (1 << 31) - 1, 1 << 31, (1 << 40) | 5, (1 << 62) - 1]
)
def test_a_split_bitmask_joins_back(mask: int) -> None:
    high, low = split_mask(mask)
    assert 0 <= high < 2**31 and 0 <= low < 2**31  # each part fits an int32 column
    assert join_mask(high, low) == mask
    row = np.array(encode("coalition", 7, strongest=1, members=mask), np.int32)
    assert decode(row).members == mask
    assert log_columns(row[None, :])["extra"][0] == mask


def test_a_row_decodes_to_its_declared_fields() -> None:
    rng = np.random.default_rng(0)
    for kind in LOG_KINDS:
        values = {field.name: int(rng.integers(-1, 100)) for field in kind.fields}
        if "members" in values:
            values["members"] = abs(values["members"])
        entry = decode(np.array(encode(kind.name, 5, **values), np.int32))
        assert entry.kind == kind.name and entry.month == 5
        assert entry._asdict() == {"kind": kind.name, "month": 5, **values}


def test_log_columns_name_a_whole_log() -> None:
    rows = np.array(
        [
            encode("congress", 2, leader=3, body=1, bloc_percent=40, unaligned_percent=10),
            encode("coalition", 3, strongest=1, body=0, members=(1 << 33) | 2),
        ],
        np.int32,
    )
    named = log_columns(rows)
    assert list(named) == list(LOG_COLUMNS)
    assert named["month"].tolist() == [2, 3]
    assert named["kind"].tolist() == [LOG_KIND_BY_NAME[k].number for k in ("congress", "coalition")]
    assert named["actor"].tolist() == [3, 1]
    assert named["other"].tolist() == [-1, -1]  # the mask's high part is folded into extra
    assert named["extra"].tolist() == [0, (1 << 33) | 2]


def test_an_undeclared_kind_is_kept_raw() -> None:
    row = [4, len(LOG_KINDS) + 3, 1, 2, 3, 4, 5, 6, 7]
    entry = decode(np.array(row, np.int32))
    assert isinstance(entry, journal.UndeclaredEntry)
    assert entry.number == len(LOG_KINDS) + 3 and entry.row == tuple(row)
