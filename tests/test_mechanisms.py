"""Mechanism tests: small constructed scenarios whose effects must show in the results."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
import yaml

import politburo
from politburo.experiments.runner import run_ensemble
from politburo.model.conduct import L_FACTION
from politburo.model.events import L_DEATH
from politburo.model.journal import LOG_ACTOR, LOG_KIND, LOG_MONTH, LOG_OTHER
from politburo.model.motions import L_MOTION_PASSED
from politburo.model.patronage import L_CADRE_WON
from politburo.model.world import NO_MONTH
from politburo.scenario.schema import Scenario

BASE = yaml.safe_load((Path(__file__).parent / "data" / "minimal.yaml").read_text())
MONTHS = 96  # 1923-01 .. 1930-12


def fresh() -> dict:
    return copy.deepcopy(BASE)


def compile_(data: dict):
    return politburo.load(Scenario.model_validate(data))


def actor(data: dict, actor_id: str) -> dict:
    return next(a for a in data["actors"] if a["id"] == actor_id)


def cadre_wins(appointment: float, runs: int = 20) -> int:
    data = fresh()
    data["offices"][0]["resources"] = {"appointment": appointment}
    compiled = compile_(data)
    stalin = compiled.actor_index("stalin")
    wins = 0
    for seed in range(runs):
        log = politburo.run(compiled, seed=seed).log
        wins += int(np.sum((log[:, LOG_KIND] == L_CADRE_WON) & (log[:, LOG_ACTOR] == stalin)))
    return wins


def test_appointment_power_wins_cadres_for_the_appointer():
    with_power = cadre_wins(0.9)
    without = cadre_wins(0.0)
    assert with_power >= 10  # most histories see at least one cadre turned
    assert without == 0


def factionalist_sanctions(ban: float | None, runs: int = 300) -> tuple[int, float]:
    """(number of factionalists, share of them hit by a passed motion after organising)."""
    data = fresh()
    actor(data, "trotsky")["traits"].update(ambition=0.9, caution=0.15)
    if ban is None:
        data["rules"] = []
    else:
        data["rules"][0]["strength"] = ban
    compiled = compile_(data)
    factionalists = 0
    sanctioned = 0
    for seed in range(runs):
        log = politburo.run(compiled, seed=seed).log
        factions = log[log[:, LOG_KIND] == L_FACTION]
        for who in np.unique(factions[:, LOG_ACTOR]):
            first = factions[factions[:, LOG_ACTOR] == who][:, LOG_MONTH].min()
            hit = (
                (log[:, LOG_KIND] == L_MOTION_PASSED)
                & (log[:, LOG_OTHER] == who)
                & (log[:, LOG_MONTH] >= first)
            )
            factionalists += 1
            sanctioned += bool(hit.any())
    return factionalists, sanctioned / max(factionalists, 1)


def test_faction_ban_raises_the_chance_a_factionalist_is_sanctioned():
    n_ban, share_ban = factionalist_sanctions(2.0)
    n_free, share_free = factionalist_sanctions(None)
    assert n_ban >= 50 and n_free >= 50  # enough factionalists to compare
    assert share_ban > share_free + 0.1


def mean_elimination_month(oratory: float, seed: int) -> tuple[float, float]:
    data = fresh()
    actor(data, "zinoviev")["traits"]["oratory"] = oratory
    compiled = compile_(data)
    ens = run_ensemble(compiled, 300, seed=seed)
    months = ens.eliminated[:, compiled.actor_index("zinoviev")]
    eliminated = months != NO_MONTH
    return float(np.where(eliminated, months, MONTHS).mean()), float(eliminated.mean())


@pytest.mark.parametrize("seed", [3, 11])
def test_a_visible_actor_is_struck_down_earlier(seed):
    # Oratory feeds natural visibility (and so how much of one's power rivals see).
    visible, _ = mean_elimination_month(0.95, seed)
    hidden, _ = mean_elimination_month(0.05, seed)
    assert visible < hidden - 2.0


def test_same_seed_same_history_and_seeds_differ():
    compiled = compile_(fresh())
    logs = [politburo.run(compiled, seed=seed).log for seed in range(10)]
    again = politburo.run(compiled, seed=4)
    np.testing.assert_array_equal(logs[4], again.log)
    assert np.array_equal(politburo.run(compiled, seed=4).eliminated, again.eliminated)
    distinct = {log.tobytes() for log in logs}
    assert len(distinct) > 1


def test_death_event_kills_the_actor_that_month():
    data = fresh()
    data["events"].append(
        {
            "date": "1923-06",
            "kind": "death",
            "actor": "trotsky",
            "text": "Test death.",
            "source": "carr",
        }
    )
    compiled = compile_(data)
    trotsky = compiled.actor_index("trotsky")
    month = 5  # 1923-06
    assert compiled.month_label(month) == "1923-06"
    for seed in range(5):
        history = politburo.run(compiled, seed=seed)
        log = history.log
        deaths = log[(log[:, LOG_KIND] == L_DEATH) & (log[:, LOG_ACTOR] == trotsky)]
        assert deaths.shape[0] == 1
        assert deaths[0, LOG_MONTH] == month
        # He may have lost his base earlier; at the latest, death ends his contest.
        assert 0 <= history.eliminated[trotsky] <= month
        # Nothing is done by him afterwards.
        assert not np.any((log[:, LOG_ACTOR] == trotsky) & (log[:, LOG_MONTH] > month))
