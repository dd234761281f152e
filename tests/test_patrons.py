"""A foreign patron presses a small party's leadership: the fallen man he
presses for comes back, a rung at a time, while the pressure lasts."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

import politburo
from politburo.experiments.audit import audit_history
from politburo.experiments.runner import play_batch
from politburo.model.journal import decode
from politburo.scenario.schema import Scenario

DATA = Path(__file__).parent / "data"
BASE = yaml.safe_load((DATA / "minimal.yaml").read_text())
RUNS = 200


def purged(pressure: float | None) -> dict:
    """Trotsky starts expelled and unrepentant; from 1924-06 a foreign patron
    presses for him for a year (if ``pressure`` is given)."""
    data = copy.deepcopy(BASE)
    for person in data["actors"]:
        if person["id"] == "trotsky":
            person["status"] = "expelled"
            person["traits"]["conviction"] = 1.0  # he never recants
    data["bodies"][0]["decides"] = ["remove_office", "demote", "readmit"]
    if pressure is not None:
        data["events"].append(
            {
                "date": "1924-06",
                "kind": "foreign_pressure",
                "actor": "trotsky",
                "magnitude": pressure,
                "months": 12,
                "text": "Moscow and Beijing send a delegation to demand his reinstatement.",
                "source": "carr",
            }
        )
    return data


def returns(data: dict) -> tuple[list[list], object, list]:
    compiled = politburo.load(Scenario.model_validate(data))
    rows = play_batch(compiled, 9, 0, RUNS, events=True).events
    logs = [rows[rows[:, 0] == run][:, 1:] for run in range(RUNS)]
    restored = [[decode(row) for row in log if decode(row).kind == "restored"] for log in logs]
    return restored, compiled, logs


def test_the_fallen_man_returns_while_the_patron_presses():
    restored, compiled, logs = returns(purged(1.0))
    back = [entries for entries in restored if entries]
    assert len(back) > RUNS / 2
    for entries in back:
        assert 17 <= entries[0].month <= 28  # during the year of pressure
        assert [e.status for e in entries][:2] in ([3], [3, 2])  # party, then committee
    for run, log in enumerate(logs):
        assert not [v for v in audit_history(compiled, run, log) if v.rule == "after_the_fall"]


def test_without_a_patron_nobody_is_taken_back_unrepentant():
    restored, _, _ = returns(purged(None))
    assert not any(restored)


def test_pressure_too_weak_to_outweigh_the_majority_fails():
    strong = sum(bool(r) for r in returns(purged(1.0))[0])
    weak = sum(bool(r) for r in returns(purged(0.1))[0])
    assert weak < strong / 2
