"""Force outside any vote: only where the rules make it thinkable, only by men
who command troops or police, and only as far as the others stand by."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import yaml

import politburo
from politburo.experiments.audit import audit_history
from politburo.experiments.runner import play_batch
from politburo.model.journal import decode
from politburo.scenario.schema import Scenario

DATA = Path(__file__).parent / "data"
BASE = yaml.safe_load((DATA / "minimal.yaml").read_text())
RUNS = 200


def garrison(force: bool, protected: bool = False) -> dict:
    """Zinoviev, bold and ambitious, commands the capital garrison; Trotsky,
    whom he hates, sits beside him; Stalin commands the police and, if
    ``protected``, counts Trotsky among his clients."""
    data = copy.deepcopy(BASE)
    data["offices"] += [
        {
            "id": "garrison",
            "name": "Commander of the capital garrison",
            "holder": "zinoviev",
            "filled_by": "politburo",
            "resources": {"army": 1.0},
            "source": "carr",
        },
        {
            "id": "police",
            "name": "Chief of the political police",
            "holder": "stalin",
            "filled_by": "politburo",
            "resources": {"security": 1.0},
            "source": "carr",
        },
    ]
    for person in data["actors"]:
        if person["id"] == "zinoviev":
            person["traits"].update(ambition=0.9, caution=0.2)
        if person["id"] == "trotsky" and protected:
            person["patron"] = "stalin"
    data["relations"] = [{"between": ["zinoviev", "trotsky"], "trust": -0.9, "source": "carr"}]
    if force:
        data["rules"].append(
            {
                "id": "barracks",
                "name": "Rule of the barracks",
                "kind": "force",
                "strength": 1.0,
                "source": "carr",
            }
        )
    return data


def plots(data: dict) -> tuple[int, int, list]:
    """(arrests, failed plots, (compiled, run, log) per history)."""
    compiled = politburo.load(Scenario.model_validate(data))
    rows = play_batch(compiled, 7, 0, RUNS, events=True).events
    arrests = failed = 0
    logs = []
    for run in range(RUNS):
        log = rows[rows[:, 0] == run][:, 1:]
        kinds = [decode(row).kind for row in log]
        arrests += kinds.count("force_arrest")
        failed += kinds.count("force_failed")
        logs.append((compiled, run, log))
    return arrests, failed, logs


def test_force_needs_a_rule_that_makes_it_thinkable():
    arrests, failed, _ = plots(garrison(force=True))
    assert arrests + failed > 20
    assert plots(garrison(force=False))[:2] == (0, 0)


def arrests_of(data: dict, plotter: str, victim: str) -> int:
    count = 0
    for compiled, _, log in plots(data)[2]:
        for entry in map(decode, log):
            count += (
                entry.kind == "force_arrest"
                and entry.plotter == compiled.actor_index(plotter)
                and entry.victim == compiled.actor_index(victim)
            )
    return count


def test_a_victim_an_armed_colleague_would_defend_is_seldom_taken():
    exposed = arrests_of(garrison(force=True), "zinoviev", "trotsky")
    defended = arrests_of(garrison(force=True, protected=True), "zinoviev", "trotsky")
    assert exposed > 10
    assert defended < exposed / 2


def test_only_the_armed_plot_and_the_arrested_are_out_for_good():
    _, _, logs = plots(garrison(force=True))
    taken = 0
    for compiled, run, log in logs:
        armed = {
            compiled.office_ids.index(o): compiled.actor_index(h)
            for o, h in (("garrison", "zinoviev"), ("police", "stalin"))
        }
        for entry in map(decode, log):
            if entry.kind == "appointed" and entry.office in armed:
                armed[entry.office] = entry.holder
            elif entry.kind == "vacated" and entry.office in armed:
                armed[entry.office] = -1
            elif entry.kind in ("force_arrest", "force_failed"):
                assert entry.plotter in armed.values()  # only a man with troops or police
                taken += entry.kind == "force_arrest"
        # The arrested never act again (the audit replays his fall).
        assert not [v for v in audit_history(compiled, run, log) if v.rule == "after_the_fall"]
    assert taken > 0


def test_the_junta_uses_force_and_the_soviet_case_does_not():
    junta = play_batch(politburo.load("junta"), 3, 0, RUNS, events=True).events
    soviet = play_batch(politburo.load("ussr-1924"), 3, 0, RUNS, events=True).events
    kinds = {decode(row[1:]).kind for row in junta}
    assert kinds & {"force_arrest", "force_failed"}
    assert not np.isin(
        [decode(row[1:]).kind for row in soviet], ["force_arrest", "force_failed"]
    ).any()


# --- a junta that decides by unanimity ---------------------------------------------


def passed_votes(voting: str) -> list[tuple[int, int]]:
    data = copy.deepcopy(BASE)
    data["bodies"][0]["voting"] = voting
    compiled = politburo.load(Scenario.model_validate(data))
    rows = play_batch(compiled, 5, 0, RUNS, events=True).events
    return [
        (entry.ayes, entry.noes)
        for entry in (decode(row[1:]) for row in rows)
        if entry.kind == "motion_passed" and entry.body == 0
    ]


def test_one_vote_against_stops_a_unanimous_body_but_not_the_accused_s_own():
    unanimous = passed_votes("unanimous")
    assert unanimous  # the accused has no veto, so members can still be removed
    assert all(noes == 0 for _, noes in unanimous)
    assert any(noes > 0 for _, noes in passed_votes("majority"))
