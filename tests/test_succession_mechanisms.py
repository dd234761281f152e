"""Succession mechanisms beyond the Soviet case: terror, a protected heir,
appeals to a wider body, the return of a purged figure and the police veto.

Each test builds a small scenario (from tests/data/minimal.yaml or the
built-in junta), runs a few hundred histories and checks that the mechanism
shows in the chronicle.
"""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
import yaml

import politburo
from politburo.experiments.runner import run_ensemble
from politburo.model.conduct import L_RECANT
from politburo.model.events import L_DEATH, L_STROKE
from politburo.model.journal import (
    LOG_ACTOR,
    LOG_BODY,
    LOG_EXTRA,
    LOG_KIND,
    LOG_MONTH,
    LOG_OFFICE,
    LOG_OTHER,
)
from politburo.model.motions import L_MOTION_PASSED, L_OVERTURNED, L_READMITTED
from politburo.model.offices import L_APPOINTED, L_VACATED
from politburo.model.world import (
    NO_MONTH,
    S_ARREST,
    S_EXECUTE,
    S_EXILE,
    S_EXPEL,
)
from politburo.scenario.schema import Scenario

DATA = Path(__file__).parent / "data"
BASE = yaml.safe_load((DATA / "minimal.yaml").read_text())
JUNTA = yaml.safe_load(
    (Path(politburo.__file__).parent / "scenario" / "builtin" / "junta.yaml").read_text()
)
MONTHS = 96  # minimal.yaml: 1923-01 .. 1930-12


def compile_(data: dict):
    return politburo.load(Scenario.model_validate(data))


def actor(data: dict, actor_id: str) -> dict:
    return next(a for a in data["actors"] if a["id"] == actor_id)


def without_rules(data: dict, kind: str) -> dict:
    data["rules"] = [rule for rule in data["rules"] if rule["kind"] != kind]
    return data


def logs(compiled, runs: int = 300):
    for seed in range(runs):
        yield politburo.run(compiled, seed=seed).log


def outcast(prestige: float, terror: bool) -> dict:
    """Minimal scenario in which Trotsky starts outside the party, never
    recants and is hated by the whole Politburo, which may exile, arrest and
    execute."""
    data = copy.deepcopy(BASE)
    trotsky = actor(data, "trotsky")
    trotsky["status"] = "expelled"
    trotsky["prestige"] = prestige
    trotsky["traits"]["conviction"] = 1.0  # the unbending never recant
    data["relations"] = [
        {"between": [other, "trotsky"], "trust": -1.0, "source": "carr"}
        for other in ("lenin", "stalin", "zinoviev")
    ]
    data["bodies"][0]["decides"] += ["exile", "arrest", "execute"]
    if terror:
        data["rules"].append(
            {
                "id": "red_terror",
                "name": "Red terror",
                "kind": "terror",
                "strength": 1.0,
                "start": "1923-01",
                "source": "carr",
            }
        )
    return data


# 1. Terror -----------------------------------------------------------------


def terror_histories(data: dict, runs: int = 300) -> int:
    compiled = compile_(data)
    hits = 0
    for log in logs(compiled, runs):
        passed = log[log[:, LOG_KIND] == L_MOTION_PASSED]
        hits += bool(np.isin(passed[:, LOG_EXTRA], [S_ARREST, S_EXECUTE]).any())
    return hits


def test_terror_rule_allows_arrest_and_execution():
    with_terror = terror_histories(outcast(0.1, terror=True))
    without = terror_histories(outcast(0.1, terror=False))
    assert with_terror >= 50  # about half of 300 histories in practice
    assert without == 0


def test_junta_without_its_emergency_decree_arrests_and_shoots_no_one():
    assert terror_histories(without_rules(copy.deepcopy(JUNTA), "terror")) == 0


# 2. Heir protection --------------------------------------------------------


def heir_fate(protected: bool, seed: int) -> tuple[float, float]:
    """(mean elimination month, share eliminated) of a designated heir."""
    data = copy.deepcopy(BASE)
    data["events"].append(
        {
            "date": "1923-01",
            "kind": "designate_heir",
            "actor": "trotsky",
            "magnitude": 1.0,
            "text": "Lenin names Trotsky his heir.",
            "source": "carr",
        }
    )
    if protected:
        data["rules"].append(
            {
                "id": "heir_protection",
                "name": "The founder's designation",
                "kind": "heir_protection",
                "strength": 1.0,
                "start": "1923-01",
                "source": "carr",
            }
        )
    compiled = compile_(data)
    months = run_ensemble(compiled, 300, seed=seed).eliminated[:, compiled.actor_index("trotsky")]
    eliminated = months != NO_MONTH
    return float(np.where(eliminated, months, MONTHS).mean()), float(eliminated.mean())


@pytest.mark.parametrize("seed", [1, 2])
def test_heir_protection_keeps_the_heir_longer(seed):
    protected, share_protected = heir_fate(True, seed)
    exposed, share_exposed = heir_fate(False, seed)
    assert protected > exposed + 4.0  # about 25 against 17 months in practice
    assert share_protected <= share_exposed


# 3. Appeal -----------------------------------------------------------------


def overturned(data: dict, runs: int = 300) -> tuple[int, set[int]]:
    compiled = compile_(data)
    rows = 0
    bodies: set[int] = set()
    for log in logs(compiled, runs):
        hits = log[log[:, LOG_KIND] == L_OVERTURNED]
        rows += hits.shape[0]
        bodies.update(int(b) for b in hits[:, LOG_BODY])
    return rows, bodies


def test_appeal_to_the_assembly_overturns_some_council_motions():
    compiled = compile_(copy.deepcopy(JUNTA))
    rows, bodies = overturned(copy.deepcopy(JUNTA))
    assert rows >= 5  # about 30 in 300 histories in practice
    assert bodies == {compiled.body_ids.index("assembly")}  # decided on appeal


def test_without_appeal_nothing_is_overturned():
    data = copy.deepcopy(JUNTA)
    for body in data["bodies"]:
        body.pop("appeal_to", None)
    rows, _ = overturned(data)
    assert rows == 0


# 4. Readmission ------------------------------------------------------------


def test_a_recanted_outcast_is_sometimes_readmitted():
    compiled = politburo.load("ussr-1924")
    readmissions = 0
    for log in logs(compiled, 300):
        for row in log[log[:, LOG_KIND] == L_READMITTED]:
            who, month = row[LOG_ACTOR], row[LOG_MONTH]
            readmissions += 1
            earlier = log[:, LOG_MONTH] <= month
            recanted = earlier & (log[:, LOG_KIND] == L_RECANT) & (log[:, LOG_ACTOR] == who)
            expelled = (
                earlier
                & (log[:, LOG_KIND] == L_MOTION_PASSED)
                & (log[:, LOG_OTHER] == who)
                & (log[:, LOG_EXTRA] == S_EXPEL)
            )
            assert recanted.any(), "readmitted without recanting"
            assert expelled.any(), "readmitted without having been expelled"
    assert readmissions >= 1  # about 10 in 300 histories in practice


# 5. Police -----------------------------------------------------------------


def police_scenario(chief: str) -> dict:
    """Trotsky, an outcast, is Zinoviev's client; the OGPU is held by ``chief``."""
    data = outcast(0.05, terror=False)
    actor(data, "trotsky")["patron"] = "zinoviev"
    data["offices"].append(
        {
            "id": "ogpu",
            "name": "OGPU",
            "holder": chief,
            "filled_by": "politburo",
            "resources": {"security": 1.0},
            "source": "carr",
        }
    )
    return data


def protector_gone(log: np.ndarray, protector: int, office: int) -> int:
    """First month from which ``protector`` may no longer shield his client:
    he lost the security office, fell to expulsion or worse, died or was struck
    down; MONTHS if never."""
    kind = log[:, LOG_KIND]
    lost_office = (log[:, LOG_OFFICE] == office) & (
        (kind == L_APPOINTED) | (kind == L_MOTION_PASSED) | (kind == L_VACATED)
    )
    fell = (
        (kind == L_MOTION_PASSED)
        & (log[:, LOG_OTHER] == protector)
        & (log[:, LOG_EXTRA] >= S_EXPEL)
    )
    ill = ((kind == L_DEATH) | (kind == L_STROKE)) & (log[:, LOG_ACTOR] == protector)
    months = log[lost_office | fell | ill, LOG_MONTH]
    return int(months.min()) if months.size else MONTHS


def exiles(chief: str, runs: int = 300) -> tuple[int, int]:
    """(histories with Trotsky exiled, exiles passed while Zinoviev still stood)."""
    compiled = compile_(police_scenario(chief))
    trotsky = compiled.actor_index("trotsky")
    zinoviev = compiled.actor_index("zinoviev")
    office = compiled.office_ids.index("ogpu")
    histories = 0
    shielded = 0
    for log in logs(compiled, runs):
        hit = log[
            (log[:, LOG_KIND] == L_MOTION_PASSED)
            & (log[:, LOG_OTHER] == trotsky)
            & (log[:, LOG_EXTRA] == S_EXILE)
        ]
        if hit.shape[0] == 0:
            continue
        histories += 1
        gone = protector_gone(log, zinoviev, office if chief == "zinoviev" else -2)
        shielded += int(np.sum(hit[:, LOG_MONTH] < gone))
    return histories, shielded


def test_a_security_chief_in_the_victims_camp_blocks_exile():
    histories, shielded = exiles("zinoviev")
    assert shielded == 0  # exiled only once his patron no longer held the police
    other_histories, other_shielded = exiles("stalin")
    assert other_histories >= 20
    assert other_shielded >= 10  # with Stalin's police he goes while Zinoviev still stands
