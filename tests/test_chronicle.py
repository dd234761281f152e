"""The chronicle: every kind of log row told as a dated English sentence.

Real histories of both built-in scenarios are told for many seeds; a made-up
log holding one row of every kind (and every sanction) makes sure no teller is
left untried, whatever the engine happens to produce.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

import politburo
from politburo.model import world as w
from politburo.report.chronicle import (
    TELLERS,
    Names,
    chronicle,
    entries,
    history_json,
    outcome,
    outcome_lines,
)
from politburo.scenario.compile import Compiled

DATED = re.compile(r"^\d{4}-(0[1-9]|1[0-2])  \S")
SCENARIOS = ("ussr-1924", "junta")
SEEDS = range(30)


@pytest.fixture(scope="module", params=SCENARIOS)
def compiled(request: pytest.FixtureRequest) -> Compiled:
    return politburo.load(request.param)


def test_every_log_kind_has_a_teller() -> None:
    assert sorted(TELLERS) == list(range(len(w.LOG_KIND_NAMES)))


def test_real_histories_are_told_line_by_line(compiled: Compiled) -> None:
    ids = set(compiled.actor_ids)
    kinds_seen: set[str] = set()
    for seed in SEEDS:
        history = politburo.run(compiled, seed=seed)
        told = entries(history)
        assert len(told) == len(history.log)
        for entry, line in zip(told, chronicle(history), strict=True):
            assert DATED.match(line), line
            assert entry.kind in w.LOG_KIND_NAMES
            assert "Log entry of kind" not in entry.text
            assert set(entry.actors) <= ids
            assert entry.body is None or entry.body in compiled.body_ids
            assert "nobody's" not in entry.text, line
            kinds_seen.add(entry.kind)
        dates = [entry.date for entry in told]
        assert dates == sorted(dates)
        summary = outcome_lines(history)
        assert summary and ("became dominant" in summary[0])
    # The common kinds turn up in any thirty histories.
    assert {"coalition", "motion_passed", "appointed", "eliminated", "congress"} <= kinds_seen


def test_outcome_matches_the_history(compiled: Compiled) -> None:
    for seed in range(5):
        history = politburo.run(compiled, seed=seed)
        result = outcome(history)
        if history.leader >= 0:
            assert result.leader == compiled.actor_ids[history.leader]
            assert result.date == compiled.month_label(history.leader_month)
        else:
            assert result.leader is None and result.date is None
        fallen = [a for a in range(len(compiled.actor_ids)) if history.eliminated[a] != w.NO_MONTH]
        assert sorted(e.actor for e in result.eliminations) == sorted(
            compiled.actor_ids[a] for a in fallen
        )
        months = [e.date for e in result.eliminations]
        assert months == sorted(months)
        logged = [
            compiled.actor_ids[int(row[w.LOG_ACTOR])]
            for row in history.log
            if row[w.LOG_KIND] == w.L_ELIMINATED
        ]
        assert logged == [e.actor for e in result.eliminations]


def test_history_json_shape() -> None:
    history = politburo.run("junta", seed=3)
    data = history_json(history)
    assert list(data) == ["scenario", "seed", "events", "outcome"]
    assert data["scenario"] == "junta" and data["seed"] == 3
    for event in data["events"]:
        assert list(event) == ["date", "type", "actors", "body", "text"]
    assert list(data["outcome"]) == ["leader", "date", "eliminations"]
    for fall in data["outcome"]["eliminations"]:
        assert list(fall) == ["actor", "date", "manner"]
        assert fall["manner"] in w.MANNER_NAMES


def _row(kind: int, actor=-1, other=-1, body=-1, office=-1, ayes=0, noes=0, extra=0):
    return [3, kind, actor, other, body, office, ayes, noes, extra]


def _synthetic_log(compiled: Compiled) -> np.ndarray:
    """One row of every kind, every sanction for motions, and the edge cases."""
    scenario = compiled.scenario
    events = sorted(scenario.events, key=lambda e: e.date)
    first = {
        kind: next((i for i, e in enumerate(events) if e.kind == kind), 0)
        for kind in ("document", "crisis", "designate_heir")
    }
    top = compiled.top
    wave = len(scenario.cadres)
    rows = [
        _row(w.L_DEATH, actor=1),
        _row(w.L_STROKE, actor=1, ayes=1),
        _row(w.L_STROKE, actor=2, ayes=0),
        _row(w.L_DOCUMENT_PUBLISHED, 1, 0, top, 0, 4, 2, first["document"]),
        _row(w.L_DOCUMENT_SUPPRESSED, 1, 0, top, -1, 2, 4, first["document"]),
        _row(w.L_RECRUITMENT, actor=2, ayes=240, extra=wave),
        _row(w.L_RECRUITMENT, actor=-1, ayes=30, extra=wave),
        _row(w.L_CRISIS, extra=first["crisis"]),
        _row(w.L_HEIR, actor=1, extra=first["designate_heir"]),
        _row(w.L_CONGRESS, actor=2, body=top, ayes=48, noes=20),
        _row(w.L_CONGRESS, actor=-1, body=top, ayes=0, noes=100),
        _row(w.L_COALITION, actor=2, other=0, body=top, ayes=3, noes=2, extra=0b1110),
        _row(w.L_COALITION, actor=-1, other=0, body=top, ayes=0, noes=5, extra=0),
        _row(w.L_COALITION, actor=3, other=0, body=top, ayes=1, noes=4, extra=0b1000),
        _row(w.L_APPOINTED, 2, 3, top, 1),
        _row(w.L_APPOINTED, 2, 2, top, 1),
        _row(w.L_PROMOTED, 2, 3, top, extra=w.FULL),
        _row(w.L_PROMOTED, 2, 3, top, extra=w.CANDIDATE),
        _row(w.L_FACTION, 1, 2),
        _row(w.L_FACTION, 1, -1),
        _row(w.L_APPEAL, 1),
        _row(w.L_RECANT, 1),
        _row(w.L_SHIFT, 1, ayes=50, noes=20, extra=0),
        _row(w.L_SHIFT, 1, ayes=-40, noes=10, extra=0),
        _row(w.L_CADRE_WON, 2, 3, office=0, extra=0),
        _row(w.L_CADRE_WON, 2, -1, office=0, extra=wave),
        _row(w.L_DOMINANT, 2, body=top, ayes=5, noes=4, extra=0),
        _row(w.L_READMITTED, 1, 2, top, ayes=30, noes=10, extra=w.S_READMIT),
        _row(w.L_LINE, -1, -1, top, ayes=40, noes=10, extra=0),
    ]
    for manner in range(len(w.MANNER_NAMES)):
        rows.append(_row(w.L_ELIMINATED, actor=1, extra=manner))
    for sanction in range(w.N_SANCTIONS):
        for kind in (w.L_MOTION_PASSED, w.L_MOTION_FAILED):
            rows.append(_row(kind, 2, 1, top, 0, 41, 9, sanction))
        rows.append(_row(w.L_OVERTURNED, 1, 2, top, 0, 12, 28, sanction))
    return np.array(rows, np.int32)


def test_every_kind_and_sanction_is_told(compiled: Compiled) -> None:
    history = politburo.run(compiled, seed=0)
    fake = dataclasses.replace(history, log=_synthetic_log(compiled))
    names = Names(compiled)
    told = entries(fake)
    assert {entry.kind for entry in told} == set(w.LOG_KIND_NAMES)
    for entry in told:
        assert DATED.match(entry.line), entry.line
        assert entry.text.endswith((".", ")")), entry.line
        assert "Log entry of kind" not in entry.text
    by_kind = {entry.kind: entry for entry in reversed(told)}
    assert "41 votes to 9" in by_kind["motion_passed"].text
    ordered = sorted(compiled.scenario.events, key=lambda e: e.date)
    crises = [e for e in ordered if e.kind == "crisis"]
    if crises and crises[0].text:
        assert by_kind["crisis"].text == crises[0].text
    coalition = next(e for e in told if e.kind == "coalition")
    assert coalition.actors[0] == compiled.actor_ids[2]
    assert set(coalition.actors) == {compiled.actor_ids[i] for i in (1, 2, 3)}
    assert names.actor(2) in coalition.text
    removal = next(e for e in told if e.kind == "motion_passed")
    assert names.office(0) in removal.text
    data = history_json(fake)
    assert len(data["events"]) == len(fake.log)


def test_surname_clash_falls_back_to_full_names() -> None:
    compiled = politburo.load("junta")
    actors = list(compiled.scenario.actors)
    twin = actors[1].model_copy(
        update={"id": "twin", "name": "Jorge " + actors[1].name.split()[-1]}
    )
    scenario = compiled.scenario.model_copy(update={"actors": [*actors, twin]})
    names = Names(dataclasses.replace(compiled, scenario=scenario))
    assert names.actor(1) == actors[1].name
    assert names.actor(2) == actors[2].name.split()[-1]
